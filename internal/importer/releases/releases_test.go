package releases

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deskbook/builder"
	"deskbook/internal/diag"
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
	rep, err := Import(os.DirFS(dir), src, Options{Files: files, Product: "Rust", FirstID: 5001})
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
	page := read(t, out, "en/changelog/index.html")
	if n := strings.Count(page, `<div class="entry">`); n != 148 {
		t.Errorf("changelog page has %d entries, want 148", n)
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

func read(t testing.TB, out, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
	if err != nil {
		t.Fatalf("output: %v", err)
	}
	return string(b)
}

// TestSplitReleases reads the common changelog heading styles from one file.
func TestSplitReleases(t *testing.T) {
	text := "# Changelog\n\nIntro we drop.\n\n## [1.2.0] - 2026-02-01\n### Added\n- Thing. <a id=\"x\"></a>\n\n" +
		"Version 1.1.0 (2026-01-05)\n==========================\n\n<a id=\"1.1.0-Language\"></a>\n\nLanguage\n--------\n- Stuff.\n\n" +
		"## v1.0.0 (2025-12-01)\n\nFirst.\n"
	rels, warns := splitReleases("CHANGELOG.md", text)
	if len(warns) > 0 {
		t.Errorf("warnings: %v", warns)
	}
	want := []struct{ v, date, body string }{
		{"1.2.0", "2026-02-01", "### Added\n- Thing.\n"},
		{"1.1.0", "2026-01-05", "Language\n--------\n- Stuff.\n"},
		{"1.0.0", "2025-12-01", "First.\n"},
	}
	if len(rels) != len(want) {
		t.Fatalf("got %d releases: %+v", len(rels), rels)
	}
	for i, w := range want {
		if r := rels[i]; r.version != w.v || r.date.Format("2006-01-02") != w.date || r.body != w.body {
			t.Errorf("release %d = %q %s %q, want %q %s %q", i, r.version, r.date.Format("2006-01-02"), r.body, w.v, w.date, w.body)
		}
	}
	if s := releaseSummary(rels[1].body); s != "Changes: Language." {
		t.Errorf("summary %q", s)
	}
	if compareVersions("1.10.0", "1.9.2") <= 0 || compareVersions("0.10", "0.9") <= 0 || compareVersions("1.2", "1.2") != 0 {
		t.Error("versions compare as text, not as numbers")
	}
}

// TestCompareVersions checks the order of semantic versions, pre-releases
// included, and of versions semantic versioning does not read.
func TestCompareVersions(t *testing.T) {
	for _, order := range [][]string{
		{"1.2.0-rc1", "1.2.0", "1.10.0"},
		{"0.9", "0.10", "1.0.0-alpha", "1.0.0-beta", "1.0.0"},
		// Four numbers: no semantic version, compared number by number.
		{"1.2.3", "1.2.3.4-rc1", "1.2.3.4", "1.2.3.10", "1.2.4"},
		{"2024.1.9.1", "2024.1.15.1", "2024.10.1.1"},
	} {
		for i := range order {
			for j := range order {
				if got := compareVersions(order[i], order[j]); sign(got) != sign(i-j) {
					t.Errorf("compareVersions(%q, %q) = %d, want %d", order[i], order[j], got, sign(i-j))
				}
			}
		}
	}
	for _, same := range [][2]string{{"v1.2", "1.2.0"}, {"1.2.3.0", "1.2.3"}, {"v1.2.3.4", "1.2.3.4"}} {
		if c := compareVersions(same[0], same[1]); c != 0 {
			t.Errorf("compareVersions(%q, %q) = %d, want 0", same[0], same[1], c)
		}
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
