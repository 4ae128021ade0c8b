package releases_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deskbook/builder"
	"deskbook/internal/diag"
	"deskbook/internal/importer/releases"
	"deskbook/internal/sitetest"
	"deskbook/themes"

	"github.com/mmcdole/gofeed"
)

// feedLimit is how many entries the builder puts in a changelog feed.
const feedLimit = 50

// TestRustReleases imports the Rust release notes (148 versions) as a
// changelog and checks the site and its feeds.
func TestRustReleases(t *testing.T) {
	dir := "../../../../shared/corpora/rust-releases/versions"
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("corpus not here (%v)", err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
	}
	src := filepath.Join(t.TempDir(), "content")
	rep, err := releases.Import(os.DirFS(dir), src, releases.Options{Files: files, Product: "Rust", FirstID: 5001})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Entries != 148 || rep.Oldest != "0.1" || rep.Newest != "1.95" {
		t.Errorf("imported %d entries, %s … %s; want 148, 0.1 … 1.95", rep.Entries, rep.Oldest, rep.Newest)
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := builder.Build(context.Background(), builder.Config{Source: os.DirFS(src), SourceName: "rust", Theme: themes.Default(), Out: out, BaseURL: "https://rust.example/"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(res.Site.Articles); n != 148 {
		t.Errorf("%d articles", n)
	}
	// Old Rust notes link to http:// pages, which the linter rightly
	// points out; anything else would be an import problem.
	var other diag.List
	insecure := 0
	for _, w := range res.Diagnostics.Warnings() {
		if strings.Contains(w.Msg, " uses http://") {
			insecure++
		} else {
			other = append(other, w)
		}
	}
	if len(other) > 0 {
		t.Errorf("%d warnings, first: %v", len(other), other[:min(5, len(other))])
	}
	t.Logf("linter: %d links to http:// pages", insecure)
	page := sitetest.Read(t, out, "en/changelog/index.html")
	// Every release is on the page; the newest in full, the rest as links.
	if n := strings.Count(page, `<section class="release`); n != 148 {
		t.Errorf("changelog page has %d releases, want 148", n)
	}
	if n := strings.Count(page, `<div class="entry">`); n != builder.FullReleases {
		t.Errorf("changelog page shows %d entries in full, want %d", n, builder.FullReleases)
	}
	if strings.Contains(page, "&lt;a id=") {
		t.Error("raw anchors of the release notes shown as text")
	}
	fp := gofeed.NewParser()
	for _, name := range []string{"atom.xml", "rss.xml", "feed.json"} {
		data, err := os.ReadFile(filepath.Join(out, "en/changelog", name))
		if err != nil {
			t.Fatal(err)
		}
		feed, err := fp.ParseString(string(data))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(feed.Items) != feedLimit || feed.Items[0].Title != "Rust 1.95" {
			t.Errorf("%s: %d items, first %q", name, len(feed.Items), feed.Items[0].Title)
		}
	}
}
