package builder

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"testing/fstest"
	"time"

	"deskbook/internal/chrome/chrometest"
	"deskbook/internal/host"
	"deskbook/internal/sitetest"

	"github.com/go-rod/rod/lib/proto"
)

// brandLogo is a logo as companies have them: a mark and the name, wider
// than high.
const brandLogo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 40" width="160" height="40">
<rect x="2" y="4" width="32" height="32" rx="8" fill="#0b5cad"/><path d="M10 28l8-16 8 16z" fill="#fff"/>
<text x="44" y="28" font-family="DejaVu Sans, sans-serif" font-size="22" font-weight="700" fill="#0b5cad">Acme</text></svg>`

// TestBrandColoursInBrowser opens a branded site in Chromium in the light
// and the dark colour scheme and reads the computed colour of a link, the
// search button's background and the header's top border: each is the
// brand's accent of that scheme. The logo loads in the header. With
// DESKBOOK_SHOTS=DIR it saves the home page at phone and desktop widths
// in both schemes, to look at.
func TestBrandColoursInBrowser(t *testing.T) {
	src := sitetest.FS(t, brandSite)
	src["brand/logo.svg"] = &fstest.MapFile{Data: []byte(brandLogo)}
	src["brand/icon.png"] = &fstest.MapFile{Data: pngFile(t)}
	_, out, err := buildFS(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(host.Folder(out))
	defer srv.Close()
	b := chrometest.Browser(t)
	page := b.MustPage("")
	for _, tc := range []struct{ scheme, want string }{
		{"light", "rgb(11, 92, 173)"},  // #0b5cad
		{"dark", "rgb(125, 183, 255)"}, // rgb(125, 183, 255) as site.yaml wrote it
	} {
		if err := (proto.EmulationSetEmulatedMedia{Features: []*proto.EmulationMediaFeature{{Name: "prefers-color-scheme", Value: tc.scheme}}}).Call(page); err != nil {
			t.Fatal(err)
		}
		page.MustNavigate(srv.URL + "/en/").MustWaitLoad()
		for what, js := range map[string]string{
			"a link":                  `() => getComputedStyle(document.querySelector(".card h2 a")).color`,
			"the search button":       `() => getComputedStyle(document.querySelector(".search button")).backgroundColor`,
			"the header's top border": `() => getComputedStyle(document.querySelector(".site-header")).borderTopColor`,
		} {
			if got := chrometest.WaitString(t, page, 5*time.Second, what, js); got != tc.want {
				t.Errorf("%s scheme: %s is %s, want %s", tc.scheme, what, got, tc.want)
			}
		}
		logo := chrometest.WaitString(t, page, 5*time.Second, "the logo", `() => { const i = document.querySelector(".brand img"); return i && i.complete ? i.naturalWidth + "x" + i.naturalHeight + " " + i.alt : "" }`)
		if logo != "160x40 Acme Help" {
			t.Errorf("%s scheme: logo %q, want 160x40 with the title as its text", tc.scheme, logo)
		}
		if dir := os.Getenv("DESKBOOK_SHOTS"); dir != "" {
			for _, w := range []int{390, 1280} {
				page.MustSetViewport(w, 800, 1, w < 500)
				shot := page.MustScreenshot()
				if err := os.WriteFile(filepath.Join(dir, "brand-"+tc.scheme+"-"+itoa(w)+".png"), shot, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			page.MustSetViewport(1280, 800, 1, false)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
