package builder

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"deskbook/internal/diag"
)

// pageJob is one file of the site: how to make it and, for serve's
// incremental rebuilds, what it shows (see graph.go).
type pageJob struct {
	out  string
	make func() (outFile, error)
	// deps feeds a fingerprint with everything the file shows; a page with
	// the same fingerprint as before need not be made again. Nil means the
	// file may show anything, so it is made again after every change.
	deps func(*fingerprint)
	// late marks a page so big and so rarely looked at while writing (the
	// print book) that serve makes it after telling browsers to reload.
	late bool
}

// pages lists every file of the site but theme assets and the index.
func pages(r *siteRenderer, src fs.FS, srcName string, d *diag.Collector) []pageJob {
	l := &lister{r: r, site: r.site, src: src, srcName: srcName, d: d, generated: map[string]bool{}}
	clear(r.feeds)
	for _, lang := range l.site.Config.Languages {
		l.language(lang)
	}
	l.roots()
	l.shortLinks()
	l.aliases()
	l.ledgerRedirects()
	l.files()
	return l.jobs
}

// lister makes the list of a site's pages.
type lister struct {
	r       *siteRenderer
	site    *Site
	src     fs.FS
	srcName string
	d       *diag.Collector

	jobs      []pageJob
	generated map[string]bool   // URLs of the pages made so far
	taken     map[string]string // output URL → what made it; made for the first alias or ledger redirect
	moved     []ledgerRedirect  // aliases and earlier URLs, for _redirects
	warned    bool              // about feeds without a base URL
}

// page adds a page made with a theme template.
func (l *lister) page(tmpl string, v *View, out string, deps func(*fingerprint)) {
	l.generated[strings.TrimSuffix(out, "index.html")] = true
	r := l.r
	l.jobs = append(l.jobs, pageJob{out: out, deps: deps, make: func() (outFile, error) {
		v.r = r
		var b bytes.Buffer
		if err := r.tmpl[tmpl].ExecuteTemplate(&b, "base", v); err != nil {
			return outFile{}, fmt.Errorf("%s: %w", out, err)
		}
		return outFile{Path: out, Data: b.Bytes()}, nil
	}})
}

// file adds a file made without a template.
func (l *lister) file(out string, deps func(*fingerprint), mk func() outFile) {
	l.jobs = append(l.jobs, pageJob{out: out, deps: deps, make: func() (outFile, error) { return mk(), nil }})
}

// language adds the pages of one language: home, search, changelog, print
// book, categories and articles.
func (l *lister) language(lang Language) {
	site, r := l.site, l.r
	cats := slices.DeleteFunc(slices.Clone(site.Categories), func(c *Category) bool { return c.Lang != lang.Code })
	changes := site.changes(lang.Code, 5)
	common := func(path string) *View {
		return &View{
			Site: &site.Config, Lang: lang, Languages: site.Config.Languages, T: r.ui[lang.Code],
			Path: path, Canonical: r.baseURL + escapePath(path), Categories: cats, Changes: changes,
		}
	}
	// Every page of the language shows the latest changes ("What's new").
	listed := func(deps func(*fingerprint)) func(*fingerprint) { return withChanges(changes, deps) }
	home := common(lang.Code + "/")
	home.Title = site.Config.Title
	l.page("home", home, lang.Code+"/index.html", homeDeps(cats, changes))
	sp := common(lang.Code + "/search/")
	sp.Title = r.ui[lang.Code].Search
	l.page("search", sp, lang.Code+"/search/index.html", listed(noDeps))
	l.changelog(lang, common(lang.Code+"/changelog/"), cats)
	r.printPage(common(printPath(lang.Code)), func(tmpl string, v *View, out string) {
		l.page(tmpl, v, out, listed(printDeps(site, lang.Code)))
		l.jobs[len(l.jobs)-1].late = true
	})
	for _, c := range cats {
		if c.Name != "" && !l.generated[c.URL] {
			v := common(c.URL)
			v.Title, v.Description, v.Category = c.Title, c.Description, c
			l.page("category", v, c.URL+"index.html", listed(categoryDeps(site, c)))
		}
		for _, a := range c.Articles {
			v := common(a.URL)
			v.Title, v.Description, v.Article, v.Category = a.Meta.Title, a.Meta.Summary, a, c
			l.page("article", v, a.URL+"index.html", listed(articleDeps(site, a, c)))
		}
	}
}

// changelog adds a language's changelog page and feeds, when it has
// entries. Changelog entries, wherever they live, make the changelog page;
// it takes the place of a category page at the same URL.
func (l *lister) changelog(lang Language, v *View, cats []*Category) {
	site, r := l.site, l.r
	groups := site.changelog(lang.Code)
	if len(groups) == 0 {
		return
	}
	v.Title, v.Changelog = r.ui[lang.Code].Changelog, groups
	for _, c := range cats {
		if c.URL == v.Path {
			v.Title, v.Description, v.Category = c.Title, c.Description, c
		}
	}
	if absBase(r.baseURL) != "" {
		r.feeds[lang.Code] = true
		for i, name := range feedNames {
			// Made from the site as it is when the job runs: serve keeps
			// the job list while the site's structure stands.
			l.file(v.Path+name, changelogDeps(site, lang.Code), func() outFile {
				return r.feedFiles(lang, v.SiteTitle()+": "+v.Title)[i]
			})
		}
	} else if r.baseURL != "" && r.baseURL != "/" && !l.warned {
		// A site with no address yet (a new one, a preview) simply has
		// no feeds; deskbook publish says so. A path is a choice made.
		l.warned = true
		l.d.Warnf(join(l.srcName, "site.yaml"), 0, "base_url %q is a path, so the changelog has no feeds: feed readers need full links (https://…)", r.baseURL)
	}
	l.page("changelog", v, v.Path+"index.html", changelogDeps(site, lang.Code))
	// The entries are read when the page is made, for the same reason.
	j := &l.jobs[len(l.jobs)-1]
	mk, code := j.make, lang.Code
	j.make = func() (outFile, error) {
		v.Changelog = site.changelog(code)
		return mk()
	}
}

// roots adds the pages at the site's root: the redirect to the default
// language, and the 404 pages: one at the root, in the default language,
// and one in each language's folder for hosts that serve the nearest
// 404.html (Cloudflare Pages, the nginx recipe, deskbook's own server).
func (l *lister) roots() {
	site, r := l.site, l.r
	def := site.DefaultLang()
	root := &View{Site: &site.Config, Lang: site.Config.Languages[0], T: r.ui[def], Title: site.Config.Title, Target: r.link(def + "/")}
	l.page("redirect", root, "index.html", noDeps)
	for i, lang := range site.Config.Languages {
		nf := &View{Site: &site.Config, Lang: lang, Languages: site.Config.Languages, T: r.ui[lang.Code],
			Title: r.ui[lang.Code].NotFound, Absolute: true, Categories: slices.DeleteFunc(slices.Clone(site.Categories), func(c *Category) bool { return c.Lang != lang.Code })}
		if i == 0 {
			l.page("notfound", nf, "404.html", categoryListDeps(nf.Categories))
			nf = &View{Site: nf.Site, Lang: lang, Languages: nf.Languages, T: nf.T, Title: nf.Title, Absolute: true, Categories: nf.Categories}
		}
		nf.Path = lang.Code + "/"
		l.page("notfound", nf, lang.Code+"/404.html", categoryListDeps(nf.Categories))
	}
}

// redirect adds a redirect page at from to an article.
func (l *lister) redirect(from string, to *Article) *View {
	site, r := l.site, l.r
	v := &View{Site: &site.Config, Lang: site.language(to.Lang), T: r.ui[to.Lang], Path: from,
		Title: to.Meta.Title, Canonical: r.baseURL + escapePath(to.URL)}
	v.Target = r.link(relURL(from, to.URL))
	l.page("redirect", v, from+"index.html", redirectDeps(to))
	return v
}

// shortLinks adds /a/<id>/ for every article: a redirect page that picks
// the reader's language.
func (l *lister) shortLinks() {
	ids := make([]int, 0, len(l.site.byID))
	for id := range l.site.byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		a := l.site.article(id, l.site.DefaultLang())
		if a == nil {
			continue
		}
		from := "a/" + strconv.Itoa(id) + "/"
		v := l.redirect(from, a)
		for _, t := range append([]*Article{a}, a.Translations...) {
			v.Choices = append(v.Choices, Choice{Lang: t.Lang, URL: l.r.link(relURL(from, t.URL))})
		}
	}
}

// took is every URL an article or redirect holds, and who holds it.
func (l *lister) took() map[string]string {
	if l.taken == nil {
		l.taken = make(map[string]string, len(l.site.Articles))
		for _, a := range l.site.Articles {
			l.taken[a.URL] = join(l.srcName, a.Path)
		}
	}
	return l.taken
}

// aliases adds a redirect page for every alias in front matter, refusing
// one that would loop or replace another page.
func (l *lister) aliases() {
	for _, a := range l.site.Articles {
		disp := join(l.srcName, a.Path)
		for _, al := range a.Meta.Aliases {
			u := aliasURL(al)
			by, taken := l.took()[u]
			switch {
			case u == a.URL:
				l.d.Errorf(disp, a.line("aliases"), "alias %q is the article's own URL: a redirect to itself would loop", al)
			case u == "/" || strings.HasPrefix(u, "a/") || strings.HasPrefix(u, "assets/"):
				l.d.Errorf(disp, a.line("aliases"), "alias %q would replace a page deskbook makes", al)
			case taken:
				l.d.Errorf(disp, a.line("aliases"), "alias %q collides with %s", al, by)
			case l.generated[u]:
				l.d.Errorf(disp, a.line("aliases"), "alias %q is the URL of a page deskbook makes (a category, home or search page)", al)
			default:
				l.taken[u] = disp
				l.redirect(u, a)
				l.moved = append(l.moved, ledgerRedirect{From: u, To: a})
			}
		}
	}
}

// ledgerRedirects adds a redirect page for every earlier URL in the URL
// ledger that nothing else holds now.
func (l *lister) ledgerRedirects() {
	for _, m := range l.site.redirects {
		if _, ok := l.took()[m.From]; ok || l.generated[m.From] {
			continue
		}
		l.taken[m.From] = LedgerFile
		l.redirect(m.From, m.To)
		l.moved = append(l.moved, m)
	}
}

// files adds the files copied from the source and the site's lists:
// sitemap, robots.txt, _headers and _redirects.
func (l *lister) files() {
	for _, as := range l.site.Assets {
		l.jobs = append(l.jobs, pageJob{out: as.URL, deps: assetDeps(as), make: func() (outFile, error) {
			data, err := fs.ReadFile(l.src, as.Path)
			return outFile{Path: as.URL, Data: data}, err
		}})
	}
	r, moved := l.r, l.moved
	l.file("sitemap.xml", sitemapDeps(l.site), r.sitemap)
	l.file("robots.txt", noDeps, r.robots)
	l.file("_headers", noDeps, r.headersFile)
	l.file("_redirects", redirectsDeps(moved), func() outFile { return r.redirectsFile(slices.Clone(moved)) })
}
