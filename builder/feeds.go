package builder

import (
	"cmp"

	"deskbook/internal/feed"
)

// feedFile is one of the feeds (internal/feed) of a language's changelog,
// its newest entries.
func (r *siteRenderer) feedFile(lang Language, title, name string) outFile {
	f := feed.Feed{Lang: lang.Code, Title: title, URL: r.baseURL + lang.Code + "/changelog/",
		Author: cmp.Or(r.site.Config.Product, r.site.Config.Title)}
	for _, a := range r.site.changes(lang.Code, feed.Limit) {
		f.Entries = append(f.Entries, feed.Entry{URL: r.baseURL + escapePath(a.URL), Title: a.Meta.Title, Summary: a.Meta.Summary,
			HTML: string(a.Change.Feed), Published: a.Meta.Date, Updated: a.Meta.Updated})
	}
	data, err := feed.Encode(f, name)
	if err != nil {
		panic(err) // names come from feed.Names
	}
	return outFile{Path: lang.Code + "/changelog/" + name, Data: data}
}
