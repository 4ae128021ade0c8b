package builder

import (
	"bytes"
	"deskbook/internal/diag"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// MaxArticleSize is the largest Markdown file the build accepts. Real
// support articles are a few kilobytes; a multi-megabyte one is a pasted
// log or a mistake, and would make every page that lists it slow.
const MaxArticleSize = 2 << 20

// load reads site.yaml, every article's front matter and the list of
// assets from fsys. Articles are read and decoded in parallel.
func load(fsys fs.FS, srcName string, drafts bool, d *diag.Collector) *Site {
	cfg := loadSiteConfig(fsys, srcName, d)
	var src sourceSet
	err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			d.Errorf(join(srcName, p), 0, "cannot read: %v", err)
			return nil
		}
		k := classify(&cfg, srcName, p, e.IsDir(), e.Type().IsRegular(), d)
		if k == entrySkip && e.IsDir() {
			return fs.SkipDir
		}
		src.add(&cfg, p, k)
		return nil
	})
	if err != nil {
		d.Errorf(srcName, 0, "cannot read source folder: %v", err)
	}
	multi := len(cfg.Languages) > 1
	arts := make([]*Article, len(src.articles))
	parallel(len(src.articles), func(i int) {
		arts[i] = loadArticle(fsys, srcName, src.articles[i], multi, cfg.Languages[0].Code, d)
	})
	return assemble(fsys, srcName, cfg, &src, arts, drafts, d)
}

// entryKind is what load makes of one entry of the source folder.
type entryKind uint8

const (
	entryNone     entryKind = iota // a folder to look into, or a file that is not part of the site
	entrySkip                      // hidden or misplaced: a folder is not looked into
	entryArticle                   // a Markdown article
	entryCategory                  // a _category.yaml
	entryAsset                     // any other file, copied beside the pages
)

// classify says what the entry at p is, and reports misplaced folders and
// files. It looks at the path alone, so a watcher can classify one new
// file the way a walk of the whole folder would.
func classify(cfg *SiteConfig, srcName, p string, dir, regular bool, d *diag.Collector) entryKind {
	if p == "." {
		return entryNone
	}
	name := path.Base(p)
	if strings.HasPrefix(name, ".") || name == "node_modules" {
		return entrySkip
	}
	multi := len(cfg.Languages) > 1
	if dir {
		if multi && !strings.Contains(p, "/") && !slices.ContainsFunc(cfg.Languages, func(l Language) bool { return l.Code == p }) {
			d.Errorf(join(srcName, p), 0, "folder %q is not a language listed in site.yaml (%s)", p, langList(cfg.Languages))
			return entrySkip
		}
		return entryNone
	}
	if !regular || p == LedgerFile {
		return entryNone // symlinks and devices could reach outside the source folder; the ledger is read in resolve
	}
	rel := p
	if multi {
		_, rest, ok := strings.Cut(p, "/")
		if !ok {
			if p != "site.yaml" {
				d.Warnf(join(srcName, p), 0, "ignored: with several languages, files belong in a language folder")
			}
			return entryNone
		}
		rel = rest
	} else if p == "site.yaml" {
		return entryNone
	}
	switch {
	case path.Base(rel) == "_category.yaml":
		return entryCategory
	case strings.HasSuffix(name, ".md") && strings.HasPrefix(name, "_"):
		return entryNone // section files of other generators (_index.md); not articles
	case strings.HasSuffix(name, ".md"):
		return entryArticle
	}
	return entryAsset
}

// sourceSet is what a walk of the source folder found, in walk order.
type sourceSet struct {
	articles []string          // Markdown paths
	catMeta  map[string]string // "lang/folder" → its _category.yaml path
	assets   []Asset
}

// add records one classified entry.
func (s *sourceSet) add(cfg *SiteConfig, p string, k entryKind) {
	lang, rel := cfg.Languages[0].Code, p
	if len(cfg.Languages) > 1 {
		lang, rel, _ = strings.Cut(p, "/")
	}
	switch k {
	case entryArticle:
		s.articles = append(s.articles, p)
	case entryCategory:
		if s.catMeta == nil {
			s.catMeta = map[string]string{}
		}
		s.catMeta[lang+"/"+path.Dir(rel)] = p
	case entryAsset:
		s.assets = append(s.assets, Asset{Path: p, URL: lang + "/" + rel})
	}
}

// assemble makes the site from its loaded articles (nil where a file could
// not be used), in the order of src.articles: categories, drafts, URL and
// ID collisions.
func assemble(fsys fs.FS, srcName string, cfg SiteConfig, src *sourceSet, arts []*Article, drafts bool, d *diag.Collector) *Site {
	site := &Site{
		Config:   cfg,
		Articles: make([]*Article, 0, len(arts)),
		Assets:   slices.Clone(src.assets),
		byPath:   make(map[string]*Article, len(arts)),
		byID:     make(map[int][]*Article, len(arts)),
		assetAt:  make(map[string]string, len(src.assets)),
	}
	for _, as := range src.assets {
		site.assetAt[as.Path] = as.URL
	}
	cats := map[string]*Category{}
	urls := make(map[string]*Article, len(arts))
	for _, a := range arts {
		if a == nil || a.Meta.Draft && !drafts {
			continue
		}
		a.Category = category(fsys, srcName, cats, src.catMeta, a, d)
		if prev, ok := urls[a.URL]; ok {
			d.Errorf(join(srcName, a.Path), 1, "two articles on one URL /%s: this one and %s", a.URL, join(srcName, prev.Path))
			continue
		}
		urls[a.URL] = a
		site.Articles = append(site.Articles, a)
		site.byPath[a.Path] = a
		if a.Meta.ID > 0 {
			site.byID[a.Meta.ID] = append(site.byID[a.Meta.ID], a)
		}
	}
	for _, c := range cats {
		if c.Name == "" {
			continue
		}
		if a, ok := urls[c.URL]; ok {
			d.Errorf(join(srcName, a.Path), 1, "article URL /%s is the URL of category %q", a.URL, c.Name)
		}
	}
	for id, as := range site.byID {
		seen := map[string]*Article{}
		for _, a := range as {
			if prev, ok := seen[a.Lang]; ok {
				d.Errorf(join(srcName, a.Path), a.line("id"), "duplicate id %d: also used by %s", id, join(srcName, prev.Path))
				continue
			}
			seen[a.Lang] = a
		}
	}
	for _, c := range cats {
		site.Categories = append(site.Categories, c)
	}
	site.byURL = urls
	return site
}

func langList(ls []Language) string {
	codes := make([]string, len(ls))
	for i, l := range ls {
		codes[i] = l.Code
	}
	return strings.Join(codes, ", ")
}

// join makes the path a writer sees in diagnostics: the source folder name
// and the path inside it.
func join(src, p string) string {
	if src == "" || src == "." {
		return p
	}
	return path.Join(src, p)
}

func loadSiteConfig(fsys fs.FS, srcName string, d *diag.Collector) SiteConfig {
	cfg := SiteConfig{Title: "Knowledge base"}
	data, err := fs.ReadFile(fsys, "site.yaml")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		d.Warnf(join(srcName, "site.yaml"), 0, "missing; using a default title and English only")
	case err != nil:
		d.Errorf(join(srcName, "site.yaml"), 0, "cannot read: %v", err)
	default:
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
			line, msg := yamlErrLine(err)
			d.Errorf(join(srcName, "site.yaml"), line, "%s", msg)
		}
	}
	if len(cfg.Languages) == 0 {
		cfg.Languages = []Language{{Code: "en", Name: "English"}}
	}
	seen := map[string]bool{}
	for _, l := range cfg.Languages {
		base, _, _ := strings.Cut(l.Code, "-")
		if _, err := language.ParseBase(base); err != nil || !langCode.MatchString(l.Code) {
			d.Errorf(join(srcName, "site.yaml"), 0, "language code %q is not a known code like en, uk or pt-br", l.Code)
		}
		if l.Name == "" {
			d.Errorf(join(srcName, "site.yaml"), 0, "language %q needs a name, as readers of it write it (e.g. Українська)", l.Code)
		}
		if seen[l.Code] {
			d.Errorf(join(srcName, "site.yaml"), 0, "language %q listed twice", l.Code)
		}
		seen[l.Code] = true
	}
	switch cfg.Untranslated {
	case "", "list", "hide":
	default:
		d.Errorf(join(srcName, "site.yaml"), 0, "untranslated: %q: want list or hide", cfg.Untranslated)
	}
	return cfg
}

var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})?$`)

var (
	yamlLineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	yamlTypeRE = regexp.MustCompile("^cannot unmarshal !!(\\w+) `(.*)` into (.*)$")
)

// goTypeWords says in words what a Go type in a yaml error wants.
func goTypeWords(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case t == "string":
		return "text"
	case strings.HasPrefix(t, "int"), t == "*int":
		return "a whole number"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "map"), strings.Contains(t, "."):
		return "key: value lines"
	}
	return t
}

// yamlErrLine splits a yaml.v3 error into its line and message.
func yamlErrLine(err error) (int, string) {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		err = errors.New(te.Errors[0])
	}
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		msg = m[2]
		if t := yamlTypeRE.FindStringSubmatch(msg); t != nil {
			msg = fmt.Sprintf("%q has the wrong type: want %s", t[2], goTypeWords(t[3]))
		}
		return n, msg
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}

// loadArticle reads one Markdown file and decodes its front matter. It
// returns nil only when the file cannot be used at all.
func loadArticle(fsys fs.FS, srcName, p string, multi bool, defLang string, d *diag.Collector) *Article {
	disp := join(srcName, p)
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		d.Errorf(disp, 0, "cannot read: %v", err)
		return nil
	}
	if len(data) > MaxArticleSize {
		d.Errorf(disp, 1, "article is %.1f MB; the limit is %d MB (split it, or move logs into an attachment)",
			float64(len(data))/(1<<20), MaxArticleSize>>20)
		return nil
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n"))
		d.Errorf(disp, line, "not valid UTF-8 text (save the file as UTF-8)")
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if len(bytes.TrimSpace(data)) == 0 {
		d.Errorf(disp, 1, "empty file: an article needs front matter and a body")
		return nil
	}

	a := &Article{Path: p, Lang: defLang, rel: p, metaLine: map[string]int{}}
	if multi {
		a.Lang, a.rel, _ = strings.Cut(p, "/")
	}
	rel := a.rel
	fm, body, bodyLine, ok := splitFrontMatter(data)
	a.src, a.bodyLine = body, bodyLine
	if !ok {
		d.Errorf(disp, 1, "missing front matter: start the file with a --- line, then title: and id:, then ---")
	} else {
		decodeFrontMatter(fm, a, disp, d)
	}
	if a.Meta.Title == "" {
		if ok {
			d.Errorf(disp, 1, "missing title")
		}
		a.Meta.Title = fallbackTitle(body, rel)
	}
	if a.Meta.ID == 0 && ok && a.metaLine["id"] == 0 {
		d.Errorf(disp, 1, "missing id: every article needs a stable numeric id (deskbook new assigns the next free one)")
	}
	if a.Meta.Kind == "" {
		a.Meta.Kind = KindArticle
	}
	if a.Meta.Kind == KindChangelog && a.Meta.Date.IsZero() && ok {
		d.Errorf(disp, 1, "changelog entry needs a date:")
	}

	dir, file := path.Split(strings.TrimSuffix(rel, ".md"))
	dir = strings.TrimSuffix(dir, "/")
	slug := file
	if file == "index" {
		dir, slug = path.Split(dir)
		dir = strings.TrimSuffix(dir, "/")
	}
	if a.Meta.Slug != "" {
		slug = a.Meta.Slug
	}
	a.URL = a.Lang + "/"
	if dir != "" {
		a.URL += dir + "/"
	}
	if slug != "" {
		a.URL += slug + "/"
	}
	return a
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// splitFrontMatter separates the YAML header from the Markdown body. It
// reports the line number where the body starts, so that diagnostics from
// the Markdown stage point at the right line of the file.
func splitFrontMatter(data []byte) (fm, body []byte, bodyLine int, ok bool) {
	first, rest, found := bytes.Cut(data, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, data, 1, false
	}
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
			end = len(rest) - off
		} else {
			l = rest[off : off+end]
		}
		if t := string(bytes.TrimRight(l, " \t\r")); t == "---" || t == "..." {
			next := min(off+end+1, len(rest))
			return rest[:off], rest[next:], line + 1, true
		}
		off += end + 1
		line++
	}
	return nil, data, 1, false
}

// fallbackTitle keeps the pipeline going on an article with no title, so
// that its other problems are reported too.
func fallbackTitle(body []byte, rel string) string {
	for l := range bytes.SplitSeq(body, []byte("\n")) {
		if t := strings.TrimSpace(strings.TrimLeft(string(l), "# ")); t != "" {
			return truncate(t, 80)
		}
	}
	return rel
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// decodeFrontMatter fills a.Meta from the YAML header, reporting every
// wrong key or type with the line it is on.
func decodeFrontMatter(fm []byte, a *Article, disp string, d *diag.Collector) {
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		line, msg := yamlErrLine(err)
		d.Errorf(disp, line+1, "front matter: %s", msg)
		return
	}
	if len(doc.Content) == 0 {
		return // "---\n---": empty header; missing title and id are reported by the caller
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		d.Errorf(disp, root.Line+1, "front matter must be key: value lines")
		return
	}
	m := &a.Meta
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		line := k.Line + 1 // the header starts on the file's second line
		bad := func(want string) {
			d.Errorf(disp, line, "%s: want %s, got %s", k.Value, want, describe(v))
		}
		if _, dup := a.metaLine[k.Value]; dup {
			d.Errorf(disp, line, "%s: key given twice", k.Value)
			continue
		}
		a.metaLine[k.Value] = line
		switch k.Value {
		case "title", "summary", "slug", "version":
			if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
				bad("text")
				continue
			}
			s := strings.TrimSpace(v.Value)
			switch k.Value {
			case "title":
				m.Title = s
			case "summary":
				m.Summary = s
			case "slug":
				if !slugRE.MatchString(s) {
					d.Errorf(disp, line, "slug %q: use lowercase letters, digits and hyphens", s)
					continue
				}
				m.Slug = s
			case "version":
				m.Version = s
			}
		case "id":
			n, err := strconv.Atoi(v.Value)
			if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || err != nil || n <= 0 {
				bad("a positive whole number")
				continue
			}
			m.ID = n
		case "kind":
			if !slices.Contains(kinds, Kind(v.Value)) || v.Kind != yaml.ScalarNode {
				d.Errorf(disp, line, "kind %q: want one of error, howto, checklist, changelog, article", v.Value)
				continue
			}
			m.Kind = Kind(v.Value)
		case "errors", "tags", "aliases":
			list, ok := stringList(v)
			if !ok {
				bad("a list of texts")
				continue
			}
			switch k.Value {
			case "errors":
				m.Errors = list
			case "tags":
				m.Tags = list
			case "aliases":
				m.Aliases = list
			}
		case "updated", "date":
			t, ok := date(v)
			if !ok {
				bad("a date like 2026-11-01")
				continue
			}
			if k.Value == "updated" {
				m.Updated = t
			} else {
				m.Date = t
			}
		case "draft":
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
				bad("true or false")
				continue
			}
			m.Draft = v.Value == "true"
		case "affects":
			ids, ok := intList(v)
			if !ok {
				bad("a list of article ids")
				continue
			}
			m.Affects = ids
		default:
			hint := ""
			if s, ok := keyHints[k.Value]; ok {
				hint = fmt.Sprintf(" (did you mean %s?)", s)
			}
			d.Warnf(disp, line, "unknown front matter key %q%s", k.Value, hint)
		}
	}
}

var slugRE = regexp.MustCompile(`^[\p{Ll}\p{Lo}0-9]+(-[\p{Ll}\p{Lo}0-9]+)*$`)

// keyHints maps keys other generators use to ours.
var keyHints = map[string]string{
	"description": "summary", "lastmod": "updated", "alias": "aliases",
	"tag": "tags", "type": "kind", "error": "errors", "name": "title",
}

func describe(v *yaml.Node) string {
	switch v.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	if v.Tag == "!!null" {
		return "nothing"
	}
	return fmt.Sprintf("%q", v.Value)
}

func stringList(v *yaml.Node) ([]string, bool) {
	if v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
		return []string{v.Value}, true
	}
	if v.Kind != yaml.SequenceNode {
		return nil, false
	}
	out := make([]string, 0, len(v.Content))
	for _, c := range v.Content {
		if c.Kind != yaml.ScalarNode {
			return nil, false
		}
		out = append(out, c.Value)
	}
	return out, true
}

func intList(v *yaml.Node) ([]int, bool) {
	if v.Kind != yaml.SequenceNode {
		return nil, false
	}
	out := make([]int, 0, len(v.Content))
	for _, c := range v.Content {
		n, err := strconv.Atoi(c.Value)
		if c.Kind != yaml.ScalarNode || err != nil || n <= 0 {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

func date(v *yaml.Node) (time.Time, bool) {
	if v.Kind != yaml.ScalarNode {
		return time.Time{}, false
	}
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, v.Value); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// line returns the file line of a front-matter key, or 1.
func (a *Article) line(key string) int {
	if l := a.metaLine[key]; l > 0 {
		return l
	}
	return 1
}

// category finds or creates the category an article belongs to: the first
// folder below the language, described by its _category.yaml.
func category(fsys fs.FS, srcName string, cats map[string]*Category, meta map[string]string, a *Article, d *diag.Collector) *Category {
	// An article directly in the language root has no category.
	name, _, ok := strings.Cut(a.rel, "/")
	if !ok {
		name = ""
	}
	key := a.Lang + "/" + name
	if c, ok := cats[key]; ok {
		c.Articles = append(c.Articles, a)
		return c
	}
	c := &Category{Lang: a.Lang, Name: name, Title: titleFromSlug(name), Order: 1000, URL: a.Lang + "/"}
	if name != "" {
		c.URL += name + "/"
	}
	if p, ok := meta[key]; ok {
		readCategoryMeta(fsys, join(srcName, p), p, c, d)
	}
	c.Articles = append(c.Articles, a)
	cats[key] = c
	return c
}

func readCategoryMeta(fsys fs.FS, disp, p string, c *Category, d *diag.Collector) {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		d.Errorf(disp, 0, "cannot read: %v", err)
		return
	}
	var m struct {
		Title       string `yaml:"title"`
		Order       *int   `yaml:"order"`
		Description string `yaml:"description"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil && !errors.Is(err, io.EOF) {
		line, msg := yamlErrLine(err)
		d.Errorf(disp, line, "%s", msg)
		return
	}
	if m.Title != "" {
		c.Title = m.Title
	}
	if m.Order != nil {
		c.Order = *m.Order
	}
	c.Description = m.Description
}

// titleFromSlug makes "contact-support" read as "Contact support" when a
// folder has no _category.yaml.
func titleFromSlug(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ReplaceAll(s, "-", " ")
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}
