package output

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"deskbook/internal/cache"
)

// Signature begins the _redirects file every build writes. It tells a
// folder deskbook built from someone's files when the cache has no record
// of it (a new machine, a cleared cache): a build replaces its output
// whole, so it must never take over a folder it did not make.
const Signature = "# Made by deskbook"

// oldMarker is the list of files that deskbook 0.x kept inside its output.
const oldMarker = ".deskbook-output"

// LooksBuilt says whether the folder fsys is a site deskbook built.
func LooksBuilt(fsys fs.FS) bool {
	if _, err := fs.Stat(fsys, oldMarker); err == nil {
		return true
	}
	f, err := fsys.Open("_redirects")
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(Signature))
	n, _ := f.Read(head)
	return bytes.Equal(head[:n], []byte(Signature))
}

// checkReplaceable refuses to replace a folder that has files and is not
// a deskbook output: a mistyped --out must never delete someone's work.
func checkReplaceable(outDir string, live manifest) error {
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
	if len(entries) == 0 || len(live.files) > 0 || LooksBuilt(os.DirFS(outDir)) {
		return nil
	}
	return fmt.Errorf("refusing to replace %s: it has files but is not a site deskbook built; choose another --out or empty it", outDir)
}

// removeOldState removes what deskbook 0.x kept beside its output (the
// stage folder, the lock) now that the state lives in the cache, and
// moves the PDFs it printed into the cache's store when that has none.
func removeOldState(outDir string, state cache.Output) {
	base := filepath.Join(filepath.Dir(outDir), "."+filepath.Base(outDir))
	if fi, err := os.Stat(base + ".stage"); err == nil && fi.IsDir() && LooksBuilt(os.DirFS(base+".stage")) {
		removeTree(base + ".stage")
	}
	os.Remove(base + ".lock")
	if _, err := os.Stat(state.PDFs()); errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(filepath.Join(base+".pdf", "index.json")); err == nil {
			if os.Rename(base+".pdf", state.PDFs()) != nil {
				return // another disk: the PDFs stay until deskbook pdf prints them again
			}
		}
	}
}

// writeInPlace updates the output file by file, for a cache on another
// disk: each changed file is written beside its final name and renamed
// over it, then the files the site no longer has are removed. A reader
// may see a mix of old and new pages for the moment it takes; every file
// is always whole.
func writeInPlace(ctx context.Context, outDir string, state cache.Output, files []File, live manifest) (Stats, error) {
	// Every file is made before the first one is replaced: a file that
	// cannot be made must leave the output as it was.
	known := knownHashes(files, live)
	made, err := makeAll(ctx, files, known)
	if err != nil {
		return Stats{}, err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return Stats{}, err
	}
	if err := makeDirs(ctx, outDir, live, files); err != nil {
		return Stats{}, err
	}
	// Until the new manifest is saved the output's state is unknown.
	os.Remove(state.Manifest("live"))
	hashes, _, err := each(ctx, files, known, func(i int, h string, data func() ([]byte, error)) error {
		if live.hash(files[i].Path) == h {
			return nil
		}
		b, err := data()
		if err != nil {
			return err
		}
		return replaceFile(filepath.Join(outDir, filepath.FromSlash(files[i].Path)), b)
	})
	if err != nil {
		return Stats{}, err
	}
	st := stats(files, hashes, live)
	st.InPlace, st.Made = true, made
	gone, err := removeOthers(outDir, files)
	st.Gone, st.Removed = gone, len(gone)
	if err != nil {
		return st, err
	}
	m, err := scan(ctx, outDir, files, hashes, live)
	if err != nil {
		return st, err
	}
	return st, m.save(state.Manifest("live"))
}

// makeAll makes the files that have a Make, keeping their bytes, but for
// those whose hash is known: the output has them already.
func makeAll(ctx context.Context, files []File, known []string) (int, error) {
	_, made, err := each(ctx, files, known, func(i int, _ string, data func() ([]byte, error)) error {
		if known[i] != "" {
			return nil
		}
		b, err := data()
		files[i].Data, files[i].Make = b, nil
		return err
	})
	return made, err
}

// replaceFile replaces name with data in one rename.
func replaceFile(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".deskbook-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// removeOthers removes every file of outDir that is not one of files
// (the output is the site, whole), then the folders left empty. It
// returns what it removed.
func removeOthers(outDir string, files []File) ([]string, error) {
	keep := make(map[string]bool, len(files))
	for _, f := range files {
		keep[f.Path] = true
	}
	var gone []string
	err := filepath.WalkDir(outDir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(outDir, p)
		if rel = filepath.ToSlash(rel); !keep[rel] {
			gone = append(gone, rel)
		}
		return nil
	})
	for _, p := range gone {
		if rerr := os.Remove(filepath.Join(outDir, filepath.FromSlash(p))); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			err = errors.Join(err, rerr)
		}
	}
	removeEmptyDirs(outDir, gone)
	slices.Sort(gone)
	return gone, err
}
