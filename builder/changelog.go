package builder

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
)

// ChangeBody is a changelog entry rendered again for the places other than
// its own page: the changelog page, where it is split at its second-level
// headings, and the feeds, where every link is absolute.
type ChangeBody struct {
	Intro    template.HTML // before the first section
	Sections []ChangeSection
	Feed     template.HTML // the whole body for feeds; empty without an absolute base URL
}

// ChangeSection is one second-level section of a changelog entry.
type ChangeSection struct {
	// Kind is the keepachangelog section this is (added, changed,
	// deprecated, removed, fixed, security), or "" for another heading.
	Kind  string
	Title string // as the writer wrote it
	ID    string // its anchor on the changelog page
	HTML  template.HTML
}

// changeKinds maps keepachangelog section names, in the languages the
// default theme speaks, to their kind.
var changeKinds = map[string]string{
	"added": "added", "changed": "changed", "deprecated": "deprecated", "removed": "removed", "fixed": "fixed", "security": "security",
	"додано": "added", "змінено": "changed", "застаріло": "deprecated", "вилучено": "removed", "видалено": "removed", "виправлено": "fixed", "безпека": "security",
	"добавлено": "added", "изменено": "changed", "устарело": "deprecated", "удалено": "removed", "исправлено": "fixed", "безопасность": "security",
}

// changeBodies renders a parsed changelog entry for the changelog page and
// the feeds. It runs after the entry's own page is rendered, so it may
// change the AST: heading link icons go, and links are re-pointed from
// the new places.
func changeBodies(md goldmark.Markdown, p *pageCtx, doc ast.Node) *ChangeBody {
	a := p.article
	var icons []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*HeadingAnchor); ok && entering {
			icons = append(icons, n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range icons {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	page := a.Lang + "/changelog/"
	p.pointLinks(func(m movedLink) string { return p.hrefFrom(page, m.target, m.fragment) })
	body := changeSections(md, p, doc)
	if p.baseURL != "" {
		p.pointLinks(func(m movedLink) string {
			s := p.baseURL + escapePath(m.target)
			if m.fragment != "" {
				s += "#" + m.fragment
			}
			return s
		})
		var feed bytes.Buffer
		p.render(md, &feed, doc)
		body.Feed = template.HTML(feed.String())
	}
	// Later renderings (the print book) expect the links of the entry's page.
	p.pointLinks(func(m movedLink) string { return p.hrefFrom(a.URL, m.target, m.fragment) })
	return body
}

// changeSections renders a changelog entry split at its second-level
// headings, for the changelog page.
func changeSections(md goldmark.Markdown, p *pageCtx, doc ast.Node) *ChangeBody {
	a := p.article
	body := &ChangeBody{}
	var cur bytes.Buffer
	flush := func() {
		if len(body.Sections) == 0 {
			body.Intro = template.HTML(cur.String())
		} else {
			body.Sections[len(body.Sections)-1].HTML = template.HTML(cur.String())
		}
		cur.Reset()
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			flush()
			title := plainText(h, p.src)
			idv, _ := h.AttributeString("id")
			id, _ := idv.([]byte)
			body.Sections = append(body.Sections, ChangeSection{
				Kind:  changeKinds[strings.ToLower(strings.TrimSpace(title))],
				Title: title,
				ID:    fmt.Sprintf("e%d-%s", a.Meta.ID, id),
			})
			continue
		}
		p.render(md, &cur, n)
	}
	flush()
	return body
}

// pointLinks sets the destination of every internal link and image of a
// changelog entry, for one of the places it is shown.
func (p *pageCtx) pointLinks(dest func(m movedLink) string) {
	for _, m := range p.moved {
		switch n := m.node.(type) {
		case *ast.Link:
			n.Destination = []byte(dest(m))
		case *ast.Image:
			n.Destination = []byte(dest(m))
			dressImage(n, false)
		}
	}
}

// render renders a node of the article's AST into w.
func (p *pageCtx) render(md goldmark.Markdown, w *bytes.Buffer, n ast.Node) {
	if err := md.Renderer().Render(w, p.src, n); err != nil {
		p.d.Errorf(p.disp, 0, "cannot render: %v", err)
	}
}

// absBase returns a base URL with a trailing slash when it is absolute
// (has a scheme and host), else "": feeds need absolute links.
func absBase(u string) string {
	if !strings.Contains(u, "://") {
		return ""
	}
	return strings.TrimSuffix(u, "/") + "/"
}

// ChangeGroup is the entries of one version on the changelog page.
type ChangeGroup struct {
	Version string // "" for entries without one
	Date    time.Time
	ID      string // anchor
	Entries []*Article
	// Full is set on the newest FullReleases groups, shown with every
	// entry's text; older ones list their entries, each a link to its own
	// page. A product with years of releases would otherwise send a phone
	// megabytes of old notes to show the latest.
	Full bool
}

// FullReleases is how many of the newest releases the changelog page shows
// in full.
const FullReleases = 20

// changelog returns a language's changelog entries, newest first, grouped
// by version.
func (s *Site) changelog(lang string) []ChangeGroup {
	var groups []ChangeGroup
	for _, a := range s.changes(lang, -1) {
		if g := len(groups) - 1; g >= 0 && a.Meta.Version != "" && groups[g].Version == a.Meta.Version {
			groups[g].Entries = append(groups[g].Entries, a)
			continue
		}
		id := "v" + strings.NewReplacer(".", "-", " ", "-").Replace(a.Meta.Version)
		if a.Meta.Version == "" {
			id = fmt.Sprintf("e%d", a.Meta.ID)
		}
		groups = append(groups, ChangeGroup{Version: a.Meta.Version, Date: a.Meta.Date, ID: id, Entries: []*Article{a}, Full: len(groups) < FullReleases})
	}
	return groups
}

// ChangedIn lists the changelog entries that changed this page's article,
// newest first, in the page's language where translated.
func (v *View) ChangedIn() []*Article {
	if v.Article == nil {
		return nil
	}
	var out []*Article
	for _, e := range v.r.site.changedBy[v.Article.Meta.ID] {
		if t := v.r.site.article(e.Meta.ID, v.Lang.Code); t != nil && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	slices.SortStableFunc(out, func(x, y *Article) int { return y.Meta.Date.Compare(x.Meta.Date) })
	return out
}

// Feed is one of a language's changelog feeds, for <link rel=alternate>.
type Feed struct {
	Type  string
	Title string
	Href  string
}

// Feeds lists the changelog feeds of this page's language, for the pages
// that announce them (home and changelog).
func (v *View) Feeds() []Feed {
	if !v.r.feeds[v.Lang.Code] {
		return nil
	}
	base := v.Lang.Code + "/changelog/"
	return []Feed{
		{"application/atom+xml", "Atom", v.URL(base + "atom.xml")},
		{"application/rss+xml", "RSS", v.URL(base + "rss.xml")},
		{"application/feed+json", "JSON Feed", v.URL(base + "feed.json")},
	}
}

// OtherThanChanges lists the articles of a changelog category that are not
// changelog entries, so the changelog page that replaces the category page
// still links them.
func (c *Category) OtherThanChanges() []*Article {
	var out []*Article
	for _, a := range c.Articles {
		if a.Meta.Kind != KindChangelog {
			out = append(out, a)
		}
	}
	return out
}
