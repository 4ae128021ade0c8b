package directive

import (
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// htmlRenderer writes the directives' HTML. A tab set is plain HTML that
// reads without JavaScript (every panel under its label); the theme's
// script makes it a tab list. Marked for print (ForPrint), a tab set and
// a collapsible section show everything, each label a bold line.
type htmlRenderer struct{}

func (htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindNote, renderNote)
	reg.Register(KindDetails, renderDetails)
	reg.Register(KindTabs, renderTabs)
	reg.Register(KindTab, renderTab)
	reg.Register(KindLabel, renderLabel)
	reg.Register(KindInclude, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
}

func renderNote(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Note)
	if !entering {
		_, _ = w.WriteString("</aside>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<aside class="callout callout-` + n.Variant + `" role="note">`)
	if !hasLabel(n) {
		writeTitle(w, n, n.Title)
	}
	return ast.WalkContinue, nil
}

func renderDetails(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Details)
	switch {
	case !entering && n.Print:
		_, _ = w.WriteString("</div>\n")
	case !entering:
		_, _ = w.WriteString("</details>\n")
	case n.Print:
		_, _ = w.WriteString("<div class=\"details\">\n")
	default:
		_, _ = w.WriteString("<details class=\"details\">\n")
	}
	if entering && !hasLabel(n) {
		writeTitle(w, n, n.Title)
	}
	return ast.WalkContinue, nil
}

func renderTabs(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	switch {
	case !entering:
		_, _ = w.WriteString("</div>\n")
	case node.(*Tabs).Print:
		_, _ = w.WriteString("<div class=\"tabs tabs-print\">\n")
	default:
		_, _ = w.WriteString("<div class=\"tabs\" data-tabs>\n")
	}
	return ast.WalkContinue, nil
}

func renderTab(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<div class=\"tab-panel\">\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func renderLabel(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	open, close := labelTags(node.Parent())
	if entering {
		_, _ = w.WriteString(open)
	} else {
		_, _ = w.WriteString(close)
	}
	return ast.WalkContinue, nil
}

// writeTitle writes a label given as text.
func writeTitle(w util.BufWriter, parent ast.Node, title string) {
	open, close := labelTags(parent)
	_, _ = w.WriteString(open + html.EscapeString(title) + close)
}

// labelTags are the tags around the label of a directive.
func labelTags(parent ast.Node) (string, string) {
	switch parent := parent.(type) {
	case *Note:
		return `<p class="callout-title">`, "</p>\n"
	case *Details:
		if parent.Print {
			return `<p class="details-label"><strong>`, "</strong></p>\n"
		}
		return "<summary>", "</summary>\n"
	case *Tab:
		if tabs, ok := parent.Parent().(*Tabs); ok && tabs.Print {
			return `<p class="tab-label"><strong>`, "</strong></p>\n"
		}
		return `<p class="tab-label">`, "</p>\n"
	}
	return "", ""
}

func hasLabel(n ast.Node) bool {
	_, ok := n.FirstChild().(*Label)
	return ok
}
