package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"deskbook/builder"
	"deskbook/internal/chrome/chrometest"
	"deskbook/internal/sitetest"
	"deskbook/themes"

	"github.com/makiuchi-d/gozxing"
	gzqr "github.com/makiuchi-d/gozxing/qrcode"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfcpu "github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// buildDemo builds the demo knowledge base into a fresh output folder.
func buildDemo(t *testing.T) (*builder.Result, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := builder.Build(context.Background(), builder.Config{Source: os.DirFS("../../content"), SourceName: "content",
		Theme: themes.Default(), Out: out, PDFs: mustStore(t, out)})
	if err != nil {
		t.Fatal(err)
	}
	return res, out
}

var printDate = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// printDemo prints docs of the demo in tabs tabs (0: one per core) and
// returns them by "<lang>/<file>".
func printDemo(t *testing.T, out string, docs []builder.Printable, tabs int) map[string]Done {
	t.Helper()
	var log bytes.Buffer
	done, err := Print(context.Background(), docs, Options{Site: out, Store: mustStore(t, out), Browser: chrometest.Bin(t),
		Date: printDate, BaseURL: "https://help.tillbook.example/", Tabs: tabs, Log: &log})
	t.Logf("progress:\n%s", log.String())
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]Done{}
	for _, d := range done {
		m[d.Lang+"/"+d.File] = d
	}
	return m
}

// pageTexts extracts the text of every page with poppler's pdftotext, an
// independent reader (Cyrillic included); it skips the test without it.
func pageTexts(t *testing.T, file string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		sitetest.Missing(t, "pdftotext (poppler-utils) not installed")
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	pages := strings.Split(string(out), "\f")
	if pages[len(pages)-1] == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

var spaces = regexp.MustCompile(`\s+`)

func squash(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// bookEntry is one line of the table of contents: a category or an
// article, with the anchor its heading has.
type bookEntry struct {
	anchor, title string
	category      bool
}

// bookEntries lists the table of contents the book should have, from the
// built print page.
func bookEntries(t *testing.T, out, lang string) []bookEntry {
	t.Helper()
	page, err := os.ReadFile(filepath.Join(out, lang, "print", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	var es []bookEntry
	re := regexp.MustCompile(`<li( class="toc-cat")?><a href="#([^"]+)"><span class="t">([^<]+)</span>`)
	for _, m := range re.FindAllStringSubmatch(string(page), -1) {
		es = append(es, bookEntry{anchor: m[2], title: htmlText(m[3]), category: m[1] != ""})
	}
	if len(es) < 10 {
		t.Fatalf("only %d entries in the table of contents", len(es))
	}
	return es
}

func htmlText(s string) string {
	return strings.NewReplacer("&#39;", "'", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`).Replace(s)
}

// TestFAQPDF prints the demo's FAQ in English (normal and large print) and
// Ukrainian and checks the PDFs with two independent readers: pdfcpu for
// structure (pages, bookmarks, links, destinations) and poppler's
// pdftotext for what a reader sees (the contents' page numbers, footers,
// Cyrillic text).
func TestFAQPDF(t *testing.T) {
	chrometest.Bin(t)
	res, out := buildDemo(t)
	all, err := res.Printables()
	if err != nil {
		t.Fatal(err)
	}
	docs := slices.DeleteFunc(all, func(d builder.Printable) bool { return d.Lang == "ru" || (d.Lang == "uk" && d.Large) })
	// One tab, so that faq-large.pdf is printed from the page faq.pdf left
	// (TestTabsTakeTheirPages has the order of several tabs).
	done := printDemo(t, out, docs, 1)
	store := mustStore(t, out).Dir

	for _, tc := range []struct {
		lang, file string
		pageOf     string // the footer, in the book's language
		contents   string
	}{
		{"en", "faq.pdf", "Page %d of %d", "Contents"},
		// Printed right after faq.pdf in the tab that has the book
		// loaded: the size, numbers and footer of the first must not
		// stay behind.
		{"en", "faq-large.pdf", "Page %d of %d", "Contents"},
		{"uk", "faq.pdf", "Сторінка %d з %d", "Зміст"},
	} {
		name := tc.lang + "/" + tc.file
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(store, tc.lang, tc.file)
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			layout, err := ReadLayout(data)
			if err != nil {
				t.Fatal(err)
			}
			d := done[name]
			if d.Pages != layout.Pages || d.Pages < 20 || d.Passes < 2 {
				t.Errorf("%d pages in %d passes (layout says %d pages)", d.Pages, d.Passes, layout.Pages)
			}
			if out, err := exec.Command("pdfinfo", file).Output(); err == nil {
				if !regexp.MustCompile(`(?m)^Pages:\s+` + strconv.Itoa(layout.Pages) + `$`).Match(out) {
					t.Errorf("pdfinfo disagrees on the page count:\n%s", out)
				}
				if !regexp.MustCompile(`(?m)^Tagged:\s+yes$`).Match(out) {
					t.Errorf("the PDF is not tagged")
				}
			}
			entries := bookEntries(t, out, tc.lang)
			texts := pageTexts(t, file)
			if len(texts) != layout.Pages {
				t.Fatalf("pdftotext found %d pages, pdfcpu %d", len(texts), layout.Pages)
			}

			// Every page has the footer "page X of Y".
			for i, text := range texts {
				want := fmt.Sprintf(tc.pageOf, i+1, len(texts))
				if !strings.Contains(text, want) {
					t.Errorf("page %d has no footer %q", i+1, want)
				}
			}
			if !strings.Contains(texts[0], "Tillbook") || !strings.Contains(texts[0], "2.4.0") || !strings.Contains(texts[0], "help.tillbook.example/"+tc.lang+"/") {
				t.Errorf("the cover lacks the product, version or address:\n%s", texts[0])
			}
			if !strings.Contains(texts[1], tc.contents) {
				t.Errorf("page 2 is not the table of contents:\n%s", texts[1])
			}

			// Each number in the contents is the page the heading is on:
			// the page of its named destination (pdfcpu), and that page
			// shows the title (pdftotext).
			var printed []int
			for _, text := range texts[1:] {
				if !strings.Contains(squash(text), squash(entries[0].title)) && len(printed) == 0 {
					continue
				}
				for _, line := range strings.Split(text, "\n") {
					if m := regexp.MustCompile(`\S\s+(\d+)\s*$`).FindStringSubmatch(line); m != nil && !strings.Contains(line, strings.Fields(tc.pageOf)[0]) {
						n, _ := strconv.Atoi(m[1])
						printed = append(printed, n)
					}
				}
				if len(printed) >= len(entries) {
					break
				}
			}
			if len(printed) < len(entries) {
				t.Fatalf("found %d page numbers in the contents, want %d: %v", len(printed), len(entries), printed)
			}
			for i, e := range entries {
				page, ok := layout.Dests[e.anchor]
				if !ok {
					t.Errorf("no destination for %s (%s)", e.anchor, e.title)
					continue
				}
				if printed[i] != page {
					t.Errorf("contents say %q is on page %d; its heading is on page %d", e.title, printed[i], page)
				}
				if !strings.Contains(squash(texts[page-1]), squash(e.title)) {
					t.Errorf("page %d does not show %q", page, e.title)
				}
			}

			checkLazyRead(t, data)
			checkOutline(t, data, entries)
			checkLinks(t, data, entries)
		})
	}

	// Large print: the same book, more pages.
	if l, n := done["en/faq-large.pdf"], done["en/faq.pdf"]; l.Pages <= n.Pages*5/4 {
		t.Errorf("large print has %d pages, normal %d", l.Pages, n.Pages)
	}
	// Printed alone, in a tab that loads the page in the large size from
	// the start (as a second tab does), it is the same book.
	large := slices.DeleteFunc(slices.Clone(docs), func(d builder.Printable) bool { return d.Lang != "en" || !d.Large })
	alone := mustStore(t, filepath.Join(t.TempDir(), "alone"))
	if _, err := Print(context.Background(), large, Options{Site: out, Store: alone, Browser: chrometest.Bin(t),
		Date: printDate, BaseURL: "https://help.tillbook.example/", Tabs: 1}); err != nil {
		t.Fatal(err)
	}
	if a, b := pageTexts(t, filepath.Join(alone.Dir, "en", "faq-large.pdf")), pageTexts(t, filepath.Join(store, "en", "faq-large.pdf")); !slices.Equal(a, b) {
		t.Errorf("faq-large.pdf printed alone has %d pages of other text than printed after faq.pdf (%d pages)", len(a), len(b))
	}
	// The cover's QR code leads to the FAQ online.
	if got := scanQR(t, filepath.Join(store, "en", "faq.pdf"), 1); got != "https://help.tillbook.example/en/" {
		t.Errorf("the cover's QR code reads %q", got)
	}

	// Built again, the site has the PDFs and links to them.
	if _, err := builder.Build(context.Background(), builder.Config{Source: os.DirFS("../../content"), SourceName: "content",
		Theme: themes.Default(), Out: out, PDFs: mustStore(t, out)}); err != nil {
		t.Fatal(err)
	}
	home, _ := os.ReadFile(filepath.Join(out, "uk", "index.html"))
	if !bytes.Contains(home, []byte(`href="print/faq.pdf"`)) {
		t.Errorf("the Ukrainian home page does not link its PDF")
	}
	if _, err := os.Stat(filepath.Join(out, "en", "print", "faq-large.pdf")); err != nil {
		t.Errorf("faq-large.pdf is not in the site: %v", err)
	}
}

// checkLazyRead checks that ReadLayout reads Chromium's PDF in part (its
// catalog, pages and destinations, not every tag) and finds what reading
// it whole finds.
func checkLazyRead(t *testing.T, data []byte) {
	t.Helper()
	ctx, ok := lazyContext(data)
	if !ok {
		t.Fatalf("the printed PDF was not read in part")
	}
	if n, all := len(ctx.Table), bytes.Count(data, []byte(" obj")); n*4 > all {
		t.Errorf("reading in part read %d of %d objects", n, all)
	}
	part, err := readLayout(ctx)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := readWhole(data)
	if err != nil {
		t.Fatal(err)
	}
	if part.Pages != whole.Pages || !maps.Equal(part.Dests, whole.Dests) {
		t.Errorf("read in part: %d pages, %d destinations; whole: %d pages, %d destinations", part.Pages, len(part.Dests), whole.Pages, len(whole.Dests))
	}
}

// checkOutline checks the bookmarks: categories at the top, each article
// inside its category, and the article's sections inside it.
func checkOutline(t *testing.T, data []byte, entries []bookEntry) {
	t.Helper()
	noConfigDir.Do(api.DisableConfigDir)
	bms, err := api.Bookmarks(bytes.NewReader(data), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	top := map[string][]pdfcpu.Bookmark{}
	for _, b := range bms {
		top[squash(b.Title)] = b.Kids
	}
	var cat string
	sections := 0
	for _, e := range entries {
		if e.category {
			cat = squash(e.title)
			if _, ok := top[cat]; !ok {
				t.Errorf("no top-level bookmark %q", cat)
			}
			continue
		}
		found := false
		for _, k := range top[cat] {
			if squash(k.Title) == squash(e.title) {
				found = true
				sections += len(k.Kids)
			}
		}
		if !found {
			t.Errorf("no bookmark %q inside %q", e.title, cat)
		}
	}
	if sections < len(entries) {
		t.Errorf("only %d section bookmarks under %d articles", sections, len(entries))
	}
}

// checkLinks checks the link annotations: every entry of the contents
// links to its heading, articles link to each other inside the PDF, and no
// link leads to the local server the PDF was printed from.
func checkLinks(t *testing.T, data []byte, entries []bookEntry) {
	t.Helper()
	ctx, err := pdfcpu.Read(bytes.NewReader(data), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	dests := map[string]int{} // named destination → links to it
	bodyLinks := 0
	for p := 1; p <= ctx.PageCount; p++ {
		d, _, _, err := ctx.PageDict(p, false)
		if err != nil {
			t.Fatal(err)
		}
		annots, _ := ctx.DereferenceArray(d["Annots"])
		for _, o := range annots {
			a, err := ctx.DereferenceDict(o)
			if err != nil || a.Subtype() == nil || *a.Subtype() != "Link" {
				continue
			}
			if dest, ok := a.Find("Dest"); ok {
				name := ""
				switch v := dest.(type) {
				case types.Name:
					name = v.Value()
				case types.StringLiteral:
					name = v.Value()
				}
				dests[name]++
				if p > 3 && strings.HasPrefix(name, "a") {
					bodyLinks++
				}
			}
			if act, err := ctx.DereferenceDict(a["A"]); err == nil && act != nil {
				if uri, err := ctx.DereferenceStringOrHexLiteral(act["URI"], model.V10, nil); err == nil && strings.Contains(uri, "127.0.0.1") {
					t.Errorf("page %d links to the local server: %s", p, uri)
				}
			}
		}
	}
	for _, e := range entries {
		if dests[e.anchor] == 0 {
			t.Errorf("nothing links to #%s (%s)", e.anchor, e.title)
		}
	}
	if bodyLinks == 0 {
		t.Errorf("no links between articles inside the PDF")
	}
}

// scanQR renders a page with poppler and reads its QR code.
func scanQR(t *testing.T, file string, page int) string {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		sitetest.Missing(t, "pdftoppm (poppler-utils) not installed")
	}
	prefix := filepath.Join(t.TempDir(), "cover")
	if out, err := exec.Command("pdftoppm", "-r", "120", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-png", "-singlefile", file, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	f, err := os.Open(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	r, err := gzqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("no QR code found on the cover: %v", err)
	}
	return r.GetText()
}

// TestArticlePDF prints one article: its page, with the short link in the
// footer of every page and links out of it to the public site.
func TestArticlePDF(t *testing.T) {
	chrometest.Bin(t)
	res, out := buildDemo(t)
	docs, err := res.Printables(1021)
	if err != nil {
		t.Fatal(err)
	}
	docs = slices.DeleteFunc(docs, func(d builder.Printable) bool { return d.Lang != "en" })
	done := printDemo(t, out, docs, 0)
	d := done["en/article-1021.pdf"]
	if d.Pages < 1 || d.Passes != 1 {
		t.Fatalf("%+v", d)
	}
	file := filepath.Join(mustStore(t, out).Dir, "en", "article-1021.pdf")
	texts := pageTexts(t, file)
	for i, text := range texts {
		if !strings.Contains(text, "Short link: https://help.tillbook.example/a/1021/en/") || !strings.Contains(text, "Page "+strconv.Itoa(i+1)+" of ") {
			t.Errorf("page %d lacks the footer:\n%s", i+1, text)
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"Checklist: before you contact support", "Printed on 23 November 2026", "Tillbook 2.4.0"} {
		if !strings.Contains(squash(all), want) {
			t.Errorf("the article's PDF lacks %q", want)
		}
	}
	if strings.Contains(all, "Search") || strings.Contains(all, "Related articles") {
		t.Errorf("navigation printed:\n%s", all)
	}
	data, _ := os.ReadFile(file)
	checkNoLocalLinks(t, data)
	// The QR code, in the footer line at the end of the article, holds its
	// short link.
	if got := scanQR(t, file, len(texts)); got != "https://help.tillbook.example/a/1021/en/" { // the short link in the article's language
		t.Errorf("the QR code reads %q", got)
	}
}

func checkNoLocalLinks(t *testing.T, data []byte) {
	t.Helper()
	if bytes.Contains(data, []byte("127.0.0.1")) {
		t.Errorf("the PDF mentions the local server it was printed from")
	}
}

// TestPrintInterrupted cancels printing in the middle (as Ctrl-C does) and
// checks that Chromium is gone with its profile, and nothing half-printed
// is in the store.
func TestPrintInterrupted(t *testing.T) {
	bin := chrometest.Bin(t)
	if _, err := os.Stat("/proc/self/cmdline"); err != nil {
		t.Skip("needs /proc to look for processes")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	res, out := buildDemo(t)
	docs, err := res.Printables()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	var running []string
	log := writerFunc(func(p []byte) {
		if bytes.Contains(p, []byte("pass 1")) {
			mu.Lock()
			running = chrometest.ProcessesMentioning(tmp)
			mu.Unlock()
			cancel()
		}
	})
	_, err = Print(ctx, docs, Options{Site: out, Store: mustStore(t, out), Browser: bin, Log: log})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(running) == 0 {
		t.Fatalf("saw no browser while printing (is the profile in %s?)", tmp)
	}
	// The browser's processes end a moment after Print returns.
	sitetest.Within(10*time.Second, func() bool { return len(chrometest.ProcessesMentioning(tmp)) == 0 })
	if left := chrometest.ProcessesMentioning(tmp); len(left) > 0 {
		t.Errorf("browser processes left after cancelling:\n%s", strings.Join(left, "\n"))
	}
	if m, _ := filepath.Glob(filepath.Join(tmp, "deskbook-chrome-*")); len(m) > 0 {
		t.Errorf("profile folders left: %v", m)
	}
	if docs, _ := mustStore(t, out).Docs(); len(docs) != 0 {
		t.Errorf("the store has PDFs from an interrupted run: %+v", docs)
	}
}

type writerFunc func([]byte)

func (f writerFunc) Write(p []byte) (int, error) { f(p); return len(p), nil }

// TestReadLayoutRejectsGarbage: a PDF that cannot be read is an error, not
// a panic or an empty layout taken for truth.
func TestReadLayoutRejectsGarbage(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("%PDF-1.4\nnot really"), []byte("<html>")} {
		if _, err := ReadLayout(data); err == nil {
			t.Errorf("ReadLayout(%q) gave no error", data)
		}
	}
}
