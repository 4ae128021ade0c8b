package builder

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"deskbook/internal/diag"
	"deskbook/themes"
)

// pngOf encodes a w×h PNG; noisy pixels make a heavy file.
func pngOf(t *testing.T, w, h int, noisy bool) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		if noisy {
			img.Pix[i] = uint8(r.Uint32())
		} else {
			img.Pix[i] = 255
		}
	}
	img.Set(0, 0, color.Black)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestLint checks every rule of the content linter on one site: each
// finding is a warning with file and line, and --strict makes them errors
// that stop the build and leave the output alone.
func TestLint(t *testing.T) {
	src := fstest.MapFS{
		"site.yaml": {Data: []byte("title: x\nlint:\n  stale_days: 100\n  max_image_width: 1200\n  max_image_kb: 300\n")},
		"a/fine.md": {Data: []byte("---\ntitle: \"Fine\"\nid: 1\nsummary: \"All good.\"\nupdated: 2026-11-01\n---\nSee [docs](https://example.com/).\n\n![A small screenshot](small.png)\n")},
		"a/lazy.md": {Data: []byte("---\ntitle: \"Lazy\"\nid: 2\nkind: error\nupdated: 2025-01-01\n---\nText.\n\n" +
			"![](wide.png)\n\nSee [old docs](http://example.com/old) or <http://example.org/>.\n\n![A photo](heavy.png)\n")},
		"a/steps.md":  {Data: []byte("---\ntitle: \"Steps\"\nid: 3\nkind: checklist\nsummary: \"Steps.\"\n---\n1. Restart.\n2. Try again.\n")},
		"b/same.md":   {Data: []byte("---\ntitle: \"fine\"\nid: 4\nsummary: \"Same title.\"\n---\nBody.\n")},
		"a/small.png": {Data: pngOf(t, 800, 20, false)},
		"a/wide.png":  {Data: pngOf(t, 2400, 20, false)},
		"a/heavy.png": {Data: pngOf(t, 400, 300, true)},
	}
	want := []string{
		"content/a/lazy.md:1: warning: no summary",
		"content/a/lazy.md:4: warning: an error article without errors:",
		"content/a/lazy.md:5: warning: not updated for 691 days (limit 100)",
		"content/a/lazy.md:9: warning: image wide.png has no alt text",
		"content/a/lazy.md:9: warning: image a/wide.png is 2400 px wide (limit 1200)",
		"content/a/lazy.md:11: warning: link to http://example.com/old uses http://",
		"content/a/lazy.md:11: warning: link to http://example.org/ uses http://",
		"content/a/lazy.md:13: warning: image a/heavy.png is ",
		"content/a/steps.md:4: warning: a checklist with nothing to tick",
		"content/b/same.md:2: warning: title \"fine\" is also the title of content/a/fine.md",
	}
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default(), Out: out, Now: now})
	if err != nil {
		t.Fatalf("lint findings must not fail a normal build: %v", err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.String())
	}
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("missing %q", w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d findings, want %d:\n%s", len(got), len(want), all)
	}
	if strings.Contains(all, "fine.md:") && !strings.Contains(all, "same.md") {
		t.Errorf("a clean article was flagged:\n%s", all)
	}

	before := snapshot(t, out)
	_, err = Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default(), Out: out, Now: now, Strict: true})
	var ce *diag.ContentError
	if !errors.As(err, &ce) {
		t.Fatalf("strict: err = %v, want a content error", err)
	}
	if n := len(ce.Diagnostics.Errors()); n != len(want) {
		t.Errorf("strict: %d errors, want %d:\n%v", n, len(want), ce)
	}
	if !strings.Contains(ce.Error(), "content/a/lazy.md:1: no summary") {
		t.Errorf("strict errors lack the findings:\n%v", ce)
	}
	if diff := compareTrees(before, snapshot(t, out)); diff != "" {
		t.Errorf("strict failure changed the output: %s", diff)
	}
}
