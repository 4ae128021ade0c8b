package directive

import (
	"fmt"
	"maps"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/internal/frontmatter"
)

func TestCheckVariables(t *testing.T) {
	var cfg struct {
		Variables map[string]Variable `yaml:"variables"`
	}
	yaml := "variables:\n  phone: \"+44 20\"\n  store:\n    en: App Store\n    de: App Store\n  count: 3\n  2fa: x\n  product: y\n  list: [a, b]\n"
	if _, problems := frontmatter.Decode([]byte(yaml), &cfg); len(problems) > 0 {
		t.Fatalf("decode: %v", problems)
	}
	var got []string
	for _, p := range CheckVariables(cfg.Variables, []string{"en", "uk"}) {
		got = append(got, fmt.Sprintf("%s %v: %s", p.Key, p.Warning, p.Msg))
	}
	want := []string{
		`2fa false: variables: "2fa" is not a name for {{…}}: use letters, digits, _ . and -, starting with a letter`,
		"list false: variables: list: want a text, or a text per language code (en: …, uk: …)",
		`store.de false: variables: store: "de" is not a language of this site (en, uk)`,
		"store true: variables: store has no text for uk: {{store}} is an error on its pages",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	uk := Values(cfg.Variables, "uk", map[string]string{"product": "Tillbook", "version": ""})
	if want := map[string]string{"product": "y", "phone": "+44 20", "count": "3", "2fa": "x"}; !maps.Equal(uk, want) {
		t.Errorf("uk values = %v, want %v (variables: product over site.yaml's, no store, no empty version)", uk, want)
	}
	if en := Values(cfg.Variables, "en", nil); en["store"] != "App Store" {
		t.Errorf("en store = %q", en["store"])
	}
}

// includeLine finds an include line on a page: "::include[" where a line
// or an element's text starts ("see 0::include[x" mid-line is text).
var includeLine = regexp.MustCompile(`(^|\n|>)::include\[`)

// FuzzDirectives parses any text as an article that includes fragments
// (one of which includes the article back): it never panics, every
// problem names a file and, but for the counts of problems left out, a
// line, and no directive marker reaches the page outside code.
func FuzzDirectives(f *testing.F) {
	f.Add(":::tabs\n::tab[A]\n::include[_s/x.md]\n:::\n")
	f.Add(":::details[x [y] \\]\n{{product}} {{ nope }} {% x %}\n::::\n")
	f.Add("- a\n  :::note\n  > ::include[../a.md]\n:::\n```\n:::\n")
	f.Add(strings.Repeat(":::note[", 30) + "\n" + strings.Repeat("::tab[x]\n", 5))
	f.Add("::include[_s/y.md]\n\n{{product}}\n:::image type=\"x\":::\n")
	fsys := fstest.MapFS{
		"en/_s/x.md": {Data: []byte("# X {{version}}\n\n::include[y.md]\n")},
		"en/_s/y.md": {Data: []byte(":::warning\n::include[../a.md]\n:::\n")},
	}
	f.Fuzz(func(t *testing.T, src string) {
		r := render(t, fsys, "en/a.md", src)
		for _, d := range r.diags {
			if d.Path == "" || d.Line <= 0 && !strings.Contains(d.Msg, "more") {
				t.Errorf("diagnostic without a file or line: %v", d)
			}
		}
		if includeLine.MatchString(r.html) && !strings.Contains(src, "`") && !strings.Contains(src, "    ") && !strings.Contains(src, "\t") && !strings.Contains(src, "<") {
			t.Errorf("an include line reached the page:\n%s", r.html)
		}
	})
}
