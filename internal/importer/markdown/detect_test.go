package markdown_test

import (
	"testing"

	"deskbook/internal/importer/markdown"
	"deskbook/internal/sitetest"
)

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		archive string
		want    markdown.Dialect
	}{
		{"-- website/docusaurus.config.js --\nmodule.exports = {};\n-- website/docs/a.md --\n# A\n", markdown.Docusaurus},
		{"-- docs/mkdocs.yml --\nsite_name: x\n-- docs/docs/a.md --\n# A\n", markdown.MkDocs},
		{"-- toc.yaml --\nitems: []\n-- .yfm --\n-- a.md --\n# A\n", markdown.YFM},
		{"-- ru/toc.yaml --\nitems: []\n-- ru/a.md --\n# A\n", markdown.YFM},
		{"-- toc.yml --\n- name: A\n  href: a.md\n-- a.md --\n# A\n", markdown.DocFX},
		{"-- docfx.json --\n{}\n-- toc.yml --\n[]\n-- a.md --\n# A\n", markdown.DocFX},
		{"-- hugo.toml --\ntitle = 'x'\n-- content/a.md --\n# A\n", markdown.Hugo},
		{"-- config.toml --\nbase_url = 'https://x'\n-- content/a.md --\n# A\n", markdown.GitHub}, // Zola's
		{"-- README.md --\n# A\n-- SUMMARY.md --\n- [A](README.md)\n", markdown.GitHub},
	} {
		if got := markdown.Detect(sitetest.FS(t, tc.archive)); got != tc.want {
			t.Errorf("Detect(%q) = %s, want %s", tc.archive, got, tc.want)
		}
	}
}

func TestImportSettingsOneFolderDown(t *testing.T) {
	src := sitetest.FS(t, `
-- website/docusaurus.config.js --
module.exports = { title: 'Down one', baseUrl: '/kb/' };
-- website/docs/start.md --
# Start here

Welcome.
-- README.md --
# The repository
`)
	out, rep := importFixture(t, src, markdown.Options{})
	if rep.Dialect != markdown.Docusaurus || rep.Articles != 1 {
		t.Errorf("imported %d articles as %s, want the one doc as docusaurus", rep.Articles, rep.Dialect)
	}
	sitetest.Contains(t, "site.yaml", sitetest.Read(t, out, "site.yaml"), "title: Down one")
	sitetest.Contains(t, "start.md", sitetest.Read(t, out, "start.md"), "- /kb/docs/start\n")
}
