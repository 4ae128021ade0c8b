package main

import (
	"path/filepath"
	"strings"
	"testing"

	"deskbook/internal/sitetest"
)

// mkdocsProject is a small MkDocs project: two pages in a nav, one missing.
const mkdocsProject = `
-- mkdocs.yml --
site_name: Till Help
nav:
  - Home: index.md
  - Guide:
      - guide/install.md
      - guide/gone.md
-- docs/index.md --
# Welcome

Read [Install](guide/install.md).
-- docs/guide/install.md --
---
author: ann
---
# Install

Download it.
`

func TestImportMarkdownCommand(t *testing.T) {
	src := filepath.Join(t.TempDir(), "project")
	sitetest.WriteTree(t, src, mkdocsProject)
	out := filepath.Join(t.TempDir(), "content")

	code, stdout, stderr := runCLI(t, "import", "markdown", "--from", src, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d:\n%s%s", code, stdout, stderr)
	}
	sitetest.Contains(t, "stdout", stdout, "imported 2 articles (mkdocs)", "categories 1", "old URLs kept as aliases: 1",
		"next: deskbook build --source "+out)
	sitetest.Contains(t, "stderr", stderr, "mkdocs.yml:6: warning: nav names docs/guide/gone.md, which is missing")
	sitetest.Contains(t, "site.yaml", sitetest.Read(t, out, "site.yaml"), "title: Till Help")

	// The result builds at once.
	pub := filepath.Join(t.TempDir(), "public")
	if code, stdout, stderr := runCLI(t, "build", "--source", out, "--out", pub); code != exitOK {
		t.Fatalf("build of the import: exit %d:\n%s%s", code, stdout, stderr)
	}

	// Again, into a new folder, with the ids of the first import.
	again := filepath.Join(t.TempDir(), "content")
	if code, stdout, stderr := runCLI(t, "import", "markdown", "--from", src, "--out", again, "--ids", out); code != exitOK || !strings.Contains(stdout, "ids: 2 kept from the earlier import, 0 new") {
		t.Errorf("import with --ids: exit %d:\n%s%s", code, stdout, stderr)
	}
}

func TestImportMarkdownExitCodes(t *testing.T) {
	src := filepath.Join(t.TempDir(), "docs")
	sitetest.WriteTree(t, src, "-- a.md --\n# A\n")
	full := t.TempDir()
	sitetest.WriteFile(t, filepath.Join(full, "x.md"), "mine")
	for _, tc := range []struct {
		args []string
		code int
		in   string
	}{
		{[]string{"import", "markdown", "--from", src}, exitUsage, "needs --from DIR and --out DIR"},
		{[]string{"import", "markdown", "--from", src, "--out", filepath.Join(t.TempDir(), "c"), "--dialect", "jekyll"}, exitUsage, `unknown dialect "jekyll"`},
		{[]string{"import", "markdown", "--from", src, "--out", filepath.Join(t.TempDir(), "c"), "--lang", "english"}, exitUsage, `language "english"`},
		{[]string{"import", "markdown", "--from", src, "--out", filepath.Join(src, "out")}, exitUsage, "must not be the --from folder or inside it"},
		{[]string{"import", "markdown", "--from", filepath.Join(src, "nope"), "--out", filepath.Join(t.TempDir(), "c")}, exitContent, "not a folder"},
		{[]string{"import", "markdown", "--from", src, "--out", full}, exitContent, "not empty"},
		{[]string{"import", "markdown", "--from", full, "--out", filepath.Join(t.TempDir(), "c"), "--dialect", "mkdocs"}, exitContent, "the mkdocs docs folder"},
		{[]string{"import", "markdown", "--help"}, exitOK, "--old-base"},
	} {
		code, stdout, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stdout+stderr, tc.in) {
			t.Errorf("deskbook %q: exit %d, want %d with %q in output:\n%s%s", tc.args, code, tc.code, tc.in, stdout, stderr)
		}
	}
}
