// Package meta describes a page for link previews and search engines: the
// OpenGraph tags chat apps and social sites read for a link's preview card
// (Twitter's card reads them too), and schema.org JSON-LD, which search
// engines read for an article's dates and its place in the site
// (breadcrumbs). The builder fills a Page; templates show its tags and
// blocks. JSON-LD is made with encoding/json from typed structs, which
// escapes <, > and &, so no text can end its script element.
package meta

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html/template"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// Kind is what a page is, which decides its og:type and JSON-LD.
type Kind int

// The kinds of page.
const (
	Other      Kind = iota // og:type website, no JSON-LD (search, print book)
	Home                   // a language's home: WebSite
	Collection             // a category or the changelog: CollectionPage and breadcrumbs
	Article                // an article: TechArticle and breadcrumbs
)

// Page is what a page says about itself.
type Page struct {
	Kind        Kind
	Title       string // the page's own title, without the site's
	Description string // the summary, or ""
	SiteName    string // the site's title in the page's language
	Publisher   string // who publishes the site: the product, else the site's title
	Lang        string // the page's language code (uk, pt-br)
	Alternates  []string
	// URL is the page's canonical address, absolute, or "" when the site
	// has no absolute base_url (og:url must be absolute).
	URL string
	// Link and Home are the page's and its language home's addresses for
	// JSON-LD: absolute when the site has an address, else relative to the
	// page, which JSON-LD resolves against the page's own address.
	Link, Home string
	Modified   time.Time // updated:
	Published  time.Time // date:
	Crumbs     []Crumb   // home, category, page
}

// Crumb is one step of a page's breadcrumbs.
type Crumb struct {
	Name string
	URL  string
}

// Tag is one OpenGraph meta tag: <meta property="og:title" content="…">.
type Tag struct {
	Property string
	Content  string
}

// Locale is an og:locale for a language code: language_TERRITORY, with
// the territory the code names (pt-br: pt_BR) or else the language's most
// likely one by CLDR (en: en_US, uk: uk_UA, ru: ru_RU), the form
// OpenGraph's readers expect. A code Go's language tables do not know
// stays as it is; parsers accept a plain language too.
func Locale(code string) string {
	t, err := language.Parse(code)
	base, conf := t.Base()
	if err != nil || conf == language.No {
		return code
	}
	region, conf := t.Region()
	if conf == language.No || region.String() == "ZZ" {
		return base.String()
	}
	return base.String() + "_" + region.String()
}

// OpenGraph is the page's OpenGraph tags.
func (p *Page) OpenGraph() []Tag {
	typ := "website"
	if p.Kind == Article {
		typ = "article"
	}
	tags := []Tag{{"og:type", typ}, {"og:title", p.Title}}
	add := func(property, content string) {
		if content != "" {
			tags = append(tags, Tag{property, content})
		}
	}
	add("og:description", p.Description)
	add("og:site_name", p.SiteName)
	add("og:url", p.URL)
	add("og:locale", Locale(p.Lang))
	for _, l := range p.Alternates {
		add("og:locale:alternate", Locale(l))
	}
	if p.Kind == Article {
		add("article:published_time", date(p.Published))
		add("article:modified_time", date(cmpTime(p.Modified, p.Published)))
	}
	return tags
}

// date is a day in ISO 8601, or "" for none.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// cmpTime is the first of its times that is set.
func cmpTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

const schema = "https://schema.org"

// thing is a schema.org item named in another: the site, its publisher.
type thing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// techArticle is schema.org's TechArticle: an article page.
type techArticle struct {
	Context       string `json:"@context"`
	Type          string `json:"@type"`
	Headline      string `json:"headline"`
	Description   string `json:"description,omitempty"`
	InLanguage    string `json:"inLanguage"`
	DatePublished string `json:"datePublished,omitempty"`
	DateModified  string `json:"dateModified,omitempty"`
	URL           string `json:"url"`
	IsPartOf      thing  `json:"isPartOf"`
	Publisher     thing  `json:"publisher"`
}

// webPage is schema.org's WebSite (a home page) or CollectionPage (a
// category).
type webPage struct {
	Context     string `json:"@context"`
	Type        string `json:"@type"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	InLanguage  string `json:"inLanguage"`
	URL         string `json:"url"`
	IsPartOf    *thing `json:"isPartOf,omitempty"`
	Publisher   *thing `json:"publisher,omitempty"`
}

// breadcrumbList is schema.org's BreadcrumbList.
type breadcrumbList struct {
	Context string     `json:"@context"`
	Type    string     `json:"@type"`
	Items   []listItem `json:"itemListElement"`
}

type listItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item"`
}

// JSONLD is the page's JSON-LD blocks, each for a <script
// type="application/ld+json"> element: a TechArticle and its breadcrumbs
// on an article, a CollectionPage and its breadcrumbs on a category, a
// WebSite on a home page, nothing on other pages.
func (p *Page) JSONLD() []template.JS {
	site := thing{Type: "WebSite", Name: p.SiteName, URL: p.Home}
	publisher := thing{Type: "Organization", Name: p.Publisher}
	var blocks []any
	switch p.Kind {
	case Article:
		blocks = append(blocks, techArticle{Context: schema, Type: "TechArticle", Headline: p.Title, Description: p.Description,
			InLanguage: p.Lang, DatePublished: date(p.Published), DateModified: date(cmpTime(p.Modified, p.Published)),
			URL: p.Link, IsPartOf: site, Publisher: publisher})
	case Collection:
		blocks = append(blocks, webPage{Context: schema, Type: "CollectionPage", Name: p.Title, Description: p.Description,
			InLanguage: p.Lang, URL: p.Link, IsPartOf: &site})
	case Home:
		blocks = append(blocks, webPage{Context: schema, Type: "WebSite", Name: p.SiteName, Description: p.Description,
			InLanguage: p.Lang, URL: p.Home, Publisher: &publisher})
	}
	if p.Kind == Article || p.Kind == Collection {
		list := breadcrumbList{Context: schema, Type: "BreadcrumbList"}
		for i, c := range p.Crumbs {
			list.Items = append(list.Items, listItem{Type: "ListItem", Position: i + 1, Name: c.Name, Item: c.URL})
		}
		blocks = append(blocks, list)
	}
	out := make([]template.JS, len(blocks))
	for i, b := range blocks {
		data, _ := json.Marshal(b) // strings and numbers only; <, > and & escaped
		out[i] = template.JS(data)
	}
	return out
}

// SitemapURL is one entry of a sitemap: a page, when it last changed,
// and its versions in other languages.
type SitemapURL struct {
	Loc     string        `xml:"loc"`
	LastMod string        `xml:"lastmod,omitempty"`
	Links   []SitemapLink `xml:"xhtml:link"`
}

// SitemapLink is one language version of a sitemap entry.
type SitemapLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// Sitemap writes sitemap.xml, sorted by address, so search engines find
// every page and show readers the version in their language (multilingual
// adds the namespace of the language links).
func Sitemap(urls []SitemapURL, multilingual bool) []byte {
	slices.SortFunc(urls, func(a, b SitemapURL) int { return strings.Compare(a.Loc, b.Loc) })
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`)
	if multilingual {
		b.WriteString(` xmlns:xhtml="http://www.w3.org/1999/xhtml"`)
	}
	b.WriteString(">\n")
	for _, u := range urls {
		x, _ := xml.Marshal(u)
		b.WriteString("  <url>")
		b.Write(bytes.TrimSuffix(bytes.TrimPrefix(x, []byte("<SitemapURL>")), []byte("</SitemapURL>")))
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
