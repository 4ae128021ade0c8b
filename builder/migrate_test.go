package builder

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/internal/diag"
	"deskbook/internal/sitetest"
)

// githubDocs is a help centre in two languages written for GitHub: links
// by GitHub's heading anchors (and by MkDocs' and DocFX's), links without
// .md, folders introduced by index.md and README.md, images in a root
// _images folder both languages share, and a fragment in a _ folder.
const githubDocs = `
-- site.yaml --
title: "Acme Help"
base_url: "https://help.acme.example/"
languages:
  - code: en
    name: English
  - code: uk
    name: Українська
-- _images/diagram.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- _images/README.md --
Not an article: Markdown in a _ folder is a fragment.
-- en/_shared/restart.md --
Restart first. No front matter, no id: a fragment, never an article.
-- en/errors/_category.yaml --
title: "Errors, as _category.yaml calls them"
order: 9
-- en/errors/index.md --
---
title: "Error messages"
description: "What each error means and what to do."
order: 1
---
Start with [the most common one](tb-1001#step-1---enable-the-feature).

## How to read an error
-- en/errors/tb-1001.md --
---
title: "TB-1001: the feature is off"
id: 1001
kind: error
summary: "Turn it on."
errors: [TB-1001]
---
## Step 1 - Enable the feature

Set ` + "`my_var`" + `, see [below](#my_var) and [the FAQ again](#faq-1).

## my_var

## FAQ

## FAQ

![Diagram](../../_images/diagram.svg)
-- en/guides/README.md --
---
title: "Guides"
summary: "Step by step."
---
Guides for [errors](../errors/).
-- en/guides/setup.md --
---
title: "Set up"
id: 7
kind: howto
summary: "Set it up."
---
1. Read [TB-1001](../errors/tb-1001#step-1---enable-the-feature).
2. With a slash: [TB-1001](../errors/tb-1001/#my_var).
3. MkDocs wrote [this](../errors/tb-1001.md#step-1-enable-the-feature), and [that](../errors/tb-1001.md#faq_1).
4. By id: [TB-1001](/a/1001/#step-1---enable-the-feature).
5. [All errors](../errors), [their page](../errors/index.md), [the guides](README.md).
-- uk/errors/README.md --
Помилки та що з ними робити.
-- uk/errors/tb-1001.md --
---
title: "TB-1001: функцію вимкнено"
id: 1001
kind: error
summary: "Увімкніть її."
errors: [TB-1001]
---
## Крок 1 — Увімкніть функцію

Див. [крок](#крок-1--увімкніть-функцію) і [налаштування](../guides/setup#крок-2-перевірте).

![Схема](../../_images/diagram.svg)
-- uk/guides/setup.md --
---
title: "Налаштування"
id: 7
kind: howto
summary: "Налаштуйте."
---
## Крок 2: перевірте

[Помилки](../errors/)
-- uk/guides/_index.md --
---
title: "Інструкції"
---
`

// TestDocsWrittenForGitHub builds docs written for GitHub with no errors,
// and their links land on the ids deskbook gives the headings.
func TestDocsWrittenForGitHub(t *testing.T) {
	res, out := mustBuild(t, githubDocs)
	if ds := res.Diagnostics; len(ds) > 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	sitetest.Contains(t, "uk/guides (_index.md)", sitetest.Read(t, out, "uk/guides/index.html"), `<h1>Інструкції</h1>`)
	if len(res.Site.Articles) != 4 {
		t.Errorf("articles = %d, want 4 (index.md, README.md and fragments are not articles)", len(res.Site.Articles))
	}
	setup := sitetest.Read(t, out, "en/guides/setup/index.html")
	sitetest.Contains(t, "en/guides/setup", setup,
		`<a href="../../errors/tb-1001/#step-1-enable-the-feature">TB-1001</a>`,
		`<a href="../../errors/tb-1001/#my-var">TB-1001</a>`,
		`<a href="../../errors/tb-1001/#step-1-enable-the-feature">this</a>`,
		`<a href="../../errors/tb-1001/#faq-1">that</a>`,
		`<a href="../../errors/tb-1001/#step-1-enable-the-feature">TB-1001</a>.</li>`,
		`<a href="../../errors/">All errors</a>`,
		`<a href="../../errors/">their page</a>`,
		`<a href="../">the guides</a>`)
	tb := sitetest.Read(t, out, "en/errors/tb-1001/index.html")
	sitetest.Contains(t, "en/errors/tb-1001", tb,
		`<h2 id="step-1-enable-the-feature">`, `<h2 id="my-var">`,
		`<a href="#my-var">below</a>`, `<a href="#faq-1">the FAQ again</a>`,
		`<img src="../../../_images/diagram.svg" alt="Diagram"`)
	ukTB := sitetest.Read(t, out, "uk/errors/tb-1001/index.html")
	sitetest.Contains(t, "uk/errors/tb-1001", ukTB,
		`<a href="#%D0%BA%D1%80%D0%BE%D0%BA-1-%D1%83%D0%B2%D1%96%D0%BC%D0%BA%D0%BD%D1%96%D1%82%D1%8C-%D1%84%D1%83%D0%BD%D0%BA%D1%86%D1%96%D1%8E">крок</a>`,
		`<a href="../../guides/setup/#%D0%BA%D1%80%D0%BE%D0%BA-2-%D0%BF%D0%B5%D1%80%D0%B5%D0%B2%D1%96%D1%80%D1%82%D0%B5">налаштування</a>`,
		`<img src="../../../_images/diagram.svg" alt="Схема"`)
	sitetest.Read(t, out, "_images/diagram.svg") // copied once, for both languages

	errs := sitetest.Read(t, out, "en/errors/index.html")
	sitetest.Contains(t, "en/errors (index.md)", errs,
		`<h1>Error messages</h1>`, `<p class="lead">What each error means and what to do.</p>`,
		`<a href="tb-1001/#step-1-enable-the-feature">the most common one</a>`,
		`<h2 id="how-to-read-an-error">`)
	guides := sitetest.Read(t, out, "en/guides/index.html")
	sitetest.Contains(t, "en/guides (README.md)", guides, `<h1>Guides</h1>`, `<p class="lead">Step by step.</p>`, `Guides for <a href="../errors/">errors</a>.`)
	sitetest.Contains(t, "uk/errors (README.md without front matter)", sitetest.Read(t, out, "uk/errors/index.html"), `Помилки та що з ними робити.`)
	sitetest.Contains(t, "uk/guides", sitetest.Read(t, out, "uk/guides/setup/index.html"), `<a href="../../errors/">Помилки</a>`)

	// In the print book the introduction opens its category, with anchors of its own.
	book := sitetest.Read(t, out, "en/print/index.html")
	sitetest.Contains(t, "en/print", book, `<h1 id="c-errors">Error messages</h1>`, `id="c-errors-how-to-read-an-error"`,
		`<a href="#a1001-step-1-enable-the-feature">the most common one</a>`)
	if strings.Index(book, `id="c-errors"`) > strings.Index(book, `id="c-errors-how-to-read-an-error"`) {
		t.Error("print book: the introduction is not at the start of its category")
	}
}

// TestMigrationBadInput: what a migration still reports.
func TestMigrationBadInput(t *testing.T) {
	for _, tc := range []struct{ name, archive, want string }{
		{"anchor no tool gives", strings.Replace(githubDocs, "#faq-1)", "#faq-9)", 1),
			`content/en/errors/tb-1001.md:10: broken link "#faq-9": this article has no heading #faq-9`},
		{"extensionless link to nothing", strings.Replace(githubDocs, "(../errors/tb-1001#step", "(../errors/tb-1002#step", 1),
			`content/en/guides/setup.md:7: broken link "../errors/tb-1002#step-1---enable-the-feature": there is no file en/errors/tb-1002`},
		{"folder without index.md", githubDocs + "-- en/guides/more.md --\n---\ntitle: More\nid: 8\n---\n[x](../checks/)\n-- en/checks/a.md --\n---\ntitle: A\nid: 9\n---\nA\n",
			`content/en/guides/more.md:5: broken link "../checks/": there is no file en/checks`},
		{"top folder without _", githubDocs + "-- images/x.png --\npng\n",
			`content/images: folder "images" is not a language listed in site.yaml (en, uk)`},
		{"unclosed introduction", strings.Replace(githubDocs, "order: 1\n---\n", "order: 1\n", 1),
			`content/en/errors/index.md:1: the front matter opened on line 1 is never closed`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := build(t, tc.archive)
			var ce *diag.ContentError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want content errors", err)
			}
			if !strings.Contains(ce.Error(), tc.want) {
				t.Errorf("diagnostics lack %q:\n%s", tc.want, ce.Error())
			}
		})
	}
}

// TestIntroOtherKeys: another tool's keys in an index.md, or a value of
// the wrong type, are warnings, as in articles; the keys deskbook knows
// still name the category.
func TestIntroOtherKeys(t *testing.T) {
	res, out := mustBuild(t, strings.Replace(githubDocs, "order: 1\n", "order: first\nweight: 3\n", 1))
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.String())
	}
	want := []string{
		`content/en/errors/index.md:4: warning: "first" has the wrong type: want a whole number`,
		`content/en/errors/index.md:5: warning: unknown key "weight"; known keys here: aliases, description, order, summary, title`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	sitetest.Contains(t, "en/errors", sitetest.Read(t, out, "en/errors/index.html"), `<h1>Error messages</h1>`)
}

// TestLinksWarn: with links: warn (site.yaml, or Config.Links, which wins)
// links, anchors and images that lead nowhere are warnings marked Broken,
// the site is built, and the page shows their text instead of a link.
func TestLinksWarn(t *testing.T) {
	broken := strings.Replace(githubDocs, "(#faq-1)", "(#faq-9)", 1)
	broken = strings.Replace(broken, "(../errors/tb-1001#step", "(../errors/gone#step", 1)
	broken = strings.Replace(broken, "../../_images/diagram.svg)\n-- en/guides", "../../_images/missing.png)\n-- en/guides", 1)
	src := sitetest.FS(t, broken)
	if _, err := Build(t.Context(), Config{Source: src, SourceName: "content", Theme: themeFS(t)}); err == nil {
		t.Fatal("broken links built without links: warn")
	}
	res, err := Build(t.Context(), Config{Source: src, SourceName: "content", Theme: themeFS(t), Links: "warn"})
	if err != nil {
		t.Fatalf("--links warn: %v", err)
	}
	want := []string{
		`content/en/errors/tb-1001.md:10: warning: broken link "#faq-9": this article has no heading #faq-9`,
		`content/en/errors/tb-1001.md:18: warning: broken image "../../_images/missing.png": there is no file _images/missing.png`,
		`content/en/guides/setup.md:7: warning: broken link "../errors/gone#step-1---enable-the-feature": there is no file en/errors/gone`,
	}
	var got []string
	for _, d := range res.Diagnostics.Broken() {
		got = append(got, d.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("broken links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// site.yaml says warn; the option says strict, and wins.
	src["site.yaml"].Data = append(src["site.yaml"].Data, "links: warn\n"...)
	if _, err := Build(t.Context(), Config{Source: src, SourceName: "content", Theme: themeFS(t)}); err != nil {
		t.Errorf("site.yaml links: warn: %v", err)
	}
	if _, err := Build(t.Context(), Config{Source: src, SourceName: "content", Theme: themeFS(t), Links: "strict"}); err == nil {
		t.Error("--links strict did not win over site.yaml's links: warn")
	}

	// The page keeps the link's text, not a link to nowhere.
	out := t.TempDir()
	if _, err := Build(t.Context(), Config{Source: src, SourceName: "content", Theme: themeFS(t), Out: out}); err != nil {
		t.Fatal(err)
	}
	sitetest.Contains(t, "en/guides/setup", sitetest.Read(t, out, "en/guides/setup/index.html"), `<li>Read TB-1001.</li>`)
	tb := sitetest.Read(t, out, "en/errors/tb-1001/index.html")
	// A missing heading leaves the link: it still leads to the page.
	sitetest.Contains(t, "en/errors/tb-1001", tb, `<a href="#faq-9">the FAQ again</a>`, "<p>Diagram</p>")
	if strings.Contains(tb, "missing.png") {
		t.Error("the missing image is still shown as an image")
	}

	src["site.yaml"].Data = []byte(strings.Replace(string(src["site.yaml"].Data), "links: warn", "links: loose", 1))
	_, err = Build(t.Context(), Config{Source: src, SourceName: "content", Theme: themeFS(t)})
	if err == nil || !strings.Contains(err.Error(), `content/site.yaml:8: links: "loose": want strict or warn`) {
		t.Errorf("links: loose: %v", err)
	}
}

// TestLiveMigration: serve keeps a site written for GitHub as a full build
// makes it while a category's index.md, README.md or _index.md comes,
// changes and goes, shared files and fragments in _ folders come, and the
// headings that other tools' anchors name change.
func TestLiveMigration(t *testing.T) {
	src := sitetest.FS(t, githubDocs)
	cfg := Config{Source: src, SourceName: "content", Theme: themeFS(t)}
	e := NewLive(cfg)
	out := filepath.Join(t.TempDir(), "public")
	step := func(what string, ch Change, wantErr string) LiveResult {
		t.Helper()
		res := e.Update(t.Context(), ch)
		if res.Err == nil {
			indexNow(t, e)
		}
		full := cfg
		full.Out = out
		fres, ferr := Build(t.Context(), full)
		if (ferr == nil) != (res.Err == nil) || (ferr != nil) != (wantErr != "") || ferr != nil && !strings.Contains(ferr.Error(), wantErr) {
			t.Fatalf("%s: full build error %v, incremental error %v, want %q", what, ferr, res.Err, wantErr)
		}
		if fres != nil && !slices.Equal(fres.Diagnostics, res.Diagnostics) {
			t.Fatalf("%s: diagnostics differ\nfull:        %v\nincremental: %v", what, fres.Diagnostics, res.Diagnostics)
		}
		if ferr == nil {
			if diff := compareOutput(readTree(t, out), e.store.Snapshot()); diff != "" {
				t.Fatalf("%s: output differs from a full build: %s", what, diff)
			}
		}
		return res
	}
	write := func(p, data string) string {
		src[p] = &fstest.MapFile{Data: []byte(data), Mode: 0o644}
		return p
	}
	page := func(p string) string {
		b, _ := e.File(p)
		return string(b)
	}
	step("first build", Change{All: true}, "")

	ch := Change{Paths: []string{write("en/errors/index.md", "---\ntitle: \"Errors\"\n---\nNew introduction, [step](tb-1001#step-1---enable-the-feature).\n")}}
	if res := step("index.md edited", ch, ""); !slices.Contains(res.Changed, "en/errors/index.html") || !strings.Contains(page("en/errors/index.html"), "New introduction") {
		t.Errorf("index.md edited: the category page was not made again (%v)", res.Changed)
	}
	delete(src, "en/errors/index.md")
	step("index.md deleted", Change{Paths: []string{"en/errors/index.md"}}, `broken link "../errors/": there is no file en/errors`)
	setup := strings.Replace(string(src["en/guides/setup.md"].Data), "../errors/index.md", "../errors/README.md", 1)
	step("README.md instead", Change{Paths: []string{write("en/errors/README.md", "Read me.\n"), write("en/guides/setup.md", setup)}}, "")
	if !strings.Contains(page("en/errors/index.html"), "Read me.") {
		t.Error("README.md: the category page lacks its introduction")
	}
	step("shared image and fragments", Change{Paths: []string{write("_images/new.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
		write("_shared/note.md", "fragment\n"), write("uk/_shared/note.md", "фрагмент\n"),
		write("uk/errors/tb-1001.md", strings.Replace(string(src["uk/errors/tb-1001.md"].Data), "diagram.svg", "new.svg", 1))}}, "")
	if !strings.Contains(page("uk/errors/tb-1001/index.html"), `src="../../../_images/new.svg"`) {
		t.Error("the shared image is not linked")
	}

	// The heading GitHub's anchor names moves: the pages linking by it follow.
	tb := string(src["en/errors/tb-1001.md"].Data)
	ch = Change{Paths: []string{write("en/errors/tb-1001.md", strings.Replace(tb, "## Step 1 - Enable the feature", "## Intro\n\n## Step 1 - Enable the feature {#enable}", 1))}}
	step("heading given an id", ch, "")
	if !strings.Contains(page("en/guides/setup/index.html"), `href="../../errors/tb-1001/#enable"`) {
		t.Error("a link by GitHub's anchor does not follow its heading's new id")
	}
	step("heading gone", Change{Paths: []string{write("en/errors/tb-1001.md", strings.Replace(tb, "## Step 1 - Enable the feature", "## Other", 1))}},
		`content/en/guides/setup.md:7: broken link "../errors/tb-1001#step-1---enable-the-feature": content/en/errors/tb-1001.md has no heading #step-1---enable-the-feature`)
	step("heading back", Change{Paths: []string{write("en/errors/tb-1001.md", tb)}}, "")
}
