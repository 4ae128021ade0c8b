package builder

import (
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/internal/sitetest"
	"deskbook/themes"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// build runs a whole build of a txtar site into a fresh output folder.
func build(t testing.TB, archive string) (*Result, string, error) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Config{Source: sitetest.FS(t, archive), SourceName: "content", Theme: themes.Default(), Out: out})
	return res, out, err
}

func mustBuild(t testing.TB, archive string) (*Result, string) {
	t.Helper()
	res, out, err := build(t, archive)
	if err != nil {
		t.Fatalf("build failed: %v", err)
	}
	return res, out
}

func TestWholeSite(t *testing.T) {
	res, out := mustBuild(t, sitetest.Small)
	if len(res.Site.Articles) != 4 {
		t.Fatalf("articles = %d, want 4", len(res.Site.Articles))
	}
	art := sitetest.Read(t, out, "en/errors/disk-full/index.html")
	sitetest.Contains(t, "article", art,
		`<html lang="en">`,
		`<h1>Error E42: disk is full</h1>`,
		`<code>E42</code>`, `<code>Disk is full</code>`, // the error box
		`class="badge badge-error"`,
		`href="../../checks/before-you-call/#restart-the-app"`, // relative link by path, anchor kept
		`<a href="#how-to-fix-it">log</a>`,
		`<aside class="callout callout-warning" role="note"><p class="callout-title">Warning</p>`,
		`class="chroma"`, // highlighted with classes
		`<link rel="canonical" href="https://help.acme.example/docs/en/errors/disk-full/">`,
		`<h2 id="why-it-happens">Why it happens <a class="anchor" href="#why-it-happens"`,
		`<nav class="toc"`,
		`<time datetime="2026-10-01">1 October 2026</time>`,
		`href="../../../assets/style.`,
	)
	// The short link in Markdown becomes a relative link to the article.
	if strings.Count(art, `href="../../checks/before-you-call/#restart-the-app"`) != 2 {
		t.Errorf("both links (by path and by id) should resolve to the same relative URL")
	}
	if strings.Contains(art, "Do not delete the <strong>database</strong> folder.") == false {
		t.Errorf("callout body lost")
	}
	if strings.Contains(art, "[!WARNING]") {
		t.Errorf("callout marker left in output")
	}
	// The changelog entry that names this article is listed on the home page.
	home := sitetest.Read(t, out, "en/index.html")
	sitetest.Contains(t, "home", home, `Latest changes`, `Acme 1.2.0`, `href="errors/"`, `href="checks/before-you-call/"`)

	chk := sitetest.Read(t, out, "en/checks/before-you-call/index.html")
	sitetest.Contains(t, "checklist", chk,
		`<ul class="tasks">`,
		`<li class="task"><label class="task"><input type="checkbox"> Close the app</label></li>`,
		`<input type="checkbox" checked> Open it again`,
		`Text with &lt;b&gt;raw&lt;/b&gt; HTML.`, // raw HTML escaped by default
		`<a class="next" href="../zebra/">`,
		`Related articles`, // shares the tag "storage" with disk-full
	)
	if strings.Contains(chk, "disabled") {
		t.Errorf("checklist boxes must be tickable")
	}
	if strings.Contains(chk, "A note for writers") {
		t.Errorf("an HTML comment is shown to readers")
	}
	cl := sitetest.Read(t, out, "en/changelog/v1-2/index.html")
	sitetest.Contains(t, "changelog", cl, `Articles changed by this release`, `href="../../errors/disk-full/"`, `Version <strong>1.2.0</strong>`)

	short := sitetest.Read(t, out, "a/42/index.html")
	sitetest.Contains(t, "short link", short, `url=../../en/errors/disk-full/`, `<script>location.replace("../../en/errors/disk-full/" + location.hash)</script>`)
	sitetest.Contains(t, "root", sitetest.Read(t, out, "index.html"), `url=en/`)
	sitetest.Contains(t, "404", sitetest.Read(t, out, "404.html"), `href="/docs/en/"`, `href="/docs/assets/style.`)
	sitetest.Contains(t, "sitemap", sitetest.Read(t, out, "sitemap.xml"), `<loc>https://help.acme.example/docs/en/errors/disk-full/</loc><lastmod>2026-10-01</lastmod>`)
	sitetest.Contains(t, "robots", sitetest.Read(t, out, "robots.txt"), "Sitemap: https://help.acme.example/docs/sitemap.xml")
}

func TestOffline(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	_, err := Build(context.Background(), Config{Source: sitetest.FS(t, sitetest.Small), Theme: themes.Default(), Out: out, Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	art := sitetest.Read(t, out, "en/errors/disk-full/index.html")
	sitetest.Contains(t, "offline article", art, `href="../../checks/before-you-call/index.html#restart-the-app"`, `href="../../index.html"`)
}

func TestDeterministicAndIncrementalWrite(t *testing.T) {
	src := sitetest.FS(t, sitetest.Small)
	out := filepath.Join(t.TempDir(), "public")
	cfg := Config{Source: src, Theme: themes.Default(), Out: out}
	first, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	second, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if second.Write.Written != 0 || second.Write.Unchanged != first.Files {
		t.Errorf("rebuild of same input: written %d unchanged %d, want 0 and %d", second.Write.Written, second.Write.Unchanged, first.Files)
	}
	if diff := compareTrees(before, snapshot(t, out)); diff != "" {
		t.Errorf("same input, different output: %s", diff)
	}

	// One edit rewrites only the pages that show the changed text.
	src["checks/zebra.md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"Zebra article\"\nid: 8\n---\nChanged body.\n")}
	beforeEdit := snapshot(t, out)
	third, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	after := snapshot(t, out)
	if after["en/checks/zebra/index.html"].data == beforeEdit["en/checks/zebra/index.html"].data {
		t.Error("edited article not rewritten")
	}
	// Pages load the search bootstrap by a stable name, so a body edit
	// rewrites the edited page, the print book (every article's text) and
	// index files, nothing else.
	for p, f := range beforeEdit {
		if p != "en/checks/zebra/index.html" && p != "en/print/index.html" && !strings.HasPrefix(p, "search/") && after[p] != f {
			t.Errorf("body edit rewrote %s", p)
		}
	}
	if third.Write.Written >= third.Files {
		t.Errorf("body edit rewrote all %d files", third.Files)
	}
	// A removed article disappears from the output.
	delete(src, "checks/zebra.md")
	fourth, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if fourth.Write.Removed == 0 {
		t.Errorf("removed article: Removed = 0")
	}
	if _, err := os.Stat(filepath.Join(out, "en/checks/zebra/index.html")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("removed article still in output")
	}
}

type fileState struct {
	data  string
	mtime int64
}

func snapshot(t testing.TB, dir string) map[string]fileState {
	t.Helper()
	m := map[string]fileState{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fi, err := e.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[rel] = fileState{string(b), fi.ModTime().UnixNano()}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func compareTrees(a, b map[string]fileState) string {
	for p, fa := range a {
		fb, ok := b[p]
		switch {
		case !ok:
			return p + " disappeared"
		case fa.data != fb.data:
			return p + " changed"
		case fa.mtime != fb.mtime:
			return p + " was rewritten (mtime changed)"
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			return p + " appeared"
		}
	}
	return ""
}

func TestRefusesToReplaceForeignFolder(t *testing.T) {
	out := t.TempDir()
	precious := filepath.Join(out, "thesis.docx")
	if err := os.WriteFile(precious, []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), Config{Source: sitetest.FS(t, sitetest.Small), Theme: themes.Default(), Out: out})
	if err == nil || !strings.Contains(err.Error(), "is not a site deskbook built") {
		t.Fatalf("err = %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(precious); string(b) != "years of work" {
		t.Fatal("a foreign file was lost")
	}
}

// TestDraftsNotPublished: a draft has no page and is in no listing unless
// the build asks for drafts.
func TestDraftsNotPublished(t *testing.T) {
	site := sitetest.Small + "-- errors/secret.md --\n---\ntitle: \"Secret draft\"\nid: 9\ndraft: true\n---\nNot yet.\n"
	_, out := mustBuild(t, site)
	tree := readTree(t, out)
	for p, b := range tree {
		if strings.Contains(string(b), "Secret draft") || strings.Contains(p, "secret") {
			t.Errorf("%s shows the draft", p)
		}
	}
	res, err := Build(context.Background(), Config{Source: sitetest.FS(t, site), Theme: themes.Default(), Drafts: true})
	if err != nil || len(res.Site.Articles) != 5 {
		t.Errorf("with drafts: %v, %d articles", err, len(res.Site.Articles))
	}
}

// TestOrderPutsArticlesFirst guards order: in front matter, which keeps an
// imported navigation's order: ordered articles first, lowest first, the
// rest by title; a weight: key is pointed to order:.
func TestOrderPutsArticlesFirst(t *testing.T) {
	res, _ := mustBuild(t, `
-- site.yaml --
title: T
-- howto/b.md --
---
title: B
id: 1
order: 2
---
b
-- howto/z.md --
---
title: Z
id: 2
order: -1
---
z
-- howto/a.md --
---
title: A
id: 3
---
a
-- howto/c.md --
---
title: C
id: 4
weight: 1
---
c
`)
	var titles []string
	for _, a := range res.Site.Categories[0].Articles {
		titles = append(titles, a.Meta.Title)
	}
	if got := strings.Join(titles, " "); got != "Z B A C" {
		t.Errorf("order %q, want Z B A C", got)
	}
	var hint bool
	for _, w := range res.Diagnostics {
		hint = hint || strings.Contains(w.String(), "howto/c.md") && strings.Contains(w.String(), "order")
	}
	if !hint {
		t.Errorf("weight: is not pointed to order: %v", res.Diagnostics)
	}
}
