package zola

import (
	"bytes"

	"deskbook/internal/diag"
	"deskbook/internal/rawhtml"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// findRawHTML lists the pages whose converted text holds HTML, block or
// inline, at the line of the first. deskbook shows such HTML as text
// unless site.yaml says unsafe_html: true, which the writer should set
// only for HTML they trust, so the report names the pages to look at.
func (imp *importer) findRawHTML() {
	msg := "raw HTML: deskbook shows it as text unless site.yaml says unsafe_html: true"
	if imp.unsafe {
		msg = "raw HTML: shown as it is, since site.yaml says unsafe_html: true; check that it is safe"
	}
	for _, v := range imp.versions {
		if line, ok := imp.firstHTML(v); ok {
			imp.rep.RawHTML = append(imp.rep.RawHTML, diag.Diagnostic{
				Path: imp.shown(v.src), Line: line, Severity: diag.Warning, Msg: msg,
			})
		}
	}
	imp.rep.UnsafeHTML = imp.unsafe
}

// firstHTML finds the first HTML in a version's converted body, and the
// source line it is on (edits before it seldom change the line count).
func (imp *importer) firstHTML(v *version) (line int, found bool) {
	defer func() {
		if recover() != nil {
			found = false
		}
	}()
	src := []byte(v.result)
	doc := imp.md.Parser().Parse(text.NewReader(src))
	at := -1
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Kind() == ast.KindHTMLBlock || n.Kind() == ast.KindRawHTML {
			if rawhtml.Hidden(n, src) {
				return ast.WalkContinue, nil // a comment: the build leaves it out
			}
		}
		switch h := n.(type) {
		case *ast.HTMLBlock:
			if h.Lines().Len() > 0 {
				at = h.Lines().At(0).Start
			}
		case *ast.RawHTML:
			if h.Segments.Len() > 0 {
				at = h.Segments.At(0).Start
			}
		default:
			return ast.WalkContinue, nil
		}
		return ast.WalkStop, nil
	})
	if at < 0 {
		return 0, false
	}
	return v.bodyLine + bytes.Count(src[:at], []byte("\n")), true
}
