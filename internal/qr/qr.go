// Package qr draws the QR codes printed pages carry: a reader with the page
// on paper scans it to open the page online.
package qr

import (
	"errors"
	"html"
	"strconv"
	"strings"
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
	var (
		best      [][]bool
		bestMask  coding.Mask
		bestScore int
	)
	for m := coding.Mask(0); m < 8; m++ {
		grid, err := q.masked(enc, v, m)
		if err != nil {
			return nil, 0, err
		}
		if s := qrPenalty(grid); best == nil || s < bestScore {
			best, bestMask, bestScore = grid, m, s
		}
	}
	return best, bestMask, nil
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

// masked is the code of enc in version v with mask m, as rows of modules.
func (q *Coder) masked(enc coding.Encoding, v coding.Version, m coding.Mask) ([][]bool, error) {
	p, err := q.plan(v, m)
	if err != nil {
		return nil, err
	}
	c, err := p.Encode(enc)
	if err != nil {
		return nil, err
	}
	grid := make([][]bool, c.Size)
	cells := make([]bool, c.Size*c.Size)
	for y := range grid {
		grid[y] = cells[y*c.Size : (y+1)*c.Size]
		for x := range grid[y] {
			grid[y][x] = c.Black(x, y)
		}
	}
	return grid, nil
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

// SVG draws a QR code for text as inline SVG: one path of black runs, no
// image file and no script, the same bytes for the same text. The quiet
// zone of four modules that scanners need is part of the viewBox. It
// returns "" when the text does not fit in a QR code.
func (q *Coder) SVG(text, label string) string {
	bits, _, err := q.modules(text)
	if err != nil {
		return ""
	}
	n := len(bits)
	var b strings.Builder
	b.Grow(64 + n*n/2)
	side := strconv.Itoa(n + 8)
	b.WriteString(`<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="-4 -4 ` + side + ` ` + side + `" shape-rendering="crispEdges" role="img" aria-label="`)
	b.WriteString(html.EscapeString(label))
	b.WriteString(`"><rect x="-4" y="-4" width="` + side + `" height="` + side + `" fill="#fff"/><path stroke="#000" d="`)
	for y, row := range bits {
		// Each run of black modules is a line one module thick along the
		// middle of its row; within a row the pen moves relatively, which
		// keeps the path short.
		pen := -1
		for x := 0; x < n; {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < n && row[x] {
				x++
			}
			if pen < 0 {
				b.WriteString("M" + strconv.Itoa(start) + " " + strconv.Itoa(y) + ".5")
			} else {
				b.WriteString("m" + strconv.Itoa(start-pen) + " 0")
			}
			b.WriteString("h" + strconv.Itoa(x-start))
			pen = x
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String()
}
