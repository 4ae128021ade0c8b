// Package sitetest holds what the tests of several packages share: sites
// written as txtar archives, and the rule for tools a test needs.
//
// A txtar archive is a site on one screen: every file of the archive is a
// file of the source folder, by its path. Tests read it as an fs.FS
// (FS), or write it to a folder (WriteTree) when a command or a watcher
// needs real files.
package sitetest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"
)

// FS makes a source folder from a txtar archive.
func FS(t testing.TB, archive string) fstest.MapFS {
	t.Helper()
	ar := txtar.Parse([]byte(archive))
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

// WriteTree writes the files of a txtar archive below dir.
func WriteTree(t testing.TB, dir, archive string) {
	t.Helper()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		WriteFile(t, filepath.Join(dir, filepath.FromSlash(f.Name)), string(f.Data))
	}
}

// WriteFile writes a file, making its folders.
func WriteFile(t testing.TB, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Read returns a file of a built site folder.
func Read(t testing.TB, out, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
	if err != nil {
		t.Fatalf("output: %v", err)
	}
	return string(b)
}

// Contains reports each wanted text the page lacks.
func Contains(t testing.TB, page, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s: missing %q", page, w)
		}
	}
}

// InCI reports whether the tests run in CI, where every tool a test needs
// has been installed: a missing one there is a broken CI, not a reason to
// skip.
func InCI() bool { return os.Getenv("CI") == "true" }

// Missing stops a test that needs a tool this machine lacks: on a
// developer's machine it skips with the message, in CI it fails.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if InCI() {
		t.Fatalf("CI=true, and this test cannot run: "+format, args...)
	}
	t.Skipf(format, args...)
}

// Eventually waits until cond holds, checking it every 20 ms, and fails
// the test when it still does not after timeout. Tests wait for what they
// expect this way, never for a fixed time.
func Eventually(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	if !Within(timeout, cond) {
		t.Fatalf("timed out after %v waiting for %s", timeout, what)
	}
}

// Within reports whether cond holds within timeout, checking it every
// 20 ms.
func Within(timeout time.Duration, cond func() bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-deadline.C:
			return cond()
		case <-tick.C:
		}
	}
	return true
}

// Main runs a package's tests with the build cache (DESKBOOK_CACHE) in a
// temporary folder of its own, so tests never fill the user's cache
// folder and never see what another run left there. Call it from
// TestMain.
func Main(m *testing.M) {
	dir, err := os.MkdirTemp("", "deskbook-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("DESKBOOK_CACHE", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
