package markdown_test

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/builder"
	"deskbook/internal/diag"
	"deskbook/internal/frontmatter"
	"deskbook/internal/importer/markdown"
	"deskbook/internal/sitetest"
	"deskbook/themes"

	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/txtar"
)

// expect is what a fixture says its import must give; it is the YAML
// after the first blank line of the archive's comment.
type expect struct {
	Dialect    string              `yaml:"dialect"`
	OldBase    string              `yaml:"old_base"` // --old-base
	Languages  []string            `yaml:"languages"`
	Title      string              `yaml:"title"`
	Categories []string            `yaml:"categories"` // titles on the home page, in order
	Order      map[string][]string `yaml:"order"`      // category folder → its articles, in order
	Intros     []string            `yaml:"intros"`     // category introductions written
	Titles     map[string]string   `yaml:"titles"`     // output file → its title
	Redirects  []string            `yaml:"redirects"`  // lines of the built _redirects
	// IntroRedirects are lines of _redirects for category introductions,
	// which the builder makes once it reads a category's index.md.
	IntroRedirects []string            `yaml:"intro_redirects"`
	Contains       map[string][]string `yaml:"contains"`  // output file → texts in it
	Absent         map[string][]string `yaml:"absent"`    // output file → texts not in it
	Warnings       []string            `yaml:"warnings"`  // beginnings of import warnings
	Variables      map[string]string   `yaml:"variables"` // site.yaml variables (one value)
}

// fixture reads testdata/<name>.txtar: the source folder and what its
// import must give.
func fixture(t *testing.T, name string) (fstest.MapFS, expect) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	ar := txtar.Parse(data)
	_, spec, _ := strings.Cut(string(ar.Comment), "\n\n")
	var e expect
	if err := yaml.Unmarshal([]byte(spec), &e); err != nil {
		t.Fatalf("%s.txtar: expectations: %v", name, err)
	}
	return sitetest.FS(t, string(data)), e
}

// importFixture imports a source into a new folder and returns it.
func importFixture(t *testing.T, src fs.FS, opt markdown.Options) (string, markdown.Report) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "content")
	rep, err := markdown.Import(src, out, opt)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return out, rep
}

func TestImportDialects(t *testing.T) {
	for _, name := range []string{"github", "mkdocs", "docusaurus", "docfx", "yfm", "hugo"} {
		t.Run(name, func(t *testing.T) {
			src, want := fixture(t, name)
			if got := markdown.Detect(src); string(got) != want.Dialect {
				t.Errorf("Detect = %s, want %s", got, want.Dialect)
			}
			out, rep := importFixture(t, src, markdown.Options{OldBase: want.OldBase})
			checkReport(t, rep, want)
			checkFiles(t, out, want)
			res, pub := buildImported(t, out)
			checkBuilt(t, res, pub, want)
		})
	}
}

// checkReport checks the languages and warnings of an import.
func checkReport(t *testing.T, rep markdown.Report, want expect) {
	t.Helper()
	var langs []string
	for _, l := range rep.Languages {
		langs = append(langs, l.Name)
		if l.Count == 0 {
			t.Errorf("no articles in %s", l.Name)
		}
	}
	if !slices.Equal(langs, want.Languages) {
		t.Errorf("languages %v, want %v", langs, want.Languages)
	}
	var warns []string
	for _, w := range rep.Warnings {
		warns = append(warns, w.String())
	}
	for _, w := range want.Warnings {
		if !slices.ContainsFunc(warns, func(s string) bool { return strings.HasPrefix(s, w) }) {
			t.Errorf("no warning %q in:\n%s", w, strings.Join(warns, "\n"))
		}
	}
	if rep.Articles == 0 || rep.Aliases == 0 && len(want.Redirects) > 0 {
		t.Errorf("report: %d articles, %d aliases", rep.Articles, rep.Aliases)
	}
}

// checkFiles checks the imported files themselves.
func checkFiles(t *testing.T, out string, want expect) {
	t.Helper()
	site := sitetest.Read(t, out, "site.yaml")
	sitetest.Contains(t, "site.yaml", site, "title: "+want.Title)
	for name, v := range want.Variables {
		sitetest.Contains(t, "site.yaml", site, name+": "+v)
	}
	for _, p := range want.Intros {
		if !strings.HasSuffix(p, "/index.md") {
			t.Errorf("intro %s: not an index.md", p)
		}
		if head, _, _, _, err := frontmatter.Split([]byte(sitetest.Read(t, out, p))); err != nil || strings.Contains(string(head), "id:") || strings.Contains(string(head), "order:") {
			t.Errorf("intro %s: an id or order (the category's are in _category.yaml), or %v:\n%s", p, err, head)
		}
	}
	for p, title := range want.Titles {
		if got := readTitle(t, out, p); got != title {
			t.Errorf("%s: title %q, want %q", p, got, title)
		}
	}
	for p, texts := range want.Contains {
		sitetest.Contains(t, p, sitetest.Read(t, out, p), texts...)
	}
	for p, texts := range want.Absent {
		body := sitetest.Read(t, out, p)
		for _, s := range texts {
			if strings.Contains(body, s) {
				t.Errorf("%s: has %q:\n%s", p, s, body)
			}
		}
	}
	checkOrderFields(t, out, want)
}

// readTitle is the title of an imported article or _category.yaml.
func readTitle(t *testing.T, out, p string) string {
	t.Helper()
	data := []byte(sitetest.Read(t, out, p))
	if strings.HasSuffix(p, ".md") {
		head, _, _, _, err := frontmatter.Split(data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		data = head
	}
	var m struct {
		Title string `yaml:"title"`
		ID    int    `yaml:"id"`
	}
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	if strings.HasSuffix(p, ".md") && m.ID <= 0 {
		t.Errorf("%s: no id", p)
	}
	return m.Title
}

// orderRE finds an article's order: in its front matter.
var orderRE = regexp.MustCompile(`(?m)^order: (\d+)$`)

// checkOrderFields checks that the articles of each category are
// numbered in the navigation's order.
func checkOrderFields(t *testing.T, out string, want expect) {
	t.Helper()
	dir := ""
	if len(want.Languages) > 1 {
		dir = want.Languages[0] + "/"
	}
	for cat, files := range want.Order {
		prev := 0
		for _, f := range files {
			m := orderRE.FindStringSubmatch(sitetest.Read(t, out, dir+f))
			if m == nil {
				t.Errorf("%s: no order:", f)
				continue
			}
			if n, _ := strconv.Atoi(m[1]); n <= prev {
				t.Errorf("category %s: %s has order %d, not after %d", cat, f, n, prev)
			} else {
				prev = n
			}
		}
	}
}

// checkBuilt checks the built site: categories in order on the home
// page, articles in order on their category page, every old URL
// redirected, every title shown once.
func checkBuilt(t *testing.T, res *builder.Result, pub string, want expect) {
	t.Helper()
	def := want.Languages[0]
	home := sitetest.Read(t, pub, def+"/index.html")
	at := -1
	for _, title := range want.Categories {
		i := strings.Index(home, ">"+title+"</a></h2>")
		if i < at {
			t.Errorf("home page: category %q is not after the one before it", title)
		}
		at = i
	}
	for cat, files := range want.Order {
		page := sitetest.Read(t, pub, def+"/"+cat+"/index.html")
		at := -1
		for _, f := range files {
			u := strings.TrimSuffix(f, ".md")
			if path.Base(u) == "index" {
				u = path.Dir(u)
			}
			i := strings.Index(page, `href="`+path.Base(u)+`/"`)
			if i < 0 || i < at {
				t.Errorf("category %s: %s is missing or out of order", cat, f)
			}
			at = i
		}
	}
	// The builder writes an alias as a folder; hosts match /x.html either way.
	redirects := strings.ReplaceAll(sitetest.Read(t, pub, "_redirects"), ".html/ ", ".html ")
	sitetest.Contains(t, "_redirects", redirects, want.Redirects...)
	sitetest.Contains(t, "_redirects", redirects, want.IntroRedirects...)
	for _, a := range res.Site.Articles {
		page := sitetest.Read(t, pub, a.URL+"index.html")
		if n := strings.Count(page, "<h1"); n != 1 {
			t.Errorf("%s: %d <h1> headings, want the title alone", a.URL, n)
		}
	}
}

// buildImported builds an imported folder with the builder, into a
// temporary folder, and fails the test on any error.
func buildImported(t *testing.T, out string) (*builder.Result, string) {
	t.Helper()
	pub := filepath.Join(t.TempDir(), "public")
	res, err := builder.Build(context.Background(), builder.Config{Source: os.DirFS(out), SourceName: "content", Theme: themes.Default(), Out: pub})
	if err != nil {
		t.Fatalf("build of the imported site: %v", err)
	}
	for _, d := range res.Diagnostics {
		t.Logf("build: %s", d)
	}
	return res, pub
}

// TestHugoContentMount: a Hugo site whose content is a mounted folder
// (content/en mounted as content, as Hugo's own documentation does) has
// its sections there, not one section named after the folder.
func TestHugoContentMount(t *testing.T) {
	src := sitetest.FS(t, `
-- hugo.toml --
title = "Docs"
[[module.mounts]]
source = "assets"
target = "assets"
[[module.mounts]]
source = "content/en"
target = "content"
-- content/LICENSE.md --
Licence text, outside the mount.
-- content/en/_index.md --
---
title: Docs
---
-- content/en/guide/_index.md --
---
title: Guide
---
-- content/en/guide/start.md --
---
title: Start
---
Text.
`)
	out, _ := importFixture(t, src, markdown.Options{})
	if _, err := os.Stat(filepath.Join(out, "guide", "start.md")); err != nil {
		t.Errorf("the mounted folder's section: %v", err)
	}
	buildImported(t, out)
}

// TestDocusaurusDocsPath: the docs plugin's path: "../docs" (the docs
// beside the website folder, as Prettier keeps them) is the docs folder,
// not website/docs.
func TestDocusaurusDocsPath(t *testing.T) {
	src := sitetest.FS(t, `
-- website/docusaurus.config.js --
module.exports = {
  title: "Prettier",
  presets: [["classic", {
    docs: {
      sidebarPath: "./sidebars.json",
      editUrl: ({ docPath }) => docPath,
      path: "../docs",
    },
  }]],
};
-- docs/install.md --
---
id: install
title: Install
---
Text.
`)
	out, rep := importFixture(t, src, markdown.Options{})
	if _, err := os.Stat(filepath.Join(out, "install.md")); err != nil || rep.Articles != 1 {
		t.Errorf("the docs beside the website: %v, %d articles", err, rep.Articles)
	}
	buildImported(t, out)
}

// TestDocusaurusSidebars: sidebars.json gives the categories and their
// order, in either form: category labels mapped to doc ids (Prettier's)
// or typed items with a category's own doc; a doc's id is its path
// without number prefixes, or its front matter's id:. A missing doc is a
// warning at its line.
func TestDocusaurusSidebars(t *testing.T) {
	for name, sidebars := range map[string]string{
		"labels": `{"docs": {"Start here": ["intro", "install"], "Reference": ["cli", "gone"]}}`,
		"items": `{"main": [
  {"type": "category", "label": "Start here", "items": ["intro", {"type": "doc", "id": "install"}]},
  {"type": "category", "label": "Reference", "items": [{"type": "doc", "id": "cli"}, "gone"]},
  {"type": "link", "label": "Blog", "href": "https://example.com"}
]}`,
	} {
		t.Run(name, func(t *testing.T) {
			src := sitetest.FS(t, `
-- docusaurus.config.js --
module.exports = { title: "Tool", baseUrl: "/" };
-- sidebars.json --
`+sidebars+`
-- docs/intro.md --
# Intro
-- docs/10-install.md --
# Install
-- docs/command-line.md --
---
id: cli
title: Command line
---
Text.
`)
			out, rep := importFixture(t, src, markdown.Options{})
			res, _ := buildImported(t, out)
			var got []string
			for _, c := range res.Site.Categories {
				var titles []string
				for _, a := range c.Articles {
					titles = append(titles, a.Meta.Title)
				}
				got = append(got, c.Title+": "+strings.Join(titles, ", "))
			}
			if want := []string{"Start here: Intro, Install", "Reference: Command line"}; !slices.Equal(got, want) {
				t.Errorf("categories %q, want %q", got, want)
			}
			if !slices.ContainsFunc(rep.Warnings, func(d diag.Diagnostic) bool {
				return strings.HasPrefix(d.String(), "sidebars.json:") && strings.Contains(d.Msg, "the sidebar names the doc gone, which is missing")
			}) {
				t.Errorf("no warning for the missing doc: %v", rep.Warnings)
			}
			if data, _ := os.ReadFile(filepath.Join(out, "start-here", "intro.md")); strings.Contains(string(data), "//") {
				t.Errorf("an old URL starts with //:\n%s", data)
			}
		})
	}
}

// TestMdBookNotFoundPage: mdBook's 404.md, which SUMMARY.md does not
// list, is its not-found page, not an article: left out with a warning,
// since deskbook makes its own /404.html and an alias there could not be.
func TestMdBookNotFoundPage(t *testing.T) {
	src := sitetest.FS(t, `
-- SUMMARY.md --
# Summary

- [Intro](intro.md)
-- intro.md --
# Intro

Text.
-- 404.md --
# Document not found (404)

This URL is invalid, sorry.
`)
	out, rep := importFixture(t, src, markdown.Options{})
	if _, err := os.Stat(filepath.Join(out, "404.md")); err == nil || rep.Articles != 1 {
		t.Errorf("the not-found page was imported: %d articles", rep.Articles)
	}
	if !slices.ContainsFunc(rep.Warnings, func(d diag.Diagnostic) bool {
		return strings.Contains(d.String(), "404.md: warning: mdBook's not-found page")
	}) {
		t.Errorf("no warning: %v", rep.Warnings)
	}
	buildImported(t, out)
}
