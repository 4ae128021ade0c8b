package directive

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark/ast"
)

// shared is a source folder with fragments in _ folders: one that links
// and includes relative to its own folder, one nested deeper, and one
// that is not in a _ folder.
var shared = fstest.MapFS{
	"en/_shared/restart.md":    {Data: []byte("---\ntitle: ignored\n---\nRestart **{{product}}** first: [why](../guides/why.md), ![icon](img/r.png), [up](#top), [web](https://example.com/x.md).\n\n::include[deep/_more.md]\n")},
	"en/_shared/deep/_more.md": {Data: []byte("## More {{version}}\r\n\r\nMore [text](../../guides/more.md) {{nope}}.\r\n")},
	"en/guides/why.md":         {Data: []byte("not a fragment\n")},
	"en/_a.md":                 {Data: []byte("::include[_b.md]\n")},
	"en/_b.md":                 {Data: []byte("B\n\n::include[_a.md]\n")},
	"en/_big.md":               {Data: []byte(strings.Repeat("x", 1<<20-1) + "\n")},
}

func TestInclude(t *testing.T) {
	r := render(t, shared, "en/how/a.md", "# Top\n\n:::tabs\n::tab[A]\n::include[../_shared/restart.md]\n:::\n\nAfter.\n")
	r.wants(t,
		"<p class=\"tab-label\">A</p>\n<p>Restart <strong>Tillbook</strong> first: <a href=\"../guides/why.md\">why</a>, <img src=\"../_shared/img/r.png\" alt=\"icon\">, <a href=\"#top\">up</a>, <a href=\"https://example.com/x.md\">web</a>.</p>\n"+
			"<h2 id=\"more-version\">More 2.4</h2>\n<p>More <a href=\"../guides/more.md\">text</a> {{nope}}.</p>\n</div>\n</div>\n<p>After.</p>")
	r.lacks(t, "ignored", "include")
	// A problem in a fragment is at the fragment's line; one with a node
	// from a fragment, as the builder reports it, at the include line.
	r.said(t, "content/en/_shared/deep/_more.md:3: undefined variable {{nope}}: site.yaml defines my_var, product, version for this page's language")
	if want := []string{"en/_shared/restart.md", "en/_shared/deep/_more.md"}; !slices.Equal(r.page.Included, want) {
		t.Errorf("Included = %v, want %v", r.page.Included, want)
	}
	var h *ast.Heading
	_ = ast.Walk(r.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if x, ok := n.(*ast.Heading); ok && entering && x.Level == 2 {
			h = x
		}
		return ast.WalkContinue, nil
	})
	if h == nil {
		t.Fatal("no heading from the fragment")
	}
	if got := r.page.LineOf(h.Lines().At(0).Start); got != 9 {
		t.Errorf("the fragment's heading is at line %d of the page, want 9 (its include line)", got)
	}
}

func TestIncludeProblems(t *testing.T) {
	r := render(t, shared, "en/a.md", "::include[_a.md]\n\n::include[../../etc/passwd]\n\n::include[missing/_x.md]\n\n::include[guides/why.md]\n\n::include[/en/_b.md]\n")
	// The cycle is named from the fragment it returns to, at the include
	// line that closes it.
	r.wants(t, "<p>B</p>\n<p>not a fragment</p>\n<p>B</p>")
	r.said(t,
		"content/en/_a.md:1: include cycle: content/en/_b.md → content/en/_a.md → content/en/_b.md",
		"content/en/_b.md:3: include cycle: content/en/_a.md → content/en/_b.md → content/en/_a.md",
		"content/en/a.md:7: ::include[../../etc/passwd] points outside the source folder",
		"content/en/a.md:9: ::include[missing/_x.md]: there is no file content/en/missing/_x.md",
		"content/en/a.md:11: warning: ::include[guides/why.md]: content/en/guides/why.md is not in a folder whose name starts with _, so it is also published as an article; move it into one, such as _shared/")
}

func TestIncludeSizeIsCapped(t *testing.T) {
	r := render(t, shared, "en/a.md", strings.Repeat("::include[_big.md]\n", 6))
	if n := strings.Count(r.html, strings.Repeat("x", 1<<20-1)); n != maxIncluded>>20 {
		t.Errorf("the 1 MB fragment was included %d times, want %d", n, maxIncluded>>20)
	}
	r.said(t, "content/en/a.md:9: includes add more than 4 MB to this page: include less, or fewer times")
}

func TestRebase(t *testing.T) {
	for _, c := range []struct{ dest, from, to, want string }{
		{"x.md", "en/_shared", "en/how", "../_shared/x.md"},
		{"../how/y.md#a", "en/_shared", "en/how", "y.md#a"},
		{"img/a b.png?v=1", "_shared", "en/how", "../../_shared/img/a b.png?v=1"},
		{"../../../x.md", "en/_shared", "en/how", "../../../x.md"},
		{"#anchor", "en/_shared", "en/how", "#anchor"},
		{"/a/12/", "en/_shared", "en/how", "/a/12/"},
		{"mailto:a@b.example", "en/_shared", "en/how", "mailto:a@b.example"},
		{"x.md", "en/_shared", ".", "en/_shared/x.md"},
	} {
		if got := string(rebase([]byte(c.dest), c.from, c.to)); got != c.want {
			t.Errorf("rebase(%q, %q, %q) = %q, want %q", c.dest, c.from, c.to, got, c.want)
		}
	}
}

func TestEscape(t *testing.T) {
	src := "Braces {{ and }} and {% raw %}, `{{code}}`, \\{{ already.\n\n::: zone\n:::\n\n```\n{{ kept }}\n:::\n```\n"
	want := "Braces \\{{ and }} and \\{% raw \\%}, `{{code}}`, \\{{ already.\n\n\\::: zone\n\\:::\n\n```\n{{ kept }}\n:::\n```\n"
	got := string(Escape([]byte(src)))
	if got != want {
		t.Fatalf("Escape:\n%s\nwant:\n%s", got, want)
	}
	r := render(t, nil, "a.md", got)
	r.said(t)
	r.wants(t, "<p>Braces {{ and }} and {% raw %}, <code>{{code}}</code>, {{ already.</p>\n<p>::: zone\n:::</p>")
}

// TestGuard: what a converter wrote in deskbook's syntax keeps its
// directives and variables; another tool's tags left in text, and a line
// of text starting with "::", are shown as written, with no warning of
// foreign syntax; code keeps its text.
func TestGuard(t *testing.T) {
	src := ":::note[A {% x %} title]\nText {{product}} {% if a %} and {{< ref >}} here.\n:::\n\n::tab[outside tabs]\n\n`{% code %}` and\n\n    {% indented %}\n"
	want := ":::note[A {\\% x %\\} title]\nText {{product}} {\\% if a %\\} and {\\{< ref >}} here.\n:::\n\n\\::tab[outside tabs]\n\n`{% code %}` and\n\n    {% indented %}\n"
	got := string(Guard([]byte(src)))
	if got != want {
		t.Fatalf("Guard:\n%s\nwant:\n%s", got, want)
	}
	if again := string(Guard([]byte(got))); again != got {
		t.Errorf("Guard of its own output changed it:\n%s", again)
	}
	r := render(t, nil, "a.md", got)
	r.said(t)
	r.wants(t, "A {% x %} title", "Text Tillbook {% if a %} and {{&lt; ref &gt;}} here.", "::tab[outside tabs]", "<code>{% code %}</code>", "{% indented %}\n</code></pre>")
}

// TestReplaceVars: a variable the site does not define is kept as text,
// one is filled in, read as the build reads them (across the text nodes
// an underscore splits); a defined one, one in code and one escaped
// already stay; the result builds with no warning.
func TestReplaceVars(t *testing.T) {
	known := map[string]bool{"product": true, "my_var": true}
	src := "Open {{product}} in {{ fmt_menu }}, {{my_var}} and {{fmt_menu}}. `{{in_code}}` \\{{done}} {{ min_version }}\n"
	var names []string
	got := ReplaceVars([]byte(src), func(name, whole string) (string, bool) {
		names = append(names, name)
		switch {
		case known[name]:
			return "", false
		case name == "min_version":
			return "v1.2", true
		}
		return `\` + whole, true
	})
	want := "Open {{product}} in \\{{ fmt_menu }}, {{my_var}} and \\{{fmt_menu}}. `{{in_code}}` \\{{done}} v1.2\n"
	if string(got) != want || !slices.Equal(names, []string{"product", "fmt_menu", "my_var", "fmt_menu", "min_version"}) {
		t.Fatalf("ReplaceVars:\n%s\n%q\nwant:\n%s", got, names, want)
	}
	r := render(t, nil, "a.md", string(got))
	r.said(t)
	r.wants(t, "Open Tillbook in {{ fmt_menu }}, &lt;b&gt;&amp;&lt;/b&gt; and {{fmt_menu}}. <code>{{in_code}}</code> {{done}} v1.2")
}
