package releases

import (
	"strings"
	"testing"
)

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

// TestYankedAndNotedReleasesAreKept: a keepachangelog heading with text
// after its date ("[YANKED]", "(security release)") starts a version like
// any other; a yanked release is history and stays, marked; other text is
// kept, and said; nothing is dropped silently.
func TestYankedAndNotedReleasesAreKept(t *testing.T) {
	text := "# Changelog\n\n## [1.2.1] - 2026-01-10 (security release)\n### Fixed\n- The hole.\n\n## [1.2.0] - 2026-01-03 [YANKED]\n### Added\n- Broken thing.\n\n## [1.1.0] - 2026-01-01\n### Added\n- Thing.\n"
	rels, warns := splitReleases("CHANGELOG.md", text)
	if len(rels) != 3 {
		t.Fatalf("%d releases, want 3: %+v", len(rels), rels)
	}
	if !rels[1].yanked || rels[1].version != "1.2.0" || !strings.Contains(rels[1].body, "Broken thing") {
		t.Errorf("the yanked release: %+v", rels[1])
	}
	if rels[0].note != "(security release)" || len(warns) != 1 || !strings.Contains(warns[0], "CHANGELOG.md:3:") {
		t.Errorf("the noted release: %+v, warnings %v", rels[0], warns)
	}
	var rep Report
	data, err := entry(rels[1], "Acme", 2, &rep)
	if err != nil || !strings.Contains(string(data), "title: Acme 1.2.0 (yanked)") || !strings.Contains(string(data), "[!CAUTION]") {
		t.Errorf("the yanked entry:\n%s", data)
	}
	data, _ = entry(rels[0], "Acme", 3, &rep)
	if !strings.Contains(string(data), "---\n(security release)\n\n### Fixed") {
		t.Errorf("the noted entry:\n%s", data)
	}
}

// TestOversizedEntryIsWarned: notes larger than the build accepts are a
// warning at import time, not a surprise at the first build.
func TestOversizedEntryIsWarned(t *testing.T) {
	r := release{version: "9.0.0", body: strings.Repeat("- A change.\n", 200000), from: "CHANGELOG.md:1"}
	var rep Report
	if _, err := entry(r, "", 1, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) == 0 || !strings.Contains(strings.Join(rep.Warnings, "\n"), "the build refuses articles over 2 MB") {
		t.Errorf("warnings: %v", rep.Warnings)
	}
}
