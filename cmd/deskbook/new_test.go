package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"deskbook/internal/sitetest"
)

const twoLangSite = `
-- site.yaml --
title: "Acme Help"
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
`

// files lists the files below dir.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

// TestNewTranslate: deskbook new --translate makes the translation beside
// the original's place in the other language; it never overwrites, and
// every mistake is a usage error (exit 2) that makes nothing.
func TestNewTranslate(t *testing.T) {
	src := t.TempDir()
	sitetest.WriteTree(t, src, twoLangSite)
	before := files(t, src)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--translate", "9999", "--lang", "uk"}, exitUsage, "--translate 9999: no article has id 9999 (deskbook check lists"},
		{[]string{"--translate", "1004", "--lang", "de"}, exitUsage, "--lang de: site.yaml has no such language (its languages: en, uk, ru)"},
		{[]string{"--translate", "1004"}, exitUsage, "--translate needs --lang"},
		{[]string{"--translate", "x1004", "--lang", "uk"}, exitUsage, "--translate x1004: want the id of an article"},
		{[]string{"--translate", "1004", "--lang", "uk", "error", "Title"}, exitUsage, "--translate takes no KIND or title"},
		{[]string{"--translate", "1004", "--lang", "uk", "--category", "guides"}, exitUsage, "--category does not go with --translate"},
		{[]string{"--from", "en", "error", "Title"}, exitUsage, "--from goes with --translate"},
		{[]string{"--translate", "1004", "--lang", "en"}, exitContent, "article 1004 already has a version in en: " + filepath.Join(src, "en", "errors", "access-denied.md")},
	} {
		code, stdout, stderr := runCLI(t, append([]string{"new", "--source", src}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("new %q: exit %d, want %d with %q:\n%s%s", tc.args, code, tc.code, tc.want, stdout, stderr)
		}
	}
	if after := files(t, src); !slices.Equal(before, after) {
		t.Errorf("a refused command made files: %v", after)
	}

	code, stdout, stderr := runCLI(t, "new", "--source", src, "--translate", "1004", "--lang", "uk")
	made := filepath.Join(src, "uk", "errors", "access-denied.md")
	if code != exitOK || strings.TrimSpace(stdout) != made {
		t.Fatalf("new --translate: exit %d\n%s%s", code, stdout, stderr)
	}
	data, _ := os.ReadFile(made)
	sitetest.Contains(t, made, string(data), "id: 1004\nkind: error\n", "## Why it happens {#why-it-happens}\n\nПерекладіть цей розділ.\n")
	code, _, stderr = runCLI(t, "new", "--source", src, "--translate", "1004", "--lang", "uk")
	if code != exitContent || !strings.Contains(stderr, "article 1004 already has a version in uk: "+made+"; edit that file") {
		t.Errorf("a second translation: exit %d: %s", code, stderr)
	}

	// A draft until the writer says it is done: check lists it as under way.
	orig := "  (" + filepath.ToSlash(src) + "/en/errors/access-denied.md)"
	code, stdout, stderr = runCLI(t, "check", "--source", src)
	if code != exitOK || !strings.Contains(stdout, "  uk: 1 of 1 article not translated\n    1004  Error 0x80070005: access is denied"+orig+"  draft: "+filepath.ToSlash(made)+"\n") {
		t.Errorf("check with the draft: exit %d\n%s%s", code, stdout, stderr)
	}
	undraft(t, made)
	// check builds it, and lists what is left to translate.
	code, stdout, stderr = runCLI(t, "check", "--source", src)
	if code != exitOK || !strings.Contains(stdout, "  uk: has all 1 article\n  ru: 1 of 1 article not translated\n    1004  Error 0x80070005: access is denied"+orig+"\n") {
		t.Errorf("check after the translation: exit %d\n%s%s", code, stdout, stderr)
	}
	// The translation's place holds another article: it stays as it was.
	other := filepath.Join(src, "ru", "errors", "access-denied.md")
	sitetest.WriteFile(t, other, "---\ntitle: \"Другая\"\nid: 77\n---\nТекст.\n")
	code, _, stderr = runCLI(t, "new", "--source", src, "--translate", "1004", "--lang", "ru")
	if data, _ := os.ReadFile(other); code != exitContent || !strings.Contains(stderr, other+" already exists, with another article") || !strings.Contains(string(data), "id: 77") {
		t.Errorf("into an occupied file: exit %d: %s\n%s", code, stderr, data)
	}
	os.Remove(other)
	// A Russian errors folder without the _category.yaml the others have.
	if code, _, stderr := runCLI(t, "new", "--source", src, "--translate", "1004", "--lang", "ru"); code != exitOK {
		t.Fatalf("into ru: exit %d: %s", code, stderr)
	}
	undraft(t, other)
	if _, _, stderr := runCLI(t, "check", "--source", src); !strings.Contains(stderr, "ru/errors/_category.yaml: warning: missing, so this category is called \"Errors\" here") {
		t.Errorf("check says nothing of the missing category file:\n%s", stderr)
	}
}

// TestNewHintsTranslations: a new article on a site of several languages
// is in the first language by default, and the writer is told how to
// start its translations (on stderr: stdout is the file alone).
func TestNewHintsTranslations(t *testing.T) {
	src := t.TempDir()
	sitetest.WriteTree(t, src, twoLangSite)
	code, stdout, stderr := runCLI(t, "new", "--source", src, "howto", "Print a receipt")
	if code != exitOK || strings.TrimSpace(stdout) != filepath.Join(src, "en", "how-to", "print-a-receipt.md") {
		t.Fatalf("new: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, l := range []string{"uk", "ru"} {
		if want := fmt.Sprintf("deskbook new --source %s --translate 1005 --lang %s", shellWord(src), l); !strings.Contains(stderr, want) {
			t.Errorf("no hint %q:\n%s", want, stderr)
		}
	}
	code, _, stderr = runCLI(t, "new", "--source", src, "--lang", "uk", "howto", "Надрукувати чек")
	data, _ := os.ReadFile(filepath.Join(src, "uk", "how-to", "nadrukuvaty-chek.md"))
	if code != exitOK || !strings.Contains(string(data), "## Кроки") || !strings.Contains(stderr, "--translate 1006 --lang en") {
		t.Errorf("new --lang uk: exit %d: %s\n%s", code, stderr, data)
	}
	// One language: nothing to translate into, no hint.
	one := t.TempDir()
	os.WriteFile(filepath.Join(one, "site.yaml"), []byte("title: x\n"), 0o644)
	if _, _, stderr := runCLI(t, "new", "--source", one, "howto", "Print"); strings.Contains(stderr, "translate") {
		t.Errorf("a hint on a one-language site: %s", stderr)
	}
}

// TestCheckListsManyUntranslated: a language far behind takes a few lines:
// ten articles by title, the rest by id.
func TestCheckListsManyUntranslated(t *testing.T) {
	src := t.TempDir()
	var b strings.Builder
	b.WriteString("-- site.yaml --\ntitle: x\nlanguages:\n  - code: en\n    name: English\n  - code: uk\n    name: Українська\n")
	for id := 1; id <= 13; id++ {
		fmt.Fprintf(&b, "-- en/guides/g%02d.md --\n---\ntitle: \"Guide %d\"\nid: %d\nsummary: s\n---\nText.\n", id, id, id)
	}
	b.WriteString("-- uk/guides/g01.md --\n---\ntitle: \"Посібник 1\"\nid: 1\nsummary: s\n---\nТекст.\n")
	sitetest.WriteTree(t, src, b.String())
	code, stdout, stderr := runCLI(t, "check", "--source", src)
	want := "  uk: 12 of 13 articles not translated\n    2  Guide 2  (" + filepath.ToSlash(src) + "/en/guides/g02.md)\n"
	if code != exitOK || !strings.Contains(stdout, "  en: has all 13 articles\n") || !strings.Contains(stdout, want) ||
		!strings.Contains(stdout, "    11  Guide 11  (") || strings.Contains(stdout, "Guide 12") || !strings.Contains(stdout, "    … and 2 more: 12, 13\n") {
		t.Errorf("check: exit %d\n%s%s", code, stdout, stderr)
	}
}

// undraft deletes a translation's draft: line, as its writer does once
// it is translated.
func undraft(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "draft: true  # ") })
	if i < 0 {
		t.Fatalf("%s has no draft: line:\n%s", path, data)
	}
	sitetest.WriteFile(t, path, strings.Join(slices.Delete(lines, i, i+1), "\n"))
}
