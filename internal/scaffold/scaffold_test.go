package scaffold

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"deskbook/builder"
)

// TestCategoryStaysInside: deskbook new never writes outside the source
// folder, whatever --category says, and refuses a language the site lacks.
func TestCategoryStaysInside(t *testing.T) {
	src := fstest.MapFS{"site.yaml": {Data: []byte("title: x\nlanguages:\n  - code: en\n    name: English\n  - code: uk\n    name: Українська\n")}}
	for _, category := range []string{"../../x", "..", ".", "a/b", `a\b`, ".hidden", "new\nline"} {
		if p, _, err := Article(src, builder.KindError, "Disk full", category, "en", time.Now()); err == nil {
			t.Errorf("--category %q: made %s", category, p)
		}
	}
	if _, _, err := Article(src, builder.KindError, "Disk full", "", "de", time.Now()); err == nil || !strings.Contains(err.Error(), "no such language") {
		t.Errorf("--lang de: %v", err)
	}
	p, _, err := Article(src, builder.KindError, "Disk full", "storage", "uk", time.Now())
	if err != nil || p != "uk/storage/disk-full.md" {
		t.Errorf("a plain category: %s, %v", p, err)
	}
}
