package picture

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"sync/atomic"

	xdraw "golang.org/x/image/draw"
)

// recipe names how copies are made; a change to resize or its settings
// changes it, so that copies made the old way are not used.
const recipe = "catmullrom-1"

// Store keeps the smaller copies of images in a folder of the cache, by
// the hash of the original's bytes, so an image is resized once, not on
// every build. The folder can be deleted at any time.
type Store struct {
	dir     string
	resized atomic.Int64
}

// NewStore keeps copies in dir, which is made when first needed.
func NewStore(dir string) *Store { return &Store{dir: dir} }

// Resized is how many copies the store made rather than found.
func (s *Store) Resized() int { return int(s.resized.Load()) }

// Variant returns the smaller copy (Facts.Variant) of the image at p in
// fsys: from the store when it was made before, else made now and kept.
// A file whose header reads but whose pixels do not (cut short, say)
// cannot be resized: its copy is the original, so the page's srcset
// still leads to a picture; so is a copy that would be larger. The same bytes give the same copy, byte for
// byte, on every build.
func (s *Store) Variant(fsys fs.FS, p string, f Facts) ([]byte, error) {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	name := filepath.Join(s.dir, hex.EncodeToString(sum[:16])+"-"+strconv.Itoa(f.Variant.Width)+"-"+recipe+path.Ext(p))
	if b, err := os.ReadFile(name); err == nil && len(b) > 0 {
		return b, nil
	}
	b, err := resize(data, f.Variant)
	if err != nil {
		return data, nil
	}
	if len(b) >= len(data) {
		// Flat colours compress so well that a copy with softened edges
		// can be larger: then the original serves narrow screens too.
		b = data
	}
	s.resized.Add(1)
	s.keep(name, b)
	return b, nil
}

// keep writes a copy into the store, whole or not at all. A store that
// cannot be written to costs the next build time, never the build.
func (s *Store) keep(name string, b []byte) {
	if os.MkdirAll(s.dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(s.dir, ".new-*")
	if err != nil {
		return
	}
	_, err = tmp.Write(b)
	if err = errors.Join(err, tmp.Close()); err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}

// resize decodes an image and scales it to size with Catmull-Rom (text
// stays sharp; bilinear is blurred, or, approximated, drops pixels when
// the copy is less than half the size), in the original's format:
// a PNG stays a PNG (with its palette, if it had one, so an optimised
// screenshot's copy is not larger than the original), a JPEG a JPEG.
func resize(data []byte, size Size) ([]byte, error) {
	src, format, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	rect := image.Rect(0, 0, size.Width, size.Height)
	scaled := image.NewRGBA(rect)
	xdraw.CatmullRom.Scale(scaled, rect, src, src.Bounds(), xdraw.Src, nil)
	var out image.Image = scaled
	if pal, ok := src.(*image.Paletted); ok {
		out = toPalette(scaled, pal.Palette)
	}
	var b bytes.Buffer
	if format == "jpeg" {
		err = jpeg.Encode(&b, out, &jpeg.Options{Quality: 85})
	} else {
		err = png.Encode(&b, out) // BestCompression: 1% smaller, six times slower
	}
	return b.Bytes(), err
}

// toPalette maps every pixel to its nearest colour of p. A screenshot's
// copy has a few thousand colours among its pixels, so each is looked for
// once (image/draw looks for every pixel's, a hundred times slower).
func toPalette(m *image.RGBA, p color.Palette) *image.Paletted {
	out := image.NewPaletted(m.Rect, p)
	near := map[[4]uint8]uint8{}
	for i := 0; i < len(m.Pix); i += 4 {
		c := [4]uint8(m.Pix[i : i+4])
		k, ok := near[c]
		if !ok {
			k = uint8(p.Index(color.RGBA{c[0], c[1], c[2], c[3]}))
			near[c] = k
		}
		out.Pix[i/4] = k
	}
	return out
}
