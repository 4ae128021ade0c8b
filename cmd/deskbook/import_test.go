package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deskbook/internal/sitetest"
)

// TestImportZendeskCLI runs import zendesk on the hand-written export,
// on a broken one (exit 1, the file and line, nothing written), and with
// a bad language (exit 2).
func TestImportZendeskCLI(t *testing.T) {
	export := "../../internal/importer/zendesk/testdata/export"
	out := filepath.Join(t.TempDir(), "content")
	code, stdout, stderr := runCLI(t, "import", "zendesk", "--from", export, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	sitetest.Contains(t, "stdout", stdout, "imported 4 articles", "en 4, uk 2", "attachments copied 2, missing 1", "12 old article URLs kept as aliases")
	sitetest.Contains(t, "stderr", stderr, "roll.png is not in the export")
	if code, _, stderr := runCLI(t, "build", "--source", out, "--out", filepath.Join(t.TempDir(), "public")); code != exitOK {
		t.Errorf("build of the import: exit %d\n%s", code, stderr)
	}

	broken := t.TempDir()
	sitetest.WriteFile(t, filepath.Join(broken, "categories.json"), `{"categories": []}`)
	sitetest.WriteFile(t, filepath.Join(broken, "sections.json"), "{\"sections\": [\n  {\"id\": 1,,}\n]}")
	out2 := filepath.Join(t.TempDir(), "content")
	code, _, stderr = runCLI(t, "import", "zendesk", "--from", broken, "--out", out2)
	if code != exitContent || !strings.Contains(stderr, "sections.json:2: column 12: not valid JSON") || !strings.Contains(stderr, "articles.json: missing") {
		t.Errorf("broken export: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(out2); err == nil {
		t.Errorf("a failed import wrote its output")
	}
	if code, _, stderr := runCLI(t, "import", "zendesk", "--from", export, "--out", t.TempDir(), "--lang", "en-us=english"); code != exitUsage {
		t.Errorf("bad --lang: exit %d\n%s", code, stderr)
	}
}

// TestImportZolaCLI runs import zola on a Zola site folder: config.toml
// is found beside content/, and --unsafe-html is reported.
func TestImportZolaCLI(t *testing.T) {
	site := t.TempDir()
	sitetest.WriteTree(t, site, `
-- config.toml --
default_language = "en"
[languages.uk]
-- content/blog/_index.md --
+++
sort_by = "date"
+++
-- content/blog/Update-on-crates.io-incident.md --
+++
title = "Crates"
date = 2024-03-01
aliases = ["/old.html"]
+++
Text with <b>HTML</b>.
-- content/blog/Update-on-crates.io-incident.uk.md --
+++
title = "Крейти"
date = 2024-03-01
+++
Текст.
`)
	out := filepath.Join(t.TempDir(), "content")
	code, stdout, stderr := runCLI(t, "import", "zola", "--from", site, "--out", out, "--unsafe-html")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	sitetest.Contains(t, "stdout", stdout, "imported 1 pages", "en 1, uk 1", "1 kept as aliases",
		"2 pages of sections sorted by date became dated entries", "site.yaml has unsafe_html: true (--unsafe-html): 1 pages have raw HTML")
	if strings.Contains(stdout, "no config.toml") {
		t.Errorf("config.toml beside content/ was not found:\n%s", stdout)
	}
}
