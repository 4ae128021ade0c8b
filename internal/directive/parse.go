package directive

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// notes are the variants of a note, as of a GitHub alert.
var notes = map[string]bool{"note": true, "tip": true, "important": true, "warning": true, "caution": true}

// maxOpen is how many blocks may be open around a directive for it to
// open: as internal/inline caps the nesting of block quotes and lists, so
// that the work per line stays bounded. goldmark's parser notes every
// line once per open block until the next blank line, so an unbroken run
// of lines 64 blocks deep took 64 records a line (12 MB for a 128 KB
// body); 16 is deeper than any help article nests its notes, tabs and
// lists. A deeper directive line is text (and a warning).
const maxOpen = 16

// directiveLine is a line read as a directive: colons, a name, a label.
type directiveLine struct {
	colons int
	name   string
	label  [2]int // the label's bytes in the line, inside its brackets
	// hasLabel says a [label] that is not blank followed the name; blank,
	// that nothing but spaces followed the name and label.
	hasLabel, blank bool
}

// readLine reads the directive at line[pos:], which starts with a colon.
// A label's brackets may nest and be escaped; a label that does not close
// on the line leaves the line unread (ok false).
func readLine(line []byte, pos int) (d directiveLine, ok bool) {
	i := pos
	for i < len(line) && line[i] == ':' {
		i++
	}
	d.colons = i - pos
	j := i
	if j < len(line) && isLetter(line[j]) {
		for j < len(line) && (isLetter(line[j]) || line[j] >= '0' && line[j] <= '9' || line[j] == '-' || line[j] == '_') {
			j++
		}
	}
	d.name = string(line[i:j])
	if j < len(line) && line[j] == '[' && d.name != "" {
		k := closeBracket(line, j)
		if k < 0 {
			return d, false
		}
		d.label, d.hasLabel = [2]int{j + 1, k}, !util.IsBlank(line[j+1:k])
		j = k + 1
	}
	d.blank = util.IsBlank(line[j:])
	return d, d.colons >= 2
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// closeBracket finds the ']' that closes the '[' at line[i], over nested
// and escaped brackets, or -1.
func closeBracket(line []byte, i int) int {
	depth := 0
	for ; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				return i
			}
		case '\n':
			return -1
		}
	}
	return -1
}

// blocks is the block parser of every directive line: a container's
// opening fence (:::note, :::details, :::tabs), a tab set's ::tab line
// and an ::include line. A container ends at a line of at least as many
// colons as opened it; that line closes the innermost container it can,
// so containers nest with fences of any length. Inside a fenced code
// block (or raw HTML) a directive line is code.
type blocks struct{}

func (blocks) Trigger() []byte { return []byte{':'} }

func (blocks) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) || line[pos] != ':' || len(pc.OpenedBlocks()) >= maxOpen {
		return nil, parser.NoChildren
	}
	d, ok := readLine(line, pos)
	if !ok || !d.blank {
		return nil, parser.NoChildren
	}
	at := seg.Start - seg.Padding // the line's offset in the source: line[i] is at at+i
	label := text.NewSegment(at+d.label[0], at+d.label[1])
	label = label.TrimLeftSpace(reader.Source())
	label = label.TrimRightSpace(reader.Source())
	hasLabel := d.hasLabel
	var n ast.Node
	state := parser.HasChildren
	switch {
	case d.colons >= 3 && (notes[d.name] || d.name == "details" || d.name == "tabs"):
		n = openContainer(d, seg.Start, hasLabel, pc)
	case d.colons == 2 && d.name == "tab" && hasLabel && parent.Kind() == KindTabs:
		n = &Tab{start: seg.Start}
	case d.colons == 2 && d.name == "include" && hasLabel:
		n, state = &Include{Path: string(label.Value(reader.Source())), start: seg.Start}, parser.NoChildren
		hasLabel = false
	default:
		return nil, parser.NoChildren
	}
	if hasLabel && n.Kind() != KindTabs {
		l := &Label{}
		l.Lines().Append(label)
		n.AppendChild(n, l)
	}
	advanceLine(reader, seg)
	return n, state
}

// openContainer makes the node of a container's opening line.
func openContainer(d directiveLine, start int, hasLabel bool, pc parser.Context) ast.Node {
	f := fenced{fence: d.colons, start: start}
	p := pageOf(pc)
	switch d.name {
	case "details":
		n := &Details{fenced: f}
		if !hasLabel {
			p.report(start, true, ":::details needs a label, the question it answers: :::details[Why does this happen?]")
			n.Title = p.word("details")
		}
		return n
	case "tabs":
		return &Tabs{fenced: f}
	}
	n := &Note{Variant: d.name, fenced: f}
	if !hasLabel {
		n.Title = p.word(d.name)
	}
	return n
}

// advanceLine moves the reader to the end of the line, before its line
// break, as goldmark's fenced code parser does with a fence.
func advanceLine(reader text.Reader, seg text.Segment) {
	line, _ := reader.PeekLine()
	newline := 0
	if len(line) > 0 && line[len(line)-1] == '\n' {
		newline = 1
	}
	reader.Advance(seg.Len() - newline + seg.Padding)
}

func (blocks) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	switch n := node.(type) {
	case *Include:
		return parser.Close
	case *Tab:
		if lineOf(reader, pc).tabs == n.Parent() {
			return parser.Close // the next ::tab line: the tab set opens its panel
		}
	case container:
		if lineOf(reader, pc).fence == node {
			_, seg := reader.PeekLine()
			advanceLine(reader, seg)
			n.fenceOf().closed = true
			return parser.Close
		}
	}
	return parser.Continue | parser.HasChildren
}

func (blocks) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	c, ok := node.(container)
	if !ok {
		return
	}
	f, p := c.fenceOf(), pageOf(pc)
	if !f.closed {
		p.report(f.start, true, "this directive is never closed: end it with a line of %d colons", f.fence)
	}
	if _, ok := node.(*Tabs); !ok {
		return
	}
	if first := node.FirstChild(); first == nil {
		p.report(f.start, true, ":::tabs has no ::tab[Label] lines: start each panel with one")
	} else if first.Kind() != KindTab {
		p.report(max(first.Pos(), f.start), true, "text before the first ::tab line of a tab set belongs to no tab: move it into a tab, or above :::tabs")
	}
}

func (blocks) CanInterruptParagraph() bool { return true }

func (blocks) CanAcceptIndentedLine() bool { return false }

// lineState is what the current line means to the open directives: the
// container it closes, or the tab set whose next panel it starts. It is
// worked out once per line (per view of it: a block quote inside a
// container sees the line without its "> ") and kept in the parser's
// context, so that every open directive asks in constant time.
type lineState struct {
	start, stop, padding int
	fence                ast.Node
	tabs                 ast.Node
}

var lineKey = parser.NewContextKey()

// lineOf is the lineState of the reader's line.
func lineOf(reader text.Reader, pc parser.Context) *lineState {
	line, seg := reader.PeekLine()
	m := pc.ComputeIfAbsent(lineKey, func() any { return &lineState{start: -1} }).(*lineState)
	if m.start == seg.Start && m.stop == seg.Stop && m.padding == seg.Padding {
		return m
	}
	*m = lineState{start: seg.Start, stop: seg.Stop, padding: seg.Padding}
	w, pos := util.IndentWidth(line, reader.LineOffset())
	opened := pc.OpenedBlocks()
	if w > 3 || pos >= len(line) || line[pos] != ':' || len(opened) == 0 {
		return m
	}
	switch opened[len(opened)-1].Node.Kind() {
	case ast.KindFencedCodeBlock, ast.KindHTMLBlock:
		return m // a line of code
	}
	d, ok := readLine(line, pos)
	switch {
	case !ok || !d.blank:
	case d.colons >= 3 && d.name == "":
		for i := len(opened) - 1; i >= 0 && m.fence == nil; i-- {
			if c, ok := opened[i].Node.(container); ok && c.fenceOf().fence <= d.colons {
				m.fence = c
			}
		}
	case d.colons == 2 && d.name == "tab" && d.hasLabel:
		for i := len(opened) - 1; i >= 0 && m.tabs == nil; i-- {
			if t, ok := opened[i].Node.(*Tabs); ok {
				m.tabs = t
			}
		}
	}
	return m
}
