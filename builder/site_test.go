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

	"deskbook/themes"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// siteFS makes a source FS from a txtar archive: every file in it is a
// content file, by its path.
func siteFS(t testing.TB, archive string) fstest.MapFS {
	t.Helper()
	ar := txtar.Parse([]byte(archive))
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

// build runs a whole build of a txtar site into a fresh output folder.
func build(t testing.TB, archive string) (*Result, string, error) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Config{Source: siteFS(t, archive), SourceName: "content", Theme: themes.Default(), Out: out})
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

func read(t testing.TB, out, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
	if err != nil {
		t.Fatalf("output: %v", err)
	}
	return string(b)
}

func contains(t testing.TB, page, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s: missing %q", page, w)
		}
	}
}

const smallSite = `
-- site.yaml --
title: "Acme Help"
base_url: "https://help.acme.example/docs/"
product: Acme
version: "1.2.0"
languages:
  - code: en
    name: English
support: "mailto:help@acme.example"
-- errors/_category.yaml --
title: "Error messages"
order: 1
description: "What errors mean."
-- errors/disk-full.md --
---
title: "Error E42: disk is full"
id: 42
kind: error
summary: "The disk has no room left."
errors: ["E42", "Disk is full"]
tags: [disk, storage]
updated: 2026-10-01
---
The app stopped writing.

## Why it happens

Files grew.

## How to fix it

1. Free space. See [the checklist](../checks/before-you-call.md#restart-the-app).
2. Restart, as in [our short link](/a/7/#restart-the-app).

## When to call us

Send the [log](#how-to-fix-it).

> [!WARNING]
> Do not delete the **database** folder.

` + "```go\nfunc main() {}\n```" + `
-- checks/before-you-call.md --
---
title: "Before you call"
id: 7
kind: checklist
summary: "Quick checks."
tags: [storage]
---
## Restart the app

- [ ] Close the app
- [x] Open it again

## Restart the computer

Text with <b>raw</b> HTML.
-- checks/zebra.md --
---
title: "Zebra article"
id: 8
---
Last in order.
-- changelog/v1-2.md --
---
title: "Acme 1.2.0"
id: 100
kind: changelog
version: "1.2.0"
date: 2026-09-01
affects: [42]
---
## Fixed

- Disk checks.
`

func TestWholeSite(t *testing.T) {
	res, out := mustBuild(t, smallSite)
	if len(res.Site.Articles) != 4 {
		t.Fatalf("articles = %d, want 4", len(res.Site.Articles))
	}
	art := read(t, out, "en/errors/disk-full/index.html")
	contains(t, "article", art,
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
	home := read(t, out, "en/index.html")
	contains(t, "home", home, `Latest changes`, `Acme 1.2.0`, `href="errors/"`, `href="checks/before-you-call/"`)

	chk := read(t, out, "en/checks/before-you-call/index.html")
	contains(t, "checklist", chk,
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
	cl := read(t, out, "en/changelog/v1-2/index.html")
	contains(t, "changelog", cl, `Articles changed by this release`, `href="../../errors/disk-full/"`, `Version <strong>1.2.0</strong>`)

	short := read(t, out, "a/42/index.html")
	contains(t, "short link", short, `url=../../en/errors/disk-full/`, `target = "../../en/errors/disk-full/"`, `location.replace(target + location.hash)`)
	contains(t, "root", read(t, out, "index.html"), `url=en/`)
	contains(t, "404", read(t, out, "404.html"), `href="/docs/en/"`, `href="/docs/assets/style.`)
	contains(t, "sitemap", read(t, out, "sitemap.xml"), `<loc>https://help.acme.example/docs/en/errors/disk-full/</loc><lastmod>2026-10-01</lastmod>`)
	contains(t, "robots", read(t, out, "robots.txt"), "Sitemap: https://help.acme.example/docs/sitemap.xml")
}

func TestOffline(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	_, err := Build(context.Background(), Config{Source: siteFS(t, smallSite), Theme: themes.Default(), Out: out, Offline: true})
	if err != nil {
		t.Fatal(err)
	}
	art := read(t, out, "en/errors/disk-full/index.html")
	contains(t, "offline article", art, `href="../../checks/before-you-call/index.html#restart-the-app"`, `href="../../index.html"`)
}

func TestDeterministicAndIncrementalWrite(t *testing.T) {
	src := siteFS(t, smallSite)
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
		if p != "en/checks/zebra/index.html" && p != "en/print/index.html" && p != outputMarker && !strings.HasPrefix(p, "search/") && after[p] != f {
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
		case fa.mtime != fb.mtime && filepath.Base(p) != outputMarker:
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
	_, err := Build(context.Background(), Config{Source: siteFS(t, smallSite), Theme: themes.Default(), Out: out})
	if err == nil || !strings.Contains(err.Error(), "not a deskbook output folder") {
		t.Fatalf("err = %v, want a refusal", err)
	}
	if b, _ := os.ReadFile(precious); string(b) != "years of work" {
		t.Fatal("a foreign file was lost")
	}
}

// TestDraftsNotPublished: a draft has no page and is in no listing unless
// the build asks for drafts.
func TestDraftsNotPublished(t *testing.T) {
	site := smallSite + "-- errors/secret.md --\n---\ntitle: \"Secret draft\"\nid: 9\ndraft: true\n---\nNot yet.\n"
	_, out := mustBuild(t, site)
	tree := readTree(t, out)
	for p, b := range tree {
		if strings.Contains(string(b), "Secret draft") || strings.Contains(p, "secret") {
			t.Errorf("%s shows the draft", p)
		}
	}
	res, err := Build(context.Background(), Config{Source: siteFS(t, site), Theme: themes.Default(), Drafts: true})
	if err != nil || len(res.Site.Articles) != 5 {
		t.Errorf("with drafts: %v, %d articles", err, len(res.Site.Articles))
	}
}
