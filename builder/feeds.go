package builder

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"time"
)

// feedLimit is how many of the newest changelog entries a feed carries;
// readers fetch feeds often, and older entries stay on the changelog page.
const feedLimit = 50

// feedNames are the files feedFiles makes, in its order.
var feedNames = []string{"atom.xml", "rss.xml", "feed.json"}

// feedFiles writes the Atom, RSS 2.0 and JSON Feed 1.1 files of one
// language's changelog. Dates come from the entries, never the clock, so
// the feeds are deterministic.
func (r *siteRenderer) feedFiles(lang Language, title string) []outFile {
	f := &feed{r: r, lang: lang, title: title, entries: r.site.changes(lang.Code, feedLimit),
		base: r.baseURL + lang.Code + "/changelog/", author: cmp.Or(r.site.Config.Product, r.site.Config.Title)}
	for _, a := range f.entries {
		if u := updated(a); u.After(f.newest) {
			f.newest = u
		}
	}
	return []outFile{f.atom(), f.rss(), f.json()}
}

// feed is what the three feeds of a language's changelog share.
type feed struct {
	r       *siteRenderer
	lang    Language
	title   string
	base    string // the changelog page's absolute URL
	entries []*Article
	newest  time.Time
	author  string
}

// updated is when an entry last changed.
func updated(a *Article) time.Time {
	if a.Meta.Updated.After(a.Meta.Date) {
		return a.Meta.Updated
	}
	return a.Meta.Date
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

// atom is the Atom feed.
func (f *feed) atom() outFile {
	af := atomFeed{Lang: f.lang.Code, ID: f.base, Title: f.title, Updated: f.newest.Format(time.RFC3339), Author: f.author,
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: f.base + "atom.xml"}, {Rel: "alternate", Type: "text/html", Href: f.base}}}
	for _, a := range f.entries {
		u := f.r.baseURL + escapePath(a.URL)
		af.Entries = append(af.Entries, atomEntry{ID: u, Title: a.Meta.Title, Updated: updated(a).Format(time.RFC3339),
			Published: a.Meta.Date.Format(time.RFC3339), Link: atomLink{Rel: "alternate", Type: "text/html", Href: u},
			Summary: a.Meta.Summary, Content: atomText{Type: "html", Body: string(a.Change.Feed)}})
	}
	return f.xmlFile("atom.xml", af)
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

type rssFeed struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	AtomNS  string   `xml:"xmlns:atom,attr"`
	rssChannel
}

// rss is the RSS 2.0 feed.
func (f *feed) rss() outFile {
	rf := rssFeed{Version: "2.0", AtomNS: "http://www.w3.org/2005/Atom", rssChannel: rssChannel{Title: f.title, Link: f.base, Description: f.title, Language: f.lang.Code,
		LastBuildDate: f.newest.Format(time.RFC1123Z), Self: atomLink{Rel: "self", Type: "application/rss+xml", Href: f.base + "rss.xml"}}}
	for _, a := range f.entries {
		u := f.r.baseURL + escapePath(a.URL)
		rf.Items = append(rf.Items, rssItem{Title: a.Meta.Title, Link: u, GUID: rssGUID{true, u},
			PubDate: a.Meta.Date.Format(time.RFC1123Z), Description: string(a.Change.Feed)})
	}
	return f.xmlFile("rss.xml", rf)
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

// json is the JSON Feed 1.1 feed.
func (f *feed) json() outFile {
	jf := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: f.title, HomePageURL: f.base, FeedURL: f.base + "feed.json",
		Language: f.lang.Code, Authors: []jsonAuthor{{f.author}}, Items: []jsonItem{}}
	for _, a := range f.entries {
		u := f.r.baseURL + escapePath(a.URL)
		jf.Items = append(jf.Items, jsonItem{ID: u, URL: u, Title: a.Meta.Title, ContentHTML: string(a.Change.Feed), Summary: a.Meta.Summary,
			DatePublished: a.Meta.Date.Format(time.RFC3339), DateModified: updated(a).Format(time.RFC3339)})
	}
	js, err := json.MarshalIndent(jf, "", "  ")
	if err != nil {
		panic(err) // only fixed struct types of strings are encoded
	}
	return outFile{Path: f.lang.Code + "/changelog/feed.json", Data: append(js, '\n')}
}

// xmlFile encodes an XML feed.
func (f *feed) xmlFile(name string, v any) outFile {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(err) // only fixed struct types of strings are encoded
	}
	b.WriteByte('\n')
	return outFile{Path: f.base[len(f.r.baseURL):] + name, Data: b.Bytes()}
}
