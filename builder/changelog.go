package builder

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
)

// feedLimit is how many of the newest changelog entries a feed carries;
// readers fetch feeds often, and older entries stay on the changelog page.
const feedLimit = 50

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
	src := a.src
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
	setLinks := func(dest func(m movedLink) string) {
		for _, m := range p.moved {
			switch n := m.node.(type) {
			case *ast.Link:
				n.Destination = []byte(dest(m))
			case *ast.Image:
				n.Destination = []byte(dest(m))
			}
		}
	}
	render := func(w *bytes.Buffer, n ast.Node) {
		if err := md.Renderer().Render(w, src, n); err != nil {
			p.d.Errorf(p.disp, 0, "cannot render: %v", err)
		}
	}

	body := &ChangeBody{}
	page := a.Lang + "/changelog/"
	setLinks(func(m movedLink) string { return p.hrefFrom(page, m.target, m.fragment) })
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
			title := plainText(h, src)
			idv, _ := h.AttributeString("id")
			id, _ := idv.([]byte)
			body.Sections = append(body.Sections, ChangeSection{
				Kind:  changeKinds[strings.ToLower(strings.TrimSpace(title))],
				Title: title,
				ID:    fmt.Sprintf("e%d-%s", a.Meta.ID, id),
			})
			continue
		}
		render(&cur, n)
	}
	flush()

	if p.baseURL != "" {
		setLinks(func(m movedLink) string {
			s := p.baseURL + m.target
			if m.fragment != "" {
				s += "#" + m.fragment
			}
			return s
		})
		var feed bytes.Buffer
		render(&feed, doc)
		body.Feed = template.HTML(feed.String())
	}
	// Later renderings (the print book) expect the links of the entry's page.
	setLinks(func(m movedLink) string { return p.hrefFrom(a.URL, m.target, m.fragment) })
	return body
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
}

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
		groups = append(groups, ChangeGroup{Version: a.Meta.Version, Date: a.Meta.Date, ID: id, Entries: []*Article{a}})
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

// feedNames are the files feedFiles makes, in its order.
var feedNames = []string{"atom.xml", "rss.xml", "feed.json"}

// feedFiles writes the Atom, RSS 2.0 and JSON Feed 1.1 files of one
// language's changelog. Dates come from the entries, never the clock, so
// the feeds are deterministic.
func (r *siteRenderer) feedFiles(lang Language, title string) []outFile {
	entries := r.site.changes(lang.Code, feedLimit)
	base := r.baseURL + lang.Code + "/changelog/"
	updated := func(a *Article) time.Time {
		if a.Meta.Updated.After(a.Meta.Date) {
			return a.Meta.Updated
		}
		return a.Meta.Date
	}
	var newest time.Time
	for _, a := range entries {
		if u := updated(a); u.After(newest) {
			newest = u
		}
	}
	author := r.site.Config.Product
	if author == "" {
		author = r.site.Config.Title
	}

	type atomLink struct {
		Rel  string `xml:"rel,attr,omitempty"`
		Type string `xml:"type,attr,omitempty"`
		Href string `xml:"href,attr"`
	}
	type atomText struct {
		Type string `xml:"type,attr,omitempty"`
		Body string `xml:",chardata"`
	}
	type atomEntry struct {
		ID        string   `xml:"id"`
		Title     string   `xml:"title"`
		Updated   string   `xml:"updated"`
		Published string   `xml:"published"`
		Link      atomLink `xml:"link"`
		Summary   string   `xml:"summary,omitempty"`
		Content   atomText `xml:"content"`
	}
	type atomFeed struct {
		XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
		Lang    string      `xml:"xml:lang,attr"`
		ID      string      `xml:"id"`
		Title   string      `xml:"title"`
		Updated string      `xml:"updated"`
		Links   []atomLink  `xml:"link"`
		Author  string      `xml:"author>name"`
		Entries []atomEntry `xml:"entry"`
	}
	af := atomFeed{Lang: lang.Code, ID: base, Title: title, Updated: newest.Format(time.RFC3339), Author: author,
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: base + "atom.xml"}, {Rel: "alternate", Type: "text/html", Href: base}}}
	for _, a := range entries {
		u := r.baseURL + a.URL
		af.Entries = append(af.Entries, atomEntry{ID: u, Title: a.Meta.Title, Updated: updated(a).Format(time.RFC3339),
			Published: a.Meta.Date.Format(time.RFC3339), Link: atomLink{Rel: "alternate", Type: "text/html", Href: u},
			Summary: a.Meta.Summary, Content: atomText{Type: "html", Body: string(a.Change.Feed)}})
	}

	type rssGUID struct {
		Permalink bool   `xml:"isPermaLink,attr"`
		Value     string `xml:",chardata"`
	}
	type rssItem struct {
		Title       string  `xml:"title"`
		Link        string  `xml:"link"`
		GUID        rssGUID `xml:"guid"`
		PubDate     string  `xml:"pubDate"`
		Description string  `xml:"description"`
	}
	type rssChannel struct {
		Title         string    `xml:"channel>title"`
		Link          string    `xml:"channel>link"`
		Description   string    `xml:"channel>description"`
		Language      string    `xml:"channel>language"`
		LastBuildDate string    `xml:"channel>lastBuildDate"`
		Self          atomLink  `xml:"channel>atom:link"`
		Items         []rssItem `xml:"channel>item"`
	}
	type rss struct {
		XMLName xml.Name `xml:"rss"`
		Version string   `xml:"version,attr"`
		AtomNS  string   `xml:"xmlns:atom,attr"`
		rssChannel
	}
	rf := rss{Version: "2.0", AtomNS: "http://www.w3.org/2005/Atom", rssChannel: rssChannel{Title: title, Link: base, Description: title, Language: lang.Code,
		LastBuildDate: newest.Format(time.RFC1123Z), Self: atomLink{Rel: "self", Type: "application/rss+xml", Href: base + "rss.xml"}}}
	for _, a := range entries {
		u := r.baseURL + a.URL
		rf.Items = append(rf.Items, rssItem{Title: a.Meta.Title, Link: u, GUID: rssGUID{true, u},
			PubDate: a.Meta.Date.Format(time.RFC1123Z), Description: string(a.Change.Feed)})
	}

	type jsonItem struct {
		ID            string `json:"id"`
		URL           string `json:"url"`
		Title         string `json:"title"`
		ContentHTML   string `json:"content_html"`
		Summary       string `json:"summary,omitempty"`
		DatePublished string `json:"date_published"`
		DateModified  string `json:"date_modified"`
	}
	type jsonAuthor struct {
		Name string `json:"name"`
	}
	type jsonFeed struct {
		Version     string       `json:"version"`
		Title       string       `json:"title"`
		HomePageURL string       `json:"home_page_url"`
		FeedURL     string       `json:"feed_url"`
		Language    string       `json:"language"`
		Authors     []jsonAuthor `json:"authors"`
		Items       []jsonItem   `json:"items"`
	}
	jf := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: title, HomePageURL: base, FeedURL: base + "feed.json",
		Language: lang.Code, Authors: []jsonAuthor{{author}}, Items: []jsonItem{}}
	for _, a := range entries {
		u := r.baseURL + a.URL
		jf.Items = append(jf.Items, jsonItem{ID: u, URL: u, Title: a.Meta.Title, ContentHTML: string(a.Change.Feed), Summary: a.Meta.Summary,
			DatePublished: a.Meta.Date.Format(time.RFC3339), DateModified: updated(a).Format(time.RFC3339)})
	}

	xmlFile := func(p string, v any) outFile {
		var b bytes.Buffer
		b.WriteString(xml.Header)
		enc := xml.NewEncoder(&b)
		enc.Indent("", "  ")
		if err := enc.Encode(v); err != nil {
			panic(err) // only fixed struct types are encoded
		}
		b.WriteByte('\n')
		return outFile{Path: base[len(r.baseURL):] + p, Data: b.Bytes()}
	}
	js, err := json.MarshalIndent(jf, "", "  ")
	if err != nil {
		panic(err)
	}
	return []outFile{
		xmlFile("atom.xml", af),
		xmlFile("rss.xml", rf),
		{Path: lang.Code + "/changelog/feed.json", Data: append(js, '\n')},
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
