package builder

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gofrs/flock"
)

// outputMarker marks a folder as deskbook's output and lists the hash of
// every file in it. The build replaces the output folder whole, so it
// refuses to replace a folder without the marker: a mistyped --out must
// never delete someone's files.
const outputMarker = ".deskbook-output"

const manifestHeader = "deskbook output v1: this folder is replaced whole by every build\n"

// WriteStats says what the write stage changed in the output folder.
type WriteStats struct {
	Written   int // files new or changed
	Unchanged int // files with the same bytes and modification time as before
	Removed   int // files of the previous output that are gone
}

// write puts the site into outDir atomically, double-buffered. Beside the
// output lives a hidden stage folder holding the output before last. Write
// brings the stage up to date (touching only files whose hash differs),
// then swaps stage and output in one step, so readers and failed builds
// never see a half-written site, and a rebuild costs system calls only for
// what changed. Files equal to the live output are hard-linked from it, so
// unchanged files keep their modification time and deploy tools upload
// only what changed.
func write(ctx context.Context, outDir string, files []outFile) (WriteStats, error) {
	outDir = filepath.Clean(outDir)
	unlock, err := lockOutput(outDir)
	if err != nil {
		return WriteStats{}, err
	}
	defer unlock()
	if err := checkReplaceable(outDir); err != nil {
		return WriteStats{}, err
	}
	if err := checkOutputs(files); err != nil {
		return WriteStats{}, err
	}
	stage := filepath.Join(filepath.Dir(outDir), "."+filepath.Base(outDir)+".stage")
	live := readManifest(outDir)
	staged, err := openStage(stage)
	if err != nil {
		return WriteStats{}, err
	}
	hashes := make([]string, len(files))
	if err := parallel(ctx, len(files), func(i int) {
		sum := sha256.Sum256(files[i].Data)
		hashes[i] = hex.EncodeToString(sum[:16])
	}); err != nil {
		return WriteStats{}, err
	}
	if err := makeDirs(ctx, stage, staged, files); err != nil {
		return WriteStats{}, err
	}
	if err := fillStage(ctx, stage, outDir, files, hashes, staged, live); err != nil {
		return WriteStats{}, err
	}
	st := writeStats(files, hashes, live)
	pruneStage(stage, staged, files)
	if err := writeManifest(stage, files, hashes); err != nil {
		return st, err
	}
	return st, swap(stage, outDir)
}

// ErrOutputBusy is returned when another build is writing the same output
// folder.
var ErrOutputBusy = errors.New("another deskbook build is writing this output folder; wait for it to finish, or build into another --out")

// lockOutput takes the output folder's lock, a file beside it, for as
// long as the write stage runs: two builds into one folder would share
// its stage folder and undo each other's work. The lock is the operating
// system's (flock), so a build that is killed releases it.
func lockOutput(outDir string) (func(), error) {
	name := filepath.Join(filepath.Dir(outDir), "."+filepath.Base(outDir)+".lock")
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, err
	}
	l := flock.New(name)
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", outDir, err)
	}
	if !ok {
		return nil, fmt.Errorf("%s: %w", outDir, ErrOutputBusy)
	}
	return func() { l.Unlock() }, nil
}

// checkOutputs sorts the files by path and refuses paths that could leave
// the output folder or name one file twice: either is a bug in a stage.
func checkOutputs(files []outFile) error {
	slices.SortFunc(files, func(a, b outFile) int { return strings.Compare(a.Path, b.Path) })
	for i, f := range files {
		if !fs.ValidPath(f.Path) || f.Path == outputMarker {
			return fmt.Errorf("internal error: bad output path %q", f.Path)
		}
		if i > 0 && f.Path == files[i-1].Path {
			return fmt.Errorf("internal error: two outputs for %s", f.Path)
		}
	}
	return nil
}

// openStage makes the stage folder ready to be brought up to date and
// returns what it holds, by its manifest. Until a new manifest is written
// its content is unknown, so the old one is removed first.
func openStage(stage string) (map[string]string, error) {
	staged := readManifest(stage)
	if staged == nil {
		// Unknown state (first build, or a crash mid-update): start clean.
		if err := removeTree(stage); err != nil {
			return nil, fmt.Errorf("clearing %s: %w", stage, err)
		}
		staged = map[string]string{}
	}
	if err := os.MkdirAll(stage, 0o755); err != nil {
		return nil, err
	}
	if err := os.Remove(filepath.Join(stage, outputMarker)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return staged, nil
}

// makeDirs makes the folders the stage lacks, parents first, a level at
// a time.
func makeDirs(ctx context.Context, stage string, staged map[string]string, files []outFile) error {
	have := map[string]bool{}
	for p := range staged {
		for d := path.Dir(p); d != "." && !have[d]; d = path.Dir(d) {
			have[d] = true
		}
	}
	var mkdirs []string
	for _, f := range files {
		for d := path.Dir(f.Path); d != "." && !have[d]; d = path.Dir(d) {
			have[d] = true
			mkdirs = append(mkdirs, d)
		}
	}
	slices.SortFunc(mkdirs, func(a, b string) int { return strings.Count(a, "/") - strings.Count(b, "/") })
	for lo := 0; lo < len(mkdirs); {
		depth := strings.Count(mkdirs[lo], "/")
		hi := lo
		for hi < len(mkdirs) && strings.Count(mkdirs[hi], "/") == depth {
			hi++
		}
		level := mkdirs[lo:hi]
		errs := make([]error, len(level))
		if err := ioParallel(ctx, len(level), func(i int) {
			if err := os.Mkdir(filepath.Join(stage, filepath.FromSlash(level[i])), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				errs[i] = err
			}
		}); err != nil {
			return err
		}
		if err := errors.Join(errs...); err != nil {
			return err
		}
		lo = hi
	}
	return nil
}

// fillStage writes into the stage every file whose hash differs from what
// it holds: hard-linked from the live output when the live copy is the
// same, so it keeps its modification time.
func fillStage(ctx context.Context, stage, outDir string, files []outFile, hashes []string, staged, live map[string]string) error {
	errs := make([]error, len(files))
	if err := ioParallel(ctx, len(files), func(i int) {
		f, h := files[i], hashes[i]
		if staged[f.Path] == h {
			return
		}
		dst := filepath.Join(stage, filepath.FromSlash(f.Path))
		if _, ok := staged[f.Path]; ok {
			// Unlink first: the stage file may be a hard link into the live
			// output, which must not change under its readers.
			if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs[i] = err
				return
			}
		}
		if live[f.Path] == h && os.Link(filepath.Join(outDir, filepath.FromSlash(f.Path)), dst) == nil {
			return
		}
		errs[i] = os.WriteFile(dst, f.Data, 0o644)
	}); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// writeStats counts what the new output changes in the live one.
func writeStats(files []outFile, hashes []string, live map[string]string) WriteStats {
	var st WriteStats
	keep := make(map[string]bool, len(files))
	for i, f := range files {
		keep[f.Path] = true
		if live[f.Path] == hashes[i] {
			st.Unchanged++
		} else {
			st.Written++
		}
	}
	for p := range live {
		if !keep[p] {
			st.Removed++
		}
	}
	return st
}

// pruneStage removes from the stage the files the new output lacks, and
// the folders that held them once they are empty. It is not cancelled:
// the manifest written next must list everything the stage holds.
func pruneStage(stage string, staged map[string]string, files []outFile) {
	keep := make(map[string]bool, len(files))
	for _, f := range files {
		keep[f.Path] = true
	}
	var gone []string
	for p := range staged {
		if !keep[p] {
			gone = append(gone, p)
		}
	}
	_ = ioParallel(context.Background(), len(gone), func(i int) { os.Remove(filepath.Join(stage, filepath.FromSlash(gone[i]))) })
	removeEmptyDirs(stage, gone)
}

// readManifest returns the path → hash list of a deskbook output folder, or
// nil when the folder has no valid manifest.
func readManifest(dir string) map[string]string {
	data, err := os.ReadFile(filepath.Join(dir, outputMarker))
	if err != nil || !bytes.HasPrefix(data, []byte(manifestHeader)) {
		return nil
	}
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data[len(manifestHeader):]))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		h, p, ok := strings.Cut(sc.Text(), " ")
		if !ok || len(h) != 32 || !fs.ValidPath(p) {
			return nil
		}
		m[p] = h
	}
	if sc.Err() != nil {
		return nil
	}
	return m
}

func writeManifest(dir string, files []outFile, hashes []string) error {
	var b bytes.Buffer
	b.WriteString(manifestHeader)
	for i, f := range files {
		b.WriteString(hashes[i])
		b.WriteByte(' ')
		b.WriteString(f.Path)
		b.WriteByte('\n')
	}
	return os.WriteFile(filepath.Join(dir, outputMarker), b.Bytes(), 0o644)
}

// removeEmptyDirs removes the folders that held removed files, deepest
// first, where they are now empty.
func removeEmptyDirs(root string, removed []string) {
	dirs := map[string]bool{}
	for _, p := range removed {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		list = append(list, d)
	}
	slices.SortFunc(list, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, d := range list {
		os.Remove(filepath.Join(root, filepath.FromSlash(d))) // fails harmlessly when not empty
	}
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

// swap puts stage in place of outDir and keeps the previous output as the
// next stage. Where the system can exchange two paths in one step the
// output is never missing; elsewhere it is missing only between two
// renames.
func swap(stage, outDir string) error {
	if _, err := os.Lstat(outDir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(stage, outDir)
	}
	if exchange(stage, outDir) == nil {
		return nil
	}
	old := stage + ".old"
	if err := removeTree(old); err != nil {
		return err
	}
	if err := os.Rename(outDir, old); err != nil {
		return err
	}
	if err := os.Rename(stage, outDir); err != nil {
		_ = os.Rename(old, outDir)
		return err
	}
	return os.Rename(old, stage)
}

// removeTree is os.RemoveAll with the unlinks in parallel: removing a large
// site is thousands of system calls that mostly wait on the disk.
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
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err == nil {
		_ = ioParallel(context.Background(), len(files), func(i int) { os.Remove(files[i]) })
		slices.Reverse(dirs) // children before parents
		for _, d := range dirs {
			os.Remove(d)
		}
	}
	return os.RemoveAll(dir) // whatever the fast path left
}
