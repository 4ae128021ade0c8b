//go:build !unix

package output

import (
	"errors"
	"io/fs"
	"os"
)

func inodeOf(fs.FileInfo) uint64 { return 0 }

// sameDevice cannot tell here; the swap is tried and falls back to an
// in-place update when the rename fails.
func sameDevice(a, b string) bool { return true }

func isCrossDevice(err error) bool {
	var le *os.LinkError
	return errors.As(err, &le)
}
