package folder

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestCheckEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := CheckEmpty(filepath.Join(dir, "new")); err != nil {
		t.Errorf("a folder that does not exist: %v", err)
	}
	if err := CheckEmpty(dir); err != nil {
		t.Errorf("an empty folder: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	if err := CheckEmpty(dir); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("a folder with a file: %v, want ErrNotEmpty", err)
	}
	if err := CheckEmpty(filepath.Join(dir, "notes.txt")); err == nil || errors.Is(err, ErrNotEmpty) {
		t.Errorf("a file: %v, want a refusal of its own", err)
	}
	if err := CheckEmpty(""); err == nil {
		t.Error("no folder given was accepted")
	}
}

func TestWrite(t *testing.T) {
	parent := t.TempDir()
	dst := filepath.Join(parent, "content")
	os.Mkdir(dst, 0o755) // an empty folder is replaced
	err := Write(dst, func(dir string, put func(string, []byte) error) error {
		if err := put("a/b.md", []byte("B")); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, "c.txt"), []byte("C"), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dst, "a", "b.md")); err != nil || string(b) != "B" {
		t.Errorf("a/b.md = %q, %v", b, err)
	}
	if b, err := os.ReadFile(filepath.Join(dst, "c.txt")); err != nil || string(b) != "C" {
		t.Errorf("c.txt = %q, %v", b, err)
	}
	if es, _ := os.ReadDir(parent); len(es) != 1 {
		t.Errorf("left beside the output: %v", es)
	}
}

// TestWriteFails checks that a failed fill leaves nothing behind.
func TestWriteFails(t *testing.T) {
	parent := t.TempDir()
	dst := filepath.Join(parent, "content")
	boom := errors.New("boom")
	err := Write(dst, func(_ string, put func(string, []byte) error) error {
		if err := put("a.md", []byte("A")); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want the fill's error", err)
	}
	if es, _ := os.ReadDir(parent); len(es) != 0 {
		t.Errorf("a failed write left %v", es)
	}
}

// TestReserved: the URLs the build refuses as aliases, and a few it takes.
func TestReserved(t *testing.T) {
	for u, want := range map[string]bool{
		"/": true, "": true, "a/5/": true, "/a": true, "e/e0382/": true, "assets/x.png": true, "/404.html": true, "sitemap.xml/": true,
		"about/": false, "en/a/": false, "en/e/": false, "docs/404.html/": false, "ab/": false, "errors/": false,
	} {
		if got := Reserved(u); got != want {
			t.Errorf("Reserved(%q) = %v, want %v", u, got, want)
		}
	}
}
