package pdf

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"sync"
	"time"

	"deskbook/builder"
	"deskbook/internal/chrome"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

// maxAutoTabs bounds the tabs chosen by core count: each holds a whole
// book laid out (some hundred megabytes for a 500-article book).
const maxAutoTabs = 4

// AutoTabs is how many documents Print prints at once when Options.Tabs is
// zero: one per CPU core, at most maxAutoTabs. Chromium lays out and
// paints a page on one thread, so a tab keeps one core busy; a second
// document printing in a second tab uses a second core.
func AutoTabs() int { return min(runtime.NumCPU(), maxAutoTabs) }

// tabsFor is the number of tabs that print n documents.
func tabsFor(tabs, n int) int {
	if tabs <= 0 {
		tabs = AutoTabs()
	}
	return max(1, min(tabs, n))
}

// printAll prints the documents in tabs of one browser, each tab taking
// the next document (see take); the first error stops them all.
func printAll(ctx context.Context, b *chrome.Browser, origin string, todo []builder.Printable, opt Options) ([]Done, error) {
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	p := &printer{origin: origin, todo: todo, opt: opt, taken: make([]bool, len(todo)), results: make([]Done, len(todo)), stop: stop}
	for range tabsFor(opt.Tabs, len(todo)) {
		page, err := openTab(b)
		if err != nil {
			return nil, err
		}
		p.tabs = append(p.tabs, &tab{page: page.Context(wctx)})
	}
	var wg sync.WaitGroup
	for _, tb := range p.tabs {
		wg.Go(func() { p.run(wctx, tb) })
	}
	wg.Wait()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if p.firstErr != nil {
		return nil, p.firstErr
	}
	return p.results, nil
}

// openTab opens a tab that shows pages as on paper. Every document is
// printed, so the screen's styles are of no use, and switching between
// them costs: Page.printToPDF lays the page out for paper, and afterwards
// for the screen again, each time with the styles of every element
// computed anew and its text shaped again in the other size. With print
// media emulated the page is laid out for paper already; a pass then lays
// it out once instead of three times (a quarter less time per pass for the
// 500-article book). What is printed is the same: printing uses the print
// styles either way.
func openTab(b *chrome.Browser) (*rod.Page, error) {
	page, err := b.Page(proto.TargetCreateTarget{URL: "about:blank"})
	if err != nil {
		return nil, fmt.Errorf("opening a tab: %w", err)
	}
	if err := (proto.EmulationSetEmulatedMedia{Media: "print"}).Call(page); err != nil {
		return nil, fmt.Errorf("opening a tab for paper: %w", err)
	}
	if err := (proto.EmulationSetDeviceMetricsOverride{Width: skipWidth, Height: 200, DeviceScaleFactor: 1}).Call(page); err != nil {
		return nil, fmt.Errorf("opening a tab for paper: %w", err)
	}
	if _, err := page.EvalOnNewDocument(skipJS); err != nil {
		return nil, fmt.Errorf("opening a tab for paper: %w", err)
	}
	return page, nil
}

// skipWidth is the width of a tab's window: wider than any paper. The
// window is low, so that the little of it that is drawn (nobody sees it)
// takes no longer to draw than a small window's.
const skipWidth = 2400

// skipJS has the print book lay out, outside printing, only the articles
// near the top of the window, as a screen does (the theme's print.css):
// with print media emulated, the theme's rule for screens is off, and
// every layout outside printing, at load and after every pass, would lay
// out the whole book (for 500 articles, 0.8 s of CPU at load and 0.25 s
// after each pass). The rule holds only in a window wider than any paper:
// printing lays the page out at the paper's width, where it does not, so
// every article is printed.
const skipJS = `new MutationObserver((_, o) => {
  if (!document.documentElement) return;
  const s = document.createElement("style");
  s.textContent = "@media print and (min-width: 2000px) { .book-article { content-visibility: auto; contain-intrinsic-size: auto 60rem; } }";
  document.documentElement.append(s);
  o.disconnect();
}).observe(document, {childList: true})`

// printer is the work the tabs share.
type printer struct {
	origin   string
	todo     []builder.Printable
	opt      Options
	tabs     []*tab
	mu       sync.Mutex // the fields below, the store's index and the log
	taken    []bool
	results  []Done
	firstErr error // the error that stopped the others
	stop     context.CancelFunc
}

// take picks the document tb prints next and returns its index, or -1
// when none is left. It prefers one of the page tb has loaded (the
// large-print book after the book: no second load), then one of a page no
// other tab has (each tab keeps its language's books), then the first
// left.
func (p *printer) take(tb *tab) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	pick, rank := -1, 3
	for i, d := range p.todo {
		if p.taken[i] {
			continue
		}
		r := 2
		switch {
		case d.Page == tb.holds:
			r = 0
		case !p.heldByOther(tb, d.Page):
			r = 1
		}
		if r < rank {
			pick, rank = i, r
		}
	}
	if pick >= 0 {
		p.taken[pick] = true
		tb.holds = p.todo[pick].Page
	}
	return pick
}

// heldByOther says whether a tab other than tb has page loaded or is
// loading it.
func (p *printer) heldByOther(tb *tab, page string) bool {
	for _, o := range p.tabs {
		if o != tb && o.holds == page {
			return true
		}
	}
	return false
}

// run prints documents in one tab until none is left or one fails.
func (p *printer) run(ctx context.Context, tb *tab) {
	for ctx.Err() == nil {
		i := p.take(tb)
		if i < 0 {
			return
		}
		d, t := p.todo[i], time.Now()
		res, err := tb.printDoc(p.origin, d, p.opt, func(pass, pages int, print, read time.Duration) {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.opt.logf("pdf: [%d/%d] %s/print/%s: pass %d: %d pages (printed in %s, read in %s)", i+1, len(p.todo), d.Lang, d.File, pass, pages,
				print.Round(10*time.Millisecond), read.Round(10*time.Millisecond))
		})
		doc := d.PDFDoc
		if err == nil {
			doc.Paper, doc.Pages, doc.Printed = p.opt.Paper.Name, res.layout.Pages, p.opt.Date.Format("2006-01-02")
			p.mu.Lock()
			err = p.opt.Store.Save(doc, res.data)
			p.mu.Unlock()
		} else if ctx.Err() == nil {
			err = fmt.Errorf("%s/print/%s: %w", d.Lang, d.File, err)
		}
		if !p.finish(i, doc, d, res, err, time.Since(t)) {
			return
		}
	}
}

// finish records a printed document, or the error that stops every tab;
// it says whether to go on.
func (p *printer) finish(i int, doc builder.PDFDoc, d builder.Printable, res printed, err error, took time.Duration) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil {
		if p.firstErr == nil {
			p.firstErr = err
		}
		p.stop()
		return false
	}
	doc.Bytes = int64(len(res.data))
	p.results[i] = Done{PDFDoc: doc, Articles: d.Count, Passes: res.passes, Duration: took, Phases: res.phases}
	p.opt.logf("pdf: [%d/%d] %s/print/%s: %d pages, %.1f MB in %s (loaded in %s)", i+1, len(p.todo), d.Lang, d.File, res.layout.Pages,
		float64(len(res.data))/(1<<20), took.Round(10*time.Millisecond), res.phases.Load.Round(10*time.Millisecond))
	return true
}

// tab is a browser tab and the page it has loaded.
type tab struct {
	page   *rod.Page
	url    string // the loaded page; "" before the first or after a failure
	footer bool   // this document's footer is set
	holds  string // the site path of the page it has loaded or is loading (printer.mu)
}

// printed is one document printed in a tab.
type printed struct {
	data   []byte
	layout Layout
	passes int
	phases Phases
}

// printDoc prints one document, the book until its page numbers hold. The
// large-print book is the same page as the book: a tab that has it loaded
// prints it again in the other size without loading it again.
func (t *tab) printDoc(origin string, d builder.Printable, opt Options, progress func(pass, pages int, print, read time.Duration)) (printed, error) {
	var res printed
	start := time.Now()
	anchors, err := t.load(origin+d.Page, d, opt)
	res.phases.Load = time.Since(start)
	if err != nil {
		return res, err
	}
	var nums map[string]int
	for res.passes = 1; ; res.passes++ {
		data, layout, ph, err := t.pass(d, res.passes, opt.Paper)
		res.phases.add(ph)
		if err != nil {
			return res, err
		}
		progress(res.passes, layout.Pages, ph.Measure+ph.Final, ph.Read)
		res.data, res.layout = data, layout
		if !d.Book {
			return res, nil
		}
		got := make(map[string]int, len(anchors))
		for _, a := range anchors {
			n, ok := layout.Dests[a]
			if !ok {
				return res, fmt.Errorf("the printed PDF has no destination for #%s", a)
			}
			got[a] = n
		}
		if res.passes > 1 && maps.Equal(got, nums) {
			return res, nil
		}
		if res.passes == maxPasses {
			return res, errors.New("the table of contents' page numbers did not settle")
		}
		nums = got
		if _, err := t.page.Eval(fillJS, nums); err != nil {
			return res, err
		}
	}
}

// load readies the tab for a document, loading its page unless the tab
// has it already, and returns the anchors whose page numbers the table of
// contents shows.
func (t *tab) load(url string, d builder.Printable, opt Options) ([]string, error) {
	if t.url != url {
		t.url = ""
		if err := t.navigate(url, d.Large); err != nil {
			return nil, err
		}
		t.url = url
	}
	res, err := t.page.Eval(prepareJS, opt.Date.Format("2006-01-02"), d.Large, opt.BaseURL)
	if err != nil {
		t.url = ""
		return nil, fmt.Errorf("preparing the page: %w", err)
	}
	t.footer = false
	var anchors []string
	for _, v := range res.Value.Arr() {
		anchors = append(anchors, v.Str())
	}
	return anchors, nil
}

// largeJS gives a page the large text size before its first layout, as
// prepareJS would after it: the page is then laid out once, in the size it
// is printed in, rather than in the normal size first (for the large-print
// book of 500 articles, 0.8 s of CPU). It runs before the page has an
// html element, so it waits for one.
const largeJS = `new MutationObserver((_, o) => {
  if (!document.documentElement) return;
  document.documentElement.setAttribute("data-textsize", "large");
  o.disconnect();
}).observe(document, {childList: true})`

// navigate loads url into the tab and waits for its load event; a page
// for the large-print book gets its text size first.
func (t *tab) navigate(url string, large bool) error {
	if large {
		remove, err := t.page.EvalOnNewDocument(largeJS)
		if err != nil {
			return err
		}
		defer remove()
	}
	if err := t.page.Navigate(url); err != nil {
		return err
	}
	return t.page.WaitLoad()
}

// pass prints the tab once. The first pass of a book only measures; it
// needs no ink, footer, bookmarks or tags, which cost time and do not move
// a line.
func (t *tab) pass(d builder.Printable, pass int, paper Paper) ([]byte, Layout, Phases, error) {
	var ph Phases
	final := !d.Book || pass > 1
	if d.Book {
		if _, err := t.page.Eval(measureJS, !final); err != nil {
			return nil, Layout{}, ph, fmt.Errorf("preparing pass %d: %w", pass, err)
		}
	}
	if final && !t.footer {
		if _, err := t.page.Eval(footerJS, d.Footer); err != nil {
			return nil, Layout{}, ph, fmt.Errorf("adding the footer: %w", err)
		}
		t.footer = true
	}
	start := time.Now()
	data, err := printPDF(t.page, paper, final)
	if final {
		ph.Final = time.Since(start)
	} else {
		ph.Measure = time.Since(start)
	}
	if err != nil {
		return nil, Layout{}, ph, err
	}
	start = time.Now()
	layout, err := ReadLayout(data)
	ph.Read = time.Since(start)
	return data, layout, ph, err
}
