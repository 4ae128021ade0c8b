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
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var v []byte
	segs := n.(*ast.RawHTML).Segments
	for i := 0; i < segs.Len(); i++ {
		s := segs.At(i)
		v = append(v, s.Value(src)...)
	}
	if !comments(v) {
		w.Write(util.EscapeHTML(v))
	}
	return ast.WalkSkipChildren, nil
}

// block shows an HTML block as a paragraph of text, or nothing when it is
// comments alone.
func block(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	b := n.(*ast.HTMLBlock)
	var v []byte
	for i := 0; i < b.Lines().Len(); i++ {
		s := b.Lines().At(i)
		v = append(v, s.Value(src)...)
	}
	if b.HasClosure() {
		v = append(v, b.ClosureLine.Value(src)...)
	}
	if comments(v) {
		return ast.WalkContinue, nil
	}
	w.WriteString(`<p class="raw-html">`)
	w.Write(util.EscapeHTML(v))
	w.WriteString("</p>\n")
	return ast.WalkContinue, nil
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
