package output

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"deskbook/internal/parallel"
)

// A manifest lists what a folder written by deskbook holds: for each file
// its hash, its key (File.Key) and what stat said of it right after it was
// written. It lives
// in the cache, not in the folder, so a file may have changed since (a
// person, a deploy tool, a crash between two renames): loadManifest keeps
// only the entries whose size, modification time and inode still match,
// and an entry it keeps is the file deskbook wrote.
type manifest struct {
	files map[string]entry
	// doubtful: some entries no longer matched their files.
	doubtful bool
}

type entry struct {
	hash  string
	key   string // File.Key; "" for none
	size  int64
	mtime int64 // nanoseconds
	inode uint64
}

const manifestHeader = "deskbook manifest v3: hash key size mtime inode path\n"

// hash is the hash of a file the manifest lists, or "".
func (m manifest) hash(p string) string {
	if m.files == nil {
		return ""
	}
	return m.files[p].hash
}

// loadManifest reads the manifest of dir from file, keeping the entries
// that still describe dir's files; nil when there is none. An entry that
// names the same file (inode, size, time and hash) as an entry of known,
// a manifest checked already, is kept without asking again: the stage's
// files are mostly hard links to the live output's.
func loadManifest(file, dir string, known manifest) manifest {
	data, err := os.ReadFile(file)
	if err != nil || !bytes.HasPrefix(data, []byte(manifestHeader)) {
		return manifest{}
	}
	m := manifest{files: map[string]entry{}}
	sc := bufio.NewScanner(bytes.NewReader(data[len(manifestHeader):]))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		p, e, ok := parseEntry(sc.Text())
		if !ok {
			return manifest{}
		}
		m.files[p] = e
	}
	if sc.Err() != nil {
		return manifest{}
	}
	sameFile := make(map[uint64]entry, len(known.files))
	for _, e := range known.files {
		if e.inode != 0 { // 0: the system does not tell
			sameFile[e.inode] = e
		}
	}
	paths := make([]string, 0, len(m.files))
	for p, e := range m.files {
		if k, ok := sameFile[e.inode]; ok && k.hash == e.hash && k.size == e.size && k.mtime == e.mtime {
			continue
		}
		paths = append(paths, p)
	}
	stale := make([]bool, len(paths))
	_ = parallel.IO(context.Background(), len(paths), func(i int) {
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(paths[i])))
		e := m.files[paths[i]]
		stale[i] = err != nil || describe(e.hash, e.key, fi) != e
	})
	for i, p := range paths {
		if stale[i] {
			delete(m.files, p)
			m.doubtful = true
		}
	}
	return m
}

func parseEntry(line string) (string, entry, bool) {
	f := strings.SplitN(line, " ", 6)
	if len(f) != 6 || len(f[0]) != 32 || f[1] == "" || !fs.ValidPath(f[5]) {
		return "", entry{}, false
	}
	size, err1 := strconv.ParseInt(f[2], 10, 64)
	mtime, err2 := strconv.ParseInt(f[3], 10, 64)
	inode, err3 := strconv.ParseUint(f[4], 10, 64)
	if err := errors.Join(err1, err2, err3); err != nil {
		return "", entry{}, false
	}
	key := strings.TrimPrefix(f[1], "-")
	return f[5], entry{hash: f[0], key: key, size: size, mtime: mtime, inode: inode}, true
}

// describe is the entry of a file with a known hash and key.
func describe(hash, key string, fi fs.FileInfo) entry {
	return entry{hash: hash, key: key, size: fi.Size(), mtime: fi.ModTime().UnixNano(), inode: inodeOf(fi)}
}

// scan makes the manifest of dir, which holds files. had is what dir
// held before the write, checked against the files then: a file the
// write left alone (the same hash) keeps its entry there, and only the
// files written are asked about again.
func scan(ctx context.Context, dir string, files []File, hashes []string, had manifest) (manifest, error) {
	entries := make([]entry, len(files))
	errs := make([]error, len(files))
	if err := parallel.IO(ctx, len(files), func(i int) {
		if e, ok := had.files[files[i].Path]; ok && e.hash == hashes[i] {
			e.key = files[i].Key
			entries[i] = e
			return
		}
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(files[i].Path)))
		if err != nil {
			errs[i] = err
			return
		}
		entries[i] = describe(hashes[i], files[i].Key, fi)
	}); err != nil {
		return manifest{}, err
	}
	if err := errors.Join(errs...); err != nil {
		return manifest{}, err
	}
	m := manifest{files: make(map[string]entry, len(files))}
	for i, f := range files {
		m.files[f.Path] = entries[i]
	}
	return m, nil
}

// save writes the manifest in one rename, sorted by path.
func (m manifest) save(file string) error {
	paths := make([]string, 0, len(m.files))
	for p := range m.files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	var b bytes.Buffer
	b.WriteString(manifestHeader)
	for _, p := range paths {
		e := m.files[p]
		fmt.Fprintf(&b, "%s %s %d %d %d %s\n", e.hash, cmp.Or(e.key, "-"), e.size, e.mtime, e.inode, p)
	}
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}
