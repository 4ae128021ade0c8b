package builder

import (
	"strings"
	"testing"
	"time"

	"deskbook/internal/chrome/chrometest"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/input"
)

// TestPhoneHeader: on a phone the header leaves the screen to the article
// (at most 120 px at 360 and 390 px wide), the search box shows without a
// tap, and text size, contact and languages are still there, behind a menu
// button a keyboard opens, walks and closes.
func TestPhoneHeader(t *testing.T) {
	b := chrometest.Browser(t)
	srv := demoSite(t)
	page := b.MustPage("")
	defer page.MustClose()
	w := watchPage(page, srv.URL)
	for _, width := range []int{360, 390} {
		for _, p := range []string{"/en/errors/prn-e04-paper-jam/", "/uk/errors/windows-0x80070005/"} {
			page.MustSetViewport(width, 800, 2, true)
			page.MustNavigate(srv.URL + p).MustWaitLoad()
			if h := page.MustEval(`() => document.querySelector("main").getBoundingClientRect().top`).Num(); h > 120.5 {
				t.Errorf("%s at %d px: the article starts %.0f px down, want at most 120", p, width, h)
			}
			if box := page.MustEval(`() => document.querySelector("#search-q").getBoundingClientRect().width`).Num(); box < 150 {
				t.Errorf("%s at %d px: the search box is %.0f px wide without a tap", p, width, box)
			}
			if shown := page.MustEval(`() => document.querySelector(".textsize button").getClientRects().length`).Int(); shown != 0 {
				t.Errorf("%s at %d px: the text size buttons show before the menu is opened", p, width)
			}
			reached := menuByKeyboard(t, page)
			for _, want := range []string{"size:normal", "size:large", "size:larger", "contact", "lang:en", "lang:uk", "lang:ru"} {
				if !strings.Contains(reached, "\n"+want+"\n") {
					t.Errorf("%s at %d px: Tab through the open menu never reaches %q; it reaches:\n%s", p, width, want, reached)
				}
			}
			w.check(t, p)
		}
	}
	// A size chosen from the menu applies.
	page.MustElement(".menu-toggle").MustClick()
	page.MustElement(`.textsize button[data-textsize="large"]`).MustClick()
	if got := page.MustEval(`() => document.documentElement.dataset.textsize || ""`).Str(); got != "large" {
		t.Errorf("A+ from the phone menu: text size %q", got)
	}
}

// TestLargestTextFitsAPhone: with the largest text size on a 360 px
// phone, no page and no heading is wider than its room, so a reader who needs large
// text never scrolls sideways to read a line: long words in headings
// (Troubleshooting, Повідомлення) break, and a card's count goes below
// its title. Code blocks scroll inside themselves.
func TestLargestTextFitsAPhone(t *testing.T) {
	b := chrometest.Browser(t)
	srv := demoSite(t)
	page := b.MustPage("")
	defer page.MustClose()
	page.MustSetViewport(360, 800, 2, true)
	page.MustNavigate(srv.URL + "/en/").MustWaitLoad()
	page.MustEval(`() => localStorage.setItem("deskbook:textsize", "larger")`)
	for _, p := range []string{"/en/", "/uk/", "/ru/", "/en/errors/", "/uk/errors/", "/en/errors/prn-e04-paper-jam/", "/uk/errors/windows-0x80070005/", "/en/search/?q=printer", "/en/changelog/", "/uk/print/"} {
		page.MustNavigate(srv.URL + p).MustWaitLoad()
		wide := page.MustEval(`() => {
			const vw = document.documentElement.clientWidth;
			if (document.documentElement.dataset.textsize !== "larger") return "the text size is not applied";
			for (const h of document.querySelectorAll("h1, h2, h3, h4")) {
				if (h.scrollWidth > h.clientWidth + 1 && h.getClientRects().length) return "the heading " + JSON.stringify(h.textContent.trim().slice(0, 30)) + " is " + h.scrollWidth + " px wide in " + h.clientWidth;
			}
			if (document.documentElement.scrollWidth <= vw) return "";
			const out = [];
			for (const e of document.querySelectorAll("body *")) {
				const r = e.getBoundingClientRect();
				if (r.right > vw + 1 && r.width > 0 && !e.closest("pre")) out.push(e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " (" + e.textContent.trim().slice(0, 30) + ") ends at " + Math.round(r.right));
			}
			return "the page is " + document.documentElement.scrollWidth + " px wide: " + out.slice(0, 4).join("; ");
		}`).Str()
		if wide != "" {
			t.Errorf("%s, largest text at 360 px: %s", p, wide)
		}
	}
}

// menuByKeyboard opens the header menu with Enter, tabs through it to the
// search box, checks that Escape closes it onto its button, and returns
// what Tab reached, one a line: size:<size>, contact, lang:<code>.
func menuByKeyboard(t *testing.T, page *rod.Page) string {
	t.Helper()
	if page.MustEval(`() => document.querySelector(".menu-toggle").getClientRects().length`).Int() == 0 {
		t.Fatal("no menu button shows: text size, contact and languages cannot be reached")
	}
	toggle := page.MustElement(".menu-toggle")
	toggle.MustFocus()
	page.Keyboard.MustType(input.Enter)
	if got := *toggle.MustAttribute("aria-expanded"); got != "true" {
		t.Fatalf("Enter on the menu button: aria-expanded=%s", got)
	}
	var reached []string
	for i := 0; i < 20; i++ {
		page.Keyboard.MustType(input.Tab)
		at := page.MustEval(`() => {
			const e = document.activeElement;
			if (e.id === "search-q") return "";
			if (e.dataset.textsize) return "size:" + e.dataset.textsize;
			if (e.matches(".header-contact")) return "contact";
			return e.hreflang ? "lang:" + e.hreflang : e.outerHTML.slice(0, 60);
		}`).Str()
		if at == "" {
			break
		}
		reached = append(reached, at)
	}
	toggle.MustFocus()
	page.Keyboard.MustType(input.Escape)
	if got := *toggle.MustAttribute("aria-expanded"); got != "false" {
		t.Errorf("Escape: the menu is still open")
	}
	return "\n" + strings.Join(reached, "\n") + "\n"
}

// TestSlashFocusesSearch: "/" moves to the search box, except while typing
// in a field and with Ctrl.
func TestSlashFocusesSearch(t *testing.T) {
	b := chrometest.Browser(t)
	srv := demoSite(t)
	page := b.MustPage("")
	defer page.MustClose()
	for _, width := range []int{1280, 360} {
		page.MustSetViewport(width, 800, 1, width < 500)
		page.MustNavigate(srv.URL + "/en/errors/prn-e04-paper-jam/").MustWaitLoad()
		active := func() string {
			return page.MustEval(`() => document.activeElement.id || document.activeElement.tagName`).Str()
		}
		page.KeyActions().Press(input.ControlLeft).Type(input.Slash).MustDo()
		if got := active(); got == "search-q" {
			t.Errorf("%d px: Ctrl+/ moved to the search box", width)
		}
		page.Keyboard.MustType(input.Slash)
		if got, v := active(), page.MustElement("#search-q").MustProperty("value").Str(); got != "search-q" || v != "" {
			t.Errorf("%d px: after / the focus is on %q and the box holds %q; want the empty search box", width, got, v)
		}
		page.Keyboard.MustType(input.KeyA, input.Slash)
		if v := page.MustElement("#search-q").MustProperty("value").Str(); v != "a/" {
			t.Errorf("%d px: / typed in the search box gave %q, want a/", width, v)
		}
		page.MustEval(`() => { const n = document.createElement("textarea"); n.id = "note"; document.querySelector("main").prepend(n); n.focus(); }`)
		page.Keyboard.MustType(input.Slash)
		if got, v := active(), page.MustElement("#note").MustProperty("value").Str(); got != "note" || v != "/" {
			t.Errorf("%d px: / in a text area moved to %q (text %q)", width, got, v)
		}
	}
}

// TestSearchPageResultsInBody: the search page shows its results in the
// page body, not in the header.
func TestSearchPageResultsInBody(t *testing.T) {
	b := chrometest.Browser(t)
	srv := demoSite(t)
	page := b.MustPage("")
	defer page.MustClose()
	page.MustNavigate(srv.URL + "/en/search/?q=printer").MustWaitLoad()
	chrometest.WaitFor(t, page, 8*time.Second, "results in main", `() => document.querySelectorAll("main #search-results li a.search-link").length >= 2`)
	if n := page.MustEval(`() => document.querySelectorAll("header #search-results, header #search-status").length`).Int(); n != 0 {
		t.Errorf("the search page also has %d result elements in the header", n)
	}
	if s := page.MustElement("main #search-status").MustText(); !strings.Contains(s, "result") {
		t.Errorf("the status in the page body says %q", s)
	}
}
