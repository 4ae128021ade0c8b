package builder

import (
	"regexp"
	"strings"
	"testing"

	"deskbook/internal/sitetest"
)

// TestPrintBook checks the print book: every article but release notes, by
// category, with a table of contents, headings one level down, anchors
// unique in the page and links between articles turned into links inside
// it.
func TestPrintBook(t *testing.T) {
	_, out := mustBuild(t, sitetest.Print)
	book := sitetest.Read(t, out, "en/print/index.html")
	sitetest.Contains(t, "print book", book,
		`<link rel="stylesheet" href="../../assets/print.`, // for the screen too, not only media=print
		`<p class="book-title">Acme Help</p>`, `Version 1.2.0`,
		`<a class="url" href="https://help.acme.example/docs/en/">https://help.acme.example/docs/en/</a>`,
		`<img class="qr" src="data:image/png;base64,`,
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
		`<pre tabindex="0" class="print-code"><code>func main() { fmt.Println(&#34;&lt;hi&gt;&#34;) }`, // plain, escaped
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
	art := sitetest.Read(t, out, "en/errors/disk-full/index.html")
	sitetest.Contains(t, "article", art, `<h2 id="how-to-fix-it">How to fix it <a class="anchor"`, `id="fn:1"`, `class="chroma"`)
}

// TestPrintFooter checks what every page prints at its end: the short link
// (absolute with a base_url), a QR code to the page and the printing date
// that the script fills in, with the month names of the language's
// interface script; and the text-size control's words and saved size.
func TestPrintFooter(t *testing.T) {
	_, out := mustBuild(t, sitetest.Print)
	art := sitetest.Read(t, out, "en/errors/disk-full/index.html")
	sitetest.Contains(t, "article", art,
		`<link rel="stylesheet" href="../../../assets/print.`, `media="print">`,
		`<p>Short link: <span class="url">https://help.acme.example/docs/a/42/</span></p>`,
		`<img class="qr" src="data:image/png;base64,`, `alt="Scan to open this page online">`,
		`<time class="printed-on"></time>`,
		`<script src="../../../assets/ui-en.`,
		`<a href="../../print/">The whole help centre, ready to print</a>`,
		`localStorage.getItem("deskbook:textsize")`,
	)
	sitetest.Contains(t, "ui-en.js", readAsset(t, out, "ui-en."),
		`"TextSize":"Text size"`, `"TextLarger":"Larger text"`, `"Months":["January","February",`)
	home := sitetest.Read(t, out, "en/index.html")
	sitetest.Contains(t, "home", home, `<h2 id="on-paper">Read on paper</h2>`, `<a href="print/">`)
	if strings.Contains(home, `class="qr"`) {
		t.Errorf("only articles and the print book carry a QR code")
	}

	// Without base_url there is no address for a QR code, and the short
	// link is from the site's root.
	noBase := strings.Replace(sitetest.Print, `base_url: "https://help.acme.example/docs/"`, "", 1)
	_, out = mustBuild(t, noBase)
	art = sitetest.Read(t, out, "en/errors/disk-full/index.html")
	sitetest.Contains(t, "article without base_url", art, `<p>Short link: <span class="url">/a/42/</span></p>`)
	if strings.Contains(art, `class="qr"`) {
		t.Errorf("a QR code needs a full address")
	}
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
	base := fp(sitetest.Print)
	if fp(sitetest.Print) != base {
		t.Errorf("the same content has two fingerprints")
	}
	for name, changed := range map[string]string{
		"body":     strings.Replace(sitetest.Print, "Close the app", "Quit the app", 1),
		"title":    strings.Replace(sitetest.Print, "Before you call", "Before calling", 1),
		"version":  strings.Replace(sitetest.Print, `version: "1.2.0"`, `version: "1.3.0"`, 1),
		"base_url": strings.Replace(sitetest.Print, "help.acme.example", "help.acme.test", 1),
	} {
		if fp(changed) == base {
			t.Errorf("changing the %s leaves the book's fingerprint as it was", name)
		}
	}
	if fp(strings.Replace(sitetest.Print, "Fixed.", "Fixed twice.", 1)) != base {
		t.Errorf("a release note, which the book leaves out, changed its fingerprint")
	}
}
