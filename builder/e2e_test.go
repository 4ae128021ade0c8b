package builder

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"deskbook/internal/chrome/chrometest"
	"deskbook/internal/host"
	"deskbook/internal/sitetest"
	"deskbook/themes"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/input"
	"github.com/go-rod/rod/lib/proto"
)

// axeVersion is the axe-core release the accessibility test injects.
const axeVersion = "4.14.1"

// axeSource returns axe-core's script: from $DESKBOOK_AXE, or installed
// once from the npm registry into the user cache. Without npm the test
// skips and says why.
func axeSource(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("DESKBOOK_AXE"); p != "" {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatalf("DESKBOOK_AXE: %v", err)
		}
		return string(b)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "deskbook-test", "axe-core-"+axeVersion)
	file := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	if b, err := os.ReadFile(file); err == nil {
		return string(b)
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		sitetest.Missing(t, "skipping: axe-core is needed and npm is not installed (apt-get install npm, or set DESKBOOK_AXE to axe.min.js)")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(npm, "install", "--no-audit", "--no-fund", "--prefix", dir, "axe-core@"+axeVersion)
	if out, err := cmd.CombinedOutput(); err != nil {
		sitetest.Missing(t, "skipping: npm could not install axe-core (%v):\n%s", err, out)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// demoSite builds the demo content once per test and serves it.
func demoSite(t *testing.T) *httptest.Server {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Config{Source: os.DirFS("../content"), SourceName: "content", Theme: themes.Default(), Out: out}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(host.Folder(out))
	t.Cleanup(srv.Close)
	return srv
}

// watch records a page's console errors, uncaught exceptions and requests
// to any host but the test server.
type watch struct {
	mu       sync.Mutex
	errors   []string
	external []string
}

func watchPage(page *rod.Page, origin string) *watch {
	w := &watch{}
	_ = proto.NetworkEnable{}.Call(page)
	go page.EachEvent(
		func(e *proto.RuntimeExceptionThrown) {
			w.mu.Lock()
			w.errors = append(w.errors, e.ExceptionDetails.Text+" "+e.ExceptionDetails.URL)
			w.mu.Unlock()
		},
		func(e *proto.RuntimeConsoleAPICalled) {
			if e.Type == proto.RuntimeConsoleAPICalledTypeError {
				w.mu.Lock()
				w.errors = append(w.errors, "console.error")
				w.mu.Unlock()
			}
		},
		func(e *proto.NetworkRequestWillBeSent) {
			u := e.Request.URL
			if !strings.HasPrefix(u, origin) && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
				w.mu.Lock()
				w.external = append(w.external, u)
				w.mu.Unlock()
			}
		},
	)()
	return w
}

func (w *watch) check(t *testing.T, where string) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.errors) > 0 {
		t.Errorf("%s: page errors: %v", where, w.errors)
	}
	if len(w.external) > 0 {
		t.Errorf("%s: requests to other hosts: %v", where, w.external)
	}
	w.errors, w.external = nil, nil
}

// TestE2EReader walks the demo site the way a customer does, keyboard
// included, in real Chromium.
func TestE2EReader(t *testing.T) {
	b := chrometest.Browser(t)
	srv := demoSite(t)
	page := b.MustPage("")
	defer page.MustClose()
	w := watchPage(page, srv.URL)

	// Home → category → article by clicking.
	page.MustNavigate(srv.URL + "/en/").MustWaitLoad()
	wait := page.MustWaitNavigation()
	page.MustElementR(".home-categories h2 a", "Error messages").MustClick()
	wait()
	if !strings.HasSuffix(page.MustInfo().URL, "/en/errors/") {
		t.Fatalf("category click landed on %s", page.MustInfo().URL)
	}
	wait = page.MustWaitNavigation()
	page.MustElementR(".entries a", "PRN-E04").MustClick()
	wait()
	if got := page.MustElement("h1").MustText(); got != "PRN-E04: Paper jam" {
		t.Errorf("article h1 %q", got)
	}
	w.check(t, "home → category → article")

	// Search by typing, then the keyboard only: ArrowDown into the results,
	// ArrowDown again, Enter opens the focused result.
	page.MustNavigate(srv.URL + "/en/").MustWaitLoad()
	page.MustElement("#search-q").MustInput("printer")
	results := func() rod.Elements {
		t.Helper()
		chrometest.WaitFor(t, page, 8*time.Second, "two results for printer", `() => document.querySelectorAll("#search-results li a.search-link").length >= 2`)
		return page.MustElements("#search-results li a.search-link")
	}
	els := results()
	if len(els) < 2 {
		t.Fatalf("%d results for printer", len(els))
	}
	second := *els[1].MustAttribute("href")
	page.Keyboard.MustType(input.ArrowDown, input.ArrowDown)
	if focused := page.MustEval(`() => document.activeElement.getAttribute("href")`).Str(); focused != second {
		t.Errorf("two ArrowDowns focus %q, want the second result %q", focused, second)
	}
	page.Keyboard.MustType(input.Enter)
	page.MustWaitLoad()
	if !strings.Contains(page.MustInfo().URL, strings.TrimPrefix(strings.TrimPrefix(second, "../"), "./")) {
		t.Errorf("Enter on a result went to %s, want %s", page.MustInfo().URL, second)
	}
	// The status line tells screen readers how many results there are.
	page.MustNavigate(srv.URL + "/en/search/?q=printer").MustWaitLoad()
	if n := len(results()); n < 2 {
		t.Errorf("deep link /en/search/?q=printer shows %d results", n)
	}
	if s := page.MustElement("#search-status").MustText(); s == "" {
		t.Error("search status is empty: screen readers hear nothing")
	}
	w.check(t, "search")

	// A checklist keeps its ticks after a reload.
	page.MustNavigate(srv.URL + "/en/troubleshooting/").MustWaitLoad()
	var checklist string
	for _, a := range page.MustElements(".entries li") {
		if strings.Contains(a.MustText(), "Checklist") {
			checklist = *a.MustElement("a").MustAttribute("href")
			break
		}
	}
	if checklist == "" {
		t.Fatal("no checklist in troubleshooting")
	}
	page.MustNavigate(srv.URL + "/en/troubleshooting/" + checklist).MustWaitLoad()
	boxes := page.MustElements("li.task input[type=checkbox]")
	if len(boxes) < 2 {
		t.Fatalf("checklist has %d boxes", len(boxes))
	}
	boxes[1].MustClick()
	page.MustReload().MustWaitLoad()
	ticked := page.MustEval(`() => [...document.querySelectorAll("li.task input[type=checkbox]")].map(b => b.checked).join(",")`).Str()
	if !strings.HasPrefix(ticked, "false,true") {
		t.Errorf("after reload the boxes are %s, want the second ticked", ticked)
	}
	w.check(t, "checklist")

	// The text-size control makes text larger, and the choice holds on
	// the next page.
	base := page.MustEval(`() => parseFloat(getComputedStyle(document.querySelector(".body p")).fontSize)`).Num()
	page.MustElement(`.textsize button[data-textsize="larger"]`).MustClick()
	if got := page.MustEval(`() => document.documentElement.dataset.textsize || ""`).Str(); got != "larger" {
		t.Errorf("after A++ the page's text size is %q", got)
	}
	page.MustNavigate(srv.URL + "/en/errors/prn-e04-paper-jam/").MustWaitLoad()
	big := page.MustEval(`() => parseFloat(getComputedStyle(document.querySelector(".body p")).fontSize)`).Num()
	if big < base*1.3 {
		t.Errorf("larger text is %.1f px, normal %.1f px", big, base)
	}
	if pressed := page.MustElement(`.textsize button[data-textsize="larger"]`).MustAttribute("aria-pressed"); pressed == nil || *pressed != "true" {
		t.Errorf("A++ is not shown as pressed on the next page")
	}
	page.MustElement(`.textsize button[data-textsize="normal"]`).MustClick()
	if got := page.MustEval(`() => parseFloat(getComputedStyle(document.querySelector(".body p")).fontSize)`).Num(); got != base {
		t.Errorf("back to normal: %.1f px, want %.1f px", got, base)
	}
	w.check(t, "text size")

	// Dark mode follows the system, with light text on a dark background.
	if err := (proto.EmulationSetEmulatedMedia{Features: []*proto.EmulationMediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}).Call(page); err != nil {
		t.Fatal(err)
	}
	bg := page.MustEval(`() => getComputedStyle(document.body).backgroundColor`).Str()
	if bg != "rgb(21, 24, 28)" {
		t.Errorf("dark mode background %s", bg)
	}
	_ = (proto.EmulationSetEmulatedMedia{}).Call(page)
}

// TestE2EPhone opens every page type at 360 px and checks that nothing
// scrolls sideways.
func TestE2EPhone(t *testing.T) {
	b := chrometest.Browser(t)
	srv := demoSite(t)
	page := b.MustPage("")
	defer page.MustClose()
	w := watchPage(page, srv.URL)
	page.MustSetViewport(360, 740, 2, true)
	for _, p := range demoPages {
		page.MustNavigate(srv.URL + p).MustWaitLoad()
		if over := page.MustEval(`() => document.documentElement.scrollWidth - document.documentElement.clientWidth`).Int(); over > 0 {
			t.Errorf("%s scrolls sideways by %d px at 360 px", p, over)
		}
		w.check(t, p)
	}
}

// demoPages is one of every page type of the demo, in all three languages;
// #menu opens the header's menu.
var demoPages = []string{
	"/en/", "/en/errors/", "/en/errors/prn-e04-paper-jam/", "/en/errors/windows-0x80070005/",
	"/en/troubleshooting/", "/en/troubleshooting/restart-first/", "/en/account/collect-log-file/",
	"/en/changelog/", "/en/changelog/2-4-0/", "/en/search/?q=printer", "/404.html",
	"/uk/", "/uk/errors/prn-e04-paper-jam/", "/uk/changelog/", "/ru/", "/ru/search/?q=принтер",
	"/en/print/", "/en/errors/prn-e04-paper-jam/#menu",
	"/en/contact-support/take-a-screenshot/", "/uk/contact-support/take-a-screenshot/", // tabs, details, notes, an include
}

// TestAxe runs axe-core (every WCAG A, AA and AAA rule plus best
// practices) on every page type of the demo, in both colour schemes, at
// desktop and phone widths. AAA includes 7:1 contrast for body text.
func TestAxe(t *testing.T) {
	if testing.Short() {
		// Axe checks the pages' HTML and CSS, which -short (the race
		// detector's run in make test) does not change; the full run
		// has it.
		t.Skip("accessibility is checked by the full run, not -short")
	}
	b := chrometest.Browser(t)
	axe := axeSource(t)
	srv := demoSite(t)
	page := b.MustPage("")
	defer page.MustClose()
	for _, scheme := range []string{"light", "dark"} {
		if err := (proto.EmulationSetEmulatedMedia{Features: []*proto.EmulationMediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}).Call(page); err != nil {
			t.Fatal(err)
		}
		for _, width := range []int{1280, 360} {
			page.MustSetViewport(width, 900, 1, width < 500)
			for _, p := range demoPages {
				page.MustNavigate(srv.URL + p).MustWaitLoad()
				if strings.Contains(p, "?q=") {
					page.MustWait(`() => document.querySelectorAll("#search-results li").length > 0`)
				}
				if strings.HasSuffix(p, "#menu") { // the header's menu open (on a phone; the button is hidden on wide screens)
					page.MustEval(`() => { const b = document.querySelector(".menu-toggle"); if (b.getClientRects().length) b.click() }`)
				}
				page.MustEval(`js => { if (!window.axe) (0, eval)(js) }`, axe)
				res := page.MustEval(`async () => {
					const r = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}});
					return r.violations.map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")).join("\n");
				}`).Str()
				if res != "" {
					t.Errorf("%s, %s, %d px: axe violations:\n%s", p, scheme, width, res)
				}
			}
		}
	}
}
