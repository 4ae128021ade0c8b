package builder

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// The chroma styles behind the light and dark code colours.
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

var codeFormatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(4), chromahtml.WithPreWrapper(preWrapper{}))

// preWrapper makes highlighted blocks focusable like plain ones, so a
// keyboard user can scroll a long line sideways.
type preWrapper struct{}

func (preWrapper) Start(code bool, styleAttr string) string {
	if code {
		return `<pre tabindex="0" class="chroma"><code>`
	}
	return `<pre tabindex="0" class="chroma">`
}

func (preWrapper) End(code bool) string {
	if code {
		return "</code></pre>"
	}
	return "</pre>"
}

// codeBlock renders fenced and indented code with chroma, using CSS classes
// so that one stylesheet serves light and dark mode and print.
func (r *nodeRenderer) codeBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var code bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		code.Write(s.Value(src))
	}
	lang := ""
	if fc, ok := n.(*ast.FencedCodeBlock); ok && fc.Info != nil {
		lang = infoLanguage(fc.Info.Segment.Value(src))
	}
	lexer := r.lexerFor(lang)
	if lexer != nil {
		if out, ok := r.highlighted(lang, code.String(), lexer); ok {
			w.Write(out)
			return ast.WalkSkipChildren, nil
		}
	}
	// No lexer, or a lexer failure: the code is shown plain, never lost.
	w.WriteString(`<pre tabindex="0"><code>`)
	w.WriteString(html.EscapeString(code.String()))
	w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// codeKey is a code block as the highlighting memo knows it.
type codeKey struct{ lang, code string }

// highlighted returns the HTML of a code block, from the build's memo when
// the same code was highlighted before: translations repeat their code
// blocks verbatim, and lexing is most of the cost of a page.
func (r *nodeRenderer) highlighted(lang, code string, lexer chroma.Lexer) ([]byte, bool) {
	key := codeKey{lang, code}
	if v, ok := r.memo.Load(key); ok {
		return v.([]byte), true
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return nil, false
	}
	var out bytes.Buffer
	if err := codeFormatter.Format(&out, styles.Fallback, it); err != nil {
		return nil, false
	}
	r.memo.Store(key, out.Bytes())
	return out.Bytes(), true
}

// lexerFor finds the lexer of a fence's language, once per name and
// build: for a name chroma does not know, lexers.Get tries every lexer's
// file-name patterns, which costs milliseconds per code block.
func (r *nodeRenderer) lexerFor(lang string) chroma.Lexer {
	if lang == "" || lang == "text" || lang == "plain" || lang == "txt" {
		return nil
	}
	if l, ok := r.lexers.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	lx := lexers.Get(lang)
	r.lexers.Store(lang, lx)
	return lx
}

// infoLanguage takes the language from a fence's info string: "go",
// "rust,ignore", "python {linenos=true}" all name their first word.
func infoLanguage(info []byte) string {
	s := strings.TrimSpace(string(info))
	if i := strings.IndexAny(s, " ,{\t"); i >= 0 {
		s = s[:i]
	}
	return strings.ToLower(s)
}

// highlightCSS is the stylesheet for highlighted code: the light style, and
// the dark one inside a prefers-color-scheme query.
func highlightCSS() ([]byte, error) {
	var b bytes.Buffer
	if err := codeFormatter.WriteCSS(&b, styles.Get(lightStyle)); err != nil {
		return nil, fmt.Errorf("light code style: %w", err)
	}
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := codeFormatter.WriteCSS(&b, styles.Get(darkStyle)); err != nil {
		return nil, fmt.Errorf("dark code style: %w", err)
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}
