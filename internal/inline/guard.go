package inline

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// wrapped is a goldmark inline parser inside a guard: the guard answers
// everything goldmark asks but Parse as the parser would.
type wrapped struct{ inner parser.InlineParser }

func (w wrapped) Trigger() []byte { return w.inner.Trigger() }

func (w wrapped) SetOption(name parser.OptionName, value any) {
	if so, ok := w.inner.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}

func (w wrapped) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	if cb, ok := w.inner.(parser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}

// maxDelimiters is how many runs of '*', '_' and '~' that can open or
// close emphasis or strikethrough a block may have; later runs are text.
//
// goldmark pairs delimiters at the end of each block (ProcessDelimiters,
// in its core, which no option replaces) by looking back from each run
// that can close over every earlier run, so a block of n runs may take
// n² steps: "a**b" followed by thousands of "c* " took 10 s at 100 KB.
// The cap bounds that to maxDelimiters² per block, and a block with that
// many runs is at least 2 bytes a run long, so the time per byte is
// bounded too. A run inside a word that can neither open nor close
// ("snake_case") is never paired and is not counted; it is made text at
// once, as goldmark would at the end of the block.
//
// 500 runs is 250 emphasised phrases in one paragraph, list item or
// table cell: no real one comes near (the busiest block of the demo site,
// of the articles bench/corpus is made from and of CommonMark's
// specification has 22), and text past the cap only renders differently
// when runs past it would have paired. The worst 2 MB text, blocks of 500
// runs that never pair, takes about a second more than as much plain
// text; twice the cap, twice that.
const maxDelimiters = 500

// delimiterKey keeps the count of the block's delimiter runs.
var delimiterKey = parser.NewContextKey()

type delimiterCount struct{ n int }

// delimiterGuard is goldmark's emphasis or strikethrough parser with the
// per-block cap of maxDelimiters.
type delimiterGuard struct {
	wrapped
	chars    string // the delimiter characters
	longest  int    // the longest run the parser takes; 0 for any
	notAfter rune   // a character after which the parser takes no run; 0 for none
}

func (g *delimiterGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, seg := block.PeekLine()
	d := parser.ScanDelimiter(line, before, 1, charset(g.chars))
	if d == nil || g.longest > 0 && d.OriginalLength > g.longest || g.notAfter != 0 && before == g.notAfter {
		return g.inner.Parse(parent, block, pc) // which takes nothing either
	}
	count := pc.ComputeIfAbsent(delimiterKey, func() any { return &delimiterCount{} }).(*delimiterCount)
	if (d.CanOpen || d.CanClose) && count.n < maxDelimiters {
		count.n++
		return g.inner.Parse(parent, block, pc)
	}
	block.Advance(d.OriginalLength)
	return ast.NewTextSegment(seg.WithStop(seg.Start + d.OriginalLength))
}

func (g *delimiterGuard) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	if c, ok := pc.Get(delimiterKey).(*delimiterCount); ok {
		c.n = 0
	}
	g.wrapped.CloseBlock(parent, block, pc)
}

// charset is a DelimiterProcessor that only tells which bytes are
// delimiters: enough for parser.ScanDelimiter to measure a run without
// pushing it.
type charset string

func (c charset) IsDelimiter(b byte) bool                           { return strings.IndexByte(string(c), b) >= 0 }
func (charset) CanOpenCloser(opener, closer *parser.Delimiter) bool { return false }
func (charset) OnMatch(consumes int) ast.Node                       { return nil }

// linkifyGuard is goldmark's linkify parser, which links nothing inside a
// link label. It asks parser.Context.IsInLinkLabel, which only knows
// goldmark's own link parser; the guard asks this package's.
type linkifyGuard struct{ wrapped }

func (g *linkifyGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if inLinkLabel(pc) {
		return nil
	}
	return g.inner.Parse(parent, block, pc)
}

// codeSpanGuard is goldmark's code span parser, which looks for the
// closing run of backticks to the end of the block from every opening
// run, so that runs of 1, 2, 3, … backticks that never close take time in
// the square of the block's length. The guard knows every run of the
// block, found in one pass, and lets the parser look only when the
// closing run is there.
type codeSpanGuard struct{ wrapped }

// backtickKey keeps the backtick runs of the current block.
var backtickKey = parser.NewContextKey()

// backticks are the runs of backticks of a block: for each length, where
// the runs of that length start, in order.
type backticks struct {
	block  ast.Node
	starts map[int][]int
}

func (g *codeSpanGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	opener := 0
	for opener < len(line) && line[opener] == '`' {
		opener++
	}
	runs := pc.ComputeIfAbsent(backtickKey, func() any { return &backticks{} }).(*backticks)
	if runs.block != parent {
		runs.find(parent, block.Source())
	}
	// The opening run ends before a byte that is not a backtick, so the
	// closing one is a whole run of the block after it.
	after := runs.starts[opener]
	if i := sort.SearchInts(after, seg.Start+opener); i == len(after) {
		block.Advance(opener)
		return ast.NewTextSegment(seg.WithStop(seg.Start + opener))
	}
	return g.inner.Parse(parent, block, pc)
}

// find lists the backtick runs of a block's lines.
func (b *backticks) find(parent ast.Node, source []byte) {
	b.block = parent
	if b.starts == nil {
		b.starts = map[int][]int{}
	}
	clear(b.starts)
	lines := parent.Lines()
	for i := range lines.Len() {
		s := lines.At(i)
		for j := s.Start; j < s.Stop; j++ {
			if source[j] != '`' {
				continue
			}
			k := j
			for k < s.Stop && source[k] == '`' {
				k++
			}
			b.starts[k-j] = append(b.starts[k-j], j)
			j = k
		}
	}
}

func (g *codeSpanGuard) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	if b, ok := pc.Get(backtickKey).(*backticks); ok {
		b.block = nil
	}
	g.wrapped.CloseBlock(parent, block, pc)
}

// maxOpenBlocks is how deep block quotes, lists and footnotes may nest:
// how many blocks may be open, a list counting two (the list and its
// item), so at least 32 levels. A deeper marker is text.
//
// goldmark measures a line's indentation from the line's start at every
// level of nesting, and looks for a thematic break in the rest of the line
// at every level of a list, so a line of n "> " or "- " takes n² steps:
// "> > > … a" took 4.6 s at 100 KB. Nesting is block structure, which no
// inline parser sees; the cap bounds the work per byte to a constant. No
// real document nests 32 deep: readers could not follow it, and the
// demo site and the articles of bench/corpus do not go past 7 open blocks.
const maxOpenBlocks = 64

// depthGuard is goldmark's block quote, list or list item parser, which
// opens nothing at the nesting cap.
type depthGuard struct {
	parser.BlockParser
	room int // the blocks it opens at once: 2 for a list and its first item
}

func (g *depthGuard) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if len(pc.OpenedBlocks())+g.room > maxOpenBlocks {
		return nil, parser.NoChildren
	}
	return g.BlockParser.Open(parent, reader, pc)
}

// footnoteGuard is goldmark's footnote reference parser, which reads each
// label with the reader's Value, and finds its footnote by comparing the
// label with every footnote's in turn: a text of n footnotes and n
// references took n² steps. The guard reads through lineIndex and finds
// the footnote in the footnotes by label that footnoteBlockGuard kept,
// then puts it first among the footnotes for as long as goldmark's parser
// looks for it, which then finds it at once.
type footnoteGuard struct{ wrapped }

// footnoteKey keeps the footnotes by label: the first of each label, the
// one goldmark's parser finds.
var footnoteKey = parser.NewContextKey()

func (g *footnoteGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, segment := block.PeekLine()
	pos := 1
	if len(line) > 0 && line[0] == '!' {
		pos++
	}
	if pos+1 >= len(line) || line[pos] != '^' {
		return nil // as goldmark's
	}
	pos++
	closure := util.FindClosure(line[pos:min(len(line), pos+999)], '[', ']', false, false) //nolint:staticcheck // as goldmark's
	if closure < 0 {
		return nil
	}
	label := valueOf(parent.Lines(), block.Source(), text.NewSegment(segment.Start+pos, segment.Start+pos+closure), -1)
	byLabel, _ := pc.Get(footnoteKey).(map[string]*east.Footnote)
	fn := byLabel[string(label)]
	if fn == nil {
		return nil // no footnote has the label
	}
	if list := fn.Parent(); list != nil && list.FirstChild() != fn {
		// Only while goldmark's parser looks: goldmark may be walking
		// the footnotes, parsing the text of one of them.
		next := fn.NextSibling()
		list.RemoveChild(list, fn)
		list.InsertBefore(list, list.FirstChild(), fn)
		defer func() {
			list.RemoveChild(list, fn)
			if next != nil {
				list.InsertBefore(list, next, fn)
			} else {
				list.AppendChild(list, fn)
			}
		}()
	}
	return g.inner.Parse(parent, lineIndex{block, parent.Lines()}, pc)
}

// footnoteBlockGuard is goldmark's footnote parser, which keeps each
// footnote it closes in the footnotes by label.
type footnoteBlockGuard struct{ parser.BlockParser }

func (g *footnoteBlockGuard) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	g.BlockParser.Close(node, reader, pc)
	fn, ok := node.(*east.Footnote)
	if !ok {
		return
	}
	byLabel, _ := pc.ComputeIfAbsent(footnoteKey, func() any { return map[string]*east.Footnote{} }).(map[string]*east.Footnote)
	if _, seen := byLabel[string(fn.Ref)]; !seen {
		byLabel[string(fn.Ref)] = fn
	}
}
