package builder

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deskbook/internal/chrome/chrometest"
	"deskbook/internal/host"
	"deskbook/internal/sitetest"
	"deskbook/themes"

	"github.com/go-rod/rod/lib/proto"
)

// TestErrorCodeOpensReaderLanguage opens the demo's /e/tb-1001/ in real
// Chromium with Ukrainian and English as the browser's language, and with
// scripts off (the meta refresh: the default language), and checks that
// the TB-1001 article opens in that language.
func TestErrorCodeOpensReaderLanguage(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Config{Source: os.DirFS("../content"), SourceName: "content", Theme: themes.Default(), Out: out}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(host.Folder(out))
	defer srv.Close()
	b := chrometest.Browser(t)
	for _, tc := range []struct {
		accept, path, want string
		noJS               bool
	}{
		{"uk-UA,uk;q=0.9,en;q=0.8", "/e/tb-1001/", "/uk/errors/tb-1001-database-locked/", false},
		{"en-GB,en;q=0.9", "/e/tb-1001/", "/en/errors/tb-1001-database-locked/", false},
		{"ru-RU,ru", "/e/e_accessdenied/", "/ru/errors/windows-0x80070005/", false},
		{"uk-UA,uk", "/e/tb-1001/", "/en/errors/tb-1001-database-locked/", true},
	} {
		page := b.MustPage("")
		if err := (proto.EmulationSetUserAgentOverride{UserAgent: "Mozilla/5.0 deskbook-test", AcceptLanguage: tc.accept}).Call(page); err != nil {
			t.Fatal(err)
		}
		if err := (proto.EmulationSetScriptExecutionDisabled{Value: tc.noJS}).Call(page); err != nil {
			t.Fatal(err)
		}
		page.MustNavigate(srv.URL + tc.path)
		// Wait until the redirect has left /e/ (the browser's address, not
		// a script: scripts may be off), then see where it went.
		var got string
		sitetest.Eventually(t, 5*time.Second, "the redirect from "+tc.path, func() bool {
			u, err := url.Parse(page.MustInfo().URL)
			got = u.EscapedPath()
			return err == nil && !strings.HasPrefix(got, "/e/") && got != ""
		})
		if got != tc.want {
			t.Errorf("%s with %s (scripts off: %v): landed on %s, want %s", tc.path, tc.accept, tc.noJS, got, tc.want)
		}
		page.MustClose()
	}
}
