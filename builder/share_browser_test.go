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
	grantClipboard(t, b.Browser, srv.URL)
	page := b.MustPage(srv.URL + "/en/errors/disk-full/").MustWaitLoad()
	defer page.MustClose()
	if err := (proto.EmulationSetFocusEmulationEnabled{Enabled: true}).Call(page); err != nil {
		t.Fatal(err)
	}
	clip := func() map[string]string { t.Helper(); return readClipboard(t, page) }
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

// grantClipboard lets pages of a test server use the clipboard.
func grantClipboard(t *testing.T, b *rod.Browser, origin string) {
	t.Helper()
	if err := (proto.BrowserGrantPermissions{Origin: origin, Permissions: []proto.BrowserPermissionType{
		proto.BrowserPermissionTypeClipboardReadWrite, proto.BrowserPermissionTypeClipboardSanitizedWrite}}).Call(b); err != nil {
		t.Fatal(err)
	}
}

// readClipboard reads the clipboard of a page, by type (text/plain,
// text/html).
func readClipboard(t *testing.T, page *rod.Page) map[string]string {
	t.Helper()
	res, err := page.Eval(`async () => {
		const out = {};
		for (const item of await navigator.clipboard.read())
			for (const type of item.types) out[type] = await (await item.getType(type)).text();
		return JSON.stringify(out);
	}`)
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

// TestCopyReplyTemplate clicks Copy reply in real Chromium on a site with
// replies: in site.yaml and reads back the reply each language's template
// makes: greeting, body and closing as paragraphs, the placeholders
// filled (an empty summary's line left out), the short link in the
// page's language, the title and link as links in the rich version.
func TestCopyReplyTemplate(t *testing.T) {
	_, out := mustBuild(t, repliesSite)
	srv := httptest.NewServer(host.Folder(out))
	defer srv.Close()
	b := chrometest.Browser(t)
	grantClipboard(t, b.Browser, srv.URL)
	const en, uk = "https://help.acme.example/a/42/en/", "https://help.acme.example/a/42/uk/"
	for _, tc := range []struct{ path, text, html string }{
		{"/en/errors/disk-full/", "Hello,\n\nthis article should help: Error E42: disk is full\n" + en + "\n\nKind regards, the Acme team",
			`<p>Hello,</p><p>this article should help: <a href="` + en + `">Error E42: disk is full</a><br><a href="` + en + `">` + en + `</a></p><p>Kind regards, the Acme team</p>`},
		{"/uk/errors/disk-full/", "Добрий день!\n\nОсь відповідь: Помилка E42: диск заповнено (" + uk + ")",
			`<p>Добрий день!</p><p>Ось відповідь: <a href="` + uk + `">Помилка E42: диск заповнено</a> (<a href="` + uk + `">` + uk + `</a>)</p>`},
	} {
		page := b.MustPage(srv.URL + tc.path).MustWaitLoad()
		if err := (proto.EmulationSetFocusEmulationEnabled{Enabled: true}).Call(page); err != nil {
			t.Fatal(err)
		}
		page.MustElement(".copy-reply").MustClick()
		waitText(t, page, `() => document.querySelector(".copy-status").textContent`)
		c := readClipboard(t, page)
		if c["text/plain"] != tc.text {
			t.Errorf("%s: reply as text = %q, want %q", tc.path, c["text/plain"], tc.text)
		}
		if !strings.Contains(c["text/html"], tc.html) {
			t.Errorf("%s: reply as HTML = %q, want %q", tc.path, c["text/html"], tc.html)
		}
		page.MustClose()
	}
}

// TestWhatsNew checks the banner: nothing on a first visit, the entries
// newer than the last visit on a later one, with their links, and gone
// once dismissed.
func TestWhatsNew(t *testing.T) {
	_, out := mustBuild(t, changelogSite)
	srv := httptest.NewServer(host.Folder(out))
	defer srv.Close()
	b := chrometest.Browser(t)
	page := b.MustPage(srv.URL + "/en/errors/printer/").MustWaitLoad()
	defer page.MustClose()
	visible := func() bool {
		return page.MustEval(`() => { const w = document.querySelector(".whatsnew"); return !!w && !w.hidden }`).Bool()
	}
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
	// The links, written from whatsnew.js's folder, lead from this page too.
	if href := page.MustEval(`() => document.querySelector(".whatsnew-list a").href`).Str(); !strings.HasPrefix(href, srv.URL+"/en/") || !strings.HasSuffix(href, "/") {
		t.Errorf("first entry links to %q", href)
	}
	if page.MustEval(`() => document.querySelector(".whatsnew").nextElementSibling.id`).Str() != "main" {
		t.Error("the banner is not just before <main>")
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
