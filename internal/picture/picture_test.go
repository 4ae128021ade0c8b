package picture

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// screenshot draws a picture like a screenshot of a dialog: a window
// with a shaded title bar, lines of "text" with soft (antialiased) edges,
// a picture (a smooth gradient) and a blue button.
func screenshot(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	fill := func(x0, y0, x1, y1 int, c color.RGBA) {
		for y := max(0, y0); y < min(h, y1); y++ {
			for x := max(0, x0); x < min(w, x1); x++ {
				m.SetRGBA(x, y, c)
			}
		}
	}
	fill(0, 0, w, h, color.RGBA{255, 255, 255, 255})
	for y := range min(40, h) {
		fill(0, y, w, y+1, color.RGBA{uint8(40 + y), uint8(44 + y), uint8(52 + y), 255})
	}
	for line, y := 0, 70; y+14 < h-80; line, y = line+1, y+28 {
		for x := 30; x < w/2; x += 9 + (x*7+line*13)%23 {
			gw := 6 + (x+line)%5
			fill(x-1, y, x, y+14, color.RGBA{170, 170, 170, 255})
			fill(x, y, x+gw, y+14, color.RGBA{30, 30, 30, 255})
			fill(x+gw, y+(x%7), x+gw+1, y+14, color.RGBA{120, 120, 120, 255})
		}
	}
	for y := 70; y < h-100; y++ {
		for x := w/2 + 20; x < w-40; x++ {
			m.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x*y/97)%64 + 128), 255})
		}
	}
	fill(w-220, h-70, w-30, h-25, color.RGBA{11, 74, 143, 255})
	return m
}

func encodePNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeGIF(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gif.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// webpHeader is the start of a lossless WebP of w×h pixels: the RIFF
// header and the VP8L chunk's size fields, which is all DecodeConfig
// reads (Go can read WebP but not write it).
func webpHeader(w, h int) []byte {
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(4+8+5))
	b.WriteString("WEBPVP8L")
	binary.Write(&b, binary.LittleEndian, uint32(5))
	b.WriteByte(0x2f)
	binary.Write(&b, binary.LittleEndian, uint32(w-1)|uint32(h-1)<<14)
	return b.Bytes()
}

// pngHeader is a PNG's signature and header chunk claiming w×h pixels,
// with no pixels at all: what a decompression bomb looks like to
// DecodeConfig.
func pngHeader(w, h int) []byte {
	var ihdr bytes.Buffer
	ihdr.WriteString("IHDR")
	binary.Write(&ihdr, binary.BigEndian, uint32(w))
	binary.Write(&ihdr, binary.BigEndian, uint32(h))
	ihdr.Write([]byte{8, 6, 0, 0, 0}) // 8-bit RGBA
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	binary.Write(&b, binary.BigEndian, uint32(ihdr.Len()-4))
	b.Write(ihdr.Bytes())
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(ihdr.Bytes()))
	return b.Bytes()
}

// withOrientation puts an EXIF segment with an orientation tag into a JPEG.
func withOrientation(jpg []byte, o uint16) []byte {
	var tiff bytes.Buffer
	tiff.WriteString("MM\x00\x2a")
	binary.Write(&tiff, binary.BigEndian, uint32(8))
	binary.Write(&tiff, binary.BigEndian, uint16(1))
	binary.Write(&tiff, binary.BigEndian, []uint16{0x0112, 3})
	binary.Write(&tiff, binary.BigEndian, uint32(1))
	binary.Write(&tiff, binary.BigEndian, []uint16{o, 0})
	binary.Write(&tiff, binary.BigEndian, uint32(0))
	app1 := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	var b bytes.Buffer
	b.Write(jpg[:2])
	b.Write([]byte{0xFF, 0xE1})
	binary.Write(&b, binary.BigEndian, uint16(len(app1)+2))
	b.Write(app1)
	b.Write(jpg[2:])
	return b.Bytes()
}

func file(data []byte) *fstest.MapFile { return &fstest.MapFile{Data: data} }

// TestReadSizes reads the size of every format from its header.
func TestReadSizes(t *testing.T) {
	shot := screenshot(1200, 700)
	fsys := fstest.MapFS{
		"a.png":       file(encodePNG(t, shot)),
		"b.jpg":       file(encodeJPEG(t, shot)),
		"c.gif":       file(encodeGIF(t, image.NewPaletted(image.Rect(0, 0, 1100, 300), palette.Plan9))),
		"d.webp":      file(webpHeader(1300, 400)),
		"small.png":   file(encodePNG(t, screenshot(640, 480))),
		"px.svg":      file([]byte(`<?xml version="1.0"?><!-- a logo --><svg xmlns="http://www.w3.org/2000/svg" width="120px" height="30"><rect/></svg>`)),
		"box.svg":     file([]byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640,360"></svg>`)),
		"half.svg":    file([]byte(`<svg width="320" viewBox="0 0 640 360"></svg>`)),
		"percent.svg": file([]byte(`<svg width="100%" height="100%" viewBox="0 0 48 24"></svg>`)),
		"nosize.svg":  file([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>`)),
		"turned.jpg":  file(withOrientation(encodeJPEG(t, shot), 6)),
		"upright.jpg": file(withOrientation(encodeJPEG(t, shot), 1)),
	}
	cases := []struct {
		name, format string
		w, h         int
		variant      bool
	}{
		{"a.png", "png", 1200, 700, true},
		{"b.jpg", "jpeg", 1200, 700, true},
		{"c.gif", "gif", 1100, 300, false}, // may be animated: shown as it is
		{"d.webp", "webp", 1300, 400, false},
		{"small.png", "png", 640, 480, false},
		{"px.svg", "svg", 120, 30, false},
		{"box.svg", "svg", 640, 360, false},
		{"half.svg", "svg", 320, 180, false},
		{"percent.svg", "svg", 48, 24, false},
		{"nosize.svg", "svg", 0, 0, false},
		{"turned.jpg", "jpeg", 700, 1200, false}, // the browser shows it on its side
		{"upright.jpg", "jpeg", 1200, 700, true},
	}
	for _, c := range cases {
		f := Read(fsys, c.name)
		if f.Err != nil || f.Format != c.format || f.Width != c.w || f.Height != c.h || (f.Variant.Width > 0) != c.variant {
			t.Errorf("%s: %+v, want %s %d×%d variant %v", c.name, f, c.format, c.w, c.h, c.variant)
		}
		if f.Bytes != int64(len(fsys[c.name].Data)) {
			t.Errorf("%s: %d bytes, want %d", c.name, f.Bytes, len(fsys[c.name].Data))
		}
	}
	if v := Read(fsys, "a.png").Variant; v != (Size{800, 467}) {
		t.Errorf("variant of 1200×700: %v, want 800×467", v)
	}
}

// TestReadBadFiles: a file that is not an image, a cut-off one and a
// missing one give facts that say so, never a panic.
func TestReadBadFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"text.png":  file([]byte("this is not an image at all")),
		"cut.png":   file(encodePNG(t, screenshot(1200, 700))[:30]),
		"empty.jpg": file(nil),
		"html.svg":  file([]byte(`<html><body>oops</body></html>`)),
		"junk.svg":  file([]byte("\x00\x01 not xml")),
	}
	for name := range fsys {
		if f := Read(fsys, name); f.Err == nil {
			t.Errorf("%s: no error: %+v", name, f)
		} else if u := (&Use{Facts: f}); u.Attrs("x.png", false) != nil {
			t.Errorf("%s: an unreadable image gets attributes %v", name, u.Attrs("x.png", false))
		}
	}
	if f := Read(fsys, "text.png"); !strings.Contains(f.Err.Error(), "not a PNG, JPEG, GIF or WebP") {
		t.Errorf("error in Go's words: %v", f.Err)
	}
	if f := Read(fsys, "gone.png"); !f.Missing {
		t.Errorf("missing file: %+v", f)
	}
}

// TestBombIsNotDecoded: a header claiming 50000×50000 pixels (10 GB to
// decode) gives the size from the header, no smaller copy, and the store
// is never asked to decode it.
func TestBombIsNotDecoded(t *testing.T) {
	fsys := fstest.MapFS{"bomb.png": file(pngHeader(50000, 50000))}
	f := Read(fsys, "bomb.png")
	if f.Err != nil || !f.Huge || f.Width != 50000 || f.Variant.Width != 0 {
		t.Fatalf("bomb: %+v, want huge, 50000 wide, no variant", f)
	}
	u := &Use{Facts: f}
	for _, a := range u.Attrs("bomb.png", false) {
		if a.Name == "srcset" {
			t.Errorf("a bomb gets a srcset: %v", a)
		}
	}
	if n := Read(fstest.MapFS{"ok.png": file(pngHeader(5000, 8000))}, "ok.png"); n.Huge {
		t.Errorf("5000×8000 (40 megapixels) counts as huge")
	}
}

// TestSiblingWins: a writer's own file by the name of the copy keeps it.
func TestSiblingWins(t *testing.T) {
	data := encodePNG(t, screenshot(1200, 700))
	fsys := fstest.MapFS{"shot.png": file(data), "shot.800w.png": file(data)}
	if f := Read(fsys, "shot.png"); f.Variant.Width != 0 {
		t.Errorf("a copy over the writer's shot.800w.png: %+v", f)
	}
}

// TestAttrs: the attributes on a page and in the print book.
func TestAttrs(t *testing.T) {
	fsys := fstest.MapFS{"img/my shot.png": file(encodePNG(t, screenshot(1600, 900))), "small.png": file(encodePNG(t, screenshot(400, 300)))}
	big := Read(fsys, "img/my shot.png")
	got := func(u *Use, dest string, print bool) string {
		var parts []string
		for _, a := range u.Attrs(dest, print) {
			parts = append(parts, a.Name+"="+a.Value)
		}
		return strings.Join(parts, " ")
	}
	cases := []struct {
		u     *Use
		dest  string
		print bool
		want  string
	}{
		{&Use{Facts: big}, "../img/my%20shot.png", false,
			"width=1600 height=900 decoding=async loading=lazy srcset=../img/my%20shot.800w.png 800w, ../img/my%20shot.png 1600w sizes=auto, " + Sizes},
		{&Use{Facts: big, First: true}, "a,b.png", false,
			"width=1600 height=900 decoding=async srcset=a%2Cb.800w.png 800w, a%2Cb.png 1600w sizes=" + Sizes},
		{&Use{Facts: big}, "x.png#top", false, "width=1600 height=900 decoding=async loading=lazy"},
		{&Use{Facts: big}, "../img/my%20shot.png", true, "width=1600 height=900"},
		{&Use{Facts: Read(fsys, "small.png")}, "small.png", false, "width=400 height=300 decoding=async loading=lazy"},
		{&Use{Facts: Facts{Format: "svg"}}, "logo.svg", false, "decoding=async loading=lazy"},
	}
	for _, c := range cases {
		if g := got(c.u, c.dest, c.print); g != c.want {
			t.Errorf("%s (print %v):\n got %s\nwant %s", c.dest, c.print, g, c.want)
		}
	}
}

// TestVariantCached: the first build resizes, the next finds the copy in
// the store, even with a new Store on the same folder (the next run of
// deskbook); the copy is the same bytes every time, of the right size and
// format.
func TestVariantCached(t *testing.T) {
	dir := t.TempDir()
	fsys := fstest.MapFS{
		"a.png": file(encodePNG(t, screenshot(2400, 1500))), // a screenshot of a high-density screen
		"b.jpg": file(encodeJPEG(t, screenshot(1280, 720))),
	}
	first := map[string][]byte{}
	s := NewStore(dir)
	for _, name := range []string{"a.png", "b.jpg"} {
		f := Read(fsys, name)
		b, err := s.Variant(fsys, name, f)
		if err != nil {
			t.Fatal(err)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
		if err != nil || cfg.Width != f.Variant.Width || cfg.Height != f.Variant.Height || format != f.Format {
			t.Errorf("%s: copy is %s %d×%d (%v), want %s %v", name, format, cfg.Width, cfg.Height, err, f.Format, f.Variant)
		}
		if len(b) >= len(fsys[name].Data) {
			t.Errorf("%s: copy of %d bytes is not smaller than the original's %d", name, len(b), len(fsys[name].Data))
		}
		first[name] = b
	}
	if s.Resized() != 2 {
		t.Fatalf("first build resized %d images, want 2", s.Resized())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("store holds %d files, want 2", len(entries))
	}
	again := NewStore(dir)
	for name, want := range first {
		b, err := again.Variant(fsys, name, Read(fsys, name))
		if err != nil || !bytes.Equal(b, want) {
			t.Errorf("%s: second build's copy differs (%v)", name, err)
		}
	}
	if again.Resized() != 0 {
		t.Errorf("second build resized %d images, want 0 (the store has them)", again.Resized())
	}
	// Made again from scratch, the copy is the same bytes.
	fresh := NewStore(t.TempDir())
	if b, _ := fresh.Variant(fsys, "a.png", Read(fsys, "a.png")); !bytes.Equal(b, first["a.png"]) || fresh.Resized() != 1 {
		t.Error("resizing the same image twice gave different bytes")
	}
}

// TestVariantNeverLarger: a picture of flat colours compresses so well
// that its copy, with softened edges, would be larger: narrow screens get
// the original instead.
func TestVariantNeverLarger(t *testing.T) {
	m := image.NewGray(image.Rect(0, 0, 1600, 1000))
	for y := range 1000 {
		for x := range 1600 {
			if (x/7+y/11)%3 == 0 {
				m.SetGray(x, y, color.Gray{255})
			}
		}
	}
	fsys := fstest.MapFS{"flat.png": file(encodePNG(t, m))}
	b, err := NewStore(t.TempDir()).Variant(fsys, "flat.png", Read(fsys, "flat.png"))
	if err != nil || !bytes.Equal(b, fsys["flat.png"].Data) {
		t.Errorf("copy of a flat picture: %d bytes (%v), want the original's %d", len(b), err, len(fsys["flat.png"].Data))
	}
}

// TestVariantKeepsPalette: an optimised screenshot with a palette gets a
// copy with that palette (in full colour it would be larger than the
// original), and smaller than the original.
func TestVariantKeepsPalette(t *testing.T) {
	pal := image.NewPaletted(image.Rect(0, 0, 1600, 1000), palette.WebSafe)
	for i := range pal.Pix { // bands of colour, a few pixels each way
		x, y := i%1600, i/1600
		pal.Pix[i] = uint8((x/6*7 + y/9*13) % len(palette.WebSafe))
	}
	fsys := fstest.MapFS{"p.png": file(encodePNG(t, pal))}
	s := NewStore(t.TempDir())
	pb, _ := s.Variant(fsys, "p.png", Read(fsys, "p.png"))
	m, err := png.Decode(bytes.NewReader(pb))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.(*image.Paletted); !ok {
		t.Errorf("copy of a paletted PNG is %T", m)
	}
	if len(pb) >= len(fsys["p.png"].Data) {
		t.Errorf("copy of %d bytes, the original %d", len(pb), len(fsys["p.png"].Data))
	}
}

// TestVariantOfBrokenPixels: a PNG whose header reads but whose pixels
// are cut off cannot be resized; its copy is the original, and nothing
// is kept in the store.
func TestVariantOfBrokenPixels(t *testing.T) {
	full := encodePNG(t, screenshot(1600, 1000))
	fsys := fstest.MapFS{"cut.png": file(full[:len(full)/2])}
	f := Read(fsys, "cut.png")
	if f.Err != nil || f.Variant.Width == 0 {
		t.Fatalf("cut-off PNG: %+v, want its header read", f)
	}
	dir := filepath.Join(t.TempDir(), "store")
	s := NewStore(dir)
	b, err := s.Variant(fsys, "cut.png", f)
	if err != nil || !bytes.Equal(b, fsys["cut.png"].Data) || s.Resized() != 0 {
		t.Errorf("copy of a broken PNG: %d bytes, %v, %d resized; want the original", len(b), err, s.Resized())
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("the store kept something for a broken image")
	}
}

// BenchmarkVariant measures what a build pays to resize one 1600×1000
// screenshot (decode, scale, encode), which the store saves every build
// after the first.
func BenchmarkVariant(b *testing.B) {
	for _, c := range []struct {
		name string
		data []byte
	}{{"png", encodePNG(b, screenshot(1600, 1000))}, {"jpeg", encodeJPEG(b, screenshot(1600, 1000))}} {
		b.Run(c.name, func(b *testing.B) {
			size := Size{800, 500}
			for b.Loop() {
				if _, err := resize(c.data, size); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRead measures what every build pays per image: the header.
func BenchmarkRead(b *testing.B) {
	fsys := fstest.MapFS{"a.png": file(encodePNG(b, screenshot(1600, 1000)))}
	for b.Loop() {
		Read(fsys, "a.png")
	}
}
