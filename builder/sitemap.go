package builder

import "deskbook/internal/meta"

// sitemap lists every page with its language alternates (internal/meta).
func (r *siteRenderer) sitemap() outFile {
	return outFile{Path: "sitemap.xml", Data: meta.Sitemap(r.sitemapURLs(), len(r.site.Config.Languages) > 1)}
}

// sitemapURLs are the language homes, the categories and the articles,
// each with the URLs of its versions in other languages.
func (r *siteRenderer) sitemapURLs() []meta.SitemapURL {
	var urls []meta.SitemapURL
	homes := map[string]string{}
	for _, l := range r.site.Config.Languages {
		homes[l.Code] = l.Code + "/"
	}
	for _, l := range r.site.Config.Languages {
		urls = append(urls, meta.SitemapURL{Loc: r.baseURL + escapePath(l.Code+"/"), Links: r.alternates(homes)})
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
			urls = append(urls, meta.SitemapURL{Loc: r.baseURL + escapePath(c.URL), Links: r.alternates(catVersions[c.Name])})
		}
	}
	for _, a := range r.site.Articles {
		u := meta.SitemapURL{Loc: r.baseURL + escapePath(a.URL)}
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
func (r *siteRenderer) alternates(versions map[string]string) []meta.SitemapLink {
	if len(r.site.Config.Languages) < 2 || len(versions) < 2 {
		return nil
	}
	var ls []meta.SitemapLink
	for _, l := range r.site.Config.Languages {
		if u, ok := versions[l.Code]; ok {
			ls = append(ls, meta.SitemapLink{Rel: "alternate", Hreflang: l.Code, Href: r.baseURL + escapePath(u)})
		}
	}
	return ls
}
