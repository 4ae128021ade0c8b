package builder

import (
	"net/http/httptest"
	"testing"
	"time"

	"deskbook/internal/chrome/chrometest"
	"deskbook/internal/host"

	"github.com/go-rod/rod/lib/proto"
)

// TestShortLinkPicksBrowserLanguage opens /a/<id>/ in real Chromium with
// different preferred languages and checks where the reader lands, anchor
// included; /a/<id>/<lang>/ opens that language whatever the browser's.
func TestShortLinkPicksBrowserLanguage(t *testing.T) {
	_, out := mustBuild(t, threeLangs)
	srv := httptest.NewServer(host.Folder(out))
	defer srv.Close()
	b := chrometest.Browser(t)
	for _, tc := range []struct {
		accept, path, want string
	}{
		{"uk-UA,uk;q=0.9,en;q=0.8", "/a/42/", "/uk/errors/disk-full/"},
		{"ru-RU,ru", "/a/42/#що-це-означає", "/ru/errors/disk-full/#%D1%89%D0%BE-%D1%86%D0%B5-%D0%BE%D0%B7%D0%BD%D0%B0%D1%87%D0%B0%D1%94"},
		{"de-DE,de", "/a/42/", "/en/errors/disk-full/"},          // no German: the default language
		{"ru-RU,ru", "/a/7/", "/en/guides/free-space/"},          // no Russian version: the default
		{"fr-FR,fr,uk;q=0.5", "/a/7/", "/uk/guides/free-space/"}, // the first language that has one
		{"en-US,en", "/a/42/ru/", "/ru/errors/disk-full/"},       // a language's short link: that language
		{"uk-UA,uk", "/a/7/ru/", "/uk/guides/free-space/"},       // no Russian version: the browser chooses
	} {
		page := b.MustPage("")
		if err := (proto.EmulationSetUserAgentOverride{UserAgent: "Mozilla/5.0 deskbook-test", AcceptLanguage: tc.accept}).Call(page); err != nil {
			t.Fatal(err)
		}
		page.MustNavigate(srv.URL + tc.path)
		// Wait until the redirect has left /a/, then see where it went.
		got := chrometest.WaitString(t, page, 5*time.Second, "the redirect from "+tc.path,
			`() => location.pathname.startsWith("/a/") ? "" : location.pathname + location.hash`)
		if got != tc.want {
			t.Errorf("%s with %s: landed on %s, want %s", tc.path, tc.accept, got, tc.want)
		}
		page.MustClose()
	}
}
