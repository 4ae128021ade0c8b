package qr

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gzqr "github.com/makiuchi-d/gozxing/qrcode"
	"rsc.io/qr/coding"
)

// TestQRCodeScans decodes drawn QR codes with an independent reader
// (ZXing's Go port), so the image is known to be a scannable code: short
// links, long addresses (versions with version information), Cyrillic
// (byte mode), digits and upper-case text (the numeric and alphanumeric
// modes). Across them the penalty rules must choose several masks, and
// each chosen mask must score lowest.
func TestQRCodeScans(t *testing.T) {
	texts := []string{
		"https://help.acme.example/docs/en/errors/disk-full/",
		"https://help.tillbook.example/uk/pomylky/tb-1001/",
		"https://help.tillbook.example/uk/помилки/база-даних-заблокована/",
		"0123456789012345",
		"HTTPS://HELP.EXAMPLE/A/1004/",
		"https://help.tillbook.example/en/" + strings.Repeat("long-path-segment/", 12),
	}
	for id := 1000; id < 1040; id++ {
		texts = append(texts, "https://help.tillbook.example/a/"+strconv.Itoa(id)+"/")
	}
	var q Coder
	masks := map[int]bool{}
	for _, text := range texts {
		img := q.Image(text, "label")
		if img != q.Image(text, "label") {
			t.Fatalf("QR code not deterministic")
		}
		if got := scanQRImage(t, img); got != text {
			t.Errorf("QR code reads %q, want %q", got, text)
		}
		grid, mask, err := q.modules(text)
		if err != nil {
			t.Fatal(err)
		}
		masks[int(mask)] = true
		// The chosen mask scores lowest of the eight.
		best := qrPenalty(grid)
		for m := range 8 {
			other := withMask(t, &q, text, m)
			if s := qrPenalty(other); s < best {
				t.Errorf("%s: mask %d scores %d, below the chosen mask %d's %d", text, m, s, mask, best)
			}
		}
	}
	if len(masks) < 4 {
		t.Errorf("%d texts used only the masks %v: the penalty does not choose", len(texts), masks)
	}
	if q.Image(strings.Repeat("x", 3000), "label") != "" {
		t.Errorf("a text too long for a QR code still drew one")
	}
}

// withMask is text's QR code with mask m, chosen or not.
func withMask(t *testing.T, q *Coder, text string, m int) [][]bool {
	t.Helper()
	enc, v, err := qrEncoding(text)
	if err != nil {
		t.Fatal(err)
	}
	grid, err := q.masked(enc, v, coding.Mask(m))
	if err != nil {
		t.Fatal(err)
	}
	return grid
}

// scanQRImage decodes the PNG of a QR code's <img> with ZXing, and checks
// the element: a class for the theme, the label as alt text.
func scanQRImage(t *testing.T, tag string) string {
	t.Helper()
	m := regexp.MustCompile(`^<img class="qr" src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="label">$`).FindStringSubmatch(tag)
	if m == nil {
		t.Fatalf("not a QR code's <img>: %s", tag)
	}
	data, err := base64.StdEncoding.DecodeString(m[1])
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// A square, white in the quiet zone and black at the corner of the
	// top-left finder pattern, a module of scale pixels.
	grey := func(x, y int) uint32 { r, _, _, _ := img.At(x, y).RGBA(); return r }
	if r := img.Bounds(); r.Dx() != r.Dy() || grey(0, 0) != 0xffff || grey(4*scale-1, 4*scale-1) != 0xffff || grey(4*scale, 4*scale) != 0 || grey(5*scale-1, 5*scale-1) != 0 {
		t.Errorf("image %v: want a square with a white quiet zone of 4 modules of %d pixels", r, scale)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gzqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("the QR code does not scan: %v", err)
	}
	return res.GetText()
}

// BenchmarkQR is one article's QR code: a short link, drawn as a PNG. A site
// draws one per article on every build.
func BenchmarkQR(b *testing.B) {
	var q Coder
	i := 0
	for b.Loop() {
		i++
		if q.Image("https://help.tillbook.example/a/"+strconv.Itoa(1000+i%9000)+"/", "Scan") == "" {
			b.Fatal("no QR code")
		}
	}
}

// TestPenaltyBitsAgrees checks that the penalty worked out on bits is the
// reference's for every mask of codes of every size the bits take, and of
// one too big for them.
func TestPenaltyBitsAgrees(t *testing.T) {
	var q Coder
	for n := 1; n <= 120; n += 7 {
		text := "https://help.tillbook.example/a/" + strings.Repeat("x", n) + "/"
		enc, v, err := qrEncoding(text)
		if err != nil {
			t.Fatal(err)
		}
		for m := range 8 {
			c, err := q.code(dataBytes(enc, v), v, coding.Mask(m))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := penalty(c), qrPenalty(grid(c)); got != want {
				t.Errorf("version %d (%d modules), mask %d: penalty %d, reference %d", v, c.Size, m, got, want)
			}
		}
	}
}

// TestCodeIsPlanEncode checks that a code made from the data bytes made
// once is, bit for bit, the one rsc.io/qr's Plan.Encode makes, for every
// mask of texts of many lengths and of each encoding mode.
func TestCodeIsPlanEncode(t *testing.T) {
	var q Coder
	var texts []string
	for n := 0; n <= 300; n += 13 {
		texts = append(texts, "https://help.example/a/"+strings.Repeat("y", n)+"/", strings.Repeat("7", n+1), "HTTPS://A.EXAMPLE/"+strings.Repeat("B", n))
	}
	for _, text := range texts {
		enc, v, err := qrEncoding(text)
		if err != nil {
			t.Fatal(err)
		}
		for m := range 8 {
			p, err := coding.NewPlan(v, qrLevel, coding.Mask(m))
			if err != nil {
				t.Fatal(err)
			}
			want, err := p.Encode(enc)
			if err != nil {
				t.Fatal(err)
			}
			got, err := q.code(dataBytes(enc, v), v, coding.Mask(m))
			if err != nil {
				t.Fatal(err)
			}
			if got.Size != want.Size || got.Stride != want.Stride || !bytes.Equal(got.Bitmap, want.Bitmap) {
				t.Errorf("%.30q… (version %d), mask %d: the code differs from Plan.Encode's", text, v, m)
			}
		}
	}
}
