package markdown

import (
	"strings"
	"testing"
)

func TestKnownCode(t *testing.T) {
	for s, want := range map[string]bool{
		"en": true, "uk": true, "pt-BR": true, "uk-UA": true, "zh-Hans": true, "RU": true,
		"io-incident": false, "js": false, "v2": false, "eng": false, "en-zz9": false, "": false, "xx": false,
	} {
		if got := knownCode(s); got != want {
			t.Errorf("knownCode(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestSplitSuffix(t *testing.T) {
	for name, want := range map[string][2]string{
		"page.ru.md":                      {"page.md", "ru"},
		"page.md":                         {"page.md", ""},
		"Update-on-crates.io-incident.md": {"Update-on-crates.md", "io-incident"},
		".hidden.md":                      {".hidden.md", ""},
		"a.uk-UA.mdx":                     {"a.mdx", "uk-UA"},
	} {
		if b, s := splitSuffix(name); b != want[0] || s != want[1] {
			t.Errorf("splitSuffix(%q) = %q, %q; want %q, %q", name, b, s, want[0], want[1])
		}
	}
}

func TestStripNumber(t *testing.T) {
	for in, want := range map[string]string{"01-intro.md": "intro.md", "2_setup": "setup", "10.faq": "faq", "2024": "2024", "3d-printing": "3d-printing", "intro": "intro"} {
		if got := stripNumber(in); got != want {
			t.Errorf("stripNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSentence(t *testing.T) {
	long := strings.Repeat("word ", 50)
	for in, want := range map[string]string{
		"Install the app. It takes a minute.": "Install the app.",
		"One short line":                      "One short line",
		"Version 2.5 is out":                  "Version 2.5 is out",
		"Перезапустіть. Потім увійдіть.": "Перезапустіть.",
		long: strings.TrimSpace(strings.Repeat("word ", 31)) + "…",
	} {
		got := sentence(in)
		if got != want {
			t.Errorf("sentence(%.30q) = %q, want %q", in, got, want)
		}
		if n := len([]rune(got)); n > maxSummary {
			t.Errorf("sentence(%.30q) has %d characters", in, n)
		}
	}
}

func TestTakeTitle(t *testing.T) {
	imp, err := newImporter(nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ body, title, rest string }{
		{"# Install *the* `app`\n\nText.\n", "Install the app", "\n\nText.\n"},
		{"Install\n=======\n\nText.\n", "Install", "\n\n\nText.\n"},
		{"[![badge](b.svg)](x)\n\n# Title {#top}\nText.\n", "Title", "[![badge](b.svg)](x)\n\n\nText.\n"},
		{"## Only a section\n", "", "## Only a section\n"},
		{"```\n# not a heading\n```\n", "", "```\n# not a heading\n```\n"},
	} {
		title, rest := imp.takeTitle(tc.body)
		if title != tc.title || rest != tc.rest {
			t.Errorf("takeTitle(%q) = %q, %q; want %q, %q", tc.body, title, rest, tc.title, tc.rest)
		}
	}
}

func TestFixAnchor(t *testing.T) {
	imp, _ := newImporter(nil, Options{})
	ids := map[string]bool{"step-1-enable-the-feature": true, "my-var": true, "що-робити": true}
	for frag, want := range map[string]string{
		"step-1---enable-the-feature": "step-1-enable-the-feature",
		"my_var":                      "my-var",
		"що-робити":                   "що-робити",
		"fn:1":                        "fn:1",
		"nowhere":                     "",
	} {
		if got, _ := imp.fixAnchor(frag, ids); got != want {
			t.Errorf("fixAnchor(%q) = %q, want %q", frag, got, want)
		}
	}
}

func TestNormURL(t *testing.T) {
	for in, want := range map[string]string{
		"/docs/install/": "docs/install", "/docs/install.html": "docs/install", "/guide/index.html": "guide",
		"/": "", "/index.html": "", "docs/a/../b": "docs/b",
	} {
		if got := normURL(in); got != want {
			t.Errorf("normURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBasePath: a site served at the root has the base "/", never "//",
// which a browser reads as a link to another host.
func TestBasePath(t *testing.T) {
	for in, want := range map[string]string{
		"/": "/", "": "/", "https://example.org/": "/", "https://example.org": "/",
		"https://example.com/help/": "/help/", "/docs": "/docs/", "https://a.b/x/y//": "/x/y/", "%zz": "/",
	} {
		if got := basePath(in); got != want {
			t.Errorf("basePath(%q) = %q, want %q", in, got, want)
		}
	}
}
