package builder

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/internal/diag"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

// brandSite is a two-language site with every brand: key set. The logo
// lives in a top folder of its own, which a site of several languages
// would otherwise refuse as "not a language".
const brandSite = `
-- site.yaml --
title: "Acme Help"
languages:
  - code: en
    name: English
  - code: uk
    name: Українська
brand:
  logo: brand/logo.svg
  favicon: brand/icon.png
  accent: "#0b5cad"
  accent_dark: "rgb(125, 183, 255)"
  footer:
    en: "© Acme Ltd, Kyiv"
    uk: "© ТОВ Акме, Київ"
  intro:
    en: "Ask Acme anything."
-- brand/logo.svg --
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 30"><text x="0" y="24">ACME</text></svg>
-- en/errors/disk-full.md --
---
title: "Disk is full"
id: 1
summary: "S."
---
Free some space.
-- uk/errors/disk-full.md --
---
title: "Диск заповнено"
id: 1
summary: "S."
---
Звільніть місце.
`

// pngFile is a small real PNG image.
func pngFile(t testing.TB) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// buildFS builds a source folder with a theme; ThemeName "mytheme" when
// the theme is an overlay.
func buildFS(t testing.TB, src fstest.MapFS, theme fstest.MapFS) (*Result, string, error) {
	t.Helper()
	cfg := Config{Source: src, SourceName: "content", Theme: themes.Default(), Out: filepath.Join(t.TempDir(), "public")}
	if theme != nil {
		cfg.Theme, cfg.ThemeName = themes.Overlay(themes.Default(), theme), "mytheme"
	}
	res, err := Build(context.Background(), cfg)
	return res, cfg.Out, err
}

var hashed = regexp.MustCompile(`\.[0-9a-f]{10}\.`)

func TestBrand(t *testing.T) {
	src := sitetest.FS(t, brandSite)
	src["brand/icon.png"] = &fstest.MapFile{Data: pngFile(t)}
	res, out, err := buildFS(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	home := hashed.ReplaceAllString(sitetest.Read(t, out, "en/index.html"), ".HASH.")
	sitetest.Contains(t, "en/index.html", home,
		`<a class="brand" href="./"><img src="../assets/logo.HASH.svg" alt="Acme Help"></a>`,
		`<link rel="icon" href="../assets/favicon.HASH.png" type="image/png">`,
		`<link rel="stylesheet" href="../assets/brand.HASH.css">`,
		`<p class="lead">Ask Acme anything.</p>`,
		`<p class="brand-footer">© Acme Ltd, Kyiv</p>`)
	if strings.Contains(home, "favicon.HASH.svg") {
		t.Error("the theme's icon is linked beside the brand's")
	}
	ukHome := sitetest.Read(t, out, "uk/index.html")
	sitetest.Contains(t, "uk/index.html", ukHome,
		`<p class="brand-footer">© ТОВ Акме, Київ</p>`,
		`<p class="lead">Відповіді на часті запитання`) // no Ukrainian intro: the theme's
	sitetest.Contains(t, "uk/errors/disk-full/index.html", sitetest.Read(t, out, "uk/errors/disk-full/index.html"),
		`<p class="brand-footer">© ТОВ Акме, Київ</p>`, `alt="Acme Help"`)
	sitetest.Contains(t, "en/print/index.html", sitetest.Read(t, out, "en/print/index.html"), `<img class="book-logo" src="../../assets/logo.`)

	css := readAsset(t, out, "brand.")
	sitetest.Contains(t, "brand.css", css, "--brand-accent: #0b5cad;", "--brand-accent-dark: #7db7ff;")
	style := readAsset(t, out, "style.")
	sitetest.Contains(t, "style.css", style, "--link: var(--brand-accent, #0b4a8f);", "--link: var(--brand-accent-dark, #9cc3ff);")
	if logo := readAsset(t, out, "logo."); !strings.Contains(logo, "ACME") {
		t.Errorf("logo asset = %q", logo)
	}
	if _, err := os.Stat(filepath.Join(out, "brand")); err == nil {
		t.Error("the brand folder was published as a folder")
	}
	if _, err := os.Stat(filepath.Join(out, "favicon.ico")); err == nil {
		t.Error("a PNG icon was copied to /favicon.ico")
	}
	var warns []string
	for _, d := range res.Diagnostics {
		warns = append(warns, d.String())
	}
	if got := strings.Join(warns, "\n"); got != "content/site.yaml:15: warning: brand.intro has no text for uk: its home page shows the theme's" {
		t.Errorf("diagnostics:\n%s", got)
	}
}

// readAsset reads the one file of assets/ whose name starts with prefix.
func readAsset(t *testing.T, out, prefix string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(out, "assets", prefix+"*"))
	if len(m) != 1 {
		t.Fatalf("assets/%s*: %v", prefix, m)
	}
	b, err := os.ReadFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestBrandOneAccentAndIcon: with only the light accent, the dark scheme
// gets a lighter one that reads on the dark background; one text for all
// languages; an .ico icon is also /favicon.ico.
func TestBrandOneAccentAndIcon(t *testing.T) {
	src := sitetest.FS(t, `
-- site.yaml --
title: "Acme Help"
brand:
  favicon: favicon.ico
  accent: "#0b4a8f"
  footer: "Acme Ltd"
-- errors/disk-full.md --
---
title: "Disk is full"
id: 1
summary: "S."
---
Free some space.
`)
	ico := []byte{0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 22, 0, 0, 0}
	src["favicon.ico"] = &fstest.MapFile{Data: ico}
	_, out, err := buildFS(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := sitetest.Read(t, out, "favicon.ico"); got != string(ico) {
		t.Errorf("/favicon.ico = %q", got)
	}
	home := hashed.ReplaceAllString(sitetest.Read(t, out, "en/index.html"), ".HASH.")
	sitetest.Contains(t, "en/index.html", home, `<link rel="icon" href="../assets/favicon.HASH.ico" type="image/x-icon">`,
		`<p class="brand-footer">Acme Ltd</p>`, `<a class="brand" href="./">Acme Help</a>`)
	css := readAsset(t, out, "brand.")
	m := regexp.MustCompile(`--brand-accent-dark: (#[0-9a-f]{6})`).FindStringSubmatch(css)
	if m == nil || m[1] == "#0b4a8f" {
		t.Fatalf("brand.css = %q: want a dark accent made from the light one", css)
	}
}

func TestBrandContrastWarning(t *testing.T) {
	res, out, err := buildFS(t, sitetest.FS(t, `
-- site.yaml --
title: "Acme Help"
brand:
  accent: "#ffcc00"
  accent_dark: "#0b4a8f"
-- a.md --
---
title: "A"
id: 1
summary: "S."
---
Text.
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"content/site.yaml:3: warning: brand.accent #ffcc00 has a contrast of 1.5:1 on the light background (#ffffff); links and the text of buttons need 4.5:1: choose a darker colour",
		"content/site.yaml:4: warning: brand.accent_dark #0b4a8f has a contrast of 2.0:1 on the dark background (#15181c); links and the text of buttons need 4.5:1: choose a lighter colour",
	}
	var got []string
	for _, d := range res.Diagnostics.Warnings() {
		got = append(got, d.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A warning, not an error: the site is built with the colour asked for.
	sitetest.Contains(t, "brand.css", readAsset(t, out, "brand."), "--brand-accent: #ffcc00;")
}

// TestBrandBadInput: every mistake in brand: is an error at its line of
// site.yaml, all of them in one run, and nothing is written.
func TestBrandBadInput(t *testing.T) {
	src := sitetest.FS(t, `
-- site.yaml --
title: "Acme Help"
languages:
  - code: en
    name: English
  - code: uk
    name: Українська
brand:
  logo: en/missing.svg
  favicon: en/icon.png
  accent: "blue-ish"
  accent_dark: "#12345"
  footer:
    en: "Acme"
    uk: "Акме"
    de: "Acme GmbH"
  intro: [one, two]
-- en/icon.png --
<!doctype html><html><body>404 Not Found</body></html>
-- en/a.md --
---
title: "A"
id: 1
summary: "S."
---
Text.
`)
	res, out, err := buildFS(t, src, nil)
	var ce *diag.ContentError
	if !errors.As(err, &ce) {
		t.Fatalf("build: %v, want content errors", err)
	}
	want := []string{
		`content/site.yaml:8: brand.logo: content/en/missing.svg does not exist or cannot be read`,
		`content/site.yaml:9: brand.favicon: content/en/icon.png is not a PNG image: it holds a web page`,
		`content/site.yaml:10: brand.accent: "blue-ish" is not a colour like #0b5cad or rgb(11, 92, 173)`,
		`content/site.yaml:11: brand.accent_dark: "#12345" is not a colour like #0b5cad or rgb(11, 92, 173)`,
		`content/site.yaml:15: brand.footer: "de" is not a language of this site (en, uk)`,
		`content/site.yaml:16: brand.intro: want a text, or a text per language code (en: …, uk: …)`,
	}
	var got []string
	for _, d := range ce.Diagnostics.Errors() {
		got = append(got, d.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed build wrote %s (%v)", out, err)
	}
	_ = res
	// A path out of the content folder is refused before anything is read.
	_, _, err = buildFS(t, sitetest.FS(t, "-- site.yaml --\nbrand:\n  logo: ../logo.svg\n-- a.md --\n---\ntitle: A\nid: 1\n---\nText.\n"), nil)
	if err == nil || !strings.Contains(err.Error(), `content/site.yaml:2: brand.logo: "../logo.svg": want a path inside the content folder`) {
		t.Errorf("logo outside the content folder: %v", err)
	}
}
