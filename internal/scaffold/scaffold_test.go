package scaffold

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"deskbook/builder"
	"deskbook/internal/sitetest"
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

// TestNewErrorTakesTheCodeOfItsTitle: an error article named the way
// support names them starts with its code in errors:, so search and
// /e/<code>/ find it before the writer adds the message's text.
func TestNewErrorTakesTheCodeOfItsTitle(t *testing.T) {
	src := sitetest.FS(t, "-- site.yaml --\ntitle: x\n")
	for title, want := range map[string]string{
		"PA-2001: The parcel box is offline":    "errors: [PA-2001]",
		"Error 0x80070005: access is denied":    `errors: ["0x80070005"]`,
		"Printer offline":                       "errors: []",
		"Why it fails: three reasons":           "errors: []",
		"The app says E42 now: what to do":      "errors: []",
		"«ERR_CONNECTION_REFUSED»: no server 1": "errors: []",
	} {
		d, err := New(src, builder.KindError, title, "", "", today)
		if err != nil || !strings.Contains(string(d.Data), want+"  #") {
			t.Errorf("%q: %v, lacks %q:\n%s", title, err, want, d.Data)
		}
	}
}
