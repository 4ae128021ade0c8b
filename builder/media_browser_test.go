package builder

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"deskbook/internal/chrome/chrometest"
	"deskbook/internal/host"
	"deskbook/internal/sitetest"
	"deskbook/themes"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/input"
	"github.com/go-rod/rod/lib/proto"
)

// mediaSite is a two-language site with screenshots (one wide, one inside
// a link) and extra site.yaml settings.
func mediaSite(t *testing.T, settings string) fstest.MapFS {
	return fstest.MapFS{
		"site.yaml": {Data: []byte("title: Acme Help\nlanguages:\n  - code: en\n    name: English\n  - code: uk\n    name: Українська\n" + settings)},
		"en/printers/paper.md": {Data: []byte("---\ntitle: Printer paper jam\nid: 4\nsummary: Clear the jam.\n---\n" +
			"The printer stops and the till shows:\n\n![The error dialog PRN-E04](jam.png)\n\n" +
			"Open the cover. [![The store page](cover.png)](https://example.com/store)\n")},
		"en/printers/jam.png":   {Data: pngOf(t, 1200, 700, false)},
		"en/printers/cover.png": {Data: pngOf(t, 300, 200, false)},
		"uk/printers/paper.md":  {Data: []byte("---\ntitle: Папір застряг у принтері\nid: 4\nsummary: Приберіть папір.\n---\nПринтер зупиняється.\n")},
	}
}

// serveSite builds a site and serves it.
func serveSite(t *testing.T, src fstest.MapFS) *httptest.Server {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default(), Out: out}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(host.Folder(out))
	t.Cleanup(srv.Close)
	return srv
}

// sent is what track.js sends (README.md, "Feedback and analytics"):
// every field it may send, and no other (the collector refuses others).
type sent struct {
	Event    string `json:"event"`
	ID       int    `json:"id"`
	Lang     string `json:"lang"`
	Answer   string `json:"answer"`
	Comment  string `json:"comment"`
	URL      string `json:"url"`
	Title    string `json:"title"`
	Referrer string `json:"referrer"`
	Query    string `json:"query"`
	Results  *int   `json:"results"`
	Result   string `json:"result"`
	Position int    `json:"position"`
}

// collector is a test endpoint: it keeps the JSON bodies POSTed to it.
type collector struct {
	mu     sync.Mutex
	events []sent
	types  []string // Content-Type of each
	srv    *httptest.Server
}

func newCollector(t *testing.T) *collector {
	c := &collector{}
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		body, _ := io.ReadAll(r.Body)
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		var ev sent
		if err := dec.Decode(&ev); err != nil {
			t.Errorf("collector: %v: %s", err, body)
			return
		}
		c.mu.Lock()
		c.events, c.types = append(c.events, ev), append(c.types, r.Header.Get("Content-Type"))
		c.mu.Unlock()
	}))
	t.Cleanup(c.srv.Close)
	return c
}

// wait waits for an event that match accepts, and returns it.
func (c *collector) wait(t *testing.T, what string, match func(sent) bool) sent {
	t.Helper()
	var got sent
	sitetest.Eventually(t, 10*time.Second, what, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, ev := range c.events {
			if match(ev) {
				got = ev
				return true
			}
		}
		return false
	})
	return got
}

// focused says what has the keyboard focus.
func focused(page *rod.Page) string {
	return page.MustEval(`() => { const e = document.activeElement; return e ? e.tagName + "." + e.className : "" }`).Str()
}

// TestZoomByKeyboardAndClick: Tab reaches a screenshot, Enter (or Space)
// opens it whole in a dialog with the focus on its close button, Esc
// closes it and the focus is back on the image; a click opens it and the
// close button closes it. An image inside a link keeps the link.
func TestZoomByKeyboardAndClick(t *testing.T) {
	b := chrometest.Browser(t)
	srv := serveSite(t, mediaSite(t, ""))
	page := b.MustPage(srv.URL + "/en/printers/paper/").MustWaitLoad()
	defer page.MustClose()
	w := watchPage(page, srv.URL)
	chrometest.WaitFor(t, page, 5*time.Second, "the image made a button", `() => !!document.querySelector("button.zoom-open img")`)
	if page.MustEval(`() => !!document.querySelector("a[href='https://example.com/store'] > img") && !document.querySelector("a .zoom-open")`).Bool() != true {
		t.Error("the image inside a link lost its link or got a zoom button")
	}
	if label := page.MustEval(`() => document.querySelector(".zoom-open").getAttribute("aria-label")`).Str(); label != "Enlarge image: The error dialog PRN-E04" {
		t.Errorf("the button's name is %q", label)
	}
	open := func() bool { return page.MustEval(`() => document.querySelector("dialog.zoom").open`).Bool() }
	for i := 0; i < 40 && !strings.HasPrefix(focused(page), "BUTTON.zoom-open"); i++ {
		page.Keyboard.MustType(input.Tab)
	}
	if f := focused(page); f != "BUTTON.zoom-open" {
		t.Fatalf("Tab never reached the screenshot; focus on %s", f)
	}
	for _, key := range []input.Key{input.Enter, input.Space} {
		page.Keyboard.MustType(key)
		chrometest.WaitFor(t, page, 5*time.Second, "the dialog opens", `() => document.querySelector("dialog.zoom").open`)
		if f := focused(page); f != "BUTTON.zoom-close" {
			t.Errorf("%v: focus in the open dialog is on %s, want its close button", key, f)
		}
		// The dialog shows the file itself, at its full size.
		chrometest.WaitFor(t, page, 5*time.Second, "the whole image loads", `() => { const i = document.querySelector("dialog.zoom img"); return i.complete && i.naturalWidth === 1200 && i.getBoundingClientRect().width === 1200 }`)
		page.Keyboard.MustType(input.Escape)
		chrometest.WaitFor(t, page, 5*time.Second, "the dialog closes", `() => !document.querySelector("dialog.zoom").open`)
		if f := focused(page); f != "BUTTON.zoom-open" {
			t.Errorf("%v, Esc: focus went to %s, want back to the image", key, f)
		}
	}
	page.MustElement("button.zoom-open img").MustClick()
	chrometest.WaitFor(t, page, 5*time.Second, "a click opens the dialog", `() => document.querySelector("dialog.zoom").open`)
	page.MustElement("dialog.zoom .zoom-close").MustClick()
	if open() {
		t.Error("the close button did not close the dialog")
	}
	if f := focused(page); f != "BUTTON.zoom-open" {
		t.Errorf("after the close button, focus is on %s", f)
	}
	w.check(t, "zoom")
}

// TestFeedbackReachesEndpoint answers "Was this helpful?" with a comment
// and checks what a local endpoint receives, and what the reader sees.
func TestFeedbackReachesEndpoint(t *testing.T) {
	b := chrometest.Browser(t)
	col := newCollector(t)
	srv := serveSite(t, mediaSite(t, "feedback: "+col.srv.URL+"/feedback\n"))
	page := b.MustPage(srv.URL + "/uk/printers/paper/").MustWaitLoad()
	defer page.MustClose()
	chrometest.WaitFor(t, page, 5*time.Second, "the form shows", `() => !document.querySelector("form.feedback").hidden`)
	page.MustElementR("form.feedback label", "Ні").MustClick()
	page.MustElement("#feedback-comment").MustInput("Не сказано, де кришка")
	page.MustElement("form.feedback button[type=submit]").MustClick()
	ev := col.wait(t, "the answer at the endpoint", func(sent) bool { return true })
	want := sent{Event: "feedback", ID: 4, Lang: "uk", Answer: "no", Comment: "Не сказано, де кришка",
		URL: srv.URL + "/uk/printers/paper/", Title: "Папір застряг у принтері"}
	if ev != want {
		t.Errorf("the endpoint got\n%+v, want\n%+v", ev, want)
	}
	if ct := col.types[0]; ct != "text/plain;charset=UTF-8" {
		t.Errorf("Content-Type %q: want text/plain, which needs no CORS preflight", ct)
	}
	status := waitText(t, page, `() => document.querySelector(".feedback-status").textContent`)
	if status != "Дякуємо! Ваша відповідь допоможе покращити цю статтю." {
		t.Errorf("status %q", status)
	}
	if f := focused(page); f != "P.feedback-status" {
		t.Errorf("after sending, focus is on %s, want the thanks", f)
	}
}

// TestAnalyticsEndpointSearch: with analytics sent to an endpoint, a page
// view is sent, a search that found nothing arrives with zero results
// once the typing pauses, and a chosen result names the query and the
// result.
func TestAnalyticsEndpointSearch(t *testing.T) {
	b := chrometest.Browser(t)
	col := newCollector(t)
	srv := serveSite(t, mediaSite(t, "analytics:\n  provider: endpoint\n  endpoint: "+col.srv.URL+"/collect\n"))
	page := b.MustPage(srv.URL + "/en/").MustWaitLoad()
	defer page.MustClose()
	col.wait(t, "a page view", func(ev sent) bool {
		return ev == sent{Event: "pageview", URL: srv.URL + "/en/", Lang: "en"}
	})
	page.MustElement("#search-q").MustInput("zqxjvkw")
	ev := col.wait(t, "the search that found nothing", func(ev sent) bool { return ev.Event == "search" })
	if ev.Query != "zqxjvkw" || ev.Results == nil || *ev.Results != 0 || ev.Lang != "en" || ev.URL != srv.URL+"/en/" {
		t.Errorf("search event %v, want query zqxjvkw with 0 results", ev)
	}
	page.MustElement("#search-q").MustSelectAllText().MustInput("paper jam")
	chrometest.WaitFor(t, page, 5*time.Second, "a result", `() => !!document.querySelector("#search-results a.search-link")`)
	wait := page.MustWaitNavigation()
	page.MustElement("#search-results a.search-link").MustClick()
	wait()
	ev = col.wait(t, "the chosen result", func(ev sent) bool { return ev.Event == "search-choose" })
	if ev.Query != "paper jam" || ev.Result != srv.URL+"/en/printers/paper/" || ev.Position != 1 || ev.Results != nil {
		t.Errorf("choose event %v", ev)
	}
	col.wait(t, "the search before the choice", func(ev sent) bool {
		return ev.Event == "search" && ev.Query == "paper jam" && ev.Results != nil && *ev.Results == 1
	})
	col.mu.Lock()
	for _, ev := range col.events {
		if ev.Event == "search" && ev.Query != "zqxjvkw" && ev.Query != "paper jam" {
			t.Errorf("a search sent while typing: %v", ev)
		}
	}
	col.mu.Unlock()
}

// TestNothingSentUnlessConfigured: without feedback: and analytics:, pages
// have no form, no track.js and no other script, and reading and searching
// request nothing but the site's own files.
func TestNothingSentUnlessConfigured(t *testing.T) {
	b := chrometest.Browser(t)
	srv := serveSite(t, mediaSite(t, ""))
	page := b.MustPage("")
	defer page.MustClose()
	w := watchPage(page, srv.URL)
	var requests []string
	var mu sync.Mutex
	go page.EachEvent(func(e *proto.NetworkRequestWillBeSent) {
		mu.Lock()
		requests = append(requests, e.Request.URL)
		mu.Unlock()
	})()
	for _, p := range []string{"/en/", "/en/printers/paper/", "/uk/printers/paper/", "/en/search/?q=paper"} {
		page.MustNavigate(srv.URL + p).MustWaitLoad()
		html := page.MustHTML()
		for _, bad := range []string{"feedback", "track.", "plausible", "umami", "gtag", "data-provider"} {
			if strings.Contains(html, bad) {
				t.Errorf("%s holds %q", p, bad)
			}
		}
	}
	page.MustElement("#search-q").MustSelectAllText().MustInput("zqxjvkw")
	chrometest.WaitFor(t, page, 5*time.Second, "the search ran", `() => document.querySelector("#search-status").textContent !== ""`)
	w.check(t, "no settings")
	mu.Lock()
	defer mu.Unlock()
	if len(requests) < 8 {
		t.Errorf("only %d requests seen: the watch is broken", len(requests))
	}
	for _, u := range requests {
		if !strings.HasPrefix(u, srv.URL+"/") && !strings.HasPrefix(u, "data:") {
			t.Errorf("request to %s", u)
		}
	}
}

// TestAxeMedia runs axe-core on what TestAxe's demo pages show only after
// a reader acts: the feedback form and its thanks, and a screenshot's
// zoom dialog open, in both colour schemes, at desktop and phone widths,
// and on a phone with the largest text.
func TestAxeMedia(t *testing.T) {
	if testing.Short() {
		t.Skip("accessibility is checked by the full run, not -short")
	}
	b := chrometest.Browser(t)
	axe := axeSource(t)
	col := newCollector(t)
	srv := serveSite(t, mediaSite(t, "feedback: "+col.srv.URL+"/feedback\n"))
	page := b.MustPage("")
	defer page.MustClose()
	check := func(where string) {
		t.Helper()
		page.MustEval(`js => { if (!window.axe) (0, eval)(js) }`, axe)
		res := page.MustEval(`async () => {
			const r = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}});
			return r.violations.map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")).join("\n");
		}`).Str()
		if res != "" {
			t.Errorf("%s: axe violations:\n%s", where, res)
		}
	}
	for _, scheme := range []string{"light", "dark"} {
		if err := (proto.EmulationSetEmulatedMedia{Features: []*proto.EmulationMediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}).Call(page); err != nil {
			t.Fatal(err)
		}
		for _, view := range []struct {
			width int
			size  string
		}{{1280, "normal"}, {360, "normal"}, {360, "larger"}} {
			width, size := view.width, view.size
			where := fmt.Sprintf("%s, %s text, %d px", scheme, size, width)
			page.MustSetViewport(width, 900, 1, width < 500)
			page.MustNavigate(srv.URL + "/en/printers/paper/").MustWaitLoad()
			page.MustEval(`s => { localStorage.setItem("deskbook:textsize", s) }`, size)
			page.MustReload().MustWaitLoad()
			chrometest.WaitFor(t, page, 5*time.Second, "the form and the zoom button", `() => !document.querySelector("form.feedback").hidden && !!document.querySelector(".zoom-open")`)
			check(where + ", the form")
			page.MustElement("button.zoom-open").MustClick()
			chrometest.WaitFor(t, page, 5*time.Second, "the dialog", `() => document.querySelector("dialog.zoom").open && document.querySelector("dialog.zoom img").complete`)
			check(where + ", the zoom dialog")
			page.Keyboard.MustType(input.Escape)
			// By script: at 360 px the largest text makes the header wider
			// than the screen, and the emulated phone zooms out.
			page.MustEval(`() => { document.querySelector("form.feedback input[value=yes]").click(); document.querySelector("form.feedback").requestSubmit() }`)
			chrometest.WaitFor(t, page, 5*time.Second, "the thanks", `() => document.querySelector(".feedback-status").textContent !== ""`)
			check(where + ", the thanks")
		}
	}
}
