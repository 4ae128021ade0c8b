package builder

import (
	"bytes"
	"context"
	"crypto/sha256"
	"deskbook/internal/diag"
	"deskbook/internal/qr"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"deskbook/search"
)

// outFile is one file of the finished site, held in memory until write.
type outFile struct {
	Path string // slash path inside the output folder
	Data []byte
}

// View is what a theme template sees: one page, typed. Methods give
// templates relative URLs, hashed asset names and localized dates.
type View struct {
	Site        *SiteConfig
	Lang        Language
	Languages   []Language
	T           *Strings
	Path        string // this page's site-relative URL, e.g. "en/errors/"
	Title       string
	Description string
	Canonical   string
	Article     *Article
	Category    *Category
	Categories  []*Category   // of this page's language
	Changes     []*Article    // newest changelog entries of this language
	Target      string        // for redirect pages: where to go, relative
	Choices     []Choice      // for short links: the article in each language
	Changelog   []ChangeGroup // for the changelog page
	Absolute    bool          // 404.html is served at any URL: links from the base path

	r *siteRenderer
}

// URL returns a link from this page to a site-relative target.
func (v *View) URL(target string) string {
	if v.Absolute {
		return v.r.basePath + target
	}
	return v.r.link(relURL(v.Path, target))
}

// Asset returns the link to a theme asset by its unhashed name.
func (v *View) Asset(name string) (string, error) {
	p, ok := v.r.assets[name]
	if !ok {
		return "", fmt.Errorf("no theme asset %q", name)
	}
	return v.URL(p), nil
}

// Date formats a date the way the page's language writes it.
func (v *View) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	month := t.Month().String()
	if len(v.T.MonthNames) == 12 {
		month = v.T.MonthNames[t.Month()-1]
	}
	return fmt.Sprintf("%d %s %d", t.Day(), month, t.Year())
}

// TOC returns the headings worth a table of contents: the second and third
// levels, when there are at least three of them.
func (v *View) TOC() []Heading {
	if v.Article == nil {
		return nil
	}
	var toc []Heading
	for _, h := range v.Article.Headings {
		if h.Level == 2 || h.Level == 3 {
			toc = append(toc, h)
		}
	}
	if len(toc) < 3 {
		return nil
	}
	return toc
}

// renderer holds what every page render shares.
type siteRenderer struct {
	site     *Site
	ui       map[string]*Strings
	tmpl     map[string]*template.Template
	assets   map[string]string // theme asset name → hashed site path
	baseURL  string
	basePath string
	offline  bool
	boot     map[string]string // the search bootstrap script per language with articles
	feeds    map[string]bool   // languages with changelog feeds
	print    printLinks        // the print books and PDFs pages link to (print.go)
	qr       qr.Coder          // the QR codes on paper
}

var pageTemplates = []string{"home", "category", "article", "notfound", "redirect", "search", "changelog"}

// newRenderer parses the theme's templates and hashes its static assets.
func newRenderer(site *Site, theme fs.FS, ui map[string]*Strings, baseURL string, offline bool) (*siteRenderer, []outFile, error) {
	r := &siteRenderer{site: site, ui: ui, tmpl: map[string]*template.Template{}, assets: map[string]string{}, offline: offline, feeds: map[string]bool{}}
	r.setSite(site)
	r.baseURL = strings.TrimSuffix(baseURL, "/") + "/"
	r.basePath = "/"
	if i := strings.Index(r.baseURL, "://"); i >= 0 {
		if j := strings.Index(r.baseURL[i+3:], "/"); j >= 0 {
			r.basePath = r.baseURL[i+3+j:]
		}
	}
	base, err := template.ParseFS(theme, "layouts/base.html")
	if err != nil {
		return nil, nil, fmt.Errorf("theme: %w", err)
	}
	for _, name := range pageTemplates {
		t, err := template.Must(base.Clone()).ParseFS(theme, "layouts/"+name+".html")
		if err != nil {
			return nil, nil, fmt.Errorf("theme: %w", err)
		}
		r.tmpl[name] = t
	}
	if err := r.addPrintTemplate(base, theme); err != nil {
		return nil, nil, err
	}

	var files []outFile
	add := func(name string, data []byte) {
		sum := sha256.Sum256(data)
		ext := path.Ext(name)
		p := "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext
		r.assets[name] = p
		files = append(files, outFile{Path: p, Data: data})
	}
	err = fs.WalkDir(theme, "static", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		add(strings.TrimPrefix(p, "static/"), data)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("theme: %w", err)
	}
	css, err := highlightCSS()
	if err != nil {
		return nil, nil, err
	}
	add("highlight.css", css)
	add("search.js", search.Client())
	return r, files, nil
}

// render produces every page of the site. Pages render in parallel into
// an index-addressed slice, so the result does not depend on scheduling.
func render(ctx context.Context, r *siteRenderer, src fs.FS, srcName string, d *diag.Collector, progress func(string, int, int)) ([]outFile, error) {
	jobs := pages(r, src, srcName, d)
	out := make([]outFile, len(jobs))
	tick := newTicker("render", len(jobs), progress)
	err := parallel(ctx, len(jobs), func(i int) {
		defer tick.tick()
		f, err := jobs[i].make()
		if err != nil {
			d.Errorf("theme", 0, "%v", err)
		}
		out[i] = f
	})
	return out, err
}

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
	site := r.site
	var jobs []pageJob
	generated := map[string]bool{} // URLs of the pages made so far
	page := func(tmpl string, v *View, out string, deps func(*fingerprint)) {
		generated[strings.TrimSuffix(out, "index.html")] = true
		jobs = append(jobs, pageJob{out: out, deps: deps, make: func() (outFile, error) {
			v.r = r
			var b bytes.Buffer
			if err := r.tmpl[tmpl].ExecuteTemplate(&b, "base", v); err != nil {
				return outFile{}, fmt.Errorf("%s: %w", out, err)
			}
			return outFile{Path: out, Data: b.Bytes()}, nil
		}})
	}
	file := func(out string, deps func(*fingerprint), mk func() outFile) {
		jobs = append(jobs, pageJob{out: out, deps: deps, make: func() (outFile, error) { return mk(), nil }})
	}
	clear(r.feeds)
	warned := false
	var taken map[string]string // output URL → what made it; made for the first alias or ledger redirect
	took := func() map[string]string {
		if taken == nil {
			taken = make(map[string]string, len(site.Articles))
			for _, a := range site.Articles {
				taken[a.URL] = join(srcName, a.Path)
			}
		}
		return taken
	}

	for _, lang := range site.Config.Languages {
		cats := slices.DeleteFunc(slices.Clone(site.Categories), func(c *Category) bool { return c.Lang != lang.Code })
		changes := site.changes(lang.Code, 5)
		common := func(path string) *View {
			return &View{
				Site: &site.Config, Lang: lang, Languages: site.Config.Languages, T: r.ui[lang.Code],
				Path: path, Canonical: r.baseURL + path, Categories: cats, Changes: changes,
			}
		}
		// Every page of the language shows the latest changes ("What's new").
		listed := func(deps func(*fingerprint)) func(*fingerprint) { return withChanges(changes, deps) }
		home := common(lang.Code + "/")
		home.Title = site.Config.Title
		page("home", home, lang.Code+"/index.html", homeDeps(cats, changes))
		sp := common(lang.Code + "/search/")
		sp.Title = r.ui[lang.Code].Search
		page("search", sp, lang.Code+"/search/index.html", listed(noDeps))
		// Changelog entries, wherever they live, make the changelog page; it
		// takes the place of a category page at the same URL.
		changelogURL := lang.Code + "/changelog/"
		if groups := site.changelog(lang.Code); len(groups) > 0 {
			v := common(changelogURL)
			v.Title, v.Changelog = r.ui[lang.Code].Changelog, groups
			for _, c := range cats {
				if c.URL == changelogURL {
					v.Title, v.Description, v.Category = c.Title, c.Description, c
				}
			}
			if absBase(r.baseURL) != "" {
				r.feeds[lang.Code] = true
				for i, name := range feedNames {
					// Made from the site as it is when the job runs: serve
					// keeps the job list while the site's structure stands.
					file(changelogURL+name, changelogDeps(site, lang.Code), func() outFile {
						return r.feedFiles(lang, v.SiteTitle()+": "+v.Title)[i]
					})
				}
			} else if !warned {
				warned = true
				d.Warnf(join(srcName, "site.yaml"), 0, "no absolute base_url, so the changelog has no feeds: feed readers need full links")
			}
			page("changelog", v, changelogURL+"index.html", changelogDeps(site, lang.Code))
			// The entries are read when the page is made: serve keeps the
			// job list while the site's structure stands.
			j := &jobs[len(jobs)-1]
			mk, code := j.make, lang.Code
			j.make = func() (outFile, error) {
				v.Changelog = site.changelog(code)
				return mk()
			}
		}
		r.printPage(common(printPath(lang.Code)), func(tmpl string, v *View, out string) {
			page(tmpl, v, out, listed(printDeps(site, lang.Code)))
			jobs[len(jobs)-1].late = true
		})
		for _, c := range cats {
			if c.Name != "" && !generated[c.URL] {
				v := common(c.URL)
				v.Title, v.Description, v.Category = c.Title, c.Description, c
				page("category", v, c.URL+"index.html", listed(categoryDeps(site, c)))
			}
			for _, a := range c.Articles {
				v := common(a.URL)
				v.Title, v.Description, v.Article, v.Category = a.Meta.Title, a.Meta.Summary, a, c
				page("article", v, a.URL+"index.html", listed(articleDeps(site, a, c)))
			}
		}
	}

	def := site.DefaultLang()
	root := &View{Site: &site.Config, Lang: site.Config.Languages[0], T: r.ui[def], Title: site.Config.Title, Target: r.link(def + "/")}
	page("redirect", root, "index.html", noDeps)
	nf := &View{Site: &site.Config, Lang: site.Config.Languages[0], Languages: site.Config.Languages, T: r.ui[def],
		Title: r.ui[def].NotFound, Absolute: true, Categories: slices.DeleteFunc(slices.Clone(site.Categories), func(c *Category) bool { return c.Lang != def })}
	page("notfound", nf, "404.html", categoryListDeps(nf.Categories))

	// Short links and aliases are redirect pages to the article.
	ids := make([]int, 0, len(site.byID))
	for id := range site.byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	redirect := func(from string, to *Article) *View {
		v := &View{Site: &site.Config, Lang: site.language(to.Lang), T: r.ui[to.Lang], Path: from,
			Title: to.Meta.Title, Canonical: r.baseURL + to.URL}
		v.Target = r.link(relURL(from, to.URL))
		page("redirect", v, from+"index.html", redirectDeps(to))
		return v
	}
	for _, id := range ids {
		a := site.article(id, def)
		if a == nil {
			continue
		}
		from := "a/" + strconv.Itoa(id) + "/"
		v := redirect(from, a)
		for _, t := range append([]*Article{a}, a.Translations...) {
			v.Choices = append(v.Choices, Choice{Lang: t.Lang, URL: r.link(relURL(from, t.URL))})
		}
	}
	var moved []ledgerRedirect // aliases and earlier URLs, for _redirects
	for _, a := range site.Articles {
		for _, al := range a.Meta.Aliases {
			u := aliasURL(al)
			if u == a.URL {
				d.Errorf(join(srcName, a.Path), a.line("aliases"), "alias %q is the article's own URL: a redirect to itself would loop", al)
				continue
			}
			if u == "/" || strings.HasPrefix(u, "a/") || strings.HasPrefix(u, "assets/") {
				d.Errorf(join(srcName, a.Path), a.line("aliases"), "alias %q would replace a page deskbook makes", al)
				continue
			}
			if by, ok := took()[u]; ok {
				d.Errorf(join(srcName, a.Path), a.line("aliases"), "alias %q collides with %s", al, by)
				continue
			}
			if generated[u] {
				d.Errorf(join(srcName, a.Path), a.line("aliases"), "alias %q is the URL of a page deskbook makes (a category, home or search page)", al)
				continue
			}
			taken[u] = join(srcName, a.Path)
			redirect(u, a)
			moved = append(moved, ledgerRedirect{From: u, To: a})
		}
	}
	for _, m := range site.redirects {
		if _, ok := took()[m.From]; ok || generated[m.From] {
			continue
		}
		taken[m.From] = LedgerFile
		redirect(m.From, m.To)
		moved = append(moved, m)
	}

	for _, as := range site.Assets {
		jobs = append(jobs, pageJob{out: as.URL, deps: assetDeps(as), make: func() (outFile, error) {
			data, err := fs.ReadFile(src, as.Path)
			return outFile{Path: as.URL, Data: data}, err
		}})
	}
	file("sitemap.xml", sitemapDeps(site), r.sitemap)
	file("robots.txt", noDeps, r.robots)
	file("_redirects", redirectsDeps(moved), func() outFile { return r.redirectsFile(slices.Clone(moved)) })
	return jobs
}

// redirectsFile is _redirects, the redirect list that Netlify, Cloudflare
// Pages and similar hosts read, so moved pages answer with a real 301
// there; other hosts serve the redirect pages.
func (r *siteRenderer) redirectsFile(moved []ledgerRedirect) outFile {
	slices.SortFunc(moved, func(x, y ledgerRedirect) int { return strings.Compare(x.From, y.From) })
	var b bytes.Buffer
	b.WriteString("# Made by deskbook from aliases and the URL ledger.\n")
	for _, m := range moved {
		fmt.Fprintf(&b, "%s%s %s%s 301\n", r.basePath, m.From, r.basePath, m.To.URL)
	}
	return outFile{Path: "_redirects", Data: b.Bytes()}
}

// link adds index.html to a folder link when the site is built for file://.
func (r *siteRenderer) link(u string) string {
	if r.offline && (u == "./" || strings.HasSuffix(u, "/")) {
		return u + "index.html"
	}
	return u
}

// language is the site language with a code; the default one for an unknown code.
func (s *Site) language(code string) Language {
	for _, l := range s.Config.Languages {
		if l.Code == code {
			return l
		}
	}
	return s.Config.Languages[0]
}

// changes returns the newest n changelog entries of a language (all of
// them when n < 0).
func (s *Site) changes(lang string, n int) []*Article {
	var out []*Article
	for _, a := range s.Articles {
		if a.Lang == lang && a.Meta.Kind == KindChangelog {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(x, y *Article) int { return y.Meta.Date.Compare(x.Meta.Date) })
	if n < 0 {
		return out
	}
	return out[:min(n, len(out))]
}

// sitemap lists every page with its language alternates, so search
// engines show readers the version in their language.
func (r *siteRenderer) sitemap() outFile {
	type link struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
		Links   []link `xml:"xhtml:link"`
	}
	multi := len(r.site.Config.Languages) > 1
	alts := func(versions map[string]string) []link {
		if !multi || len(versions) < 2 {
			return nil
		}
		var ls []link
		for _, l := range r.site.Config.Languages {
			if u, ok := versions[l.Code]; ok {
				ls = append(ls, link{"alternate", l.Code, r.baseURL + u})
			}
		}
		return ls
	}
	var urls []url
	homes := map[string]string{}
	for _, l := range r.site.Config.Languages {
		homes[l.Code] = l.Code + "/"
	}
	for _, l := range r.site.Config.Languages {
		urls = append(urls, url{Loc: r.baseURL + l.Code + "/", Links: alts(homes)})
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
			urls = append(urls, url{Loc: r.baseURL + c.URL, Links: alts(catVersions[c.Name])})
		}
	}
	for _, a := range r.site.Articles {
		u := url{Loc: r.baseURL + a.URL}
		if !a.Meta.Updated.IsZero() {
			u.LastMod = a.Meta.Updated.Format("2006-01-02")
		}
		if len(a.Translations) > 0 {
			versions := map[string]string{a.Lang: a.URL}
			for _, t := range a.Translations {
				versions[t.Lang] = t.URL
			}
			u.Links = alts(versions)
		}
		urls = append(urls, u)
	}
	slices.SortFunc(urls, func(a, b url) int { return strings.Compare(a.Loc, b.Loc) })
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`)
	if multi {
		b.WriteString(` xmlns:xhtml="http://www.w3.org/1999/xhtml"`)
	}
	b.WriteString(">\n")
	for _, u := range urls {
		x, _ := xml.Marshal(u)
		b.WriteString("  <url>")
		b.Write(bytes.TrimSuffix(bytes.TrimPrefix(x, []byte("<url>")), []byte("</url>")))
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return outFile{Path: "sitemap.xml", Data: b.Bytes()}
}

func (r *siteRenderer) robots() outFile {
	return outFile{Path: "robots.txt", Data: []byte("User-agent: *\nAllow: /\nSitemap: " + r.baseURL + "sitemap.xml\n")}
}

// First returns up to n of the category's articles for short listings:
// its own first, then those available only in other languages.
func (c *Category) First(n int) []*Article {
	if len(c.Articles) >= n || len(c.Fallbacks) == 0 {
		return c.Articles[:min(n, len(c.Articles))]
	}
	out := slices.Clone(c.Articles)
	return append(out, c.Fallbacks[:min(n-len(out), len(c.Fallbacks))]...)
}

// Total counts the category's articles, translated or not.
func (c *Category) Total() int { return len(c.Articles) + len(c.Fallbacks) }

// Affected returns the articles a changelog entry changed, in the page's
// language where a translation exists.
func (v *View) Affected() []*Article {
	if v.Article == nil {
		return nil
	}
	return v.AffectedBy(v.Article)
}

// AffectedBy returns the articles a changelog entry changed, in the page's
// language where a translation exists.
func (v *View) AffectedBy(entry *Article) []*Article {
	var out []*Article
	for _, id := range entry.Meta.Affects {
		if a := v.r.site.article(id, v.Lang.Code); a != nil {
			out = append(out, a)
		}
	}
	return out
}

// Choice is one language version a short link can lead to; the page's
// script picks by the reader's browser languages.
type Choice struct {
	Lang string `json:"l"`
	URL  string `json:"u"`
}

// Root is the relative path from this page to the site root ("" at the
// root, "../../" two levels down), for scripts that load site files.
func (v *View) Root() string {
	if v.Absolute {
		return v.r.basePath
	}
	return strings.Repeat("../", strings.Count(strings.Trim(v.Path, "/"), "/")+min(1, len(strings.Trim(v.Path, "/"))))
}

// setSite points the renderer at a (re)loaded site.
func (r *siteRenderer) setSite(site *Site) {
	r.site = site
	var langs []string
	for _, a := range site.Articles {
		if len(langs) == 0 || langs[len(langs)-1] != a.Lang {
			langs = append(langs, a.Lang)
		}
	}
	r.boot = search.BootFiles(langs)
}

// SearchBoot links to the search bootstrap script of this page's language,
// which the page loads after the search client; empty when the language
// has no articles. Its name is stable, so pages do not depend on the index.
func (v *View) SearchBoot() string {
	p, ok := v.r.boot[v.Lang.Code]
	if !ok {
		return ""
	}
	return v.URL(p)
}

// Plural formats a plural text for n in the page's language.
func (v *View) Plural(p Plural, n int) string { return p.Format(v.Lang.Code, n) }

// LangLink is one entry of the language switcher.
type LangLink struct {
	Lang    Language
	URL     string // relative link from this page
	Current bool   // this page's language
	Exists  bool   // false: no translation, the link goes to that language's home
	Note    string // for a missing translation: why the link goes home, in that language
}

// Switcher lists every language with where this page is in it: the same
// article or category when translated, else that language's home.
func (v *View) Switcher() []LangLink {
	if len(v.Languages) < 2 {
		return nil
	}
	var out []LangLink
	for _, l := range v.Languages {
		link := LangLink{Lang: l, Current: l.Code == v.Lang.Code, Exists: true}
		target := v.translationURL(l.Code)
		if target == "" {
			target, link.Exists = l.Code+"/", false
			link.Note = v.r.ui[l.Code].NoTranslation
		}
		link.URL = v.URL(target)
		out = append(out, link)
	}
	return out
}

// translationURL is this page's site-relative URL in another language, or
// "" when it has none there.
func (v *View) translationURL(lang string) string {
	switch {
	case lang == v.Lang.Code && v.Path != "":
		return v.Path
	case v.Article != nil:
		for _, t := range v.Article.Translations {
			if t.Lang == lang {
				return t.URL
			}
		}
		return ""
	case v.Category != nil:
		for _, c := range v.r.site.Categories {
			if c.Lang == lang && c.Name == v.Category.Name {
				return c.URL
			}
		}
		return ""
	}
	return lang + "/" // home pages and pages without a language of their own
}

// Alternate is one rel=alternate hreflang link.
type Alternate struct {
	Lang string // a language code, or x-default
	Href string // absolute
}

// Alternates lists this page in every language it exists in, plus
// x-default (the default language's version), for search engines.
func (v *View) Alternates() []Alternate {
	if len(v.Languages) < 2 || v.Absolute {
		return nil
	}
	var out []Alternate
	for _, l := range v.Languages {
		if u := v.translationURL(l.Code); u != "" {
			out = append(out, Alternate{Lang: l.Code, Href: v.r.baseURL + u})
		}
	}
	if len(out) < 2 {
		return nil
	}
	if u := v.translationURL(v.Languages[0].Code); u != "" {
		out = append(out, Alternate{Lang: "x-default", Href: v.r.baseURL + u})
	}
	return out
}

// SiteTitle is the site's title in this page's language.
func (v *View) SiteTitle() string {
	if v.Lang.Title != "" {
		return v.Lang.Title
	}
	return v.Site.Title
}

// LangName returns the name of a language by its code, as its readers
// write it.
func (v *View) LangName(code string) string {
	for _, l := range v.Languages {
		if l.Code == code {
			return l.Name
		}
	}
	return code
}
