package builder

import (
	"bytes"
	"cmp"
	"deskbook/internal/diag"
	"deskbook/internal/frontmatter"
	"deskbook/internal/importer/folder"
	"deskbook/internal/lang"
	"deskbook/internal/slug"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// ZolaOptions configures ImportZola.
type ZolaOptions struct {
	// Languages lists the languages to import, the default language first.
	// Files without a language suffix (index.md, _index.md) are in the
	// default language. When empty, every language found is imported and
	// the default language is English.
	Languages []string
	// Title is the site title written to site.yaml; "Help centre" when empty.
	Title string
	// SourceName is how warnings name the source folder, e.g. "site/content".
	SourceName string
}

// ZolaReport says what ImportZola did, for the writer to check before the
// first build.
type ZolaReport struct {
	Languages  []ZolaCount // pages imported per language, default language first
	Skipped    []ZolaCount // Markdown files in languages that were not imported
	Pages      int         // distinct pages; translations share one id
	Sections   int         // section files (_index.md) read; none becomes an article
	Categories int         // _category.yaml files written
	Assets     int         // files copied beside the pages
	Shortcodes []ZolaShortcode

	LinksRewritten  int // internal links now in the /a/<id>/ form or pointing at a copied file
	LinksUnresolved int // links whose target is not imported, now plain text
	AnchorsDropped  int // links kept without an #anchor their target does not have
	ImagesMissing   int // images whose file is not in the source, removed
	AliasesDropped  int // Zola aliases left out (deskbook makes its own redirects)
	DroppedKeys     []ZolaCount

	// Warnings lists every problem with the file and line it is on.
	Warnings diag.List
}

// ZolaCount is a number of things with one name: pages in a language, a
// front matter key.
type ZolaCount struct {
	Name  string
	Count int
}

// ZolaShortcode counts the uses of one Zola shortcode: those turned into
// Markdown and those left in the text as they were.
type ZolaShortcode struct {
	Name      string
	Converted int
	Left      int
}

// ErrZolaOptions is wrapped by the errors ImportZola returns for options
// that cannot work, such as an unknown language code.
var ErrZolaOptions = errors.New("bad import options")

// ImportZola converts the content folder of a Zola site into a deskbook
// content folder at dst, which must not exist or be empty. Pages become
// articles in <lang>/<path>, translations sharing one id; section titles
// become _category.yaml; shortcodes, internal links and images are
// rewritten where deskbook has an equivalent. The output is built in a
// sibling folder and moved into place, so a failed import writes nothing.
func ImportZola(src fs.FS, dst string, opt ZolaOptions) (ZolaReport, error) {
	if err := folder.CheckEmpty(dst); err != nil {
		return ZolaReport{}, err
	}
	imp, err := newZolaImport(src, opt)
	if err != nil {
		return ZolaReport{}, err
	}
	if err := imp.scan(); err != nil {
		return ZolaReport{}, err
	}
	imp.read()
	imp.place()
	imp.convertAll()
	if err := imp.write(dst); err != nil {
		return ZolaReport{}, err
	}
	imp.finishReport()
	return imp.rep, nil
}

// zolaImport is the state of one import.
type zolaImport struct {
	src      fs.FS
	srcName  string
	title    string
	defLang  string
	langs    []string // imported languages, default first
	keep     map[string]bool
	explicit bool // the languages came from the caller

	pages    map[string]*zolaPage               // by key: "faq/app/crash", "about"
	sections map[string]map[string]*zolaSection // top-level folder → language → section
	files    map[string]bool                    // every file that is not Markdown
	owner    map[string]string                  // file → key of the page bundle it belongs to
	urls     map[string]int                     // Zola URL path → page id
	byID     map[int]*zolaPage
	versions []*zolaVersion  // every imported version, by output path
	cats     map[string]bool // top-level folders with pages below them: categories

	copies map[string]string // output path → source path of a file to copy
	md     goldmark.Markdown // only to learn heading ids

	rep  ZolaReport
	tall *zolaTally // the counters of the final conversion pass
}

// zolaPage is a page in all its languages.
type zolaPage struct {
	key      string            // path without /index.md or .md
	bundle   bool              // path/index.md rather than path.md
	files    map[string]string // language → source path
	id       int
	out      string // output path below the language folder
	versions map[string]*zolaVersion
}

// zolaSection is a section file (_index.md) of a top-level folder.
type zolaSection struct {
	path string
	meta *zolaMeta // nil until read, or when unreadable
}

// zolaVersion is one language of a page.
type zolaVersion struct {
	page     *zolaPage
	lang     string
	src      string
	out      string // output path, language folder included
	meta     zolaMeta
	body     string
	bodyLine int
	result   string          // converted body
	anchors  map[string]bool // heading ids of result
}

// zolaMeta is what deskbook keeps of Zola front matter.
type zolaMeta struct {
	title       string
	description string
	updated     string // YYYY-MM-DD
	date        string
	draft       bool
	tags        []string
	order       *int
	slug        string // only to find links to the page's Zola URL
	path        string
}

// zolaEntry is one top-level front matter key, decoded into plain Go
// values because Zola front matter has whatever keys a theme wants.
type zolaEntry struct {
	key  string
	line int
	val  any
}

func newZolaImport(src fs.FS, opt ZolaOptions) (*zolaImport, error) {
	imp := &zolaImport{
		src: src, srcName: opt.SourceName, title: opt.Title, defLang: "en",
		keep:     map[string]bool{},
		pages:    map[string]*zolaPage{},
		sections: map[string]map[string]*zolaSection{},
		files:    map[string]bool{},
		owner:    map[string]string{},
		urls:     map[string]int{},
		byID:     map[int]*zolaPage{},
		cats:     map[string]bool{},
		copies:   map[string]string{},
		md: goldmark.New(
			goldmark.WithExtensions(extension.GFM, extension.Footnote),
			goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		),
	}
	if imp.title == "" {
		imp.title = "Help centre"
	}
	for _, l := range opt.Languages {
		code, ok := zolaLangCode(strings.TrimSpace(l))
		if !ok {
			return nil, fmt.Errorf("%w: language %q is not a code like en, uk or pt-br", ErrZolaOptions, l)
		}
		if imp.keep[code] {
			return nil, fmt.Errorf("%w: language %q listed twice", ErrZolaOptions, code)
		}
		imp.keep[code] = true
		imp.langs = append(imp.langs, code)
	}
	if len(imp.langs) > 0 {
		imp.defLang = imp.langs[0]
		imp.explicit = true
	}
	return imp, nil
}

// zolaLangCode accepts the language suffix of a Zola file name ("uk",
// "pt-BR") and returns it in deskbook's lowercase form.
func zolaLangCode(s string) (string, bool) {
	s = strings.ToLower(s)
	return s, lang.Valid(s)
}

// splitZolaName splits a Markdown file name into its stem and language:
// "index.uk.md" is ("index", "uk"), "index.md" is ("index", "").
func splitZolaName(name string) (stem, lang string) {
	stem = strings.TrimSuffix(name, ".md")
	if i := strings.LastIndexByte(stem, '.'); i > 0 {
		if code, ok := zolaLangCode(stem[i+1:]); ok {
			return stem[:i], code
		}
	}
	return stem, ""
}

func (imp *zolaImport) warnf(p string, line int, format string, args ...any) {
	imp.rep.Warnings = append(imp.rep.Warnings, diag.Diagnostic{Path: join(imp.srcName, p), Line: line, Severity: diag.Warning, Msg: fmt.Sprintf(format, args...)})
}

// scan lists the source: pages by key and language, top-level sections,
// and the other files with the page bundle each belongs to.
func (imp *zolaImport) scan() error {
	type mdFile struct{ path, stem, lang string }
	var mds []mdFile
	found := map[string]bool{}
	err := fs.WalkDir(imp.src, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return fmt.Errorf("reading the source folder: %w", err)
			}
			imp.warnf(p, 0, "skipped: cannot read: %v", err)
			return nil
		}
		name := e.Name()
		if p != "." && strings.HasPrefix(name, ".") {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() || !e.Type().IsRegular() {
			return nil // symbolic links could reach outside the source folder
		}
		if !strings.HasSuffix(name, ".md") {
			imp.files[p] = true
			return nil
		}
		stem, lang := splitZolaName(name)
		if lang == "" {
			lang = imp.defLang
		}
		found[lang] = true
		mds = append(mds, mdFile{p, stem, lang})
		return nil
	})
	if err != nil {
		return err
	}
	if !imp.explicit {
		for l := range found {
			if l != imp.defLang {
				imp.langs = append(imp.langs, l)
			}
		}
		slices.Sort(imp.langs)
		imp.langs = slices.Insert(imp.langs, 0, imp.defLang)
		for _, l := range imp.langs {
			imp.keep[l] = true
		}
	}

	skipped := map[string]int{}
	bundleDirs, sectionDirs := map[string]bool{}, map[string]bool{}
	for _, f := range mds {
		dir := path.Dir(f.path)
		switch f.stem {
		case "_index":
			sectionDirs[dir] = true
		case "index":
			bundleDirs[dir] = true
		}
		if !imp.keep[f.lang] {
			skipped[f.lang]++
			continue
		}
		switch {
		case f.stem == "_index":
			imp.rep.Sections++
			if dir != "." && !strings.Contains(dir, "/") {
				if imp.sections[dir] == nil {
					imp.sections[dir] = map[string]*zolaSection{}
				}
				imp.sections[dir][f.lang] = &zolaSection{path: f.path}
			}
		case f.stem == "index" && dir == ".":
			imp.warnf(f.path, 0, "skipped: a page at the top of the content folder would be the home page")
		case strings.HasPrefix(f.stem, "_"):
			imp.warnf(f.path, 0, "skipped: deskbook does not read Markdown files whose names start with _")
		default:
			key, bundle := path.Join(dir, f.stem), false
			if f.stem == "index" {
				key, bundle = dir, true
			}
			pg := imp.pages[key]
			if pg == nil {
				pg = &zolaPage{key: key, bundle: bundle, files: map[string]string{}, versions: map[string]*zolaVersion{}}
				imp.pages[key] = pg
			}
			if pg.bundle != bundle {
				// a/b.md beside a/b/index.md, which Zola refuses too: keep the bundle.
				if !bundle {
					imp.warnf(f.path, 0, "skipped: %s/index.md is the same page", key)
					continue
				}
				for _, old := range pg.files {
					imp.warnf(old, 0, "skipped: %s/index.md is the same page", key)
				}
				pg.files, pg.bundle = map[string]string{}, true
			}
			pg.files[f.lang] = f.path
		}
	}
	for _, l := range zolaSortedKeys(skipped) {
		imp.rep.Skipped = append(imp.rep.Skipped, ZolaCount{l, skipped[l]})
	}

	// A file belongs to the nearest folder above it that is a page bundle
	// or a section; only bundle files travel with every translation.
	for p := range imp.files {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if bundleDirs[d] {
				imp.owner[p] = d
				break
			}
			if sectionDirs[d] {
				break
			}
		}
	}
	return nil
}

// zolaSortedKeys returns the keys of a map in order.
func zolaSortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// read decodes every imported file's front matter and numbers the pages.
func (imp *zolaImport) read() {
	for _, k := range zolaSortedKeys(imp.pages) {
		pg := imp.pages[k]
		for _, l := range imp.langs {
			if p, ok := pg.files[l]; ok {
				if v := imp.readVersion(pg, l, p); v != nil {
					pg.versions[l] = v
				}
			}
		}
		if len(pg.versions) == 0 {
			delete(imp.pages, k)
			continue
		}
		pg.id = len(imp.byID) + 1
		imp.byID[pg.id] = pg
	}
	imp.rep.Pages = len(imp.byID)
	for _, dir := range zolaSortedKeys(imp.sections) {
		for _, l := range imp.langs {
			if s := imp.sections[dir][l]; s != nil {
				if entries, _, _, ok := imp.readFile(s.path); ok {
					m := imp.decodeMeta(s.path, entries, true)
					s.meta = &m
				}
			}
		}
	}
}

// readFile reads a Markdown file and splits off its front matter. It
// reports false when the file cannot be used at all.
func (imp *zolaImport) readFile(p string) (entries []zolaEntry, body string, bodyLine int, ok bool) {
	data, err := fs.ReadFile(imp.src, p)
	if err != nil {
		imp.warnf(p, 0, "skipped: cannot read: %v", err)
		return nil, "", 0, false
	}
	if line := frontmatter.BadUTF8Line(data); line > 0 {
		imp.warnf(p, line, "skipped: not valid UTF-8 text")
		return nil, "", 0, false
	}
	if len(data) > frontmatter.MaxFile {
		imp.warnf(p, 0, "skipped: %.1f MB is more than deskbook accepts in one article", float64(len(data))/(1<<20))
		return nil, "", 0, false
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	fm, rest, bodyLine, delim := splitZolaFrontMatter(data)
	switch delim {
	case "":
		return nil, string(data), 1, true
	case "unterminated":
		imp.warnf(p, 1, "skipped: the front matter opened on line 1 is never closed")
		return nil, "", 0, false
	case "+++":
		entries, probs := parseZolaTOML(fm)
		for _, pr := range probs {
			imp.warnf(p, pr.line, "front matter: %s; this line was left out", pr.msg)
		}
		return entries, string(rest), bodyLine, true
	}
	entries, line, msg := parseZolaYAML(fm)
	if msg != "" {
		imp.warnf(p, line, "front matter: %s; the page is imported without its front matter", msg)
	}
	return entries, string(rest), bodyLine, true
}

func (imp *zolaImport) readVersion(pg *zolaPage, lang, p string) *zolaVersion {
	entries, body, bodyLine, ok := imp.readFile(p)
	if !ok {
		return nil
	}
	v := &zolaVersion{page: pg, lang: lang, src: p, body: body, bodyLine: bodyLine}
	v.meta = imp.decodeMeta(p, entries, false)
	if v.meta.title == "" {
		v.meta.title = fallbackTitle([]byte(body), "")
		if v.meta.title == "" {
			v.meta.title = slug.Title(path.Base(pg.key))
		}
	}
	return v
}

// splitZolaFrontMatter separates a +++ (TOML) or --- (YAML) header from
// the body. delim is "" without a header and "unterminated" when the
// header never ends.
func splitZolaFrontMatter(data []byte) (fm, body []byte, bodyLine int, delim string) {
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	delim = string(bytes.TrimRight(first, " \t\r"))
	if delim != "---" && delim != "+++" {
		return nil, data, 1, ""
	}
	line := 2
	for off := 0; off < len(rest); line++ {
		end := bytes.IndexByte(rest[off:], '\n')
		next := off + end + 1
		if end < 0 {
			end, next = len(rest)-off, len(rest)
		}
		if string(bytes.TrimRight(rest[off:off+end], " \t\r")) == delim {
			return rest[:off], rest[next:], line + 1, delim
		}
		off = next
	}
	return nil, data, 1, "unterminated"
}

// parseZolaYAML decodes a YAML header into its top-level keys. On a
// syntax error it returns the file line and a message.
func parseZolaYAML(fm []byte) ([]zolaEntry, int, string) {
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		line, msg := frontmatter.ErrorLine(err)
		return nil, line + 1, msg
	}
	if len(doc.Content) == 0 {
		return nil, 0, ""
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, root.Line + 1, "want key: value lines"
	}
	var out []zolaEntry
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		var val any
		if err := v.Decode(&val); err != nil {
			_, msg := frontmatter.ErrorLine(err)
			return out, k.Line + 1, msg
		}
		out = append(out, zolaEntry{key: k.Value, line: k.Line + 1, val: val})
	}
	return out, 0, ""
}

// decodeMeta picks what deskbook keeps from Zola front matter; wrong types
// are warnings and the key is left out.
func (imp *zolaImport) decodeMeta(p string, entries []zolaEntry, section bool) zolaMeta {
	var m zolaMeta
	for _, e := range entries {
		bad := func(want string) {
			imp.warnf(p, e.line, "%s: want %s, got %s; left out", e.key, want, zolaDescribe(e.val))
		}
		switch e.key {
		case "title", "description", "slug", "path":
			s, ok := zolaScalar(e.val)
			if !ok {
				bad("text")
				continue
			}
			switch e.key {
			case "title":
				m.title = strings.Join(strings.Fields(s), " ")
			case "description":
				m.description = strings.TrimSpace(s)
			case "slug":
				m.slug = s
			case "path":
				m.path = s
			}
		case "date", "updated":
			if e.val == nil {
				continue
			}
			d, ok := zolaDate(e.val)
			if !ok {
				bad("a date like 2026-01-04")
				continue
			}
			if e.key == "date" {
				m.date = d
			} else {
				m.updated = d
			}
		case "draft":
			b, ok := e.val.(bool)
			if !ok {
				bad("true or false")
				continue
			}
			m.draft = b
		case "aliases":
			if section {
				continue
			}
			switch a := e.val.(type) {
			case []any:
				imp.rep.AliasesDropped += len(a)
			case nil:
			default:
				imp.rep.AliasesDropped++
			}
		case "taxonomies":
			tm, ok := e.val.(map[string]any)
			if !ok {
				bad("taxonomy: [terms] lines")
				continue
			}
			for _, name := range zolaSortedKeys(tm) {
				terms, ok := zolaStrings(tm[name])
				if !ok {
					imp.warnf(p, e.line, "taxonomies: %s: want a list of terms; left out", name)
					continue
				}
				for _, t := range terms {
					if t = strings.TrimSpace(t); t != "" && !slices.Contains(m.tags, t) {
						m.tags = append(m.tags, t)
					}
				}
			}
		case "weight":
			if n, ok := zolaInt(e.val); ok && section {
				m.order = &n
			}
			imp.countDropped(e.key, section)
		case "extra":
			if x, ok := e.val.(map[string]any); ok && section {
				if n, ok := zolaInt(x["order"]); ok {
					m.order = &n
				}
			}
			imp.countDropped(e.key, section)
		default:
			imp.countDropped(e.key, section)
		}
	}
	if m.updated == "" {
		m.updated = m.date
	}
	return m
}

// countDropped counts a page's front matter key that deskbook has no use for.
func (imp *zolaImport) countDropped(key string, section bool) {
	if section {
		return
	}
	for i := range imp.rep.DroppedKeys {
		if imp.rep.DroppedKeys[i].Name == key {
			imp.rep.DroppedKeys[i].Count++
			return
		}
	}
	imp.rep.DroppedKeys = append(imp.rep.DroppedKeys, ZolaCount{key, 1})
}

func zolaScalar(v any) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case int, int64, float64, bool:
		return fmt.Sprint(t), true
	case time.Time:
		return t.Format("2006-01-02"), true
	case nil:
		return "", true
	}
	return "", false
}

func zolaStrings(v any) ([]string, bool) {
	switch t := v.(type) {
	case []any:
		out := make([]string, 0, len(t))
		for _, x := range t {
			s, ok := zolaScalar(x)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	case nil:
		return nil, true
	}
	if s, ok := zolaScalar(v); ok {
		return []string{s}, true
	}
	return nil, false
}

func zolaInt(v any) (int, bool) {
	switch t := v.(type) {
	case int:
		return t, true
	case int64:
		return int(t), true
	case float64:
		if t == float64(int(t)) {
			return int(t), true
		}
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(t))
		return n, err == nil
	}
	return 0, false
}

// zolaDate reads a Zola date, a YAML timestamp or text like "2026-01-04"
// or "2025-10-07T07:20:28+00:00", as YYYY-MM-DD, the day it was written.
func zolaDate(v any) (string, bool) {
	switch t := v.(type) {
	case time.Time:
		return t.Format("2006-01-02"), true
	case string:
		s := strings.TrimSpace(t)
		if len(s) < 10 {
			return "", false
		}
		if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
			return "", false
		}
		if len(s) > 10 && !strings.ContainsRune("Tt ", rune(s[10])) {
			return "", false
		}
		return s[:10], true
	}
	return "", false
}

func zolaDescribe(v any) string {
	switch v.(type) {
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("%q", fmt.Sprint(v))
}

// place decides every output path. A page keeps its Zola path; a
// top-level page has no category, so it becomes <name>.md, or
// <name>/<name>.md when other pages sit below it (its folder is then a
// category whose URL it must not take).
func (imp *zolaImport) place() {
	for k := range imp.pages {
		if first, _, ok := strings.Cut(k, "/"); ok {
			imp.cats[first] = true
		}
	}
	taken := map[string]string{} // language + URL → source path
	for _, k := range zolaSortedKeys(imp.pages) {
		pg := imp.pages[k]
		mk := imp.outPath(k)
		switch {
		case !strings.Contains(k, "/") && imp.cats[k]:
			pg.out = mk + "/" + mk + ".md"
		case pg.bundle && strings.Contains(k, "/"):
			pg.out = mk + "/index.md"
		default:
			pg.out = mk + ".md"
		}
		url := strings.TrimSuffix(strings.TrimSuffix(pg.out, ".md"), "/index")
		for _, l := range imp.langs {
			v := pg.versions[l]
			if v == nil {
				continue
			}
			if prev, ok := taken[l+"/"+url]; ok {
				imp.warnf(v.src, 0, "skipped: it would have the same URL /%s/%s/ as %s", l, url, prev)
				delete(pg.versions, l)
				continue
			}
			taken[l+"/"+url] = v.src
			v.out = imp.langDir(l) + pg.out
			imp.versions = append(imp.versions, v)
			imp.addURLs(v)
		}
	}
	slices.SortFunc(imp.versions, func(a, b *zolaVersion) int { return cmp.Compare(a.out, b.out) })
}

// addURLs remembers the URLs Zola gave a page, so that site-absolute
// links to them can become links by id.
func (imp *zolaImport) addURLs(v *zolaVersion) {
	pg := v.page
	add := func(u string) {
		u = strings.Trim(u, "/")
		if _, ok := imp.urls[u]; !ok && u != "" {
			imp.urls[u] = pg.id
		}
	}
	add(pg.key)
	add(v.lang + "/" + pg.key)
	if v.meta.slug != "" {
		u := path.Join(path.Dir(pg.key), v.meta.slug)
		add(u)
		add(v.lang + "/" + u)
	}
	if v.meta.path != "" {
		add(v.meta.path)
	}
}

var zolaPlainSegment = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// outPath keeps a path as it is, except that folder and file names in
// other scripts or with spaces are transliterated into Latin slugs (by the
// default language's table), so URLs survive e-mails and chat apps.
func (imp *zolaImport) outPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if zolaPlainSegment.MatchString(s) {
			continue
		}
		if t := slug.Make(slug.Transliterate(s, imp.defLang)); t != "" {
			segs[i] = t
		} else {
			segs[i] = "page"
		}
	}
	return strings.Join(segs, "/")
}

// langDir is the folder of a language: deskbook reads a site with one
// language from the top of its folder, and several from <lang>/.
func (imp *zolaImport) langDir(lang string) string {
	if len(imp.langs) == 1 {
		return ""
	}
	return lang + "/"
}

// assetOut is where a file of the source is copied for a language.
func (imp *zolaImport) assetOut(lang, p string) string {
	return imp.langDir(lang) + path.Join(imp.outPath(path.Dir(p)), path.Base(p))
}

// convertAll rewrites every body twice: the first pass learns the heading
// ids of the converted pages, the second checks links to them.
func (imp *zolaImport) convertAll() {
	for pass := range 2 {
		t := newZolaTally()
		check := pass == 1
		for _, v := range imp.versions {
			v.result = imp.convert(v, t, check)
		}
		if !check {
			for _, v := range imp.versions {
				v.anchors = imp.headingIDs(v)
			}
		}
		imp.tall = t
	}
}

// headingIDs parses a converted body the way deskbook does and returns the
// ids its headings get.
func (imp *zolaImport) headingIDs(v *zolaVersion) (ids map[string]bool) {
	ids = map[string]bool{}
	defer func() {
		if r := recover(); r != nil {
			imp.warnf(v.src, 0, "could not read the headings of this page: %v", r)
		}
	}()
	src := []byte(v.result)
	pc := parser.NewContext(parser.WithIDs(slug.NewIDs()))
	doc := imp.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if id, ok := h.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					ids[string(b)] = true
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return ids
}

// target is the version of a page a link from lang reaches, as deskbook
// picks it for /a/<id>/: the same language, else the default language,
// else the first in path order. Drafts are not built, so they do not count.
func (imp *zolaImport) target(id int, lang string) *zolaVersion {
	pg := imp.byID[id]
	if pg == nil {
		return nil
	}
	ok := func(l string) *zolaVersion {
		if v := pg.versions[l]; v != nil && !v.meta.draft {
			return v
		}
		return nil
	}
	if v := ok(lang); v != nil {
		return v
	}
	if v := ok(imp.defLang); v != nil {
		return v
	}
	for _, l := range zolaSortedKeys(pg.versions) {
		if v := ok(l); v != nil {
			return v
		}
	}
	return nil
}

// isCategory tells whether a top-level folder has pages, so deskbook makes
// a category page for it.
func (imp *zolaImport) isCategory(dir string) bool { return imp.cats[dir] }

// write makes the output folder: site.yaml, categories, pages and files,
// in a sibling folder that is renamed into place at the end.
func (imp *zolaImport) write(dst string) error {
	return folder.Write(dst, imp.fill)
}

// fill writes the imported site into dir.
func (imp *zolaImport) fill(tmp string, put func(rel string, data []byte) error) error {
	site, err := imp.siteYAML()
	if err != nil {
		return err
	}
	if err := put("site.yaml", site); err != nil {
		return err
	}
	for _, c := range imp.categoryFiles() {
		data, err := yaml.Marshal(c.file)
		if err != nil {
			return fmt.Errorf("category %s: %w", c.path, err)
		}
		if err := put(c.path, data); err != nil {
			return err
		}
		imp.rep.Categories++
	}
	perLang := map[string]int{}
	for _, v := range imp.versions {
		data, err := imp.pageFile(v)
		if err != nil {
			return fmt.Errorf("%s: %w", v.src, err)
		}
		if err := put(v.out, data); err != nil {
			return err
		}
		perLang[v.lang]++
	}
	for _, l := range imp.langs {
		imp.rep.Languages = append(imp.rep.Languages, ZolaCount{l, perLang[l]})
	}

	// Bundle files go beside every language's copy of their page; other
	// files only where a page refers to them.
	owned := map[string][]string{} // page key → its files
	for p, key := range imp.owner {
		owned[key] = append(owned[key], p)
	}
	for _, v := range imp.versions {
		for _, p := range owned[v.page.key] {
			imp.copies[imp.assetOut(v.lang, p)] = p
		}
	}
	for _, out := range zolaSortedKeys(imp.copies) {
		if err := imp.copyFile(imp.copies[out], filepath.Join(tmp, filepath.FromSlash(out))); err != nil {
			return err
		}
		imp.rep.Assets++
	}
	return nil
}

func (imp *zolaImport) copyFile(src, dst string) error {
	in, err := imp.src.Open(src)
	if err != nil {
		return fmt.Errorf("copying %s: %w", src, err)
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("copying %s: %w", src, err)
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("copying %s: %w", src, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copying %s: %w", src, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("copying %s: %w", src, err)
	}
	return nil
}

// zolaSiteFile is the site.yaml an import writes.
type zolaSiteFile struct {
	Title     string         `yaml:"title"`
	BaseURL   string         `yaml:"base_url"`
	Languages []zolaLanguage `yaml:"languages"`
}

type zolaLanguage struct {
	Code string `yaml:"code"`
	Name string `yaml:"name"`
}

func (imp *zolaImport) siteYAML() ([]byte, error) {
	f := zolaSiteFile{Title: imp.title, BaseURL: "https://example.invalid/"}
	for _, l := range imp.langs {
		f.Languages = append(f.Languages, zolaLanguage{Code: l, Name: zolaNativeName(l)})
	}
	data, err := yaml.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("site.yaml: %w", err)
	}
	return data, nil
}

// zolaNativeName is a language's name as its readers write it, capitalised
// for a language menu: "Українська" for uk.
func zolaNativeName(code string) string {
	name := display.Self.Name(language.Make(code))
	if name == "" {
		return code
	}
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[n:]
}

// zolaCategoryFile is a _category.yaml an import writes.
type zolaCategoryFile struct {
	Title       string `yaml:"title"`
	Order       *int   `yaml:"order,omitempty"`
	Description string `yaml:"description,omitempty"`
}

type zolaCategoryOut struct {
	path string
	file zolaCategoryFile
}

// categoryFiles describes each top-level folder that has pages, in each
// language that has pages in it: from the folder's section file, else the
// top-level page of the same name, else the default language's section.
func (imp *zolaImport) categoryFiles() []zolaCategoryOut {
	has := map[string]bool{} // language + "/" + folder
	for _, v := range imp.versions {
		rel := strings.TrimPrefix(v.out, imp.langDir(v.lang))
		if dir, _, ok := strings.Cut(rel, "/"); ok {
			has[v.lang+"/"+dir] = true
		}
	}
	var out []zolaCategoryOut
	for _, dir := range zolaSortedKeys(imp.cats) {
		for _, l := range imp.langs {
			mdir := imp.outPath(dir)
			if !has[l+"/"+mdir] {
				continue
			}
			m := imp.categoryMeta(dir, l)
			if m == nil {
				continue
			}
			out = append(out, zolaCategoryOut{
				path: imp.langDir(l) + mdir + "/_category.yaml",
				file: zolaCategoryFile{Title: m.title, Order: m.order, Description: m.description},
			})
		}
	}
	return out
}

func (imp *zolaImport) categoryMeta(dir, lang string) *zolaMeta {
	if s := imp.sections[dir][lang]; s != nil && s.meta != nil && s.meta.title != "" {
		return s.meta
	}
	if pg := imp.pages[dir]; pg != nil {
		if v := pg.versions[lang]; v != nil {
			return &zolaMeta{title: v.meta.title, description: v.meta.description}
		}
	}
	if s := imp.sections[dir][imp.defLang]; s != nil && s.meta != nil && s.meta.title != "" {
		return s.meta
	}
	return nil
}

// zolaFrontMatter is the front matter of an imported article.
type zolaFrontMatter struct {
	Title   string   `yaml:"title"`
	ID      int      `yaml:"id"`
	Summary string   `yaml:"summary,omitempty"`
	Tags    []string `yaml:"tags,omitempty,flow"`
	Updated zolaDay  `yaml:"updated,omitempty"`
	Draft   bool     `yaml:"draft,omitempty"`
}

// zolaDay is a date written as a plain YAML date, 2026-01-04.
type zolaDay string

// MarshalYAML writes the date without quotes.
func (d zolaDay) MarshalYAML() (any, error) {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: string(d)}, nil
}

func (imp *zolaImport) pageFile(v *zolaVersion) ([]byte, error) {
	fm := zolaFrontMatter{
		Title: v.meta.title, ID: v.page.id, Summary: v.meta.description,
		Tags: v.meta.tags, Updated: zolaDay(v.meta.updated), Draft: v.meta.draft,
	}
	head, err := yaml.Marshal(fm)
	if err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(head)
	b.WriteString("---\n")
	b.WriteString(v.result)
	if !strings.HasSuffix(v.result, "\n") {
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// finishReport fills in the counters of the final conversion pass.
func (imp *zolaImport) finishReport() {
	t := imp.tall
	imp.rep.LinksRewritten = t.rewritten
	imp.rep.LinksUnresolved = t.unresolved
	imp.rep.AnchorsDropped = t.anchors
	imp.rep.ImagesMissing = t.missing
	for _, name := range zolaSortedKeys(t.shortcodes) {
		c := t.shortcodes[name]
		imp.rep.Shortcodes = append(imp.rep.Shortcodes, ZolaShortcode{Name: name, Converted: c[0], Left: c[1]})
	}
	imp.rep.Warnings = append(imp.rep.Warnings, t.warnings...)
	slices.SortStableFunc(imp.rep.Warnings, func(a, b diag.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line))
	})
	slices.SortFunc(imp.rep.DroppedKeys, func(a, b ZolaCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name))
	})
}

// zolaTally counts what one conversion pass did.
type zolaTally struct {
	shortcodes map[string]*[2]int // name → converted, left as text
	rewritten  int
	unresolved int
	anchors    int
	missing    int
	warnings   diag.List
}

func newZolaTally() *zolaTally { return &zolaTally{shortcodes: map[string]*[2]int{}} }

func (t *zolaTally) shortcode(name string, converted bool) {
	c := t.shortcodes[name]
	if c == nil {
		c = &[2]int{}
		t.shortcodes[name] = c
	}
	if converted {
		c[0]++
	} else {
		c[1]++
	}
}

// zolaEdit replaces body[start:end] with text.
type zolaEdit struct {
	start, end int
	text       string
}

// zolaConv converts one page version's body.
type zolaConv struct {
	imp   *zolaImport
	v     *zolaVersion
	t     *zolaTally
	check bool // check anchors (the second pass)
	body  string
	edits []zolaEdit
}

func (imp *zolaImport) convert(v *zolaVersion, t *zolaTally, check bool) (out string) {
	c := &zolaConv{imp: imp, v: v, t: t, check: check, body: v.body}
	defer func() {
		// Odd input must never take the import down; the page keeps its text.
		if r := recover(); r != nil {
			c.warnf(-1, "internal error while converting this page (%v); its text is kept as it was", r)
			out = v.body
		}
	}()
	for _, seg := range zolaProse(c.body) {
		c.segment(seg[0], seg[1])
	}
	slices.SortStableFunc(c.edits, func(a, b zolaEdit) int { return cmp.Compare(a.start, b.start) })
	var b strings.Builder
	at := 0
	for _, e := range c.edits {
		if e.start < at {
			continue // overlapping edits cannot happen; never apply one twice
		}
		b.WriteString(c.body[at:e.start])
		b.WriteString(e.text)
		at = e.end
	}
	b.WriteString(c.body[at:])
	return b.String()
}

func (c *zolaConv) warnf(pos int, format string, args ...any) {
	line := 0
	if pos >= 0 {
		line = c.v.bodyLine + strings.Count(c.body[:min(pos, len(c.body))], "\n")
	}
	c.t.warnings = append(c.t.warnings, diag.Diagnostic{Path: join(c.imp.srcName, c.v.src), Line: line, Severity: diag.Warning, Msg: fmt.Sprintf(format, args...)})
}

func (c *zolaConv) edit(start, end int, text string) {
	c.edits = append(c.edits, zolaEdit{start, end, text})
}

var zolaFenceRE = regexp.MustCompile("^[ \t]*(`{3,}|~{3,})")

// zolaProse returns the parts of a body outside fenced code blocks,
// as [start, end) byte ranges.
func zolaProse(body string) [][2]int {
	var segs [][2]int
	start, fence := 0, ""
	for off := 0; off < len(body); {
		end := strings.IndexByte(body[off:], '\n')
		next := off + end + 1
		if end < 0 {
			next = len(body)
		}
		line := strings.TrimRight(body[off:next], "\r\n")
		if fence == "" {
			if m := zolaFenceRE.FindStringSubmatch(line); m != nil && (m[1][0] == '~' || !strings.Contains(line[len(m[0]):], "`")) {
				if off > start {
					segs = append(segs, [2]int{start, off})
				}
				fence = m[1]
			}
		} else if t := strings.TrimSpace(line); strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
			fence, start = "", next
		}
		off = next
	}
	if fence == "" && start < len(body) {
		segs = append(segs, [2]int{start, len(body)})
	}
	return segs
}

// zolaCodeSpans finds inline code in body[s:e]: a run of backticks up to the
// next run of the same length within the paragraph.
func zolaCodeSpans(body string, s, e int) [][2]int {
	var spans [][2]int
	for i := s; i < e; {
		switch body[i] {
		case '\\':
			i += 2
			continue
		case '`':
		default:
			i++
			continue
		}
		j := i
		for j < e && body[j] == '`' {
			j++
		}
		n := j - i
		end := -1
		for k := j; k < e; {
			if body[k] == '\n' && strings.TrimSpace(body[k+1:min(e, k+1+strings.IndexByte(body[k+1:e]+"\n", '\n'))]) == "" {
				break // a blank line ends the paragraph
			}
			if body[k] != '`' {
				k++
				continue
			}
			m := k
			for m < e && body[m] == '`' {
				m++
			}
			if m-k == n {
				end = m
				break
			}
			k = m
		}
		if end < 0 {
			i = j
			continue
		}
		spans = append(spans, [2]int{i, end})
		i = end
	}
	return spans
}

var (
	zolaShortcodeRE  = regexp.MustCompile(`\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(([^{}]*?)\)\s*-?\}\}`)
	zolaBlockShortRE = regexp.MustCompile(`\{%-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(([^{}%]*?)\)\s*-?%\}`)
	zolaRefDefRE     = regexp.MustCompile(`(?m)^[ \t]{0,3}\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)`)
)

// segment converts one stretch of prose: shortcodes, reference
// definitions, inline links and images. Code spans are left alone.
func (c *zolaConv) segment(s, e int) {
	skip := zolaCodeSpans(c.body, s, e)
	in := func(pos int) bool {
		for _, r := range skip {
			if pos >= r[0] && pos < r[1] {
				return true
			}
		}
		return false
	}
	var shorts [][2]int
	for _, re := range []*regexp.Regexp{zolaShortcodeRE, zolaBlockShortRE} {
		for _, m := range re.FindAllStringSubmatchIndex(c.body[s:e], -1) {
			start, end := s+m[0], s+m[1]
			if in(start) {
				continue
			}
			name, args := c.body[s+m[2]:s+m[3]], c.body[s+m[4]:s+m[5]]
			shorts = append(shorts, [2]int{start, end})
			c.shortcode(start, end, name, args, re == zolaShortcodeRE)
		}
	}
	skip = append(skip, shorts...)
	slices.SortFunc(skip, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })

	for _, m := range zolaRefDefRE.FindAllStringSubmatchIndex(c.body[s:e], -1) {
		start := s + m[0]
		if in(start) || strings.HasPrefix(c.body[s+m[2]:s+m[3]], "^") {
			continue // footnotes are not links
		}
		ds, de := s+m[4], s+m[5]
		raw := strings.TrimSuffix(strings.TrimPrefix(c.body[ds:de], "<"), ">")
		dest, act := c.link(raw, ds)
		switch act {
		case zolaRewrite:
			c.edit(ds, de, zolaMarkdownDest(dest))
		case zolaPlain:
			lineEnd := strings.IndexByte(c.body[start:], '\n')
			if lineEnd < 0 {
				lineEnd = len(c.body) - start
			}
			c.edit(start, start+lineEnd, "")
		}
	}
	c.inline(s, e, skip)
}

// zolaAction is what becomes of a link.
type zolaAction int

const (
	zolaKeep    zolaAction = iota // unchanged
	zolaRewrite                   // new destination
	zolaPlain                     // the link text alone (a link), nothing (an image)
)

type zolaOpener struct {
	pos   int
	image bool
}

// inline finds [text](dest) links and ![alt](src) images in body[s:e],
// skipping code spans and shortcodes.
func (c *zolaConv) inline(s, e int, skip [][2]int) {
	var open []zolaOpener
	k := 0
	for i := s; i < e; i++ {
		for k < len(skip) && skip[k][1] <= i {
			k++
		}
		if k < len(skip) && i >= skip[k][0] {
			i = skip[k][1] - 1
			continue
		}
		switch c.body[i] {
		case '\\':
			i++
		case '[':
			open = append(open, zolaOpener{pos: i, image: i > s && c.body[i-1] == '!' && (i-1 == s || c.body[i-2] != '\\')})
		case ']':
			if len(open) == 0 {
				continue
			}
			o := open[len(open)-1]
			open = open[:len(open)-1]
			if i+1 >= e || c.body[i+1] != '(' {
				continue
			}
			ds, de, close, ok := zolaInlineDest(c.body, i+2, e)
			if !ok {
				continue
			}
			raw := strings.TrimSuffix(strings.TrimPrefix(c.body[ds:de], "<"), ">")
			if o.image {
				c.image(o.pos-1, close+1, ds, de, raw)
			} else {
				dest, act := c.link(raw, ds)
				switch act {
				case zolaRewrite:
					c.edit(ds, de, zolaMarkdownDest(dest))
				case zolaPlain:
					c.edit(o.pos, o.pos+1, "")
					c.edit(i, close+1, "")
				}
				open = open[:0] // links do not nest
			}
			i = close
		}
	}
}

// zolaInlineDest reads "(dest "title")" from the character after "(". It
// returns the destination's range and the index of the closing ")".
func zolaInlineDest(b string, i, e int) (ds, de, close int, ok bool) {
	skipSpace := func() {
		nl := false
		for i < e && (b[i] == ' ' || b[i] == '\t' || (b[i] == '\n' && !nl)) {
			nl = nl || b[i] == '\n'
			i++
		}
	}
	skipSpace()
	ds = i
	if i < e && b[i] == '<' {
		for i++; i < e && b[i] != '>' && b[i] != '\n'; i++ {
			if b[i] == '\\' {
				i++
			}
		}
		if i >= e || b[i] != '>' {
			return 0, 0, 0, false
		}
		i++
	} else {
		// As goldmark reads it: parentheses need not balance, but one
		// closing more than were opened ends the destination.
		depth := 0
	dest:
		for ; i < e; i++ {
			switch ch := b[i]; {
			case ch == '\\' && i+1 < e && strings.IndexByte(zolaASCIIPunct, b[i+1]) >= 0:
				i++
			case ch == '(':
				depth++
			case ch == ')':
				depth--
				if depth < 0 {
					break dest
				}
			case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f':
				break dest
			}
		}
	}
	de = i
	skipSpace()
	if i < e && (b[i] == '"' || b[i] == '\'' || b[i] == '(') && de > ds {
		want := b[i]
		if want == '(' {
			want = ')'
		}
		for i++; i < e && b[i] != want; i++ {
			if b[i] == '\\' {
				i++
			}
		}
		if i >= e {
			return 0, 0, 0, false
		}
		i++
		skipSpace()
	}
	if i >= e || b[i] != ')' {
		return 0, 0, 0, false
	}
	return ds, de, i, true
}

// zolaASCIIPunct are the characters a backslash escapes in Markdown.
const zolaASCIIPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// zolaMarkdownDest writes a destination so Markdown reads it back whole.
func zolaMarkdownDest(d string) string {
	if strings.ContainsAny(d, " \t()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(d) + ">"
	}
	return d
}

// link decides what a link destination becomes.
func (c *zolaConv) link(raw string, pos int) (string, zolaAction) {
	d := strings.TrimSpace(raw)
	if d == "" {
		c.plainf(pos, "a link with no target is kept as its text")
		return "", zolaPlain
	}
	if rest, ok := strings.CutPrefix(d, "@/"); ok {
		p, frag, _ := strings.Cut(rest, "#")
		if f, err := url.PathUnescape(frag); err == nil {
			frag = f // as url.Parse gives it for the other links
		}
		return c.internal(p, frag, d, pos)
	}
	u, err := url.Parse(d)
	if err != nil {
		c.plainf(pos, "link %q cannot be read (%v); kept as its text", d, err)
		return "", zolaPlain
	}
	if u.Scheme != "" || u.Host != "" {
		return "", zolaKeep
	}
	if u.Path == "" {
		if u.Fragment != "" && c.check && !zolaAnchorIn(c.v.anchors, u.Fragment) {
			c.plainf(pos, "link %q: this page has no heading #%s; kept as its text", d, u.Fragment)
			return "", zolaPlain
		}
		return "", zolaKeep
	}
	if strings.HasPrefix(u.Path, "/") {
		p := strings.Trim(u.Path, "/")
		if p == "" {
			return "", zolaKeep // the home page
		}
		if id, ok := c.imp.urls[p]; ok {
			return c.byID(id, u.Fragment, d, pos)
		}
		if c.imp.files[p] {
			return c.file(p, u.Fragment), zolaRewrite
		}
		if c.imp.isCategory(p) && !strings.Contains(p, "/") {
			c.t.rewritten++
			return "/" + c.v.lang + "/" + c.imp.outPath(p) + "/", zolaRewrite
		}
		if shortLinkRE.MatchString(u.Path) {
			// deskbook reads /a/<n>/ as a link to the article with id n.
			c.plainf(pos, "link %q is not a page of this site and looks like a deskbook short link; kept as its text", d)
			return "", zolaPlain
		}
		c.warnf(pos, "link %q is not a page of this site; left as it is (it will not work unless the site is served beside it)", d)
		return "", zolaKeep
	}
	// Relative to the page's URL, which is its key; for a plain page,
	// writers sometimes mean its folder.
	for _, base := range []string{c.v.page.key, path.Dir(c.v.src)} {
		p := path.Join(base, u.Path)
		if p == ".." || strings.HasPrefix(p, "../") {
			continue
		}
		if strings.HasSuffix(p, ".md") {
			if dest, act, found := c.internalPage(p, u.Fragment, d, pos); found {
				return dest, act
			}
			continue
		}
		if pg := c.imp.pages[p]; pg != nil {
			return c.byID(pg.id, u.Fragment, d, pos)
		}
		if c.imp.files[p] {
			return c.file(p, u.Fragment), zolaRewrite
		}
		if c.imp.isCategory(p) && !strings.Contains(p, "/") {
			c.t.rewritten++
			return "/" + c.v.lang + "/" + c.imp.outPath(p) + "/", zolaRewrite
		}
	}
	c.plainf(pos, "link %q: no page or file there; kept as its text", d)
	return "", zolaPlain
}

func (c *zolaConv) plainf(pos int, format string, args ...any) {
	c.t.unresolved++
	c.warnf(pos, format, args...)
}

func zolaAnchorIn(ids map[string]bool, frag string) bool {
	return ids[frag] || strings.HasPrefix(frag, "fn:") || strings.HasPrefix(frag, "fnref:")
}

// internal resolves a Zola internal link, @/path/index.md#anchor.
func (c *zolaConv) internal(p, frag, raw string, pos int) (string, zolaAction) {
	dest, act, found := c.internalPage(p, frag, raw, pos)
	if !found {
		c.plainf(pos, "link %q: there is no page %s; kept as its text", raw, p)
		return "", zolaPlain
	}
	return dest, act
}

// internalPage resolves the path of a Markdown file or other file of the
// source. found is false, and nothing is reported, when there is none.
func (c *zolaConv) internalPage(p, frag, raw string, pos int) (dest string, act zolaAction, found bool) {
	p = path.Clean(strings.TrimPrefix(p, "/"))
	if !strings.HasSuffix(p, ".md") {
		if c.imp.files[p] {
			return c.file(p, frag), zolaRewrite, true
		}
		return "", zolaPlain, false
	}
	dir, name := path.Split(p)
	dir = path.Clean(dir)
	stem, _ := splitZolaName(name)
	switch stem {
	case "_index":
		if dir == "." {
			c.t.rewritten++
			return "/" + c.v.lang + "/", zolaRewrite, true
		}
		if !strings.Contains(dir, "/") && c.imp.isCategory(dir) {
			c.t.rewritten++
			return "/" + c.v.lang + "/" + c.imp.outPath(dir) + "/", zolaRewrite, true
		}
		return "", zolaPlain, false
	case "index":
		p = dir
	default:
		p = path.Join(dir, stem)
	}
	pg := c.imp.pages[p]
	if pg == nil {
		return "", zolaPlain, false
	}
	dest, act = c.byID(pg.id, frag, raw, pos)
	return dest, act, true
}

// byID links to a page by its id; deskbook picks the version in the
// reader's language.
func (c *zolaConv) byID(id int, frag, raw string, pos int) (string, zolaAction) {
	t := c.imp.target(id, c.v.lang)
	if t == nil {
		c.plainf(pos, "link %q: the page is a draft or not in an imported language; kept as its text", raw)
		return "", zolaPlain
	}
	dest := "/a/" + strconv.Itoa(id) + "/"
	if frag != "" {
		if c.check && !zolaAnchorIn(t.anchors, frag) {
			c.t.anchors++
			c.warnf(pos, "link %q: %s has no heading #%s; the link goes to the top of the page", raw, join(c.imp.srcName, t.src), frag)
		} else {
			dest += "#" + frag
		}
	}
	c.t.rewritten++
	return dest, zolaRewrite
}

// file links to a file of the source, copied into this page's language.
func (c *zolaConv) file(p, frag string) string {
	out := c.imp.assetOut(c.v.lang, p)
	c.imp.copies[out] = p
	c.t.rewritten++
	rel := zolaRelFile(path.Dir(c.v.out), out)
	if frag != "" {
		rel += "#" + frag
	}
	return rel
}

// zolaRelFile is the relative path from folder dir to file p, escaped as a URL.
func zolaRelFile(dir, p string) string {
	if dir == "." {
		dir = ""
	}
	return (&url.URL{Path: relURL(dir, p)}).String()
}

// image decides what an image becomes: kept, pointed at the copied file,
// or removed when its file is missing.
func (c *zolaConv) image(start, end, ds, de int, raw string) {
	dest, ok := c.imageDest(raw, start)
	switch {
	case !ok:
		c.edit(start, end, "")
	case dest != "":
		c.edit(ds, de, zolaMarkdownDest(dest))
	}
}

// imageDest returns the new source of an image ("" to keep it as it is),
// or false when the image must go.
func (c *zolaConv) imageDest(raw string, pos int) (string, bool) {
	d := strings.TrimSpace(raw)
	if d == "" {
		c.t.missing++
		c.warnf(pos, "an image with no file was removed")
		return "", false
	}
	u, err := url.Parse(d)
	if err != nil {
		c.t.missing++
		c.warnf(pos, "image %q cannot be read (%v); removed", d, err)
		return "", false
	}
	if u.Scheme != "" || u.Host != "" {
		return "", true
	}
	var cands []string
	switch {
	case strings.HasPrefix(u.Path, "@/"):
		cands = []string{path.Clean(u.Path[2:])}
	case strings.HasPrefix(u.Path, "/"):
		cands = []string{path.Clean(u.Path[1:])}
	default:
		cands = []string{path.Join(c.v.page.key, u.Path), path.Join(path.Dir(c.v.src), u.Path)}
	}
	for _, p := range cands {
		if c.imp.files[p] {
			out := c.imp.assetOut(c.v.lang, p)
			c.imp.copies[out] = p
			return zolaRelFile(path.Dir(c.v.out), out), true
		}
	}
	c.t.missing++
	c.warnf(pos, "image %q is not in the source folder; removed", d)
	return "", false
}

// shortcode converts {{ screenshot(src=..., alt=...) }} into a Markdown
// image and counts the others, which stay in the text.
func (c *zolaConv) shortcode(start, end int, name, args string, inline bool) {
	if !inline || name != "screenshot" {
		c.t.shortcode(name, false)
		return
	}
	kw, ok := zolaShortcodeArgs(args)
	src := kw["src"]
	if !ok || src == "" {
		c.t.shortcode(name, false)
		c.warnf(start, "screenshot shortcode without a src; left as text")
		return
	}
	c.t.shortcode(name, true)
	dest, keep := c.imageDest(src, start)
	if !keep {
		c.edit(start, end, "")
		return
	}
	if dest == "" {
		dest = src
	}
	alt := strings.Join(strings.Fields(kw["alt"]), " ")
	if alt == "" {
		alt = c.v.meta.title
	}
	alt = strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`).Replace(alt)
	c.edit(start, end, "!["+alt+"]("+zolaMarkdownDest(dest)+")")
}

// zolaShortcodeArgs reads Tera keyword arguments: name="text", n=3, b=true.
func zolaShortcodeArgs(s string) (map[string]string, bool) {
	kw := map[string]string{}
	i := 0
	space := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == ',') {
			i++
		}
	}
	for space(); i < len(s); space() {
		j := i
		for i < len(s) && (s[i] == '_' || unicode.IsLetter(rune(s[i])) || unicode.IsDigit(rune(s[i]))) {
			i++
		}
		name := s[j:i]
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if name == "" || i >= len(s) || s[i] != '=' {
			return kw, false
		}
		i++
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			i++
		}
		if i < len(s) && strings.IndexByte("\"'`", s[i]) >= 0 {
			q := s[i]
			end := strings.IndexByte(s[i+1:], q)
			if end < 0 {
				return kw, false
			}
			kw[name] = s[i+1 : i+1+end]
			i += end + 2
			continue
		}
		j = i
		for i < len(s) && s[i] != ',' && s[i] != ' ' && s[i] != '\n' {
			i++
		}
		kw[name] = s[j:i]
	}
	return kw, true
}

// zolaTOMLProblem is a line of TOML front matter that could not be read.
type zolaTOMLProblem struct {
	line int
	msg  string
}

var errZolaTOMLIncomplete = errors.New("incomplete value")

// parseZolaTOML reads the TOML that Zola front matter uses: key =
// value lines with strings, numbers, booleans, dates, arrays and inline
// tables, and [table] headers such as [taxonomies] and [extra]. Lines it
// cannot read are reported and skipped. The header starts on file line 2.
func parseZolaTOML(fm []byte) ([]zolaEntry, []zolaTOMLProblem) {
	lines := strings.Split(string(fm), "\n")
	root := map[string]any{}
	var order []zolaEntry // top-level keys in order; values filled at the end
	seen := map[string]bool{}
	cur, atRoot := root, true
	var probs []zolaTOMLProblem
	topKey := func(k string, line int) {
		if !seen[k] {
			seen[k] = true
			order = append(order, zolaEntry{key: k, line: line})
		}
	}
	for i := 0; i < len(lines); i++ {
		line := i + 2
		l := strings.TrimSpace(strings.TrimRight(lines[i], "\r"))
		if l == "" || l[0] == '#' {
			continue
		}
		if strings.HasPrefix(l, "[[") {
			probs = append(probs, zolaTOMLProblem{line, "arrays of tables are not read"})
			cur, atRoot = map[string]any{}, false // its keys go nowhere
			continue
		}
		if l[0] == '[' {
			end := strings.IndexByte(l, ']')
			if end < 0 {
				probs = append(probs, zolaTOMLProblem{line, "a table header needs a closing ]"})
				continue
			}
			keys, err := zolaTOMLKey(l[1:end])
			if err != nil {
				probs = append(probs, zolaTOMLProblem{line, err.Error()})
				continue
			}
			topKey(keys[0], line)
			cur, atRoot = root, false
			for _, k := range keys {
				next, ok := cur[k].(map[string]any)
				if !ok {
					next = map[string]any{}
					cur[k] = next
				}
				cur = next
			}
			continue
		}
		eq := zolaTOMLEquals(l)
		if eq < 0 {
			probs = append(probs, zolaTOMLProblem{line, "want key = value"})
			continue
		}
		keys, err := zolaTOMLKey(l[:eq])
		if err != nil {
			probs = append(probs, zolaTOMLProblem{line, err.Error()})
			continue
		}
		text := l[eq+1:]
		var val any
		first := i
		for {
			p := &zolaTOMLParser{s: text}
			val, err = p.document()
			if !errors.Is(err, errZolaTOMLIncomplete) || i+1 >= len(lines) {
				break
			}
			i++
			text += "\n" + strings.TrimRight(lines[i], "\r")
		}
		if err != nil {
			probs = append(probs, zolaTOMLProblem{first + 2, err.Error()})
			continue
		}
		if atRoot {
			topKey(keys[0], line)
		}
		m := cur
		for _, k := range keys[:len(keys)-1] {
			next, ok := m[k].(map[string]any)
			if !ok {
				next = map[string]any{}
				m[k] = next
			}
			m = next
		}
		m[keys[len(keys)-1]] = val
	}
	for i := range order {
		order[i].val = root[order[i].key]
	}
	return order, probs
}

// zolaTOMLEquals finds the = after a key, outside quotes.
func zolaTOMLEquals(l string) int {
	var q byte
	for i := 0; i < len(l); i++ {
		switch {
		case q != 0:
			if l[i] == q {
				q = 0
			}
		case l[i] == '"' || l[i] == '\'':
			q = l[i]
		case l[i] == '=':
			return i
		}
	}
	return -1
}

// zolaTOMLKey splits a dotted key, a.b or "a b".c, into its parts.
func zolaTOMLKey(s string) ([]string, error) {
	var keys []string
	for _, part := range strings.Split(s, ".") {
		part = strings.TrimSpace(part)
		if len(part) >= 2 && (part[0] == '"' || part[0] == '\'') && part[len(part)-1] == part[0] {
			part = part[1 : len(part)-1]
		} else if part == "" || strings.ContainsAny(part, " \t\"'") {
			return nil, fmt.Errorf("cannot read the key %q", strings.TrimSpace(s))
		}
		keys = append(keys, part)
	}
	return keys, nil
}

// zolaTOMLParser reads one TOML value.
type zolaTOMLParser struct {
	s string
	i int
}

// document reads a value followed by nothing but a comment.
func (p *zolaTOMLParser) document() (any, error) {
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space(false)
	if p.i < len(p.s) {
		return nil, fmt.Errorf("unexpected %q after the value", p.s[p.i:])
	}
	return v, nil
}

// space skips blanks and comments; newlines too inside arrays.
func (p *zolaTOMLParser) space(newlines bool) {
	for p.i < len(p.s) {
		switch ch := p.s[p.i]; {
		case ch == ' ' || ch == '\t' || ch == '\r' || (newlines && ch == '\n'):
			p.i++
		case ch == '#':
			for p.i < len(p.s) && p.s[p.i] != '\n' {
				p.i++
			}
			if !newlines {
				return
			}
		default:
			return
		}
	}
}

func (p *zolaTOMLParser) value() (any, error) {
	p.space(false)
	if p.i >= len(p.s) {
		return nil, errZolaTOMLIncomplete
	}
	switch p.s[p.i] {
	case '"', '\'':
		return p.str()
	case '[':
		p.i++
		var arr []any
		for {
			p.space(true)
			if p.i >= len(p.s) {
				return nil, errZolaTOMLIncomplete
			}
			if p.s[p.i] == ']' {
				p.i++
				return arr, nil
			}
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
			p.space(true)
			if p.i >= len(p.s) {
				return nil, errZolaTOMLIncomplete
			}
			switch p.s[p.i] {
			case ',':
				p.i++
			case ']':
			default:
				return nil, fmt.Errorf("want , or ] in a list")
			}
		}
	case '{':
		p.i++
		tbl := map[string]any{}
		for {
			p.space(false)
			if p.i >= len(p.s) {
				return nil, errZolaTOMLIncomplete
			}
			if p.s[p.i] == '}' {
				p.i++
				return tbl, nil
			}
			eq := zolaTOMLEquals(p.s[p.i:])
			if eq < 0 {
				return nil, fmt.Errorf("want key = value in an inline table")
			}
			keys, err := zolaTOMLKey(p.s[p.i : p.i+eq])
			if err != nil {
				return nil, err
			}
			p.i += eq + 1
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			tbl[strings.Join(keys, ".")] = v
			p.space(false)
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
			}
		}
	}
	j := p.i
	for p.i < len(p.s) && !strings.ContainsRune(",]}#\n", rune(p.s[p.i])) {
		p.i++
	}
	tok := strings.TrimSpace(p.s[j:p.i])
	p.i = j + len(strings.TrimRight(p.s[j:p.i], " \t\r"))
	switch {
	case tok == "true" || tok == "false":
		return tok == "true", nil
	case tok == "":
		return nil, fmt.Errorf("missing value")
	}
	num := strings.ReplaceAll(tok, "_", "")
	if n, err := strconv.ParseInt(num, 0, 64); err == nil {
		return int(n), nil
	}
	if f, err := strconv.ParseFloat(num, 64); err == nil {
		return f, nil
	}
	if _, ok := zolaDate(tok); ok {
		return tok, nil
	}
	return nil, fmt.Errorf("cannot read the value %q", tok)
}

// str reads a basic "…", literal '…' or multi-line """…""" string.
func (p *zolaTOMLParser) str() (string, error) {
	q := p.s[p.i]
	multi := strings.HasPrefix(p.s[p.i:], strings.Repeat(string(q), 3))
	if multi {
		p.i += 3
		if strings.HasPrefix(p.s[p.i:], "\n") {
			p.i++
		}
	} else {
		p.i++
	}
	var b strings.Builder
	for p.i < len(p.s) {
		ch := p.s[p.i]
		switch {
		case multi && strings.HasPrefix(p.s[p.i:], strings.Repeat(string(q), 3)):
			p.i += 3
			return b.String(), nil
		case !multi && ch == q:
			p.i++
			return b.String(), nil
		case !multi && ch == '\n':
			return "", fmt.Errorf("a string must end on its line")
		case ch == '\\' && q == '"' && p.i+1 < len(p.s):
			p.i++
			switch e := p.s[p.i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'u', 'U':
				n := 4
				if e == 'U' {
					n = 8
				}
				if p.i+n >= len(p.s) {
					return "", fmt.Errorf("short \\%c escape", e)
				}
				r, err := strconv.ParseUint(p.s[p.i+1:p.i+1+n], 16, 32)
				if err != nil {
					return "", fmt.Errorf("bad \\%c escape", e)
				}
				b.WriteRune(rune(r))
				p.i += n
			case '\n':
				for p.i+1 < len(p.s) && strings.ContainsRune(" \t\r\n", rune(p.s[p.i+1])) {
					p.i++
				}
			default:
				b.WriteByte(e)
			}
			p.i++
		default:
			b.WriteByte(ch)
			p.i++
		}
	}
	return "", errZolaTOMLIncomplete
}
