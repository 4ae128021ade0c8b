package markdown

import (
	"deskbook/internal/importer/folder"
	"path"
	"slices"
	"strings"
)

// oldURLs works out the URLs every page had on the old site and keeps
// them as aliases, so deskbook's redirects (and _redirects) send old
// links to the new pages. An old URL that the new site has anyway, or
// that another page claimed first, is left out; the URLs are also
// remembered to resolve site-absolute links.
func (imp *importer) oldURLs() {
	own := imp.newURLs()
	taken := map[string]string{}
	for _, pg := range imp.ordered() {
		for _, l := range imp.langs {
			v := pg.versions[l]
			if v == nil {
				continue
			}
			v.out = imp.langDir(l) + pg.out
			urls := imp.urlsOf(v)
			if len(urls) > 0 {
				v.oldURL = urls[0]
			}
			for _, u := range urls {
				if path.Base(u) == "index.html" {
					u = strings.TrimSuffix(u, "index.html") // hosts serve a folder's index.html as the folder
				}
				if _, ok := imp.oldURL[normURL(u)]; !ok {
					imp.oldURL[normURL(u)] = v
				}
				a := aliasURL(u)
				if own[a] || folder.Reserved(a) {
					continue
				}
				if prev, ok := taken[a]; ok {
					if prev != v.src {
						imp.warnf(v.src, 0, "the old URL %s was also %s's; it goes there", u, imp.shown(prev))
					}
					continue
				}
				taken[a] = v.src
				v.aliases = append(v.aliases, u)
				imp.rep.Aliases++
			}
		}
	}
}

// aliasURL is the site-relative URL a deskbook alias publishes, as the
// builder makes it.
func aliasURL(u string) string {
	a := strings.Trim(path.Clean("/"+u), "/") + "/"
	if a == "/" {
		return "/"
	}
	return a
}

// normURL is an old URL without what a link to it may leave out: the
// leading and trailing slash, .html, a last /index.
func normURL(u string) string {
	u = strings.Trim(path.Clean("/"+u), "/")
	u = strings.TrimSuffix(u, ".html")
	u = strings.TrimSuffix(u, "/index")
	if u == "index" {
		u = ""
	}
	return u
}

// newURLs are the URLs the imported site has, in the builder's form:
// language homes and deskbook's pages, categories and articles.
func (imp *importer) newURLs() map[string]bool {
	own := map[string]bool{}
	for _, l := range imp.langs {
		own[l+"/"] = true
		for r := range reserved {
			own[l+"/"+r+"/"] = true
		}
		for _, c := range imp.cats {
			own[l+"/"+c.dir+"/"] = true
		}
	}
	for _, pg := range imp.pages {
		u := strings.TrimSuffix(pg.out, ".md")
		if path.Base(u) == "index" {
			u = path.Dir(u)
		}
		for l := range pg.versions {
			own[aliasURL(l+"/"+u)] = true
		}
	}
	return own
}

// oldPrefix is the part of a language's old URLs before the page's
// path: the language folder where the old site kept languages in
// folders of its URL (YFM, DocFX, GitHub), else "" for the default
// language and "<lang>/" for the others.
func (imp *importer) oldPrefix(code string) string {
	switch imp.dialect {
	case YFM, DocFX, GitHub:
		if dir, ok := imp.langDirs[code]; ok {
			return strings.TrimPrefix(dir, imp.site.root+"/") + "/"
		}
	}
	if code == imp.defLang {
		return ""
	}
	return code + "/"
}

// urlsOf are the old URLs of a version, its main one first: the one its
// path gave it under the dialect's rules, then those its front matter
// named (Hugo's url and aliases, Jekyll's permalink and redirect_from).
func (imp *importer) urlsOf(v *version) []string {
	base := imp.site.base + imp.oldPrefix(v.lang)
	var out []string
	for _, p := range imp.dialectPaths(v) {
		out = append(out, base+p)
	}
	if u := v.meta.url; u != "" {
		out = append(out, imp.site.base+strings.TrimPrefix(u, "/"))
	}
	for _, a := range v.meta.aliases {
		switch {
		case strings.Contains(a, "://"):
		case strings.HasPrefix(a, "/"):
			out = append(out, imp.site.base+strings.TrimPrefix(a, "/"))
		case len(out) > 0:
			out = append(out, path.Join(path.Dir(strings.TrimSuffix(out[0], "/")), a)+"/")
		}
	}
	return slices.Compact(out)
}

// dialectPaths are a page's old paths below the site's base, by the
// dialect's rules (the README lists them).
func (imp *importer) dialectPaths(v *version) []string {
	key := v.page.key
	dir, name := path.Split(key)
	stem := strings.TrimSuffix(name, path.Ext(name))
	index := imp.isIndex(key)
	switch imp.dialect {
	case MkDocs:
		switch {
		case imp.site.dirURLs && index:
			return []string{dir}
		case imp.site.dirURLs:
			return []string{dir + stem + "/"}
		case index:
			return []string{dir + "index.html"}
		}
		return []string{dir + stem + ".html"}
	case DocFX:
		if stem == "index" {
			return []string{dir + "index.html", dir}
		}
		return []string{dir + stem + ".html"}
	case YFM:
		if stem == "index" {
			return []string{dir, dir + "index.html"}
		}
		return []string{dir + stem, dir + stem + ".html"}
	case Docusaurus:
		return []string{imp.docusaurusPath(v, dir, stem, index)}
	case Hugo:
		return []string{hugoPath(v, dir, stem, index)}
	}
	if imp.opt.OldBase == "" && imp.navTops == nil {
		return nil // a folder of Markdown on GitHub: no site, no old URLs
	}
	if index {
		return []string{dir, dir + "index.html"}
	}
	return []string{dir + stem + ".html"}
}

// docusaurusPath is a doc's URL: the docs' route, then its folders
// without their numbers and its id (the file name, or id:), or the
// folder alone for an index page; slug: replaces it, from the route
// when it starts with /, else from the folder.
func (imp *importer) docusaurusPath(v *version, dir, stem string, index bool) string {
	route := ""
	if imp.site.routeBase != "" {
		route = imp.site.routeBase + "/"
	}
	var segs []string
	for s := range strings.SplitSeq(strings.Trim(dir, "/"), "/") {
		if s != "" {
			segs = append(segs, stripNumber(s))
		}
	}
	d := strings.Join(segs, "/")
	if d != "" {
		d += "/"
	}
	if s := v.meta.slug; s != "" {
		if strings.HasPrefix(s, "/") {
			return route + strings.TrimPrefix(s, "/")
		}
		return route + d + s
	}
	if index && v.meta.docID == "" {
		return route + d
	}
	id := stripNumber(stem)
	if v.meta.docID != "" {
		id = v.meta.docID
	}
	return route + d + id
}

// hugoPath is a Hugo page's URL: its folders and name in lower case with
// a trailing slash, the folder for _index.md and a bundle's index.md;
// slug: replaces the name (a bundle's folder name).
func hugoPath(v *version, dir, stem string, index bool) string {
	dir = strings.ToLower(dir)
	switch {
	case index && stem == "index" && v.meta.slug != "" && dir != "":
		return path.Dir(strings.TrimSuffix(dir, "/")) + "/" + v.meta.slug + "/" // a bundle
	case index:
		return dir
	case v.meta.slug != "":
		return dir + v.meta.slug + "/"
	}
	return dir + strings.ToLower(strings.ReplaceAll(stem, " ", "-")) + "/"
}
