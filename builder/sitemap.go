package builder

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
)

// sitemapLink is one language version of a sitemap entry.
type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// sitemapURL is one entry of the sitemap.
type sitemapURL struct {
	Loc     string        `xml:"loc"`
	LastMod string        `xml:"lastmod,omitempty"`
	Links   []sitemapLink `xml:"xhtml:link"`
}

// sitemap lists every page with its language alternates, so search
// engines show readers the version in their language.
func (r *siteRenderer) sitemap() outFile {
	urls := r.sitemapURLs()
	slices.SortFunc(urls, func(a, b sitemapURL) int { return strings.Compare(a.Loc, b.Loc) })
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`)
	if len(r.site.Config.Languages) > 1 {
		b.WriteString(` xmlns:xhtml="http://www.w3.org/1999/xhtml"`)
	}
	b.WriteString(">\n")
	for _, u := range urls {
		x, _ := xml.Marshal(u)
		b.WriteString("  <url>")
		b.Write(bytes.TrimSuffix(bytes.TrimPrefix(x, []byte("<sitemapURL>")), []byte("</sitemapURL>")))
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return outFile{Path: "sitemap.xml", Data: b.Bytes()}
}

// sitemapURLs are the language homes, the categories and the articles,
// each with the URLs of its versions in other languages.
func (r *siteRenderer) sitemapURLs() []sitemapURL {
	var urls []sitemapURL
	homes := map[string]string{}
	for _, l := range r.site.Config.Languages {
		homes[l.Code] = l.Code + "/"
	}
	for _, l := range r.site.Config.Languages {
		urls = append(urls, sitemapURL{Loc: r.baseURL + escapePath(l.Code+"/"), Links: r.alternates(homes)})
	}
	catVersions := map[string]map[string]string{}
	for _, c := range r.site.Categories {
		if c.Name != "" {
			if catVersions[c.Name] == nil {
				catVersions[c.Name] = map[string]string{}
			}
			catVersions[c.Name][c.Lang] = c.URL
		}
	}
	for _, c := range r.site.Categories {
		if c.Name != "" {
			urls = append(urls, sitemapURL{Loc: r.baseURL + escapePath(c.URL), Links: r.alternates(catVersions[c.Name])})
		}
	}
	for _, a := range r.site.Articles {
		u := sitemapURL{Loc: r.baseURL + escapePath(a.URL)}
		if !a.Meta.Updated.IsZero() {
			u.LastMod = a.Meta.Updated.Format("2006-01-02")
		}
		if len(a.Translations) > 0 {
			versions := map[string]string{a.Lang: a.URL}
			for _, t := range a.Translations {
				versions[t.Lang] = t.URL
			}
			u.Links = r.alternates(versions)
		}
		urls = append(urls, u)
	}
	return urls
}

// alternates lists a page's versions (by language) in site order; none on
// a one-language site or for a page in one language only.
func (r *siteRenderer) alternates(versions map[string]string) []sitemapLink {
	if len(r.site.Config.Languages) < 2 || len(versions) < 2 {
		return nil
	}
	var ls []sitemapLink
	for _, l := range r.site.Config.Languages {
		if u, ok := versions[l.Code]; ok {
			ls = append(ls, sitemapLink{"alternate", l.Code, r.baseURL + escapePath(u)})
		}
	}
	return ls
}
