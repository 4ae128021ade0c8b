package builder

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"deskbook/internal/cache"
	"deskbook/internal/diag"
	"deskbook/internal/ledger"
	"deskbook/internal/parallel"
	"deskbook/internal/picture"
	"deskbook/internal/served"

	"github.com/yuin/goldmark"
	"golang.org/x/text/collate"
)

// Live is a site kept up to date by incremental rebuilds: the engine
// behind deskbook serve (internal/preview). It keeps what every stage
// learnt about every source file, and after a change does again only what
// the change reaches:
//
//   - changed files are loaded again; an article whose parse looked up a
//     name that now finds something else (graph.go: lookup) is parsed
//     again;
//   - when no article came or went and no changed article moved, was
//     renamed or retagged (structKey), the site's structure stands: the
//     changed articles are parsed into their places, and only links to
//     headings are checked again; otherwise the site is assembled and
//     arranged again from the loaded articles (cheap: no file is read);
//   - every page's fingerprint is worked out again (graph.go) and only
//     pages whose fingerprint changed are rendered;
//   - the search index is built again apart (Indexer), so pages never wait
//     for it (they load it by stable names).
//
// site.yaml, the theme and the options are shared by every page: changing
// them rebuilds everything. A rebuild with content errors changes nothing
// in the output; the next good one brings it up to date. The output is
// byte for byte what Build makes from the same source
// (TestIncrementalEqualsFull).
type Live struct {
	cfg   Config
	store *served.Files

	// What the whole site shares; a change to any of it rebuilds everything.
	conf     SiteConfig
	confDiag []diag.Diagnostic
	ui       map[string]*Strings
	uiDiag   []diag.Diagnostic
	md       goldmark.Markdown
	themeIDs map[string]bool // the theme's own ids, which headings may not take
	cols     map[string]*collate.Collator
	r        *siteRenderer
	assets   []outFile // the theme's hashed files

	// The source folder: every entry a walk would visit, by path, and their
	// paths in walk order.
	entries map[string]*entry
	order   []string

	ledger     []ledger.Entry // the URL ledger, read with what the site shares
	lints      lintCache      // each article's own lint findings
	site       *Site
	structDiag []diag.Diagnostic // from assembling and arranging site
	rev        uint64            // the last revision handed out

	// The last good output: page fingerprints by output path, and the page
	// list that made it (nil once the structure changed).
	fps      map[string]stamp
	jobs     []pageJob
	jobDiags []diag.Diagnostic // from listing the pages
	jobFPs   []stamp           // by job
	shared   []langShare       // what every page may show of the site: languages with a print book or feeds
	pending  map[string]bool   // late pages (by output path) to make in finish
}

// entry is one file or folder of the source.
type entry struct {
	dir   bool
	kind  entryKind
	diags []diag.Diagnostic // from classify
	rev   uint64            // assets: changes with the file
	pic   *picture.File     // assets: what the file is as an image

	// Articles: as loaded (nil when the file cannot be used), and as parsed
	// into the current site.
	loaded *Article
	ldiags []diag.Diagnostic
	art    *Article
	pdiags []diag.Diagnostic
}

// LiveResult is what one rebuild did.
type LiveResult struct {
	Diagnostics diag.List
	Err         error    // content errors (*diag.ContentError) or a failure; the output is unchanged
	Changed     []string // output files written or removed, sorted
	Rendered    int      // pages rendered
	Full        bool     // everything was rebuilt
	Duration    time.Duration
}

// NewLive makes the engine; its first Update builds everything. The output
// is kept in memory (File), never written to a folder.
func NewLive(cfg Config) *Live {
	return &Live{cfg: cfg, store: served.New(), lints: lintCache{seed: maphash.MakeSeed()}}
}

// File returns a file of the output by its slash path.
func (e *Live) File(p string) ([]byte, bool) { return e.store.Get(p) }

// Assets maps the theme's static files to their hashed names in the
// output, e.g. "style.css" to "assets/style.0123456789.css".
func (e *Live) Assets() map[string]string { return maps.Clone(e.r.assets) }

// Change is what a watcher saw change.
type Change struct {
	Paths []string // source-relative paths (files or folders) that may have changed
	Theme bool     // something in the theme changed
	All   bool     // start over: read everything again
}

// Update applies a change and rebuilds what it reaches, late pages
// included.
func (e *Live) Update(ctx context.Context, ch Change) LiveResult {
	res := e.Rebuild(ctx, ch)
	if res.Err == nil {
		late := e.Finish(ctx)
		res.Changed = slices.Concat(res.Changed, late.Changed)
		slices.Sort(res.Changed)
		res.Changed = slices.Compact(res.Changed)
		res.Rendered += late.Rendered
	}
	return res
}

// Rebuild is Update without the late pages (pageJob.late): serve tells
// browsers to reload, then calls Finish.
func (e *Live) Rebuild(ctx context.Context, ch Change) LiveResult {
	start := time.Now()
	res := e.rebuild(ctx, ch)
	res.Duration = time.Since(start)
	return res
}

// Finish makes the late pages the last good rebuild left to do. When ctx
// is cancelled (serve: by a newer edit) they stay to do, and nothing of
// them is put into the output.
func (e *Live) Finish(ctx context.Context) LiveResult {
	start := time.Now()
	var todo []pageJob
	for _, j := range e.jobs {
		if e.pending[j.out] {
			todo = append(todo, j)
		}
	}
	made := make([]outFile, len(todo))
	errs := make([]error, len(todo))
	var res LiveResult
	if err := parallel.CPU(ctx, len(todo), func(k int) { made[k], errs[k] = todo[k].make(ctx) }); err != nil {
		res.Err = err
		return res
	}
	clear(e.pending)
	put := make(map[string][]byte, len(made))
	for k, f := range made {
		if errs[k] != nil {
			// The same template made the other pages without an error, so
			// this is the print layout's own; the overlay shows it.
			res.Err = &diag.ContentError{Diagnostics: diag.List{e.r.templateDiag(errs[k])}}
			continue
		}
		put[f.Path] = f.Data
	}
	res.Changed = e.store.Apply(put, nil, false)
	res.Rendered = len(put)
	res.Duration = time.Since(start)
	return res
}

// rebuild is Rebuild's work, as a few named steps. A rebuild that ctx
// cancels leaves the engine to start over at the next one.
func (e *Live) rebuild(ctx context.Context, ch Change) LiveResult {
	full, err := e.isFull(ch)
	if err != nil {
		return LiveResult{Err: err, Full: true}
	}
	reload, structural, err := e.reach(ch, full)
	if err != nil {
		return LiveResult{Err: err, Full: true}
	}
	if ctx.Err() == nil {
		structural, err = e.reparse(ctx, reload, structural)
	}
	if err := cmp.Or(err, ctx.Err()); err != nil {
		e.site = nil // half-done: the next rebuild is a full one
		return LiveResult{Err: err}
	}
	linkDiags := e.check()
	res := LiveResult{Full: full || e.fps == nil}
	if e.anyErrors(linkDiags) {
		return e.failed(res, e.diagnostics(linkDiags))
	}
	res, err = e.renderPages(ctx, res, structural, linkDiags)
	if err != nil {
		e.site = nil
		return LiveResult{Err: err}
	}
	return res
}

// isFull says whether a change reaches everything. A theme change whose
// interface strings stand only makes a new renderer and every page again;
// the parsed articles stay.
func (e *Live) isFull(ch Change) (bool, error) {
	full := ch.All || e.site == nil || slices.Contains(ch.Paths, "site.yaml") || slices.Contains(ch.Paths, LedgerFile) ||
		slices.ContainsFunc(ch.Paths, e.conf.Brand.Holds) // the brand's images are read with site.yaml
	if !ch.Theme || full {
		return full, nil
	}
	ui, uiDiag := e.loadUI()
	if !reflect.DeepEqual(ui, e.ui) || !maps.Equal(themeIDs(e.cfg.Theme), e.themeIDs) {
		return true, nil // interface strings and the theme's ids reach into parsed articles (heading links and anchors)
	}
	if err := e.newRenderer(); err != nil {
		return true, err
	}
	e.uiDiag = uiDiag
	e.fps, e.jobs = nil, nil // every page links to the theme
	return false, nil
}

// reach finds the articles a change makes to be loaded again: every one
// when full (the source is walked afresh), else those at the changed
// paths. structural says articles, assets or categories came or went.
func (e *Live) reach(ch Change, full bool) (reload []string, structural bool, err error) {
	if !full {
		reload, moved := e.applyPaths(ch.Paths)
		return reload, moved, nil
	}
	if err := e.reset(); err != nil {
		return nil, true, err
	}
	for _, p := range e.order {
		if e.entries[p].kind == entryArticle {
			reload = append(reload, p)
		}
	}
	return reload, true, nil
}

// reparse loads the changed articles again and parses what they reach:
// into their places while the structure stands, else in a site assembled
// and arranged again. It reports whether the structure changed.
func (e *Live) reparse(ctx context.Context, reload []string, structural bool) (bool, error) {
	structural, reorder, err := e.load(ctx, reload, structural)
	if err != nil {
		return structural, err
	}
	var fresh []*Article // to parse: new objects for changed articles
	if structural {
		// The page list goes with the old structure, even if this rebuild
		// fails and the next one finds the structure standing.
		e.jobs = nil
		fresh = e.assemble(reload)
	} else {
		fresh = e.replace(reload)
		if reorder {
			e.reorder(fresh)
		}
	}
	if err := e.parse(ctx, fresh); err != nil || !structural {
		return structural, err
	}
	for _, a := range e.site.Articles {
		for i, l := range a.links {
			if l.target != nil {
				if t := e.site.byPath[l.target.Path]; t != nil {
					a.links[i].target = t
				}
			}
		}
	}
	d := &diag.Collector{}
	err = arrange(ctx, e.site, e.cfg.SourceName, d)
	e.structDiag = append(e.structDiag, d.List()...)
	return true, err
}

// load reads the articles at the given paths again, in parallel, and says
// whether the site's structure, or only an order, changed with them.
func (e *Live) load(ctx context.Context, paths []string, structural bool) (bool, bool, error) {
	multi := len(e.conf.Languages) > 1
	loaded := make([]*Article, len(paths))
	ldiags := make([]diag.List, len(paths))
	if err := parallel.CPU(ctx, len(paths), func(i int) {
		d := &diag.Collector{}
		loaded[i] = loadArticle(e.cfg.Source, e.cfg.SourceName, paths[i], multi, e.conf.Languages[0].Code, nil, d)
		ldiags[i] = d.List()
	}); err != nil {
		return structural, false, err
	}
	reorder := false
	for i, p := range paths {
		en := e.entries[p]
		if !structural && (en.loaded == nil || loaded[i] == nil || e.structKey(en.loaded) != e.structKey(loaded[i])) {
			structural = true
		}
		if !structural && e.orderKey(en.loaded) != e.orderKey(loaded[i]) {
			reorder = true
		}
		en.loaded, en.ldiags = loaded[i], ldiags[i]
	}
	return structural, reorder, nil
}

// check works out what needs every article: links to headings, IDs in
// front matter, the linter, translations older than their original, and
// the redirects of the URL ledger (serve applies the ledger but never
// writes it).
func (e *Live) check() diag.List {
	d := &diag.Collector{Strict: e.cfg.Strict, LinksWarn: cmp.Or(e.cfg.Links, e.conf.Links) == "warn"}
	// Links by other tools' anchors, written again with ours: few, and done whole.
	_ = e.parse(context.Background(), checkLinks(e.site, e.cfg.SourceName, d))
	lint(e.site, e.cfg.SourceName, lintNow(e.cfg.Now), &e.lints, d)
	checkTranslations(e.site, e.cfg.SourceName, d)
	e.site.redirects = nil
	if len(e.ledger) > 0 {
		e.site.redirects, _, _ = ledgerRedirects(e.site, e.ledger, e.cfg.SourceName, e.cfg.AllowRemoved, d)
	}
	return d.List()
}

// renderPages makes the pages whose fingerprint changed and puts them
// into the output, unless they fail; the late ones wait for Finish.
func (e *Live) renderPages(ctx context.Context, res LiveResult, structural bool, linkDiags diag.List) (LiveResult, error) {
	jobs, jobDiags, reuse := e.pageList(structural)
	fps, dirty, err := e.fingerprints(ctx, jobs, reuse)
	if err != nil {
		return res, err
	}
	var todo, late []int
	for i, j := range jobs {
		switch {
		case dirty[i] && j.late:
			late = append(late, i)
		case dirty[i]:
			todo = append(todo, i)
		}
	}
	made := make([]outFile, len(todo))
	md := &diag.Collector{}
	if err := parallel.CPU(ctx, len(todo), func(k int) {
		f, err := jobs[todo[k]].make(ctx)
		if err != nil {
			md.Add(e.r.templateDiag(err))
		}
		made[k] = f
	}); err != nil {
		return res, err
	}
	ds := e.diagnostics(linkDiags, jobDiags, md.List())
	if ds.HasErrors() {
		return e.failed(res, ds), nil
	}
	res.Diagnostics = ds
	res.Changed = e.commit(jobs, fps, todo, late, made, reuse)
	res.Rendered = len(made)
	e.jobs, e.jobDiags, e.jobFPs = jobs, jobDiags, fps
	return res, nil
}

// pageList is the list of pages: the last one while the structure stands
// (reuse), which spares making a View for every page; else made again.
func (e *Live) pageList(structural bool) (jobs []pageJob, diags diag.List, reuse bool) {
	if structural {
		e.jobs = nil
	}
	e.r.setBooks(e.site, e.ui)
	if e.jobs != nil {
		return e.jobs, e.jobDiags, true
	}
	d := &diag.Collector{}
	e.r.setSite(e.site)
	jobs = pages(e.r, e.cfg.Source, e.cfg.SourceName, d)
	// Every page links to its language's print book and feeds when there
	// are any; when that changes, every page is made again.
	if sh := sharedFacts(e.site, e.r); !slices.Equal(sh, e.shared) {
		e.shared, e.fps = sh, nil
	}
	return jobs, d.List(), false
}

// fingerprints works out every page's fingerprint, and which pages
// changed since they were last made.
func (e *Live) fingerprints(ctx context.Context, jobs []pageJob, reuse bool) ([]stamp, []bool, error) {
	fps, err := stamps(ctx, e.site, jobs, stamp{})
	dirty := make([]bool, len(jobs))
	for i, j := range jobs {
		var old stamp
		ok := false
		if j.deps != nil && reuse {
			old, ok = e.jobFPs[i], true
		} else if j.deps != nil {
			old, ok = e.fps[j.out]
		}
		dirty[i] = !ok || old != fps[i]
	}
	return fps, dirty, err
}

// commit puts the new pages into the output (with the theme's files on a
// full rebuild), removes the pages that are gone, and remembers the late
// pages for Finish. It returns the paths whose bytes changed.
func (e *Live) commit(jobs []pageJob, fps []stamp, todo, late []int, made []outFile, reuse bool) []string {
	put := make(map[string][]byte, len(made))
	for _, f := range made {
		put[f.Path] = f.Data
	}
	var del []string
	if e.fps == nil {
		// Everything was made again: whatever the last output had beyond
		// these pages, the index and the theme's files is gone.
		for _, f := range e.assets {
			put[f.Path] = f.Data
		}
		keep := make(map[string]bool, len(late)) // late pages stay until Finish makes them again
		for _, i := range late {
			keep[jobs[i].out] = true
		}
		del = e.store.Paths(func(p string) bool {
			_, ok := put[p]
			return !ok && !keep[p] && !strings.HasPrefix(p, "search/")
		})
	}
	if e.fps == nil || !reuse {
		next := make(map[string]stamp, len(jobs))
		for i, j := range jobs {
			next[j.out] = fps[i]
		}
		for out := range e.fps {
			if _, ok := next[out]; !ok {
				del = append(del, out)
			}
		}
		e.fps = next
	} else {
		for _, i := range slices.Concat(todo, late) {
			e.fps[jobs[i].out] = fps[i]
		}
	}
	if e.pending == nil {
		e.pending = map[string]bool{}
	}
	for _, i := range late {
		e.pending[jobs[i].out] = true
	}
	return e.store.Apply(put, del, false)
}

// failed reports a rebuild that found errors: the output stays as it was.
func (e *Live) failed(res LiveResult, ds diag.List) LiveResult {
	res.Diagnostics = ds
	res.Err = &diag.ContentError{Diagnostics: ds}
	return res
}

// reset reads what the whole site shares and walks the source folder anew.
func (e *Live) reset() error {
	if _, err := fs.Stat(e.cfg.Source, "."); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot read the source folder %s: %w", e.cfg.SourceName, err)
	}
	d := &diag.Collector{}
	e.conf = loadSiteConfig(e.cfg.Source, e.cfg.SourceName, d)
	e.confDiag = d.List()
	e.ui, e.uiDiag = e.loadUI()
	e.md = newMarkdown(e.conf.UnsafeHTML, nil)
	e.themeIDs = themeIDs(e.cfg.Theme)
	ld := &diag.Collector{}
	_, e.ledger = loadLedger(e.cfg.Source, e.cfg.SourceName, ld)
	e.confDiag = append(e.confDiag, ld.List()...)
	e.cols = nil
	e.site = nil
	e.entries = map[string]*entry{}
	e.order = nil
	e.fps, e.jobs = nil, nil
	if err := e.newRenderer(); err != nil {
		return err
	}
	e.walk(".")
	return nil
}

func (e *Live) loadUI() (map[string]*Strings, []diag.Diagnostic) {
	d := &diag.Collector{}
	ui := loadTheme(&e.cfg, &e.conf, d)
	return ui, d.List()
}

// baseURL is the site's base URL: the option's, else site.yaml's.
func (e *Live) baseURL() string { return cmp.Or(e.cfg.BaseURL, e.conf.BaseURL) }

// newRenderer parses the theme's templates and hashes its files again.
func (e *Live) newRenderer() error {
	baseURL := e.baseURL()
	site := e.site
	if site == nil {
		site = &Site{Config: e.conf}
	}
	r, assets, err := newRenderer(site, e.cfg.Theme, e.cfg.ThemeName, e.ui, baseURL, e.cfg.Offline)
	if err != nil {
		return err
	}
	r.pictures = picture.NewStore(cache.Pictures(cmp.Or(e.cfg.Cache, cache.Dir())))
	e.r, e.assets = r, assets
	return nil
}

// parse parses articles in parallel (each gets a new revision), keeping each one's diagnostics.
func (e *Live) parse(ctx context.Context, arts []*Article) error {
	base := e.rev
	e.rev += uint64(len(arts))
	out := make([]diag.List, len(arts))
	p := newArticleParser(e.site, e.md, e.ui, e.cfg.SourceName, absBase(e.baseURL()), e.cfg.Offline)
	p.themeIDs = e.themeIDs
	if err := parallel.CPU(ctx, len(arts), func(i int) {
		arts[i].rev = base + uint64(i) + 1
		d := &diag.Collector{LinksWarn: cmp.Or(e.cfg.Links, e.conf.Links) == "warn"}
		p.parse(arts[i], d)
		out[i] = d.List()
	}); err != nil {
		return err
	}
	for i, a := range arts {
		e.entries[a.Path].pdiags = out[i]
	}
	return nil
}

// anyErrors reports whether diagnostics would list an error, without
// gathering and sorting thousands of warnings.
func (e *Live) anyErrors(more []diag.Diagnostic) bool {
	isErr := func(d diag.Diagnostic) bool { return d.Severity == diag.Error }
	if slices.ContainsFunc(e.confDiag, isErr) || slices.ContainsFunc(e.uiDiag, isErr) ||
		slices.ContainsFunc(e.structDiag, isErr) || slices.ContainsFunc(more, isErr) {
		return true
	}
	for _, p := range e.order {
		en := e.entries[p]
		if slices.ContainsFunc(en.diags, isErr) || slices.ContainsFunc(en.ldiags, isErr) {
			return true
		}
	}
	for _, a := range e.site.parsed {
		if slices.ContainsFunc(e.entries[a.Path].pdiags, isErr) {
			return true
		}
	}
	return false
}

// diagnostics gathers every stage's diagnostics of the current source.
func (e *Live) diagnostics(more ...diag.List) diag.List {
	d := &diag.Collector{}
	d.Add(e.confDiag...)
	d.Add(e.uiDiag...)
	for _, p := range e.order {
		en := e.entries[p]
		d.Add(en.diags...)
		d.Add(en.ldiags...)
	}
	for _, a := range e.site.parsed {
		d.Add(e.entries[a.Path].pdiags...)
	}
	d.Add(e.structDiag...)
	for _, m := range more {
		d.Add(m...)
	}
	return d.Sorted()
}
