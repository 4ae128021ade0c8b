// Package output writes a built site into its output folder, the folder
// that gets published, and nothing else: no marker, no stage folder beside
// it. Its state (the stage, the manifests, the lock) lives in the cache
// folder (internal/cache).
//
// The write is double-buffered. The stage folder holds the output before
// last; Write brings it up to date (touching only files whose hash
// differs, hard-linking files equal to the live output so they keep their
// modification time), then swaps stage and output in one step, so readers
// and failed builds never see a half-written site and deploy tools upload
// only what changed. When the cache is on another disk than the output a
// rename cannot move folders between them, and the output is updated file
// by file instead (each file replaced in one rename).
package output

import (
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
	"sync/atomic"
	"time"

	"deskbook/internal/cache"
	"deskbook/internal/parallel"

	"github.com/gofrs/flock"
)

// File is one file of a built site: its bytes, or how to make them.
type File struct {
	Path string // slash path inside the output folder
	Data []byte
	// Make, when set, makes the bytes as the file is written, so that a
	// site's pages never sit in memory all at once (at 10,000 articles
	// they are hundreds of megabytes): each is made, hashed, written when
	// it changed, and let go. An error stops the write before the new
	// output is swapped in; Make reports its own problem to its caller.
	Make func() ([]byte, error)
	// Key, when set, names everything the file's bytes are made from (a
	// hash the caller works out without making them). The manifests keep
	// it beside the hash of the bytes, and a file whose key a manifest
	// lists for a file still as written is not made again: its bytes are
	// that file's. "" means the bytes are made (or taken) every time.
	Key string
}

// bytes returns the file's bytes, made when it has a Make.
func (f File) bytes() ([]byte, error) {
	if f.Make != nil {
		return f.Make()
	}
	return f.Data, nil
}

// ErrMake is returned, wrapped, when a file's Make failed: the output
// folder is left as it was.
var ErrMake = errors.New("a file of the site could not be made")

// Stats says what a write changed in the output folder.
type Stats struct {
	Written   int  // files new or changed
	Unchanged int  // files with the same bytes and modification time as before
	Removed   int  // files of the previous output that are gone
	Made      int  // files whose bytes were made (or taken): the others were known by their keys
	InPlace   bool // the cache is on another disk: files were replaced one by one
	// Changed and Gone list the paths written and removed, sorted, for
	// upload scripts and CDN purges (deskbook build --changes).
	Changed, Gone []string
}

// ErrBusy is returned when another build is writing the same output
// folder.
var ErrBusy = errors.New("another deskbook build is writing this output folder; wait for it to finish, or build into another --out")

// Late gives the files that are made while the others are written (the
// search index, which takes a while and which no page waits for).
type Late func() ([]File, error)

// Write puts files, then the files late gives (nil: none), into outDir,
// keeping its state in state. It sorts files by path.
func Write(ctx context.Context, outDir string, state cache.Output, files []File, late Late) (Stats, error) {
	outDir = filepath.Clean(outDir)
	if err := state.Make(); err != nil {
		return Stats{}, err
	}
	unlock, err := lock(state, outDir)
	if err != nil {
		return Stats{}, err
	}
	defer unlock()
	// Scratch builds and test runs leave state behind; an hour after its
	// output is gone, any build clears it.
	defer cache.Prune(state.Cache, time.Hour, time.Now())
	live := loadManifest(state.Manifest("live"), outDir, manifest{})
	if err := checkReplaceable(outDir, live); err != nil {
		return Stats{}, err
	}
	if err := checkFiles(files); err != nil {
		return Stats{}, err
	}
	removeOldState(outDir, state)
	if !sameDevice(state.Dir, filepath.Dir(outDir)) {
		files, err := withLate(files, late)
		if err != nil {
			return Stats{}, err
		}
		return writeInPlace(ctx, outDir, state, files, live)
	}
	return writeStaged(ctx, outDir, state, files, late, live)
}

// withLate adds the late files, sorted and checked, after files (which
// checkFiles sorted).
func withLate(files []File, late Late) ([]File, error) {
	if late == nil {
		return files, nil
	}
	more, err := late()
	if err != nil {
		return nil, err
	}
	if err := checkFiles(more); err != nil {
		return nil, err
	}
	for _, f := range more {
		if _, found := slices.BinarySearchFunc(files, f.Path, func(g File, p string) int { return strings.Compare(g.Path, p) }); found {
			return nil, fmt.Errorf("internal error: two outputs for %s", f.Path)
		}
	}
	return append(files, more...), nil
}

// writeStaged brings the stage up to date and swaps it in.
func writeStaged(ctx context.Context, outDir string, state cache.Output, files []File, late Late, live manifest) (Stats, error) {
	stage := state.Stage()
	staged, err := openStage(state, live)
	if err != nil {
		return Stats{}, err
	}
	made := 0
	put := func(batch []File) ([]string, error) {
		if err := makeDirs(ctx, stage, staged, batch); err != nil {
			return nil, err
		}
		h, n, err := fill(ctx, stage, outDir, batch, staged, live)
		made += n
		return h, err
	}
	// The late files are asked for once the others are in the stage.
	hashes, err := put(files)
	if err != nil {
		return Stats{}, err
	}
	if late != nil {
		n := len(files)
		if files, err = withLate(files, late); err != nil {
			return Stats{}, err
		}
		more, err := put(files[n:])
		if err != nil {
			return Stats{}, err
		}
		hashes = append(hashes, more...)
	}
	st := stats(files, hashes, live)
	st.Made = made
	prune(stage, staged, files)
	next, err := scan(ctx, stage, files, hashes, staged)
	if err != nil {
		return st, err
	}
	if err := next.save(state.Manifest("next")); err != nil {
		return st, err
	}
	if err := swap(stage, outDir); err != nil {
		if isCrossDevice(err) {
			return writeInPlace(ctx, outDir, state, files, live)
		}
		return st, err
	}
	// The manifests follow their folders. A crash before these renames
	// leaves each naming the other folder, which loadManifest's checks of
	// size, time and inode catch file by file.
	os.Remove(state.Manifest("stage"))
	if live.files != nil {
		_ = os.Rename(state.Manifest("live"), state.Manifest("stage"))
	}
	return st, os.Rename(state.Manifest("next"), state.Manifest("live"))
}

// lock takes the output's lock for as long as the write runs: two builds
// into one folder would share its stage and undo each other's work. The
// lock is the operating system's (flock), so a build that is killed
// releases it.
func lock(state cache.Output, outDir string) (func(), error) {
	l := flock.New(state.Lock())
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", outDir, err)
	}
	if !ok {
		return nil, fmt.Errorf("%s: %w", outDir, ErrBusy)
	}
	return func() { l.Unlock() }, nil
}

// checkFiles sorts the files by path and refuses paths that could leave
// the output folder or name one file twice: either is a bug in a stage.
func checkFiles(files []File) error {
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	for i, f := range files {
		if !fs.ValidPath(f.Path) || f.Path == "." {
			return fmt.Errorf("internal error: bad output path %q", f.Path)
		}
		if f.Key == "-" || strings.ContainsAny(f.Key, " \t\r\n") {
			return fmt.Errorf("internal error: bad key %q for %s", f.Key, f.Path)
		}
		if i > 0 && f.Path == files[i-1].Path {
			return fmt.Errorf("internal error: two outputs for %s", f.Path)
		}
	}
	return nil
}

// hashOf is the hash the manifests keep of a file's bytes.
func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

// each hands every file's hash to do, with a function that returns its
// bytes, made once when first asked for; do may keep them no longer than
// the call. A file whose hash known gives (by its key) is not made unless
// do asks; the others are made in parallel and hashed. It returns the
// hashes; a file that could not be made stops it with ErrMake. Making a
// page is CPU work and writing it waits on the disk, so more goroutines
// than cores run: while some wait, others make.
func each(ctx context.Context, files []File, known []string, do func(i int, hash string, data func() ([]byte, error)) error) ([]string, int, error) {
	hashes := make([]string, len(files))
	errs := make([]error, len(files))
	var made atomic.Int64
	if err := parallel.IO(ctx, len(files), func(i int) {
		var bytes []byte
		get := func() ([]byte, error) {
			if bytes == nil {
				data, err := files[i].bytes()
				if err != nil {
					return nil, fmt.Errorf("%s: %w", files[i].Path, ErrMake)
				}
				bytes, hashes[i] = data, hashOf(data)
				made.Add(1)
			}
			return bytes, nil
		}
		hashes[i] = known[i]
		if hashes[i] == "" {
			if _, errs[i] = get(); errs[i] != nil {
				return
			}
		}
		errs[i] = do(i, hashes[i], get)
	}); err != nil {
		return nil, 0, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, 0, err
	}
	return hashes, int(made.Load()), nil
}

// knownHashes gives each file with a key the hash that the first of ms
// listing it under that key gives; "" where none does.
func knownHashes(files []File, ms ...manifest) []string {
	out := make([]string, len(files))
	for i, f := range files {
		if f.Key == "" {
			continue
		}
		for _, m := range ms {
			if e, ok := m.files[f.Path]; ok && e.key == f.Key {
				out[i] = e.hash
				break
			}
		}
	}
	return out
}

// openStage makes the stage folder ready to be brought up to date and
// returns what it holds, by its manifest. Until a new manifest is written
// its content is unknown, so the old one is removed first.
func openStage(state cache.Output, live manifest) (manifest, error) {
	stage := state.Stage()
	staged := loadManifest(state.Manifest("stage"), stage, live)
	if staged.files == nil || staged.doubtful {
		// Unknown state (first build, a crash mid-update, files changed
		// behind deskbook's back): start clean.
		if err := removeTree(stage); err != nil {
			return manifest{}, fmt.Errorf("clearing %s: %w", stage, err)
		}
		staged = manifest{}
	}
	if err := os.MkdirAll(stage, 0o755); err != nil {
		return manifest{}, err
	}
	if err := os.Remove(state.Manifest("stage")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return manifest{}, err
	}
	return staged, nil
}

// makeDirs makes the folders root lacks, parents first, a level at a time.
func makeDirs(ctx context.Context, root string, have manifest, files []File) error {
	known := map[string]bool{}
	for p := range have.files {
		for d := path.Dir(p); d != "." && !known[d]; d = path.Dir(d) {
			known[d] = true
		}
	}
	var mkdirs []string
	for _, f := range files {
		for d := path.Dir(f.Path); d != "." && !known[d]; d = path.Dir(d) {
			known[d] = true
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
		if err := parallel.IO(ctx, len(level), func(i int) {
			if err := os.Mkdir(filepath.Join(root, filepath.FromSlash(level[i])), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
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

// fill writes into the stage every file whose hash differs from what it
// holds: hard-linked from the live output when the live copy is the same,
// so it keeps its modification time. A file whose key either manifest
// lists is made only when it must be written.
func fill(ctx context.Context, stage, outDir string, files []File, staged, live manifest) ([]string, int, error) {
	return each(ctx, files, knownHashes(files, staged, live), func(i int, h string, data func() ([]byte, error)) error {
		p := files[i].Path
		if staged.hash(p) == h {
			return nil
		}
		dst := filepath.Join(stage, filepath.FromSlash(p))
		// Unlink first: the stage file may be a hard link into the live
		// output, which must not change under its readers.
		if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if live.hash(p) == h && os.Link(filepath.Join(outDir, filepath.FromSlash(p)), dst) == nil {
			return nil
		}
		b, err := data()
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}

// stats counts what the new output changes in the live one.
func stats(files []File, hashes []string, live manifest) Stats {
	var st Stats
	keep := make(map[string]bool, len(files))
	for i, f := range files {
		keep[f.Path] = true
		if live.hash(f.Path) == hashes[i] {
			st.Unchanged++
		} else {
			st.Written++
			st.Changed = append(st.Changed, f.Path)
		}
	}
	for p := range live.files {
		if !keep[p] {
			st.Removed++
			st.Gone = append(st.Gone, p)
		}
	}
	slices.Sort(st.Changed) // the late files come after the others
	slices.Sort(st.Gone)
	return st
}

// prune removes from the stage the files the new output lacks, and the
// folders that held them once they are empty. It is not cancelled: the
// manifest written next must list everything the stage holds.
func prune(stage string, staged manifest, files []File) {
	keep := make(map[string]bool, len(files))
	for _, f := range files {
		keep[f.Path] = true
	}
	var gone []string
	for p := range staged.files {
		if !keep[p] {
			gone = append(gone, p)
		}
	}
	_ = parallel.IO(context.Background(), len(gone), func(i int) { os.Remove(filepath.Join(stage, filepath.FromSlash(gone[i]))) })
	removeEmptyDirs(stage, gone)
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

// swap puts stage in place of outDir and keeps the previous output as the
// next stage. Where the system can exchange two paths in one step the
// output is never missing; elsewhere it is missing only between two
// renames.
func swap(stage, outDir string) error {
	if _, err := os.Lstat(outDir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(outDir), 0o755); err != nil {
			return err
		}
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
		_ = parallel.IO(context.Background(), len(files), func(i int) { os.Remove(files[i]) })
		slices.Reverse(dirs) // children before parents
		for _, d := range dirs {
			os.Remove(d)
		}
	}
	return os.RemoveAll(dir) // whatever the fast path left
}
