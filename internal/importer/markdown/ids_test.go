package markdown_test

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/internal/importer/folder"
	"deskbook/internal/importer/markdown"
	"deskbook/internal/sitetest"

	"go.yaml.in/yaml/v3"
)

// readIDs reads the id file of an import.
func readIDs(t *testing.T, out string) map[string]int {
	t.Helper()
	var f struct {
		IDs map[string]int `yaml:"ids"`
	}
	if err := yaml.Unmarshal([]byte(sitetest.Read(t, out, markdown.IDsFile)), &f); err != nil {
		t.Fatal(err)
	}
	return f.IDs
}

func TestImportAgainKeepsIDs(t *testing.T) {
	src, _ := fixture(t, "mkdocs")
	first, _ := importFixture(t, src, markdown.Options{})
	before := readIDs(t, first)
	if len(before) < 5 {
		t.Fatalf("ids of the first import: %v", before)
	}

	// The second time a page is gone and a new one comes first in the nav.
	delete(src, "docs/about/license.md")
	src["docs/guide/new.md"] = &fstest.MapFile{Data: []byte("# New page\n\nFresh.\n")}
	nav := string(src["mkdocs.yml"].Data)
	src["mkdocs.yml"] = &fstest.MapFile{Data: []byte(strings.Replace(nav, "  - Home: index.md", "  - New: guide/new.md\n  - Home: index.md", 1))}

	for _, ids := range []string{first, filepath.Join(first, markdown.IDsFile)} {
		second, rep := importFixture(t, src, markdown.Options{IDs: ids})
		after := readIDs(t, second)
		for k, id := range before {
			if after[k] != id {
				t.Errorf("--ids %s: %s has id %d, had %d", ids, k, after[k], id)
			}
		}
		top := slices.Max(slices.Collect(maps.Values(before)))
		if after["guide/new.md"] != top+1 {
			t.Errorf("the new page has id %d, want %d (after every earlier id)", after["guide/new.md"], top+1)
		}
		if rep.IDsKept != len(before)-1 {
			t.Errorf("report: %d ids kept, want %d", rep.IDsKept, len(before)-1)
		}
		sitetest.Contains(t, "guide/new.md", sitetest.Read(t, second, "en/guide/new.md"), "id: "+strconv.Itoa(top+1))
	}
}

func TestImportBadIDsFile(t *testing.T) {
	src := sitetest.FS(t, "-- a.md --\n# A\n")
	for _, tc := range []struct{ ids, want string }{
		{"ids:\n  a.md: 1\n  b.md: 1\n", ":3: b.md: id 1 is also given to a.md"},
		{"ids:\n  a.md: -2\n", ":2: a.md: the id must be a positive whole number"},
		{"ids:\n  a.md: [1]\n", ":2:"},
		{"idz: {}\n", `:1: unknown key "idz"`},
	} {
		p := filepath.Join(t.TempDir(), markdown.IDsFile)
		sitetest.WriteFile(t, p, tc.ids)
		out := filepath.Join(t.TempDir(), "content")
		_, err := markdown.Import(src, out, markdown.Options{IDs: p})
		if err == nil || !strings.Contains(err.Error(), p+tc.want) {
			t.Errorf("ids %q: error %v, want %q", tc.ids, err, p+tc.want)
		}
		if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("ids %q: the output folder was made", tc.ids)
		}
	}
	_, err := markdown.Import(src, filepath.Join(t.TempDir(), "c"), markdown.Options{IDs: filepath.Join(t.TempDir(), "nope.yaml")})
	if !errors.Is(err, markdown.ErrOptions) {
		t.Errorf("a missing --ids file: %v, want an options error", err)
	}
}

func TestImportBadSource(t *testing.T) {
	for _, tc := range []struct {
		name, archive, want string
	}{
		{"no Markdown", "-- a.txt --\nhello\n", "no Markdown files"},
		{"no docs folder", "-- mkdocs.yml --\nsite_name: x\ndocs_dir: pages\n", "pages: the mkdocs docs folder pages is missing"},
		{"only other languages", "-- a.fr.md --\n# A\n-- a.de.md --\n# A\n", "no Markdown files in the languages to import (en)"},
		{"docs outside", "-- docusaurus.config.js --\nmodule.exports = {presets: [['classic', {\n  docs: {\n    path: '../docs',\n  },\n}]]};\n-- a.md --\n# A\n",
			"the docs are in ../docs, outside the folder given: import the folder that holds both"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "content")
			opt := markdown.Options{}
			if tc.name == "only other languages" {
				opt.Languages = []string{"en"}
			}
			_, err := markdown.Import(sitetest.FS(t, tc.archive), out, opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
			if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Error("the output folder was made")
			}
		})
	}
}

func TestImportRefusesFullOutput(t *testing.T) {
	out := t.TempDir()
	sitetest.WriteFile(t, filepath.Join(out, "mine.md"), "my work")
	_, err := markdown.Import(sitetest.FS(t, "-- a.md --\n# A\n"), out, markdown.Options{})
	if !errors.Is(err, folder.ErrNotEmpty) {
		t.Fatalf("error %v, want ErrNotEmpty", err)
	}
	if got := sitetest.Read(t, out, "mine.md"); got != "my work" {
		t.Errorf("the writer's file changed: %q", got)
	}
}

func TestImportBadOptions(t *testing.T) {
	for _, opt := range []markdown.Options{{Languages: []string{"english"}}, {Languages: []string{"en", "EN"}}} {
		_, err := markdown.Import(sitetest.FS(t, "-- a.md --\n# A\n"), filepath.Join(t.TempDir(), "c"), opt)
		if !errors.Is(err, markdown.ErrOptions) {
			t.Errorf("%v: error %v, want an options error", opt.Languages, err)
		}
	}
	if _, err := markdown.ParseDialect("jekyll"); !errors.Is(err, markdown.ErrOptions) {
		t.Errorf("ParseDialect(jekyll): %v", err)
	}
	for _, s := range []string{"", "auto", "YFM", "hugo"} {
		if _, err := markdown.ParseDialect(s); err != nil {
			t.Errorf("ParseDialect(%q): %v", s, err)
		}
	}
}

// failFS is a source whose file bad cannot be opened, as a file without
// read permission or a disk error behaves.
type failFS struct {
	fstest.MapFS
	bad string
}

func (f failFS) Open(name string) (fs.File, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.Open(name)
}

func (f failFS) ReadFile(name string) ([]byte, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadFile(name)
}

func TestImportUnreadableFiles(t *testing.T) {
	src := sitetest.FS(t, "-- a.md --\n# A\n\n![x](x.svg)\n-- b.md --\n# B\n-- x.svg --\n<svg/>\n")
	out := filepath.Join(t.TempDir(), "content")
	rep, err := markdown.Import(failFS{src, "b.md"}, out, markdown.Options{SourceName: "docs"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) != 1 || !strings.HasPrefix(rep.Warnings[0].String(), "docs/b.md: warning: skipped: cannot read") {
		t.Errorf("warnings %v, want one for docs/b.md", rep.Warnings)
	}

	// A file that cannot be copied stops the import, and nothing is left.
	parent := t.TempDir()
	out = filepath.Join(parent, "content")
	_, err = markdown.Import(failFS{src, "x.svg"}, out, markdown.Options{})
	if err == nil || !strings.Contains(err.Error(), "copying x.svg") {
		t.Fatalf("error %v, want one about copying x.svg", err)
	}
	if left, _ := os.ReadDir(parent); len(left) != 0 {
		t.Errorf("a failed import left %v", left)
	}
}
