package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"deskbook/internal/sitetest"
)

// readOnly makes a folder unwritable for the rest of the test: by its
// mode, or, for root (whom modes do not stop), with the immutable flag.
func readOnly(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
		sitetest.Missing(t, "cannot make %s read-only as root (chattr +i: %v %s)", dir, err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
}

// TestReadOnlySourceLeavesOutputAsItWas: when the URL ledger cannot be
// saved into the source folder, the build fails before it swaps in the
// new site, so a failed build changes nothing.
func TestReadOnlySourceLeavesOutputAsItWas(t *testing.T) {
	src, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
	sitetest.WriteTree(t, src, "-- site.yaml --\ntitle: x\n-- errors/a.md --\n---\ntitle: \"A\"\nid: 1\nsummary: \"s\"\n---\nBody.\n")
	if code, _, stderr := runCLI(t, "publish", "--source", src, "--out", out); code != exitOK {
		t.Fatalf("first build: %s", stderr)
	}
	before := readTree(t, out)
	sitetest.WriteFile(t, filepath.Join(src, "errors", "b.md"), "---\ntitle: \"B\"\nid: 2\nsummary: \"s\"\n---\nNew.\n")
	readOnly(t, src)
	code, _, stderr := runCLI(t, "publish", "--source", src, "--out", out)
	if code != exitContent || !strings.Contains(stderr, "cannot save the URL ledger, so nothing was written") {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
	if after := readTree(t, out); len(after) != len(before) || after["en/errors/b/index.html"] != "" {
		t.Errorf("the failed build changed the output: %d files before, %d after", len(before), len(after))
	}
	if entries, _ := os.ReadDir(src); len(entries) != 3 {
		t.Errorf("the source folder holds %d entries, want its 3", len(entries))
	}
}

// readTree reads a folder's files by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
