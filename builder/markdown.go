package builder

import (
	"bytes"
	"html"

	"deskbook/internal/directive"
	"deskbook/internal/highlight"
	"deskbook/internal/inline"
	"deskbook/internal/picture"
	"deskbook/internal/rawhtml"
	"deskbook/internal/stash"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newMarkdown builds the one goldmark instance a build uses. Everything
// deskbook adds to Markdown is a parser, an AST transformer or a node
// renderer (its own syntax, internal/directive); inline.Extension, last, swaps goldmark's parsers that can take time in
// the square of an article's size for ones that cannot.
//
// Highlighted code is looked up in st first (nil: no stash), the cache
// folder's copy from the build before.
func newMarkdown(unsafeHTML bool, st *stash.Stash) goldmark.Markdown {
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(
			util.Prioritized(&nodeRenderer{hl: highlight.New(st)}, 100),
			util.Prioritized(printRenderer{}, 100),
		),
	}
	if unsafeHTML {
		rendererOpts = append(rendererOpts, gmhtml.WithUnsafe())
	} else {
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(rawhtml.Renderer(), 100)))
	}
	return goldmark.New(
		goldmark.WithExtensions(syntaxExtensions()...),
		goldmark.WithParserOptions(append(syntaxOptions(),
			parser.WithASTTransformers(
				util.Prioritized(calloutTransformer{}, 100),
				util.Prioritized(taskTransformer{}, 110),
				util.Prioritized(pageTransformer{}, 200),
			),
		)...),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}

// syntaxExtensions and syntaxOptions are the Markdown deskbook reads: what
// decides a document's blocks and its headings' ids. OutlineOf parses with
// them alone, so the skeleton of a translation gets the ids a build gives.
func syntaxExtensions() []goldmark.Extender {
	return []goldmark.Extender{extension.GFM, extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnotePrefix)),
		directive.Extension(), inline.Extension()}
}

func syntaxOptions() []parser.Option {
	return []parser.Option{parser.WithAutoHeadingID(), parser.WithAttribute()}
}

// calloutTypes are the markers of GitHub-style alerts: a blockquote
// starting with one is a note, as :::note is (internal/directive).
var calloutTypes = map[string]string{
	"[!NOTE]": "note", "[!TIP]": "tip", "[!WARNING]": "warning",
	"[!IMPORTANT]": "important", "[!CAUTION]": "caution",
}

type calloutTransformer struct{}

func (calloutTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		para, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || para.Lines().Len() == 0 {
			continue
		}
		first := para.Lines().At(0)
		typ, ok := calloutTypes[string(bytes.TrimSpace(first.Value(src)))]
		if !ok {
			continue
		}
		// Drop the marker's inline nodes: everything up to the end of the first line.
		for c := para.FirstChild(); c != nil; {
			next := c.NextSibling()
			t, isText := c.(*ast.Text)
			if !isText || t.Segment.Start >= first.Stop {
				break
			}
			para.RemoveChild(para, c)
			c = next
		}
		if para.ChildCount() == 0 {
			q.RemoveChild(q, para)
		}
		co := directive.NewNote(typ, pageFrom(pc).ui.Callout(typ))
		for c := q.FirstChild(); c != nil; {
			next := c.NextSibling()
			co.AppendChild(co, c)
			c = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, co)
	}
}

// TaskLabel wraps a task-list checkbox and its text in a <label>, so the
// checkbox has an accessible name and a large click target.
type TaskLabel struct {
	ast.BaseInline
	Checked  bool
	Disabled bool // only checklist articles have checkboxes a reader can tick
}

// KindTaskLabel is the node kind of TaskLabel.
var KindTaskLabel = ast.NewNodeKind("TaskLabel")

func (n *TaskLabel) Kind() ast.NodeKind { return KindTaskLabel }

func (n *TaskLabel) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type taskTransformer struct{}

func (taskTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var boxes []*east.TaskCheckBox
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := n.(*east.TaskCheckBox); ok && entering {
			boxes = append(boxes, b)
		}
		return ast.WalkContinue, nil
	})
	pageFrom(pc).article.tasks = len(boxes)
	interactive := pageFrom(pc).article.Meta.Kind == KindChecklist
	for _, box := range boxes {
		parent := box.Parent()
		label := &TaskLabel{Checked: box.IsChecked, Disabled: !interactive}
		parent.InsertBefore(parent, box, label)
		next := box.NextSibling()
		parent.RemoveChild(parent, box)
		for c := next; c != nil; {
			next := c.NextSibling()
			label.AppendChild(label, c)
			c = next
		}
		if li := parent.Parent(); li != nil && li.Kind() == ast.KindListItem {
			li.SetAttributeString("class", []byte("task"))
			if l := li.Parent(); l != nil {
				l.SetAttributeString("class", []byte("tasks"))
			}
		}
	}
}

// HeadingAnchor is the visible link icon at the end of a heading.
type HeadingAnchor struct {
	ast.BaseInline
	ID    string
	Label string // accessible name, in the page's language
}

// KindHeadingAnchor is the node kind of HeadingAnchor.
var KindHeadingAnchor = ast.NewNodeKind("HeadingAnchor")

func (n *HeadingAnchor) Kind() ast.NodeKind { return KindHeadingAnchor }

func (n *HeadingAnchor) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.ID}, nil)
}

// nodeRenderer renders deskbook's own nodes and replaces goldmark's
// renderer for code blocks (internal/rawhtml replaces raw HTML's).
type nodeRenderer struct {
	hl *highlight.Highlighter
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTaskLabel, r.taskLabel)
	reg.Register(KindHeadingAnchor, r.anchor)
	reg.Register(ast.KindFencedCodeBlock, r.codeBlock)
	reg.Register(ast.KindCodeBlock, r.codeBlock)
}

func (r *nodeRenderer) taskLabel(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		l := n.(*TaskLabel)
		w.WriteString(`<label class="task"><input type="checkbox"`)
		if l.Checked {
			w.WriteString(" checked")
		}
		if l.Disabled {
			w.WriteString(" disabled")
		}
		w.WriteString("> ")
	} else {
		w.WriteString(`</label>`)
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) anchor(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		a := n.(*HeadingAnchor)
		// After the text, so screen readers read the heading first.
		w.WriteString(` <a class="anchor" href="#`)
		w.WriteString(html.EscapeString(a.ID))
		w.WriteString(`" aria-label="`)
		w.WriteString(html.EscapeString(a.Label))
		w.WriteString(`"></a>`) // the theme draws the icon: one stylesheet rule, not an SVG per heading
	}
	return ast.WalkSkipChildren, nil
}

// pictureKey is the attribute of an image that holds its file's facts (a
// *picture.Use); goldmark renders only the attributes an <img> may have.
const pictureKey = "deskbook-picture"

// dressImage gives an image the attributes of its file (picture.Use.Attrs)
// for where its link now leads from: a page, or the print book.
func dressImage(n *ast.Image, print bool) {
	u, ok := n.AttributeString(pictureKey)
	if !ok {
		return
	}
	n.RemoveAttributes()
	n.SetAttributeString(pictureKey, u)
	for _, a := range u.(*picture.Use).Attrs(string(n.Destination), print) {
		n.SetAttributeString(a.Name, []byte(a.Value))
	}
}

// plainText is the text of a subtree: heading titles, and the search
// index's section text. Code blocks are included, since pasted error logs
// are what readers search for.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	appendText(&b, n, src)
	return string(bytes.TrimSpace(b.Bytes()))
}

// appendText puts a space between blocks (items, paragraphs, cells): "loose. Windows", not "loose.Windows".
func appendText(b *bytes.Buffer, n ast.Node, src []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			switch c.Kind() {
			case directive.KindLabel, directive.KindTab, directive.KindNote, directive.KindDetails:
				b.WriteByte('\n') // a label and each tab panel are words apart from what follows
			}
			return ast.WalkContinue, nil
		}
		if l := b.Len(); c.Type() == ast.TypeBlock && l > 0 && b.Bytes()[l-1] != ' ' && b.Bytes()[l-1] != '\n' {
			// A code block starts a line of its own: the search index reads
			// an "error: …" line of output at a line's start.
			switch c.(type) {
			case *ast.FencedCodeBlock, *ast.CodeBlock:
				b.WriteByte('\n')
			default:
				b.WriteByte(' ')
			}
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			for i := 0; i < c.Lines().Len(); i++ {
				s := c.Lines().At(i)
				b.Write(s.Value(src))
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}
