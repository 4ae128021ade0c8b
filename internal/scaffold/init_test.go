package scaffold

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"deskbook/builder"
	"deskbook/internal/sitetest"
	"deskbook/themes"

	"go.yaml.in/yaml/v3"
)

var initDay = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// initSite runs Init into a new folder and returns it.
func initSite(t *testing.T, product string, langs ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "help")
	if _, err := Init(dir, InitOptions{Product: product, Languages: langs, BaseURL: "https://example.com/help/", Today: initDay}); err != nil {
		t.Fatalf("init --lang %s: %v", strings.Join(langs, ","), err)
	}
	return dir
}

// buildSite builds a content folder into a new output folder and fails the
// test on any diagnostic, warnings included.
func buildSite(t *testing.T, src fs.FS, theme fs.FS) (*builder.Result, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := builder.Build(context.Background(), builder.Config{Source: src, SourceName: "content", Theme: theme, Out: out})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("build: %s", d)
	}
	return res, out
}

// TestInitBuildsClean: a new help centre builds with no error and no
// warning in every language the examples are written in; its articles
// share ids and heading anchors across languages; every category has its
// _category.yaml in every language; the error article's code is in its
// errors: and in the page's error box.
func TestInitBuildsClean(t *testing.T) {
	for _, langs := range [][]string{{"en"}, {"en", "uk"}, {"en", "uk", "ru"}, {"uk"}} {
		t.Run(strings.Join(langs, ","), func(t *testing.T) {
			dir := initSite(t, "Parcelbox", langs...)
			res, out := buildSite(t, os.DirFS(filepath.Join(dir, "content")), themes.Default())
			checkShared(t, res, langs)
			checkCategories(t, filepath.Join(dir, "content"), langs)
			for _, a := range res.Site.Articles {
				if a.Meta.Kind != builder.KindError {
					continue
				}
				if !slices.Contains(a.Meta.Errors, "PA-1001") || !slices.Contains(a.Meta.Errors, "Cannot reach the Parcelbox server.") {
					t.Errorf("%s: errors: %q, want the code PA-1001 and the message", a.Path, a.Meta.Errors)
				}
				page := a.URL + "index.html"
				body := sitetest.Read(t, out, page)
				box, _, _ := strings.Cut(body[strings.Index(body, `class="error-box"`)+1:], "</section>")
				sitetest.Contains(t, page, box, "<code>PA-1001</code>")
			}
		})
	}
}

// checkShared: every language has the same five article ids, one of each
// kind, and the versions of an article have the same heading anchors.
func checkShared(t *testing.T, res *builder.Result, langs []string) {
	t.Helper()
	byLang := map[string][]int{}
	anchors := map[int][]string{}
	for _, a := range res.Site.Articles {
		byLang[a.Lang] = append(byLang[a.Lang], a.Meta.ID)
		var ids []string
		for _, h := range a.Headings {
			ids = append(ids, h.ID)
		}
		if want, ok := anchors[a.Meta.ID]; ok && !slices.Equal(ids, want) {
			t.Errorf("%s: anchors %q, another language has %q", a.Path, ids, want)
		}
		anchors[a.Meta.ID] = ids
		if len(a.Translations) != len(langs)-1 {
			t.Errorf("%s: %d translations, want %d", a.Path, len(a.Translations), len(langs)-1)
		}
	}
	for _, l := range langs {
		got := byLang[l]
		slices.Sort(got)
		if !slices.Equal(got, []int{1, 2, 3, 4, 5}) {
			t.Errorf("%s: article ids %v, want 1 to 5", l, got)
		}
	}
	kinds := map[builder.Kind]bool{}
	for _, a := range res.Site.Articles {
		kinds[a.Meta.Kind] = true
	}
	if len(kinds) != 5 {
		t.Errorf("kinds %v: want one article of every kind", kinds)
	}
}

// checkCategories: the categories are the same folders in every language,
// each with its _category.yaml.
func checkCategories(t *testing.T, content string, langs []string) {
	t.Helper()
	var first []string
	for _, l := range langs {
		root := content
		if len(langs) > 1 {
			root = filepath.Join(content, l)
		}
		entries, err := os.ReadDir(root)
		if err != nil {
			t.Fatal(err)
		}
		var cats []string
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			cats = append(cats, e.Name())
			if _, err := os.Stat(filepath.Join(root, e.Name(), "_category.yaml")); err != nil {
				t.Errorf("%s/%s: no _category.yaml", l, e.Name())
			}
		}
		if first == nil {
			first = cats
		} else if !slices.Equal(cats, first) {
			t.Errorf("%s: categories %v, the first language has %v", l, cats, first)
		}
		if len(cats) != 5 {
			t.Errorf("%s: categories %v, want 5", l, cats)
		}
	}
}

// TestInitOtherLanguage: a language the examples are not written in gets
// the English texts in its folder, and interface texts to translate in
// theme/i18n/<code>.yaml with every key of the default theme's English,
// which site.yaml names with theme: ../theme. With that file in the
// theme, the site builds with no warning; without it, the build warns
// that the language has no interface translation.
func TestInitOtherLanguage(t *testing.T) {
	dir := initSite(t, "Parcelbox", "en", "de")
	de := readFile(t, filepath.Join(dir, "theme", "i18n", "de.yaml"))
	en, err := fs.ReadFile(themes.Default(), "i18n/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if missing := missingKeys(t, en, de); len(missing) > 0 {
		t.Errorf("de.yaml lacks %v", missing)
	}
	if !strings.HasPrefix(string(de), "# ") || !strings.Contains(string(de), "translate") {
		t.Errorf("de.yaml does not say to translate it:\n%.300s", de)
	}
	site := readFile(t, filepath.Join(dir, "content", "site.yaml"))
	if !strings.Contains(string(site), "\ntheme: ../theme\n") {
		t.Errorf("site.yaml does not use the theme folder:\n%s", site)
	}
	for _, name := range []string{"errors/pa-1001-cannot-connect.md", "how-to/update-the-app.md", "errors/_category.yaml"} {
		if a, b := readFile(t, filepath.Join(dir, "content", "en", name)), readFile(t, filepath.Join(dir, "content", "de", name)); string(a) != string(b) {
			t.Errorf("de/%s is not the English text", name)
		}
	}

	// The command line reads site.yaml's theme: and lays the folder over
	// the default theme; the test does the same with the builder alone.
	src := os.DirFS(filepath.Join(dir, "content"))
	theme := overlay(t, themes.Default(), os.DirFS(filepath.Join(dir, "theme")))
	buildSite(t, src, theme)

	res, err := builder.Build(context.Background(), builder.Config{Source: src, SourceName: "content", Theme: themes.Default()})
	if err != nil || !strings.Contains(diagText(res), "no interface translation for Deutsch") {
		t.Errorf("without de.yaml: %v, %v; want the warning the file prevents", err, res.Diagnostics)
	}
}

func diagText(res *builder.Result) string {
	if res == nil {
		return ""
	}
	var b strings.Builder
	for _, d := range res.Diagnostics {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// missingKeys lists the top-level keys of want that got lacks.
func missingKeys(t *testing.T, want, got []byte) []string {
	t.Helper()
	var w, g map[string]yaml.Node
	if err := yaml.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	var missing []string
	for k := range w {
		if _, ok := g[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(w) < 50 {
		t.Errorf("the default theme's en.yaml has %d keys; was it read?", len(w))
	}
	return missing
}

// overlay is base with the files of top added or replacing base's.
func overlay(t *testing.T, base, top fs.FS) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	for _, fsys := range []fs.FS{base, top} {
		err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			data, err := fs.ReadFile(fsys, p)
			m[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// TestInitProductName: a product name with quotes and Markdown marks is
// written as it is everywhere (site title, article titles, text), and
// makes the error code's letters.
func TestInitProductName(t *testing.T) {
	dir := initSite(t, `Box "Pro" *2*`, "en")
	res, out := buildSite(t, os.DirFS(filepath.Join(dir, "content")), themes.Default())
	if got := res.Site.Config.Product; got != `Box "Pro" *2*` {
		t.Errorf("product %q", got)
	}
	page := "en/how-to/update-the-app/index.html"
	sitetest.Contains(t, page, sitetest.Read(t, out, page),
		"Update Box &#34;Pro&#34; *2* to the latest version", "<li>Open Box &quot;Pro&quot; *2*.</li>")
	for name, want := range map[string]string{"Parcelbox": "PA", "Parcel Box": "PB", "Посилка": "PO", "2GIS": "GI", "42": "APP", "X": "APP"} {
		if got := CodePrefix(name); got != want {
			t.Errorf("CodePrefix(%q) = %s, want %s", name, got, want)
		}
	}
}

// tree is every file and folder under dir with its contents, to compare
// a folder before and after.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			m[p+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		m[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestInitRefuses: init writes nothing into a folder that holds a help
// centre (naming every file it would overwrite), a content folder, a
// folder with anything but .git in it (naming what is there and a new
// folder to use), or a file; the folder is left byte for byte as it was.
func TestInitRefuses(t *testing.T) {
	opts := InitOptions{Product: "Parcelbox", Languages: []string{"en", "uk"}, Today: initDay}
	for _, tc := range []struct {
		name  string
		files map[string]string // the folder's files before
		want  []string          // in the message
	}{
		{"a help centre", map[string]string{"content/site.yaml": "title: x\n", ".gitignore": "/public/\n", "content/en/errors/pa-1001-cannot-connect.md": "mine"},
			[]string{"would overwrite", "content/site.yaml", ".gitignore", "content/en/errors/pa-1001-cannot-connect.md", "Nothing was written", "deskbook init "}},
		{"a content folder", map[string]string{"site.yaml": "title: x\n", "errors/a.md": "x"}, []string{"already a content folder", "Nothing was written"}},
		{"notes", map[string]string{"notes.txt": "mine", "src/main.go": "package main", ".git/HEAD": "ref"},
			[]string{"is not empty", "  notes.txt\n", "  src/\n", "Nothing was written", "parcelbox-help"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			for p, data := range tc.files {
				sitetest.WriteFile(t, filepath.Join(dir, filepath.FromSlash(p)), data)
			}
			before := tree(t, dir)
			_, err := Init(dir, opts)
			if err == nil {
				t.Fatal("init wrote into it")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), filepath.FromSlash(w)) {
					t.Errorf("message lacks %q:\n%v", w, err)
				}
			}
			if strings.Contains(err.Error(), ".git/") {
				t.Errorf("message lists .git:\n%v", err)
			}
			if after := tree(t, dir); !mapsEqual(before, after) {
				t.Errorf("the folder changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
	file := filepath.Join(t.TempDir(), "notes.txt")
	sitetest.WriteFile(t, file, "mine")
	if _, err := Init(file, opts); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("init into a file: %v", err)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestInitBesideGit: a folder holding only .git (git init came first) is
// used, and .git is left alone; the non-empty refusal suggests a folder
// that does not exist yet.
func TestInitBesideGit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "parcelbox-help")
	sitetest.WriteFile(t, filepath.Join(dir, ".git", "HEAD"), "ref: refs/heads/main\n")
	if _, err := Init(dir, InitOptions{Product: "Parcelbox", Today: initDay}); err != nil {
		t.Fatal(err)
	}
	if b := readFile(t, filepath.Join(dir, ".git", "HEAD")); string(b) != "ref: refs/heads/main\n" {
		t.Errorf(".git/HEAD = %q", b)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{".git", ".github", ".gitignore", "content"}; !slices.Equal(names, want) {
		t.Errorf("the folder holds %v, want %v (no temporary folder left)", names, want)
	}
	// The folder is now taken, and so is its suggested name: the next one is offered.
	_, err := Init(dir, InitOptions{Product: "Parcelbox", Today: initDay})
	if err == nil || !strings.Contains(err.Error(), "deskbook init "+filepath.Join(filepath.Dir(dir), "parcelbox-help-2")) {
		t.Errorf("second init: %v", err)
	}
}

// TestInitOptions: a bad option is an *OptionError and makes no folder.
func TestInitOptions(t *testing.T) {
	for _, tc := range []struct {
		opts InitOptions
		want string
	}{
		{InitOptions{Product: "  "}, "--product"},
		{InitOptions{Product: "a\nb"}, "control character"},
		{InitOptions{Product: "P", Languages: []string{"en", "english"}}, "--lang english: not a language code"},
		{InitOptions{Product: "P", Languages: []string{"en", "xx"}}, "--lang xx: not a language code"},
		{InitOptions{Product: "P", Languages: []string{"en", "uk", "EN"}}, "--lang en: listed twice"},
		{InitOptions{Product: "P", BaseURL: "javascript:alert(1)"}, "--base-url"},
		{InitOptions{Product: "P", BaseURL: "example.com/help"}, "--base-url"},
	} {
		dir := filepath.Join(t.TempDir(), "help")
		_, err := Init(dir, tc.opts)
		var oe *OptionError
		if !errors.As(err, &oe) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want an option error with %q", tc.opts, err, tc.want)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%+v: made the folder", tc.opts)
		}
	}
}

// TestWriteSiteRollsBack: a failure while writing, or a file that appears
// in the folder meanwhile, leaves nothing behind: no folder made, no file
// moved in, the temporary folder gone.
func TestWriteSiteRollsBack(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "a", "b", "help")
	err := writeSite(dir, []File{{Path: "x/y.txt", Data: []byte("1")}, {Path: "x/y.txt/z", Data: []byte("2")}})
	if err == nil {
		t.Fatal("a file under a file was written")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}

	dir = t.TempDir()
	sitetest.WriteFile(t, filepath.Join(dir, "z"), "mine")
	before := tree(t, dir)
	err = writeSite(dir, []File{{Path: "a.txt", Data: []byte("1")}, {Path: "z/x", Data: []byte("2")}})
	if err == nil || !strings.Contains(err.Error(), "appeared") {
		t.Errorf("writing over z: %v", err)
	}
	if after := tree(t, dir); !mapsEqual(before, after) {
		t.Errorf("the folder changed:\nbefore %v\nafter  %v", before, after)
	}
}

// workflow is the part of a GitHub Actions workflow the test reads.
type workflow struct {
	On          map[string]yaml.Node `yaml:"on"`
	Permissions map[string]string    `yaml:"permissions"`
	Env         map[string]string    `yaml:"env"`
	Jobs        map[string]struct {
		Steps []struct {
			Name string            `yaml:"name"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestInitWorkflow: the GitHub workflow parses; it runs on pushes to main
// and by hand, may commit and publish to Pages, installs deskbook from
// DESKBOOK_REPO, checks strictly, publishes with PDFs into public, commits
// the URL ledger, uploads public and deploys it. Without --base-url it
// gives deskbook the address GitHub Pages reports.
func TestInitWorkflow(t *testing.T) {
	for _, base := range []string{"", "https://example.com/help/"} {
		files, err := Site(InitOptions{Product: "Parcelbox", BaseURL: base, Today: initDay})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(files, func(f File) bool { return f.Path == ".github/workflows/deskbook.yml" })
		if i < 0 {
			t.Fatal("no workflow")
		}
		var w workflow
		if err := yaml.Unmarshal(files[i].Data, &w); err != nil {
			t.Fatalf("workflow: %v\n%s", err, files[i].Data)
		}
		checkWorkflow(t, w, base)
	}
}

func checkWorkflow(t *testing.T, w workflow, base string) {
	t.Helper()
	if _, ok := w.On["workflow_dispatch"]; !ok || w.On["push"].Kind != yaml.MappingNode {
		t.Errorf("on: %v", w.On)
	}
	for k, v := range map[string]string{"contents": "write", "pages": "write", "id-token": "write"} {
		if w.Permissions[k] != v {
			t.Errorf("permissions: %s: %q, want %s", k, w.Permissions[k], v)
		}
	}
	if w.Env["DESKBOOK_REPO"] == "" {
		t.Error("no DESKBOOK_REPO")
	}
	var runs, uses []string
	artifact := ""
	for _, job := range w.Jobs {
		for _, s := range job.Steps {
			runs, uses = append(runs, s.Run), append(uses, path.Dir(s.Uses+"/x"))
			if strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@") {
				artifact = s.With["path"]
			}
		}
	}
	all := strings.Join(runs, "\n")
	for _, want := range []string{`git clone --depth 1 "$DESKBOOK_REPO"`, "go install ./cmd/deskbook", "deskbook check --strict",
		"deskbook publish --pdf", `--chrome "$(command -v google-chrome || command -v chromium)"`, "git add content/published-urls.txt", "git diff --cached --quiet", "git push"} {
		if !strings.Contains(all, want) {
			t.Errorf("no step runs %q", want)
		}
	}
	if got := strings.Contains(all, `--base-url "${{ steps.pages.outputs.base_url }}/"`); got != (base == "") {
		t.Errorf("base_url %q: publish takes the Pages address: %v", base, got)
	}
	for _, want := range []string{"actions/checkout", "actions/setup-go", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} {
		if !slices.ContainsFunc(uses, func(u string) bool { return strings.HasPrefix(u, want+"@") }) {
			t.Errorf("no step uses %s: %v", want, uses)
		}
	}
	if artifact != "public" {
		t.Errorf("upload-pages-artifact path %q, want public", artifact)
	}
}
