package builder

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"deskbook/internal/diag"
	"deskbook/internal/sitetest"
	"deskbook/themes"

	"golang.org/x/tools/txtar"
)

// TestGolden builds every site in testdata/golden/*.txtar and compares
// what it asks for with what the archive holds. An archive's files are the
// site's source, except those under want/: each names an output file and
// holds what it should be, the whole file, or with "#main" only its
// <main> element (with "#head", its <head>), so a change to the header or footer touches the one
// golden file about the layout rather than every page. Asset hashes are
// replaced by HASH (TestAssetHashes covers them).
//
// Run "go test ./builder -run TestGolden -update" after an intended change
// and review the diff.
func TestGolden(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txtar"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden sites in testdata/golden (%v)", err)
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) { goldenCase(t, file) })
	}
}

// goldenCase builds one golden site and checks (or, with -update,
// rewrites) its want/ files.
func goldenCase(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	src := fstest.MapFS{}
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			src[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default(), Out: out}); err != nil {
		t.Fatalf("build: %v", err)
	}
	changed := false
	for i, f := range ar.Files {
		name, ok := strings.CutPrefix(f.Name, "want/")
		if !ok {
			continue
		}
		p, part, _ := strings.Cut(name, "#")
		got := goldenPart(t, assetHash.ReplaceAllString(sitetest.Read(t, out, p), ".HASH.$1"), part)
		if *update {
			changed = changed || got != string(f.Data)
			ar.Files[i].Data = []byte(got)
			continue
		}
		if got != string(f.Data) {
			t.Errorf("%s: %s differs (run with -update and review the diff):\n%s", file, name, firstDiff(string(f.Data), got))
		}
	}
	if changed {
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// goldenPart is the part of an output file a golden file holds: all of it,
// its <main> element, or its <head>.
func goldenPart(t *testing.T, data, part string) string {
	switch part {
	case "":
		return data
	case "main", "head":
		i, j := strings.Index(data, "<"+part), strings.LastIndex(data, "</"+part+">")
		if i < 0 || j < i {
			t.Fatalf("no <%s> element", part)
		}
		return data[i:j+len("</"+part+">")] + "\n"
	}
	t.Fatalf("unknown part #%s: want #main, #head or nothing", part)
	return ""
}

var assetHash = regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js|svg|png|jpg|gif|webp|ico)`)

// TestAssetHashes checks that theme assets are named by their content, so
// they can be cached forever, and that pages link to those names.
func TestAssetHashes(t *testing.T) {
	_, out := mustBuild(t, sitetest.Small)
	entries, err := os.ReadDir(filepath.Join(out, "assets"))
	if err != nil {
		t.Fatal(err)
	}
	home := sitetest.Read(t, out, "en/index.html")
	for _, e := range entries {
		name := e.Name()
		m := assetHash.FindStringSubmatch(name)
		if m == nil {
			t.Errorf("asset %s has no content hash", name)
			continue
		}
		data := sitetest.Read(t, out, "assets/"+name)
		sum := sha256.Sum256([]byte(data))
		if !strings.Contains(name, hex.EncodeToString(sum[:])[:10]) {
			t.Errorf("asset %s: name does not match its content", name)
		}
		if strings.HasPrefix(name, "track.") {
			continue // loaded only when site.yaml sets feedback: or analytics: (track_test.go)
		}
		if !strings.Contains(home, "../assets/"+name) {
			t.Errorf("home page does not link %s", name)
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, x, y)
		}
	}
	return ""
}

// TestDemoContent builds the knowledge base shipped in content/: it must
// have no errors and no warnings, since it is what new users see first.
func TestDemoContent(t *testing.T) {
	// The staleness check counts from the day the demo was last reviewed.
	res, err := Build(context.Background(), Config{Source: os.DirFS("../content"), SourceName: "content", Theme: themes.Default(),
		Out: filepath.Join(t.TempDir(), "public"), Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("demo content: %s", d)
	}
	if res.LedgerChanged {
		t.Errorf("content/%s is out of date: run go run ./cmd/deskbook publish and commit it", LedgerFile)
	}
	kinds := map[Kind]int{}
	for _, a := range res.Site.Articles {
		kinds[a.Meta.Kind]++
	}
	if len(res.Site.Articles) < 25 || kinds[KindChangelog] < 5 || kinds[KindError] < 5 || kinds[KindChecklist] < 1 || kinds[KindHowTo] < 1 {
		t.Errorf("demo has %d articles by kind %v; want at least 25 with every kind and 5 changelog entries", len(res.Site.Articles), kinds)
	}
}

// TestCorpora builds the real public corpora in ../shared/corpora. Their
// foreign front matter, shortcodes and links give diagnostics, never a
// crash; every diagnostic names a file.
func TestCorpora(t *testing.T) {
	for _, dir := range []string{"rust-error-codes/error_codes", "rust-releases/versions", "organicmaps/content"} {
		t.Run(dir, func(t *testing.T) {
			path := filepath.Join("..", "..", "shared", "corpora", dir)
			if _, err := os.Stat(path); err != nil {
				t.Skipf("corpus %s not present: %v", path, err)
			}
			res, err := Build(context.Background(), Config{Source: os.DirFS(path), SourceName: dir, Theme: themes.Default(), Drafts: true})
			var ce *diag.ContentError
			if err != nil && !errors.As(err, &ce) {
				t.Fatalf("build failed outside the content: %v", err)
			}
			if res == nil || res.Site == nil {
				t.Fatal("no result")
			}
			// Articles are the Markdown files but fragments (in _ folders, or
			// named _*.md) and the categories' introductions (index.md,
			// README.md in a top folder: the corpora have one language).
			files := 0
			_ = fs.WalkDir(os.DirFS(path), ".", func(p string, e fs.DirEntry, err error) error {
				intro := strings.Count(p, "/") == 1 && (e.Name() == "index.md" || e.Name() == "README.md")
				if err == nil && !e.IsDir() && strings.HasSuffix(p, ".md") && !strings.Contains("/"+p, "/_") && !intro {
					files++
				}
				return nil
			})
			collisions := 0
			for _, d := range res.Diagnostics {
				if strings.Contains(d.Msg, "two articles on one URL") {
					collisions++
				}
			}
			if got := len(res.Site.Articles) + collisions; got != files {
				t.Errorf("loaded %d articles and %d URL collisions of %d files", len(res.Site.Articles), collisions, files)
			}
			for _, d := range res.Diagnostics {
				if d.Path == "" || d.Msg == "" {
					t.Errorf("diagnostic without a file or message: %+v", d)
				}
			}
			t.Logf("%d articles, %d errors, %d warnings", len(res.Site.Articles), len(res.Diagnostics.Errors()), len(res.Diagnostics.Warnings()))
		})
	}
}
