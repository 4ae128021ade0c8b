// Package builder turns a folder of Markdown articles into a static
// knowledge-base site. A build is a few named stages, each in its own file:
//
//	load     fs.FS → Site: site.yaml, front matter, categories, assets   (load.go)
//	parse    Markdown → HTML, headings and links, in parallel; what     (parse.go, markdown.go, highlight.go,
//	         reads as the last build read is taken from the cache        parsecache.go)
//	index    search index: shards, result groups, code table, built    (search package, indexcache.go)
//	         in the background until the write stage needs its files
//	resolve  anchors, IDs in front matter, order, prev/next, related,    (resolve.go, translations.go)
//	         translations older than their original
//	render   the page list, each page's key (its fingerprint with what   (render.go, pages.go, graph.go, reuse.go)
//	         the whole site shares); pages are made as they are written
//	write    atomic swap of the output folder; a page whose key and     (write.go)
//	         file are unchanged is not made, an unchanged file not written
//
// Every stage reports problems as diag.List and the build goes on as far
// as it can, so a writer sees all errors at once. Nothing is written unless
// the content has no errors.
package builder

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"html/template"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"deskbook/internal/cache"
	"deskbook/internal/diag"
	"deskbook/internal/output"
	"deskbook/internal/parallel"
	"deskbook/internal/picture"
	"deskbook/internal/spill"
	"deskbook/internal/stash"
	"deskbook/search"
)

// Config is one build.
type Config struct {
	Source     fs.FS  // the content folder
	SourceName string // how diagnostics name the content folder, e.g. "content"
	Theme      fs.FS  // the theme: layouts/, static/, i18n/ (themes.Overlay lays a user's folder over the default)
	ThemeName  string // how diagnostics name the user's theme folder, e.g. "mytheme"; "" for the built-in theme
	Out        string // the output folder; empty means check only, write nothing
	// Cache is the folder the write stage keeps its state in (the stage,
	// manifests, lock); empty means cache.Dir(), the user's cache folder.
	Cache   string
	BaseURL string // overrides site.yaml's base_url when set
	Drafts  bool   // include articles with draft: true
	Offline bool   // links end in index.html so the site works from file://
	// Strict makes the content linter's warnings errors.
	Strict bool
	Links  string // "warn" or "strict": overrides site.yaml's links:
	// Now is the time the linter measures staleness from; zero means the
	// clock. Output never depends on it.
	Now time.Time

	// AllowRemoved lets URLs in the ledger vanish: they are marked removed
	// instead of failing the build.
	AllowRemoved bool
	PDFs         PDFStore // the PDFs deskbook pdf printed; nil: none

	// BeforeWrite, when set, is called once the site is made without
	// errors and before anything is written: what the caller must write
	// besides the output (the URL ledger) is readied there, so that when
	// it cannot be, the build fails and the output stays as it was.
	BeforeWrite func(*Result) error

	// Progress, when set, is told how far a long stage has got. It is
	// called from one goroutine at a time, at most every 100ms per stage.
	Progress func(stage string, done, total int)
}

// Result describes a finished build.
type Result struct {
	Site        *Site
	Diagnostics diag.List // warnings, and errors when the build failed
	Pages       int       // HTML pages rendered
	Files       int       // files in the output
	Write       WriteStats
	Stages      []StageTime
	Duration    time.Duration
	// Ledger is the URL ledger (LedgerFile) as it should be after this
	// build; LedgerChanged says it differs from the one in the source. The
	// builder never writes into the source folder: the CLI saves it.
	Ledger        []byte
	LedgerChanged bool
	NewURLs       int // URLs this build publishes that the ledger does not list yet
	PDFs          int // current PDFs from the PDF store in the site
	// Translations lists what each language lacks, for deskbook check.
	Translations TranslationReport
	// Reused says what the build took from the cache folder instead of
	// making it again (Write.Made counts the pages it made).
	Reused Reuse

	print *printState // for Printables
}

// Reuse is what a build took from the last one's cache.
type Reuse struct {
	Parsed int  // articles (and category introductions) not parsed again
	Index  bool // the search index, as no document changed
}

// StageTime is how long one stage took, for the summary and benchmarks.
type StageTime struct {
	Name     string
	Duration time.Duration
}

// Build runs the pipeline. When the content has errors it returns a
// *diag.ContentError listing all of them, and the output folder is
// untouched. A cancelled ctx stops it between two articles.
func Build(ctx context.Context, cfg Config) (*Result, error) {
	if cfg.Source == nil || cfg.Theme == nil {
		return nil, errors.New("builder: Config needs Source and Theme")
	}
	start := time.Now()
	// Work left running (the index, when a later stage fails) stops with
	// the build.
	ctx, cancel := context.WithCancel(ctx)
	b := &pipeline{ctx: ctx, cfg: cfg, d: &diag.Collector{Strict: cfg.Strict}, res: &Result{}}
	defer func() {
		cancel()
		b.background.Wait()
		for i, st := range b.res.Stages {
			if st.Name == "index" && b.indexTime > 0 {
				b.res.Stages[i].Duration = b.indexTime
			}
		}
	}()
	stages := []struct {
		name string
		run  func() error
		gate bool // content errors stop the build after this stage
	}{
		{"load", b.load, false},
		{"parse", b.parse, false},
		{"index", b.index, false},
		{"resolve", b.resolve, true},
		{"render", b.render, true},
		{"write", b.write, false},
	}
	for _, st := range stages {
		if st.name == "write" && cfg.Out == "" {
			break // check only
		}
		t := time.Now()
		err := cmp.Or(ctx.Err(), st.run(), ctx.Err())
		b.res.Stages = append(b.res.Stages, StageTime{st.name, time.Since(t)})
		made := errors.Is(err, output.ErrMake) && b.d.HasErrors() // a theme error, found while writing
		if err != nil && !made {
			return nil, err
		}
		if (st.gate || made) && b.d.HasErrors() {
			b.res.Diagnostics, b.res.Duration = b.d.Sorted(), time.Since(start)
			return b.res, &diag.ContentError{Diagnostics: b.res.Diagnostics}
		}
	}
	b.res.Diagnostics, b.res.Duration = b.d.Sorted(), time.Since(start)
	return b.res, nil
}

// pipeline is one run of the build: what each stage hands the next.
type pipeline struct {
	ctx         context.Context
	cfg         Config
	d           *diag.Collector
	res         *Result
	site        *Site
	ap          *articleParser
	ui          map[string]*Strings
	base        string                        // the site's base URL: the option's, else site.yaml's
	headers     *stash.Stash                  // front matter decoded by the last build (internal/header)
	themeHash   string                        // every file of the theme, hashed
	searchIndex func() (*search.Index, error) // the index, once built: it is built while pages are written
	indexTime   time.Duration                 // how long building it took
	files       []outFile
	// background is work a stage left running, such as saving a cache,
	// which Build waits for before it returns.
	background sync.WaitGroup
}

// load reads the source: site.yaml, front matter, categories, assets, and
// the theme's interface strings.
func (b *pipeline) load() error {
	b.headers = b.stateStash("header.stash", stash.Open) // front matter decoded before
	b.site = load(b.ctx, b.cfg.Source, b.cfg.SourceName, b.cfg.Drafts, b.headers, b.d)
	for _, a := range b.site.Articles {
		setKeys(a)
	}
	b.ui = loadTheme(&b.cfg, &b.site.Config, b.d)
	b.themeHash = hashTheme(b.cfg.Theme) // the print book's and the caches' stamps
	// Templates that do not parse are reported with the content's errors,
	// all in one run; render parses them again to use them.
	r := &siteRenderer{theme: b.cfg.Theme, themeName: b.cfg.ThemeName, tmpl: map[string]*template.Template{}}
	if ce := (*diag.ContentError)(nil); errors.As(r.parseTemplates(), &ce) {
		b.d.Add(ce.Diagnostics...)
	}
	b.res.Site = b.site
	b.base = cmp.Or(b.cfg.BaseURL, b.site.Config.BaseURL)
	b.d.LinksWarn = cmp.Or(b.cfg.Links, b.site.Config.Links) == "warn"
	return nil
}

// parse turns every article's Markdown (and category introduction) into HTML.
// An article parsed by the last build into the same output, that reads
// the same as then, is taken from the parse cache (parsecache.go).
func (b *pipeline) parse() error {
	cacheDir := cmp.Or(b.cfg.Cache, cache.Dir())
	st := stash.Open(filepath.Join(cacheDir, "highlight.stash"))
	b.ap = newArticleParser(b.site, newMarkdown(b.site.Config.UnsafeHTML, st), b.ui, b.cfg.SourceName, absBase(b.base), b.cfg.Offline)
	b.ap.themeIDs = themeIDs(b.cfg.Theme)
	pc, sp := b.openParseCache(), spill.Create(b.stateDir())
	progress := newTicker("parse", len(b.site.parsed), b.cfg.Progress)
	var hits atomic.Int64
	defer func() { b.res.Reused.Parsed = int(hits.Load()) }()
	err := parallel.CPU(b.ctx, len(b.site.parsed), func(i int) {
		defer progress.tick()
		a := b.site.parsed[i]
		if pc.get(b.site, a, b.d) {
			hits.Add(1)
			return
		}
		d := &diag.Collector{Strict: b.d.Strict, LinksWarn: b.d.LinksWarn}
		b.ap.parse(a, d)
		pc.put(b.site, a, d.List())
		// New bodies wait on disk for the pages and the print book.
		a.body, a.print = sp.Keep(a.body), sp.Keep(a.print)
		b.d.Add(d.List()...)
	})
	if err == nil {
		// Saved while the build goes on; a stash that cannot be saved
		// costs the next build time, nothing else.
		b.background.Go(func() {
			_, _ = st.Save(), b.headers.Save()
			if pc != nil {
				_ = pc.st.Save()
			}
		})
	}
	return err
}

// resolve checks what needs every article parsed (anchors, IDs), orders
// the site, lints it, checks its translations and applies the URL ledger.
func (b *pipeline) resolve() error {
	redo := checkLinks(b.site, b.cfg.SourceName, b.d) // links by other tools' anchors, written again with ours
	if err := cmp.Or(parallel.CPU(b.ctx, len(redo), func(i int) { b.ap.parse(redo[i], b.d) }), arrange(b.ctx, b.site, b.cfg.SourceName, b.d)); err != nil {
		return err
	}
	lint(b.site, b.cfg.SourceName, lintNow(b.cfg.Now), nil, b.d)
	checkTranslations(b.site, b.cfg.SourceName, b.d)
	b.res.Translations = translationReport(b.site)
	old, entries := loadLedger(b.cfg.Source, b.cfg.SourceName, b.d)
	b.site.redirects, b.res.Ledger, b.res.NewURLs = applyLedger(b.site, entries, b.cfg.SourceName, b.cfg.AllowRemoved, b.d)
	b.res.LedgerChanged = !bytes.Equal(old, b.res.Ledger)
	return nil
}

// index starts building the search index, or taking it from the index
// cache when no document changed. It needs only what parsing found, and
// no page waits for it (pages load it by names that do not change), so it
// is built while the later stages run and the pages are written, and is
// written last; the stage's time is the index's own.
func (b *pipeline) index() error {
	if b.cfg.Out == "" {
		return nil // a check writes no index
	}
	ic := b.openIndexCache()
	docs := searchDocs(b.site)
	var idx *search.Index
	var err error
	done := make(chan struct{})
	b.background.Go(func() {
		t := time.Now()
		idx, b.res.Reused.Index, err = ic.build(b.ctx, docs)
		b.indexTime = time.Since(t)
		close(done)
		ic.save()
	})
	if b.res.Reused.Parsed == 0 {
		<-done // a cold build makes every page: its peak memory would add the index's
	}
	b.searchIndex = func() (*search.Index, error) {
		<-done
		return idx, err
	}
	return nil
}

// render lists every page with its key, the theme's assets and the
// current PDFs; the pages are made as they are written.
func (b *pipeline) render() error {
	r, assets, err := newRenderer(b.site, b.cfg.Theme, b.cfg.ThemeName, b.ui, b.base, b.cfg.Offline)
	if err != nil {
		return err
	}
	r.pictures = picture.NewStore(cache.Pictures(cmp.Or(b.cfg.Cache, cache.Dir())))
	b.res.print = newPrintState(b.site, b.ui, b.cfg.Theme, b.themeHash, b.base)
	pdfs := b.res.print.attach(r, b.cfg.PDFs, b.d)
	b.res.PDFs = len(pdfs)
	jobs := pages(r, b.cfg.Source, b.cfg.SourceName, b.d)
	keys, err := pageKeys(b.ctx, b.site, jobs, b.siteStamp(r))
	if err != nil {
		return err
	}
	pages := render(b.ctx, r, jobs, keys, b.d, b.cfg.Progress)
	if b.cfg.Out == "" {
		// A check writes nothing, but a theme's errors are the check's to find.
		if err := parallel.CPU(b.ctx, len(pages), func(i int) { pages[i].Make() }); err != nil {
			return err
		}
	}
	b.files = slices.Concat(pages, assets, pdfs)
	for _, f := range b.files {
		if strings.HasSuffix(f.Path, ".html") {
			b.res.Pages++
		}
	}
	b.res.Files = len(b.files)
	return nil
}

// searchDocs turns the articles into the search index's input.
func searchDocs(site *Site) []search.Doc {
	docs := make([]search.Doc, len(site.Articles))
	for i, a := range site.Articles {
		docs[i] = searchDoc(a)
		a.sections = nil // the index has them now
	}
	return docs
}

// searchDoc is what the search index takes of one article.
func searchDoc(a *Article) search.Doc {
	return search.Doc{Lang: a.Lang, URL: escapePath(a.URL), Title: a.Meta.Title, Category: a.Category.Title,
		Kind: string(a.Meta.Kind), Summary: a.Meta.Summary, Errors: a.Meta.Errors, Tags: a.Meta.Tags, Sections: a.sections}
}

// ticker reports a stage's progress without flooding the callback.
type ticker struct {
	mu    sync.Mutex
	stage string
	total int
	done  int
	last  time.Time
	f     func(string, int, int)
}

func newTicker(stage string, total int, f func(string, int, int)) *ticker {
	return &ticker{stage: stage, total: total, f: f, last: time.Now()}
}

// tick counts one item done.
func (t *ticker) tick() {
	if t == nil || t.f == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.done++
	if now := time.Now(); now.Sub(t.last) >= 100*time.Millisecond || t.done == t.total {
		t.last = now
		t.f(t.stage, t.done, t.total)
	}
}
