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
			res, pub, b := buildImported(t, out)
			checkBuilt(t, res, pub, b, want)
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
// page, articles in order on their category page (when the builder
// orders by order:), every old URL redirected, every title shown once.
func checkBuilt(t *testing.T, res *builder.Result, pub string, b support, want expect) {
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
	if b.order {
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
	}
	// The builder writes an alias as a folder; hosts match /x.html either way.
	redirects := strings.ReplaceAll(sitetest.Read(t, pub, "_redirects"), ".html/ ", ".html ")
	sitetest.Contains(t, "_redirects", redirects, want.Redirects...)
	if b.index {
		sitetest.Contains(t, "_redirects", redirects, want.IntroRedirects...)
	}
	for _, a := range res.Site.Articles {
		page := sitetest.Read(t, pub, a.URL+"index.html")
		if n := strings.Count(page, "<h1"); n != 1 {
			t.Errorf("%s: %d <h1> headings, want the title alone", a.URL, n)
		}
	}
}

// support says which of the builder changes that issue 18 asks of other
// branches the builder has: a category folder's index.md as the
// category's page, site.yaml's variables:, Markdown in _ folders as
// include fragments, and the order: of articles.
// Until they are merged, buildImported builds a copy of the import
// without what the builder lacks, and the checks that need them wait.
type support struct {
	index, variables, fragments, order bool
}

// probeBuilder builds three small sites to learn what the builder supports.
func probeBuilder(t *testing.T) support {
	t.Helper()
	check := func(files map[string]string) (*builder.Result, error) {
		src := fstest.MapFS{}
		for p, s := range files {
			src[p] = &fstest.MapFile{Data: []byte(s)}
		}
		return builder.Build(context.Background(), builder.Config{Source: src, Theme: themes.Default()})
	}
	site := "title: x\nlanguages:\n  - code: en\n    name: English\n"
	art := "---\ntitle: A\nid: 1\n---\nText.\n"
	var s support
	_, err := check(map[string]string{"site.yaml": site, "c/_category.yaml": "title: C\n", "c/index.md": art, "c/a.md": strings.Replace(art, "id: 1", "id: 2", 1)})
	s.index = err == nil
	_, err = check(map[string]string{"site.yaml": site + "variables:\n  product: X\n", "c/a.md": art})
	s.variables = err == nil
	_, err = check(map[string]string{"site.yaml": site, "c/a.md": art, "_shared/f.md": "Shared.\n"})
	s.fragments = err == nil
	res, err := check(map[string]string{"site.yaml": site, "c/a.md": strings.Replace(art, "id: 1", "id: 1\norder: 1", 1)})
	s.order = err == nil && !slices.ContainsFunc(res.Diagnostics, func(d diag.Diagnostic) bool { return strings.Contains(d.Msg, `"order"`) })
	return s
}

// buildImported builds an imported folder with the builder, into a
// temporary folder, and fails the test on any error. What the builder
// does not support yet (see support) is taken out of a copy first, and
// the test log says so.
func buildImported(t *testing.T, out string) (*builder.Result, string, support) {
	t.Helper()
	b := probeBuilder(t)
	src := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(src, os.DirFS(out)); err != nil {
		t.Fatal(err)
	}
	if !b.index {
		t.Log("the builder does not read a category's index.md yet (the links branch): built without the introductions")
		removeIntros(t, src)
	}
	if !b.variables {
		t.Log("the builder does not read site.yaml's variables: yet (the syntax branch): built without them")
		site := sitetest.Read(t, src, "site.yaml")
		if i := strings.Index(site, "variables:"); i >= 0 {
			sitetest.WriteFile(t, filepath.Join(src, "site.yaml"), site[:i])
		}
	}
	if !b.fragments {
		t.Log("the builder does not skip Markdown in _ folders yet (the syntax branch): built without the include fragments")
		removeFragments(t, src)
	}
	if !b.order {
		t.Log("the builder does not order articles by order: yet: the order on category pages is not checked")
	}
	pub := filepath.Join(t.TempDir(), "public")
	res, err := builder.Build(context.Background(), builder.Config{Source: os.DirFS(src), SourceName: "content", Theme: themes.Default(), Out: pub})
	if err != nil {
		t.Fatalf("build of the imported site: %v", err)
	}
	for _, d := range res.Diagnostics {
		if !strings.Contains(d.Msg, `"order"`) && !strings.Contains(d.Msg, "cannot read it as") {
			t.Logf("build: %s", d)
		}
	}
	return res, pub, b
}

// removeFragments deletes the Markdown files in folders whose names
// start with _.
func removeFragments(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") || !strings.Contains("/"+filepath.ToSlash(filepath.Dir(rel)), "/_") {
			return err
		}
		return os.Remove(p)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// removeIntros deletes the index.md of every category folder.
func removeIntros(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || e.Name() != "index.md" {
			return err
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(p), "_category.yaml")); err == nil {
			return os.Remove(p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
