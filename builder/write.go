package builder

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// outputMarker marks a folder as deskbook's output. The build replaces the
// output folder whole, so it refuses to replace a folder without the
// marker: a mistyped --out must never delete someone's files.
const outputMarker = ".deskbook-output"

// WriteStats says what the write stage did.
type WriteStats struct {
	Written   int // files new or changed
	Unchanged int // files kept as they were (hard-linked, same bytes and mtime)
	Removed   int // files of the previous output that are gone
}

// write puts the site into outDir atomically: the new tree is built in a
// sibling folder and swapped in, so a reader or a failed build never sees a
// half-written site. Files whose bytes did not change are hard-linked from
// the previous output instead of rewritten, so their mtimes stay and
// deploy tools upload only what changed.
func write(outDir string, files []outFile) (WriteStats, error) {
	var st WriteStats
	outDir = filepath.Clean(outDir)
	if err := checkReplaceable(outDir); err != nil {
		return st, err
	}
	slices.SortFunc(files, func(a, b outFile) int { return strings.Compare(a.Path, b.Path) })
	for i := 1; i < len(files); i++ {
		if files[i].Path == files[i-1].Path {
			return st, fmt.Errorf("internal error: two outputs for %s", files[i].Path)
		}
	}

	tmp := filepath.Join(filepath.Dir(outDir), "."+filepath.Base(outDir)+".new")
	if err := os.RemoveAll(tmp); err != nil {
		return st, fmt.Errorf("removing stale %s: %w", tmp, err)
	}
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return st, err
	}
	fail := func(err error) (WriteStats, error) {
		os.RemoveAll(tmp)
		return st, err
	}
	marker := outFile{Path: outputMarker, Data: []byte("This folder is written by deskbook build and replaced whole on every build.\n")}
	made := map[string]bool{}
	for i, f := range append(files, marker) {
		counted := i < len(files)
		if !fs.ValidPath(f.Path) {
			return fail(fmt.Errorf("internal error: bad output path %q", f.Path))
		}
		dst := filepath.Join(tmp, filepath.FromSlash(f.Path))
		if dir := filepath.Dir(dst); !made[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fail(err)
			}
			made[dir] = true
		}
		old := filepath.Join(outDir, filepath.FromSlash(f.Path))
		if sameContent(old, f.Data) && os.Link(old, dst) == nil {
			if counted {
				st.Unchanged++
			}
			continue
		}
		if err := os.WriteFile(dst, f.Data, 0o644); err != nil {
			return fail(err)
		}
		if counted {
			st.Written++
		}
	}
	st.Removed = countRemoved(outDir, files)
	if err := swap(tmp, outDir); err != nil {
		return fail(err)
	}
	return st, nil
}

func sameContent(path string, data []byte) bool {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
		return false
	}
	old, err := os.ReadFile(path)
	return err == nil && bytes.Equal(old, data)
}

func checkReplaceable(outDir string) error {
	fi, err := os.Lstat(outDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("output %s exists and is not a folder", outDir)
	}
	entries, err := os.ReadDir(outDir)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(outDir, outputMarker)); err != nil {
		return fmt.Errorf("refusing to replace %s: it has files but is not a deskbook output folder (no %s); choose another --out or empty it", outDir, outputMarker)
	}
	return nil
}

func countRemoved(outDir string, files []outFile) int {
	keep := map[string]bool{outputMarker: true}
	for _, f := range files {
		keep[filepath.FromSlash(f.Path)] = true
	}
	n := 0
	_ = filepath.WalkDir(outDir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if rel, err := filepath.Rel(outDir, p); err == nil && !keep[rel] {
				n++
			}
		}
		return nil
	})
	return n
}

// swap replaces outDir with tmp. Where the system can exchange two paths
// in one step the output is never missing; elsewhere it is missing only
// between two renames.
func swap(tmp, outDir string) error {
	if _, err := os.Lstat(outDir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, outDir)
	}
	if exchange(tmp, outDir) == nil {
		return os.RemoveAll(tmp) // tmp now holds the previous output
	}
	old := filepath.Join(filepath.Dir(outDir), "."+filepath.Base(outDir)+".old")
	os.RemoveAll(old)
	if err := os.Rename(outDir, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, outDir); err != nil {
		_ = os.Rename(old, outDir)
		return err
	}
	return os.RemoveAll(old)
}
