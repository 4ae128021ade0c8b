package themes

import (
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// Overlay lays top over base, file by file: a file top holds replaces
// base's file of that name, a file only one of them holds is read from
// that one, and a folder lists what both hold. A user's theme folder is
// laid over the default theme this way, so it holds only the files it
// changes.
//
// The result also has a method Layers() []fs.FS, bottom first: files
// that are merged rather than replaced (a theme's i18n/<lang>.yaml,
// whose keys a layer may change one by one) are read from every layer.
func Overlay(base, top fs.FS) fs.FS {
	return &overlay{layers: slices.Concat(layersOf(base), layersOf(top))}
}

// layersOf is the layers of a theme, bottom first: an overlay's, or the
// theme itself.
func layersOf(theme fs.FS) []fs.FS {
	if o, ok := theme.(*overlay); ok {
		return slices.Clone(o.layers)
	}
	return []fs.FS{theme}
}

// overlay is a stack of file systems; the last one wins.
type overlay struct {
	layers []fs.FS
}

// Layers gives the layers, bottom first.
func (o *overlay) Layers() []fs.FS { return slices.Clone(o.layers) }

// find is the top layer holding name, with what it holds there. A file in
// a higher layer hides a folder of that name below it.
func (o *overlay) find(name string) (fs.FS, fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	for i := len(o.layers) - 1; i >= 0; i-- {
		fi, err := fs.Stat(o.layers[i], name)
		if err == nil {
			return o.layers[i], fi, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, nil, err
		}
	}
	return nil, nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// Open opens a file from the top layer that holds it, or a folder that
// lists every layer's entries.
func (o *overlay) Open(name string) (fs.File, error) {
	layer, fi, err := o.find(name)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return layer.Open(name)
	}
	entries, err := o.ReadDir(name)
	if err != nil {
		return nil, err
	}
	return &dir{info: fi, entries: entries}, nil
}

// Stat describes name as Open would find it.
func (o *overlay) Stat(name string) (fs.FileInfo, error) {
	_, fi, err := o.find(name)
	return fi, err
}

// ReadFile reads a file from the top layer that holds it.
func (o *overlay) ReadFile(name string) ([]byte, error) {
	layer, fi, err := o.find(name)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	return fs.ReadFile(layer, name)
}

// ReadDir lists a folder's entries in every layer, sorted by name; of two
// entries with one name, the higher layer's.
func (o *overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	byName := map[string]fs.DirEntry{}
	found := false
	for _, l := range o.layers {
		entries, err := fs.ReadDir(l, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		found = true
		for _, e := range entries {
			byName[e.Name()] = e
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(byName))
	for _, e := range byName {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// dir is an open folder of an overlay.
type dir struct {
	info    fs.FileInfo
	entries []fs.DirEntry
	off     int
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dir) Close() error               { return nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.Name(), Err: errors.New("is a directory")}
}

// ReadDir reads the folder's entries as fs.ReadDirFile says: all of them
// for n <= 0, else the next n at most, and io.EOF once none are left.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}
