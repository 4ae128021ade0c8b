package builder

import (
	"net/http/httptest"
	"strings"
	"testing"

	"deskbook/internal/chrome"
	"deskbook/internal/chrome/chrometest"
	"deskbook/internal/host"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/input"
	"github.com/go-rod/rod/lib/proto"
)

// tabPages are two more pages with tab sets: one whose tabs come in
// another order, one with two sets, one of which has no Mac.
const tabPages = `
-- en/guides/update.md --
---
title: "Update"
id: 5
summary: "How to update."
---
:::tabs
::tab[Linux]
Use the package manager.
::tab[Mac]
Use the App Store.
::tab[Windows]
Run the updater.
:::
-- en/guides/remove.md --
---
title: "Remove"
id: 6
summary: "How to remove."
---
:::tabs
::tab[Windows]
Use Settings.
::tab[Mac]
Drag to the Bin.
:::

:::tabs
::tab[Android]
Hold the icon.
::tab[iPhone]
Hold the icon too.
:::
`

// tabState is which tab each tab set of the page shows, by name, and
// which element has the focus: "Windows|Android focus=Mac".
func tabState(page *rod.Page) string {
	return page.MustEval(`() => [...document.querySelectorAll(".tabs-js")].map(set => {
		const tabs = [...set.querySelectorAll("[role=tab]")];
		const on = tabs.filter(t => t.getAttribute("aria-selected") === "true");
		const shown = [...set.querySelectorAll(":scope > [role=tabpanel]")].filter(p => !p.hidden);
		if (on.length !== 1 || shown.length !== 1 || shown[0].id !== on[0].getAttribute("aria-controls") || on[0].tabIndex !== 0) return "broken";
		return on[0].textContent;
	}).join("|") + " focus=" + (document.activeElement.getAttribute("role") === "tab" ? document.activeElement.textContent : "")`).Str()
}

// TestTabsInBrowser drives tab sets in Chromium: the WAI-ARIA roles, the
// arrow keys, Home and End, the reader's choice remembered across pages
// and tab sets, and every panel under its label without JavaScript.
func TestTabsInBrowser(t *testing.T) {
	_, out := mustBuild(t, syntaxSite(t, "site")+tabPages)
	srv := httptest.NewServer(host.Folder(out))
	defer srv.Close()
	b := chrometest.Browser(t)
	page := b.MustPage(srv.URL + "/en/guides/install/").MustWaitLoad()
	defer page.MustClose()
	if got := tabState(page); got != "Windows focus=" {
		t.Fatalf("at first: %s", got)
	}
	page.MustElement("[role=tab]").MustFocus()
	for _, step := range []struct {
		key  input.Key
		want string
	}{
		{input.ArrowRight, "Mac focus=Mac"},
		{input.ArrowRight, "Windows focus=Windows"}, // round to the first
		{input.ArrowLeft, "Mac focus=Mac"},
		{input.Home, "Windows focus=Windows"},
		{input.End, "Mac focus=Mac"},
	} {
		page.Keyboard.MustType(step.key)
		if got := tabState(page); got != step.want {
			t.Errorf("after %v: %s, want %s", step.key, got, step.want)
		}
	}
	if got := page.MustEval(`() => localStorage.getItem("deskbook:tab")`).Str(); got != "Mac" {
		t.Errorf("remembered %q, want Mac", got)
	}
	// The choice opens every tab set with a Mac tab, wherever it is.
	page.MustNavigate(srv.URL + "/en/guides/update/").MustWaitLoad()
	if got := tabState(page); got != "Mac focus=" {
		t.Errorf("another page: %s, want Mac", got)
	}
	page.MustNavigate(srv.URL + "/en/guides/remove/").MustWaitLoad()
	if got := tabState(page); got != "Mac|Android focus=" {
		t.Errorf("two tab sets: %s, want Mac|Android", got)
	}
	// A click chooses for every set on the page that has the tab.
	page.MustElementR("[role=tab]", "^Windows$").MustClick()
	if got := tabState(page); got != "Windows|Android focus=Windows" {
		t.Errorf("after a click: %s", got)
	}
	page.MustElementR("[role=tab]", "^iPhone$").MustClick()
	if got := page.MustEval(`() => localStorage.getItem("deskbook:tab")`).Str(); got != "iPhone" {
		t.Errorf("remembered %q, want iPhone", got)
	}
	noScript(t, b, srv.URL+"/en/guides/remove/")
}

// noScript checks a page of tab sets with JavaScript off: every panel
// and every label shows, and there is no tab list.
func noScript(t *testing.T, b *chrome.Browser, url string) {
	t.Helper()
	page := b.MustPage("")
	defer page.MustClose()
	if err := (proto.EmulationSetScriptExecutionDisabled{Value: true}).Call(page); err != nil {
		t.Fatal(err)
	}
	page.MustNavigate(url).MustWaitLoad()
	got := page.MustEval(`() => [...document.querySelectorAll(".tab-panel")].map(p =>
		(p.offsetHeight > 0 ? "shown " : "hidden ") + p.querySelector(".tab-label").offsetHeight + " " + p.textContent.trim().split("\n")[0]).join("; ")
		+ " tablists=" + document.querySelectorAll("[role=tablist]").length`).Str()
	for _, label := range []string{"Windows", "Mac", "Android", "iPhone"} {
		if !strings.Contains(got, "shown") || strings.Contains(got, "hidden") || strings.Contains(got, " 0 ") || !strings.Contains(got, label) {
			t.Errorf("without JavaScript: %s", got)
			break
		}
	}
	if !strings.HasSuffix(got, "tablists=0") {
		t.Errorf("without JavaScript: %s", got)
	}
}
