// Package rawhtml renders an article's raw HTML as text, which is how
// deskbook shows HTML unless site.yaml says unsafe_html: true: markup
// pasted from another page, or a writer's <script>, must never run on a
// help centre. An HTML comment is a writer's note that every browser
// hides, so it is left out rather than shown.
package rawhtml

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Renderer is the node renderer that replaces goldmark's for raw HTML.
func Renderer() renderer.NodeRenderer { return textRenderer{} }

type textRenderer struct{}

func (textRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, inline)
	reg.Register(ast.KindHTMLBlock, block)
}

// inline shows an inline tag as text, or nothing for a comment.
func inline(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if v := source(n, src); entering && !comments(v) {
		w.Write(util.EscapeHTML(v))
	}
	return ast.WalkSkipChildren, nil
}

// block shows an HTML block as a paragraph of text, or nothing when it is
// comments alone.
func block(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if v := source(n, src); entering && !comments(v) {
		w.WriteString(`<p class="raw-html">`)
		w.Write(util.EscapeHTML(v))
		w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

// Hidden reports whether a raw HTML node (ast.RawHTML or ast.HTMLBlock)
// is comments alone, which the renderer leaves out: an importer's report
// of HTML that readers will see as text does not count it.
func Hidden(n ast.Node, src []byte) bool { return comments(source(n, src)) }

// source is the text of a raw HTML node as written.
func source(n ast.Node, src []byte) []byte {
	var v []byte
	switch n := n.(type) {
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			s := n.Segments.At(i)
			v = append(v, s.Value(src)...)
		}
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			s := n.Lines().At(i)
			v = append(v, s.Value(src)...)
		}
		if n.HasClosure() {
			v = append(v, n.ClosureLine.Value(src)...)
		}
	}
	return v
}

// comments reports whether v is one or more HTML comments and nothing
// else but space: "<!-- a --> text" shows its text, so it is shown whole.
func comments(v []byte) bool {
	v = bytes.TrimSpace(v)
	for len(v) > 0 {
		if !bytes.HasPrefix(v, []byte("<!--")) {
			return false
		}
		end := bytes.Index(v[4:], []byte("-->"))
		if end < 0 {
			return false
		}
		v = bytes.TrimSpace(v[4+end+3:])
	}
	return true
}
