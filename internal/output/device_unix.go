//go:build unix

package output

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// inodeOf is a file's inode: a file replaced by another of the same size
// and time still has a new one.
func inodeOf(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}

// sameDevice says whether a rename can move a folder from a to b's
// folder. When either cannot be looked at, the swap is tried anyway.
func sameDevice(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	if err1 != nil || err2 != nil {
		return true
	}
	sa, ok1 := fa.Sys().(*syscall.Stat_t)
	sb, ok2 := fb.Sys().(*syscall.Stat_t)
	return !ok1 || !ok2 || sa.Dev == sb.Dev
}

// isCrossDevice is the error of a rename between two disks.
func isCrossDevice(err error) bool { return errors.Is(err, syscall.EXDEV) }
