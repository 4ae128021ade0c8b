// Package picture holds what deskbook knows of the images articles show:
// their size, read from the file's header without decoding its pixels, so
// a page can reserve their space before they load; the attributes of an
// <img> that follow from it; and, for a wide screenshot, a smaller copy
// for narrow screens, made once and kept in the cache folder by the
// content's hash (Store).
package picture

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // screenshots come as PNG, JPEG, GIF or WebP
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"

	_ "golang.org/x/image/webp"
)

// The sizes deskbook works with.
const (
	// MinWidth is the width above which a PNG or JPEG gets a smaller copy.
	MinWidth = 960
	// VariantWidth is the smaller copy's width: the default theme's text
	// column (44rem of 18px, 792 px) on a screen of one pixel per CSS
	// pixel, and a phone 360–400 px wide with two.
	VariantWidth = 800
	// MaxPixels is the most pixels deskbook decodes (40 million: an 8K
	// screenshot, or a page 1440 px wide and 27,000 px long). A file whose
	// header claims more would take gigabytes to decode, as a decompression
	// bomb does: it is shown as it is, without a smaller copy.
	MaxPixels = 40_000_000
	// Sizes tells the browser how wide the default theme shows an image,
	// to choose between the copy and the file before the page is laid out:
	// the width of a phone but for the page's margins; else the text
	// column in the largest text size (44rem of 26px), so a reader who
	// chose large text never gets a blurred copy. A lazy image says "auto"
	// first: a browser that knows it uses the width the image is laid out
	// at, and the copy serves normal text on a desktop screen too.
	Sizes = "(max-width: 828px) calc(100vw - 36px), 1144px"
)

// Facts is what a page needs of an image file.
type Facts struct {
	Format        string // png, jpeg, gif, webp or svg; "" when the file is no image deskbook reads
	Width, Height int    // in pixels; 0 when unknown (an SVG that gives no size)
	Bytes         int64
	Err           error // the file could not be read as an image
	Missing       bool  // the file could not be opened
	Huge          bool  // more than MaxPixels: not decoded, no smaller copy
	Variant       Size  // the smaller copy for narrow screens; zero when there is none
}

// String is what a page shows of the file, as text: two files with the
// same String are shown alike (the caches of the build compare it).
func (f Facts) String() string {
	return fmt.Sprintf("%s %d %d %d %t %t %t %v", f.Format, f.Width, f.Height, f.Bytes, f.Err != nil, f.Missing, f.Huge, f.Variant)
}

// Size is the size of an image in pixels.
type Size struct{ Width, Height int }

// Read learns the facts of the image file at p in fsys from its header
// (image.DecodeConfig), or for SVG from its root element, reading only
// the start of the file.
func Read(fsys fs.FS, p string) Facts {
	f, err := fsys.Open(p)
	if err != nil {
		return Facts{Missing: true}
	}
	defer f.Close()
	var facts Facts
	if fi, err := f.Stat(); err == nil {
		facts.Bytes = fi.Size()
	}
	r := bufio.NewReaderSize(f, 1<<16)
	head, _ := r.Peek(1 << 16) // what DecodeConfig reads, and any EXIF
	if strings.EqualFold(path.Ext(p), ".svg") {
		facts.Format = "svg"
		facts.Width, facts.Height, facts.Err = svgSize(r)
		return facts
	}
	cfg, format, err := image.DecodeConfig(r)
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			err = errors.New("not a PNG, JPEG, GIF or WebP image")
		}
		facts.Err = err
		return facts
	}
	facts.Format, facts.Width, facts.Height = format, cfg.Width, cfg.Height
	facts.Huge = int64(cfg.Width)*int64(cfg.Height) > MaxPixels
	turned := 0
	if format == "jpeg" {
		// A photo the browser turns on its side: its size is the other
		// way round, and it gets no copy (the copy would not be turned).
		if turned = jpegOrientation(bytes.NewReader(head)); turned >= 5 {
			facts.Width, facts.Height = facts.Height, facts.Width
		}
	}
	if (format == "png" || format == "jpeg") && turned <= 1 && cfg.Width > MinWidth && !facts.Huge && !siblingTaken(fsys, p) {
		facts.Variant = Size{VariantWidth, max(1, (cfg.Height*VariantWidth+cfg.Width/2)/cfg.Width)}
	}
	return facts
}

// siblingTaken reports whether the content folder holds a file by the
// name the smaller copy would take: the writer's file wins.
func siblingTaken(fsys fs.FS, p string) bool {
	_, err := fs.Stat(fsys, VariantPath(p))
	return err == nil
}

// VariantPath is the path (or URL) of an image's smaller copy, beside it:
// shot.png → shot.800w.png.
func VariantPath(p string) string {
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + "." + strconv.Itoa(VariantWidth) + "w" + ext
}

// File is one file of the content folder whose facts are read when first
// asked for, once, however many articles and goroutines ask. A build
// makes one per file; deskbook serve a new one when the file changes.
type File struct {
	fsys  fs.FS
	path  string
	once  sync.Once
	facts Facts
}

// NewFile is the file at p in fsys, not read yet.
func NewFile(fsys fs.FS, p string) *File { return &File{fsys: fsys, path: p} }

// Facts returns the file's facts; a nil File's are those of a missing one.
func (f *File) Facts() Facts {
	if f == nil {
		return Facts{Missing: true}
	}
	f.once.Do(func() { f.facts = Read(f.fsys, f.path) })
	return f.facts
}

// Use is one image in an article: its file's facts, and whether it is
// the article's first, which is likely in view when the page opens.
type Use struct {
	Facts
	First bool
}

// Attr is an attribute of an <img>.
type Attr struct{ Name, Value string }

// Attrs are the attributes of an <img> showing the file at dest (the
// link from the page): its size, so the page does not move when it
// loads; on a page, decoding off the main thread, lazy loading but for
// the first image, and the smaller copy for narrow screens (srcset). The
// print book (print) shows every image whole, loaded at once. A file that
// could not be read gets none: it is shown as it is.
func (u *Use) Attrs(dest string, print bool) []Attr {
	if u.Err != nil || u.Missing {
		return nil
	}
	var out []Attr
	if u.Width > 0 && u.Height > 0 {
		out = append(out, Attr{"width", strconv.Itoa(u.Width)}, Attr{"height", strconv.Itoa(u.Height)})
	}
	if print {
		return out
	}
	out = append(out, Attr{"decoding", "async"})
	if !u.First {
		out = append(out, Attr{"loading", "lazy"})
	}
	if u.Variant.Width > 0 && !strings.ContainsAny(dest, "?#") {
		// A comma ends a candidate in srcset; in a URL it may be escaped.
		src := strings.ReplaceAll(dest, ",", "%2C")
		out = append(out,
			Attr{"srcset", fmt.Sprintf("%s %dw, %s %dw", VariantPath(src), u.Variant.Width, src, u.Width)},
			Attr{"sizes", sizes(u.First)})
	}
	return out
}

// sizes is the sizes attribute of an image: with "auto" when it loads
// lazily (browsers use auto only then).
func sizes(first bool) string {
	if first {
		return Sizes
	}
	return "auto, " + Sizes
}
