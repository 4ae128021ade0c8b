package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

// Two engines run on the same pages of the same site: deskbook through its
// own search box (the client every page loads), Pagefind through its JS
// API (pagefind.js: search(), then data() of the results), imported by the
// harness into the same page.

// firstQuery is what one cold first query cost.
type firstQuery struct {
	Query     string
	Lang      string
	Bytes     int // search bytes on the wire: client and bootstrap (deskbook) and everything the query fetched
	Requests  int
	Waves     int
	Millis    float64 // from focus (deskbook) or the first call (Pagefind) to the first result on screen
	First     string  // the first result's path
	ClientB   int     // of Bytes: deskbook's client script and bootstrap, loaded with the page
	BootBytes int     // of ClientB: the inline bootstrap (gzip size), when inline
	Hits      []hit
}

// The network of a first query: a slow mobile connection, emulated by the
// server for every request (pages and workers alike).
const (
	slowLatency = 300 * time.Millisecond
	slowBits    = 1.6e6
)

// firstResultJS resolves with performance.now() when #search-results
// first has a result.
const firstResultJS = `() => { window.__first = new Promise(res => {
	const l = document.getElementById("search-results");
	const ok = () => l.querySelector("li.search-result");
	if (ok()) return res(performance.now());
	new MutationObserver((m, o) => { if (ok()) { o.disconnect(); res(performance.now()); } }).observe(l, {childList: true, subtree: true});
}); window.__t0 = performance.now(); }`

// freshPage opens the language's home page in a new browser context
// (empty cache) over the slow network.
func freshPage(b *rod.Browser, srv *server, lang string) (*rod.Page, func(), error) {
	ctx, err := b.Incognito()
	if err != nil {
		return nil, nil, err
	}
	p, err := ctx.Page(proto.TargetCreateTarget{})
	if err != nil {
		ctx.Close()
		return nil, nil, err
	}
	closeAll := func() { p.Close(); ctx.Close() }
	p = p.Timeout(2 * time.Minute)
	if err := p.Navigate(srv.URL + "/" + lang + "/"); err == nil {
		err = p.WaitLoad()
	}
	if err != nil {
		closeAll()
		return nil, nil, err
	}
	return p, closeAll, nil
}

// deskbookFirstQuery opens the language's home page in a fresh browser
// context over a slow network, focuses the search box, types q at once
// and waits for the first result.
func deskbookFirstQuery(b *rod.Browser, srv *server, lang, q string) (firstQuery, error) {
	fq := firstQuery{Query: q, Lang: lang}
	srv.slow(slowLatency, slowBits)
	defer srv.slow(0, 0)
	load := srv.mark()
	p, done, err := freshPage(b, srv, lang)
	if err != nil {
		return fq, err
	}
	defer done()
	if _, err := p.Eval(`() => new Promise(r => { const t = () => window.deskbookSearch ? r() : setTimeout(t, 10); t(); })`); err != nil {
		return fq, err
	}
	// The client and a bootstrap in a file are loaded with the page:
	// count them (every request whose path names search).
	for _, h := range srv.since(load) {
		if strings.Contains(h.Path, "search") {
			fq.ClientB += h.Bytes
		}
	}
	boot, err := p.Eval(`() => { const e = document.getElementById("search-boot"); return e && !e.src ? e.textContent : ""; }`)
	if err != nil {
		return fq, err
	}
	if s := boot.Value.Str(); s != "" {
		fq.BootBytes = len(gzipBytes([]byte(s)))
		fq.ClientB += fq.BootBytes
	}
	mark := srv.mark()
	if _, err := p.Eval(firstResultJS); err != nil {
		return fq, err
	}
	if err := typeQuery(p, q); err != nil {
		return fq, err
	}
	res, err := p.Eval(`() => window.__first.then(t => JSON.stringify({ms: t - window.__t0,
		first: (document.querySelector("#search-results li.search-result a") || {}).href || ""}))`)
	if err != nil {
		return fq, err
	}
	var out struct {
		MS    float64
		First string
	}
	if err := json.Unmarshal([]byte(res.Value.Str()), &out); err != nil {
		return fq, err
	}
	fq.Millis, fq.First = out.MS, sitePath(out.First)
	fq.count(srv.since(mark), "/search/")
	fq.Bytes += fq.ClientB
	return fq, nil
}

// count adds the requests of the search engine (paths containing dir):
// the page's own late requests, such as its favicon, are neither its
// bytes nor its round trips.
func (fq *firstQuery) count(all []hit, dir string) {
	var hs []hit
	for _, h := range all {
		if strings.Contains(h.Path, dir) {
			hs = append(hs, h)
		}
	}
	fq.Requests, fq.Waves, fq.Hits = len(hs), hitWaves(hs), hs
	for _, h := range hs {
		fq.Bytes += h.Bytes
	}
}

// pagefindJS is the Pagefind side: import pagefind.js, search, fetch the
// data of the first result (or of the first n for relevance) and show the
// first one in the page, as a search UI would.
const pagefindJS = `async (q, n, show) => {
	const t0 = performance.now();
	const pf = window.__pf || (window.__pf = await import("/pagefind/pagefind.js"));
	const input = document.createElement("input");
	input.type = "search"; input.value = q; q = input.value; // what a search box holds after a paste
	const r = await pf.search(q);
	const data = await Promise.all(r.results.slice(0, n).map(x => x.data()));
	if (show && data.length) {
		const li = document.createElement("li");
		li.className = "pagefind-result";
		const a = document.createElement("a");
		a.href = data[0].url; a.textContent = data[0].meta.title;
		const p = document.createElement("p");
		p.innerHTML = data[0].excerpt;
		li.append(a, p);
		document.body.prepend(li);
	}
	return JSON.stringify({ms: performance.now() - t0, urls: data.map(d => d.url)});
}`

// pagefindFirstQuery measures Pagefind the same way: a fresh context,
// the language's home page, then the query through its API.
func pagefindFirstQuery(b *rod.Browser, srv *server, lang, q string) (firstQuery, error) {
	fq := firstQuery{Query: q, Lang: lang}
	srv.slow(slowLatency, slowBits)
	defer srv.slow(0, 0)
	p, done, err := freshPage(b, srv, lang)
	if err != nil {
		return fq, err
	}
	defer done()
	time.Sleep(500 * time.Millisecond) // the deskbook client on the page settles; its requests are not counted
	mark := srv.mark()
	res, err := p.Eval(pagefindJS, typed(q), 1, true)
	if err != nil {
		return fq, err
	}
	var out struct {
		MS   float64
		URLs []string
	}
	if err := json.Unmarshal([]byte(res.Value.Str()), &out); err != nil {
		return fq, err
	}
	fq.Millis = out.MS
	if len(out.URLs) > 0 {
		fq.First = sitePath(out.URLs[0])
	}
	fq.count(srv.since(mark), "/pagefind/")
	return fq, nil
}

// typeQuery focuses deskbook's search box and types q into it at once,
// as a paste does.
func typeQuery(p *rod.Page, q string) error {
	el, err := p.Element("#search-q")
	if err != nil {
		return err
	}
	if err := el.Focus(); err != nil {
		return err
	}
	return p.InsertText(typed(q))
}

// typed is q as a one-line search box holds it after a paste: line
// breaks become spaces (as Firefox does; browsers differ, so both
// engines get the same text).
func typed(q string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(q)
}

// ranker runs relevance queries in one page per language and returns the
// result paths in order (at most 10).
type ranker interface {
	results(lang, q string) ([]string, error)
	close()
}

type deskbookRanker struct {
	b     *rod.Browser
	base  string
	pages map[string]*rod.Page
}

func newDeskbookRanker(b *rod.Browser, base string) *deskbookRanker {
	return &deskbookRanker{b: b, base: base, pages: map[string]*rod.Page{}}
}

func (d *deskbookRanker) page(lang string) (*rod.Page, error) {
	if p := d.pages[lang]; p != nil {
		// A tab in the background gets its timers throttled (the client
		// debounces typing with one): bring it to the front.
		_, err := p.Activate()
		return p, err
	}
	p, err := d.b.Page(proto.TargetCreateTarget{URL: d.base + "/" + lang + "/"})
	if err != nil {
		return nil, err
	}
	p = p.Timeout(5 * time.Minute)
	if err := p.WaitLoad(); err != nil {
		return nil, err
	}
	if _, err := p.Eval(`() => new Promise(r => { const t = () => window.deskbookSearch ? r() : setTimeout(t, 10); t(); })`); err != nil {
		return nil, err
	}
	d.pages[lang] = p
	return p, nil
}

func (d *deskbookRanker) results(lang, q string) ([]string, error) {
	p, err := d.page(lang)
	if err != nil {
		return nil, err
	}
	if _, err := p.Eval(`() => { const i = document.getElementById("search-q"); i.value = ""; i.dispatchEvent(new Event("input"));
		document.getElementById("search-results").setAttribute("data-query", "x-none"); }`); err != nil {
		return nil, err
	}
	if err := typeQuery(p, q); err != nil {
		return nil, err
	}
	res, err := p.Timeout(20 * time.Second).Eval(`() => new Promise(res => {
		const i = document.getElementById("search-q"), l = document.getElementById("search-results");
		const done = () => l.getAttribute("data-query") === i.value;
		const out = () => JSON.stringify(Array.from(l.querySelectorAll("li.search-result a.search-link")).slice(0, 10).map(a => a.href));
		if (done()) return res(out());
		new MutationObserver((m, o) => { if (done()) { o.disconnect(); res(out()); } }).observe(l, {attributes: true});
	})`)
	if err != nil {
		return nil, fmt.Errorf("%q: %w", q, err)
	}
	return decodePaths(res.Value.Str())
}

func (d *deskbookRanker) close() {
	for _, p := range d.pages {
		p.Close()
	}
}

type pagefindRanker struct{ deskbookRanker }

func (f *pagefindRanker) results(lang, q string) ([]string, error) {
	p, err := f.page(lang)
	if err != nil {
		return nil, err
	}
	res, err := p.Eval(pagefindJS, typed(q), 10, false)
	if err != nil {
		return nil, fmt.Errorf("%q: %w", q, err)
	}
	var out struct{ URLs []string }
	if err := json.Unmarshal([]byte(res.Value.Str()), &out); err != nil {
		return nil, err
	}
	for i, u := range out.URLs {
		out.URLs[i] = sitePath(u)
	}
	return out.URLs, nil
}

func decodePaths(s string) ([]string, error) {
	var hrefs []string
	if err := json.Unmarshal([]byte(s), &hrefs); err != nil {
		return nil, err
	}
	for i, h := range hrefs {
		hrefs[i] = sitePath(h)
	}
	return hrefs, nil
}

// rankAll runs every query and returns the rank of its expected article
// (0: not in the first 10) and the results.
func rankAll(r ranker, qs []query, progress func(q query)) ([]int, [][]string, error) {
	ranks := make([]int, len(qs))
	all := make([][]string, len(qs))
	for i, q := range qs {
		if progress != nil {
			progress(q)
		}
		res, err := r.results(q.Lang, q.Text)
		if err != nil {
			return nil, nil, err
		}
		ranks[i], all[i] = q.rank(res), res
	}
	return ranks, all, nil
}
