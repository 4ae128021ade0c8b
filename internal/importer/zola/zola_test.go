package zola_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/builder"
	"deskbook/internal/diag"
	"deskbook/internal/importer/folder"
	"deskbook/internal/importer/zola"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

// sampleSite is a small Zola content folder: a page bundle in three
// languages with a screenshot, a section, an @/ link with an anchor, an
// alias, a Cyrillic slug, TOML front matter and a page without any.
const sampleSite = `
-- _index.md --
+++
title = "Home"
+++
{{ screenshot(src="/images/home.jpg", alt="Home") }}
-- faq/_index.md --
---
title: Frequently asked questions
description: Answers to common questions
extra:
  order: 5
---
-- faq/_index.uk.md --
---
title: Часті питання
---
-- faq/app/crash/index.md --
---
title: "What if the app crashes: a checklist"
slug: crash
description: What to do when the app closes.
updated: "2026-01-04"
taxonomies:
  faq: ["app", "crash"]
  tags: ["app"]
extra:
  order: 30
aliases:
  - /faq/app/old-crash/
---
Read [the SD card help](@/faq/map/sd-card/index.md#check-the-card) first.

{{ screenshot(src="crash.png", alt="The crash dialog", loading='lazy') }}

{{ references() }}

` + "```sh\necho \"[not a link](@/nowhere.md) {{ screenshot(src='x.png') }}\"\n```" + `
-- faq/app/crash/crash.png --
not really a PNG
-- faq/app/crash/index.uk.md --
---
title: Що робити, якщо застосунок аварійно закривається?
slug: що-робити-якщо-застосунок-закривається
date: 2025-10-07T07:20:28+00:00
aliases: ["/uk/faq/app/що-робити/"]
---
Прочитайте [про SD-карту](@/faq/map/sd-card/index.uk.md#check-the-card).

{{ screenshot(src='crash.png') }}

Дивіться [сторінку, якої немає](@/faq/gone/index.md) і [сусідню](../../map/sd-card/).
-- faq/app/crash/index.ru.md --
---
title: Что делать, если приложение вылетает?
---
Прочитайте [про SD-карту](@/faq/map/sd-card/index.ru.md#check-the-card).

![Старый снимок](old.png)
-- faq/map/sd-card/index.md --
---
title: SD card problems
---
## Check the card {#check-the-card}

Take it out.
-- faq/map/sd-card/index.uk.md --
---
title: Проблеми з SD-карткою
---
## Перевірте картку {#check-the-card}

Вийміть її.
-- faq/map/sd-card/index.ru.md --
---
title: Проблемы с SD-картой
---
## Проверьте карту {#check-the-card}
-- news/first.md --
+++
title = "First release"
date = 2024-05-01T00:04:07+00:00
template = "news/page.html"

[taxonomies]
news = ["releases"]

[extra]
order = 3
+++
Hello from [the FAQ](@/faq/_index.md).
-- about.md --
# About us

We make maps.
`

// importSite imports a txtar Zola site into a fresh folder.
func importSite(t *testing.T, archive string, opt zola.Options) (string, zola.Report) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "content")
	rep, err := zola.Import(sitetest.FS(t, archive), out, opt)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return out, rep
}

// build builds an imported folder and fails on any error.
func build(t *testing.T, src string, drafts bool) (*builder.Result, string) {
	t.Helper()
	pub := filepath.Join(t.TempDir(), "public")
	res, err := builder.Build(context.Background(), builder.Config{Source: os.DirFS(src), SourceName: "content", Theme: themes.Default(), Out: pub, Drafts: drafts})
	if err != nil {
		t.Fatalf("build of the imported site: %v", err)
	}
	return res, pub
}

func articleAt(res *builder.Result, url string) *builder.Article {
	for _, a := range res.Site.Articles {
		if a.URL == url {
			return a
		}
	}
	return nil
}

func TestImport(t *testing.T) {
	out, rep := importSite(t, sampleSite, zola.Options{SourceName: "zola"})
	res, pub := build(t, out, false)
	for _, d := range res.Diagnostics {
		t.Logf("build: %s", d)
	}
	for _, d := range rep.Warnings {
		t.Logf("import: %s", d)
	}

	uk := articleAt(res, "uk/faq/app/crash/")
	en := articleAt(res, "en/faq/app/crash/")
	ru := articleAt(res, "ru/faq/app/crash/")
	if uk == nil || en == nil || ru == nil {
		t.Fatalf("crash page missing in a language: en %v uk %v ru %v", en != nil, uk != nil, ru != nil)
	}
	if !slices.Contains(uk.Translations, en) || !slices.Contains(uk.Translations, ru) {
		t.Errorf("uk translations = %v, want the en and ru pages", urls(uk.Translations))
	}
	// IDs are sequential over the sorted page paths: about, faq/app/crash, …
	if en.Meta.ID != 2 || uk.Meta.ID != 2 || ru.Meta.ID != 2 {
		t.Errorf("ids en %d uk %d ru %d, want 2 for all", en.Meta.ID, uk.Meta.ID, ru.Meta.ID)
	}
	if en.Meta.Title != "What if the app crashes: a checklist" || !slices.Equal(en.Meta.Tags, []string{"app", "crash"}) ||
		en.Meta.Updated.Format("2006-01-02") != "2026-01-04" || en.Meta.Summary != "What to do when the app closes." {
		t.Errorf("en front matter = %+v", en.Meta)
	}
	if got := uk.Meta.Updated.Format("2006-01-02"); got != "2025-10-07" {
		t.Errorf("uk updated = %s, want the Zola date 2025-10-07", got)
	}
	if about := articleAt(res, "en/about/"); about == nil || about.Meta.Title != "About us" || about.Meta.ID != 1 {
		t.Errorf("page without front matter: %+v", about)
	}
	if news := articleAt(res, "en/news/first/"); news == nil || !slices.Equal(news.Meta.Tags, []string{"releases"}) {
		t.Errorf("TOML page: %+v", news)
	}

	ukHTML := sitetest.Read(t, pub, "uk/faq/app/crash/index.html")
	sitetest.Contains(t, "uk page", ukHTML,
		`<img src="crash.png" alt="Що робити, якщо застосунок аварійно закривається?"`, // no alt: the title
		`href="../../map/sd-card/#check-the-card"`, // @/ link to the uk version, anchor kept
		`Дивіться сторінку, якої немає і`,          // missing target: text only
	)
	if !strings.Contains(ukHTML, `<a href="../../map/sd-card/">сусідню</a>`) {
		t.Errorf("the relative link to a bundle folder should reach the uk page too")
	}
	enHTML := sitetest.Read(t, pub, "en/faq/app/crash/index.html")
	sitetest.Contains(t, "en page", enHTML,
		`<img src="crash.png" alt="The crash dialog"`,
		`href="../../map/sd-card/#check-the-card"`,
		`{{ references() }}`, // left as text
		`@/nowhere.md`,       // code is not touched
	)
	ruHTML := sitetest.Read(t, pub, "ru/faq/app/crash/index.html")
	sitetest.Contains(t, "ru page", ruHTML, `href="../../map/sd-card/#check-the-card"`)
	if strings.Contains(ruHTML, "old.png") {
		t.Errorf("a missing image should be removed")
	}
	sitetest.Contains(t, "news", sitetest.Read(t, pub, "en/news/first/index.html"), `href="../../faq/"`)

	src := readFile(t, out, "en/faq/app/crash/index.md")
	sitetest.Contains(t, "en source", src, "id: 2\n", "updated: 2026-01-04\n", "tags: [app, crash]\n", "```sh\necho \"[not a link](@/nowhere.md) {{ screenshot(src='x.png') }}\"\n```")
	sitetest.Contains(t, "en aliases", src, "aliases:\n    - /faq/app/old-crash/\n    - /faq/app/crash/\n")
	for _, gone := range []string{"slug", "extra", "order"} {
		if strings.Contains(src, gone+":") {
			t.Errorf("en source still has %s:\n%s", gone, src)
		}
	}
	sitetest.Contains(t, "uk category", readFile(t, out, "uk/faq/_category.yaml"), "title: Часті питання")
	sitetest.Contains(t, "en category", readFile(t, out, "en/faq/_category.yaml"), "title: Frequently asked questions", "order: 5", "description: Answers to common questions")
	sitetest.Contains(t, "site.yaml", readFile(t, out, "site.yaml"), "title: Help centre", "base_url: https://example.invalid/", "name: Українська", "name: Русский")
	if strings.Contains(readFile(t, out, "site.yaml"), "support") {
		t.Errorf("site.yaml should leave support out")
	}
	for _, l := range []string{"en", "uk", "ru"} {
		if _, err := os.Stat(filepath.Join(out, l, "faq/app/crash/crash.png")); err != nil {
			t.Errorf("bundle image not copied beside the %s page: %v", l, err)
		}
	}

	if rep.Aliases.Kept != 2 {
		t.Errorf("aliases kept = %+v, want 2", rep.Aliases)
	}
	if !slices.Equal(rep.Languages, []zola.Count{{"en", 4}, {"ru", 2}, {"uk", 2}}) {
		t.Errorf("pages per language = %v", rep.Languages)
	}
	if !slices.Contains(rep.Shortcodes, zola.Shortcode{Name: "screenshot", Converted: 2}) ||
		!slices.Contains(rep.Shortcodes, zola.Shortcode{Name: "references", Left: 1}) {
		t.Errorf("shortcodes = %+v", rep.Shortcodes)
	}
	if rep.LinksUnresolved != 1 || rep.ImagesMissing != 1 || rep.LinksRewritten < 5 {
		t.Errorf("links rewritten %d unresolved %d, images missing %d", rep.LinksRewritten, rep.LinksUnresolved, rep.ImagesMissing)
	}
	if !hasWarning(rep.Warnings, "zola/faq/app/crash/index.uk.md:11: warning: link \"@/faq/gone/index.md\"") {
		t.Errorf("no warning with path and line for the missing link target: %v", rep.Warnings)
	}
}

func urls(as []*builder.Article) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.URL)
	}
	return out
}

func readFile(t *testing.T, dir, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func hasWarning(ds diag.List, prefix string) bool {
	return slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return strings.HasPrefix(d.String(), prefix) })
}

// TestImportLanguages checks --lang: another default language, and
// languages left out.
func TestImportLanguages(t *testing.T) {
	out, rep := importSite(t, sampleSite, zola.Options{Languages: []string{"uk", "en"}, Title: `Довідка "Карти"`})
	if !slices.Equal(rep.Skipped, []zola.Count{{"ru", 2}}) {
		t.Errorf("skipped = %v, want the 2 ru files", rep.Skipped)
	}
	if _, err := os.Stat(filepath.Join(out, "ru")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ru imported although not asked for")
	}
	site := readFile(t, out, "site.yaml")
	if !strings.HasPrefix(site, "title: Довідка \"Карти\"\n") || strings.Index(site, "code: uk") > strings.Index(site, "code: en") {
		t.Errorf("site.yaml:\n%s", site)
	}
	// Files without a language suffix are now in the default language, uk.
	if _, err := os.Stat(filepath.Join(out, "uk/about.md")); err != nil {
		t.Errorf("unsuffixed page not in the default language: %v", err)
	}
	build(t, out, false)

	if _, err := zola.Import(sitetest.FS(t, sampleSite), filepath.Join(t.TempDir(), "x"), zola.Options{Languages: []string{"english"}}); !errors.Is(err, zola.ErrOptions) {
		t.Errorf("a bad language code was accepted")
	}
}

// TestImportBadInput checks refusals and broken Zola files: each gives
// a warning with its path and line, and the result still builds.
func TestImportBadInput(t *testing.T) {
	t.Run("output folder not empty", func(t *testing.T) {
		parent := t.TempDir()
		out := filepath.Join(parent, "content")
		os.MkdirAll(out, 0o755)
		os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
		if _, err := zola.Import(sitetest.FS(t, sampleSite), out, zola.Options{}); !errors.Is(err, folder.ErrNotEmpty) {
			t.Fatalf("err = %v, want a refusal", err)
		}
		if es, _ := os.ReadDir(out); len(es) != 1 {
			t.Errorf("the output folder was changed: %v", es)
		}
		if es, _ := os.ReadDir(parent); len(es) != 1 {
			t.Errorf("something was written beside the output folder: %v", es)
		}
	})
	t.Run("output is a file", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "content")
		os.WriteFile(out, []byte("x"), 0o644)
		if _, err := zola.Import(sitetest.FS(t, sampleSite), out, zola.Options{}); err == nil {
			t.Fatal("imported over a file")
		}
	})
	t.Run("empty output folder", func(t *testing.T) {
		out := t.TempDir()
		if _, err := zola.Import(sitetest.FS(t, sampleSite), out, zola.Options{}); err != nil {
			t.Fatalf("an empty folder should be accepted: %v", err)
		}
	})

	const broken = `
-- a/bad-yaml/index.md --
---
title: "Fine"
taxonomies:
  tags: [a, b
---
# Still here

Text.
-- a/unclosed/index.md --
---
title: "Never closed"

Body.
-- a/bad-toml/index.md --
+++
title = "TOML page"
this is not toml
tags = [1, 2
+++
# TOML page

Text.
-- a/wrong-types/index.md --
---
title: [a, list]
date: yesterday
draft: "yes"
taxonomies: "tags"
---
# Wrong types
-- a/odd-markdown/index.md --
---
title: Odd Markdown
---
[unclosed](@/a/bad-yaml/index.md
[link]() and ![](  ) and [x](#no-such-heading) and [y](%zz) and [z](nope/)
{{ screenshot(src="gone.png" }}
{{ screenshot() }}
{% note(kind="x") %}
Inside [a](@/a/wrong-types/index.md#nope).
{% end %}
[ref]: @/a/missing/index.md
[good]: @/a/bad-yaml/index.md

See [ref] and [good] and the [draft](@/a/draft/index.md).
-- a/draft/index.md --
---
title: Not yet
draft: true
---
Draft.
` + "```\nunclosed fence [x](@/nowhere.md)\n"

	files := sitetest.FS(t, broken)
	files["a/latin1/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: caf\xe9\n---\n")}
	out := filepath.Join(t.TempDir(), "content")
	rep, err := zola.Import(files, out, zola.Options{SourceName: "zola"})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range rep.Warnings {
		t.Logf("%s", d)
	}
	for _, w := range []string{
		"zola/a/bad-yaml/index.md:3: warning: front matter: did not find expected ',' or ']'; the page is imported without its front matter",
		"zola/a/unclosed/index.md:1: warning: skipped: the front matter opened on line 1 is never closed",
		"zola/a/bad-toml/index.md:3: warning: front matter: toml: expected '=' after key; the page is imported without its front matter",
		"zola/a/latin1/index.md:2: warning: skipped: not valid UTF-8 text",
		"zola/a/wrong-types/index.md:2: warning: title: want text, got a list",
		"zola/a/wrong-types/index.md:3: warning: date: want a date",
		"zola/a/wrong-types/index.md:4: warning: draft: want true or false",
		"zola/a/odd-markdown/index.md:5: warning: a link with no target",
		"zola/a/odd-markdown/index.md:5: warning: link \"#no-such-heading\": this page has no heading",
		"zola/a/odd-markdown/index.md:9: warning: link \"@/a/wrong-types/index.md#nope\"",
		"zola/a/odd-markdown/index.md:11: warning: link \"@/a/missing/index.md\"",
		"zola/a/odd-markdown/index.md:14: warning: link \"@/a/draft/index.md\": the page is a draft",
	} {
		if !hasWarning(rep.Warnings, w) {
			t.Errorf("missing warning %q", w)
		}
	}
	// A TOML error is one warning, as a YAML one is, not one per line.
	if n := len(slices.DeleteFunc(slices.Clone(rep.Warnings), func(d diag.Diagnostic) bool { return d.Path != "zola/a/bad-toml/index.md" })); n != 1 {
		t.Errorf("%d warnings for the bad TOML page, want 1", n)
	}
	// Imported without front matter: the title comes from the first heading.
	sitetest.Contains(t, "bad yaml", readFile(t, out, "a/bad-yaml/index.md"), "title: Still here\n")
	sitetest.Contains(t, "wrong types", readFile(t, out, "a/wrong-types/index.md"), "title: Wrong types\n")
	sitetest.Contains(t, "bad toml", readFile(t, out, "a/bad-toml/index.md"), "title: TOML page\n")
	for _, skipped := range []string{"a/unclosed/index.md", "a/latin1/index.md"} {
		if _, err := os.Stat(filepath.Join(out, skipped)); err == nil {
			t.Errorf("%s should have been skipped", skipped)
		}
	}
	res, _ := build(t, out, false)
	for _, d := range res.Diagnostics {
		t.Logf("build: %s", d)
	}
}

// TestImportCyrillicPaths checks that folder names in Cyrillic become
// Latin slugs, with their images and links following them.
func TestImportCyrillicPaths(t *testing.T) {
	const site = `
-- довідка/перша сторінка/index.md --
---
title: Перша сторінка
---
![Знімок екрана](знімок.png)
-- довідка/перша сторінка/знімок.png --
png
-- довідка/друга/index.md --
---
title: Друга
---
See [the first](@/довідка/перша сторінка/index.md) and [again](../перша%20сторінка/).
`
	out, rep := importSite(t, site, zola.Options{})
	for _, d := range rep.Warnings {
		t.Errorf("warning: %s", d)
	}
	// One language: deskbook reads it from the top of the folder.
	readFile(t, out, "dovidka/persha-storinka/index.md")
	readFile(t, out, "dovidka/persha-storinka/знімок.png")
	res, pub := build(t, out, false)
	if a := articleAt(res, "en/dovidka/persha-storinka/"); a == nil || a.Meta.ID != 2 {
		t.Fatalf("first page: %+v in %v", a, urls(res.Site.Articles))
	}
	sitetest.Contains(t, "first", sitetest.Read(t, pub, "en/dovidka/persha-storinka/index.html"), `<img src="%D0%B7%D0%BD%D1%96%D0%BC%D0%BE%D0%BA.png" alt="Знімок екрана"`)
	second := sitetest.Read(t, pub, "en/dovidka/druga/index.html")
	if strings.Count(second, `href="../persha-storinka/"`) != 2 {
		t.Errorf("links to the first page not rewritten:\n%s", second)
	}
}

// TestImportTOML imports what the importer's own TOML reader used to get
// wrong: escapes in strings, TOML dates, and arrays of tables, which it
// refused with a warning.
func TestImportTOML(t *testing.T) {
	const site = `
-- news/_index.md --
+++
title = "News"
weight = 4
+++
-- news/release/index.md --
+++
title = "Maps \"offline\" \u2014 caf\u00e9"
date = 2024-05-01
updated = 2024-05-02T23:30:00-05:00

[taxonomies]
tags = ["maps"]

[[extra.links]]
name = "one"
[[extra.links]]
name = "two"
+++
Text.
-- news/older.md --
+++
title = 'C:\Maps'
date = 2023-12-31
+++
Text.
`
	out, rep := importSite(t, site, zola.Options{SourceName: "zola"})
	for _, d := range rep.Warnings {
		t.Errorf("warning: %s", d)
	}
	res, _ := build(t, out, false)
	a := articleAt(res, "en/news/release/")
	if a == nil {
		t.Fatalf("page missing: %v", urls(res.Site.Articles))
	}
	if want := "Maps \"offline\" — café"; a.Meta.Title != want {
		t.Errorf("title = %q, want %q", a.Meta.Title, want)
	}
	// The day as written, not the next day in UTC.
	if got := a.Meta.Updated.Format("2006-01-02"); got != "2024-05-02" {
		t.Errorf("updated = %s, want 2024-05-02", got)
	}
	if !slices.Equal(a.Meta.Tags, []string{"maps"}) {
		t.Errorf("tags = %v", a.Meta.Tags)
	}
	older := articleAt(res, "en/news/older/")
	if older == nil || older.Meta.Title != `C:\Maps` || older.Meta.Updated.Format("2006-01-02") != "2023-12-31" {
		t.Errorf("older page: %+v", older)
	}
	sitetest.Contains(t, "category", readFile(t, out, "news/_category.yaml"), "title: News", "order: 4")
}

// FuzzBody feeds odd Markdown through the body conversion: it must
// never panic, and whatever links and images it keeps must build.
func FuzzBody(f *testing.F) {
	for _, s := range []string{
		"[a](@/x/index.md#b) ![c](d.png) {{ screenshot(src='d.png') }}",
		"[[[](((", "![](", "`[a](b)`", "```\n[a](b)\n", "{{ x( }}", "[a]: <b", "\\[a](b)",
		"[a](/a/2/) [b](/a/1/#x) [c](<d e.png> \"t\") [![i](d.png)](@/x/index.md)", "[r][s]\n\n[s]: ../../up.png\n",
		"[a](/a/2/)([(<Z b](8.\"1/#2) [c]((00 \"0\")000", // found by the fuzzer
		"[[]()](@)", "[x [a]()](b)", // a link kept as text must not let the [ before it open one
		"[{{t(]()}}", "{{ note(a=\"[x](@/x.md)\") }}", // a shortcode kept as text is read for links
		"## H {#h}\n\n[a](#h) [b](./#h) [c](@/x/_index.md) [d](@/_index.md)", "<a href=\"@/x.md\">[e](f)</a>",
		"[a]:\n<>\n\n[a]", "[a][b]\n\n[b]:\n  <>\n", "[a]: <>\n\"t\"\n\n[a]", "[a](<> \"t\")", // a definition's destination may stand on the next line
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		files := fstest.MapFS{
			"x/index.md": {Data: []byte("---\ntitle: X\n---\n" + body)},
			"x/d.png":    {Data: []byte("png")},
		}
		out := filepath.Join(t.TempDir(), "c")
		rep, err := zola.Import(files, out, zola.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if slices.ContainsFunc(rep.Warnings, func(d diag.Diagnostic) bool { return strings.Contains(d.Msg, "internal error") }) {
			t.Fatalf("conversion panicked: %v", rep.Warnings)
		}
		if _, err := builder.Build(context.Background(), builder.Config{Source: os.DirFS(out), Theme: themes.Default()}); err != nil {
			page, _ := os.ReadFile(filepath.Join(out, "x", "index.md"))
			t.Fatalf("imported page does not build: %v\n%s", err, page)
		}
	})
}

// TestImportNestedSectionLinks: a section below a top-level one has no
// page in deskbook; a link to it goes where its redirect_to says, and to
// one without redirect_to it stays text, with a warning.
func TestImportNestedSectionLinks(t *testing.T) {
	const site = `
-- docs/_index.md --
+++
title = "Docs"
+++
-- docs/templates/_index.md --
+++
title = "Templates"
redirect_to = "docs/templates/overview"
+++
-- docs/templates/overview.md --
+++
title = "Overview"
+++
## Blocks

Text.
-- docs/other/_index.md --
+++
title = "Other"
+++
-- docs/other/page.md --
+++
title = "Page"
+++
See [templates](@/docs/templates/_index.md), [blocks](@/docs/templates/_index.md#blocks),
[again](../templates/) and [other](@/docs/other/_index.md).
`
	out, rep := importSite(t, site, zola.Options{})
	page := readFile(t, out, "docs/other/page.md")
	sitetest.Contains(t, "page", page, "[templates](/a/2/)", "[blocks](/a/2/#blocks)", "[again](/a/2/)", "and other.")
	if !hasWarning(rep.Warnings, "docs/other/page.md:5: warning: link \"@/docs/other/_index.md\": there is no page docs/other/_index.md; kept as its text") {
		t.Errorf("no warning for the section without redirect_to: %v", rep.Warnings)
	}
	build(t, out, false)
}

// TestImportCommentIsNotRawHTML: a page whose only HTML is a comment is
// not listed among those whose HTML readers will see as text: the build
// leaves comments out.
func TestImportCommentIsNotRawHTML(t *testing.T) {
	out, rep := importSite(t, `
-- docs/_index.md --
+++
title = "Docs"
+++
-- docs/a.md --
+++
title = "A"
+++
<!-- a note for writers -->
Text.
-- docs/b.md --
+++
title = "B"
+++
Text with <kbd>F5</kbd>.
`, zola.Options{})
	if len(rep.RawHTML) != 1 || !strings.HasPrefix(rep.RawHTML[0].String(), "docs/b.md:4:") {
		t.Errorf("raw HTML = %v, want docs/b.md alone", rep.RawHTML)
	}
	build(t, out, false)
}
