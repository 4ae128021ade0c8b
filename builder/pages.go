package builder

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"deskbook/internal/codes"
	"deskbook/internal/diag"
	"deskbook/internal/feed"
	"deskbook/internal/ledger"
	"deskbook/internal/picture"
	"deskbook/search"
)

// pageJob is one file of the site: how to make it and, for serve's
// incremental rebuilds, what it shows (see graph.go).
type pageJob struct {
	out  string
	make func(context.Context) (outFile, error) // a template stops at its next write once ctx is done
	// deps feeds a fingerprint with everything the file shows; a page with
	// the same fingerprint as before need not be made again. Nil means the
	// file may show anything, so it is made again after every change.
	deps func(*fingerprint)
	// session marks deps that hold only within one serve session (a
	// file's revision counter): a build does not keep its fingerprint.
	session bool
	// late marks a page so big and so rarely looked at while writing (the
	// print book, the changelog page and its feeds) that serve makes it
	// after telling browsers to reload, once edits pause.
	late bool
}

// pages lists every file of the site but theme assets and the index.
func pages(r *siteRenderer, src fs.FS, srcName string, d *diag.Collector) []pageJob {
	l := &lister{r: r, site: r.site, src: src, srcName: srcName, d: d, generated: map[string]bool{}, made: map[string]bool{}}
	clear(r.feeds)
	for _, lang := range l.site.Config.Languages {
		l.language(lang)
	}
	l.roots()
	l.shortLinks()
	l.errorCodes()
	l.siteFiles()
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
	made      map[string]bool   // paths of the files made so far, pages too
	taken     map[string]string // output URL → what made it; made for the first alias or ledger redirect
	moved     []ledgerRedirect  // aliases and earlier URLs, for _redirects
	warned    bool              // about feeds without a base URL
}

// page adds a page made with a theme template.
func (l *lister) page(tmpl string, v *View, out string, deps func(*fingerprint)) {
	l.generated[strings.TrimSuffix(out, "index.html")] = true
	l.made[out] = true
	r := l.r
	l.jobs = append(l.jobs, pageJob{out: out, deps: deps, make: func(ctx context.Context) (outFile, error) {
		v.r = r
		b := ctxBuffer{ctx: ctx}
		if err := r.tmpl[tmpl].ExecuteTemplate(&b, "base", v); err != nil {
			return outFile{}, fmt.Errorf("%s: %w", out, err)
		}
		return outFile{Path: out, Data: b.Bytes()}, nil
	}})
}

// ctxBuffer is a page being written that a cancelled ctx stops at the
// next write: serve cancels a print book that a newer edit made stale.
type ctxBuffer struct {
	bytes.Buffer
	ctx context.Context
}

func (b *ctxBuffer) Write(p []byte) (int, error) {
	if err := b.ctx.Err(); err != nil {
		return 0, err
	}
	return b.Buffer.Write(p)
}

// file adds a file made without a template.
func (l *lister) file(out string, deps func(*fingerprint), mk func() outFile) {
	l.made[out] = true
	l.jobs = append(l.jobs, pageJob{out: out, deps: deps, make: func(context.Context) (outFile, error) { return mk(), nil }})
}

// language adds the pages of one language: home, search, changelog, print
// book, categories and articles.
func (l *lister) language(lang Language) {
	site, r := l.site, l.r
	cats := slices.DeleteFunc(slices.Clone(site.Categories), func(c *Category) bool { return c.Lang != lang.Code })
	changes := site.changes(lang.Code, newsLength)
	common := func(path string) *View {
		return &View{
			Site: &site.Config, Lang: lang, Languages: site.Config.Languages, T: r.ui[lang.Code],
			Path: path, Canonical: r.baseURL + escapePath(path), Categories: cats, Changes: changes,
		}
	}
	// Every page of the language loads the latest changes ("What's new").
	if len(changes) > 0 {
		l.file(newsPath(lang.Code), withChanges(changes, noDeps), func() outFile { return r.newsScript(lang.Code, changes) })
	}
	home := common(lang.Code + "/")
	home.Title = site.Config.Title
	l.page("home", home, lang.Code+"/index.html", homeDeps(cats, changes))
	sp := common(lang.Code + "/search/")
	sp.Title = r.ui[lang.Code].Search
	l.page("search", sp, lang.Code+"/search/index.html", noDeps)
	l.changelog(lang, common(lang.Code+"/changelog/"), cats)
	r.printPage(common(printPath(lang.Code)), func(tmpl string, v *View, out string) {
		l.page(tmpl, v, out, printDeps(site, lang.Code))
		l.jobs[len(l.jobs)-1].late = true
	})
	for _, c := range cats {
		if c.Name != "" && !l.generated[c.URL] {
			v := common(c.URL)
			v.Title, v.Description, v.Category = c.Title, c.Description, c
			l.page("category", v, c.URL+"index.html", categoryDeps(site, c))
		}
		for _, a := range c.Articles {
			v := common(a.URL)
			v.Title, v.Description, v.Article, v.Category = a.Meta.Title, a.Meta.Summary, a, c
			l.page("article", v, a.URL+"index.html", articleDeps(site, a, c))
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
		for _, name := range feed.Names {
			// Made from the site as it is when the job runs: serve keeps
			// the job list while the site's structure stands.
			l.file(v.Path+name, changelogDeps(site, lang.Code), func() outFile {
				return r.feedFile(lang, v.SiteTitle()+": "+v.Title, name)
			})
			l.jobs[len(l.jobs)-1].late = true
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
	j.late = true // every entry in full, and an edit of one has its own page
	mk, code := j.make, lang.Code
	j.make = func(ctx context.Context) (outFile, error) {
		v.Changelog = site.changelog(code)
		return mk(ctx)
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
		from := "a/" + strconv.Itoa(id) + "/"
		if l.choiceRedirect(from, id) == nil || len(l.site.Config.Languages) < 2 {
			continue
		}
		// On a site of several languages, a/<id>/<lang>/ opens that
		// language's version, or lets the reader's browser choose.
		for _, lang := range l.site.Config.Languages {
			if a := l.site.article(id, lang.Code); a.Lang == lang.Code {
				l.redirect(from+lang.Code+"/", a)
			} else {
				l.choiceRedirect(from+lang.Code+"/", id)
			}
		}
	}
}

// choiceRedirect adds a redirect page at from to the article with an id,
// in the reader's language; it returns the default language's version.
func (l *lister) choiceRedirect(from string, id int) *Article {
	a := l.site.article(id, l.site.DefaultLang())
	if a == nil {
		return nil
	}
	v := l.redirect(from, a)
	for _, t := range append([]*Article{a}, a.Translations...) {
		v.Choices = append(v.Choices, Choice{Lang: t.Lang, URL: l.r.link(relURL(from, t.URL))})
	}
	return a
}

// errorCodes adds /e/<code>/ for every error code in errors: lists
// (internal/codes), like a short link, and errors.json, which maps the
// codes to their articles.
func (l *lister) errorCodes() {
	var claims []codes.Claim
	for _, a := range l.site.Articles {
		if a.Meta.ID != 0 && len(a.Meta.Errors) > 0 {
			claims = append(claims, codes.Claim{ID: a.Meta.ID, Path: join(l.srcName, a.Path), Line: a.line("errors"), Texts: a.Meta.Errors})
		}
	}
	list, problems := codes.Collect(claims)
	l.d.Add(problems...)
	for _, c := range list {
		l.choiceRedirect("e/"+c.Slug+"/", c.ID)
	}
	site, r := l.site, l.r
	deps := func(f *fingerprint) { // each code's article in every language
		for _, c := range list {
			for _, a := range site.byID[c.ID] {
				f.listing(a)
			}
		}
	}
	l.file("errors.json", deps, func() outFile { // titles as they are when it is made
		x := codes.Index{Codes: map[string]codes.Entry{}}
		for _, c := range list {
			e := codes.Entry{ID: c.ID, URL: r.publicURL("e/" + c.Slug + "/"), Articles: map[string]codes.Version{}}
			for _, a := range site.byID[c.ID] {
				e.Articles[a.Lang] = codes.Version{Title: a.Meta.Title, URL: r.publicURL(a.URL)}
			}
			x.Codes[c.Text] = e
		}
		return outFile{Path: "errors.json", Data: x.JSON()}
	})
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
	pages := l.site.Articles
	for _, c := range l.site.Categories {
		if c.Intro != nil && len(c.Intro.Meta.Aliases) > 0 {
			pages = append(slices.Clip(pages), c.Intro) // a category's index.md: redirects to the category page
		}
	}
	for _, a := range pages {
		disp := join(l.srcName, a.Path)
		for _, al := range a.Meta.Aliases {
			u := ledger.Alias(al)
			by, taken := l.took()[u]
			switch {
			case u == a.URL:
				l.d.Errorf(disp, a.line("aliases"), "alias %q is the article's own URL: a redirect to itself would loop", al)
			case u == "/" || strings.HasPrefix(u, "a/") || strings.HasPrefix(u, "e/") || strings.HasPrefix(u, "assets/"):
				l.d.Errorf(disp, a.line("aliases"), "alias %q would replace a page deskbook makes", al)
			case taken:
				l.d.Errorf(disp, a.line("aliases"), "alias %q collides with %s", al, by)
			case l.generated[u]:
				l.d.Errorf(disp, a.line("aliases"), "alias %q is the URL of a page deskbook makes (a category, home or search page)", al)
			case l.made[strings.TrimSuffix(u, "/")]: // its redirect would need a folder in a file's place
				l.d.Errorf(disp, a.line("aliases"), "alias %q is the path of a file deskbook makes (%s)", al, strings.TrimSuffix(u, "/"))
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
		if _, ok := l.took()[m.From]; ok || l.generated[m.From] || l.made[strings.TrimSuffix(m.From, "/")] {
			continue
		}
		l.taken[m.From] = LedgerFile
		l.redirect(m.From, m.To)
		l.moved = append(l.moved, m)
	}
}

// files adds the files copied from the source (and the smaller copies of
// wide images, picture.Store) and the site's lists: sitemap, robots.txt,
// _headers and _redirects; and widget.js and widget.html.
func (l *lister) files() {
	for _, as := range l.site.Assets {
		l.jobs = append(l.jobs, pageJob{out: as.URL, deps: assetDeps(as), session: true, make: func(context.Context) (outFile, error) {
			data, err := fs.ReadFile(l.src, as.Path)
			return outFile{Path: as.URL, Data: data}, err
		}})
		if f := as.pic.Facts(); f.Variant.Width > 0 {
			out := picture.VariantPath(as.URL)
			l.jobs = append(l.jobs, pageJob{out: out, deps: assetDeps(as), session: true, make: func(context.Context) (outFile, error) {
				data, err := l.r.pictures.Variant(l.src, as.Path, f)
				return outFile{Path: out, Data: data}, err
			}})
		}
	}
}

// siteFiles adds the files at the top of the site before the aliases,
// which must not take their paths; _redirects reads the aliases later.
func (l *lister) siteFiles() {
	r := l.r
	l.file("sitemap.xml", sitemapDeps(l.site), r.sitemap)
	l.file("robots.txt", noDeps, r.robots)
	l.file("_headers", noDeps, r.headersFile)
	l.file("_redirects", func(f *fingerprint) { redirectsDeps(l.moved)(f) }, func() outFile { return r.redirectsFile(slices.Clone(l.moved)) })
	for _, w := range search.Widget(r.assets["search.js"], r.boot, l.site.DefaultLang()) { // the deflection widget: its deps are its bytes
		l.file(w.Path, func(f *fingerprint) { f.str(string(w.Data)) }, func() outFile { return outFile{Path: w.Path, Data: w.Data} })
	}
}
