// Package pdf prints a built deskbook site to PDF with headless Chromium:
// the print book of each language (/<lang>/print/) as faq.pdf and, in
// large print, faq-large.pdf, and single articles. Only the command line
// imports it, so nothing else in deskbook needs a browser.
//
// One browser and one tab print every document. The print book's table of
// contents gets real page numbers by printing twice: the first PDF, a
// measuring pass with all ink hidden, tells on which page each article's
// named destination is, the numbers are filled in, and the book is printed
// again, until the numbers hold. Chromium makes the PDF bookmarks from the
// headings (category > article > section), the links between articles
// become links inside the PDF, and every page has a "page X of Y" footer.
package pdf

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"deskbook/builder"
	"deskbook/internal/chrome"
	"deskbook/internal/host"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

// Paper is a paper size, in inches as Chromium takes it.
type Paper struct {
	Name          string
	Width, Height float64
}

// The paper sizes deskbook prints on.
var (
	A4     = Paper{"a4", 8.27, 11.69}
	Letter = Paper{"letter", 8.5, 11}
)

// PaperNamed returns the paper size called name ("a4" or "letter").
func PaperNamed(name string) (Paper, error) {
	switch name {
	case "a4", "A4":
		return A4, nil
	case "letter", "Letter":
		return Letter, nil
	}
	return Paper{}, fmt.Errorf("unknown paper %q: use a4 or letter", name)
}

// Options says how to print.
type Options struct {
	Site    string    // the built site folder to print from
	Store   *Store    // where the PDFs go: StoreFor the output folder
	Browser string    // the Chromium binary; from FindBrowser
	Paper   Paper     // A4 when zero
	Date    time.Time // the "printed on" date; today when zero
	BaseURL string    // the site's public address; links to pages outside a PDF point there, or become text without one
	Force   bool      // print even what the store has up to date
	Tabs    int       // documents printed at once, each in a tab of the one browser; 1 when zero
	Log     io.Writer // one line per document and pass; nil for none
}

// Done is one printed (or up-to-date) document.
type Done struct {
	builder.PDFDoc
	Articles int  // articles in it
	Skipped  bool // the store already had it, up to date
	Passes   int  // prints it took (the book: until the page numbers held)
	Duration time.Duration
}

// maxPasses bounds the book's print-and-number loop. Numbers take the
// same room whether filled in or not, so two passes is the rule; more
// means a number changed the layout, which a third pass settles.
const maxPasses = 4

// FindBrowser returns the Chromium to print with: bin when given, else
// what internal/chrome finds ($DESKBOOK_CHROME, then Debian's Chromium).
// Its error says how to install one.
func FindBrowser(bin string) (string, error) {
	if bin == "" {
		return chrome.Find()
	}
	fi, err := os.Stat(bin)
	if err != nil || fi.IsDir() {
		return "", fmt.Errorf("--chrome %s: not a browser binary (%s)", bin, chrome.InstallHint)
	}
	return bin, nil
}

// Print prints the documents into the store. The browser is shut down and
// its profile removed whatever happens: on success, on an error and when
// ctx is cancelled (Ctrl-C).
func Print(ctx context.Context, docs []builder.Printable, opt Options) (done []Done, err error) {
	if opt.Paper.Name == "" {
		opt.Paper = A4
	}
	if opt.Date.IsZero() {
		opt.Date = time.Now()
	}
	done, todo, err := sortOut(docs, opt)
	if err != nil || len(todo) == 0 {
		return done, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return done, err
	}
	srv := &http.Server{Handler: host.Folder(opt.Site), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	start := time.Now()
	b, err := chrome.Launch(ctx, opt.Browser)
	if err != nil {
		return done, err
	}
	defer func() {
		if cerr := b.Close(); err == nil && cerr != nil && ctx.Err() == nil {
			err = fmt.Errorf("closing the browser: %w", cerr)
		}
	}()
	opt.logf("pdf: Chromium started in %s", time.Since(start).Round(time.Millisecond))
	printed, err := printAll(ctx, b, "http://"+ln.Addr().String()+"/", todo, opt)
	return append(done, printed...), err
}

// logf writes one line of progress, when there is a log.
func (opt Options) logf(format string, args ...any) {
	if opt.Log != nil {
		fmt.Fprintf(opt.Log, format+"\n", args...)
	}
}

// sortOut splits the documents into those the store has up to date and
// those to print.
func sortOut(docs []builder.Printable, opt Options) (done []Done, todo []builder.Printable, err error) {
	stored, err := opt.Store.Docs()
	if err != nil && !opt.Force {
		return nil, nil, err
	}
	for _, d := range docs {
		if s, ok := upToDate(stored, d, opt); ok {
			done = append(done, Done{PDFDoc: s, Articles: d.Count, Skipped: true})
			opt.logf("pdf: %s/print/%s: up to date (printed %s; --force prints it again)", d.Lang, d.File, s.Printed)
			continue
		}
		todo = append(todo, d)
	}
	return done, todo, nil
}

// printAll prints the documents in opt.Tabs tabs of one browser, each tab
// taking the next document from the list; the first error stops them all.
func printAll(ctx context.Context, b *chrome.Browser, origin string, todo []builder.Printable, opt Options) ([]Done, error) {
	tabs := max(1, min(opt.Tabs, len(todo)))
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	p := &printer{origin: origin, todo: todo, opt: opt, results: make([]Done, len(todo)), stop: stop}
	var wg sync.WaitGroup
	for range tabs {
		page, err := b.Page(proto.TargetCreateTarget{URL: "about:blank"})
		if err != nil {
			return nil, fmt.Errorf("opening a tab: %w", err)
		}
		tb := &tab{page: page.Context(wctx)}
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

// printer is the work the tabs share.
type printer struct {
	origin   string
	todo     []builder.Printable
	opt      Options
	next     atomic.Int64
	mu       sync.Mutex // the store's index, the log and firstErr
	results  []Done
	firstErr error // the error that stopped the others
	stop     context.CancelFunc
}

// run prints documents in one tab until none is left or one fails.
func (p *printer) run(ctx context.Context, tb *tab) {
	for {
		i := int(p.next.Add(1)) - 1
		if i >= len(p.todo) || ctx.Err() != nil {
			return
		}
		d, t := p.todo[i], time.Now()
		data, layout, passes, err := tb.printDoc(p.origin, d, p.opt, func(pass, pages int) {
			p.mu.Lock()
			defer p.mu.Unlock()
			p.opt.logf("pdf: [%d/%d] %s/print/%s: pass %d: %d pages", i+1, len(p.todo), d.Lang, d.File, pass, pages)
		})
		doc := d.PDFDoc
		if err == nil {
			doc.Paper, doc.Pages, doc.Printed = p.opt.Paper.Name, layout.Pages, p.opt.Date.Format("2006-01-02")
			p.mu.Lock()
			err = p.opt.Store.Save(doc, data)
			p.mu.Unlock()
		} else if ctx.Err() == nil {
			err = fmt.Errorf("%s/print/%s: %w", d.Lang, d.File, err)
		}
		p.mu.Lock()
		if err != nil {
			if p.firstErr == nil {
				p.firstErr = err
			}
			p.mu.Unlock()
			p.stop()
			return
		}
		doc.Bytes = int64(len(data))
		p.results[i] = Done{PDFDoc: doc, Articles: d.Count, Passes: passes, Duration: time.Since(t)}
		p.opt.logf("pdf: [%d/%d] %s/print/%s: %d pages, %.1f MB in %s", i+1, len(p.todo), d.Lang, d.File, layout.Pages,
			float64(len(data))/(1<<20), time.Since(t).Round(10*time.Millisecond))
		p.mu.Unlock()
	}
}

// upToDate finds a stored PDF that is what d would print.
func upToDate(stored []builder.PDFDoc, d builder.Printable, opt Options) (builder.PDFDoc, bool) {
	if opt.Force {
		return builder.PDFDoc{}, false
	}
	for _, s := range stored {
		if s.Lang == d.Lang && s.File == d.File && s.Fingerprint == d.Fingerprint && s.Paper == opt.Paper.Name {
			fi, err := os.Stat(filepath.Join(opt.Store.Dir, s.Lang, s.File))
			return s, err == nil && fi.Size() == s.Bytes
		}
	}
	return builder.PDFDoc{}, false
}

// prepareJS readies a page for paper: the date to print, the text size,
// and links. A link to another page of the local server would be dead in
// the PDF: it goes to the site's public address instead, or becomes text
// when the site has none. It returns the anchors whose page numbers the
// table of contents shows.
const prepareJS = `async (date, large, base) => {
  const root = document.documentElement;
  root.setAttribute("data-print-date", date);
  if (large) root.setAttribute("data-textsize", "large"); else root.removeAttribute("data-textsize");
  for (const a of document.querySelectorAll("a[href]")) {
    const u = new URL(a.getAttribute("href"), location.href);
    if (u.origin !== location.origin) continue;
    if (u.pathname === location.pathname && u.hash) continue;
    if (base) a.setAttribute("href", base + u.pathname.slice(1) + u.search + u.hash);
    else a.removeAttribute("href");
  }
  window.dispatchEvent(new Event("beforeprint"));
  await document.fonts.ready;
  return Array.from(document.querySelectorAll(".pn[data-for]"), e => e.getAttribute("data-for"));
}`

// footerJS sets the footer's @page rules, replacing a previous document's.
const footerJS = `(css) => {
  let s = document.getElementById("deskbook-footer");
  if (!s) {
    s = document.createElement("style");
    s.id = "deskbook-footer";
    s.media = "print";
    document.head.append(s);
  }
  s.textContent = css;
}`

// measureJS turns the measuring style on or off. A measuring pass needs
// the layout and where the named destinations fall, not the ink: with
// everything invisible (visibility keeps every box where it was) Chromium
// paints and encodes almost nothing, and the pass takes a third of the
// time. The destinations come from the layout, so they are all there.
const measureJS = `(on) => {
  let s = document.getElementById("deskbook-measure");
  if (!on) { s?.remove(); return; }
  if (s) return;
  s = document.createElement("style");
  s.id = "deskbook-measure";
  s.media = "print";
  s.textContent = "html, body, body * { visibility: hidden !important; }";
  document.head.append(s);
}`

// fillJS writes page numbers into the table of contents.
const fillJS = `(nums) => {
  for (const e of document.querySelectorAll(".pn[data-for]")) {
    const n = nums[e.getAttribute("data-for")];
    e.textContent = n ? String(n) : "";
  }
}`

// tab is a browser tab and the page it has loaded.
type tab struct {
	page   *rod.Page
	url    string // the loaded page; "" before the first or after a failure
	footer bool   // this document's footer is set
}

// printDoc prints one document, the book until its page numbers hold. The
// large-print book is the same page as the book: a tab that has it loaded
// prints it again in the other size without loading it again.
func (t *tab) printDoc(origin string, d builder.Printable, opt Options, progress func(pass, pages int)) ([]byte, Layout, int, error) {
	anchors, err := t.load(origin+d.Page, d, opt)
	if err != nil {
		return nil, Layout{}, 0, err
	}
	var nums map[string]int
	for pass := 1; ; pass++ {
		data, layout, err := t.pass(d, pass, opt.Paper)
		if err != nil {
			return nil, Layout{}, pass, err
		}
		progress(pass, layout.Pages)
		if !d.Book {
			return data, layout, pass, nil
		}
		got := make(map[string]int, len(anchors))
		for _, a := range anchors {
			n, ok := layout.Dests[a]
			if !ok {
				return nil, Layout{}, pass, fmt.Errorf("the printed PDF has no destination for #%s", a)
			}
			got[a] = n
		}
		if pass > 1 && maps.Equal(got, nums) {
			return data, layout, pass, nil
		}
		if pass == maxPasses {
			return nil, Layout{}, pass, errors.New("the table of contents' page numbers did not settle")
		}
		nums = got
		if _, err := t.page.Eval(fillJS, nums); err != nil {
			return nil, Layout{}, pass, err
		}
	}
}

// load readies the tab for a document, loading its page unless the tab
// has it already, and returns the anchors whose page numbers the table of
// contents shows.
func (t *tab) load(url string, d builder.Printable, opt Options) ([]string, error) {
	if t.url != url {
		t.url = ""
		if err := t.page.Navigate(url); err != nil {
			return nil, err
		}
		if err := t.page.WaitLoad(); err != nil {
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

// pass prints the tab once. The first pass of a book only measures; it
// needs no ink, footer, bookmarks or tags, which cost time and do not move
// a line.
func (t *tab) pass(d builder.Printable, pass int, paper Paper) ([]byte, Layout, error) {
	final := !d.Book || pass > 1
	if d.Book {
		if _, err := t.page.Eval(measureJS, !final); err != nil {
			return nil, Layout{}, fmt.Errorf("preparing pass %d: %w", pass, err)
		}
	}
	if final && !t.footer {
		if _, err := t.page.Eval(footerJS, d.Footer); err != nil {
			return nil, Layout{}, fmt.Errorf("adding the footer: %w", err)
		}
		t.footer = true
	}
	data, err := printPDF(t.page, paper, final)
	if err != nil {
		return nil, Layout{}, err
	}
	layout, err := ReadLayout(data)
	return data, layout, err
}

const mm = 1 / 25.4 // inches

// printParams is Chromium's Page.printToPDF request with every field
// sent, false included.
type printParams struct {
	PaperWidth              float64                          `json:"paperWidth"`
	PaperHeight             float64                          `json:"paperHeight"`
	MarginTop               float64                          `json:"marginTop"`
	MarginBottom            float64                          `json:"marginBottom"`
	MarginLeft              float64                          `json:"marginLeft"`
	MarginRight             float64                          `json:"marginRight"`
	PrintBackground         bool                             `json:"printBackground"`
	DisplayHeaderFooter     bool                             `json:"displayHeaderFooter"`
	GenerateTaggedPDF       bool                             `json:"generateTaggedPDF"`
	GenerateDocumentOutline bool                             `json:"generateDocumentOutline"`
	TransferMode            proto.PagePrintToPDFTransferMode `json:"transferMode"`
}

// printPDF prints the tab. Margins are the same as print.css's @page, with
// room at the bottom for the footer. A measuring pass (final false) leaves
// out the backgrounds, tags and bookmarks, which cost as much again as the
// layout; rod's request type cannot say "false" to them (it omits false,
// and headless Chromium tags by default), so the call is made by hand.
func printPDF(page *rod.Page, paper Paper, final bool) ([]byte, error) {
	params := printParams{
		PaperWidth: paper.Width, PaperHeight: paper.Height,
		MarginTop: 16 * mm, MarginBottom: 18 * mm, MarginLeft: 16 * mm, MarginRight: 16 * mm,
		PrintBackground:         final,
		DisplayHeaderFooter:     false, // the footer is in @page margin boxes (builder's pdfFooter)
		GenerateTaggedPDF:       final,
		GenerateDocumentOutline: final,
		TransferMode:            proto.PagePrintToPDFTransferModeReturnAsStream,
	}
	raw, err := page.Call(page.GetContext(), string(page.SessionID), "Page.printToPDF", params)
	if err != nil {
		return nil, err
	}
	var res proto.PagePrintToPDFResult
	if err := json.Unmarshal(raw, &res); err != nil {
		return nil, err
	}
	// Read in large chunks, and close the stream so the browser can free
	// it: a book is several megabytes, printed four times.
	defer func() { _ = proto.IOClose{Handle: res.Stream}.Call(page) }()
	var out bytes.Buffer
	size := 16 << 20
	for {
		chunk, err := proto.IORead{Handle: res.Stream, Size: &size}.Call(page)
		if err != nil {
			return nil, err
		}
		if chunk.Base64Encoded {
			b, err := base64.StdEncoding.DecodeString(chunk.Data)
			if err != nil {
				return nil, err
			}
			out.Write(b)
		} else {
			out.WriteString(chunk.Data)
		}
		if chunk.EOF {
			return out.Bytes(), nil
		}
	}
}
