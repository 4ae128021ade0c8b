package builder

import (
	"context"
	"errors"
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

// twoLangs is a small English and Ukrainian site for theme tests.
const twoLangs = `
-- site.yaml --
title: "Acme Help"
languages:
  - code: en
    name: English
  - code: uk
    name: Українська
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

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for p, data := range files {
		m[p] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

// TestThemeOverlayOneLayout: a theme folder holding one layout replaces
// that layout only; every other page is the default theme's.
func TestThemeOverlayOneLayout(t *testing.T) {
	theme := mapFS(map[string]string{
		"layouts/article.html": `{{define "main"}}<article class="mine"><h1>{{.Article.Meta.Title}}</h1>{{.Article.HTML}}</article>{{end}}`,
	})
	_, out, err := buildFS(t, sitetest.FS(t, twoLangs), theme)
	if err != nil {
		t.Fatal(err)
	}
	page := sitetest.Read(t, out, "en/errors/disk-full/index.html")
	sitetest.Contains(t, "article", page, `<article class="mine"><h1>Disk is full</h1>`, `<header class="site-header">`)
	_, plain := mustBuild(t, twoLangs)
	for _, p := range []string{"en/index.html", "uk/errors/index.html", "sitemap.xml"} {
		if got, want := sitetest.Read(t, out, p), sitetest.Read(t, plain, p); got != want {
			t.Errorf("%s differs from the default theme's:\n%s", p, firstDiff(want, got))
		}
	}
}

// TestThemeOverlayPartialStrings: a uk.yaml with one key changes that key
// only, without warnings; a new language's file works, its missing
// strings English with a warning in the user's folder.
func TestThemeOverlayPartialStrings(t *testing.T) {
	site := strings.Replace(twoLangs, "    name: Українська\n", "    name: Українська\n  - code: de\n    name: Deutsch\n", 1)
	theme := mapFS(map[string]string{
		"i18n/uk.yaml": "# Our wording\nsearch_button: \"Шукати\"\n",
		"i18n/de.yaml": "search_button: \"Suchen\"\n",
	})
	res, out, err := buildFS(t, sitetest.FS(t, site), theme)
	if err != nil {
		t.Fatal(err)
	}
	uk := sitetest.Read(t, out, "uk/index.html")
	sitetest.Contains(t, "uk/index.html", uk, `<button type="submit">Шукати</button>`, `Відповіді на часті запитання`)
	sitetest.Contains(t, "de/index.html", sitetest.Read(t, out, "de/index.html"), `<button type="submit">Suchen</button>`, `Answers to common questions`)
	var ukWarn, deWarn int
	for _, d := range res.Diagnostics {
		switch {
		case strings.Contains(d.Path, "uk.yaml"):
			ukWarn++
		case d.Path == "mytheme/i18n/de.yaml" && strings.HasPrefix(d.Msg, "missing "):
			deWarn++
		}
	}
	if ukWarn != 0 || deWarn < 20 {
		t.Errorf("warnings: %d about uk.yaml (want none), %d about de.yaml's missing strings (want them all)", ukWarn, deWarn)
	}
}

// TestThemeOverlayStatic: a stylesheet in the theme folder replaces the
// default's; a new file is published beside it.
func TestThemeOverlayStatic(t *testing.T) {
	theme := mapFS(map[string]string{
		"static/style.css": ":root { --bg: #fffdf5; }\nbody { font-family: serif; }\n",
		"static/extra.js":  "console.log('hi')\n",
	})
	_, out, err := buildFS(t, sitetest.FS(t, twoLangs), theme)
	if err != nil {
		t.Fatal(err)
	}
	if got := readAsset(t, out, "style."); !strings.Contains(got, "font-family: serif") || strings.Contains(got, "--link") {
		t.Errorf("style.css = %q, want the theme folder's", got)
	}
	readAsset(t, out, "extra.")
	readAsset(t, out, "print.") // the default's, kept
}

// TestThemeOverlayErrors: templates and strings that do not parse are
// errors at their lines, in the user's folder, all at once; nothing is
// written.
func TestThemeOverlayErrors(t *testing.T) {
	theme := mapFS(map[string]string{
		"layouts/article.html": "{{define \"main\"}}\n<h1>{{.Title}}</h1>\n{{if}}\n{{end}}\n",
		"layouts/home.html":    "{{define \"main\"}}\n{{range .Categories}}\n{{end}}\n",
		"i18n/uk.yaml":         "home: \"Дім\"\nserch: \"Пошук\"\n",
	})
	_, out, err := buildFS(t, sitetest.FS(t, twoLangs), theme)
	var ce *diag.ContentError
	if !errors.As(err, &ce) {
		t.Fatalf("build: %v, want content errors", err)
	}
	var got []string
	for _, d := range ce.Diagnostics.Errors() {
		got = append(got, d.String())
	}
	want := []string{
		"mytheme/i18n/uk.yaml:2: unknown key \"serch\" (did you mean search?)",
		"mytheme/layouts/article.html:3: missing value for if",
		"mytheme/layouts/home.html:4: unexpected EOF",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed build wrote %s", out)
	}
}

// TestThemeOverlayRunError: a layout that parses but asks a page for
// what it has not is one error at its line, not one per page, and names
// no Go type.
func TestThemeOverlayRunError(t *testing.T) {
	theme := mapFS(map[string]string{
		"layouts/article.html": "{{define \"main\"}}\n<h1>{{.Article.Meta.Title}}</h1>\n<p>{{.Article.Author}}</p>\n{{end}}\n",
	})
	_, out, err := buildFS(t, sitetest.FS(t, twoLangs), theme)
	var ce *diag.ContentError
	if !errors.As(err, &ce) || len(ce.Diagnostics.Errors()) != 1 {
		t.Fatalf("build: %v, want one content error", err)
	}
	d := ce.Diagnostics.Errors()[0]
	if d.Path != "mytheme/layouts/article.html" || d.Line != 3 || !strings.Contains(d.Msg, "no field or method Author") || strings.Contains(d.Msg, "builder.") {
		t.Errorf("error = %s", d)
	}
	if _, err := os.Stat(filepath.Join(out)); err == nil {
		t.Error("a failed build wrote its output")
	}
}

// TestLiveBrandAndOverlay: serve's engine follows an edit of the brand's
// logo (read with site.yaml, so every page links the new file) and of a
// string in the theme folder laid over the default, and its output is
// then what a full build makes.
func TestLiveBrandAndOverlay(t *testing.T) {
	src := sitetest.FS(t, brandSite)
	src["brand/icon.png"] = &fstest.MapFile{Data: pngFile(t)}
	top := mapFS(map[string]string{"i18n/uk.yaml": "search_button: \"Шукати\"\n"})
	cfg := Config{Source: src, SourceName: "content", Theme: themes.Overlay(themes.Default(), top), ThemeName: "mytheme"}
	e := NewLive(cfg)
	if res := e.Update(context.Background(), Change{All: true}); res.Err != nil {
		t.Fatal(res.Err)
	}
	src["brand/logo.svg"] = &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><text>NEW</text></svg>`)}
	if res := e.Update(context.Background(), Change{Paths: []string{"brand/logo.svg"}}); res.Err != nil || !res.Full {
		t.Fatalf("logo edit: full %v, %v", res.Full, res.Err)
	}
	top["i18n/uk.yaml"] = &fstest.MapFile{Data: []byte("search_button: \"Шукай\"\n")}
	if res := e.Update(context.Background(), Change{Theme: true}); res.Err != nil {
		t.Fatal(res.Err)
	}
	cfg.Out = filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	want := readTree(t, cfg.Out)
	for _, p := range []string{"en/index.html", "uk/index.html", "uk/errors/disk-full/index.html"} {
		got, _ := e.File(p)
		if string(got) != string(want[p]) {
			t.Errorf("%s differs from a full build:\n%s", p, firstDiff(string(want[p]), string(got)))
		}
	}
	uk, _ := e.File("uk/index.html")
	sitetest.Contains(t, "uk/index.html", string(uk), `<button type="submit">Шукай</button>`)
	logo := regexp.MustCompile(`assets/logo\.[0-9a-f]{10}\.svg`).FindString(string(uk))
	if data, _ := e.File(logo); !strings.Contains(string(data), "NEW") {
		t.Errorf("the page links %s, which holds %q", logo, data)
	}
}
