package qr

import (
	"math/bits"

	"rsc.io/qr/coding"
)

// The penalty of a code, worked out on rows and columns held as bits:
// every article page carries a QR code and each is scored with all eight
// masks, so scoring module by module was a tenth of a whole build's time.
// qrPenalty, module by module, stays as the reference the tests compare
// with, and scores the codes too big for bits.

// maxBitsSide is the largest code scored with bits: a line, with ten
// light modules before it and four after, must fit in 64 bits for the
// finder-like windows (version 7, 45 modules; a short link needs 2 to 4).
const maxBitsSide = 64 - 10 - 4 - 4

// penalty scores a masked code by the rules of ISO/IEC 18004 §7.8.3, the
// same score as qrPenalty.
func penalty(c *coding.Code) int {
	n := c.Size
	if n > maxBitsSide {
		return qrPenalty(grid(c))
	}
	var rows, cols [maxBitsSide]uint64
	for y := range n {
		// A row's bytes hold its modules left to right, the first in the
		// high bit; bit x of rows[y] is module x.
		for k, b := range c.Bitmap[y*c.Stride : y*c.Stride+(n+7)/8] {
			rows[y] |= uint64(bits.Reverse8(b)) << (8 * k)
		}
		rows[y] &= 1<<n - 1
		for r := rows[y]; r != 0; r &= r - 1 {
			cols[bits.TrailingZeros64(r)] |= 1 << y
		}
	}
	score, dark := 0, 0
	edge := uint64(1)<<(n-1) - 1 // the positions x that have an x+1
	for i := range n {
		score += linePenalty(rows[i], n) + linePenalty(cols[i], n)
		dark += bits.OnesCount64(rows[i])
		if i+1 < n {
			// Rule 2: each 2×2 block of one colour.
			r0, r1 := rows[i], rows[i+1]
			block := ^(r0 ^ r1) & ^(r0 ^ r0>>1) & ^(r1 ^ r1>>1) & edge
			score += 3 * bits.OnesCount64(block)
		}
	}
	total := n * n
	diff := dark*20 - total*10
	if diff < 0 {
		diff = -diff
	}
	return score + ((diff+total-1)/total-1)*10
}

// linePenalty scores one row or column of n modules (bit i is module i)
// by rules 1 and 3, as qrLinePenalty does.
func linePenalty(v uint64, n int) int {
	score := 0
	// Rule 1: runs of five or more modules of one colour.
	for pos := 0; pos < n; {
		x := v >> pos
		if x&1 == 0 {
			x = ^x
		}
		run := min(bits.TrailingZeros64(^x), n-pos)
		if run >= 5 {
			score += run - 2
		}
		pos += run
	}
	// Rule 3: the 11-module windows ending at module 0 … n+3, with light
	// before and after the line. The two patterns are each other's mirror
	// image, so the window reads the same either way.
	e := v << 14
	valid := (uint64(1)<<(n+4) - 1) << 4 // window starts 4 … n+7
	found := (window(e, 0x5d0) | window(e, 0x05d)) & valid
	return score + 40*bits.OnesCount64(found)
}

// window returns the positions s where bits s … s+10 of e are pattern.
func window(e uint64, pattern uint) uint64 {
	m := ^uint64(0)
	for j := range 11 {
		if pattern>>j&1 == 1 {
			m &= e >> j
		} else {
			m &= ^(e >> j)
		}
	}
	return m
}
