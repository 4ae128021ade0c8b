package pdf

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/builder"
	"deskbook/internal/diag"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

// buildWithPDFs builds a txtar site into out with a PDF store.
func buildWithPDFs(t *testing.T, src fstest.MapFS, out string) (*builder.Result, error) {
	t.Helper()
	return builder.Build(context.Background(), builder.Config{Source: src, SourceName: "content", Theme: themes.Default(), Out: out, PDFs: mustStore(t, out)})
}

// TestPDFsSurviveBuilds checks how PDFs from "deskbook pdf" get into the
// site: from the store in the cache, on every build, as long as their
// fingerprint matches the content, with links from the home page and the
// articles; out of date or damaged, they are left out with a warning.
func TestPDFsSurviveBuilds(t *testing.T) {
	src := sitetest.FS(t, sitetest.Print)
	out := filepath.Join(t.TempDir(), "public")
	res, err := buildWithPDFs(t, src, out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "en", "print", "faq.pdf")); err == nil {
		t.Fatalf("a PDF before any was printed")
	}
	if strings.Contains(sitetest.Read(t, out, "en/index.html"), ".pdf") {
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
		if err := mustStore(t, out).Save(doc, fake); err != nil {
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
		if got := sitetest.Read(t, out, "en/print/faq.pdf"); got != string(fake) {
			t.Fatalf("build %d: faq.pdf = %q", i, got)
		}
		sitetest.Read(t, out, "en/print/faq-large.pdf")
		home := sitetest.Read(t, out, "en/index.html")
		sitetest.Contains(t, "home", home,
			`<a href="print/faq.pdf" type="application/pdf">The whole help centre as a PDF</a> <span class="muted">(PDF, 12 pages, 48 B)</span>`,
			`<a href="print/faq-large.pdf" type="application/pdf">The whole help centre as a PDF in large print</a>`)
		art := sitetest.Read(t, out, "en/errors/disk-full/index.html")
		sitetest.Contains(t, "article", art,
			`<a href="../../print/faq.pdf" type="application/pdf">`,
			`<a href="../../print/article-42.pdf" type="application/pdf">This article as a PDF</a>`)
		if strings.Contains(sitetest.Read(t, out, "en/checks/before-you-call/index.html"), "article-7.pdf") {
			t.Errorf("an article without a PDF links one")
		}
	}

	// Changed content: the book's PDFs and the changed article's are out
	// of date and left out; links go with them.
	changed := sitetest.FS(t, strings.Replace(sitetest.Print, "The app stopped writing.", "The app stopped.", 1))
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
	if strings.Contains(sitetest.Read(t, out, "en/index.html"), ".pdf") {
		t.Errorf("links to PDFs that are out of date")
	}
	// Back to what was printed: the PDFs are current again.
	if _, err := buildWithPDFs(t, src, out); err != nil {
		t.Fatal(err)
	}
	sitetest.Read(t, out, "en/print/faq.pdf")

	// A damaged PDF is left out, never copied.
	if err := os.WriteFile(filepath.Join(mustStore(t, out).Dir, "en", "faq.pdf"), []byte("%PDF-1.4 cut"), 0o644); err != nil {
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
	sitetest.Read(t, out, "en/print/faq-large.pdf")
}

func mustStore(t testing.TB, out string) *Store {
	t.Helper()
	s, err := StoreFor(out)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
