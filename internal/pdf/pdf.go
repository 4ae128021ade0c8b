// Package pdf prints a built deskbook site to PDF with headless Chromium:
// the print book of each language (/<lang>/print/) as faq.pdf and, in
// large print, faq-large.pdf, and single articles. Only the command line
// imports it, so nothing else in deskbook needs a browser.
//
// One browser prints every document, in a tab per CPU core (a document
// per tab at a time), each tab showing pages as on paper. The print
// book's table of contents gets real page numbers by printing twice: the
// first PDF, a measuring pass with all ink hidden, tells on which page
// each article's named destination is, the numbers are filled in, and
// the book is printed again, until the numbers hold. Chromium makes the
// PDF bookmarks from the headings (category > article > section), the
// links between articles become links inside the PDF, and every page has
// a "page X of Y" footer.
package pdf

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	Tabs    int       // documents printed at once, each in a tab of the one browser; when zero, one per CPU core (AutoTabs)
	Log     io.Writer // one line per document and pass; nil for none
}

// Done is one printed (or up-to-date) document.
type Done struct {
	builder.PDFDoc
	Articles int  // articles in it
	Skipped  bool // the store already had it, up to date
	Passes   int  // prints it took (the book: until the page numbers held)
	Duration time.Duration
	Phases   Phases // where Duration went
}

// Phases is where the time of printing went. Print's log sums them over
// the documents, which are printed at once in several tabs, so the sum may
// exceed the time on the clock.
type Phases struct {
	Load    time.Duration // loading the page and readying it for paper
	Measure time.Duration // the book's measuring passes (Page.printToPDF)
	Final   time.Duration // the passes that made the PDF, an article's only one included
	Read    time.Duration // reading the PDFs back for their pages and destinations (pdfcpu)
}

// add adds another document's or pass's phases to ph.
func (ph *Phases) add(o Phases) {
	ph.Load += o.Load
	ph.Measure += o.Measure
	ph.Final += o.Final
	ph.Read += o.Read
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

// Print prints the documents into the store, with a browser of its own
// (started only when something is out of date). The browser is shut down
// and its profile removed whatever happens: on success, on an error and
// when ctx is cancelled (Ctrl-C).
func Print(ctx context.Context, docs []builder.Printable, opt Options) (done []Done, err error) {
	done, todo, err := sortOut(docs, opt.defaults())
	if err != nil || len(todo) == 0 {
		return done, err
	}
	p := Start(ctx, opt.Browser)
	printed, err := p.Print(ctx, todo, opt)
	if cerr := p.Close(); err == nil && cerr != nil && ctx.Err() == nil {
		err = fmt.Errorf("closing the browser: %w", cerr)
	}
	return append(done, printed...), err
}

// defaults fills in the paper and the date when not given.
func (opt Options) defaults() Options {
	if opt.Paper.Name == "" {
		opt.Paper = A4
	}
	if opt.Date.IsZero() {
		opt.Date = time.Now()
	}
	return opt
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
  // Paper shows every image whole and at once: not the smaller copy a
  // page offers narrow screens, not left to load when scrolled to. And
  // every font the page declares is loaded: the articles not laid out yet
  // (skipJS) have not asked for theirs.
  const imgs = Array.from(document.querySelectorAll("img[srcset], img[loading=lazy]"));
  for (const i of imgs) { i.removeAttribute("srcset"); i.removeAttribute("sizes"); i.loading = "eager"; }
  await Promise.race([ // a broken image or font is printed as the browser shows it; a stuck one does not stop the print
    Promise.all([...imgs.map(i => i.decode().catch(() => {})), ...Array.from(document.fonts, f => f.load().catch(() => {}))]),
    new Promise(r => setTimeout(r, 10000))]);
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
	return printWith(page, params)
}

// printWith calls Page.printToPDF with params and reads the stream.
func printWith(page *rod.Page, params printParams) ([]byte, error) {
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
