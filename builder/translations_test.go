package builder

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/internal/diag"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

// translated is a site in three languages: the Ukrainian version of 1004
// is older than the English original, the Russian one is current; 1005
// and 1006 are English only, 2001 Ukrainian only; the Russian errors
// folder has no _category.yaml while the English and Ukrainian ones have.
const translated = `
-- site.yaml --
title: "Acme Help"
base_url: "https://help.acme.example/"
languages:
  - code: en
    name: English
  - code: uk
    name: Українська
  - code: ru
    name: Русский
-- en/errors/_category.yaml --
title: "Error messages"
-- uk/errors/_category.yaml --
title: "Повідомлення про помилки"
-- en/errors/access-denied.md --
---
title: "Error 0x80070005: access is denied"
id: 1004
kind: error
summary: "Windows refused access."
errors: ["0x80070005"]
updated: 2026-11-20
---
## Why it happens

Text.
-- uk/errors/access-denied.md --
---
title: "Помилка 0x80070005: доступ заборонено"
id: 1004
kind: error
summary: "Windows не дав доступу."
errors: ["0x80070005"]
updated: 2026-10-01
---
## Чому так буває {#why-it-happens}

Текст.
-- ru/errors/access-denied.md --
---
title: "Ошибка 0x80070005: доступ запрещён"
id: 1004
kind: error
summary: "Windows не дал доступа."
errors: ["0x80070005"]
updated: 2026-11-21
---
## Почему так бывает {#why-it-happens}

Текст.
-- en/errors/disk-full.md --
---
title: "Error E42: disk is full"
id: 1005
kind: error
summary: "No room."
errors: ["E42"]
---
Text.
-- en/guides/restart.md --
---
title: "Restart the till"
id: 1006
summary: "Turn it off and on."
---
Text.
-- uk/guides/only-uk.md --
---
title: "Лише українською"
id: 2001
summary: "Стаття, якої ще немає англійською."
---
Текст.
`

// TestTranslationReport: check's report lists, per language, the articles
// it lacks (by their originals); an outdated translation and a missing
// _category.yaml are warnings with the file, and errors with --strict.
func TestTranslationReport(t *testing.T) {
	res, _ := mustBuild(t, translated)
	got := map[string][]string{}
	for _, g := range res.Translations.Languages {
		got[g.Lang] = []string{}
		for _, a := range g.Missing {
			got[g.Lang] = append(got[g.Lang], fmt.Sprintf("%d %s", a.Meta.ID, a.Path))
		}
	}
	want := map[string][]string{
		"en": {"2001 uk/guides/only-uk.md"},
		"uk": {"1005 en/errors/disk-full.md", "1006 en/guides/restart.md"},
		"ru": {"1005 en/errors/disk-full.md", "1006 en/guides/restart.md", "2001 uk/guides/only-uk.md"},
	}
	if res.Translations.Articles != 4 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("report: %d articles, %v; want 4, %v", res.Translations.Articles, got, want)
	}
	if order := []string{res.Translations.Languages[0].Lang, res.Translations.Languages[1].Lang, res.Translations.Languages[2].Lang}; !slices.Equal(order, []string{"en", "uk", "ru"}) {
		t.Errorf("languages not in site.yaml order: %v", order)
	}

	warnings := res.Diagnostics.Warnings()
	var lines []string
	for _, d := range warnings {
		lines = append(lines, d.String())
	}
	all := strings.Join(lines, "\n")
	for _, w := range []string{
		"content/uk/errors/access-denied.md:7: warning: translation is older than the original content/en/errors/access-denied.md (updated 2026-10-01 < 2026-11-20); update it and its updated: date",
		`content/ru/errors/_category.yaml: warning: missing, so this category is called "Errors" here; content/en/errors/_category.yaml gives it its title in en: copy it here and translate it`,
	} {
		if !strings.Contains(all, w) {
			t.Errorf("warnings lack\n%s\ngot:\n%s", w, all)
		}
	}
	// Newer than the original, the Russian version is fine; a language
	// with no folder of a category (uk/guides exists, ru/guides does not)
	// has nothing to describe.
	for _, bad := range []string{"ru/errors/access-denied.md", "ru/guides/_category.yaml", "guides/_category.yaml"} {
		if strings.Contains(all, bad) {
			t.Errorf("a warning about %s:\n%s", bad, all)
		}
	}

	_, err := Build(context.Background(), Config{Source: sitetest.FS(t, translated), SourceName: "content", Theme: themes.Default(), Strict: true})
	var ce *diag.ContentError
	if !errors.As(err, &ce) || !strings.Contains(ce.Error(), "content/uk/errors/access-denied.md:7: translation is older than the original") {
		t.Errorf("--strict: %v", err)
	}
}

// TestTranslationReportOneLanguage: a site in one language has nothing to
// translate.
func TestTranslationReportOneLanguage(t *testing.T) {
	res, _ := mustBuild(t, sitetest.Small)
	if len(res.Translations.Languages) != 0 {
		t.Errorf("report on a one-language site: %+v", res.Translations)
	}
}

// TestOutdatedNotice: the page of an outdated translation says so, in its
// language, with the original's date and a link to it; the original and
// a current translation show nothing.
func TestOutdatedNotice(t *testing.T) {
	_, out := mustBuild(t, translated)
	uk := sitetest.Read(t, out, "uk/errors/access-denied/index.html")
	sitetest.Contains(t, "outdated uk page", uk,
		`<aside class="callout callout-warning outdated" role="note">`,
		`<p class="callout-title">Цей переклад може бути застарілим</p>`,
		`Оригінал оновлено <time datetime="2026-11-20">20 листопада 2026</time>, уже після цього перекладу.`,
		`Читати оригінал: <a href="../../../en/errors/access-denied/" hreflang="en" lang="en">Error 0x80070005: access is denied</a> <span lang="en">(English)</span>`,
	)
	for _, p := range []string{"en/errors/access-denied/index.html", "ru/errors/access-denied/index.html", "uk/guides/only-uk/index.html"} {
		if page := sitetest.Read(t, out, p); strings.Contains(page, `class="callout callout-warning outdated"`) {
			t.Errorf("%s shows the outdated notice", p)
		}
	}
}

// TestOutdatedNoticeLive: in serve, an edit of updated: in one language
// brings the notice to the other language's page or takes it away, and an
// edit of the original's title reaches the notice's link.
func TestOutdatedNoticeLive(t *testing.T) {
	src := sitetest.FS(t, translated)
	e := NewLive(Config{Source: src, SourceName: "content", Theme: themes.Default()})
	page := func() string {
		b, _ := e.File("uk/errors/access-denied/index.html")
		return string(b)
	}
	edit := func(p, old, new string) LiveResult {
		t.Helper()
		data := string(src[p].Data)
		if !strings.Contains(data, old) {
			t.Fatalf("%s lacks %q", p, old)
		}
		src[p] = &fstest.MapFile{Data: []byte(strings.Replace(data, old, new, 1)), Mode: 0o644}
		res := e.Update(context.Background(), Change{Paths: []string{p}})
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		return res
	}
	const notice = `class="callout callout-warning outdated"`
	if res := e.Update(context.Background(), Change{All: true}); res.Err != nil || !strings.Contains(page(), notice) {
		t.Fatalf("first build: %v, notice shown: %v", res.Err, strings.Contains(page(), notice))
	}
	res := edit("uk/errors/access-denied.md", "updated: 2026-10-01", "updated: 2026-11-25")
	if strings.Contains(page(), notice) || !slices.Contains(res.Changed, "uk/errors/access-denied/index.html") {
		t.Errorf("the translation brought up to date still shows the notice (changed %v)", res.Changed)
	}
	if slices.ContainsFunc(res.Diagnostics, func(d diag.Diagnostic) bool { return strings.Contains(d.Msg, "older than the original") }) {
		t.Errorf("the warning stays: %v", res.Diagnostics)
	}
	res = edit("en/errors/access-denied.md", "updated: 2026-11-20", "updated: 2026-12-02")
	if !strings.Contains(page(), `<time datetime="2026-12-02">2 грудня 2026</time>`) {
		t.Errorf("an edit of the original's updated: did not bring the notice back:\n%s", page())
	}
	if !slices.ContainsFunc(res.Diagnostics, func(d diag.Diagnostic) bool {
		return d.Path == "content/uk/errors/access-denied.md" && strings.Contains(d.Msg, "(updated 2026-11-25 < 2026-12-02)")
	}) {
		t.Errorf("no warning after the original's edit: %v", res.Diagnostics)
	}
	edit("en/errors/access-denied.md", `title: "Error 0x80070005: access is denied"`, `title: "Error 0x80070005: you may not open this file"`)
	if !strings.Contains(page(), `lang="en">Error 0x80070005: you may not open this file</a>`) {
		t.Errorf("the notice does not follow the original's title:\n%s", page())
	}
}

// TestOutlineMatchesBuild: the anchors OutlineOf gives headings are the
// ones a build gives them: the writer's {#id}, ids made from the text in
// any script, numbered repeats, and the theme's own ids left to it.
func TestOutlineMatchesBuild(t *testing.T) {
	body := "Intro text.\n\n## Why it happens\n\n## How to fix `E42` **now** {#fix}\n\n### Why it happens\n\n" +
		"## Main\n\nSetext heading\n--------------\n\n> ## Inside a quote\n\n```\n## not a heading\n```\n\n## Що робити з комп'ютером\n"
	res, _ := mustBuild(t, "-- site.yaml --\ntitle: x\n-- errors/x.md --\n---\ntitle: X\nid: 1\nsummary: s\n---\n"+body)
	built := res.Site.Articles[0].Headings
	o := OutlineOf([]byte(body), themes.Default())
	if !o.Intro {
		t.Error("the text before the first heading is not seen")
	}
	var got, want []string
	for _, h := range o.Headings {
		got = append(got, fmt.Sprintf("%d %s", h.Level, h.ID))
	}
	for _, h := range built {
		want = append(want, fmt.Sprintf("%d %s", h.Level, h.ID))
	}
	if !slices.Equal(got, want) {
		t.Errorf("outline ids %v, the build's %v", got, want)
	}
	var texts []string
	for _, h := range o.Headings {
		texts = append(texts, h.Markdown)
	}
	wantTexts := []string{"Why it happens", "How to fix `E42` **now**", "Why it happens", "Main", "Setext heading", "Inside a quote", "Що робити з комп'ютером"}
	if !slices.Equal(texts, wantTexts) {
		t.Errorf("heading texts %q, want %q", texts, wantTexts)
	}
	if o := OutlineOf([]byte("## First\n\nText.\n"), themes.Default()); o.Intro {
		t.Error("an article that starts with a heading has an intro")
	}
}

// TestOutdatedNoticeInArticlePDF: an article's PDF is its page, notice
// included, so the fingerprint that says whether a stored PDF is current
// changes when the notice does, and only for the outdated translation.
func TestOutdatedNoticeInArticlePDF(t *testing.T) {
	prints := func(archive string) map[string]string {
		t.Helper()
		res, _ := mustBuild(t, archive)
		ps, err := res.Printables(1004)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, p := range ps {
			out[p.Lang] = p.Fingerprint
		}
		return out
	}
	before := prints(translated)
	after := prints(strings.Replace(translated, "updated: 2026-11-20", "updated: 2026-11-21", 1))
	if before["uk"] == after["uk"] {
		t.Error("the Ukrainian PDF counts as current after the notice's date changed")
	}
	if before["ru"] != after["ru"] {
		t.Error("the Russian PDF, which has no notice, counts as out of date")
	}
}
