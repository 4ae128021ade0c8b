package highlight

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"golang.org/x/net/html"
)

// samples are code blocks of the languages support articles quote.
var samples = map[string]string{
	"go":     "package main\n\nimport \"fmt\"\n\n// main says hello.\nfunc main() {\n\tx := 42 // the answer\n\tfmt.Println(\"a < b && c > d\", x, 'q')\n}\n",
	"rust":   "fn main() {\n    let v = vec![1, 2, 3];\n    let w = v;\n    println!(\"{:?}\", v); // error[E0382]: borrow of moved value\n}\n",
	"python": "def f(x: int) -> str:\n    \"\"\"Doc <string>.\"\"\"\n    return f'{x!r}' if x > 0 else None  # comment\n",
	"bash":   "#!/bin/sh\nset -eu\nfor f in *.log; do\n  echo \"$f\" >> out.txt 2>&1\ndone\n",
	"json":   "{\"name\": \"Tillbook\", \"port\": 8080, \"tls\": true, \"tags\": [null, 1.5e3]}\n",
	"html":   "<!doctype html>\n<a href=\"x?a=1&amp;b=2\" class='c'>Link &copy;</a>\n<script>if (a < b) alert(\"hi\")</script>\n",
	"yaml":   "base_url: \"https://example.com/\"\nlanguages: [en, uk]\n# comment\nbrand:\n  accent: '#0b5cad'\n",
	"diff":   "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-old line\n+new line\n context\n",
	"c":      "#include <stdio.h>\nint main(void) {\n\tprintf(\"%d\\n\", 1 << 3);\n\treturn 0;\n}\n",
	"sql":    "SELECT name, count(*) FROM orders WHERE total > 10 GROUP BY name;\n",
}

// span is one character of a block and the class it is shown with.
type span struct {
	text  string
	class string
}

// chars parses a block's HTML into its characters, each with the class
// of the innermost span around it but chroma's line wrappers.
func chars(t *testing.T, block string) []span {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(block))
	var stack []string
	var out []span
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			name, _ := z.TagName()
			if string(name) != "span" {
				continue
			}
			class := ""
			for {
				k, v, more := z.TagAttr()
				if string(k) == "class" {
					class = string(v)
				}
				if !more {
					break
				}
			}
			if class == "line" || class == "cl" {
				class = inherit(stack)
			}
			stack = append(stack, class)
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "span" {
				stack = stack[:len(stack)-1]
			}
		case html.TextToken:
			for _, r := range string(z.Text()) {
				out = append(out, span{string(r), inherit(stack)})
			}
		}
	}
}

func inherit(stack []string) string {
	if len(stack) == 0 {
		return ""
	}
	return stack[len(stack)-1]
}

func format(t *testing.T, f chroma.Formatter, lang, code string) string {
	t.Helper()
	it, err := chroma.Coalesce(lexers.Get(lang)).Tokenise(nil, code)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Format(&b, styles.Fallback, it); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// plainClasses are the classes of the token types Formatter writes as
// plain text.
func plainClasses() map[string]bool {
	m := map[string]bool{"": true}
	for tt, c := range chroma.StandardTypes {
		if Class(tt) == "" {
			m[c] = true
		}
	}
	return m
}

// TestSameAsChroma: every block has the same text as chroma's own HTML,
// and every character the class chroma gives it, but where that class is
// one of a plain token.
func TestSameAsChroma(t *testing.T) {
	plain := plainClasses()
	for lang, code := range samples {
		ours := format(t, Formatter{}, lang, code)
		theirs := format(t, chromahtml.New(chromahtml.WithClasses(true)), lang, code)
		a, b := chars(t, ours), chars(t, theirs)
		var text strings.Builder
		for _, c := range a {
			text.WriteString(c.text)
		}
		if text.String() != code {
			t.Errorf("%s: text %q, want %q", lang, text.String(), code)
			continue
		}
		if len(a) != len(b) {
			t.Errorf("%s: %d characters, chroma's %d", lang, len(a), len(b))
			continue
		}
		for i := range a {
			want := b[i].class
			if plain[want] {
				want = ""
			}
			if a[i].class != want {
				t.Errorf("%s: character %d %q has class %q, want %q (chroma's %q)", lang, i, a[i].text, a[i].class, want, b[i].class)
				break
			}
		}
		if len(ours) >= len(theirs) {
			t.Errorf("%s: %d bytes, not fewer than chroma's %d", lang, len(ours), len(theirs))
		}
	}
}

// TestLean: no line wrappers, no spans for plain tokens, no empty spans,
// one span for tokens of one class in a row, and only &, < and >
// escaped.
func TestLean(t *testing.T) {
	toks := []chroma.Token{
		{Type: chroma.Keyword, Value: "pub"},
		{Type: chroma.KeywordDeclaration, Value: ""},
		{Type: chroma.Keyword, Value: "fn"},
		{Type: chroma.TextWhitespace, Value: " "},
		{Type: chroma.Name, Value: "x"},
		{Type: chroma.Punctuation, Value: "("},
		{Type: chroma.LiteralString, Value: `"a<b&c>'d"`},
		{Type: chroma.Punctuation, Value: ")"},
		{Type: chroma.Text, Value: "\n"},
		{Type: chroma.CommentSingle, Value: "// end\n"},
	}
	var b bytes.Buffer
	if err := (Formatter{}).Format(&b, nil, chroma.Literator(toks...)); err != nil {
		t.Fatal(err)
	}
	want := Start + `<span class="k">pubfn</span> x(<span class="s">"a&lt;b&amp;c&gt;'d"</span>)` + "\n" + `<span class="c1">// end` + "\n</span>" + End
	if b.String() != want {
		t.Errorf("got  %s\nwant %s", b.String(), want)
	}
}

// TestThemeColoursKept: every token class the default theme's style.css
// colours is written, so no colour is lost on any page.
func TestThemeColoursKept(t *testing.T) {
	css, err := os.ReadFile("../../themes/default/static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	plain := plainClasses()
	sel := regexp.MustCompile(`pre\.chroma span:is\(([^)]*)\)`)
	found := 0
	for _, m := range sel.FindAllStringSubmatch(string(css), -1) {
		for _, c := range strings.Split(m[1], ",") {
			c = strings.TrimPrefix(strings.TrimSpace(c), ".")
			found++
			if plain[c] {
				t.Errorf("style.css colours .%s, which Formatter writes as plain text", c)
			}
		}
	}
	if found == 0 {
		t.Fatal("no token colours found in style.css: has the selector changed?")
	}
}

// TestCSS: the stylesheet holds the light colours, and the dark ones in a
// prefers-color-scheme query.
func TestCSS(t *testing.T) {
	css, err := CSS()
	if err != nil {
		t.Fatal(err)
	}
	s := string(css)
	i := strings.Index(s, "@media (prefers-color-scheme: dark)")
	if i < 0 || !strings.Contains(s[:i], ".chroma .k {") || !strings.Contains(s[i:], ".chroma .k {") || !strings.Contains(s, "tab-size: 4") {
		t.Errorf("stylesheet lacks a light or dark keyword colour or the tab size:\n%s", s)
	}
}

func TestInfoLanguage(t *testing.T) {
	for in, want := range map[string]string{"go": "go", "rust,ignore": "rust", "Python {linenos=true}": "python", "": ""} {
		if got := InfoLanguage([]byte(in)); got != want {
			t.Errorf("infoLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}
