package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deskbook/internal/sitetest"
)

// TestLinksWarn: while a site migrates, --links warn (or links: warn in
// site.yaml) lets links, anchors and images that lead nowhere through as
// warnings, listed by file at the end with path:line, and the build exits
// 0; by default they are errors and it exits 1.
func TestLinksWarn(t *testing.T) {
	src := filepath.Join(t.TempDir(), "content")
	sitetest.WriteTree(t, src, `
-- site.yaml --
title: "Help"
-- guides/a.md --
---
title: "A"
id: 1
summary: "A."
---
## Start

See [b](b), [its end](b.md#the-end) and [nothing](gone.md).
-- guides/b.md --
---
title: "B"
id: 2
summary: "B."
---
![Screenshot](shot.png)
`)
	out := filepath.Join(t.TempDir(), "public")
	section := `deskbook: 3 broken links while migrating (links: warn), in 2 files:
` + src + `/guides/a.md:8: broken link "b.md#the-end": ` + src + `/guides/b.md has no heading #the-end
` + src + `/guides/a.md:8: broken link "gone.md": there is no article guides/gone.md

` + src + `/guides/b.md:6: broken image "shot.png": there is no file guides/shot.png
`
	code, _, stderr := runCLI(t, "build", "--source", src, "--out", out)
	if code != exitContent || !strings.Contains(stderr, src+`/guides/a.md:8: broken link "gone.md"`) || strings.Contains(stderr, "while migrating") {
		t.Errorf("build: exit %d, want %d:\n%s", code, exitContent, stderr)
	}
	code, stdout, stderr := runCLI(t, "build", "--source", src, "--out", out, "--links", "warn")
	if code != exitOK || !strings.HasSuffix(stderr, section) || !strings.Contains(stdout, "built") {
		t.Errorf("build --links warn: exit %d, want %d and, at the end,\n%s\ngot:\n%s%s", code, exitOK, section, stdout, stderr)
	}
	if page := sitetest.Read(t, out, "en/guides/a/index.html"); !strings.Contains(page, `and nothing.`) || !strings.Contains(page, `<a href="../b/">b</a>`) {
		t.Errorf("the page does not show the broken link as its text:\n%s", page)
	}
	code, _, stderr = runCLI(t, "check", "--source", src, "--links", "warn")
	if code != exitOK || !strings.HasSuffix(stderr, section) {
		t.Errorf("check --links warn: exit %d:\n%s", code, stderr)
	}
	if code, _, stderr = runCLI(t, "check", "--source", src, "--links", "loose"); code != exitUsage || !strings.Contains(stderr, "--links loose: want warn or strict") {
		t.Errorf("check --links loose: exit %d:\n%s", code, stderr)
	}

	// site.yaml says warn for the weeks a migration takes; the flag wins.
	if err := os.WriteFile(filepath.Join(src, "site.yaml"), []byte("title: \"Help\"\nlinks: warn\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr = runCLI(t, "check", "--source", src); code != exitOK || !strings.HasSuffix(stderr, section) {
		t.Errorf("check with links: warn: exit %d:\n%s", code, stderr)
	}
	if code, _, stderr = runCLI(t, "check", "--source", src, "--links", "strict"); code != exitContent || !strings.Contains(stderr, "3 errors") {
		t.Errorf("check --links strict: exit %d:\n%s", code, stderr)
	}
}
