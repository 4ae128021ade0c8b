package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deskbook/internal/sitetest"
)

// themeSite is a small two-language site for the theme commands.
const themeSite = `
-- site.yaml --
title: "Acme Help"
languages:
  - code: en
    name: English
  - code: uk
    name: Українська
brand:
  accent: "#0b5cad"
  footer: "Acme Ltd"
-- en/errors/disk-full.md --
---
title: "Disk is full"
id: 1
summary: "S."
---
Free some space. See [the other](../guides/space.md).
-- en/guides/space.md --
---
title: "Free space"
id: 2
kind: howto
summary: "S."
---
## Delete old files

Do it.
-- uk/errors/disk-full.md --
---
title: "Диск заповнено"
id: 1
summary: "S."
---
Звільніть місце.
`

// tree reads every file below dir.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestThemeExportRoundTrip: the exported theme, used as a theme folder,
// makes the very site the built-in theme makes.
func TestThemeExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src, exported := filepath.Join(dir, "content"), filepath.Join(dir, "mytheme")
	sitetest.WriteTree(t, src, themeSite)
	code, stdout, stderr := runCLI(t, "theme", "export", exported)
	if code != exitOK || !strings.Contains(stdout, "keep only the files you change") {
		t.Fatalf("theme export: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, p := range []string{"layouts/base.html", "layouts/print.html", "static/style.css", "static/favicon.svg", "i18n/uk.yaml"} {
		if _, err := os.Stat(filepath.Join(exported, p)); err != nil {
			t.Errorf("export lacks %s", p)
		}
	}
	plain, themed := filepath.Join(dir, "plain"), filepath.Join(dir, "themed")
	for _, args := range [][]string{{"--out", plain}, {"--out", themed, "--theme", exported}} {
		if code, stdout, stderr := runCLI(t, append([]string{"build", "--source", src}, args...)...); code != exitOK {
			t.Fatalf("build %v: exit %d\n%s%s", args, code, stdout, stderr)
		}
	}
	a, b := tree(t, plain), tree(t, themed)
	if len(a) < 20 || len(a) != len(b) {
		t.Fatalf("%d files with the built-in theme, %d with the exported one", len(a), len(b))
	}
	for p, data := range a {
		if b[p] != data {
			t.Errorf("%s differs between the built-in theme and its export", p)
		}
	}
}

// TestThemeExportRefuses: a folder with files in it is refused, naming
// those the theme would overwrite, and left as it was.
func TestThemeExportRefuses(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteFile(t, filepath.Join(dir, "layouts", "home.html"), "mine")
	sitetest.WriteFile(t, filepath.Join(dir, "notes.txt"), "mine too")
	code, stdout, stderr := runCLI(t, "theme", "export", dir)
	if code != exitUsage || !strings.Contains(stderr, "would lose 1 file of its own: layouts/home.html") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	if got := tree(t, dir); len(got) != 2 || got["layouts/home.html"] != "mine" {
		t.Errorf("the folder changed: %v", got)
	}
	for _, args := range [][]string{{"theme"}, {"theme", "import", dir}, {"theme", "export"}, {"theme", "export", "a", "b"}} {
		if code, _, _ := runCLI(t, args...); code != exitUsage {
			t.Errorf("deskbook %q: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// TestThemeFromSiteYAML: site.yaml's theme: names a folder beside the
// content; --theme wins over it; a folder that is not there is an error
// at its line, and nothing is written.
func TestThemeFromSiteYAML(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	sitetest.WriteTree(t, src, strings.Replace(themeSite, "brand:\n", "theme: ../mytheme\nbrand:\n", 1))
	sitetest.WriteFile(t, filepath.Join(dir, "mytheme", "layouts", "article.html"), `{{define "main"}}<p class="from-site-yaml">{{.Article.Meta.Title}}</p>{{end}}`)
	sitetest.WriteFile(t, filepath.Join(dir, "other", "layouts", "article.html"), `{{define "main"}}<p class="from-flag">{{.Article.Meta.Title}}</p>{{end}}`)
	out := filepath.Join(dir, "public")
	page := filepath.Join(out, "en", "errors", "disk-full", "index.html")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, `<p class="from-site-yaml">Disk is full</p>`},
		{[]string{"--theme", filepath.Join(dir, "other")}, `<p class="from-flag">Disk is full</p>`},
	} {
		if code, stdout, stderr := runCLI(t, append([]string{"build", "--source", src, "--out", out}, tc.args...)...); code != exitOK {
			t.Fatalf("build %v: exit %d\n%s%s", tc.args, code, stdout, stderr)
		}
		if b, _ := os.ReadFile(page); !bytes.Contains(b, []byte(tc.want)) {
			t.Errorf("build %v: the article lacks %s", tc.args, tc.want)
		}
	}
	if err := os.RemoveAll(filepath.Join(dir, "mytheme")); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)
	code, stdout, stderr := runCLI(t, "build", "--source", src, "--out", out)
	want := src + `/site.yaml:7: theme: "../mytheme": there is no folder`
	if code != exitContent || !strings.Contains(stderr, filepath.ToSlash(want)) {
		t.Errorf("missing theme folder: exit %d, want %d with %q\n%s%s", code, exitContent, want, stdout, stderr)
	}
	if after := tree(t, out); len(after) != len(before) || after["en/index.html"] != before["en/index.html"] {
		t.Error("a failed build changed the output")
	}
}

// TestThemeTemplateErrorCLI: a layout of the theme folder that does not
// parse is reported at its line, by the path the command line gave.
func TestThemeTemplateErrorCLI(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	sitetest.WriteTree(t, src, themeSite)
	sitetest.WriteFile(t, filepath.Join(dir, "mytheme", "layouts", "article.html"), "{{define \"main\"}}\n<h1>{{.Title}</h1>\n{{end}}\n")
	t.Chdir(dir)
	code, stdout, stderr := runCLI(t, "build", "--source", "content", "--out", "public", "--theme", "mytheme/")
	if code != exitContent || !strings.Contains(stderr, "mytheme/layouts/article.html:2: ") || !strings.Contains(stderr, "nothing was written") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("a failed build wrote its output")
	}
}
