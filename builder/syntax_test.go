package builder

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/internal/diag"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

// syntaxSite reads a txtar site of testdata/syntax.
func syntaxSite(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "syntax", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSyntaxPages builds a site in deskbook's own syntax: includes by
// relative path from the article and from the fragment, a fragment shared
// by every language at the top, the fragment's link and image made
// relative to the page, variables per language, and code that keeps {{.
func TestSyntaxPages(t *testing.T) {
	res, out := mustBuild(t, syntaxSite(t, "site"))
	if len(res.Diagnostics) > 0 {
		t.Errorf("diagnostics: %v", res.Diagnostics)
	}
	en := sitetest.Read(t, out, "en/guides/install/index.html")
	sitetest.Contains(t, "en/guides/install", en,
		"<p>Install Acme in a few steps.</p>\n<p>Open <strong>Acme 3.1</strong> from the App Store, as <a href=\"../guide/\">the guide</a> shows.</p>\n<p>Still stuck? Call us on +44 20 0000 0000.</p>\n<p><img src=\"../../../_shared/phone.svg\" alt=\"A phone\"",
		"<div class=\"tabs\" data-tabs>\n<div class=\"tab-panel\">\n<p class=\"tab-label\">Windows</p>\n<p>Run the <strong>installer</strong>.</p>\n</div>",
		"<details class=\"details\">\n<summary>Why Acme?</summary>\n<p>Because it is quick.</p>\n</details>")
	uk := sitetest.Read(t, out, "uk/guides/install/index.html")
	sitetest.Contains(t, "uk/guides/install", uk, "<p>Встановіть Acme з крамниці App Store. Це Довідка Acme.</p>")
	tmpl := sitetest.Read(t, out, "en/guides/template/index.html")
	sitetest.Contains(t, "en/guides/template", tmpl, "<code>{{product}}</code>", "<pre tabindex=\"0\"><code>{{ version }}\n</code></pre>")
	if got := sitetest.Read(t, out, "_shared/phone.svg"); !strings.HasPrefix(got, "<svg") {
		t.Errorf("the fragment's image: %q", got)
	}
	for _, p := range []string{"en/_shared/steps/index.html", "_shared/call/index.html", "en/_shared/index.html"} {
		if _, err := os.Stat(filepath.Join(out, p)); err == nil {
			t.Errorf("%s: a fragment was published", p)
		}
	}
	for _, page := range []string{en, uk} {
		for _, marker := range []string{"{{", "::", "{%"} {
			if strings.Contains(page, marker) {
				t.Errorf("a page holds %q", marker)
			}
		}
	}
}

// TestSyntaxErrors: every mistake is reported at the line it is on (in
// site.yaml, the article, or the fragment), in one run.
func TestSyntaxErrors(t *testing.T) {
	res, _, err := build(t, syntaxSite(t, "errors"))
	if err == nil {
		t.Fatal("the build succeeded")
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.String())
	}
	want := []string{
		"content/_shared/deeper/_again.md:3: include cycle: content/_shared/loop.md → content/_shared/deeper/_again.md → content/_shared/loop.md",
		"content/guides/a.md:8: ::include[../../../etc/passwd] points outside the source folder",
		"content/guides/a.md:10: ::include[../_shared/missing.md]: there is no file content/_shared/missing.md",
		"content/guides/a.md:12: warning: ::include[b.md]: content/guides/b.md is not in a folder whose name starts with _, so it is also published as an article; move it into one, such as _shared/",
		"content/guides/a.md:14: undefined variable {{phone}}: site.yaml defines store, title for this page's language",
		"content/guides/a.md:16: warning: :::details needs a label, the question it answers: :::details[Why does this happen?]",
		"content/guides/a.md:20: warning: this directive is never closed: end it with a line of 3 colons",
		"content/guides/a.md:21: warning: text before the first ::tab line of a tab set belongs to no tab: move it into a tab, or above :::tabs",
		"content/guides/b.md:6: undefined variable {{nope}}: site.yaml defines store, title for this page's language",
		`content/site.yaml:5: variables: store: "uk" is not a language of this site (en)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSyntaxInPrint: the print book shows every tab panel under its label
// and every collapsible section open, its label a bold line.
func TestSyntaxInPrint(t *testing.T) {
	_, out := mustBuild(t, syntaxSite(t, "site"))
	book := sitetest.Read(t, out, "en/print/index.html")
	sitetest.Contains(t, "en/print", book,
		"<div class=\"tabs tabs-print\">\n<div class=\"tab-panel\">\n<p class=\"tab-label\"><strong>Windows</strong></p>\n<p>Run the <strong>installer</strong>.</p>\n</div>\n"+
			"<div class=\"tab-panel\">\n<p class=\"tab-label\"><strong>Mac</strong></p>\n<p>Drag it to <em>Applications</em>.</p>\n</div>\n</div>",
		"<div class=\"details\">\n<p class=\"details-label\"><strong>Why Acme?</strong></p>\n<p>Because it is quick.</p>\n</div>",
		// The fragment's link leads inside the book.
		`as <a href="#a2">the guide</a> shows.`)
	for _, not := range []string{"<details", "data-tabs"} {
		if strings.Contains(book, not) {
			t.Errorf("the print book holds %q", not)
		}
	}
}

// TestSyntaxInSearch: the search index has the text of every tab panel,
// of collapsible sections and of included fragments, with variables
// filled in, and no marker.
func TestSyntaxInSearch(t *testing.T) {
	b := &pipeline{ctx: context.Background(), d: &diag.Collector{}, res: &Result{},
		cfg: Config{Source: sitetest.FS(t, syntaxSite(t, "site")), SourceName: "content", Theme: themes.Default()}}
	if err := b.load(); err != nil {
		t.Fatal(err)
	}
	if err := b.parse(); err != nil {
		t.Fatal(err)
	}
	var text string
	for _, d := range searchDocs(b.site) {
		if d.URL == "en/guides/install/" {
			for _, s := range d.Sections {
				text += s.Heading + "\n" + s.Text + "\n"
			}
		}
	}
	for _, want := range []string{"Install Acme in a few steps.", "Open Acme 3.1 from the App Store", "Call us on +44 20 0000 0000.",
		"Windows\nRun the installer.", "Mac\nDrag it to Applications.", "Why Acme?\nBecause it is quick."} {
		if !strings.Contains(text, want) {
			t.Errorf("the search text lacks %q:\n%s", want, text)
		}
	}
	for _, not := range []string{"{{", "::", "{%", "include"} {
		if strings.Contains(text, not) {
			t.Errorf("the search text holds %q:\n%s", not, text)
		}
	}
}

// TestLiveFragments: serve parses again the articles that include a
// fragment when it changes, comes, goes or moves with its folder, and
// only those; a fragment is never a page; the result is what a full build
// makes.
func TestLiveFragments(t *testing.T) {
	src := sitetest.FS(t, syntaxSite(t, "site"))
	src["en/guides/other.md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"Other\"\nid: 4\nsummary: \"x\"\n---\nNo includes.\n")}
	cfg := Config{Source: src, SourceName: "content", Theme: themes.Default()}
	e := NewLive(cfg)
	if res := e.Update(context.Background(), Change{All: true}); res.Err != nil {
		t.Fatal(res.Err)
	}
	page := func(p string) string {
		b, _ := e.store.Get(p)
		return string(b)
	}
	step := func(what string, paths ...string) LiveResult {
		t.Helper()
		res := e.Update(context.Background(), Change{Paths: paths})
		if res.Full {
			t.Errorf("%s: a full rebuild", what)
		}
		if slices.Contains(res.Changed, "en/guides/other/index.html") {
			t.Errorf("%s: a page without includes was made again", what)
		}
		if slices.ContainsFunc(res.Changed, func(p string) bool { return strings.Contains(p, "_shared/") && strings.HasSuffix(p, ".html") }) {
			t.Errorf("%s: a fragment became a page: %v", what, res.Changed)
		}
		return res
	}
	// The fragment the page includes through another.
	src["_shared/call.md"] = &fstest.MapFile{Data: []byte("Write to us instead.\n")}
	res := step("a nested fragment edited", "_shared/call.md")
	if !strings.Contains(page("en/guides/install/index.html"), "Write to us instead.") || !slices.Contains(res.Changed, "en/guides/install/index.html") {
		t.Errorf("the page did not follow its fragment: %v", res.Changed)
	}
	// Gone: the include line's error; back: fixed.
	data := src["en/_shared/steps.md"]
	delete(src, "en/_shared/steps.md")
	res = e.Update(context.Background(), Change{Paths: []string{"en/_shared/steps.md"}})
	if res.Err == nil || !strings.Contains(res.Err.Error(), "content/en/guides/install.md:8: ::include[../_shared/steps.md]: there is no file content/en/_shared/steps.md") {
		t.Errorf("a missing fragment: %v", res.Err)
	}
	src["en/_shared/steps.md"] = data
	step("the fragment came back", "en/_shared/steps.md")
	// The folder moved away and back.
	delete(src, "en/_shared/steps.md")
	src["en/_old/steps.md"] = data
	if res := e.Update(context.Background(), Change{Paths: []string{"en/_shared", "en/_old"}}); res.Err == nil {
		t.Error("a fragment moved away: no error")
	}
	delete(src, "en/_old/steps.md")
	src["en/_shared/steps.md"] = data
	step("the folder came back", "en/_shared", "en/_old")
	indexNow(t, e)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default(), Out: out}); err != nil {
		t.Fatal(err)
	}
	if diff := compareOutput(readTree(t, out), e.store.Snapshot()); diff != "" {
		t.Errorf("serve's output differs from a full build: %s", diff)
	}
}
