package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"deskbook/internal/cache"
)

// site makes the files of a small site; version changes some of them.
func site(version int) []File {
	files := []File{{Path: "_redirects", Data: []byte(Signature + " from aliases.\n")}}
	for i := range 20 {
		data := fmt.Sprintf("page %d", i)
		if i%5 == 0 {
			data += fmt.Sprintf(" v%d", version)
		}
		files = append(files, File{Path: fmt.Sprintf("en/p%d/index.html", i), Data: []byte(data)})
	}
	if version == 1 {
		files = append(files, File{Path: "en/old/index.html", Data: []byte("gone in v2")})
	}
	return files
}

type folder struct{ root, cacheDir, out string }

func newFolder(t *testing.T) folder {
	root := t.TempDir()
	return folder{root: root, cacheDir: filepath.Join(root, "cache"), out: filepath.Join(root, "site", "public")}
}

func (f folder) write(t *testing.T, files []File) Stats {
	t.Helper()
	state, err := cache.For(f.cacheDir, f.out)
	if err != nil {
		t.Fatal(err)
	}
	st, err := Write(context.Background(), f.out, state, files, nil)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// tree reads a folder: path → content and modification time.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		fi, _ := e.Info()
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = fmt.Sprintf("%s @%d", data, fi.ModTime().UnixNano())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func want(t *testing.T, dir string, files []File) {
	t.Helper()
	got := tree(t, dir)
	if len(got) != len(files) {
		t.Errorf("%s holds %d files, want %d", dir, len(got), len(files))
	}
	for _, f := range files {
		if g, ok := got[f.Path]; !ok || !strings.HasPrefix(g, string(f.Data)+" @") {
			t.Errorf("%s: %q, want %q", f.Path, g, f.Data)
		}
	}
}

// TestNothingBesideOrInsideTheOutput: the folder that holds the output
// holds nothing else after builds, and the output holds exactly the site.
func TestNothingBesideOrInsideTheOutput(t *testing.T) {
	f := newFolder(t)
	for v := range 3 {
		f.write(t, site(v))
		want(t, f.out, site(v))
		entries, _ := os.ReadDir(filepath.Dir(f.out))
		if len(entries) != 1 || entries[0].Name() != "public" {
			t.Fatalf("beside the output after build %d: %v", v, entries)
		}
	}
	if _, err := os.Stat(filepath.Join(f.cacheDir, "outputs")); err != nil {
		t.Errorf("no state in the cache folder: %v", err)
	}
}

// TestUnchangedFilesKeepTheirTime: a rebuild touches only what changed;
// unchanged files keep their modification time through both buffers.
func TestUnchangedFilesKeepTheirTime(t *testing.T) {
	f := newFolder(t)
	f.write(t, site(1))
	before := tree(t, f.out)
	for v := 2; v <= 4; v++ {
		st := f.write(t, site(v))
		if st.Written != 4 || st.Unchanged != 17 {
			t.Errorf("build %d: %+v, want 4 written and 17 unchanged", v, st)
		}
	}
	after := tree(t, f.out)
	if after["en/p1/index.html"] != before["en/p1/index.html"] {
		t.Errorf("unchanged page rewritten: %s → %s", before["en/p1/index.html"], after["en/p1/index.html"])
	}
	if _, ok := after["en/old/index.html"]; ok {
		t.Error("a page the site no longer has is still there")
	}
}

// TestAChangedOutputFileIsNotTrusted: a file changed in the output behind
// deskbook's back is written again, not linked into the next site.
func TestAChangedOutputFileIsNotTrusted(t *testing.T) {
	f := newFolder(t)
	f.write(t, site(1))
	f.write(t, site(1)) // both buffers hold the site
	page := filepath.Join(f.out, "en", "p1", "index.html")
	if err := os.WriteFile(page, []byte("defaced"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.write(t, site(1))
	f.write(t, site(1))
	want(t, f.out, site(1))
}

// TestManifestsSwappedByACrash: a crash between the swap and the renames
// of the manifests leaves each naming the other folder; the next build
// still makes exactly the site.
func TestManifestsSwappedByACrash(t *testing.T) {
	f := newFolder(t)
	f.write(t, site(1))
	f.write(t, site(2))
	state, _ := cache.For(f.cacheDir, f.out)
	live, stage := state.Manifest("live"), state.Manifest("stage")
	os.Rename(live, live+".x")
	os.Rename(stage, live)
	os.Rename(live+".x", stage)
	f.write(t, site(3))
	want(t, f.out, site(3))
	f.write(t, site(1))
	want(t, f.out, site(1))
}

// TestRefusesAFolderItDidNotMake: a folder with someone's files is never
// replaced; one that deskbook built is, even with the cache cleared.
func TestRefusesAFolderItDidNotMake(t *testing.T) {
	f := newFolder(t)
	os.MkdirAll(f.out, 0o755)
	os.WriteFile(filepath.Join(f.out, "thesis.docx"), []byte("years of work"), 0o644)
	state, _ := cache.For(f.cacheDir, f.out)
	_, err := Write(context.Background(), f.out, state, site(1), nil)
	if err == nil || !strings.Contains(err.Error(), "not a site deskbook built") {
		t.Fatalf("err = %v, want a refusal", err)
	}
	if data, _ := os.ReadFile(filepath.Join(f.out, "thesis.docx")); string(data) != "years of work" {
		t.Fatal("someone's file was lost")
	}

	g := newFolder(t)
	g.write(t, site(1))
	os.RemoveAll(g.cacheDir)
	g.write(t, site(2))
	want(t, g.out, site(2))
}

// TestOldStateBesideTheOutputIsCleared: what deskbook once kept beside
// its output (stage, lock) is removed; its PDFs move into the cache.
func TestOldStateBesideTheOutputIsCleared(t *testing.T) {
	f := newFolder(t)
	parent := filepath.Dir(f.out)
	for _, p := range []string{"public/.deskbook-output", ".public.stage/.deskbook-output", ".public.stage/en/index.html", ".public.lock", ".public.pdf/index.json", ".public.pdf/en/faq.pdf"} {
		os.MkdirAll(filepath.Dir(filepath.Join(parent, p)), 0o755)
		os.WriteFile(filepath.Join(parent, p), []byte("x"), 0o644)
	}
	f.write(t, site(1))
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("beside the output: %v, want only public", entries)
	}
	state, _ := cache.For(f.cacheDir, f.out)
	if _, err := os.Stat(filepath.Join(state.PDFs(), "en", "faq.pdf")); err != nil {
		t.Errorf("the PDFs did not move into the cache: %v", err)
	}
	want(t, f.out, site(1))
}

// TestCacheOnAnotherDisk: with the cache on another file system the
// output is updated file by file, and is still exactly the site.
func TestCacheOnAnotherDisk(t *testing.T) {
	shm, err := os.MkdirTemp("/dev/shm", "deskbook-cache-")
	if err != nil {
		t.Skipf("no /dev/shm to put the cache on another disk: %v", err)
	}
	defer os.RemoveAll(shm)
	f := newFolder(t)
	f.cacheDir = shm
	os.MkdirAll(filepath.Dir(f.out), 0o755)
	if sameDevice(shm, filepath.Dir(f.out)) {
		t.Skip("/dev/shm is on the same disk as the temporary folder")
	}
	st := f.write(t, site(1))
	if !st.InPlace {
		t.Fatal("not written in place")
	}
	before := tree(t, f.out)
	os.WriteFile(filepath.Join(f.out, "stray.html"), []byte("x"), 0o644)
	st = f.write(t, site(2))
	want(t, f.out, site(2))
	if st.Written != 4 || st.Unchanged != 17 || st.Removed != 2 || strings.Join(st.Gone, " ") != "en/old/index.html stray.html" {
		t.Errorf("stats %+v, want 4 written, 17 unchanged, 2 removed (the page v2 lacks, the stray file)", st)
	}
	if tree(t, f.out)["en/p1/index.html"] != before["en/p1/index.html"] {
		t.Error("an unchanged page was rewritten")
	}
	entries, _ := os.ReadDir(filepath.Dir(f.out))
	if len(entries) != 1 {
		t.Errorf("beside the output: %v", entries)
	}
}

// TestPruneRemovesStateOfGoneOutputs: the state of an output folder that
// no longer exists is removed once it is old; others stay.
func TestPruneRemovesStateOfGoneOutputs(t *testing.T) {
	f := newFolder(t)
	f.write(t, site(1))
	g := newFolder(t)
	g.cacheDir = f.cacheDir
	g.write(t, site(1))
	os.RemoveAll(g.out)
	later := time.Now().Add(2 * time.Hour)
	if n := cache.Prune(f.cacheDir, time.Hour, time.Now()); n != 0 {
		t.Errorf("pruned %d within the grace time", n)
	}
	if n := cache.Prune(f.cacheDir, time.Hour, later); n != 1 {
		t.Errorf("pruned %d, want 1", n)
	}
	entries, _ := os.ReadDir(filepath.Join(f.cacheDir, "outputs"))
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	if len(names) != 1 || !slices.ContainsFunc(names, func(n string) bool { return strings.HasPrefix(n, "public-") }) {
		t.Errorf("left in the cache: %v", names)
	}
}

// TestMadeFilesAndAFailedMake checks files made while they are written:
// they land like files given whole, and one whose Make fails stops the
// write with ErrMake, the output left as it was.
func TestMadeFilesAndAFailedMake(t *testing.T) {
	f := newFolder(t)
	f.write(t, site(1))
	before := tree(t, f.out)
	made := site(2)
	for i := range made {
		data := made[i].Data
		made[i].Data, made[i].Make = nil, func() ([]byte, error) { return data, nil }
	}
	broken := append(slices.Clone(made), File{Path: "zz/broken.html", Make: func() ([]byte, error) { return nil, errors.New("template error") }})
	state, err := cache.For(f.cacheDir, f.out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(context.Background(), f.out, state, broken, nil); !errors.Is(err, ErrMake) {
		t.Fatalf("Write with a failing Make = %v, want ErrMake", err)
	}
	if after := tree(t, f.out); !maps.Equal(after, before) {
		t.Error("a failed Make changed the output")
	}
	f.write(t, made)
	want(t, f.out, site(2))
}

// keyed makes pages with keys whose Make counts its calls; a page's key
// and bytes change together with its version.
func keyed(made *int, versions map[string]int) []File {
	files := []File{{Path: "_redirects", Data: []byte(Signature + " from aliases.\n")}}
	for _, p := range slices.Sorted(maps.Keys(versions)) {
		v := versions[p]
		files = append(files, File{Path: p, Key: fmt.Sprintf("k%d", v), Make: func() ([]byte, error) {
			*made++
			return fmt.Appendf(nil, "%s v%d", p, v), nil
		}})
	}
	return files
}

// TestKeyedFilesAreNotMadeAgain: a file whose key the manifest lists for
// a file still as written is not made; a changed key, or a file changed
// behind deskbook's back, is made again; both folders of the double
// buffer know the keys.
func TestKeyedFilesAreNotMadeAgain(t *testing.T) {
	f := newFolder(t)
	versions := map[string]int{"a/index.html": 1, "b/index.html": 1, "c/index.html": 1}
	made := 0
	f.write(t, keyed(&made, versions))
	if made != 3 {
		t.Fatalf("the first write made %d files, want 3", made)
	}
	for round := range 3 { // the stage, then the live folder, know the keys
		made = 0
		if st := f.write(t, keyed(&made, versions)); made != 0 || st.Made != 1 || st.Written != 0 {
			t.Errorf("round %d: an unchanged write made %d keyed files (Stats.Made %d, written %d)", round, made, st.Made, st.Written)
		}
	}
	versions["b/index.html"] = 2
	made = 0
	if f.write(t, keyed(&made, versions)); made != 1 {
		t.Errorf("a changed key made %d files, want 1", made)
	}
	page := filepath.Join(f.out, "c", "index.html")
	if err := os.WriteFile(page, []byte("edited by hand, longer than before"), 0o644); err != nil {
		t.Fatal(err)
	}
	made = 0
	f.write(t, keyed(&made, versions))
	if got, _ := os.ReadFile(page); made != 1 || string(got) != "c/index.html v1" {
		t.Errorf("a file changed behind deskbook's back: made %d, now %q", made, got)
	}
}

// TestLateFiles: the files Late gives are written with the others; one
// that names a file twice, or a Late that fails, leaves the output as it
// was.
func TestLateFiles(t *testing.T) {
	f := newFolder(t)
	f.write(t, site(1))
	before := tree(t, f.out)
	state, err := cache.For(f.cacheDir, f.out)
	if err != nil {
		t.Fatal(err)
	}
	for name, late := range map[string]Late{
		"fails":       func() ([]File, error) { return nil, errors.New("index failed") },
		"names twice": func() ([]File, error) { return []File{{Path: "en/p1/index.html", Data: []byte("x")}}, nil },
	} {
		if _, err := Write(context.Background(), f.out, state, site(2), late); err == nil {
			t.Errorf("%s: no error", name)
		}
		if after := tree(t, f.out); !maps.Equal(before, after) {
			t.Errorf("%s: the output changed", name)
		}
	}
	st, err := Write(context.Background(), f.out, state, site(2), func() ([]File, error) {
		return []File{{Path: "search/z.js", Data: []byte("late")}, {Path: "search/a.js", Data: []byte("early")}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := readOut(t, f.out, "search/z.js"); got != "late" || !slices.IsSorted(st.Changed) || !slices.Contains(st.Changed, "search/a.js") {
		t.Errorf("late files: %q, changed %v", got, st.Changed)
	}
}

func readOut(t *testing.T, dir, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
