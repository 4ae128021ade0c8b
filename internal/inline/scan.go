package inline

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// scan is the link parser's memory of one block: what its scans for link
// destinations and titles found, so that a ']' after a thousand others
// that failed does not scan the same text a thousand-and-first time.
// goldmark scans from each "](" to the end of the line for a destination
// and to the end of the block for a title, which makes a line of "[a]("
// take time in the square of its length.
type scan struct {
	links int // links made in the block, for "a link in a link text is not allowed"

	line  destLine
	quote [3]titleMemo // by opener: '"', '\'', '('
}

// scanOf is the scan memory of the parse, made on first use. Keeping it
// for the whole parse keeps its buffers from block to block.
func scanOf(pc parser.Context) *scan {
	return pc.ComputeIfAbsent(scanKey, func() any { return &scan{line: destLine{stop: -1}} }).(*scan)
}

// reset forgets the block, at its end.
func (s *scan) reset() {
	s.links = 0
	s.line.stop = -1
	s.quote = [3]titleMemo{}
}

// destLine is what a link destination starting at each position of one
// line would be: goldmark's parseLinkDestination for all of them at
// once. Positions are relative to from, the source offset where the
// first destination asked for on the line started.
//
// A destination in <…> ends at the first '>' that is not escaped; any
// other ends at the first space, or at the first ')' that closes no '('
// opened inside it. Both scans treat a backslash and the punctuation after
// it as one token; a destination always starts after a byte that is not a
// backslash ('(', a space or '<'), so it starts on a token boundary of the
// scan from the line's first destination, and its tokens are the same.
type destLine struct {
	stop  int     // source offset of the line's end; -1 for none
	from  int     // source offset of plain[0]
	plain []int32 // length of the plain destination starting here; -1 inside an escape
	angle []int32 // index of the first unescaped '>' at or after here; -1 for none
	open  []pending
}

// pending is a destination start whose end is not yet known, and the
// number of '(' open before it.
type pending struct{ at, depth int32 }

// destination is parseLinkDestination: it reads a link destination at the
// reader's position, after spaces, and advances past it.
func (s *scan) destination(block text.Reader) ([]byte, bool) {
	block.SkipSpaces()
	line, seg := block.PeekLine()
	if seg.Padding != 0 || len(line) == 0 {
		return destinationSlow(block)
	}
	d := &s.line
	if d.stop != seg.Stop || seg.Start < d.from || d.plain[seg.Start-d.from] < 0 {
		d.fill(line, seg)
	}
	at := seg.Start - d.from
	if line[0] == '<' {
		if at+1 >= len(d.angle) || d.angle[at+1] < 0 {
			return nil, false
		}
		i := int(d.angle[at+1]) - at
		advance(block, i+1)
		return line[1:i], true
	}
	i := int(d.plain[at])
	advance(block, i)
	return line[:i], i != 0
}

// advance is block.Advance(n) for an n that does not go past the line,
// in constant time: goldmark's Advance steps one byte at a time when n
// reaches the end of the line, which a destination at the end of a
// block's last line does, again for every "](" before it.
func advance(block text.Reader, n int) {
	line, seg := block.Position()
	if n > 1 && seg.Padding == 0 && n <= seg.Stop-seg.Start {
		block.SetPosition(line, seg.WithStart(seg.Start+n-1))
		n = 1
	}
	block.Advance(n)
}

// fill computes the destinations of every start on the line from seg's
// start, in one pass forwards (plain) and one backwards (angle).
func (d *destLine) fill(line []byte, seg text.Segment) {
	n := len(line)
	d.stop, d.from = seg.Stop, seg.Start
	d.plain = grow(d.plain, n+1)
	d.angle = grow(d.angle, n+1)
	open := d.open[:0]
	depth := int32(0)
	end := func(i int, keep func(p pending) bool) {
		for len(open) > 0 && keep(open[len(open)-1]) {
			p := open[len(open)-1]
			d.plain[p.at] = int32(i) - p.at
			open = open[:len(open)-1]
		}
	}
	all := func(pending) bool { return true }
	for i := 0; i < n; i++ {
		open = append(open, pending{int32(i), depth})
		c := line[i]
		switch {
		case c == '\\' && i < n-1 && util.IsPunct(line[i+1]):
			i++
			d.plain[i] = -1
		case c == '(':
			depth++
		case c == ')':
			// A ')' ends every destination that has no '(' of its own
			// open here; those are on top, since depth never falls
			// below a pending start's without ending it.
			end(i, func(p pending) bool { return p.depth >= depth })
			depth--
		case util.IsSpace(c):
			end(i, all)
		}
	}
	end(n, all)
	d.plain[n] = 0
	d.open = open
	next := int32(-1)
	d.angle[n] = -1
	for i := n - 1; i >= 0; i-- {
		if d.plain[i] >= 0 && line[i] == '>' {
			next = int32(i)
		}
		d.angle[i] = next
		if d.plain[i] < 0 {
			d.angle[i] = -1
		}
	}
}

// grow returns s with length n, reusing its array when it is big enough.
func grow(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

// destinationSlow is goldmark's parseLinkDestination, for a line that
// starts with the spaces of a partly used tab, whose bytes are not the
// source's: it scans from the start of a line, once per line at most.
func destinationSlow(block text.Reader) ([]byte, bool) {
	line, _ := block.PeekLine()
	if block.Peek() == '<' {
		i := 1
		for i < len(line) {
			c := line[i]
			if c == '\\' && i < len(line)-1 && util.IsPunct(line[i+1]) {
				i += 2
				continue
			} else if c == '>' {
				block.Advance(i + 1)
				return line[1:i], true
			}
			i++
		}
		return nil, false
	}
	opened := 0
	i := 0
	for i < len(line) {
		c := line[i]
		if c == '\\' && i < len(line)-1 && util.IsPunct(line[i+1]) {
			i += 2
			continue
		} else if c == '(' {
			opened++
		} else if c == ')' {
			opened--
			if opened < 0 {
				break
			}
		} else if util.IsSpace(c) {
			break
		}
		i++
	}
	block.Advance(i)
	return line[:i], len(line[:i]) != 0
}

// titleMemo is the last scan for the closer of one kind of link title:
// a scan starting anywhere from from to to ends the same way, since a
// title starts after its opener, never a backslash, so on a token boundary
// of the earlier scan.
type titleMemo struct {
	valid  bool
	from   int
	to     int  // the closer's offset, or where the scan failed
	found  bool // to is the closer
	closes bool // spaces and a ')' follow the closer: the link is complete
}

// title is parseLinkTitle. A title goldmark would find but whose link
// does not close there is reported as missing: the link fails either way,
// and the caller looks no further.
func (s *scan) title(parent ast.Node, block text.Reader) ([]byte, bool) {
	block.SkipSpaces()
	opener := block.Peek()
	var m *titleMemo
	switch opener {
	case '"':
		m = &s.quote[0]
	case '\'':
		m = &s.quote[1]
	case '(':
		m = &s.quote[2]
	default:
		return nil, false
	}
	closer := opener
	if opener == '(' {
		closer = ')'
	}
	block.Advance(1)
	line, pos := block.Position()
	p := pos.Start
	if m.valid && m.from <= p && p <= m.to && (!m.found || !m.closes) {
		return nil, false
	}
	segments, found := block.FindClosure(opener, closer, linkFindClosureOptions)
	*m = titleMemo{valid: true, from: p, to: p}
	if !found {
		if opener != '(' { // a quote is only missing at the block's end
			m.to = int(^uint(0) >> 1)
		}
		return nil, false
	}
	m.to, m.found = segments.At(segments.Len()-1).Stop, true
	m.closes = closesAfter(block)
	if !m.closes {
		block.SetPosition(line, pos)
		return nil, false
	}
	return segmentsValue(parent.Lines(), block.Source(), segments), true
}

// closesAfter reports whether spaces and a ')' follow the reader's
// position, leaving the reader where it was.
func closesAfter(block text.Reader) bool {
	line, pos := block.Position()
	block.SkipSpaces()
	ok := block.Peek() == ')'
	block.SetPosition(line, pos)
	return ok
}

// labelValue is block.Value(seg) for a link label, and whether it is at
// most 999 bytes long, the longest label CommonMark allows; past that it
// stops reading.
func labelValue(parent ast.Node, block text.Reader, seg text.Segment) ([]byte, bool) {
	v := valueOf(parent.Lines(), block.Source(), seg, 1000)
	return v, len(v) <= 999
}

// valueOf is a text.BlockReader's Value(seg) on a block of the given
// lines, or its first limit bytes and one more (limit < 0: all of it).
// goldmark's Value looks for seg's first line from the block's last line
// backwards, so that a paragraph of n lines with a link label (or title,
// or footnote) on each takes n² steps; this finds it by binary search.
func valueOf(lines *text.Segments, source []byte, seg text.Segment, limit int) []byte {
	first, n := -1, lines.Len()
	lo, hi := 0, n // the last line starting at or before seg.Start
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if lines.At(mid).Start <= seg.Start {
			first, lo = mid, mid+1
		} else {
			hi = mid
		}
	}
	if first < 0 {
		// As goldmark's Value, which looks at line -1 and fails.
		return text.NewBlockReader(source, lines).Value(seg)
	}
	size := max(seg.Stop-seg.Start, 0)
	if limit >= 0 {
		size = min(size, limit)
	}
	ret := make([]byte, 0, size+1)
	i := seg.Start
	for line := first; line < n; line++ {
		s := lines.At(line)
		if i < 0 {
			i = s.Start
		}
		ret = s.ConcatPadding(ret)
		if stop := min(seg.Stop, s.Stop); i < stop {
			if limit >= 0 {
				stop = min(stop, i+limit+1)
			}
			ret = append(ret, source[i:stop]...)
		}
		if limit >= 0 && len(ret) > limit {
			return ret
		}
		i = -1
		if s.Stop > seg.Stop {
			break
		}
	}
	return ret
}

// segmentsValue is the value of the segments a FindClosure found, as
// goldmark's link parsers join them.
func segmentsValue(lines *text.Segments, source []byte, segments *text.Segments) []byte {
	if segments.Len() == 1 {
		return valueOf(lines, source, segments.At(0), -1)
	}
	var v []byte
	for i := range segments.Len() {
		v = append(v, valueOf(lines, source, segments.At(i), -1)...)
	}
	return v
}

// lineIndex is a text.Reader whose Value finds a segment's line by
// binary search (see valueOf), for goldmark's parsers that call Value.
type lineIndex struct {
	text.Reader
	lines *text.Segments
}

func (r lineIndex) Value(seg text.Segment) []byte {
	return valueOf(r.lines, r.Source(), seg, -1)
}
