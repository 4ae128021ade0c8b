package builder

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"deskbook/internal/chrome/chrometest"
	"deskbook/internal/host"
	"deskbook/internal/sitetest"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

// waitText waits until a script returns a non-empty string.
func waitText(t *testing.T, page *rod.Page, js string) string {
	t.Helper()
	return chrometest.WaitString(t, page, 5*time.Second, "text from "+js, js)
}

// TestRedirectsKeepAnchors renames an article and opens its old URL, and
// its short link, with a heading anchor in real Chromium.
func TestRedirectsKeepAnchors(t *testing.T) {
	b := chrometest.Browser(t)
	lb := &ledgerBuilder{t: t, src: sitetest.FS(t, ledgerSite), out: t.TempDir() + "/public"}
	lb.mustBuild()
	lb.move("errors/disk-full.md", "errors/storage-full.md")
	lb.src["errors/printer.md"].Data = []byte(strings.Replace(string(lb.src["errors/printer.md"].Data), "disk-full.md", "storage-full.md", 1))
	lb.mustBuild()
	srv := httptest.NewServer(host.Folder(lb.out))
	defer srv.Close()
	for from, want := range map[string]string{
		"/en/errors/disk-full/#free-some-space": "/en/errors/storage-full/#free-some-space",
		"/a/10/#free-some-space":                "/en/errors/storage-full/#free-some-space",
	} {
		page := b.MustPage(srv.URL + from)
		got := waitText(t, page, `() => location.pathname.startsWith("/en/errors/storage") ? location.pathname + location.hash : ""`)
		if got != want {
			t.Errorf("%s landed on %q, want %q", from, got, want)
		}
		page.MustClose()
	}
}

// TestCopyReply clicks "Copy reply", "Copy link" and a heading's link icon
// in real Chromium and reads the clipboard back; then takes clipboard
// access away and checks the selectable fallback.
func TestCopyReply(t *testing.T) {
	_, out := mustBuild(t, ledgerSite)
	srv := httptest.NewServer(host.Folder(out))
	defer srv.Close()
	b := chrometest.Browser(t)
	if err := (proto.BrowserGrantPermissions{Origin: srv.URL, Permissions: []proto.BrowserPermissionType{
		proto.BrowserPermissionTypeClipboardReadWrite, proto.BrowserPermissionTypeClipboardSanitizedWrite}}).Call(b); err != nil {
		t.Fatal(err)
	}
	page := b.MustPage(srv.URL + "/en/errors/disk-full/").MustWaitLoad()
	defer page.MustClose()
	if err := (proto.EmulationSetFocusEmulationEnabled{Enabled: true}).Call(page); err != nil {
		t.Fatal(err)
	}
	readClipboard := `async () => {
		const out = {};
		for (const item of await navigator.clipboard.read())
			for (const type of item.types) out[type] = await (await item.getType(type)).text();
		return JSON.stringify(out);
	}`
	clip := func() map[string]string {
		t.Helper()
		res, err := page.Eval(readClipboard)
		if err != nil {
			t.Fatalf("reading the clipboard: %v", err)
		}
		m := map[string]string{}
		if err := res.Value.Unmarshal(&m); err != nil {
			var s string
			_ = res.Value.Unmarshal(&s)
			if err := jsonUnmarshal(s, &m); err != nil {
				t.Fatalf("clipboard: %v", err)
			}
		}
		return m
	}
	status := func() string {
		return waitText(t, page, `() => document.querySelector(".copy-status").textContent`)
	}

	// Keyboard: focus the button and press Enter.
	page.MustElement(".copy-reply").MustFocus()
	page.Keyboard.MustType('\r')
	if s := status(); !strings.Contains(s, "Reply copied") {
		t.Errorf("status after Copy reply: %q", s)
	}
	c := clip()
	if want := "Disk full\nhttps://help.example/docs/a/10/"; c["text/plain"] != want {
		t.Errorf("reply as text = %q, want %q", c["text/plain"], want)
	}
	if !strings.Contains(c["text/html"], `<a href="https://help.example/docs/a/10/">Disk full</a>`) {
		t.Errorf("reply as HTML = %q", c["text/html"])
	}

	page.MustEval(`() => { document.querySelector(".copy-status").textContent = "" }`)
	page.MustElement(".copy-link").MustClick()
	if s := status(); s != "Link copied" {
		t.Errorf("status after Copy link: %q", s)
	}
	if c := clip(); c["text/plain"] != "https://help.example/docs/a/10/" {
		t.Errorf("link = %q", c["text/plain"])
	}
	page.MustElement(`h2 a.anchor`).MustClick()
	want := "https://help.example/docs/a/10/#free-some-space"
	if !sitetest.Within(5*time.Second, func() bool { return clip()["text/plain"] == want }) {
		t.Errorf("heading link = %q, want %q", clip()["text/plain"], want)
	}

	// Without clipboard access the reply is shown selected, ready for Ctrl+C.
	page2 := b.MustPage("")
	defer page2.MustClose()
	page2.MustEvalOnNewDocument(`Object.defineProperty(navigator, "clipboard", {value: undefined})`)
	page2.MustNavigate(srv.URL + "/en/errors/disk-full/").MustWaitLoad()
	page2.MustElement(".copy-reply").MustClick()
	sel := waitText(t, page2, `() => { const b = document.querySelector("textarea.copy-box"); return b && document.activeElement === b ? b.value.substring(b.selectionStart, b.selectionEnd) : "" }`)
	if sel != "Disk full\nhttps://help.example/docs/a/10/" {
		t.Errorf("fallback box selection = %q", sel)
	}
}

// TestWhatsNew checks the banner: nothing on a first visit, the entries
// newer than the last visit on a later one, and gone once dismissed.
func TestWhatsNew(t *testing.T) {
	_, out := mustBuild(t, changelogSite)
	srv := httptest.NewServer(host.Folder(out))
	defer srv.Close()
	b := chrometest.Browser(t)
	page := b.MustPage(srv.URL + "/en/errors/printer/").MustWaitLoad()
	defer page.MustClose()
	visible := func() bool { return page.MustEval(`() => !document.querySelector(".whatsnew").hidden`).Bool() }
	if visible() {
		t.Error("a first visit shows the banner")
	}
	if seen := page.MustEval(`() => localStorage.getItem("deskbook:seen:en")`).Str(); seen != "2026-03-01" {
		t.Errorf("first visit recorded %q, want the newest date", seen)
	}
	page.MustEval(`() => localStorage.setItem("deskbook:seen:en", "2026-02-01")`)
	page.MustReload().MustWaitLoad()
	if !visible() {
		t.Fatal("no banner after two entries appeared")
	}
	if got := page.MustElement(".whatsnew h2").MustText(); got != "What's new: 2 changes since your last visit" {
		t.Errorf("banner heading %q", got)
	}
	if n := len(page.MustElements(".whatsnew-list li")); n != 2 {
		t.Errorf("%d entries listed, want 2", n)
	}
	page.MustElement(".whatsnew-dismiss").MustClick()
	if visible() {
		t.Error("dismiss left the banner up")
	}
	page.MustReload().MustWaitLoad()
	if visible() {
		t.Error("the banner came back after dismissing")
	}
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
