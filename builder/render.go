package builder

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"deskbook/internal/diag"
	"deskbook/internal/highlight"
	"deskbook/internal/meta"
	"deskbook/internal/picture"
	"deskbook/internal/qr"
	"deskbook/internal/words"
	"deskbook/search"
)

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
		return v.r.basePath + escapePath(target)
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
	pictures *picture.Store    // the smaller copies of wide images

	theme     fs.FS           // for the files that template errors name
	themeName string          // Config.ThemeName
	brand     map[string]Icon // the brand's files by role (brand.Asset): site path and type
}

var pageTemplates = []string{"home", "category", "article", "notfound", "redirect", "search", "changelog"}

// newRenderer parses the theme's templates and hashes its static assets
// and the brand's files. A template that does not parse is a
// *diag.ContentError at its file and line.
func newRenderer(site *Site, theme fs.FS, themeName string, ui map[string]*Strings, baseURL string, offline bool) (*siteRenderer, []outFile, error) {
	r := &siteRenderer{site: site, ui: ui, tmpl: map[string]*template.Template{}, assets: map[string]string{}, offline: offline, feeds: map[string]bool{},
		theme: theme, themeName: themeName}
	r.setSite(site)
	r.baseURL = strings.TrimSuffix(baseURL, "/") + "/"
	r.basePath = r.baseURL // a path such as /help/, or /; an address gives its path below
	if i := strings.Index(r.baseURL, "://"); i >= 0 {
		if j := strings.Index(r.baseURL[i+3:], "/"); j >= 0 {
			r.basePath = r.baseURL[i+3+j:]
		}
	}
	if err := r.parseTemplates(); err != nil {
		return nil, nil, err
	}

	var files []outFile
	add := func(name string, data []byte) {
		f := hashedAsset(name, data)
		r.assets[name] = f.Path
		files = append(files, f)
	}
	err := fs.WalkDir(theme, "static", func(p string, e fs.DirEntry, err error) error {
		// track.js sends feedback and analytics: published only when site.yaml sets them.
		if err != nil || e.IsDir() || p == "static/track.js" && site.Config.Feedback == "" && !site.Config.Analytics.On() {
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
	css, err := highlight.CSS()
	if err != nil {
		return nil, nil, err
	}
	add("highlight.css", css)
	add("search.js", search.Client())
	for _, l := range site.Config.Languages {
		add("ui-"+l.Code+".js", r.uiScript(l.Code))
	}
	return r, append(files, r.brandFiles()...), nil
}

// parseTemplates parses each page template of the theme with base.html,
// and reports every one that does not parse, all at once.
func (r *siteRenderer) parseTemplates() error {
	d := &diag.Collector{}
	base, err := template.ParseFS(r.theme, "layouts/base.html")
	if err != nil {
		d.Add(r.templateDiag(err))
		base = template.New("base.html") // the pages' own mistakes are still found
	}
	names := pageTemplates
	if _, err := fs.Stat(r.theme, "layouts/"+printTemplate+".html"); err == nil {
		names = append(slices.Clone(names), printTemplate) // optional: without it, no print book
	}
	for _, name := range names {
		t, err := template.Must(base.Clone()).ParseFS(r.theme, "layouts/"+name+".html")
		if err != nil {
			d.Add(r.templateDiag(err))
			continue
		}
		r.tmpl[name] = t
	}
	if d.HasErrors() {
		return &diag.ContentError{Diagnostics: d.Sorted()}
	}
	return nil
}

var (
	// templateRE finds the file and line a template's error names, when it
	// is parsed ("template: article.html:12: …") or run ("en/index.html:
	// template: article.html:12:5: executing …"; the page is left out, so
	// the same mistake on every page is one diagnostic).
	templateRE = regexp.MustCompile(`(?s)(?:^|: )(?:html/)?template: ?([^:\s]+):(\d+):(?:\d+:)? ?(.*)$`)
	// goTypeRE finds the Go type a run-time error names.
	goTypeRE = regexp.MustCompile(`can't evaluate field (\w+) in type \S+`)
)

// templateDiag is a template's error at its file and line: in the user's
// theme folder when the file is theirs.
func (r *siteRenderer) templateDiag(err error) diag.Diagnostic {
	dg := diag.Diagnostic{Path: "theme", Severity: diag.Error, Msg: err.Error()}
	if m := templateRE.FindStringSubmatch(dg.Msg); m != nil {
		dg.Path = words.Path(r.theme, r.themeName, "layouts/"+m[1])
		dg.Line, _ = strconv.Atoi(m[2])
		dg.Msg = m[3]
	}
	dg.Msg = goTypeRE.ReplaceAllString(dg.Msg, "this value has no field or method $1 (themes/README.md lists them)")
	return dg
}

// render lists every page of the site as a file made while it is
// written: a page is rendered, written and let go, so the pages of a large
// site are never all in memory at once; with its key (pageKeys), a page
// whose file is as the last build left it is not made at all. A template
// error is a content problem of the theme, reported once per page.
func render(ctx context.Context, r *siteRenderer, jobs []pageJob, keys []string, d *diag.Collector, progress func(string, int, int)) []outFile {
	out := make([]outFile, len(jobs))
	tick := newTicker("render", len(jobs), progress)
	for i, j := range jobs {
		out[i] = outFile{Path: j.out, Key: keys[i], Make: func() ([]byte, error) {
			defer tick.tick()
			f, err := j.make(ctx)
			if err != nil {
				d.Add(r.templateDiag(err))
			} else if f.Path != j.out {
				err = fmt.Errorf("internal error: %s made as %s", j.out, f.Path)
			}
			return f.Data, err
		}}
	}
	return out
}

// redirectsFile is _redirects, the redirect list that Netlify, Cloudflare
// Pages and similar hosts read, so moved pages answer with a real 301
// there; other hosts serve the redirect pages.
func (r *siteRenderer) redirectsFile(moved []ledgerRedirect) outFile {
	slices.SortFunc(moved, func(x, y ledgerRedirect) int { return strings.Compare(x.From, y.From) })
	var b bytes.Buffer
	b.WriteString("# Made by deskbook from aliases and the URL ledger.\n")
	for _, m := range moved {
		fmt.Fprintf(&b, "%s%s %s%s 301\n", r.basePath, escapePath(m.From), r.basePath, escapePath(m.To.URL))
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

// headersFile is _headers, the response headers Netlify and Cloudflare
// Pages read (other hosts ignore it): files under assets/ carry their
// content's hash in their names, so a browser may keep them a year
// without asking again, and a slow phone loads a second page with no
// requests for styles and scripts.
func (r *siteRenderer) headersFile() outFile {
	return outFile{Path: "_headers", Data: []byte("# Made by deskbook: hashed files never change.\n" +
		r.basePath + "assets/*\n  Cache-Control: public, max-age=31536000, immutable\n")}
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

// LanguageFolders lists, on the root 404 page of a site of several
// languages, the other languages' codes. A host that serves one 404 page
// for every missing URL (GitHub Pages, Netlify) shows that one; its
// script sends a reader of a missing /uk/ page to the Ukrainian 404 page.
func (v *View) LanguageFolders() []string {
	if v.Path != "" || !v.Absolute || len(v.Languages) < 2 {
		return nil
	}
	var codes []string
	for _, l := range v.Languages[1:] {
		codes = append(codes, l.Code)
	}
	return codes
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
func (v *View) Plural(p words.Plural, n int) string { return p.Format(v.Lang.Code, n) }

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
			out = append(out, Alternate{Lang: l.Code, Href: v.r.baseURL + escapePath(u)})
		}
	}
	if len(out) < 2 {
		return nil
	}
	if u := v.translationURL(v.Languages[0].Code); u != "" {
		out = append(out, Alternate{Lang: "x-default", Href: v.r.baseURL + escapePath(u)})
	}
	return out
}

// Preview is what link previews and search engines read of the page
// (internal/meta): OpenGraph tags and JSON-LD. Nil on the 404 pages.
func (v *View) Preview() *meta.Page {
	if v.Absolute {
		return nil
	}
	link := func(p string) string { // JSON-LD: absolute, else relative to the page
		if absBase(v.r.baseURL) != "" {
			return v.r.baseURL + escapePath(p)
		}
		return v.URL(p)
	}
	home := v.Lang.Code + "/"
	p := &meta.Page{Title: v.Title, Description: v.Description, SiteName: v.SiteTitle(), Publisher: cmp.Or(v.Site.Product, v.SiteTitle()),
		Lang: v.Lang.Code, Link: link(v.Path), Home: link(home)}
	if absBase(v.r.baseURL) != "" {
		p.URL = v.Canonical
	}
	for _, l := range v.Languages {
		if l.Code != v.Lang.Code && v.translationURL(l.Code) != "" {
			p.Alternates = append(p.Alternates, l.Code)
		}
	}
	p.Crumbs = []meta.Crumb{{Name: v.T.Home, URL: p.Home}}
	if c := v.Category; v.Article != nil && c != nil && c.Name != "" {
		p.Crumbs = append(p.Crumbs, meta.Crumb{Name: c.Title, URL: link(c.URL)})
	}
	p.Crumbs = append(p.Crumbs, meta.Crumb{Name: v.Title, URL: p.Link})
	switch {
	case v.Article != nil:
		p.Kind, p.Modified, p.Published = meta.Article, v.Article.Meta.Updated, v.Article.Meta.Date
	case v.Category != nil || v.Changelog != nil:
		p.Kind = meta.Collection
	case v.Path == home:
		p.Kind, p.Title, p.Description = meta.Home, v.SiteTitle(), v.Intro()
	}
	return p
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

// themeIDRE finds the ids a layout gives its own elements (id="main"),
// not those it fills in from the page (id="{{.ID}}").
var themeIDRE = regexp.MustCompile(`\bid="([^"{}]+)"`)

// themeIDs lists the ids the theme's layouts use. A heading of an article
// that took one (## Main, {#search-q}) would make two elements with one
// id: links to it would go elsewhere, and the page's own scripts would
// find the heading instead of their element.
func themeIDs(theme fs.FS) map[string]bool {
	ids := map[string]bool{}
	layouts, _ := fs.Glob(theme, "layouts/*.html")
	for _, p := range layouts {
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			continue // the renderer reports a layout it cannot read
		}
		for _, m := range themeIDRE.FindAllSubmatch(data, -1) {
			ids[string(m[1])] = true
		}
	}
	return ids
}
