package zendesk

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"deskbook/internal/directive"
	"deskbook/internal/slug"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// calloutAttr marks an element the import turned into a callout, with
// the callout's kind, for the renderer.
const calloutAttr = "data-deskbook-callout"

// convertAll parses every version's HTML, learns its headings' anchors
// (links from other articles need them), then rewrites links and images
// and converts the HTML to Markdown.
func (imp *importer) convertAll() {
	docs := map[*version]*html.Node{}
	for _, d := range imp.docs {
		for _, v := range d.versions {
			root, err := html.Parse(strings.NewReader(v.body))
			if err != nil { // html.Parse accepts any text; an error is a reader's
				imp.warnf(v.src, "article %d (%s): cannot read its HTML: %v", d.id, v.locale, err)
				root = &html.Node{Type: html.DocumentNode}
			}
			docs[v] = root
			v.anchors = headingAnchors(root)
		}
	}
	conv := newConverter()
	for _, d := range imp.docs {
		for _, l := range imp.langs {
			v := d.versions[l]
			if v == nil {
				continue
			}
			root := docs[v]
			imp.rewrite(v, root)
			md, err := conv.ConvertNode(root)
			if err != nil {
				imp.warnf(v.src, "article %d (%s): cannot convert its HTML: %v; the body is left empty", d.id, v.locale, err)
			}
			imp.placeholders(d.id, v)
			// Zendesk's text has no deskbook syntax: "{{dc.name}}" and ":::"
			// in it are words to show, never variables or directives.
			v.result = string(directive.Escape(bytes.TrimSpace(md))) + "\n"
		}
	}
}

// placeholderRE matches Zendesk's placeholders, {{dc.name}} for dynamic
// content and {{ticket.id}}-like ones, which only Zendesk can fill in.
var placeholderRE = regexp.MustCompile(`\{\{\s*([a-z_]+\.[A-Za-z0-9_.]+)\s*\}\}`)

// placeholders warns of each placeholder in a version's body once: the
// import keeps it as text, and the support lead decides what it becomes.
func (imp *importer) placeholders(id int64, v *version) {
	seen := map[string]bool{}
	for _, m := range placeholderRE.FindAllStringSubmatch(v.body, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			imp.warnf(v.src, "article %d (%s): the placeholder {{%s}} is kept as text; deskbook's variables go under variables: in site.yaml", id, v.locale, m[1])
		}
	}
}

// newConverter is the HTML-to-Markdown converter: CommonMark, GitHub's
// tables and strikethrough, and deskbook's callouts.
func newConverter() *converter.Converter {
	conv := converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(commonmark.WithHeadingStyle(commonmark.HeadingStyleATX)),
		table.NewTablePlugin(),
		strikethrough.NewStrikethroughPlugin(),
	))
	conv.Register.Renderer(renderCallout, converter.PriorityEarly)
	return conv
}

// renderCallout writes an element marked as a callout as deskbook's
// callout, a blockquote that starts with [!WARNING].
func renderCallout(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	kind := attr(n, calloutAttr)
	if kind == "" {
		return converter.RenderTryNext
	}
	var buf bytes.Buffer
	ctx.RenderChildNodes(ctx, &buf, n)
	content := strings.TrimSpace(buf.String())
	w.WriteString("\n\n> [!" + kind + "]\n")
	for line := range strings.Lines(content) {
		line = strings.TrimRight(line, "\n")
		if line == "" {
			w.WriteString(">\n")
		} else {
			w.WriteString("> " + line + "\n")
		}
	}
	w.WriteString("\n\n")
	return converter.RenderSuccess
}

// calloutKind is the callout an element's classes ask for, or "": the
// Zendesk themes' callout, callout--warning, callout--danger and the like.
func calloutKind(n *html.Node) string {
	classes := strings.Fields(attr(n, "class"))
	is := false
	kind := "NOTE"
	for _, c := range classes {
		c = strings.ToLower(c)
		if c == "callout" || strings.HasPrefix(c, "callout--") || strings.HasPrefix(c, "callout-") {
			is = true
		}
		switch {
		case strings.Contains(c, "danger"), strings.Contains(c, "error"), strings.Contains(c, "caution"):
			kind = "CAUTION"
		case strings.Contains(c, "warning"):
			kind = "WARNING"
		case strings.Contains(c, "success"), strings.Contains(c, "tip"):
			kind = "TIP"
		case strings.Contains(c, "important"):
			kind = "IMPORTANT"
		}
	}
	if !is {
		return ""
	}
	return kind
}

// headingAnchors maps the ids in an article's headings (the heading's own
// id, or an anchor element inside it) to the anchor deskbook gives the
// heading, so that links to #h_01HX… still reach it.
func headingAnchors(root *html.Node) map[string]string {
	out := map[string]string{}
	ids := slug.NewIDs()
	for n := range root.Descendants() {
		if n.Type != html.ElementNode || !isHeading(n.DataAtom) {
			continue
		}
		text := strings.Join(strings.Fields(textOf(n)), " ")
		if text == "" {
			continue
		}
		anchor := string(ids.Generate([]byte(text), ast.KindHeading))
		for m := range n.Descendants() {
			if id := attr(m, "id"); id != "" && m.Type == html.ElementNode {
				out[id] = anchor
			}
			if name := attr(m, "name"); name != "" && m.DataAtom == atom.A {
				out[name] = anchor
			}
		}
		if id := attr(n, "id"); id != "" {
			out[id] = anchor
		}
	}
	return out
}

// isHeading reports whether an element is h1 to h6.
func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// textOf is the text inside a node.
func textOf(n *html.Node) string {
	var b strings.Builder
	for m := range n.Descendants() {
		if m.Type == html.TextNode {
			b.WriteString(m.Data)
		}
	}
	return b.String()
}

// attr is an attribute's value, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// setAttr sets an attribute, adding it when missing.
func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

// unwrap replaces an element with its children: a link that leads
// nowhere becomes its text.
func unwrap(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		n.RemoveChild(c)
		n.Parent.InsertBefore(c, n)
		c = next
	}
	n.Parent.RemoveChild(n)
}

// articleLabel names a version in warnings.
func articleLabel(v *version) string {
	return fmt.Sprintf("article %d %q (%s)", v.doc.id, v.title, v.locale)
}
