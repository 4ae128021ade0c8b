package builder

import (
	"bytes"
	"cmp"
	"context"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zeebo/xxh3"

	"deskbook/internal/diag"
	"deskbook/internal/directive"
	"deskbook/internal/frontmatter"
	"deskbook/internal/header"
	"deskbook/internal/output"
	"deskbook/internal/parallel"
	"deskbook/internal/picture"
	"deskbook/internal/slug"
	"deskbook/internal/stash"

	"golang.org/x/text/unicode/norm"
)

// load reads site.yaml, every article's front matter and the list of
// assets from fsys. Articles are read and decoded in parallel.
func load(ctx context.Context, fsys fs.FS, srcName string, drafts bool, hc *stash.Stash, d *diag.Collector) *Site {
	cfg := loadSiteConfig(fsys, srcName, d)
	var src sourceSet
	err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			d.Errorf(join(srcName, p), 0, "cannot read: %v", err)
			return nil
		}
		k := classify(fsys, &cfg, srcName, p, e.Type(), d)
		if k == entrySkip && e.IsDir() {
			return fs.SkipDir
		}
		src.add(fsys, &cfg, p, k)
		return nil
	})
	if err != nil {
		d.Errorf(srcName, 0, "cannot read source folder: %v", err)
	}
	multi := len(cfg.Languages) > 1
	arts := make([]*Article, len(src.articles))
	_ = parallel.CPU(ctx, len(src.articles), func(i int) { // a cancelled build stops after this stage
		arts[i] = loadArticle(fsys, srcName, src.articles[i], multi, cfg.Languages[0].Code, hc, d)
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
// files. It looks at the path and the entry's type (and, for a folder,
// whether it is deskbook's own output), so a watcher can classify one new
// file the way a walk of the whole folder would.
func classify(fsys fs.FS, cfg *SiteConfig, srcName, p string, typ fs.FileMode, d *diag.Collector) entryKind {
	if p == "." {
		return entryNone
	}
	name := path.Base(p)
	if strings.HasPrefix(name, ".") || name == "node_modules" {
		return entrySkip
	}
	if strings.ContainsFunc(name, unicode.IsControl) {
		d.Errorf(join(srcName, p), 0, "the name %q has a control character (a line break or a tab): rename it", name)
		return entrySkip
	}
	if typ&fs.ModeSymlink != 0 {
		var ok bool
		if typ, ok = followLink(fsys, join(srcName, p), p, d); !ok {
			return entryNone
		}
	}
	if typ.IsDir() {
		return classifyDir(fsys, cfg, srcName, p, d)
	}
	if !typ.IsRegular() || p == LedgerFile {
		return entryNone // devices and pipes are no content; the ledger is read in resolve
	}
	return classifyFile(cfg, srcName, p, d)
}

// classifyDir says whether a walk looks into a folder: not into deskbook's
// own output (an output folder inside the source would otherwise be
// published inside the next site), nor, on a site of several languages,
// into a top folder that is not a language but for _images and other _
// folders, which every language shares.
func classifyDir(fsys fs.FS, cfg *SiteConfig, srcName, p string, d *diag.Collector) entryKind {
	if sub, err := fs.Sub(fsys, p); err == nil && output.LooksBuilt(sub) {
		d.Warnf(join(srcName, p), 0, "a site deskbook built; it is not read as content (build into a folder outside the content folder)")
		return entrySkip
	}
	if len(cfg.Languages) > 1 && !strings.Contains(p, "/") && !strings.HasPrefix(p, "_") && !slices.ContainsFunc(cfg.Languages, func(l Language) bool { return l.Code == p }) {
		if cfg.Brand.Holds(p) {
			return entrySkip // the brand's folder (brand/logo.svg): read by the brand, not published
		}
		d.Errorf(join(srcName, p), 0, "folder %q is not a language listed in site.yaml (%s)", p, langList(cfg.Languages))
		return entrySkip
	}
	return entryNone
}

// classifyFile says what a file is by its name and place.
func classifyFile(cfg *SiteConfig, srcName, p string, d *diag.Collector) entryKind {
	rel, name := p, path.Base(p)
	if len(cfg.Languages) > 1 {
		_, rest, ok := strings.Cut(p, "/")
		if !ok {
			if p != "site.yaml" && !cfg.Brand.Holds(p) {
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
	case strings.Count(rel, "/") == 1 && rel[0] != '_' && slices.Contains([]string{"index.md", "README.md", "_index.md"}, name):
		return entryCategory // the category's page: its introduction
	case strings.HasSuffix(name, ".md") && directive.IsFragment(p):
		return entryNone // not an article: a fragment to include (in a _ folder), or another generator's file (_index.md)
	case strings.HasSuffix(name, ".md"):
		return entryArticle
	}
	return entryAsset
}

// followLink decides what to make of a symbolic link. A link to a file
// inside the source folder is read as that file; a link that leaves the
// folder (by its target, or through a folder on the way when the source
// is an os.Root), a broken one and one to a folder are not. Either way
// the writer is told. It returns the type of what the link leads to.
func followLink(fsys fs.FS, disp, p string, d *diag.Collector) (fs.FileMode, bool) {
	target, err := fs.ReadLink(fsys, p)
	if err == nil && (path.IsAbs(target) || !fs.ValidPath(path.Join(path.Dir(p), target))) {
		d.Warnf(disp, 0, "not read: a symbolic link to %s, outside the source folder", target)
		return 0, false
	}
	var fi fs.FileInfo
	if err == nil {
		fi, err = fs.Stat(fsys, p)
	}
	switch {
	case err != nil:
		d.Warnf(disp, 0, "not read: a symbolic link to %s, which is missing or outside the source folder", target)
	case fi.IsDir():
		d.Warnf(disp, 0, "not read: a symbolic link to the folder %s; move or copy the folder here instead", target)
	default:
		d.Warnf(disp, 0, "a symbolic link to %s: read as that file", target)
		return fi.Mode().Type(), true
	}
	return 0, false
}

// sourceSet is what a walk of the source folder found, in walk order.
type sourceSet struct {
	articles []string            // Markdown paths
	catMeta  map[string][]string // "lang/folder" → its _category.yaml, then its introductions in walk order
	assets   []Asset
}

// add records one classified entry of fsys.
func (s *sourceSet) add(fsys fs.FS, cfg *SiteConfig, p string, k entryKind) {
	lang, rel := cfg.Languages[0].Code, p
	if len(cfg.Languages) > 1 {
		lang, rel, _ = strings.Cut(p, "/")
	}
	switch k {
	case entryArticle:
		s.articles = append(s.articles, p)
	case entryCategory:
		if s.catMeta == nil {
			s.catMeta = map[string][]string{}
		}
		key, at := lang+"/"+path.Dir(rel), 0 // _category.yaml first: an introduction's front matter wins
		if path.Ext(p) == ".md" {
			at = len(s.catMeta[key])
		}
		s.catMeta[key] = slices.Insert(s.catMeta[key], at, p)
	case entryAsset:
		s.assets = append(s.assets, Asset{Path: p, URL: lang + "/" + norm.NFC.String(rel), pic: picture.NewFile(fsys, p)})
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
		anchors:  map[string]string{},
		byID:     make(map[int][]*Article, len(arts)),
		drafts:   map[int][]*Article{},
		assetAt:  make(map[string]*Asset, len(src.assets)),
		fsys:     fsys,
	}
	for i := range site.Assets {
		site.assetAt[site.Assets[i].Path] = &site.Assets[i]
	}
	cats := map[string]*Category{}
	urls := make(map[string]*Article, len(arts))
	for _, a := range arts {
		if a != nil && a.Meta.Draft && !drafts {
			site.drafts[a.Meta.ID] = append(site.drafts[a.Meta.ID], a) // for check's report of translations
		}
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
		site.byPath[strings.TrimSuffix(a.Path, ".md")] = a // links without .md, as MkDocs and others allow
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
	checkCase(site, srcName, d)
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
	site.parsed = slices.Clip(site.Articles)
	for _, c := range cats {
		site.Categories = append(site.Categories, c)
		if c.Intro != nil { // links to it, or to its folder, lead to the category's page
			site.byPath[c.Intro.Path], site.byPath[path.Dir(c.Intro.Path)] = c.Intro, c.Intro
			site.parsed = append(site.parsed, c.Intro)
		}
	}
	site.byURL = urls
	return site
}

// checkCase reports URLs that differ only in the case of their letters, in
// a folder or a file name: /en/Errors/ and /en/errors/ are two folders on
// Linux but one on macOS and Windows, where one would overwrite the other
// when the site is copied there.
func checkCase(site *Site, srcName string, d *diag.Collector) {
	type holder struct{ url, src string }
	seen := map[string]holder{}
	check := func(u, src string) {
		for i := 0; i < len(u); {
			j := strings.IndexByte(u[i:], '/')
			if j < 0 {
				j = len(u) - i - 1
			}
			prefix := u[:i+j+1]
			i += j + 1
			key := strings.ToLower(prefix)
			if h, ok := seen[key]; !ok {
				seen[key] = holder{prefix, src}
			} else if h.url != prefix {
				d.Errorf(join(srcName, src), 0, "/%s differs from /%s (%s) only in the case of its letters: on macOS and Windows they are one, and one would overwrite the other; rename one", prefix, h.url, join(srcName, h.src))
				return
			}
		}
	}
	for _, a := range site.Articles {
		check(a.URL, a.Path)
	}
	for _, as := range site.Assets {
		check(as.URL, as.Path)
	}
}

func langList(ls []Language) string { return strings.Join(langCodes(ls), ", ") }

// join makes the path a writer sees in diagnostics: the source folder name
// and the path inside it.
func join(src, p string) string {
	if src == "" || src == "." {
		return p
	}
	return path.Join(src, p)
}

// loadArticle reads one Markdown file and decodes its front matter. It
// returns nil only when the file cannot be used at all.
func loadArticle(fsys fs.FS, srcName, p string, multi bool, defLang string, hc *stash.Stash, d *diag.Collector) *Article {
	disp := join(srcName, p)
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		d.Errorf(disp, 0, "cannot read: %v", err)
		return nil
	}
	if len(data) > frontmatter.MaxFile {
		d.Errorf(disp, 1, "article is %.1f MB; the limit is %d MB (split it, or move logs into an attachment)",
			float64(len(data))/(1<<20), frontmatter.MaxFile>>20)
		return nil
	}
	if line := frontmatter.BadUTF8Line(data); line > 0 {
		d.Errorf(disp, line, "not valid UTF-8 text (save the file as UTF-8)")
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if bytes.IndexByte(data, '\r') >= 0 {
		// Line ends written on Windows: a CR would reach code blocks.
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		d.Errorf(disp, 1, "empty file: an article needs front matter and a body")
		return nil
	}

	a := &Article{Path: p, Lang: defLang, rel: p, metaLine: map[string]int{}}
	a.keys[sourceKey] = xxh3.Hash128(data)
	if multi {
		a.Lang, a.rel, _ = strings.Cut(p, "/")
	}
	rel := a.rel
	fm, body, bodyLine, format, err := frontmatter.Split(data)
	a.src, a.bodyLine = body, bodyLine
	if format != frontmatter.YAML || err != nil {
		d.Errorf(disp, 1, "missing front matter: start the file with a --- line, then title: and id:, then ---")
		a.broken = true
	} else if !decodeFrontMatter(fm, a, disp, hc, d) {
		// One error for a header that does not parse; what it meant to
		// say is read from its plain lines, so nothing else complains.
		a.broken = true
		recoverHeader(fm, a)
	}
	if a.Meta.Title == "" {
		if !a.broken {
			d.Errorf(disp, 1, "missing title")
		}
		a.Meta.Title = fallbackTitle(body, rel)
	}
	if a.Meta.ID == 0 && !a.broken && a.metaLine["id"] == 0 {
		d.Errorf(disp, 1, "missing id: every article needs a stable numeric id (deskbook new assigns the next free one)")
	}
	if a.Meta.Kind == "" {
		a.Meta.Kind = KindArticle
	}
	if a.Meta.Kind == KindChangelog && a.Meta.Date.IsZero() && !a.broken {
		d.Errorf(disp, 1, "changelog entry needs a date:")
	}
	// One name has one URL however the file system spelled its letters:
	// macOS writes "é" decomposed, most others composed (NFC).
	a.URL = articleURL(a.Lang, norm.NFC.String(rel), a.Meta.Slug)
	return a
}

// articleURL is the URL of the article at rel (its path below the language
// folder): its folders and file name, without .md; a file named index.md
// is its folder's page; a slug in front matter replaces the file name.
func articleURL(lang, rel, slug string) string {
	dir, file := path.Split(strings.TrimSuffix(rel, ".md"))
	dir = strings.TrimSuffix(dir, "/")
	if file == "index" {
		dir, file = path.Split(dir)
		dir = strings.TrimSuffix(dir, "/")
	}
	if slug != "" {
		file = slug
	}
	u := lang + "/"
	if dir != "" {
		u += dir + "/"
	}
	if file != "" {
		u += file + "/"
	}
	return u
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

// decodeFrontMatter fills a.Meta from the YAML header (internal/header),
// reporting every wrong key or type with the line it is on. It reports
// false when the header does not parse at all. A header decoded by the
// last build is restored from hc (nil: none).
func decodeFrontMatter(fm []byte, a *Article, disp string, hc *stash.Stash, d *diag.Collector) bool {
	k := stash.KeyOf("header", disp, string(fm))
	if v, found := hc.Get(k); found {
		if ok, err := header.Restore(v, &a.Meta, a.metaLine, d); err == nil {
			return ok
		}
		hc.Drop(k)
	}
	hd := &diag.Collector{}
	ok := header.Decode(fm, &a.Meta, a.metaLine, disp, hd)
	hc.Put(k, header.Save(&a.Meta, a.metaLine, ok, hd.List()))
	d.Add(hd.List()...)
	return ok
}

// recoverHeader reads the title, id and kind of an article whose header
// does not parse from its plain lines, so that links to the article, its
// translations and its published URLs do not add errors of their own to
// the one that says what is wrong.
func recoverHeader(fm []byte, a *Article) { header.Recover(fm, &a.Meta) }

// line returns the file line of a front-matter key, or 1.
func (a *Article) line(key string) int {
	if l := a.metaLine[key]; l > 0 {
		return l
	}
	return 1
}

// category finds or creates the category an article belongs to: the first
// folder below the language, described by its _category.yaml.
func category(fsys fs.FS, srcName string, cats map[string]*Category, meta map[string][]string, a *Article, d *diag.Collector) *Category {
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
	c := &Category{Lang: a.Lang, Name: name, Title: slug.Title(name), Order: 1000, URL: a.Lang + "/"}
	if name != "" {
		c.URL += name + "/"
	}
	for _, p := range meta[key] { // the last to say something wins: index.md over README.md
		c.meta = p
		readCategoryMeta(fsys, join(srcName, p), p, c, d)
	}
	c.Articles = append(c.Articles, a)
	cats[key] = c
	return c
}

// readCategoryMeta reads a category's _category.yaml, or index.md (with a body).
func readCategoryMeta(fsys fs.FS, disp, p string, c *Category, d *diag.Collector) {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		d.Errorf(disp, 0, "cannot read: %v", err)
		return
	}
	report := d.Errorf
	if path.Ext(p) == ".md" {
		report = d.Warnf // other tools' keys (weight:, template:) are no reason to stop, as in articles
		fm, body, line, _, err := frontmatter.Split(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")))
		if err != nil {
			d.Errorf(disp, 1, "%v", err)
		}
		c.Intro = &Article{Path: p, Lang: c.Lang, URL: c.URL, Category: c, src: body, bodyLine: line}
		data = append([]byte("\n"), fm...) // its header starts on line 2
	}
	var m struct {
		Title       string   `yaml:"title"`
		Order       *int     `yaml:"order"`
		Description string   `yaml:"description"`
		Summary     string   `yaml:"summary"`
		Aliases     []string `yaml:"aliases"` // index.md: the category page's old URLs
	}
	_, problems := frontmatter.Decode(data, &m)
	for _, p := range problems {
		report(disp, p.Line, "%s", p.Msg)
	}
	if m.Title != "" {
		c.Title = m.Title
	}
	if m.Order != nil {
		c.Order = *m.Order
	}
	c.Description = cmp.Or(m.Description, m.Summary, c.Description)
	if c.Intro != nil {
		c.Intro.Meta.Aliases = m.Aliases
	}
}
