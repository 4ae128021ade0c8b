package directive

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"deskbook/internal/diag"
	"deskbook/internal/inline"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// md is goldmark as the builder sets it up: GitHub's Markdown, the
// directives, then internal/inline's parsers.
func md() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, Extension(), inline.Extension()),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()))
}

// result is one document parsed and rendered.
type result struct {
	html  string
	diags diag.List
	page  *Page
	doc   ast.Node
}

// render parses src as the file at p of fsys (line 5 of it, after front
// matter), with the variables product and version, and renders it.
func render(t testing.TB, fsys fs.FS, p, src string) result {
	t.Helper()
	m := md()
	d := &diag.Collector{}
	page := &Page{FS: fsys, Folder: "content", Path: p, Start: 5, D: d,
		Vars: map[string]string{"product": "Tillbook", "version": "2.4", "my_var": "<b>&</b>"}}
	pc := parser.NewContext()
	Set(pc, page)
	doc := m.Parser().Parse(page.Reader([]byte(src)), parser.WithContext(pc))
	var b bytes.Buffer
	if err := m.Renderer().Render(&b, page.buf, doc); err != nil {
		t.Fatal(err)
	}
	return result{html: b.String(), diags: d.Sorted(), page: page, doc: doc}
}

// wants fails for each text the HTML lacks.
func (r result) wants(t testing.TB, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(r.html, w) {
			t.Errorf("missing %q in:\n%s", w, r.html)
		}
	}
}

// lacks fails for each text the HTML has.
func (r result) lacks(t testing.TB, not ...string) {
	t.Helper()
	for _, w := range not {
		if strings.Contains(r.html, w) {
			t.Errorf("unwanted %q in:\n%s", w, r.html)
		}
	}
}

// said fails unless the diagnostics are exactly these, as strings.
func (r result) said(t testing.TB, want ...string) {
	t.Helper()
	var got []string
	for _, d := range r.diags {
		got = append(got, d.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestNotes(t *testing.T) {
	var src strings.Builder
	for _, v := range []string{"note", "tip", "important", "warning", "caution"} {
		fmt.Fprintf(&src, ":::%s\nBody of %s.\n:::\n\n", v, v)
	}
	src.WriteString(":::warning[Before **you** update `x`]\nBack up.\n:::\n")
	r := render(t, nil, "a.md", src.String())
	r.wants(t,
		`<aside class="callout callout-note" role="note"><p class="callout-title">Note</p>`+"\n<p>Body of note.</p>\n</aside>",
		`<aside class="callout callout-tip" role="note"><p class="callout-title">Tip</p>`,
		`<aside class="callout callout-important" role="note"><p class="callout-title">Important</p>`,
		`<aside class="callout callout-caution" role="note"><p class="callout-title">Caution</p>`,
		`<aside class="callout callout-warning" role="note"><p class="callout-title">Before <strong>you</strong> update <code>x</code></p>`+"\n<p>Back up.</p>\n</aside>")
	r.said(t)
}

func TestNoteTitleInThePagesLanguage(t *testing.T) {
	m := md()
	page := &Page{Path: "a.md", Start: 1, Words: func(k string) string {
		return map[string]string{"tip": "Порада", "details": "Докладніше"}[k]
	}}
	pc := parser.NewContext()
	Set(pc, page)
	doc := m.Parser().Parse(page.Reader([]byte(":::tip\nx\n:::\n\n:::details\ny\n:::\n\n:::note\nz\n:::\n")), parser.WithContext(pc))
	var b bytes.Buffer
	_ = m.Renderer().Render(&b, page.buf, doc)
	for _, w := range []string{`<p class="callout-title">Порада</p>`, "<summary>Докладніше</summary>", `<p class="callout-title">Note</p>`} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("missing %q in:\n%s", w, b.String())
		}
	}
}

func TestDetails(t *testing.T) {
	r := render(t, nil, "a.md", ":::details[Why [really] does *it* \\] happen?]\nBecause.\n\n- one\n:::\n\n:::details\nNo label.\n:::\n\n:::details[  ]\nBlank label.\n:::\n")
	r.wants(t, "<details class=\"details\">\n<summary>Why [really] does <em>it</em> ] happen?</summary>\n<p>Because.</p>\n<ul>\n<li>one</li>\n</ul>\n</details>",
		"<details class=\"details\">\n<summary>Details</summary>\n<p>No label.</p>")
	r.said(t,
		"content/a.md:11: warning: :::details needs a label, the question it answers: :::details[Why does this happen?]",
		"content/a.md:15: warning: :::details needs a label, the question it answers: :::details[Why does this happen?]")
}

func TestTabs(t *testing.T) {
	r := render(t, nil, "a.md", ":::tabs\n::tab[Windows]\n1. Open **Settings**.\n::tab[*Mac*]\n1. Open **System Settings**.\n\n```\n::tab[Not a tab]\n:::\n```\n:::\n\nAfter.\n")
	r.wants(t, "<div class=\"tabs\" data-tabs>\n<div class=\"tab-panel\">\n<p class=\"tab-label\">Windows</p>\n<ol>\n<li>Open <strong>Settings</strong>.</li>\n</ol>\n</div>\n"+
		"<div class=\"tab-panel\">\n<p class=\"tab-label\"><em>Mac</em></p>\n<ol>\n<li>Open <strong>System Settings</strong>.</li>\n</ol>\n<pre><code>::tab[Not a tab]\n:::\n</code></pre>\n</div>\n</div>\n<p>After.</p>")
	r.said(t)
}

func TestTabsMistakes(t *testing.T) {
	r := render(t, nil, "a.md", ":::tabs\nBefore the first tab.\n::tab[A]\na\n:::\n\n:::tabs\n:::\n\n::tab[Outside]\n\n:::tabs\n::tab\n:::\n")
	r.wants(t, "<div class=\"tabs\" data-tabs>\n<p>Before the first tab.</p>\n<div class=\"tab-panel\">", "<p>Outside</p>")
	r.lacks(t, "::tab")
	r.said(t,
		"content/a.md:6: warning: text before the first ::tab line of a tab set belongs to no tab: move it into a tab, or above :::tabs",
		"content/a.md:11: warning: :::tabs has no ::tab[Label] lines: start each panel with one",
		`content/a.md:14: warning: "::tab[Outside]": a tab starts with ::tab[Label] alone on its line, right inside a :::tabs container`,
		`content/a.md:17: warning: "::tab": a tab starts with ::tab[Label] alone on its line, right inside a :::tabs container`,
		"content/a.md:17: warning: text before the first ::tab line of a tab set belongs to no tab: move it into a tab, or above :::tabs")
}

func TestNesting(t *testing.T) {
	// Fences of one length close the innermost container; a longer
	// outer fence is not closed by a shorter line.
	r := render(t, nil, "a.md", "::::tabs\n::tab[A]\n:::details[D]\n:::note\nInner.\n:::\nIn details.\n:::\nIn tab A.\n::tab[B]\n:::\nStill B.\n::::\nAfter.\n")
	r.wants(t, "<div class=\"tab-panel\">\n<p class=\"tab-label\">A</p>\n<details class=\"details\">\n<summary>D</summary>\n<aside class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Note</p>\n<p>Inner.</p>\n</aside>\n<p>In details.</p>\n</details>\n<p>In tab A.</p>\n</div>",
		"<p class=\"tab-label\">B</p>\n<p>Still B.</p>\n</div>\n</div>\n<p>After.</p>")
	r.said(t, `content/a.md:15: warning: ":::" closes no directive: remove it, or check the line that should have opened one`)
}

func TestNestingInOtherBlocks(t *testing.T) {
	r := render(t, nil, "a.md", "- item\n\n  :::tip\n  In a list.\n  :::\n\n> :::note[Quoted]\n> In a quote.\n> :::\n")
	r.wants(t, "<li>\n<p>item</p>\n<aside class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">Tip</p>\n<p>In a list.</p>\n</aside>\n</li>",
		"<blockquote>\n<aside class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Quoted</p>\n<p>In a quote.</p>\n</aside>\n</blockquote>")
	r.said(t)
}

func TestUnclosed(t *testing.T) {
	r := render(t, nil, "a.md", "Intro.\n\n:::details[Open]\nBody.\n\n:::tabs\n::tab[A]\nText.\n")
	r.wants(t, "<details class=\"details\">\n<summary>Open</summary>\n<p>Body.</p>\n<div class=\"tabs\" data-tabs>\n<div class=\"tab-panel\">\n<p class=\"tab-label\">A</p>\n<p>Text.</p>\n</div>\n</div>\n</details>")
	r.said(t,
		"content/a.md:7: warning: this directive is never closed: end it with a line of 3 colons",
		"content/a.md:10: warning: this directive is never closed: end it with a line of 3 colons")
}

func TestTooDeep(t *testing.T) {
	src := strings.Repeat(":::note\n", maxOpen+2) + "x\n"
	r := render(t, nil, "a.md", src)
	if n := strings.Count(r.html, "<aside"); n != maxOpen {
		t.Errorf("%d notes opened, want %d", n, maxOpen)
	}
	r.lacks(t, ":::")
	var deep int
	for _, d := range r.diags {
		if strings.Contains(d.Msg, "did not open") {
			deep++
		}
	}
	if deep != 2 { // one for each line past the cap
		t.Errorf("%d warnings of nesting, want 2: %v", deep, r.diags)
	}
}

func TestVariables(t *testing.T) {
	r := render(t, nil, "a.md", "Open {{product}} {{ version }} and [{{ my_var }}](x.md).\n\n`{{product}}` and \\{{product}}.\n\n```\n{{product}}\n```\n\n:::details[About {{product}}]\nx\n:::\n\nCall {{phone}}, {{ not a name }}.\n")
	r.wants(t, "<p>Open Tillbook 2.4 and <a href=\"x.md\">&lt;b&gt;&amp;&lt;/b&gt;</a>.</p>",
		"<p><code>{{product}}</code> and {{product}}.</p>",
		"<pre><code>{{product}}\n</code></pre>",
		"<summary>About Tillbook</summary>")
	r.said(t,
		"content/a.md:17: undefined variable {{phone}}: site.yaml defines my_var, product, version for this page's language",
		`content/a.md:17: warning: "{{ not a name }}." is not a variable like {{product}}: write \{{ to show two braces`)
}

func TestForeignSyntax(t *testing.T) {
	r := render(t, nil, "a.md", "{% note info %}Read this.{% endnote %}\n\n:::image type=\"content\" source=\"x.png\" alt-text=\"A\":::\n\n:::no-loc[Windows]\n\nText 50%} done.\n\n`{% raw %}` stays.\n\n::1 is the loopback address.\n\n::: zone pivot=\"windows\"\n")
	r.wants(t, "<p>Read this.</p>", "<p>Windows</p>", "<p>Text 50 done.</p>", "<code>{% raw %}</code>", "<p>::1 is the loopback address.</p>")
	r.lacks(t, "image", "no-loc", "endnote")
	r.said(t,
		`content/a.md:5: warning: "{% endnote %}" looks like the syntax of another tool; deskbook import markdown converts it`,
		`content/a.md:5: warning: "{% note info %}" looks like the syntax of another tool; deskbook import markdown converts it`,
		`content/a.md:7: warning: ":::image type=\"content\" source=\"x.png\"…" looks like the syntax of another tool; deskbook import markdown converts it`,
		`content/a.md:9: warning: ":::no-loc[Windows]" looks like the syntax of another tool; deskbook import markdown converts it`,
		"content/a.md:11: warning: a stray %} looks like the syntax of another tool; deskbook import markdown converts it",
		`content/a.md:17: warning: "::: zone pivot=\"windows\"" looks like the syntax of another tool; deskbook import markdown converts it`)
}

func TestMisusedDirectives(t *testing.T) {
	r := render(t, nil, "a.md", ":::note[Title] trailing\nx\n\n::include\n\n::details[x]\n")
	r.lacks(t, "::")
	r.said(t,
		`content/a.md:5: warning: ":::note[Title] trailing": write :::note[label] alone on its line, and end it with a ::: line`,
		`content/a.md:8: warning: "::include": write ::include[path/to/_shared/file.md] alone on its line`,
		`content/a.md:10: warning: "::details[x]": write :::details[label] alone on its line, and end it with a ::: line`)
}

func TestForPrint(t *testing.T) {
	m := md()
	page := &Page{Path: "a.md", Start: 1}
	pc := parser.NewContext()
	Set(pc, page)
	doc := m.Parser().Parse(page.Reader([]byte(":::details[Why?]\nBecause.\n:::\n\n:::tabs\n::tab[A]\na\n::tab[B]\nb\n:::\n")), parser.WithContext(pc))
	ForPrint(doc)
	var b bytes.Buffer
	_ = m.Renderer().Render(&b, page.buf, doc)
	want := "<div class=\"details\">\n<p class=\"details-label\"><strong>Why?</strong></p>\n<p>Because.</p>\n</div>\n" +
		"<div class=\"tabs tabs-print\">\n<div class=\"tab-panel\">\n<p class=\"tab-label\"><strong>A</strong></p>\n<p>a</p>\n</div>\n" +
		"<div class=\"tab-panel\">\n<p class=\"tab-label\"><strong>B</strong></p>\n<p>b</p>\n</div>\n</div>\n"
	if b.String() != want {
		t.Errorf("print render:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestWithoutAPage(t *testing.T) {
	m := md()
	var b bytes.Buffer
	src := []byte("::include[_x.md]\n\n{{product}} :::\n\n:::note\nn\n:::\n")
	if err := m.Convert(src, &b); err != nil {
		t.Fatal(err)
	}
	if want := "<p>{{product}} :::</p>\n<aside class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Note</p>\n<p>n</p>\n</aside>\n"; b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestProblemsAreCapped(t *testing.T) {
	r := render(t, nil, "a.md", strings.Repeat("{{nope}}\n:::\n\n", 300))
	errs, warns := r.diags.Errors(), r.diags.Warnings()
	if len(errs) != maxProblems+1 || len(warns) != maxProblems+1 {
		t.Fatalf("%d errors and %d warnings, want %d of each", len(errs), len(warns), maxProblems+1)
	}
	if got := errs[0].String(); got != "content/a.md: 200 more errors in deskbook's Markdown syntax, like those above" {
		t.Errorf("first error: %s", got)
	}
	if got := warns[0].String(); got != "content/a.md: warning: 200 more warnings about Markdown syntax, like those above" {
		t.Errorf("first warning: %s", got)
	}
}

func TestIsFragment(t *testing.T) {
	for p, want := range map[string]bool{
		"en/_shared/a.md": true, "_shared/a.md": true, "en/how/_inc/deep/a.md": true, "en/_index.md": true,
		"en/how/a.md": false, "en/how/a_b.md": false, "en/my_shared/a.md": false,
	} {
		if IsFragment(p) != want {
			t.Errorf("IsFragment(%q) = %v, want %v", p, !want, want)
		}
	}
}
