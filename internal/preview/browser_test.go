package preview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deskbook/builder"
	"deskbook/internal/chrome/chrometest"
	"deskbook/internal/sitetest"
	"deskbook/themes"

	"github.com/go-rod/rod"
)

// TestServeBrowser opens a served page in Chromium and edits its article:
// the page reloads by itself at the same scroll position; a mistake shows
// over the page with its file, line and message, and fixing it clears that.
func TestServeBrowser(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	sitetest.WriteTree(t, src, sitetest.Small)
	article := filepath.Join(src, "errors", "disk-full.md")
	orig, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	long := string(orig) + strings.Repeat("\nA paragraph long enough to make the page scroll well past one screen.\n", 120)
	sitetest.WriteFile(t, article, long)
	s := startServe(t, builder.Config{Source: os.DirFS(src), SourceName: "content", Theme: themes.Default()}, Options{SourceDir: src})

	b := chrometest.Browser(t)
	page := b.MustPage(s.base + "/en/errors/disk-full/").MustWaitLoad()
	defer page.MustClose()
	listening := func() {
		t.Helper()
		waitFor(t, page, "the live-reload script to listen", `() => document.documentElement.hasAttribute("data-deskbook-live")`)
	}
	listening()
	page.MustEval(`() => { window.scrollTo(0, 1500); window.deskbookTestMarker = 1; }`)

	start := time.Now()
	sitetest.WriteFile(t, article, strings.Replace(long, "The app stopped writing.", "The app stopped writing: edited.", 1))
	waitFor(t, page, "the page to reload with the edit", `() => !window.deskbookTestMarker && document.body.textContent.includes("stopped writing: edited") && document.readyState === "complete"`)
	t.Logf("edit to reloaded page: %s", time.Since(start).Round(time.Millisecond))
	listening()
	if y := page.MustEval(`() => window.scrollY`).Int(); y < 1450 || y > 1550 {
		t.Errorf("scroll position after reload: %d, want about 1500", y)
	}

	page.MustEval(`() => { window.deskbookTestMarker = 2; }`)
	sitetest.WriteFile(t, article, "---\ntitle: \"Error E42\"\nid: 42\nkind: eror\n---\nBody\n")
	waitFor(t, page, "the error overlay", `() => !!document.getElementById("deskbook-errors")`)
	text := page.MustElement("#deskbook-errors").MustText()
	if !strings.Contains(text, "content/errors/disk-full.md:4: ") || !strings.Contains(text, `kind "eror"`) {
		t.Errorf("overlay says %q, want the file, line and message", text)
	}
	if page.MustEval(`() => window.deskbookTestMarker`).Int() != 2 || !strings.Contains(page.MustEval(`() => document.body.textContent`).Str(), "stopped writing: edited") {
		t.Error("a failed build replaced the last good page")
	}

	sitetest.WriteFile(t, article, long)
	waitFor(t, page, "the fix to clear the overlay", `() => !window.deskbookTestMarker && !document.getElementById("deskbook-errors") && !document.body.textContent.includes("stopped writing: edited")`)
}

// waitFor waits until js returns true in the page.
func waitFor(t *testing.T, page *rod.Page, what, js string) {
	t.Helper()
	chrometest.WaitFor(t, page, 10*time.Second, what, js)
}
