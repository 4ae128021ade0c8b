package builder

import (
	"bytes"
	"html"
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"deskbook/internal/directive"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// The print book: /<lang>/print/ holds every article of a language on one
// page, by category, with a table of contents, for reading on paper and
// for "deskbook pdf". Its articles are the same Markdown rendered a second
// time from the same AST, with the differences one long page needs:
// headings one level down (category h1 > article h2 > sections h3…, which
// is also how Chromium nests PDF bookmarks), anchors made unique per
// article, and links between articles pointing inside the page.

// printPath is the site-relative URL of a language's print book.
func printPath(lang string) string { return lang + "/print/" }

// inBook says whether an article is part of its language's print book.
// Release notes are not: they are not questions and answers, and they are
// the one kind that grows with every release.
func inBook(a *Article) bool { return a.Meta.Kind != KindChangelog }

// BookAnchor is the anchor of an article's title in the print book (for a
// category's introduction, its category's); its sections' anchors start with it.
func (a *Article) BookAnchor() string {
	if a.Meta.ID == 0 && a.Category != nil {
		return "c-" + a.Category.Name
	}
	return "a" + strconv.Itoa(a.Meta.ID)
}

// PrintHTML is the article's body as the print book shows it.
func (a *Article) PrintHTML() (template.HTML, error) {
	s, err := a.print.Read()
	return template.HTML(s), err
}

// HTML is the article's body as its page shows it.
func (a *Article) HTML() (template.HTML, error) {
	s, err := a.body.Read()
	return template.HTML(s), err
}

// bookLinks maps links found in articles to where they lead in the print
// book. It is made once per build, before the parallel parse, and only read
// afterwards.
type bookLinks struct {
	byURL   map[string]*Article
	offline bool
}

func newBookLinks(site *Site, offline bool) *bookLinks {
	return &bookLinks{byURL: site.byURL, offline: offline}
}

// footnotePrefixAttr carries the footnote ID prefix of one render in the
// document node, so the one goldmark renderer a build shares can make
// footnote IDs unique per article in the print book.
const footnotePrefixAttr = "deskbook-footnote-prefix"

// footnotePrefix gives goldmark's footnote renderer the prefix of the
// document being rendered: none on the article's page, the article's book
// anchor in the print book.
func footnotePrefix(n ast.Node) []byte {
	for n.Parent() != nil {
		n = n.Parent()
	}
	if v, ok := n.AttributeString(footnotePrefixAttr); ok {
		if b, ok := v.([]byte); ok {
			return b
		}
	}
	return nil
}

// renderPrint renders the article's body for the print book from its AST,
// after the page render: it changes the AST in place, so it must come last.
func (b *bookLinks) renderPrint(md goldmark.Markdown, doc ast.Node, src []byte, a *Article) (template.HTML, error) {
	prefix := a.BookAnchor() + "-"
	var code []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			code = append(code, n)
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			n.Level = min(n.Level+1, 6)
			if v, ok := n.AttributeString("id"); ok {
				if id, ok := v.([]byte); ok {
					n.SetAttributeString("id", []byte(prefix+string(id)))
				}
			}
		case *HeadingAnchor:
			// A link icon to the section means nothing on paper.
			n.Parent().RemoveChild(n.Parent(), n)
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			n.Destination = []byte(b.href(a, string(n.Destination)))
		case *ast.Image:
			n.Destination = []byte(b.href(a, string(n.Destination)))
			dressImage(n, true)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range code {
		var text bytes.Buffer
		for i := 0; i < n.Lines().Len(); i++ {
			s := n.Lines().At(i)
			text.Write(s.Value(src))
		}
		n.Parent().ReplaceChild(n.Parent(), n, &PrintCode{Code: text.String()})
	}
	doc.SetAttributeString(footnotePrefixAttr, []byte(prefix))
	directive.ForPrint(doc) // tab panels one after another, sections open
	var buf bytes.Buffer
	err := md.Renderer().Render(&buf, src, doc)
	return template.HTML(buf.String()), err
}

// PrintCode is a code block in the print book. Colours are black on paper
// anyway, and thousands of highlighted tokens make Chromium's print layout
// of a long book several times slower, so the book shows code plain.
type PrintCode struct {
	ast.BaseBlock
	Code string
}

// KindPrintCode is the node kind of PrintCode.
var KindPrintCode = ast.NewNodeKind("PrintCode")

func (n *PrintCode) Kind() ast.NodeKind { return KindPrintCode }

func (n *PrintCode) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// printRenderer renders the print book's own nodes.
type printRenderer struct{}

func (printRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindPrintCode, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			// Focusable like plain code on a page: on screen the book lays out
			// only the articles near the view, so site.js cannot measure them all.
			w.WriteString(`<pre tabindex="0" class="print-code"><code>`)
			w.WriteString(html.EscapeString(n.(*PrintCode).Code))
			w.WriteString("</code></pre>\n")
		}
		return ast.WalkSkipChildren, nil
	})
}

// href turns a link as the article's page has it (already relative to that
// page) into the link the print book needs: inside the book when the target
// is in it, else relative to the book's page.
func (b *bookLinks) href(a *Article, dest string) string {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") {
		return dest
	}
	if u.Path == "" {
		return "#" + bookFragment(a, u.Fragment)
	}
	abs := (&url.URL{Path: "/" + a.URL}).ResolveReference(&url.URL{Path: u.Path}).Path
	site := strings.TrimPrefix(abs, "/")
	page := strings.TrimSuffix(site, "index.html")
	t := b.byURL[page]
	a.lookups = append(a.lookups, lookup{kind: lookupURL, key: page, found: bookRef(t)})
	if t != nil && t.Lang == a.Lang && inBook(t) {
		return "#" + bookFragment(t, u.Fragment)
	}
	out := relURL(printPath(a.Lang), site)
	if b.offline && strings.HasSuffix(out, "/") {
		out += "index.html"
	}
	if u.Fragment != "" {
		out += "#" + url.PathEscape(u.Fragment)
	}
	return out
}

// bookFragment is the anchor in the print book of a heading of an article,
// or of its title when the heading is empty.
func bookFragment(a *Article, heading string) string {
	if heading == "" {
		return a.BookAnchor()
	}
	return url.PathEscape(a.BookAnchor() + "-" + heading)
}

// BookCategory is one category of the print book with the articles of it
// that the book holds.
type BookCategory struct {
	*Category
	Title    string // the category's title; the home page's name for articles without a category
	Anchor   string
	Articles []*Article
}

// book lists the print book's categories for a language, in site order.
func book(site *Site, lang string, ui *Strings) []BookCategory {
	var out []BookCategory
	for _, c := range site.Categories {
		if c.Lang != lang {
			continue
		}
		bc := BookCategory{Category: c, Title: c.Title, Anchor: "c-" + c.Name}
		if c.Name == "" || bc.Title == "" {
			bc.Title = ui.Home
		}
		for _, a := range c.Articles {
			if inBook(a) {
				bc.Articles = append(bc.Articles, a)
			}
		}
		if len(bc.Articles) > 0 {
			out = append(out, bc)
		}
	}
	return out
}

// printLinks is what pages need to know to link the print books and PDFs.
type printLinks struct {
	books map[string][]BookCategory // by language; none without a print layout
	pdfs  map[string]PDFDoc         // "<lang>/<file>" → the PDFs in the site (pdfstore.go)
}

// Book is the print book of the page's language.
func (v *View) Book() []BookCategory { return v.r.print.books[v.Lang.Code] }

// PrintURL links to the print book of the page's language, or is "" when
// the language has none.
func (v *View) PrintURL() string {
	if v.r.print.books[v.Lang.Code] == nil {
		return ""
	}
	return v.URL(printPath(v.Lang.Code))
}

// absolute says whether the site has a public address (base_url), so
// printed links and QR codes can point at it.
func (r *siteRenderer) absolute() bool { return strings.Contains(r.baseURL, "://") }

// publicURL is a site-relative URL as a reader types it from paper: with the
// site's address when there is one, else from the root of the site.
func (r *siteRenderer) publicURL(p string) string {
	if r.absolute() {
		return r.baseURL + escapePath(p)
	}
	return r.basePath + escapePath(p)
}

// ShortLinkOf is the printed short link of an article.
func (v *View) ShortLinkOf(a *Article) string {
	return v.r.publicURL(v.r.site.shortPath(a))
}

// OnlineURL is the public address of the page's language home: where the
// print book's cover sends readers.
func (v *View) OnlineURL() string { return v.r.publicURL(v.Lang.Code + "/") }

// QR is a QR code to the page's public address, for paper: the article's
// short link on an article page, the language's home on the print book. It is empty
// when the site has no base_url, as a QR code needs a full address.
func (v *View) QR() template.HTML {
	if !v.r.absolute() {
		return ""
	}
	switch {
	case v.Article != nil:
		// The short link: it outlives renames, and a shorter text makes a
		// smaller code that is quicker to make and to scan.
		return template.HTML(v.r.qr.Image(v.ShortLinkOf(v.Article), v.T.ScanToOpen))
	case v.Path == printPath(v.Lang.Code):
		return template.HTML(v.r.qr.Image(v.OnlineURL(), v.T.ScanToOpen))
	}
	return ""
}

// printTemplate is the optional layout of the print book: a theme without
// layouts/print.html simply has no print book.
const printTemplate = "print"

// printPage adds the print book of v's language to the pages to render.
func (r *siteRenderer) printPage(v *View, page func(string, *View, string)) {
	if r.print.books[v.Lang.Code] == nil {
		return
	}
	v.Title = v.T.PrintFAQ
	page(printTemplate, v, v.Path+"index.html")
}
