package builder

import (
	"bytes"
	"cmp"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"deskbook/internal/diag"
	"deskbook/internal/directive"
	"deskbook/internal/picture"
	"deskbook/internal/slug"
	"deskbook/internal/spill"
	"deskbook/search"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// pageCtx is what the AST transformers need to know about the article
// being parsed; it travels in the goldmark parser.Context.
type pageCtx struct {
	site    *Site
	article *Article
	ui      *Strings
	disp    string // the article's path for diagnostics
	offline bool
	baseURL string // absolute, with a trailing slash; for feed copies of changelog entries
	// themeIDs are the ids the theme's pages use, which headings may not.
	themeIDs map[string]bool
	d        *diag.Collector
	// moved are the internal links and images of a changelog entry, kept
	// to render the entry again for the changelog page and the feeds,
	// where links start from other places.
	moved []movedLink
	// page is what the directives know of the article (internal/directive);
	// src the source its nodes point into: the body, and the fragments it
	// includes.
	page *directive.Page
	src  []byte
	// lineEnds are the offsets of the body's line ends, for lineOf; made
	// on first use.
	lineEnds []int
	broken   []ast.Node // links and images that lead nowhere
}

// movedLink is an internal link's node and its site-relative target.
type movedLink struct {
	node     ast.Node // *ast.Link or *ast.Image
	target   string
	fragment string
}

var pageKey = parser.NewContextKey()

func pageFrom(pc parser.Context) *pageCtx { return pc.Get(pageKey).(*pageCtx) }

// articleParser turns articles' Markdown into HTML. While parsing,
// transformers collect headings and rewrite internal links to relative
// URLs; anchors are checked later, in resolve, once every article's
// headings are known. The AST is dropped after rendering, so memory stays
// proportional to the HTML. One parser serves a whole build (or a serve
// rebuild), from all cores.
type articleParser struct {
	site     *Site
	md       goldmark.Markdown
	ui       map[string]*Strings
	book     *bookLinks
	srcName  string
	baseURL  string // absolute, with a trailing slash, for the feed copies of changelog entries; "" without one
	offline  bool
	themeIDs map[string]bool              // ids the theme's pages use; no heading may take one
	vars     map[string]map[string]string // {{name}} by language
}

func newArticleParser(site *Site, md goldmark.Markdown, ui map[string]*Strings, srcName, baseURL string, offline bool) *articleParser {
	c, vars := &site.Config, map[string]map[string]string{}
	for _, l := range c.Languages {
		vars[l.Code] = directive.Values(c.Variables, l.Code, map[string]string{"product": c.Product, "version": c.Version, "title": cmp.Or(l.Title, c.Title)})
	}
	return &articleParser{site: site, md: md, ui: ui, book: newBookLinks(site, offline), srcName: srcName, baseURL: baseURL, offline: offline, vars: vars}
}

// parse turns one article's Markdown into HTML, for its page, for the
// print book and, for a changelog entry, for the changelog page and the
// feeds.
func (ap *articleParser) parse(a *Article, d *diag.Collector) {
	pctx := &pageCtx{site: ap.site, article: a, ui: ap.ui[a.Lang], disp: join(ap.srcName, a.Path), offline: ap.offline, baseURL: ap.baseURL, d: d, themeIDs: ap.themeIDs}
	defer func() {
		// A panic in a parser or lexer on odd input must not take the
		// whole build down; the writer gets a diagnostic instead.
		if r := recover(); r != nil {
			d.Errorf(pctx.disp, 0, "internal error while rendering this article: %v", r)
			a.body, a.print, a.Change = spill.Text{}, spill.Text{}, nil
		}
		setSelfKey(a)
	}()
	md := ap.md
	a.Headings, a.links, a.images, a.insecure, a.lookups = nil, nil, nil, nil, nil // parsed again: checkLinks, serve
	ids := slug.NewIDs()
	for id := range ap.themeIDs {
		ids.Put([]byte(id)) // a heading "Main" is #main-1: #main is the theme's
	}
	pc := parser.NewContext(parser.WithIDs(ids))
	pc.Set(pageKey, pctx)
	pctx.page = &directive.Page{FS: ap.site.fsys, Folder: ap.srcName, Path: a.Path, Start: a.bodyLine, Vars: ap.vars[a.Lang], Words: pctx.ui.Callout, D: d}
	directive.Set(pc, pctx.page)
	rd := pctx.page.Reader(a.src)
	doc := md.Parser().Parse(rd, parser.WithContext(pc))
	pctx.src, a.includes = rd.Source(), pctx.page.Included
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, pctx.src, doc); err != nil {
		d.Errorf(pctx.disp, 0, "cannot render: %v", err)
	}
	a.body = spill.Mem(buf.String())
	// Both change the AST in place: the changelog sections need the page's
	// headings, and the print render changes them.
	if a.Meta.Kind == KindChangelog {
		a.Change = changeBodies(md, pctx, doc)
	}
	print, err := ap.book.renderPrint(md, doc, pctx.src, a)
	if err != nil {
		d.Errorf(pctx.disp, 0, "cannot render for print: %v", err)
	}
	a.print = spill.Mem(string(print))
}

// pageTransformer collects headings and resolves links and images.
type pageTransformer struct{}

func (pageTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	p := pageFrom(pc)
	src := reader.Source()
	p.article.sections = sections(doc, src)
	code := 0 // bytes of code blocks so far
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			for i := range n.Lines().Len() {
				seg := n.Lines().At(i)
				code += seg.Stop - seg.Start
			}
			if code > highlightBudget {
				n.SetAttributeString(plainCode, true)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			idv, _ := n.AttributeString("id")
			id, _ := idv.([]byte)
			if p.themeIDs[string(id)] {
				p.d.Errorf(p.disp, p.lineOf(n, src), "heading id #%s is one the theme's pages use already (links to it would go elsewhere); choose another", id)
			}
			h := Heading{Level: n.Level, ID: string(id), Text: plainText(n, src)}
			p.article.Headings = append(p.article.Headings, h)
			if n.Level > 1 && len(id) > 0 {
				n.AppendChild(n, &HeadingAnchor{ID: h.ID, Label: p.ui.SectionLink})
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			p.noteInsecure(string(n.Destination), p.lineOf(n, src))
			n.Destination = []byte(p.resolve(n, string(n.Destination), p.lineOf(n, src), false))
		case *ast.AutoLink:
			p.noteInsecure(string(n.URL(src)), p.lineOf(n, src))
		case *ast.Image:
			if n.ChildCount() == 0 {
				p.d.Findingf(p.disp, p.lineOf(n, src), "image %s has no alt text: describe what it shows for readers who cannot see it", n.Destination)
			}
			n.Destination = []byte(p.resolve(n, string(n.Destination), p.lineOf(n, src), true))
			dressImage(n, false)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range p.broken { // shown as its text, not as a way to nowhere (links: warn publishes it)
		for c := n.FirstChild(); c != nil; c = n.FirstChild() {
			n.Parent().InsertBefore(n.Parent(), n, c)
		}
		n.Parent().RemoveChild(n.Parent(), n)
	}
}

// lineOf finds the file line of an inline node from the first text inside
// it, or from its enclosing block.
func (p *pageCtx) lineOf(n ast.Node, src []byte) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	for b := n; off < 0 && b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			off = b.Lines().At(0).Start
		}
	}
	if off < 0 {
		return p.article.bodyLine
	}
	return p.page.LineOf(min(off, len(src)))
}

var shortLinkRE = regexp.MustCompile(`^/a/([0-9]+)/?$`)

// resolve checks an internal link or image and returns its destination
// relative to the article's page ("" for none). External links stay.
func (p *pageCtx) resolve(n ast.Node, dest string, line int, image bool) string {
	what := "link"
	if image {
		what = "image"
	}
	if strings.TrimSpace(dest) == "" {
		return p.nowhere(n, line, "empty %s target", what)
	}
	u, err := url.Parse(dest)
	if err != nil {
		return p.nowhere(n, line, "malformed %s %q", what, dest)
	}
	if u.Scheme != "" || u.Host != "" {
		return dest
	}
	a := p.article
	if u.Path == "" { // "#anchor" on the same page
		frag := p.link(a, u.Fragment, line, dest)
		if p.keep(n, a.URL, frag); frag != u.Fragment {
			dest = "#" + url.PathEscape(frag)
		}
		return dest
	}
	if m := shortLinkRE.FindStringSubmatch(u.Path); m != nil && !image {
		id, _ := strconv.Atoi(m[1])
		t := p.site.article(id, a.Lang)
		a.lookups = append(a.lookups, lookup{kind: lookupID, key: m[1], found: t.ref()})
		if t == nil {
			return p.nowhere(n, line, "broken link %q: no article has id %s", dest, m[1])
		}
		return p.href(n, t.URL, p.link(t, u.Fragment, line, dest))
	}
	if strings.HasPrefix(u.Path, "/") {
		// A site-absolute path: made relative so the site works under any base path.
		return p.href(n, strings.TrimPrefix(u.Path, "/"), u.Fragment)
	}
	target := path.Join(path.Dir(a.Path), u.Path)
	if target == ".." || strings.HasPrefix(target, "../") {
		return p.nowhere(n, line, "%s %q points outside the source folder", what, dest)
	}
	as := p.site.assetAt[target]
	a.lookups = append(a.lookups, lookup{kind: lookupAsset, key: target, found: as.ref()})
	if as != nil {
		if image {
			a.images = append(a.images, lintRef{line: line, target: target})
			n.SetAttributeString(pictureKey, &picture.Use{Facts: as.pic.Facts(), First: len(a.images) == 1})
		}
		return p.href(n, as.URL, u.Fragment)
	}
	t := p.site.byPath[target] // x.md, and x, x/ for it (and folder, folder/ for a category's index.md)
	a.lookups = append(a.lookups, lookup{kind: lookupPath, key: target, found: t.ref()})
	if t != nil && !image {
		return p.href(n, t.URL, p.link(t, u.Fragment, line, dest))
	}
	if strings.HasSuffix(target, ".md") {
		return p.nowhere(n, line, "broken %s %q: there is no article %s", what, dest, target)
	}
	return p.nowhere(n, line, "broken %s %q: there is no file %s", what, dest, target)
}

// nowhere reports a link or image that leads nowhere; the page shows its text.
func (p *pageCtx) nowhere(n ast.Node, line int, format string, args ...any) string {
	p.d.Brokenf(p.disp, line, format, args...)
	p.broken = append(p.broken, n)
	return ""
}

// link records a link to t's heading frag for checkLinks; it returns the fragment to link by.
func (p *pageCtx) link(t *Article, frag string, line int, raw string) string {
	wrote := cmp.Or(p.site.anchors[t.Path+"#"+frag], frag)
	p.article.links = append(p.article.links, linkRef{line: line, target: t, anchor: frag, wrote: wrote, raw: raw})
	return wrote
}

// href is the URL of a site-relative target as seen from this article.
func (p *pageCtx) href(n ast.Node, target, fragment string) string {
	p.keep(n, target, fragment)
	return p.hrefFrom(p.article.URL, target, fragment)
}

// hrefFrom is the relative URL of a target as seen from the page at from.
func (p *pageCtx) hrefFrom(from, target, fragment string) string {
	s := relURL(from, target)
	if p.offline && strings.HasSuffix(s, "/") {
		s += "index.html"
	}
	if fragment != "" {
		s += "#" + url.PathEscape(fragment)
	}
	return s
}

// keep remembers a changelog entry's internal link for its other renderings.
func (p *pageCtx) keep(n ast.Node, target, fragment string) {
	if p.article.Meta.Kind == KindChangelog {
		p.moved = append(p.moved, movedLink{node: n, target: target, fragment: fragment})
	}
}

// relURL returns the relative URL from the page at directory URL from
// ("en/errors/x/") to the site-relative target to, escaped for a link (see
// escapePath).
func relURL(from, to string) string {
	return escapePath(relPath(from, to))
}

// escapePath makes a site path a URL path: a file name is the writer's to
// choose, and "#", "?", "%", a space or a non-ASCII letter in it would
// otherwise end the path, start a query or read as an escape. A ":" is
// escaped too, so a relative link never reads as a scheme (javascript:).
// Output files keep their names; only links to them are escaped.
func escapePath(p string) string {
	return strings.ReplaceAll((&url.URL{Path: p}).EscapedPath(), ":", "%3A")
}

// relPath is relURL before escaping.
func relPath(from, to string) string {
	var fs []string
	if f := strings.Trim(from, "/"); f != "" {
		fs = strings.Split(f, "/")
	}
	ts := strings.Split(to, "/")
	i := 0
	for i < len(fs) && i < len(ts)-1 && fs[i] == ts[i] {
		i++
	}
	out := strings.Repeat("../", len(fs)-i) + strings.Join(ts[i:], "/")
	if out == "" {
		return "./"
	}
	return out
}

// article finds the article with an ID in a language, falling back to the
// default language when there is no translation.
func (s *Site) article(id int, lang string) *Article {
	var fallback *Article
	for _, a := range s.byID[id] {
		if a.Lang == lang {
			return a
		}
		if a.Lang == s.DefaultLang() || fallback == nil {
			fallback = a
		}
	}
	return fallback
}

// sections splits an article's text at its headings, for the search index.
// Heading IDs are already assigned, so anchors match the rendered page.
func sections(doc *ast.Document, src []byte) []search.Section {
	out := []search.Section{{}}
	var text bytes.Buffer
	flush := func() {
		out[len(out)-1].Text = strings.TrimSpace(text.String())
		text.Reset()
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			flush()
			idv, _ := h.AttributeString("id")
			id, _ := idv.([]byte)
			out = append(out, search.Section{Anchor: string(id), Heading: plainText(h, src)})
			continue
		}
		appendText(&text, n, src)
		text.WriteByte('\n')
	}
	flush()
	if out[0].Text == "" {
		out = out[1:]
	}
	return out
}
