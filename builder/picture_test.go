package builder

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"deskbook/internal/cache"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

// bombHeader is a PNG's signature and header chunk claiming w×h pixels,
// and nothing else: a decompression bomb as DecodeConfig sees it.
func bombHeader(w, h int) []byte {
	var ihdr bytes.Buffer
	ihdr.WriteString("IHDR")
	binary.Write(&ihdr, binary.BigEndian, []uint32{uint32(w), uint32(h)})
	ihdr.Write([]byte{8, 6, 0, 0, 0})
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	binary.Write(&b, binary.BigEndian, uint32(ihdr.Len()-4))
	b.Write(ihdr.Bytes())
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(ihdr.Bytes()))
	return b.Bytes()
}

// pictureSite is a site whose articles show screenshots: a wide one (it
// gets a smaller copy), a small one, an SVG, one inside a link, one that
// is no image, a decompression bomb, and a changelog entry showing the
// wide one from another folder.
func pictureSite(t *testing.T) fstest.MapFS {
	return fstest.MapFS{
		"site.yaml": {Data: []byte("title: Pictures\nbase_url: https://help.example.com/\n")},
		"guides/setup.md": {Data: []byte("---\ntitle: Set up\nid: 1\nsummary: How.\n---\n" +
			"The window:\n\n![The settings window](img/wide.png)\n\n" +
			"A detail: ![The Save button](small.png) and the logo ![Logo](logo.svg).\n\n" +
			"[![The store page](small.png)](https://example.com/store)\n\n" +
			"Broken: ![A broken file](broken.png)\n\n" +
			"Huge: ![A huge one](bomb.png)\n")},
		"guides/img/wide.png": {Data: pngOf(t, 1000, 600, true)},
		"guides/small.png":    {Data: pngOf(t, 300, 200, false)},
		"guides/logo.svg":     {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40"/></svg>`)},
		"guides/broken.png":   {Data: []byte("not a picture at all")},
		"guides/bomb.png":     {Data: bombHeader(50000, 50000)},
		"changelog/1-0.md":    {Data: []byte("---\ntitle: \"1.0\"\nid: 2\nkind: changelog\nversion: \"1.0\"\ndate: 2026-11-01\nsummary: First.\n---\n## Added\n\n![The new window](../guides/img/wide.png)\n")},
	}
}

// TestPictureAttributes: every image of the site gets its file's size,
// lazy loading but the first, and the wide one a smaller copy for narrow
// screens; an image in a link keeps it; a file that is no image is shown
// as it is with a warning at its line; a bomb is not decoded.
func TestPictureAttributes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Config{Source: pictureSite(t), SourceName: "content", Theme: themes.Default(), Out: out})
	if err != nil {
		t.Fatal(err)
	}
	page := sitetest.Read(t, out, "en/guides/setup/index.html")
	sitetest.Contains(t, "article", page,
		`<img src="../img/wide.png" alt="The settings window" width="1000" height="600" decoding="async" srcset="../img/wide.800w.png 800w, ../img/wide.png 1000w" sizes="(max-width: 828px) calc(100vw - 36px), 1144px">`,
		`<img src="../small.png" alt="The Save button" width="300" height="200" decoding="async" loading="lazy">`,
		`<img src="../logo.svg" alt="Logo" width="120" height="40" decoding="async" loading="lazy">`,
		`<a href="https://example.com/store"><img src="../small.png" alt="The store page" width="300" height="200" decoding="async" loading="lazy"></a>`,
		`<img src="../broken.png" alt="A broken file">`,
		`<img src="../bomb.png" alt="A huge one" width="50000" height="50000" decoding="async" loading="lazy">`,
		`<dialog class="zoom"`,
	)
	copyData := sitetest.Read(t, out, "en/guides/img/wide.800w.png")
	if cfg, format, err := image.DecodeConfig(strings.NewReader(copyData)); err != nil || format != "png" || cfg.Width != 800 || cfg.Height != 480 {
		t.Errorf("the smaller copy is %s %d×%d (%v), want png 800×480", format, cfg.Width, cfg.Height, err)
	}
	for _, gone := range []string{"en/guides/bomb.800w.png", "en/guides/small.800w.png", "en/guides/broken.800w.png"} {
		if _, err := os.Stat(filepath.Join(out, gone)); err == nil {
			t.Errorf("%s made", gone)
		}
	}
	var warned []string
	for _, d := range res.Diagnostics {
		warned = append(warned, d.String())
	}
	all := strings.Join(warned, "\n")
	sitetest.Contains(t, "diagnostics", all,
		"content/guides/setup.md:14: warning: image guides/broken.png: cannot read it as an image (not a PNG, JPEG, GIF or WebP image); it is shown as it is, without its size",
		"content/guides/setup.md:16: warning: image guides/bomb.png is 50000×50000 px: too large to decode safely",
	)
	// The changelog page shows the entry's image from its own folder, with
	// the copy; the print book shows every image whole, loaded at once.
	sitetest.Contains(t, "changelog", sitetest.Read(t, out, "en/changelog/index.html"),
		`<img src="../guides/img/wide.png" alt="The new window" width="1000" height="600" decoding="async" srcset="../guides/img/wide.800w.png 800w, ../guides/img/wide.png 1000w"`)
	book := sitetest.Read(t, out, "en/print/index.html")
	sitetest.Contains(t, "print book", book, `<img src="../guides/img/wide.png" alt="The settings window" width="1000" height="600">`)
	if strings.Contains(book, "srcset") || strings.Contains(book, `loading="lazy"`) {
		t.Error("the print book has a srcset or lazy loading: it must show every image whole")
	}
}

// TestPictureCopiesCached: the smaller copy is made on the first build and
// kept in the cache folder by the hash of the image; the next build, of
// another output, finds it there and resizes nothing.
func TestPictureCopiesCached(t *testing.T) {
	dir := t.TempDir()
	src := pictureSite(t)
	first := filepath.Join(dir, "one")
	if _, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default(), Out: first, Cache: dir}); err != nil {
		t.Fatal(err)
	}
	store := cache.Pictures(dir)
	entries, err := os.ReadDir(store)
	if err != nil || len(entries) != 1 {
		t.Fatalf("the store holds %d copies (%v), want 1", len(entries), err)
	}
	kept := filepath.Join(store, entries[0].Name())
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(kept, old, old); err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(dir, "two")
	if _, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default(), Out: second, Cache: dir}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(kept); err != nil || !fi.ModTime().Equal(old) {
		t.Errorf("the second build wrote the copy again (%v)", err)
	}
	if entries, _ := os.ReadDir(store); len(entries) != 1 {
		t.Errorf("the store holds %d copies after the second build, want 1", len(entries))
	}
	a, b := sitetest.Read(t, first, "en/guides/img/wide.800w.png"), sitetest.Read(t, second, "en/guides/img/wide.800w.png")
	if a != b {
		t.Error("the two builds' copies differ")
	}
}

// TestLivePictureFollowsFile: deskbook serve shows an image's new size,
// and makes its smaller copy, when only the image file changes.
func TestLivePictureFollowsFile(t *testing.T) {
	src := fstest.MapFS{
		"site.yaml":       {Data: []byte("title: Pictures\n")},
		"guides/setup.md": {Data: []byte("---\ntitle: Set up\nid: 1\nsummary: How.\n---\n![The window](shot.png)\n")},
		"guides/other.md": {Data: []byte("---\ntitle: Other\nid: 2\nsummary: Else.\n---\nText.\n")},
		"guides/shot.png": {Data: pngOf(t, 300, 20, false)},
	}
	e := NewLive(Config{Source: src, SourceName: "content", Theme: themes.Default()})
	if res := e.Update(context.Background(), Change{All: true}); res.Err != nil {
		t.Fatal(res.Err)
	}
	page := func() string {
		b, _ := e.File("en/guides/setup/index.html")
		return string(b)
	}
	sitetest.Contains(t, "before", page(), `width="300" height="20"`)
	src["guides/shot.png"] = &fstest.MapFile{Data: pngOf(t, 1200, 30, true)}
	if res := e.Update(context.Background(), Change{Paths: []string{"guides/shot.png"}}); res.Err != nil {
		t.Fatal(res.Err)
	}
	sitetest.Contains(t, "after", page(), `width="1200" height="30"`, `srcset="../shot.800w.png 800w, ../shot.png 1200w"`)
	if b, ok := e.File("en/guides/shot.800w.png"); !ok || len(b) == 0 {
		t.Error("no smaller copy in serve's output")
	}
}
