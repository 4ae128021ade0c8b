package chrome

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// ForTest starts a browser for a test, or skips the test with a clear
// message when there is none on this machine. CI installs Chromium, so
// there the tests run.
func ForTest(t testing.TB) *Browser {
	t.Helper()
	bin, err := Find()
	if errors.Is(err, ErrNotFound) {
		t.Skipf("browser test skipped: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	b, err := Launch(context.Background(), bin)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Logf("closing the browser: %v", err)
		}
	})
	return b
}

// ProcessesMentioning lists the running processes whose command line
// contains s, as "pid: command line". Tests use it with a browser's temp
// folder to check that no browser outlived its run.
func ProcessesMentioning(s string) []string {
	var out []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		cmd, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err == nil && bytes.Contains(cmd, []byte(s)) {
			out = append(out, e.Name()+": "+string(bytes.ReplaceAll(cmd, []byte{0}, []byte{' '})))
		}
	}
	return out
}
