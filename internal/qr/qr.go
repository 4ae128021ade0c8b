// Package qr draws the QR codes printed pages carry: a reader with the page
// on paper scans it to open the page online.
package qr

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"html"
	"sync"

	"rsc.io/qr/coding"
)

// qrLevel is the error correction of every QR code: level M restores 15%
// of the code, enough for a crease or a pen mark on paper.
const qrLevel = coding.M

// Coder makes QR codes. rsc.io/qr's coding package encodes a code with a
// given mask in microseconds (go-qrcode, used before, took 0.4 ms a code,
// most of it in Reed-Solomon arithmetic that allocates at every step) and
// leaves the choice of mask to its caller: Coder tries all eight and
// keeps the one with the lowest penalty score of ISO/IEC 18004 (§7.8.3), as
// the standard asks, because long runs, blocks and finder-like patterns
// make a code harder to scan. A site has a QR code on every printable
// page, so this is a measurable part of a build.
//
// A Coder is safe for concurrent use. Its zero value is ready.
type Coder struct {
	mu    sync.Mutex
	plans map[qrPlanKey]*coding.Plan // making a plan costs more than encoding with it
	zlibs sync.Pool                  // *zlib.Writer: a new one allocates its tables, a used one clears them
}

type qrPlanKey struct {
	v coding.Version
	m coding.Mask
}

func (q *Coder) plan(v coding.Version, m coding.Mask) (*coding.Plan, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	k := qrPlanKey{v, m}
	if p := q.plans[k]; p != nil {
		return p, nil
	}
	p, err := coding.NewPlan(v, qrLevel, m)
	if err != nil {
		return nil, err
	}
	if q.plans == nil {
		q.plans = map[qrPlanKey]*coding.Plan{}
	}
	q.plans[k] = p
	return p, nil
}

// modules returns the QR code for text as rows of modules, true for
// black, without the quiet zone, and the mask it chose.
func (q *Coder) modules(text string) ([][]bool, coding.Mask, error) {
	enc, v, err := qrEncoding(text)
	if err != nil {
		return nil, 0, err
	}
	data := dataBytes(enc, v)
	var (
		best      *coding.Code
		bestMask  coding.Mask
		bestScore int
	)
	for m := coding.Mask(0); m < 8; m++ {
		c, err := q.code(data, v, m)
		if err != nil {
			return nil, 0, err
		}
		if s := penalty(c); best == nil || s < bestScore {
			best, bestMask, bestScore = c, m, s
		}
	}
	return grid(best), bestMask, nil
}

// dataBytes is enc's data followed by its error correction, in version v:
// the bytes a code carries whatever its mask.
func dataBytes(enc coding.Encoding, v coding.Version) []byte {
	var b coding.Bits
	enc.Encode(&b, v)
	b.AddCheckBytes(v, qrLevel)
	return b.Bytes()
}

// qrEncoding picks the densest of rsc.io/qr's modes that holds text and
// the smallest version that holds it.
func qrEncoding(text string) (coding.Encoding, coding.Version, error) {
	var enc coding.Encoding
	switch {
	case coding.Num(text).Check() == nil:
		enc = coding.Num(text)
	case coding.Alpha(text).Check() == nil:
		enc = coding.Alpha(text)
	default:
		enc = coding.String(text)
	}
	v := coding.Version(coding.MinVersion)
	for enc.Bits(v) > v.DataBytes(qrLevel)*8 {
		if v++; v > coding.MaxVersion {
			return nil, 0, errors.New("too long for a QR code")
		}
	}
	return enc, v, nil
}

// code is the code of data (see dataBytes) in version v with mask m.
// It is rsc.io/qr's Plan.Encode without the encoding: that would make the
// same data bytes and error correction once for each of the eight masks,
// and the Reed-Solomon code was nearly half of a QR code's time.
func (q *Coder) code(data []byte, v coding.Version, m coding.Mask) (*coding.Code, error) {
	p, err := q.plan(v, m)
	if err != nil {
		return nil, err
	}
	c := &coding.Code{Size: len(p.Pixel), Stride: (len(p.Pixel) + 7) &^ 7}
	c.Bitmap = make([]byte, c.Stride*c.Size)
	for y, row := range p.Pixel {
		crow := c.Bitmap[y*c.Stride:]
		for x, pix := range row {
			if r := pix.Role(); r == coding.Data || r == coding.Check {
				if o := pix.Offset(); data[o/8]&(1<<(7-o&7)) != 0 {
					pix ^= coding.Black
				}
			}
			if pix&coding.Black != 0 {
				crow[x/8] |= 1 << (7 - x&7)
			}
		}
	}
	return c, nil
}

// masked is the code of enc in version v with mask m, as rows of modules.
func (q *Coder) masked(enc coding.Encoding, v coding.Version, m coding.Mask) ([][]bool, error) {
	c, err := q.code(dataBytes(enc, v), v, m)
	if err != nil {
		return nil, err
	}
	return grid(c), nil
}

// grid is a code as rows of modules.
func grid(c *coding.Code) [][]bool {
	g := make([][]bool, c.Size)
	cells := make([]bool, c.Size*c.Size)
	for y := range g {
		g[y] = cells[y*c.Size : (y+1)*c.Size]
		for x := range g[y] {
			g[y][x] = c.Black(x, y)
		}
	}
	return g
}

// qrPenalty scores a masked QR code by the four rules of ISO/IEC 18004
// §7.8.3; the mask with the lowest score is the one to use. The area
// around the code counts as light, as a printed code's quiet zone is.
func qrPenalty(grid [][]bool) int {
	n := len(grid)
	score, dark := 0, 0
	col := make([]bool, n)
	for i := range n {
		row := grid[i]
		for j := range n {
			col[j] = grid[j][i]
		}
		score += qrLinePenalty(row) + qrLinePenalty(col)
		for x, b := range row {
			if b {
				dark++
			}
			// Rule 2: each 2×2 block of one colour.
			if x+1 < n && i+1 < n && b == row[x+1] && b == grid[i+1][x] && b == grid[i+1][x+1] {
				score += 3
			}
		}
	}
	// Rule 4: ten points for every 5% that the share of dark modules is
	// away from half.
	total := n * n
	diff := dark*20 - total*10
	if diff < 0 {
		diff = -diff
	}
	return score + ((diff+total-1)/total-1)*10
}

// qrLinePenalty scores one row or column by rules 1 and 3.
func qrLinePenalty(line []bool) int {
	score, run := 0, 0
	var hist uint32 // the latest modules, newest in bit 0; light before the code
	for i, b := range line {
		// Rule 1: runs of five or more modules of one colour.
		if i > 0 && b == line[i-1] {
			run++
		} else {
			if run >= 5 {
				score += run - 2
			}
			run = 1
		}
		hist <<= 1
		if b {
			hist |= 1
		}
		score += qrFinderLike(hist)
	}
	if run >= 5 {
		score += run - 2
	}
	for range 4 { // the light quiet zone after the code
		hist <<= 1
		score += qrFinderLike(hist)
	}
	return score
}

// qrFinderLike is rule 3: 40 points when the latest eleven modules are
// dark and light 1:1:3:1:1 with four light modules before or after, a
// false finder pattern.
func qrFinderLike(hist uint32) int {
	if h := hist & 0x7ff; h == 0x5d0 || h == 0x05d {
		return 40
	}
	return 0
}

// scale is how many pixels wide a module of the image is. Browsers and
// PDF viewers that honour image-rendering: pixelated show the image sharp
// at any size; the others smooth it when they enlarge it, which blurs a
// module's edge over a quarter of it at this scale, not over all of it.
// Four times the pixels cost 40 bytes more a code than one.
const scale = 4

// Image draws a QR code for text as an <img> of a PNG in a data: URL: a
// black-and-white image of one bit a pixel is about 300 bytes (400 in
// base64), a quarter of the same code as an SVG path of its runs, and
// every printable page carries one. No image file, no script, the same
// bytes for the same text. The quiet zone of four modules that scanners
// need is part of the image, and label is its alt text. It returns ""
// when the text does not fit in a QR code.
func (q *Coder) Image(text, label string) string {
	bits, _, err := q.modules(text)
	if err != nil {
		return ""
	}
	return `<img class="qr" src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(q.png(bits)) +
		`" alt="` + html.EscapeString(label) + `">`
}

// png encodes the modules as a PNG of one bit a pixel, grey (0 black, 1
// white), scale pixels a module, with the quiet zone. image/png would read
// such an image pixel by pixel through an interface, and filters no rows
// of a paletted one: 0.6 ms a code. Here a module's first row is written
// as it is and its other rows with the "Up" filter, as zeros, which
// deflate makes almost nothing of: a tenth of the time.
func (q *Coder) png(bits [][]bool) []byte {
	side := (len(bits) + 8) * scale
	stride := (side + 7) / 8
	raw := make([]byte, 0, side*(stride+1))
	for y := range side {
		m := y/scale - 4
		if y%scale != 0 {
			raw = append(raw, 2) // Up: the same as the row above
			raw = append(raw, make([]byte, stride)...)
			continue
		}
		raw = append(raw, 0) // None: the pixels as they are
		row := len(raw)
		for range stride {
			raw = append(raw, 0xff)
		}
		if m < 0 || m >= len(bits) {
			continue
		}
		for x, black := range bits[m] {
			for px := (x + 4) * scale; black && px < (x+5)*scale; px++ {
				raw[row+px/8] &^= 0x80 >> (px % 8)
			}
		}
	}
	var idat bytes.Buffer
	zw, _ := q.zlibs.Get().(*zlib.Writer)
	if zw == nil {
		zw = zlib.NewWriter(&idat)
	} else {
		zw.Reset(&idat)
	}
	zw.Write(raw)
	zw.Close()
	q.zlibs.Put(zw)

	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(side))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(side))
	ihdr = append(ihdr, 1, 0, 0, 0, 0) // 1 bit, grey, deflate, adaptive filters, not interlaced
	pngChunk(&b, "IHDR", ihdr)
	pngChunk(&b, "IDAT", idat.Bytes())
	pngChunk(&b, "IEND", nil)
	return b.Bytes()
}

// pngChunk writes one chunk of a PNG: length, type, data, CRC.
func pngChunk(b *bytes.Buffer, kind string, data []byte) {
	b.Write(binary.BigEndian.AppendUint32(nil, uint32(len(data))))
	b.WriteString(kind)
	b.Write(data)
	crc := crc32.NewIEEE()
	crc.Write([]byte(kind))
	crc.Write(data)
	b.Write(binary.BigEndian.AppendUint32(nil, crc.Sum32()))
}
