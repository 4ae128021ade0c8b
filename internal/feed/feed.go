// Package feed writes a changelog as Atom, RSS 2.0 and JSON Feed 1.1, the
// three formats feed readers and chat integrations subscribe to. It takes
// typed entries, never the builder's model, and dates come from the
// entries, never the clock, so the files are deterministic.
package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"time"
)

// Limit is how many of the newest entries a feed should carry: readers
// fetch feeds often, and older entries stay on the changelog page.
const Limit = 50

// Names are the files Encode makes, one per format.
var Names = []string{"atom.xml", "rss.xml", "feed.json"}

// Feed is one language's changelog.
type Feed struct {
	Lang    string // its language code
	Title   string
	URL     string // the changelog page's absolute URL, ending in /
	Author  string
	Entries []Entry // newest first
}

// Entry is one changelog entry.
type Entry struct {
	URL, Title, Summary string
	HTML                string // the entry's body
	Published, Updated  time.Time
}

// updated is when an entry last changed.
func (e Entry) updated() time.Time {
	if e.Updated.After(e.Published) {
		return e.Updated
	}
	return e.Published
}

// newest is when the newest entry changed.
func (f Feed) newest() time.Time {
	var t time.Time
	for _, e := range f.Entries {
		if u := e.updated(); u.After(t) {
			t = u
		}
	}
	return t
}

// Encode is the feed in the format of one of Names.
func Encode(f Feed, name string) ([]byte, error) {
	switch name {
	case "atom.xml":
		return atom(f), nil
	case "rss.xml":
		return rss(f), nil
	case "feed.json":
		return jsonFeedOf(f), nil
	}
	return nil, fmt.Errorf("no feed format is called %q", name)
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
func atom(f Feed) []byte {
	af := atomFeed{Lang: f.Lang, ID: f.URL, Title: f.Title, Updated: f.newest().Format(time.RFC3339), Author: f.Author,
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: f.URL + "atom.xml"}, {Rel: "alternate", Type: "text/html", Href: f.URL}}}
	for _, e := range f.Entries {
		af.Entries = append(af.Entries, atomEntry{ID: e.URL, Title: e.Title, Updated: e.updated().Format(time.RFC3339),
			Published: e.Published.Format(time.RFC3339), Link: atomLink{Rel: "alternate", Type: "text/html", Href: e.URL},
			Summary: e.Summary, Content: atomText{Type: "html", Body: e.HTML}})
	}
	return xmlFile(af)
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
func rss(f Feed) []byte {
	rf := rssFeed{Version: "2.0", AtomNS: "http://www.w3.org/2005/Atom", rssChannel: rssChannel{Title: f.Title, Link: f.URL, Description: f.Title, Language: f.Lang,
		LastBuildDate: f.newest().Format(time.RFC1123Z), Self: atomLink{Rel: "self", Type: "application/rss+xml", Href: f.URL + "rss.xml"}}}
	for _, e := range f.Entries {
		rf.Items = append(rf.Items, rssItem{Title: e.Title, Link: e.URL, GUID: rssGUID{true, e.URL},
			PubDate: e.Published.Format(time.RFC1123Z), Description: e.HTML})
	}
	return xmlFile(rf)
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

// jsonFeedOf is the JSON Feed 1.1 feed.
func jsonFeedOf(f Feed) []byte {
	jf := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: f.Title, HomePageURL: f.URL, FeedURL: f.URL + "feed.json",
		Language: f.Lang, Authors: []jsonAuthor{{f.Author}}, Items: []jsonItem{}}
	for _, e := range f.Entries {
		jf.Items = append(jf.Items, jsonItem{ID: e.URL, URL: e.URL, Title: e.Title, ContentHTML: e.HTML, Summary: e.Summary,
			DatePublished: e.Published.Format(time.RFC3339), DateModified: e.updated().Format(time.RFC3339)})
	}
	js, err := json.MarshalIndent(jf, "", "  ")
	if err != nil {
		panic(err) // only fixed struct types of strings are encoded
	}
	return append(js, '\n')
}

// xmlFile encodes an XML feed.
func xmlFile(v any) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(err) // only fixed struct types of strings are encoded
	}
	b.WriteByte('\n')
	return b.Bytes()
}
