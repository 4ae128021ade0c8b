// Package zola imports the content folder of a Zola site: its pages
// become deskbook articles, translations sharing one id, its sections
// categories, and its shortcodes, internal links and images are rewritten
// where deskbook has an equivalent. What cannot be carried over is said in
// a warning with the file and line it is on, so the writer can check the
// result before the first build rather than discover it in the site.
package zola

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"deskbook/internal/diag"
	"deskbook/internal/importer/folder"
	"deskbook/internal/inline"
	"deskbook/internal/lang"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// Options configures Import.
type Options struct {
	// Languages lists the languages to import, the default language first.
	// Files without a language suffix (index.md, _index.md) are in the
	// default language. When empty, every language found is imported and
	// the default language is English.
	Languages []string
	// Title is the site title written to site.yaml; "Help centre" when empty.
	Title string
	// SourceName is how warnings name the source folder, e.g. "site/content".
	SourceName string
	// Config is the site's config.toml, or nil when there is none. Its
	// languages decide which file-name suffixes are languages
	// (page.uk.md), its slugify settings the old URLs kept as aliases.
	Config []byte
	// ConfigName is how diagnostics name the config file.
	ConfigName string
	// UnsafeHTML writes unsafe_html: true into site.yaml, so that the raw
	// HTML of the pages the report lists is shown as HTML.
	UnsafeHTML bool
}

// Report says what Import did, for the writer to check before the
// first build.
type Report struct {
	Languages  []Count // pages imported per language, default language first
	Skipped    []Count // Markdown files in languages that were not imported
	Pages      int     // distinct pages; translations share one id
	Sections   int     // section files (_index.md) read; none becomes an article
	Categories int     // _category.yaml files written
	Assets     int     // files copied beside the pages
	Shortcodes []Shortcode

	LinksRewritten  int // internal links now in the /a/<id>/ form or pointing at a copied file
	LinksUnresolved int // links whose target is not imported, now plain text
	AnchorsDropped  int // links kept without an #anchor their target does not have
	ImagesMissing   int // images whose file is not in the source, removed
	DroppedKeys     []Count

	// Aliases counts the old URLs of the pages: the aliases: and path: of
	// their front matter and the URLs Zola gave them.
	Aliases Aliases
	// RawHTML lists the pages with HTML in their text, which deskbook
	// shows as text unless site.yaml says unsafe_html: true, at the line
	// of the first.
	RawHTML []diag.Diagnostic
	// UnsafeHTML is true when site.yaml was written with unsafe_html: true.
	UnsafeHTML bool
	// DateSorted counts the pages of sections sorted by date, imported as
	// dated entries (kind: changelog) so that they stay newest first.
	DateSorted int
	// WeightOrdered counts the pages of sections sorted by weight, which
	// keep their place in their category with order:.
	WeightOrdered int
	// LanguagesGuessed is set when there was no config.toml: the languages
	// taken from index.<code>.md and _index.<code>.md file names.
	LanguagesGuessed []string

	// Warnings lists every problem with the file and line it is on.
	Warnings diag.List
}

// Aliases counts what became of the old URLs of the imported pages.
type Aliases struct {
	Source     int // aliases: entries and path: keys of the imported pages
	Kept       int // written as deskbook aliases:, so that _redirects and a redirect page lead to the page
	Same       int // the same as the page's deskbook URL: nothing to redirect
	OwnURL     int // the page's Zola URL, added as an alias where deskbook's differs
	Dropped    int // left out, each with a warning: taken by another page, or not a path
	HTMLEnding int // kept aliases ending in .html (see the README)
}

// Count is a number of things with one name: pages in a language, a
// front matter key.
type Count struct {
	Name  string
	Count int
}

// Shortcode counts the uses of one Zola shortcode: those turned into
// Markdown and those left in the text as they were.
type Shortcode struct {
	Name      string
	Converted int
	Left      int
}

// ErrOptions is wrapped by the errors Import returns for options
// that cannot work, such as an unknown language code.
var ErrOptions = errors.New("bad import options")

// Import converts the content folder of a Zola site into a deskbook
// content folder at dst, which must not exist or be empty. Pages become
// articles in <lang>/<path>, translations sharing one id; section titles
// become _category.yaml; shortcodes, internal links and images are
// rewritten where deskbook has an equivalent. The output is built in a
// sibling folder and moved into place, so a failed import writes nothing.
func Import(src fs.FS, dst string, opt Options) (Report, error) {
	if err := folder.CheckEmpty(dst); err != nil {
		return Report{}, err
	}
	imp, err := newImporter(src, opt)
	if err != nil {
		return Report{}, err
	}
	if err := imp.scan(); err != nil {
		return Report{}, err
	}
	imp.read()
	imp.place()
	imp.dateSort()
	imp.weightOrder()
	imp.placeAliases()
	imp.convertAll()
	imp.findRawHTML()
	if err := imp.write(dst); err != nil {
		return Report{}, err
	}
	imp.finishReport()
	return imp.rep, nil
}

// importer is the state of one import.
type importer struct {
	src      fs.FS
	srcName  string
	title    string
	defLang  string // the imported site's default language
	srcLang  string // the language of files without a suffix: Zola's default_language
	cfg      siteConfig
	zolaCode map[string]string // deskbook code → the code as Zola writes it in URLs
	unsafe   bool
	langs    []string // imported languages, default first
	keep     map[string]bool
	explicit bool // the languages came from the caller

	pages    map[string]*page               // by key: "faq/app/crash", "about"
	sections map[string]map[string]*section // top-level folder → language → section
	files    map[string]bool                // every file that is not Markdown
	owner    map[string]string              // file → key of the page bundle it belongs to
	urls     map[string]int                 // Zola URL path → page id
	byID     map[int]*page
	versions []*version      // every imported version, by output path
	cats     map[string]bool // top-level folders with pages below them: categories

	copies     map[string]string // output path → source path of a file to copy
	sorts      map[string]string // section folder → its sort_by
	sectionSrc map[string]string // section folder → the _index.md that says how it sorts
	md         goldmark.Markdown // only to learn heading ids

	rep   Report
	warns *diag.Collector // the warnings of every stage but conversion
	tall  *tally          // the counters of the final conversion pass
}

// page is a page in all its languages.
type page struct {
	key      string            // path without /index.md or .md
	bundle   bool              // path/index.md rather than path.md
	files    map[string]string // language → source path
	id       int
	out      string // output path below the language folder
	versions map[string]*version
}

// section is a section file (_index.md) of a top-level folder.
type section struct {
	path string
	meta *meta // nil until read, or when unreadable
}

// version is one language of a page.
type version struct {
	page     *page
	lang     string
	src      string
	out      string // output path, language folder included
	meta     meta
	body     string
	bodyLine int
	result   string          // converted body
	anchors  map[string]bool // heading ids of result
	aliases  []string        // deskbook aliases: to write
	changes  bool            // a dated entry of a section sorted by date
	order    *int            // its place in its category, for a section sorted by weight
}

// meta is what deskbook keeps of Zola front matter.
type meta struct {
	title       string
	description string
	updated     string // YYYY-MM-DD
	date        string
	draft       bool
	tags        []string
	order       *int
	slug        string // only to find links to the page's Zola URL
	path        string
	pathLine    int
	aliases     []aliasLine // aliases: entries, with their lines
	authors     []string    // authors, or extra.author(s)
	sortBy      string      // sections only: sort_by
}

// aliasLine is one aliases: entry and the line it is on.
type aliasLine struct {
	url  string
	line int
}

// newImporter checks the options and starts an import.
func newImporter(src fs.FS, opt Options) (*importer, error) {
	imp := &importer{
		src: src, srcName: opt.SourceName, title: opt.Title, defLang: "en", unsafe: opt.UnsafeHTML,
		keep:       map[string]bool{},
		pages:      map[string]*page{},
		sections:   map[string]map[string]*section{},
		files:      map[string]bool{},
		owner:      map[string]string{},
		urls:       map[string]int{},
		byID:       map[int]*page{},
		cats:       map[string]bool{},
		copies:     map[string]string{},
		sorts:      map[string]string{},
		sectionSrc: map[string]string{},
		zolaCode:   map[string]string{},
		warns:      &diag.Collector{},
		// As the builder's parser, whose heading ids it predicts; with
		// inline's parsers, so that no page takes time in the square of
		// its size.
		md: goldmark.New(
			goldmark.WithExtensions(extension.GFM, extension.Footnote, inline.Extension()),
			goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		),
	}
	for _, l := range opt.Languages {
		code, ok := langCode(strings.TrimSpace(l))
		if !ok {
			return nil, fmt.Errorf("%w: language %q is not a code like en, uk or pt-br", ErrOptions, l)
		}
		if imp.keep[code] {
			return nil, fmt.Errorf("%w: language %q listed twice", ErrOptions, code)
		}
		imp.keep[code] = true
		imp.langs = append(imp.langs, code)
	}
	if len(imp.langs) > 0 {
		imp.defLang = imp.langs[0]
		imp.explicit = true
	}
	cfg, err := parseConfig(cmp.Or(opt.ConfigName, "config.toml"), opt.Config)
	if err != nil {
		return nil, err
	}
	imp.cfg, imp.srcLang = cfg, imp.defLang
	if cfg.found {
		imp.srcLang = cfg.languages[cfg.defaultLang]
		if !imp.explicit {
			imp.defLang = imp.srcLang
		}
		for _, l := range imp.langs {
			if !slices.Contains(slices.Collect(maps.Values(cfg.languages)), l) {
				return nil, fmt.Errorf("%w: language %q is not one of the languages of %s", ErrOptions, l, cmp.Or(opt.ConfigName, "config.toml"))
			}
		}
	} else {
		imp.cfg.defaultLang = imp.srcLang
	}
	for written, code := range imp.cfg.languages {
		imp.zolaCode[code] = written
	}
	if imp.title == "" {
		imp.title = cmp.Or(cfg.title, "Help centre")
	}
	return imp, nil
}

// langCode accepts the language suffix of a Zola file name ("uk",
// "pt-BR") and returns it in deskbook's lowercase form.
func langCode(s string) (string, bool) {
	s = strings.ToLower(s)
	return s, lang.Valid(s)
}

// splitName splits a Markdown file name into its stem and language:
// "index.uk.md" is ("index", "uk"), "index.md" is ("index", ""). Only a
// suffix that is one of the site's languages counts: the dot of
// "Update-on-crates.io-incident.md" is part of its name.
func (imp *importer) splitName(name string) (stem, code string) {
	stem = strings.TrimSuffix(name, ".md")
	if i := strings.LastIndexByte(stem, '.'); i > 0 {
		if c, ok := imp.cfg.languages[stem[i+1:]]; ok {
			return stem[:i], c
		}
	}
	return stem, ""
}

// warnf reports a problem with the source file p, at a line of it or at
// 0 for the whole file.
func (imp *importer) warnf(p string, line int, format string, args ...any) {
	imp.warns.Warnf(imp.shown(p), line, format, args...)
}

// shown is a source path as the writer knows it, for warnings: the name
// of the source folder and the path inside it.
func (imp *importer) shown(p string) string {
	if imp.srcName == "" || imp.srcName == "." {
		return p
	}
	return path.Join(imp.srcName, p)
}
