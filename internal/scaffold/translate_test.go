package scaffold

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"deskbook/builder"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

const threeLangs = `
-- site.yaml --
title: "Acme Help"
languages:
  - code: en
    name: English
  - code: uk
    name: Українська
  - code: ru
    name: Русский
-- en/errors/access-denied.md --
---
title: "Error 0x80070005: access is denied"
id: 1004
kind: error
summary: "Windows refused access # to a file."
errors: ["0x80070005", "Access is denied"]
tags: [windows, install]
aliases: [/old/access/]
updated: 2026-11-20
---
Windows says this when the app has no right to a file.

## Why it happens

Text.

## How to fix ` + "`0x80070005`" + ` {#fix}

1. Run it as an administrator.

### Why it happens

Again, lower.

## Main

The theme's pages have an element with the id "main".

## Що робити, якщо нічого не допомогло

Text.
-- ru/changelog/v2.md --
---
title: "Версия 2.0"
id: 300
kind: changelog
version: "2.0"
date: 2026-09-01
affects: [1004]
updated: 2026-09-02
---
## Добавлено

Текст.
`

var today = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// TestTranslation: a translation copies what its versions share, keeps
// the original's anchors (given or made from the text, numbered as a
// build numbers them), and speaks the language it is written in. Built
// with the rest of the site, its headings have the original's ids.
func TestTranslation(t *testing.T) {
	src := sitetest.FS(t, threeLangs)
	d, err := Translation(src, themes.Default(), 1004, "uk", "", today)
	if err != nil {
		t.Fatal(err)
	}
	if d.Path != "uk/errors/access-denied.md" || d.ID != 1004 || d.Lang != "uk" || !slices.Equal(d.Others, []string{"en", "ru"}) {
		t.Errorf("draft %s id %d lang %s others %v", d.Path, d.ID, d.Lang, d.Others)
	}
	text := string(d.Data)
	for _, want := range []string{
		"# переклад en/errors/access-denied.md: перекладіть заголовок, опис і кожен розділ\n",
		`title: "Error 0x80070005: access is denied"  # перекладіть: це заголовок оригіналу` + "\n",
		"id: 1004\nkind: error\n",
		`summary: "Windows refused access # to a file."  # перекладіть: це опис оригіналу` + "\n",
		`errors: ["0x80070005", "Access is denied"]  # тексти з оригіналу: додайте ті, що програма показує цією мовою` + "\n",
		"tags: [windows, install]\n",
		"draft: true  # видаліть цей рядок, коли перекладете: доти build його не публікує, serve --drafts показує\n",
		"updated: 2026-12-01\n---\n\nПерекладіть вступ.\n\n## Why it happens {#why-it-happens}\n\nПерекладіть цей розділ.\n\n",
		"## How to fix `0x80070005` {#fix}\n\nПерекладіть цей розділ.\n",
		"### Why it happens {#why-it-happens-1}\n",
		"## Main {#main-1}\n", // #main is the theme's
		"## Що робити, якщо нічого не допомогло {#що-робити-якщо-нічого-не-допомогло}\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("translation lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"aliases", "/old/access/", "Translate", "Text.", "administrator"} {
		if strings.Contains(text, bad) {
			t.Errorf("translation has %q:\n%s", bad, text)
		}
	}

	// A draft: readers never see its placeholders.
	src[d.Path] = &fstest.MapFile{Data: d.Data, Mode: 0o644}
	res, err := builder.Build(context.Background(), builder.Config{Source: src, SourceName: "content", Theme: themes.Default()})
	if err != nil {
		t.Fatalf("the site with the draft: %v", err)
	}
	for _, a := range res.Site.Articles {
		if a.Lang == "uk" && a.Meta.ID == 1004 {
			t.Errorf("the draft %s is published", a.Path)
		}
	}
	if g := res.Translations.Languages[1]; g.Lang != "uk" || g.Drafts[1004] != d.Path {
		t.Errorf("uk's gaps: %+v", g)
	}
	// With drafts, the site builds with it, and every heading keeps its anchor.
	res, err = builder.Build(context.Background(), builder.Config{Source: src, SourceName: "content", Theme: themes.Default(), Drafts: true})
	if err != nil {
		t.Fatalf("the site with the translation: %v", err)
	}
	ids := map[string][]string{}
	for _, a := range res.Site.Articles {
		for _, h := range a.Headings {
			ids[a.Lang] = append(ids[a.Lang], h.ID)
		}
	}
	if len(ids["en"]) != 5 || !slices.Equal(ids["en"], ids["uk"]) {
		t.Errorf("anchors: en %v, uk %v", ids["en"], ids["uk"])
	}
}

// TestTranslationOfChangelog: a changelog entry's version, date and
// affects are copied; the original is the first language that has the
// entry (here Russian), or the one --from names; fixed text is in the
// target language, English for a language deskbook has no words for.
func TestTranslationOfChangelog(t *testing.T) {
	src := sitetest.FS(t, threeLangs)
	d, err := Translation(src, themes.Default(), 300, "en", "", today)
	if err != nil {
		t.Fatal(err)
	}
	text := string(d.Data)
	for _, want := range []string{"# translation of ru/changelog/v2.md", `title: "Версия 2.0"  # translate: the original's title`,
		"kind: changelog\n", `version: "2.0"` + "\ndate: 2026-09-01\naffects: [1004]\n", "updated: 2026-12-01\n",
		"---\n\n## Добавлено {#добавлено}\n\nTranslate this section.\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("translation lacks %q:\n%s", want, text)
		}
	}
	if d.Path != "en/changelog/v2.md" {
		t.Errorf("path %s", d.Path)
	}
	d, err = Translation(src, themes.Default(), 1004, "ru", "en", today)
	if err != nil || !strings.Contains(string(d.Data), "Переведите этот раздел.") || !strings.Contains(string(d.Data), "# перевод en/errors/access-denied.md") {
		t.Errorf("--from en into ru: %v\n%s", err, d.Data)
	}
}

// TestTranslationBadInput: every mistake is an error that says what to
// do, and nothing is made.
func TestTranslationBadInput(t *testing.T) {
	src := sitetest.FS(t, threeLangs)
	one := sitetest.FS(t, "-- site.yaml --\ntitle: x\n-- errors/x.md --\n---\ntitle: X\nid: 1\n---\nx\n")
	for _, tc := range []struct {
		name     string
		fsys     fstest.MapFS
		id       int
		lang     string
		from     string
		want     string
		isExists bool
	}{
		{"unknown id", src, 9999, "uk", "", "--translate 9999: no article has id 9999 (deskbook check lists", false},
		{"language not in site.yaml", src, 1004, "de", "", "--lang de: site.yaml has no such language (its languages: en, uk, ru)", false},
		{"no --lang", src, 1004, "", "", "--translate needs --lang, the language to translate into (en, uk, ru)", false},
		{"already translated", src, 300, "ru", "", "article 300 already has a version in ru: ru/changelog/v2.md", true},
		{"into the original's language", src, 1004, "en", "", "article 1004 already has a version in en: en/errors/access-denied.md", true},
		{"--from not in site.yaml", src, 1004, "uk", "de", "--from de: site.yaml has no such language (its languages: en, uk, ru)", false},
		{"--from a language without it", src, 1004, "uk", "ru", "--from ru: article 1004 has no version in ru (it has: en)", false},
		{"one language", one, 1, "en", "", "site.yaml lists one language (en): add the language to translate into", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Translation(tc.fsys, themes.Default(), tc.id, tc.lang, tc.from, today)
			var ee *ExistsError
			if err == nil || !strings.Contains(err.Error(), tc.want) || errors.As(err, &ee) != tc.isExists || d.Data != nil {
				t.Errorf("err = %v (made %q); want %q", err, d.Path, tc.want)
			}
		})
	}
}

// TestNewSpeaksTheLanguage: a new article's skeleton is in its language;
// a Ukrainian or Russian changelog skeleton has the section names the
// changelog page recognises.
func TestNewSpeaksTheLanguage(t *testing.T) {
	src := sitetest.FS(t, "-- site.yaml --\ntitle: x\nlanguages:\n  - code: en\n    name: English\n  - code: uk\n    name: Українська\n  - code: ru\n    name: Русский\n  - code: de\n    name: Deutsch\n")
	for _, tc := range []struct {
		kind       builder.Kind
		lang, want string
	}{
		{builder.KindError, "", "## Why it happens\n\n## How to fix it\n"},
		{builder.KindError, "uk", "errors: []  # точні коди й тексти, які читач може вставити\n"},
		{builder.KindError, "uk", "## Чому так буває\n\n## Як виправити\n\n1. \n\n## Якщо не допомогло\n\nНапишіть у підтримку"},
		{builder.KindError, "ru", "## Почему так бывает\n\n## Как исправить\n"},
		{builder.KindHowTo, "uk", "## Кроки\n"},
		{builder.KindChecklist, "ru", "Выполните эти шаги по порядку.\n\n- [ ] \n"},
		{builder.KindChangelog, "uk", "affects: []  # id статей, які змінює цей випуск\n"},
		{builder.KindError, "de", "## Why it happens\n"},
	} {
		d, err := New(src, tc.kind, "Title", "", tc.lang, today)
		if err != nil || !strings.Contains(string(d.Data), tc.want) {
			t.Errorf("new %s --lang %q: %v, lacks %q:\n%s", tc.kind, tc.lang, err, tc.want, d.Data)
		}
		if tc.lang == "" && (d.Lang != "en" || !slices.Equal(d.Others, []string{"uk", "ru", "de"})) {
			t.Errorf("without --lang: lang %s, others %v", d.Lang, d.Others)
		}
	}

	// The changelog sections of the skeleton are the ones the build knows.
	for _, lang := range []string{"uk", "ru"} {
		d, _ := New(src, builder.KindChangelog, "Release 3.0", "", lang, today)
		body := strings.Replace(string(d.Data), `version: ""`, `version: "3.0"`, 1)
		site := fstest.MapFS{"site.yaml": src["site.yaml"], d.Path: &fstest.MapFile{Data: []byte(body)}}
		res, err := builder.Build(context.Background(), builder.Config{Source: site, SourceName: "content", Theme: themes.Default()})
		if err != nil {
			t.Fatalf("%s changelog skeleton: %v", lang, err)
		}
		var kinds []string
		for _, s := range res.Site.Articles[0].Change.Sections {
			kinds = append(kinds, s.Kind)
		}
		if !slices.Equal(kinds, []string{"added", "changed", "fixed"}) {
			t.Errorf("%s changelog sections: %v", lang, kinds)
		}
	}
}
