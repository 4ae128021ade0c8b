package builder

import (
	"errors"
	"strings"
	"testing"

	"deskbook/internal/diag"
	"deskbook/internal/sitetest"
)

const threeLangs = `
-- site.yaml --
title: "Acme Help"
base_url: "https://help.acme.example/"
languages:
  - code: en
    name: English
  - code: uk
    name: Українська
    title: "Довідка Acme"
  - code: ru
    name: Русский
-- en/errors/_category.yaml --
title: "Error messages"
-- uk/errors/_category.yaml --
title: "Повідомлення про помилки"
-- en/errors/disk-full.md --
---
title: "Error E42: disk is full"
id: 42
kind: error
errors: ["E42"]
updated: 2026-10-01
---
See [the guide](../guides/free-space.md#delete-old-backups).
-- uk/errors/disk-full.md --
---
title: "Помилка E42: диск заповнено"
id: 42
kind: error
errors: ["E42", "Диск заповнено"]
updated: 2026-10-01
---
## Що це означає

Див. [інструкцію](/a/7/#видаліть-старі-копії).
-- en/guides/free-space.md --
---
title: "Free disk space"
id: 7
kind: howto
---
## Delete old backups

Text.
-- uk/guides/free-space.md --
---
title: "Звільніть місце на диску"
id: 7
kind: howto
---
## Видаліть старі копії

Текст.
-- en/guides/only-english.md --
---
title: "Only in English"
id: 8
---
English only.
-- ru/errors/disk-full.md --
---
title: "Ошибка E42: диск заполнен"
id: 42
kind: error
errors: ["E42"]
---
Текст.
`

func TestThreeLanguages(t *testing.T) {
	res, out := mustBuild(t, threeLangs)
	byURL := map[string]*Article{}
	for _, a := range res.Site.Articles {
		byURL[a.URL] = a
	}
	uk := byURL["uk/errors/disk-full/"]
	if uk == nil || len(uk.Translations) != 2 || uk.Translations[0].Lang != "en" || uk.Translations[1].Lang != "ru" {
		t.Fatalf("uk article translations wrong: %+v", uk)
	}

	page := sitetest.Read(t, out, "uk/errors/disk-full/index.html")
	sitetest.Contains(t, "uk article", page,
		`<html lang="uk">`,
		`Довідка Acme`,  // the site title in Ukrainian
		`1 жовтня 2026`, // dates in Ukrainian
		`Ця стаття про такі повідомлення`,
		// A link by short ID goes to the translation in the same language.
		`href="../../guides/free-space/#%D0%B2%D0%B8%D0%B4%D0%B0%D0%BB%D1%96%D1%82%D1%8C-%D1%81%D1%82%D0%B0%D1%80%D1%96-%D0%BA%D0%BE%D0%BF%D1%96%D1%97"`,
		// The switcher leads to the same article in the other languages.
		`<a href="../../../en/errors/disk-full/" hreflang="en" lang="en"`,
		`<a href="../../../ru/errors/disk-full/" hreflang="ru" lang="ru"`,
		`aria-current="true"`,
		`<link rel="alternate" hreflang="en" href="https://help.acme.example/en/errors/disk-full/">`,
		`<link rel="alternate" hreflang="uk" href="https://help.acme.example/uk/errors/disk-full/">`,
		`<link rel="alternate" hreflang="x-default" href="https://help.acme.example/en/errors/disk-full/">`,
	)
	// No Russian guide: the switcher goes to the Russian home, with a note.
	guide := sitetest.Read(t, out, "uk/guides/free-space/index.html")
	sitetest.Contains(t, "uk guide", guide, `<a href="../../../ru/" hreflang="ru" lang="ru"`, `class="untranslated"`)
	if strings.Contains(guide, `hreflang="ru" href=`) {
		t.Error("hreflang alternate for a translation that does not exist")
	}

	// An article missing in a language is listed there as available in English.
	ukGuides := sitetest.Read(t, out, "uk/guides/index.html")
	sitetest.Contains(t, "uk category", ukGuides, `href="../../en/guides/only-english/" hreflang="en" lang="en"`, `Only in English`, `доступна мовою: <span lang="en">English</span>`)
	ruGuides := sitetest.Read(t, out, "ru/guides/index.html") // no ru/guides folder at all
	sitetest.Contains(t, "ru virtual category", ruGuides, `Free disk space`, `Only in English`, `<html lang="ru">`)

	// The short link carries every language version for the browser to pick.
	short := sitetest.Read(t, out, "a/42/index.html")
	sitetest.Contains(t, "short link", short, `url=../../en/errors/disk-full/`, `"l":"uk","u":"../../uk/errors/disk-full/"`, `"l":"ru"`)

	sitemap := sitetest.Read(t, out, "sitemap.xml")
	sitetest.Contains(t, "sitemap", sitemap, `xmlns:xhtml="http://www.w3.org/1999/xhtml"`,
		`<url><loc>https://help.acme.example/uk/errors/disk-full/</loc><lastmod>2026-10-01</lastmod><xhtml:link rel="alternate" hreflang="en" href="https://help.acme.example/en/errors/disk-full/"></xhtml:link>`)
}

func TestLanguageBadInput(t *testing.T) {
	for _, tc := range []struct {
		name, archive, want string
	}{
		{"folder not in site.yaml", threeLangs + "-- de/errors/x.md --\n---\ntitle: x\nid: 99\n---\nx\n",
			`content/de: folder "de" is not a language listed in site.yaml (en, uk, ru)`},
		{"two translations with one id", threeLangs + "-- uk/errors/again.md --\n---\ntitle: x\nid: 42\nkind: error\n---\nx\n",
			"content/uk/errors/disk-full.md:3: duplicate id 42: also used by content/uk/errors/again.md"},
		{"kind differs", strings.Replace(threeLangs, "title: \"Ошибка E42: диск заполнен\"\nid: 42\nkind: error", "title: \"Ошибка E42: диск заполнен\"\nid: 42\nkind: howto", 1),
			"content/ru/errors/disk-full.md:4: kind howto differs from the en version content/en/errors/disk-full.md (kind error): translations share their kind"},
		{"unknown language", strings.Replace(threeLangs, "code: ru", "code: qq", 1),
			`language code "qq" is not a known code`},
		{"bad untranslated", strings.Replace(threeLangs, "base_url:", "untranslated: maybe\nbase_url:", 1),
			`content/site.yaml:2: untranslated: "maybe": want list or hide`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := build(t, tc.archive)
			var ce *diag.ContentError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v", err)
			}
			if !strings.Contains(ce.Error(), tc.want) {
				t.Errorf("diagnostics lack %q:\n%s", tc.want, ce.Error())
			}
		})
	}
}

func TestUntranslatedHide(t *testing.T) {
	_, out := mustBuild(t, strings.Replace(threeLangs, "base_url:", "untranslated: hide\nbase_url:", 1))
	if strings.Contains(sitetest.Read(t, out, "uk/guides/index.html"), "Only in English") {
		t.Error("untranslated: hide still lists the English-only article")
	}
}

// TestAddingALanguageKeepsURLs moves a one-language site into en/ and adds
// a second language: every URL the first site published still exists.
func TestAddingALanguageKeepsURLs(t *testing.T) {
	single, _ := mustBuild(t, sitetest.Small)
	var moved strings.Builder
	for _, line := range strings.Split(sitetest.Small, "\n") {
		if strings.HasPrefix(line, "-- ") && line != "-- site.yaml --" {
			line = "-- en/" + strings.TrimPrefix(line, "-- ")
		}
		moved.WriteString(line + "\n")
	}
	two := strings.Replace(moved.String(), "    name: English\n", "    name: English\n  - code: uk\n    name: Українська\n", 1)
	multi, out := mustBuild(t, two)
	if len(multi.Site.Config.Languages) != 2 {
		t.Fatal("second language not configured")
	}
	for _, a := range single.Site.Articles {
		sitetest.Read(t, out, a.URL+"index.html") // fails the test when missing
	}
	for _, c := range single.Site.Categories {
		sitetest.Read(t, out, c.URL+"index.html")
	}
	sitetest.Read(t, out, "a/42/index.html")
}
