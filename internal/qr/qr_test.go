package qr

import (
	"image"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gzqr "github.com/makiuchi-d/gozxing/qrcode"
	"rsc.io/qr/coding"
)

// TestQRCodeScans decodes drawn QR codes with an independent reader
// (ZXing's Go port), so the SVG path is known to be a scannable code: short
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
		svg := string(q.SVG(text, "label"))
		if svg != string(q.SVG(text, "label")) {
			t.Fatalf("QR code not deterministic")
		}
		if got := scanQRSVG(t, svg); got != text {
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
	if q.SVG(strings.Repeat("x", 3000), "label") != "" {
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

// scanQRSVG draws the path of a QR code's SVG ("M x y.5" starts a row,
// "m dx 0" moves right, "h w" draws w modules) and decodes it with ZXing.
func scanQRSVG(t *testing.T, svg string) string {
	t.Helper()
	m := regexp.MustCompile(`viewBox="-4 -4 (\d+) `).FindStringSubmatch(svg)
	if m == nil {
		t.Fatalf("no viewBox: %s", svg)
	}
	side, _ := strconv.Atoi(m[1]) // modules, quiet zone included
	const scale = 6
	img := image.NewGray(image.Rect(0, 0, side*scale, side*scale))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	d := regexp.MustCompile(`d="([^"]*)"`).FindAllStringSubmatch(svg, -1)
	x, y := 0, 0
	for _, c := range regexp.MustCompile(`([Mmh])(\d+)(?: (\d+)(\.5)?)?`).FindAllStringSubmatch(d[len(d)-1][1], -1) {
		v, _ := strconv.Atoi(c[2])
		switch c[1] {
		case "M":
			x = v
			y, _ = strconv.Atoi(c[3])
		case "m":
			x += v
		case "h":
			for px := (x + 4) * scale; px < (x+4+v)*scale; px++ {
				for py := (y + 4) * scale; py < (y+5)*scale; py++ {
					img.SetGray(px, py, color.Gray{0})
				}
			}
			x += v
		}
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

// BenchmarkQR is one article's QR code: a short link, drawn as SVG. A site
// draws one per article on every build.
func BenchmarkQR(b *testing.B) {
	var q Coder
	i := 0
	for b.Loop() {
		i++
		if q.SVG("https://help.tillbook.example/a/"+strconv.Itoa(1000+i%9000)+"/", "Scan") == "" {
			b.Fatal("no QR code")
		}
	}
}
