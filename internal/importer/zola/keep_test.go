package zola_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"deskbook/builder"
	"deskbook/internal/importer/zola"
	"deskbook/internal/sitetest"
)

// importKeep imports testdata/keep.txtar, a Zola site with its
// config.toml, and builds the result.
func importKeep(t *testing.T, unsafe bool) (string, zola.Report, *builder.Result, string) {
	t.Helper()
	data, err := os.ReadFile("testdata/keep.txtar")
	if err != nil {
		t.Fatal(err)
	}
	site := sitetest.FS(t, string(data))
	content, err := fs.Sub(site, "content")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "content")
	rep, err := zola.Import(content, out, zola.Options{
		SourceName: "blog/content", Config: site["config.toml"].Data, ConfigName: "blog/config.toml", UnsafeHTML: unsafe,
	})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	for _, d := range rep.Warnings {
		t.Logf("import: %s", d)
	}
	res, pub := build(t, out, false)
	if n := len(res.Diagnostics) - len(res.Diagnostics.Warnings()); n != 0 {
		t.Fatalf("build: %d errors: %v", n, res.Diagnostics)
	}
	return out, rep, res, pub
}

// redirects reads _redirects into a map from old path to new path.
func redirects(t *testing.T, pub string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for line := range strings.Lines(sitetest.Read(t, pub, "_redirects")) {
		f := strings.Fields(line)
		if len(f) == 3 && !strings.HasPrefix(line, "#") {
			m[f[0]] = f[1]
		}
	}
	return m
}

// TestImportKeepsOldURLs checks that every old URL of a Zola page leads
// to it after the import: its aliases in each form Zola accepts, its
// path:, and the URL Zola gave it; and that aliases deskbook would refuse
// are left out with a warning rather than failing the build.
func TestImportKeepsOldURLs(t *testing.T) {
	_, rep, _, pub := importKeep(t, false)
	red := redirects(t, pub)
	want := map[string]string{
		"/2024/03/01/Update-on-crates.io-incident.html/": "/en/blog/Update-on-crates.io-incident/",
		"/blog/crates-io-update/":                        "/en/blog/Update-on-crates.io-incident/",
		"/blog/update-on-crates-io-incident/":            "/en/blog/Update-on-crates.io-incident/", // Zola's URL, slugified
		"/news/older/":                                   "/en/blog/2023-11-05-older-news/",
		"/blog/older-news/":                              "/en/blog/2023-11-05-older-news/", // the date is not in Zola's slug
		"/zebra/":                                        "/en/blog/middle/",                // path:
		"/uk/blog/%D1%81%D1%82%D0%B0%D1%80%D0%B8%D0%B9/": "/uk/blog/middle/",                // percent-escaped, language prefix
		"/docs/install.html/":                            "/en/docs/install/",
		"/docs/install/":                                 "/en/docs/install/",
		"/blog/undated/":                                 "/en/blog/undated/",
	}
	for from, to := range want {
		if red[from] != to {
			t.Errorf("_redirects: %s → %q, want %s", from, red[from], to)
		}
	}
	if _, ok := red["/uk/blog/middle/"]; ok {
		t.Errorf("the uk page's own URL is listed as a redirect")
	}
	if _, ok := red["/blog/middle/"]; ok {
		t.Errorf("a page with path: kept the URL it would have had without it")
	}
	wantCount := zola.Aliases{Source: 11, Kept: 6, Same: 1, OwnURL: 8, Dropped: 4, HTMLEnding: 2}
	if rep.Aliases != wantCount {
		t.Errorf("aliases = %+v, want %+v", rep.Aliases, wantCount)
	}
	for _, w := range []string{
		"blog/content/blog/2023-11-05-older-news.md:7: warning: alias /a/5/ left out",
		"blog/content/docs/about.md:4: warning: alias /404.html/ left out: deskbook keeps /a/, /e/, /assets/ and its top files",
		"blog/content/docs/about.md:4: warning: alias /e/e0382/ left out",
		"blog/content/docs/install.md:4: warning: alias /en/docs/setup/ left out: it is the URL of blog/content/docs/setup.md",
	} {
		if !hasWarning(rep.Warnings, w) {
			t.Errorf("no warning %q in %v", w, rep.Warnings)
		}
	}
}

// TestImportKeepsDatesAuthorsOrder checks dates, authors, the order of a
// section sorted by date and of one sorted by weight, and that a
// dot in a file name is not taken for a language.
func TestImportKeepsDatesAuthorsOrder(t *testing.T) {
	out, rep, res, _ := importKeep(t, false)
	var blog *builder.Category
	for _, c := range res.Site.Categories {
		if c.URL == "en/blog/" {
			blog = c
		}
	}
	if blog == nil {
		t.Fatalf("no en/blog/ category")
	}
	var titles []string
	for _, a := range blog.Articles {
		titles = append(titles, a.Meta.Title)
	}
	// Newest first, as Zola listed them; by title it would start with "A: older news".
	if want := []string{"Update on the crates.io incident", "Zebra middle post", "A: older news", "Undated"}; !slices.Equal(titles, want) {
		t.Errorf("blog order = %q, want %q", titles, want)
	}
	if rep.DateSorted != 4 { // three en pages and the uk one
		t.Errorf("date-sorted pages = %d, want 4", rep.DateSorted)
	}
	if !hasWarning(rep.Warnings, "blog/content/blog/undated.md: warning: its section sorts pages by date, but it has none") {
		t.Errorf("no warning for the undated page: %v", rep.Warnings)
	}
	// By weight, as Zola listed them; by title "About" would come first.
	var docs []string
	for _, c := range res.Site.Categories {
		if c.URL == "en/docs/" {
			for _, a := range c.Articles {
				docs = append(docs, a.Meta.Title)
			}
		}
	}
	if want := []string{"Install", "Setup", "About"}; !slices.Equal(docs, want) || rep.WeightOrdered != 3 {
		t.Errorf("docs order = %q, want %q; %d pages ordered by weight", docs, want, rep.WeightOrdered)
	}

	middle := readFile(t, out, "en/blog/middle.md")
	sitetest.Contains(t, "middle", middle, "date: 2024-01-15\n", "updated: 2024-02-01\n", "kind: changelog\n")
	sitetest.Contains(t, "crates", readFile(t, out, "en/blog/Update-on-crates.io-incident.md"),
		"date: 2024-03-01\n", "# authors: The Crates.io Team\n")
	sitetest.Contains(t, "older", readFile(t, out, "en/blog/2023-11-05-older-news.md"),
		"date: 2023-11-05\n", "# authors: Jane Doe\n")
	if strings.Contains(readFile(t, out, "en/docs/setup.md"), "kind:") {
		t.Errorf("a page of a section sorted by weight became a dated entry")
	}
	if _, err := os.Stat(filepath.Join(out, "io-incident")); err == nil {
		t.Errorf("a dot in a file name was read as a language")
	}

	// Without config.toml, a suffix is a language only when an
	// index.<code>.md or _index.<code>.md has it.
	noConfig := `
-- blog/_index.uk.md --
---
title: Блог
---
-- blog/Update-on-crates.io-incident.md --
---
title: Crates
---
Text.
`
	_, rep2 := importSite(t, noConfig, zola.Options{})
	if !slices.Equal(rep2.Languages, []zola.Count{{"en", 1}, {"uk", 0}}) || !slices.Equal(rep2.LanguagesGuessed, []string{"en", "uk"}) {
		t.Errorf("languages = %v, guessed %v", rep2.Languages, rep2.LanguagesGuessed)
	}
}

// TestImportRawHTML checks that pages with raw HTML are listed, and that
// --unsafe-html sets unsafe_html: true so the HTML is shown as HTML.
func TestImportRawHTML(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		out, rep, _, pub := importKeep(t, unsafe)
		var got []string
		for _, d := range rep.RawHTML {
			got = append(got, d.Path+":"+strconv.Itoa(d.Line))
		}
		want := []string{"blog/content/blog/2023-11-05-older-news.md:9", "blog/content/blog/Update-on-crates.io-incident.md:7"}
		if !slices.Equal(got, want) {
			t.Errorf("unsafe %v: raw HTML pages = %v, want %v", unsafe, got, want)
		}
		page := sitetest.Read(t, pub, "en/blog/Update-on-crates.io-incident/index.html")
		site := readFile(t, out, "site.yaml")
		if unsafe != strings.Contains(site, "unsafe_html: true") || rep.UnsafeHTML != unsafe {
			t.Errorf("unsafe %v: site.yaml:\n%s", unsafe, site)
		}
		if unsafe != strings.Contains(page, "<b>sorry</b>") {
			t.Errorf("unsafe %v: the page shows the HTML wrongly", unsafe)
		}
	}
}
