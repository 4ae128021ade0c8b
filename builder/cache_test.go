package builder

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"deskbook/internal/sitetest"
	"deskbook/internal/stash"
	"deskbook/themes"
)

// TestMain keeps the build cache of these tests in a folder of their own.
func TestMain(m *testing.M) { sitetest.Main(m) }

// TestStashOnlyCostsTime checks the highlight stash in the cache folder:
// a build with a warm stash, with a damaged one and with none writes the
// same bytes, and the warm build finds the code it highlighted before.
func TestStashOnlyCostsTime(t *testing.T) {
	src := sitetest.FS(t, sitetest.Small)
	cacheDir := t.TempDir()
	build := func() map[string][]byte {
		t.Helper()
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(context.Background(), Config{Source: src, Theme: themes.Default(), Out: out, Cache: cacheDir}); err != nil {
			t.Fatal(err)
		}
		return readTree(t, out)
	}
	cold := build()
	stashFile := filepath.Join(cacheDir, "highlight.stash")
	st := stash.Open(stashFile)
	if st == nil {
		t.Skip("this test binary cannot be told apart from others: no stash")
	}
	if _, ok := st.Get(stash.KeyOf("highlight", "Go", "func main() {}\n")); !ok {
		t.Fatal("the build left no highlighted code in the stash")
	}
	if warm := build(); compareOutput(cold, warm) != "" {
		t.Error("a build with the stash wrote other bytes than one without")
	}
	data, err := os.ReadFile(stashFile)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(data) / 2; i < len(data); i++ {
		data[i] = 'x' // highlighted HTML that is not what the code gives
	}
	if err := os.WriteFile(stashFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if damaged := build(); compareOutput(cold, damaged) != "" {
		t.Error("a damaged stash changed the output")
	}
}
