package slug

import (
	"slices"
	"testing"
)

// TestGitHub checks the anchors GitHub gives single headings against
// known examples: what github.com (and github-slugger) make of them.
func TestGitHub(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Step 1 - Enable the feature", "step-1---enable-the-feature"},
		{"my_var", "my_var"},
		{"bravoCharlieDelta", "bravocharliedelta"},
		{"heading with a period.txt", "heading-with-a-periodtxt"},
		{"exchange.bind_headers(exchange, routing [, bindCallback])", "exchangebind_headersexchange-routing--bindcallback"},
		{"apostrophe’s should be trimmed", "apostrophes-should-be-trimmed"},
		{"I ♥ unicode", "i--unicode"},
		{"en–dash", "endash"},
		{"😄 unicode emoji", "-unicode-emoji"},
		{"😄 - an emoji", "---an-emoji"},
		{":ok_hand: Single", "ok_hand-single"},
		{" a ", "-a-"},
		{"Привет non-latin 你好", "привет-non-latin-你好"},
		{"Що робити, якщо принтер не друкує?", "що-робити-якщо-принтер-не-друкує"},
		{"Перезавантажте комп’ютер", "перезавантажте-компютер"},
		{"Error 0x80070005: access is denied", "error-0x80070005-access-is-denied"},
		{"C++ & C#", "c--c"},
		{"Ⅻ and café", "ⅻ-and-café"},
	} {
		if got := GitHub(tc.in); got != tc.want {
			t.Errorf("GitHub(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestGitHubAnchors: duplicates are numbered per anchor, skipping numbers
// another heading already took, as on GitHub.
func TestGitHubAnchors(t *testing.T) {
	in := []string{"echo", "echo", "echo 1", "echo-1", "echo", "foxtrot-1", "foxtrot", "foxtrot", "Ошибка", "ошибка"}
	want := []string{"echo", "echo-1", "echo-1-1", "echo-1-2", "echo-2", "foxtrot-1", "foxtrot", "foxtrot-2", "ошибка", "ошибка-1"}
	if got := GitHubAnchors(in); !slices.Equal(got, want) {
		t.Errorf("GitHubAnchors(%q)\n = %q\nwant %q", in, got, want)
	}
}

// TestMkDocs checks the anchors of Python-Markdown's toc extension, as
// MkDocs configures it by default.
func TestMkDocs(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Step 1 - Enable the feature", "step-1-enable-the-feature"},
		{"my_var", "my_var"},
		{"Žlutý kůň", "zluty-kun"},
		{"  Spaces   around  ", "spaces-around"},
		{"-a-", "-a-"},
		{"C++ & C#", "c-c"},
		{"Що робити?", ""},
		{"😄 emoji", "emoji"},
	} {
		if got := MkDocs(tc.in); got != tc.want {
			t.Errorf("MkDocs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	in := []string{"FAQ", "FAQ", "FAQ", "Що робити?", "Ще раз", "item_1", "item_1"}
	want := []string{"faq", "faq_1", "faq_2", "_1", "_2", "item_1", "item_2"}
	if got := MkDocsAnchors(in); !slices.Equal(got, want) {
		t.Errorf("MkDocsAnchors(%q)\n = %q\nwant %q", in, got, want)
	}
}

// TestDocFX checks the anchors of DocFX (Markdig's GitHub-style
// identifiers): like GitHub's, but marks and letters beyond the first
// plane go, and an empty anchor is "section".
func TestDocFX(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Step 1 - Enable the feature", "step-1---enable-the-feature"},
		{"my_var", "my_var"},
		{"Café", "café"},
		{"Cafe\u0301", "cafe"},
		{"Ⅻ ok", "-ok"},
		{"Привет 𝐀", "привет-"},
	} {
		if got := DocFX(tc.in); got != tc.want {
			t.Errorf("DocFX(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	in := []string{"Install", "Install", "!!!", "???", "install-1"}
	want := []string{"install", "install-1", "section", "section-1", "install-1-1"}
	if got := DocFXAnchors(in); !slices.Equal(got, want) {
		t.Errorf("DocFXAnchors(%q)\n = %q\nwant %q", in, got, want)
	}
}

// TestForeign: every tool's anchor leads to its heading; where tools
// disagree about one anchor, GitHub's reading is kept.
func TestForeign(t *testing.T) {
	texts := []string{"Step 1 - Enable", "my_var", "FAQ", "FAQ", "Що робити?"}
	got := Foreign(len(texts), func(i int) string { return texts[i] })
	for anchor, want := range map[string]int{
		"step-1---enable": 0, // GitHub, Docusaurus, DocFX
		"step-1-enable":   0, // MkDocs
		"my_var":          1,
		"faq":             2,
		"faq-1":           3, // GitHub
		"faq_1":           3, // MkDocs
		"що-робити":       4, // GitHub
		"_1":              4, // MkDocs: no ASCII letters
	} {
		if i, ok := got[anchor]; !ok || i != want {
			t.Errorf("Foreign: #%s names heading %d (found %v), want %d", anchor, i, ok, want)
		}
	}
	if _, ok := got["step-1-enable-1"]; ok {
		t.Errorf("Foreign made up an anchor no tool gives: %v", got)
	}
}
