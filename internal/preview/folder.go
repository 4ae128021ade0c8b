package preview

import (
	"errors"
	"io/fs"
	"os"
	"sync"
)

// errGone is what reading the source folder says while it is gone.
var errGone = errors.New("the folder is gone (deleted or moved away); the last good site is served until it is back")

// folder is the source folder as serve reads it: through an os.Root, so no
// symbolic link leads out of it, and opened again when it comes back. A
// checkout or a sync tool may delete the folder and make it anew; the old
// root would go on reading the deleted folder, empty, for ever.
type folder struct {
	path string
	mu   sync.RWMutex
	root *os.Root // nil while the folder is gone
}

func openFolder(path string) (*folder, error) {
	root, err := os.OpenRoot(path)
	if err != nil {
		return nil, err
	}
	return &folder{path: path, root: root}, nil
}

// reopen opens the folder again at its path.
func (f *folder) reopen() error {
	root, err := os.OpenRoot(f.path)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.root != nil {
		f.root.Close()
	}
	f.root = root
	return err
}

// gone closes the folder until reopen.
func (f *folder) gone() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.root != nil {
		f.root.Close()
		f.root = nil
	}
}

// fsys is the folder's file system, or errGone.
func (f *folder) fsys() (fs.FS, error) {
	f.mu.RLock()
	defer f.mu.RUnlock()
	if f.root == nil {
		return nil, errGone
	}
	return f.root.FS(), nil
}

// The fs interfaces the builder reads through.

func (f *folder) Open(name string) (fs.File, error) {
	fsys, err := f.fsys()
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return fsys.Open(name)
}

func (f *folder) Stat(name string) (fs.FileInfo, error) {
	fsys, err := f.fsys()
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return fs.Stat(fsys, name)
}

func (f *folder) ReadFile(name string) ([]byte, error) {
	fsys, err := f.fsys()
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return fs.ReadFile(fsys, name)
}

func (f *folder) ReadDir(name string) ([]fs.DirEntry, error) {
	fsys, err := f.fsys()
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return fs.ReadDir(fsys, name)
}

func (f *folder) ReadLink(name string) (string, error) {
	fsys, err := f.fsys()
	if err != nil {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: err}
	}
	return fs.ReadLink(fsys, name)
}

func (f *folder) Lstat(name string) (fs.FileInfo, error) {
	fsys, err := f.fsys()
	if err != nil {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: err}
	}
	return fs.Lstat(fsys, name)
}
