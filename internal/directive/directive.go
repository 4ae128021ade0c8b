// Package directive is deskbook's own Markdown for a knowledge base, as
// goldmark extensions: notes (:::note[title] … :::, and :::tip,
// :::important, :::warning, :::caution), collapsible sections
// (:::details[label] … :::), tab sets (:::tabs with a ::tab[label] line
// starting each panel), includes of shared fragments (::include[path]) and
// variables ({{product}}). The syntax is that of the generic directives
// proposed for CommonMark (remark-directive, Docusaurus): a container is a
// line of three or more colons, a name and an optional [label], and ends
// at a line of at least as many colons.
//
// A block parser reads the directive lines into nodes of this package; an
// AST transformer, first of all, puts each included fragment's blocks in
// place of its ::include line, fills in variables and warns about syntax
// of other tools left in the text; node renderers write the HTML. The
// package knows nothing of the builder: a Page in the parser's context
// says where fragments are read from, what the variables are and where
// problems are reported.
//
// Every step takes time in proportion to the text: a line is read once
// per open directive and what it closes is worked out once per line;
// directives nest at most maxOpen deep; includes nest at most maxDepth
// deep and add at most maxIncluded bytes to a page.
package directive

import (
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Extension returns the goldmark extender of the directives. It adds a
// block parser, so a goldmark that replaces parsers (internal/inline)
// should come after it.
func Extension() goldmark.Extender { return &extender{} }

// extender keeps the parser configuration it was added to: a fragment is
// parsed with the same block and inline parsers, but none of the
// document's transformers, which run once over the whole document after
// the fragments are in place.
type extender struct {
	cfg  *parser.Config
	once sync.Once
	frag parser.Parser
}

func (e *extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(blocks{}, 150)),
		parser.WithASTTransformers(util.Prioritized(&transformer{e}, 50)),
		keepConfig{e},
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(htmlRenderer{}, 100)))
}

// keepConfig is the parser option that remembers the parser's
// configuration, which holds every parser once all extensions are added.
type keepConfig struct{ e *extender }

func (k keepConfig) SetParserOption(c *parser.Config) { k.e.cfg = c }

// fragments is the parser of included fragments, made on first use, when
// the configuration is complete.
func (e *extender) fragments() parser.Parser {
	e.once.Do(func() {
		c := e.cfg
		opts := []parser.Option{
			parser.WithBlockParsers(c.BlockParsers...),
			parser.WithInlineParsers(c.InlineParsers...),
			parser.WithParagraphTransformers(c.ParagraphTransformers...),
		}
		// No options: they are set on the block and inline parsers, which
		// this parser shares with the document's, already set up, and
		// setting them again would race with articles parsed meanwhile.
		if c.EscapedSpace {
			opts = append(opts, parser.WithEscapedSpace())
		}
		e.frag = parser.NewParser(opts...)
	})
	return e.frag
}

// reader is the reader of a page's source: goldmark's, but its Source is
// the page's buffer, which grows by each fragment the page includes, so
// that the transformers after this package's, and the renderer, read
// every node's text from one buffer.
type reader struct {
	text.Reader
	page *Page
}

func (r *reader) Source() []byte { return r.page.buf }

var pageKey = parser.NewContextKey()

// Set puts the page being parsed into the parser's context.
func Set(pc parser.Context, p *Page) { pc.Set(pageKey, p) }

// pageOf is the page in the parser's context, or nil.
func pageOf(pc parser.Context) *Page {
	p, _ := pc.Get(pageKey).(*Page)
	return p
}
