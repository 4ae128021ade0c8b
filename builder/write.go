package builder

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
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
	all := append(files, marker)
	for _, f := range all {
		if !fs.ValidPath(f.Path) {
			return fail(fmt.Errorf("internal error: bad output path %q", f.Path))
		}
	}
	// Folders first, parents before children, then files; both in parallel,
	// since each is a system call that mostly waits on the disk.
	dirSet := map[string]bool{}
	for _, f := range all {
		for d := path.Dir(f.Path); d != "." && !dirSet[d]; d = path.Dir(d) {
			dirSet[d] = true
		}
	}
	dirs := slices.Sorted(maps.Keys(dirSet))
	byDepth := map[int][]string{}
	maxDepth := 0
	for _, d := range dirs {
		n := strings.Count(d, "/")
		byDepth[n] = append(byDepth[n], d)
		maxDepth = max(maxDepth, n)
	}
	errs := make([]error, len(all))
	for depth := 0; depth <= maxDepth; depth++ {
		level := byDepth[depth]
		ioParallel(len(level), func(i int) {
			if err := os.Mkdir(filepath.Join(tmp, filepath.FromSlash(level[i])), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				errs[0] = err
			}
		})
		if errs[0] != nil {
			return fail(errs[0])
		}
	}
	unchanged := make([]bool, len(all))
	ioParallel(len(all), func(i int) {
		f := all[i]
		dst := filepath.Join(tmp, filepath.FromSlash(f.Path))
		old := filepath.Join(outDir, filepath.FromSlash(f.Path))
		if sameContent(old, f.Data) && os.Link(old, dst) == nil {
			unchanged[i] = true
			return
		}
		errs[i] = os.WriteFile(dst, f.Data, 0o644)
	})
	if err := errors.Join(errs...); err != nil {
		return fail(err)
	}
	for i := range files {
		if unchanged[i] {
			st.Unchanged++
		} else {
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
		return removeTree(tmp) // tmp now holds the previous output
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
	return removeTree(old)
}

// removeTree is os.RemoveAll with the unlinks in parallel: removing the
// previous output of a large site is thousands of system calls.
func removeTree(dir string) error {
	var files, dirs []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			dirs = append(dirs, p)
		} else {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return os.RemoveAll(dir)
	}
	ioParallel(len(files), func(i int) { os.Remove(files[i]) })
	slices.Reverse(dirs) // children before parents
	for _, d := range dirs {
		os.Remove(d)
	}
	return os.RemoveAll(dir) // whatever the fast path left
}

// ioParallel is parallel for work that waits on the disk rather than the
// CPU, so it runs more workers than there are cores.
func ioParallel(n int, f func(i int)) {
	workers := min(16, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
