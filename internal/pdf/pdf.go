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
	"deskbook/internal/host"
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
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, format+"\n", args...)
		}
	}
	stored, err := opt.Store.Docs()
	if err != nil && !opt.Force {
		return nil, err
	}
	var todo []builder.Printable
	for _, d := range docs {
		if s, ok := upToDate(stored, d, opt); ok {
			done = append(done, Done{PDFDoc: s, Articles: d.Count, Skipped: true})
			logf("pdf: %s/print/%s: up to date (printed %s; --force prints it again)", d.Lang, d.File, s.Printed)
			continue
		}
		todo = append(todo, d)
	}
	if len(todo) == 0 {
		return done, nil
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return done, err
	}
	srv := &http.Server{Handler: host.Folder(opt.Site), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	origin := "http://" + ln.Addr().String() + "/"

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
	logf("pdf: Chromium started in %s", time.Since(start).Round(time.Millisecond))

	// Each tab prints one document at a time, taking the next from the
	// list; the first error stops them all.
	tabs := max(1, min(opt.Tabs, len(todo)))
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	var (
		next     atomic.Int64
		mu       sync.Mutex // the store's index and the log
		wg       sync.WaitGroup
		results  = make([]Done, len(todo))
		firstErr error // the error that stopped the others
	)
	for range tabs {
		page, err := b.Page(proto.TargetCreateTarget{URL: "about:blank"})
		if err != nil {
			return done, fmt.Errorf("opening a tab: %w", err)
		}
		tb := &tab{page: page.Context(wctx)}
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(todo) || wctx.Err() != nil {
					return
				}
				d := todo[i]
				t := time.Now()
				data, layout, passes, err := tb.printDoc(origin, d, opt, func(pass, pages int) {
					mu.Lock()
					defer mu.Unlock()
					logf("pdf: [%d/%d] %s/print/%s: pass %d: %d pages", i+1, len(todo), d.Lang, d.File, pass, pages)
				})
				doc := d.PDFDoc
				if err == nil {
					doc.Paper, doc.Pages, doc.Printed = opt.Paper.Name, layout.Pages, opt.Date.Format("2006-01-02")
					mu.Lock()
					err = opt.Store.Save(doc, data)
					mu.Unlock()
				} else if wctx.Err() == nil {
					err = fmt.Errorf("%s/print/%s: %w", d.Lang, d.File, err)
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					stop()
					return
				}
				doc.Bytes = int64(len(data))
				results[i] = Done{PDFDoc: doc, Articles: d.Count, Passes: passes, Duration: time.Since(t)}
				mu.Lock()
				logf("pdf: [%d/%d] %s/print/%s: %d pages, %.1f MB in %s", i+1, len(todo), d.Lang, d.File, layout.Pages,
					float64(len(data))/(1<<20), time.Since(t).Round(10*time.Millisecond))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if ctx.Err() != nil {
		return done, ctx.Err()
	}
	if firstErr != nil {
		return done, firstErr
	}
	return append(done, results...), nil
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
	page *rod.Page
	url  string // the loaded page; "" before the first or after a failure
}

// printDoc prints one document, the book until its page numbers hold. The
// large-print book is the same page as the book: a tab that has it loaded
// prints it again in the other size without loading it again.
func (t *tab) printDoc(origin string, d builder.Printable, opt Options, progress func(pass, pages int)) ([]byte, Layout, int, error) {
	page, url := t.page, origin+d.Page
	if t.url != url {
		t.url = ""
		if err := page.Navigate(url); err != nil {
			return nil, Layout{}, 0, err
		}
		if err := page.WaitLoad(); err != nil {
			return nil, Layout{}, 0, err
		}
		t.url = url
	}
	res, err := page.Eval(prepareJS, opt.Date.Format("2006-01-02"), d.Large, opt.BaseURL)
	if err != nil {
		t.url = ""
		return nil, Layout{}, 0, fmt.Errorf("preparing the page: %w", err)
	}
	var anchors []string
	for _, v := range res.Value.Arr() {
		anchors = append(anchors, v.Str())
	}
	var nums map[string]int
	footer := false
	for pass := 1; ; pass++ {
		// The first pass of a book only measures; it needs no ink,
		// footer, bookmarks or tags, which cost time and do not move a
		// line.
		final := !d.Book || pass > 1
		if d.Book {
			if _, err := page.Eval(measureJS, !final); err != nil {
				return nil, Layout{}, pass, fmt.Errorf("preparing pass %d: %w", pass, err)
			}
		}
		if final && !footer {
			if _, err := page.Eval(footerJS, d.Footer); err != nil {
				return nil, Layout{}, pass, fmt.Errorf("adding the footer: %w", err)
			}
			footer = true
		}
		data, err := printPDF(page, opt.Paper, final)
		if err != nil {
			return nil, Layout{}, pass, err
		}
		layout, err := ReadLayout(data)
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
		if _, err := page.Eval(fillJS, nums); err != nil {
			return nil, Layout{}, pass, err
		}
	}
}

const mm = 1 / 25.4 // inches

// printPDF prints the tab. Margins are the same as print.css's @page, with
// room at the bottom for the footer. A measuring pass (final false) leaves
// out the backgrounds, tags and bookmarks, which cost as much again as the
// layout; rod's request type cannot say "false" to them (it omits false,
// and headless Chromium tags by default), so the call is made by hand.
func printPDF(page *rod.Page, paper Paper, final bool) ([]byte, error) {
	params := map[string]any{
		"paperWidth":              paper.Width,
		"paperHeight":             paper.Height,
		"marginTop":               16 * mm,
		"marginBottom":            18 * mm,
		"marginLeft":              16 * mm,
		"marginRight":             16 * mm,
		"printBackground":         final,
		"displayHeaderFooter":     false, // the footer is in @page margin boxes (builder's pdfFooter)
		"generateTaggedPDF":       final,
		"generateDocumentOutline": final,
		"transferMode":            proto.PagePrintToPDFTransferModeReturnAsStream,
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
