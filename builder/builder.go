// Package builder turns a folder of Markdown articles into a static
// knowledge-base site. A build is a few named stages, each in its own file:
//
//	load     fs.FS → Site: site.yaml, front matter, categories, assets   (load.go)
//	parse    Markdown → HTML, headings and links, in parallel            (parse.go, markdown.go, highlight.go)
//	resolve  anchors, IDs in front matter, order, prev/next, related     (resolve.go)
//	index    search index: shards, result groups, code table           (search package)
//	render   theme templates → files in memory, in parallel              (render.go)
//	write    atomic swap of the output folder, unchanged files kept      (write.go)
//
// Every stage reports problems as diag.List and the build goes on as far
// as it can, so a writer sees all errors at once. Nothing is written unless
// the content has no errors.
package builder

import (
	"bytes"
	"context"
	"deskbook/internal/diag"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"deskbook/search"
)

// Config is one build.
type Config struct {
	Source     fs.FS  // the content folder
	SourceName string // how diagnostics name the content folder, e.g. "content"
	Theme      fs.FS  // the theme: layouts/, static/, i18n/
	Out        string // the output folder; empty means check only, write nothing
	BaseURL    string // overrides site.yaml's base_url when set
	Drafts     bool   // include articles with draft: true
	Offline    bool   // links end in index.html so the site works from file://
	// Strict makes the content linter's warnings errors.
	Strict bool
	// Now is the time the linter measures staleness from; zero means the
	// clock. Output never depends on it.
	Now time.Time

	// AllowRemoved lets URLs in the ledger vanish: they are marked removed
	// instead of failing the build.
	AllowRemoved bool
	PDFs         PDFStore // the PDFs deskbook pdf printed; nil: none

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

	print *printState // for Printables
}

// StageTime is how long one stage took, for the summary and benchmarks.
type StageTime struct {
	Name     string
	Duration time.Duration
}

// Build runs the pipeline. When the content has errors it returns a
// *diag.ContentError listing all of them, and the output folder is untouched.
func Build(ctx context.Context, cfg Config) (*Result, error) {
	start := time.Now()
	res := &Result{}
	d := &diag.Collector{Strict: cfg.Strict}
	stage := func(name string, f func()) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		t := time.Now()
		f()
		res.Stages = append(res.Stages, StageTime{name, time.Since(t)})
		return nil
	}
	fail := func() (*Result, error) {
		res.Diagnostics = d.Sorted()
		res.Duration = time.Since(start)
		return res, &diag.ContentError{Diagnostics: res.Diagnostics}
	}
	if cfg.Source == nil || cfg.Theme == nil {
		return nil, errors.New("builder: Config needs Source and Theme")
	}

	var site *Site
	var ui map[string]*Strings
	if err := stage("load", func() {
		site = load(cfg.Source, cfg.SourceName, cfg.Drafts, d)
		ui = loadStrings(cfg.Theme, site.Config.Languages, d)
	}); err != nil {
		return nil, err
	}
	res.Site = site
	baseURL := site.Config.BaseURL
	if cfg.BaseURL != "" {
		baseURL = cfg.BaseURL
	}
	if err := stage("parse", func() {
		parse(site, newMarkdown(site.Config.UnsafeHTML), ui, cfg.SourceName, absBase(baseURL), cfg.Offline, d, newTicker("parse", len(site.Articles), cfg.Progress))
	}); err != nil {
		return nil, err
	}
	if err := stage("resolve", func() {
		resolve(site, cfg.SourceName, d)
		lint(site, cfg.Source, cfg.SourceName, lintNow(cfg.Now), nil, nil, d)
		old, entries := loadLedger(cfg.Source, cfg.SourceName, d)
		site.redirects, res.Ledger = applyLedger(site, entries, cfg.SourceName, cfg.AllowRemoved, d)
		res.LedgerChanged = !bytes.Equal(old, res.Ledger)
	}); err != nil {
		return nil, err
	}
	if d.HasErrors() {
		return fail()
	}

	var idx *search.Index
	var ierr error
	if err := stage("index", func() { idx, ierr = search.Build(searchDocs(site)) }); err != nil {
		return nil, err
	}
	if ierr != nil {
		return nil, fmt.Errorf("search index: %w", ierr)
	}
	var files []outFile
	var rerr error
	if err := stage("render", func() {
		r, assets, err := newRenderer(site, cfg.Theme, ui, baseURL, cfg.Offline)
		if err != nil {
			rerr = err
			return
		}
		res.print = newPrintState(site, ui, cfg.Theme, baseURL)
		pdfs := res.print.attach(r, cfg.PDFs, d)
		files = append(render(r, cfg.Source, cfg.SourceName, d, cfg.Progress), assets...)
		files = append(files, pdfs...)
		for _, f := range idx.Files {
			files = append(files, outFile{Path: f.Path, Data: f.Data})
		}
	}); err != nil {
		return nil, err
	}
	if rerr != nil {
		return nil, rerr
	}
	if d.HasErrors() {
		return fail()
	}
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".html") {
			res.Pages++
		}
	}
	res.Files = len(files)
	if cfg.Out != "" {
		var werr error
		if err := stage("write", func() { res.Write, werr = write(cfg.Out, files) }); err != nil {
			return nil, err
		}
		if werr != nil {
			return nil, fmt.Errorf("writing %s: %w", cfg.Out, werr)
		}
	}
	res.Diagnostics = d.Sorted()
	res.Duration = time.Since(start)
	return res, nil
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
	return search.Doc{Lang: a.Lang, URL: a.URL, Title: a.Meta.Title, Category: a.Category.Title,
		Kind: string(a.Meta.Kind), Summary: a.Meta.Summary, Errors: a.Meta.Errors, Sections: a.sections}
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

// parallel calls f(0) … f(n-1) on all cores. Callers write results into
// index-addressed slices, so output never depends on scheduling.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}
