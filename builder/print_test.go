package builder

import (
	"context"
	"deskbook/internal/diag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/themes"
)

// printSite has what the print book must get right: two categories, links
// between articles by path, by short link and to a section, a link to a
// release note (which the book leaves out), footnotes in two articles,
// code, a checklist and an image.
const printSite = `
-- site.yaml --
title: "Acme Help"
base_url: "https://help.acme.example/docs/"
product: Acme
version: "1.2.0"
languages:
  - code: en
    name: English
-- errors/_category.yaml --
title: "Error messages"
order: 1
description: "What errors mean."
-- errors/disk-full.md --
---
title: "Error E42: disk is full"
id: 42
kind: error
summary: "The disk has no room left."
errors: ["E42"]
---
The app stopped writing.[^1]

## How to fix it

1. Free space. See [the checklist](../checks/before-you-call.md#restart-the-app).
2. Restart, as in [our short link](/a/7/).
3. Read [what changed](../changelog/v1-2.md) and [the log](#how-to-fix-it).

![The disk meter](meter.png)

[^1]: Since 1.2.0.

` + "```go\nfunc main() { fmt.Println(\"<hi>\") }\n```" + `
-- errors/meter.png --
PNG
-- checks/_category.yaml --
title: "Checks"
order: 2
-- checks/before-you-call.md --
---
title: "Before you call"
id: 7
kind: checklist
---
## Restart the app

- [ ] Close the app
- [x] Open it again

Done.[^1]

[^1]: Really.
-- changelog/v1-2.md --
---
title: "Acme 1.2.0"
id: 100
kind: changelog
version: "1.2.0"
date: 2026-09-01
---
Fixed.
`

// TestPrintBook checks the print book: every article but release notes, by
// category, with a table of contents, headings one level down, anchors
// unique in the page and links between articles turned into links inside
// it.
func TestPrintBook(t *testing.T) {
	_, out := mustBuild(t, printSite)
	book := read(t, out, "en/print/index.html")
	contains(t, "print book", book,
		`<link rel="stylesheet" href="../../assets/print.`, // for the screen too, not only media=print
		`<p class="book-title">Acme Help</p>`, `Version 1.2.0`,
		`<a class="url" href="https://help.acme.example/docs/en/">https://help.acme.example/docs/en/</a>`,
		`<svg class="qr"`,
		`<h1 id="book-contents">Contents</h1>`,
		`<a href="#c-errors"><span class="t">Error messages</span><span class="dots"></span><span class="pn" data-for="c-errors"></span></a>`,
		`<a href="#a42"><span class="t">Error E42: disk is full</span>`,
		`<h1 id="c-errors">Error messages</h1>`,
		`<h2 id="a42">Error E42: disk is full</h2>`,
		`<h3 id="a42-how-to-fix-it">How to fix it</h3>`, // h2 → h3, anchor made unique
		`<a href="#a7-restart-the-app">the checklist</a>`,
		`<a href="#a7">our short link</a>`,
		`<a href="../changelog/v1-2/">what changed</a>`, // not in the book: the web page, relative to the book
		`<a href="#a42-how-to-fix-it">the log</a>`,
		`<img src="../errors/meter.png" alt="The disk meter">`,
		`<pre class="print-code"><code>func main() { fmt.Println(&#34;&lt;hi&gt;&#34;) }`, // plain, escaped
		`<input type="checkbox">`,
		`Short link: <a class="url" href="https://help.acme.example/docs/a/42/">https://help.acme.example/docs/a/42/</a>`,
		`<code>E42</code>`,
	)
	if strings.Contains(book, `id="a100"`) || strings.Contains(book, "Fixed.") {
		t.Errorf("release notes are not part of the print book")
	}
	if strings.Contains(book, `class="anchor"`) || strings.Contains(book, `class="chroma"`) {
		t.Errorf("section link icons and highlighting do not belong on paper")
	}
	if i, j := strings.Index(book, `id="c-errors"`), strings.Index(book, `id="c-checks"`); i < 0 || j < i {
		t.Errorf("categories out of order")
	}
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(book, -1) {
		if seen[m[1]] {
			t.Errorf("id %q twice in the print book", m[1])
		}
		seen[m[1]] = true
	}
	for _, want := range []string{"a42-fn:1", "a7-fn:1"} { // goldmark's footnote IDs, per article
		if !seen[want] {
			t.Errorf("no footnote id %q", want)
		}
	}
	// The web page of the article is as before.
	art := read(t, out, "en/errors/disk-full/index.html")
	contains(t, "article", art, `<h2 id="how-to-fix-it">How to fix it <a class="anchor"`, `id="fn:1"`, `class="chroma"`)
}

// TestPrintFooter checks what every page prints at its end: the short link
// (absolute with a base_url), a QR code to the page and the printing date
// that the script fills in; and the text-size control.
func TestPrintFooter(t *testing.T) {
	_, out := mustBuild(t, printSite)
	art := read(t, out, "en/errors/disk-full/index.html")
	contains(t, "article", art,
		`<link rel="stylesheet" href="../../../assets/print.`, `media="print">`,
		`<p>Short link: <span class="url">https://help.acme.example/docs/a/42/</span></p>`,
		`<svg class="qr"`, `aria-label="Scan to open this page online"`,
		`<time class="printed-on" data-months="January,February,`,
		`<div class="textsize" role="group" aria-label="Text size" hidden>`,
		`data-textsize="larger"`,
		`<a href="../../print/">The whole help centre, ready to print</a>`,
		`localStorage.getItem("deskbook:textsize")`,
	)
	home := read(t, out, "en/index.html")
	contains(t, "home", home, `<h2 id="on-paper">Read on paper</h2>`, `<a href="print/">`)
	if strings.Contains(home, `class="qr"`) {
		t.Errorf("only articles and the print book carry a QR code")
	}

	// Without base_url there is no address for a QR code, and the short
	// link is from the site's root.
	noBase := strings.Replace(printSite, `base_url: "https://help.acme.example/docs/"`, "", 1)
	_, out = mustBuild(t, noBase)
	art = read(t, out, "en/errors/disk-full/index.html")
	contains(t, "article without base_url", art, `<p>Short link: <span class="url">/a/42/</span></p>`)
	if strings.Contains(art, `class="qr"`) {
		t.Errorf("a QR code needs a full address")
	}
}

// buildWithPDFs builds a txtar site into out with a PDF store.
func buildWithPDFs(t *testing.T, src fstest.MapFS, out string) (*Result, error) {
	t.Helper()
	return Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default(), Out: out, PDFs: PDFDir(out)})
}

// TestPDFsSurviveBuilds checks how PDFs from "deskbook pdf" get into the
// site: from the store beside the output, on every build, as long as their
// fingerprint matches the content, with links from the home page and the
// articles; out of date or damaged, they are left out with a warning.
func TestPDFsSurviveBuilds(t *testing.T) {
	src := siteFS(t, printSite)
	out := filepath.Join(t.TempDir(), "public")
	res, err := buildWithPDFs(t, src, out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "en", "print", "faq.pdf")); err == nil {
		t.Fatalf("a PDF before any was printed")
	}
	if strings.Contains(read(t, out, "en/index.html"), ".pdf") {
		t.Fatalf("the home page links a PDF that does not exist")
	}
	docs, err := res.Printables()
	if err != nil || len(docs) != 2 || docs[0].File != "faq.pdf" || docs[1].File != "faq-large.pdf" || !docs[1].Large || !docs[0].Book {
		t.Fatalf("printables = %+v, %v", docs, err)
	}
	if docs[0].Count != 2 || docs[0].Page != "en/print/" || !strings.Contains(docs[0].Footer, `content: "Page " counter(page) " of " counter(pages)`) {
		t.Errorf("book printable = %+v", docs[0])
	}
	arts, err := res.Printables(42)
	if err != nil || len(arts) != 1 || arts[0].File != "article-42.pdf" || arts[0].Page != "en/errors/disk-full/" {
		t.Fatalf("article printables = %+v, %v", arts, err)
	}
	if _, err := res.Printables(999); err == nil {
		t.Errorf("no error for an unknown article")
	}
	fake := []byte("%PDF-1.4\n% a stand-in; the build only copies it\n")
	for _, d := range append(docs, arts[0]) {
		doc := d.PDFDoc
		doc.Pages, doc.Paper, doc.Printed = 12, "a4", "2026-11-23"
		if err := SavePDF(PDFDir(out), doc, fake); err != nil {
			t.Fatal(err)
		}
	}

	// Built twice: the double-buffered write swaps folders each time, and
	// the PDFs must be in both.
	for i := range 2 {
		res, err := buildWithPDFs(t, src, out)
		if err != nil {
			t.Fatal(err)
		}
		// The fixture's lint warnings (no summary, a stand-in image) are
		// expected; nothing about the PDFs may be.
		for _, d := range res.Diagnostics {
			if d.Severity == diag.Error || strings.Contains(d.Msg, "PDF") {
				t.Errorf("build %d: %v", i, d)
			}
		}
		if got := read(t, out, "en/print/faq.pdf"); got != string(fake) {
			t.Fatalf("build %d: faq.pdf = %q", i, got)
		}
		read(t, out, "en/print/faq-large.pdf")
		home := read(t, out, "en/index.html")
		contains(t, "home", home,
			`<a href="print/faq.pdf" type="application/pdf">The whole help centre as a PDF</a> <span class="muted">(PDF, 12 pages, `+byteSize(int64(len(fake)))+`)</span>`,
			`<a href="print/faq-large.pdf" type="application/pdf">The whole help centre as a PDF in large print</a>`)
		art := read(t, out, "en/errors/disk-full/index.html")
		contains(t, "article", art,
			`<a href="../../print/faq.pdf" type="application/pdf">`,
			`<a href="../../print/article-42.pdf" type="application/pdf">This article as a PDF</a>`)
		if strings.Contains(read(t, out, "en/checks/before-you-call/index.html"), "article-7.pdf") {
			t.Errorf("an article without a PDF links one")
		}
	}

	// Changed content: the book's PDFs and the changed article's are out
	// of date and left out; links go with them.
	changed := siteFS(t, strings.Replace(printSite, "The app stopped writing.", "The app stopped.", 1))
	res, err = buildWithPDFs(t, changed, out)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(fmt.Sprint(res.Diagnostics), "out of date"); n != 3 {
		t.Errorf("want 3 out-of-date warnings, got:\n%s", res.Diagnostics)
	}
	for _, p := range []string{"en/print/faq.pdf", "en/print/faq-large.pdf", "en/print/article-42.pdf"} {
		if _, err := os.Stat(filepath.Join(out, p)); err == nil {
			t.Errorf("%s is out of date but still in the site", p)
		}
	}
	if strings.Contains(read(t, out, "en/index.html"), ".pdf") {
		t.Errorf("links to PDFs that are out of date")
	}
	// Back to what was printed: the PDFs are current again.
	if _, err := buildWithPDFs(t, src, out); err != nil {
		t.Fatal(err)
	}
	read(t, out, "en/print/faq.pdf")

	// A damaged PDF is left out, never copied.
	if err := os.WriteFile(filepath.Join(PDFDir(out), "en", "faq.pdf"), []byte("%PDF-1.4 cut"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = buildWithPDFs(t, src, out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fmt.Sprint(res.Diagnostics), "faq.pdf: warning: missing or damaged") {
		t.Errorf("no warning for a damaged PDF:\n%s", res.Diagnostics)
	}
	if _, err := os.Stat(filepath.Join(out, "en", "print", "faq.pdf")); err == nil {
		t.Errorf("a damaged PDF was copied into the site")
	}
	read(t, out, "en/print/faq-large.pdf")
}

// TestPrintFingerprint checks what makes a PDF out of date: the content and
// the theme, not the time of the build.
func TestPrintFingerprint(t *testing.T) {
	fp := func(archive string) string {
		res, _ := mustBuild(t, archive)
		docs, err := res.Printables()
		if err != nil {
			t.Fatal(err)
		}
		return docs[0].Fingerprint
	}
	base := fp(printSite)
	if fp(printSite) != base {
		t.Errorf("the same content has two fingerprints")
	}
	for name, changed := range map[string]string{
		"body":     strings.Replace(printSite, "Close the app", "Quit the app", 1),
		"title":    strings.Replace(printSite, "Before you call", "Before calling", 1),
		"version":  strings.Replace(printSite, `version: "1.2.0"`, `version: "1.3.0"`, 1),
		"base_url": strings.Replace(printSite, "help.acme.example", "help.acme.test", 1),
	} {
		if fp(changed) == base {
			t.Errorf("changing the %s leaves the book's fingerprint as it was", name)
		}
	}
	if fp(strings.Replace(printSite, "Fixed.", "Fixed twice.", 1)) != base {
		t.Errorf("a release note, which the book leaves out, changed its fingerprint")
	}
}
