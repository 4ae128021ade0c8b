package dialect

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"deskbook/internal/directive"
)

// maxBoxes is how deep containers may nest in the output. Each level adds
// a colon to every container around it, so without a cap a body of
// nothing but openers would come out in the square of its size; real
// documents nest three or four deep.
const maxBoxes = 8

// box is one container of the output (a note, details or tabs). Its fence
// gets 3 colons plus its height, the depth of the containers inside it,
// known only when it closes.
type box struct {
	name   string
	label  string
	height int
	parent *box
}

// lineKind tells a line of text from a container's fence.
type lineKind uint8

const (
	textLine lineKind = iota
	openLine
	closeLine
)

// outLine is one line of the output: text, or the opening or closing fence
// of a box, after indent.
type outLine struct {
	indent string
	text   string
	box    *box
	kind   lineKind
}

// blockState is what a container knows about the Markdown blocks inside
// it, enough to tell code from prose: an open fenced code block, whether a
// paragraph goes on (an indented line then continues it rather than
// starting code), and the content columns of the open list items (inside
// one, code is indented four columns past its content).
type blockState struct {
	fence  string // the run of ` or ~ that opened a fenced code block, "" outside one
	fq     int    // how many '>' the fence's lines start with
	fcol   int    // the content column of the list item the fence is in
	closer string // code opened by a shortcode (Hugo's highlight) ends at its closing tag
	cind   string // the indentation of that code's fence
	cout   int    // the index in conv.out of that fence's opening line
	cticks int    // the longest run of backticks a line of that code starts with
	para   bool
	blank  bool // the last line was blank, or the container just began
	lists  []int
	ticks  []int // lengths of backtick runs left open by the paragraph's earlier lines
	empty  bool  // the last line was a list item with nothing after its marker
}

// listCol is the content column of the innermost open list item, 0 outside lists.
func (st *blockState) listCol() int {
	if len(st.lists) == 0 {
		return 0
	}
	return st.lists[len(st.lists)-1]
}

// track updates the state with a line of prose indented w columns.
func (st *blockState) track(w int, rest string) {
	if st.blank || !lazy(rest) {
		for len(st.lists) > 0 && w < st.listCol() {
			st.lists = st.lists[:len(st.lists)-1]
		}
	}
	if col, n, ok := st.opensItem(w, rest); ok {
		for len(st.lists) > 0 && w < st.listCol() {
			st.lists = st.lists[:len(st.lists)-1]
		}
		// An item may start with another ("* * x" opens two lists).
		for at := w; ok; col, n, ok = listItem(rest) {
			at += col
			st.lists = append(st.lists, at)
			rest = rest[n:] // "" after an empty item: "-" at the end of the line
		}
		st.empty = strings.TrimSpace(rest) == ""
	} else {
		st.empty = false
	}
	st.blank = false
	st.para = !st.empty && !isHeading(rest) && !isBreak(rest)
}

// lazy tells whether a line could go on with a paragraph less indented
// than the paragraph's list item: a heading, a thematic break, a fence or
// a block quote starts a block of its own, ending the item.
func lazy(rest string) bool {
	if _, _, _, ok := fenceOpen(rest); ok {
		return false
	}
	return !isHeading(rest) && !isBreak(rest) && !strings.HasPrefix(rest, ">")
}

// opensItem is listItem where the line comes: after a line of a
// paragraph, a new list may start only with an item that has text, and
// an ordered one only at 1; otherwise the line goes on with the paragraph
// (CommonMark). An item beside an open one is always an item.
func (st *blockState) opensItem(w int, rest string) (col, n int, ok bool) {
	col, n, ok = listItem(rest)
	if !ok || !st.para || (len(st.lists) > 0 && w < st.listCol()) {
		return col, n, ok
	}
	if strings.TrimSpace(rest[n:]) == "" {
		return 0, 0, false
	}
	if d := len(rest) - len(strings.TrimLeft(rest, "0123456789")); d > 0 {
		if v, _ := strconv.Atoi(rest[:d]); v != 1 {
			return 0, 0, false
		}
	}
	return col, n, true
}

// leave closes the list items a line indented w columns is outside of.
// Only a paragraph goes on lazily at any indentation; after anything else
// (a heading, code, an item with nothing after its marker) a line
// indented less than an item's content is not in it.
func (st *blockState) leave(w int) {
	if st.para {
		return
	}
	for len(st.lists) > 0 && w < st.listCol() {
		st.lists = st.lists[:len(st.lists)-1]
	}
}

// frame is an open container of the source: the document itself at the
// bottom, then notes, tabs, unwrapped block quotes and the like. A frame
// ends at its closing marker (counted in conv.open), or, when ind is set,
// at a line indented less than need; its content lines lose k columns past
// base.
type frame struct {
	kind   string
	marker string // the marker that closes it, "" when only indentation does
	what   string // how the writer wrote its opening, for "not closed" problems
	constr string // the construct of those problems
	quiet  bool   // ending without its marker is normal (DocFX tab groups)
	box    *box
	indent string // indentation of the lines the frame generates
	line   int

	ind   bool // it owns the indentation of its lines (an MkDocs body, a YFM tab item)
	quote bool // a block quote being unwrapped: lines lose one '>'
	base  int  // the column its lines go to
	k     int  // columns taken off past base; -1 until the first content line
	kdef  int  // k when the first content line is indented more than kmax (code)
	kmax  int
	need  int // a line indented less ends the frame; 0: only the marker does

	fenceEnd  string            // a fence line of this run closes it (Docusaurus's mdx-code-block)
	itemCol   int               // column of the list items of YFM tabs, -1 before the first
	accordion bool              // YFM tabs shown as collapsible sections
	skipBlank bool              // blank lines are not copied (between tab markers)
	wait      int               // <details>: 1 while its <summary> may still come, 2 inside a summary over lines
	labels    map[string]string // Docusaurus tabs: the labels of their values
	text      string            // a <summary> read over lines; a JSX tag's first line
	parts     []srcLine         // the next lines of a JSX tag
	// pre sees each line inside the frame before anything else does, and
	// reports whether it took it (MDX imports over lines, the options of
	// a pymdownx block, the end of a group of MkDocs tabs).
	pre func(c *conv, s string, no int) bool
	st  blockState
}

// rules are a dialect's part of the conversion.
type rules interface {
	// block converts a line of prose that is one of the dialect's block
	// markers, and reports whether it did.
	block(c *conv, s string, no int) bool
	// inline converts text outside code spans, making stray template
	// tags harmless.
	inline(c *conv, s string, no int) string
	// split matches the markers that must stand on a line of their own
	// (the line is cut around them), or is nil; each starts with the
	// first literal and ends with the second.
	split() (re *regexp.Regexp, lit, end string)
	// code rewrites a line of code or a code span: only the dialect's own
	// escapes, which its tool removes from code too.
	code(c *conv, s string, no int) string
	// fence handles a fence line the dialect reads otherwise (info is
	// what follows the run); true when it did.
	fence(c *conv, s string, no int, run, info string) bool
}

// conv converts one body.
type conv struct {
	d      Dialect
	r      rules
	file   string
	titles func(string) (string, bool)
	depth  int // how deep in YFM table cells this converter is

	out      []outLine
	frames   []*frame
	indents  []int // indexes in frames of those that end by indentation or '>'
	boxes    []*box
	open     map[string]int
	problems []Problem
	includes []string
	once     map[string]bool

	table    *table // a YFM table being read
	noTables bool   // lines replayed from an unclosed table
}

// newConv starts a converter for dialect d.
func newConv(d Dialect, file string, titles func(string) (string, bool), depth int) *conv {
	c := &conv{d: d, file: file, titles: titles, depth: depth, open: map[string]int{}, once: map[string]bool{}}
	c.frames = []*frame{{kind: "doc", st: blockState{blank: true}}}
	switch d {
	case YFM:
		c.r = &yfm{}
	case DocFX:
		c.r = &docfx{}
	case MkDocs:
		c.r = &mkdocs{}
	case Docusaurus:
		c.r = &docusaurus{}
	case Hugo:
		c.r = &hugo{}
	default:
		c.r = &github{}
	}
	return c
}

// run converts the lines and closes what is still open at the end.
func (c *conv) run(lines []srcLine) {
	for _, l := range lines {
		c.line(l)
	}
	c.flushTable()
	for len(c.frames) > 1 {
		c.closeTop(!c.top().quiet && c.top().marker != "")
	}
}

// result is the converted body with what the conversion found.
// The body is read back as the build reads it (directive.Guard): a tag
// the line-by-line reading took for code but goldmark reads as text is
// shown as written, not left for the build to warn about.
func (c *conv) result() Result {
	slices.SortStableFunc(c.problems, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
	return Result{Body: directive.Guard([]byte(c.render())), Includes: c.includes, Problems: c.problems}
}

// render writes the output lines, counting each box's colons.
func (c *conv) render() string {
	var b strings.Builder
	for _, l := range c.out {
		b.WriteString(l.indent)
		switch l.kind {
		case openLine:
			b.WriteString(strings.Repeat(":", 3+l.box.height))
			b.WriteString(l.box.name)
			if l.box.label != "" {
				b.WriteString("[" + label(l.box.label) + "]")
			}
		case closeLine:
			b.WriteString(strings.Repeat(":", 3+l.box.height))
		default:
			b.WriteString(l.text)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// top is the innermost open frame.
func (c *conv) top() *frame { return c.frames[len(c.frames)-1] }

// line converts one line of the source.
func (c *conv) line(l srcLine) {
	s := c.strip(l.text)
	if c.table != nil {
		c.tableLine(s, l.no)
		return
	}
	c.piece(s, l.no, true)
}

// strip takes off the indentation and '>' that the open frames own,
// closing those the line is not indented enough to stay in.
func (c *conv) strip(s string) string {
	if len(c.indents) == 0 {
		return s
	}
	if isBlank(s) {
		// A blank line ends an unwrapped block quote, and nothing else.
		for _, fi := range c.indents {
			if c.frames[fi].quote {
				c.popTo(fi)
				break
			}
		}
		return ""
	}
	w, rest := leading(s)
	changed, idle := false, false
	for _, fi := range c.indents {
		f := c.frames[fi]
		if f.quote {
			if w > 3 || !strings.HasPrefix(rest, ">") {
				c.popTo(fi)
				break
			}
			rest = strings.TrimPrefix(rest[1:], " ")
			w, rest = leading(rest)
			changed = true
			continue
		}
		if w < f.need {
			c.popTo(fi)
			break
		}
		if f.k < 0 {
			f.k = f.kdef
			if w > f.base && w-f.base <= f.kmax {
				f.k = w - f.base
			}
			idle = idle || (f.k == 0 && f.need == 0)
		}
		if nw := f.base + max(0, w-f.base-f.k); w > f.base && nw != w {
			w, changed = nw, true
		}
	}
	if idle {
		// A frame that takes nothing off and ends only at its marker
		// need not see the lines: walking it on every line would make
		// deep nesting cost the square of its depth.
		c.indents = slices.DeleteFunc(c.indents, func(fi int) bool {
			f := c.frames[fi]
			return !f.quote && f.k == 0 && f.need == 0
		})
	}
	if !changed {
		return s
	}
	return strings.Repeat(" ", w) + rest
}

// piece converts a line, or a part of one cut at a block marker (whole is
// false then, and it is not cut again).
func (c *conv) piece(s string, no int, whole bool) {
	f := c.top()
	if f.pre != nil && f.pre(c, s, no) {
		return
	}
	f = c.top()
	st := &f.st
	if st.fence != "" || st.closer != "" {
		c.codeLine(s, no)
		return
	}
	if isBlank(s) {
		if st.empty && len(st.lists) > 0 {
			st.lists = st.lists[:len(st.lists)-1] // an empty item ends at a blank line
		}
		st.empty = false
		st.blank, st.para = true, false
		if !f.skipBlank {
			c.emit("", "")
		}
		return
	}
	w, rest := leading(s)
	st.leave(w)
	if !st.para && w >= st.listCol()+4 {
		if c.d != Docusaurus {
			st.blank = false
			c.emit("", c.r.code(c, s, no))
			return
		}
		// MDX has no indented code: the text stays text, and loses the
		// indentation that would make it code here.
		w, s = st.listCol(), strings.Repeat(" ", st.listCol())+rest
	}
	if f.fenceEnd != "" && fenceCloses(rest, f.fenceEnd) {
		c.closeTop(false)
		return
	}
	// Four columns past the list's content, a line continues the paragraph
	// (or is indented code): it opens no fence.
	if run, info, q, ok := fenceOpen(rest); ok && w < st.listCol()+4 && st.fenceItem(w, rest) {
		if c.r.fence(c, s, no, run, info) {
			return
		}
		st.track(w, rest)
		st.fence, st.fq, st.fcol, st.para = run, q, st.listCol(), false
		c.emit("", s)
		return
	}
	c.prose(s, no, whole)
}

// fenceItem tells whether a fence after a list marker (- ```) is one: not
// when the marker cannot open an item there, and the line is a
// paragraph's.
func (st *blockState) fenceItem(w int, rest string) bool {
	if _, _, ok := listItem(rest); !ok {
		return true
	}
	_, _, ok := st.opensItem(w, rest)
	return ok
}

// codeLine copies a line of a fenced code block, or ends the block.
func (c *conv) codeLine(s string, no int) {
	st := &c.top().st
	if st.closer != "" {
		c.shortcodeCode(s, no)
		return
	}
	w, t := leading(s)
	if t != "" && w < st.fcol {
		// The list item ended, and the code in it.
		st.fence = ""
		c.piece(s, no, true)
		return
	}
	for range st.fq {
		if !strings.HasPrefix(t, ">") {
			// The block quote ended, and the code with it.
			st.fence = ""
			c.piece(s, no, true)
			return
		}
		_, t = leading(t[1:])
	}
	if fenceCloses(t, st.fence) {
		st.fence = ""
		c.emit("", s)
		return
	}
	c.emit("", c.r.code(c, s, no))
}

// prose converts a line that is neither code nor blank.
func (c *conv) prose(s string, no int, whole bool) {
	if whole {
		if ps := c.split(s); len(ps) > 1 {
			for _, p := range ps {
				c.piece(p, no, false)
			}
			return
		}
	}
	if c.r.block(c, s, no) {
		return
	}
	c.text(s, no)
}

// text converts an ordinary line of prose.
func (c *conv) text(s string, no int) {
	st := &c.top().st
	if !st.para {
		st.ticks = st.ticks[:0]
	}
	out := c.inlineSpans(s, no, st.spans(s))
	if out != s && strings.TrimRight(s, " \t") == s {
		out = strings.TrimRight(out, " \t") // where a removed marker was
	}
	w, rest := leading(out)
	if rest == "" {
		return // nothing but markers that were removed
	}
	c.top().st.track(w, rest)
	if p := blockPrefix(out); strings.HasPrefix(out[p:], "::") {
		// Not a directive of deskbook: the writer's colons, shown as such.
		out = out[:p] + `\` + out[p:]
	} else if _, _, _, ok := fenceOpen(rest); ok {
		// The conversion left a fence the source did not open (text
		// after a removed shortcode): its backticks are shown as text, or
		// every line after would change sides between code and prose.
		_, r := leading(out[p:])
		i := len(out) - len(r)
		out = out[:i] + `\` + out[i:]
	}
	c.emit("", out)
}

// inline converts the text of a line outside its code spans.
func (c *conv) inline(s string, no int) string {
	return c.inlineSpans(s, no, codeSpans(s))
}

// inlineSpans converts the text of a line outside the given code spans.
func (c *conv) inlineSpans(s string, no int, spans [][2]int) string {
	if len(spans) == 0 {
		return c.r.inline(c, s, no)
	}
	var b strings.Builder
	at := 0
	for i, sp := range spans {
		b.WriteString(apart(c.r.inline(c, s[at:sp[0]], no), i > 0, true))
		b.WriteString(c.r.code(c, s[sp[0]:sp[1]], no))
		at = sp[1]
	}
	b.WriteString(apart(c.r.inline(c, s[at:], no), true, false))
	return b.String()
}

// apart keeps converted text from joining the backtick runs of the code
// spans around it: a construct removed beside a span can leave a
// backtick against its run, or empty the text between two spans (never
// empty in the source: the runs would have been one). A zero-width space
// goes between, which shows nothing (deskbook shows raw HTML, such as an
// empty comment, as text); escaping the backtick instead would change the
// length of its own run, and so which run it pairs with. A backslash at
// the end of the text, which would escape the span's first backtick, is
// escaped itself.
func apart(t string, afterSpan, beforeSpan bool) string {
	const gap = "\u200b"
	if afterSpan && beforeSpan && t == "" {
		return gap
	}
	if beforeSpan && escaped(t+"`", len(t)) {
		t += `\`
	}
	if beforeSpan && strings.HasSuffix(t, "`") {
		t += gap
	}
	if afterSpan && strings.HasPrefix(t, "`") {
		t = gap + t
	}
	return t
}

// split cuts a line around the block markers in it (outside code spans),
// so that each stands on a line of its own with the line's indentation.
// It returns nil when there is nothing to cut.
func (c *conv) split(s string) []string {
	re, lit, end := c.r.split()
	if re == nil || !strings.Contains(s, lit) || !strings.Contains(s, end) {
		return nil
	}
	locs := re.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return nil
	}
	spans := codeSpans(s)
	ind := s[:len(s)-len(strings.TrimLeft(s, " \t"))]
	var ps []string
	at, k := 0, 0
	for _, m := range locs {
		for k < len(spans) && spans[k][1] <= m[0] {
			k++
		}
		if k < len(spans) && spans[k][0] <= m[0] || m[0] < at {
			continue
		}
		if before := strings.TrimSpace(s[at:m[0]]); before != "" {
			ps = append(ps, ind+before)
		}
		ps = append(ps, ind+s[m[0]:m[1]])
		at = m[1]
	}
	if rest := strings.TrimSpace(s[at:]); rest != "" {
		ps = append(ps, ind+rest)
	}
	if len(ps) < 2 {
		return nil
	}
	return ps
}

// emit adds a line of text to the output.
func (c *conv) emit(indent, text string) {
	if n := len(c.out); n > 0 && c.out[n-1].kind == closeLine && text != "" {
		c.out = append(c.out, outLine{}) // a blank line after a container reads better
	}
	c.out = append(c.out, outLine{indent: indent, text: text})
}

// blankBefore puts a blank line before a generated line that would
// otherwise follow a line of text, so that no paragraph runs into it.
func (c *conv) blankBefore() {
	if n := len(c.out); n > 0 && c.out[n-1].kind == textLine {
		if t := strings.TrimSpace(c.out[n-1].text); t != "" && !strings.HasPrefix(t, "::") {
			c.emit("", "")
		}
	}
}

// push opens a frame.
func (c *conv) push(f *frame) *frame {
	// A container opened in a list item is inside that item: its lines
	// are indented as the item's are.
	f.st.blank, f.st.lists = true, slices.Clone(c.top().st.lists)
	c.frames = append(c.frames, f)
	if f.ind || f.quote {
		c.indents = append(c.indents, len(c.frames)-1)
	}
	if f.marker != "" {
		c.open[f.marker]++
	}
	c.frames[len(c.frames)-2].st.para = false
	return f
}

// openBox opens frame f with an output container name[label]. Past
// maxBoxes the container is left out (its label kept as a bold line) and
// only the frame opens, so that its closing marker still finds it.
func (c *conv) openBox(f *frame, name, label string, no int) {
	if len(c.boxes) >= maxBoxes {
		c.warn(no, string(c.d)+":nesting", "containers nest more than %d deep here; this one is left out and its content kept", maxBoxes)
		if label != "" {
			c.emit(f.indent, "**"+label+"**")
		}
		c.push(f)
		return
	}
	b := &box{name: name, label: label}
	if n := len(c.boxes); n > 0 {
		b.parent = c.boxes[n-1]
	}
	c.blankBefore()
	if n := len(c.out); n > 0 && c.out[n-1].kind == closeLine {
		c.emit("", "")
	}
	c.out = append(c.out, outLine{indent: f.indent, box: b, kind: openLine})
	c.boxes = append(c.boxes, b)
	f.box = b
	c.push(f)
}

// closeTop closes the innermost frame; forced says its closing marker
// never came, which is a problem.
func (c *conv) closeTop(forced bool) {
	f := c.top()
	c.frames = c.frames[:len(c.frames)-1]
	if n := len(c.indents); n > 0 && c.indents[n-1] >= len(c.frames) {
		c.indents = c.indents[:n-1]
	}
	if f.marker != "" {
		c.open[f.marker]--
	}
	if forced {
		c.warn(f.line, f.constr, "%s is not closed; it ends here", f.what)
	}
	if f.box != nil {
		c.boxes = c.boxes[:len(c.boxes)-1]
		if p := f.box.parent; p != nil {
			p.height = max(p.height, f.box.height+1)
		}
		c.out = append(c.out, outLine{indent: f.indent, box: f.box, kind: closeLine})
	}
	st := &c.top().st
	st.para, st.blank = false, true
}

// popTo closes frames down to and with the one at index i: they end
// because a line left them.
func (c *conv) popTo(i int) {
	c.flushTable()
	for len(c.frames) > i {
		f := c.top()
		c.closeTop(f.marker != "" && !f.quiet)
	}
}

// closeMarker closes the innermost frame that marker closes, and those
// inside it (which are not closed, a problem each). It reports false when
// no open frame has that marker.
func (c *conv) closeMarker(marker string) bool {
	if c.open[marker] == 0 {
		return false
	}
	for c.top().marker != marker {
		f := c.top()
		c.closeTop(f.marker != "" && !f.quiet)
	}
	c.closeTop(false)
	return true
}

// include writes an include line for path and lists the path. A path
// made by another tool's template ({{ page.dir }}/x.md) names no file
// deskbook can find, so it stays text, with a problem of construct.
func (c *conv) include(indent, path string, no int, construct string) {
	if strings.Contains(path, "{%") || strings.Contains(path, "{{") {
		c.warn(no, construct, "the include of %s names its file with a template tag, which deskbook cannot follow: it is left as text", path)
		c.text(indent+path, no)
		return
	}
	c.blankBefore()
	c.emit(indent, "::include["+label(path)+"]")
	c.top().st.para = false
	c.listInclude(path)
}

// listInclude adds a path to the includes of the result, once.
func (c *conv) listInclude(path string) {
	if !slices.Contains(c.includes, path) {
		c.includes = append(c.includes, path)
	}
}

// warn records a problem at line no.
func (c *conv) warn(no int, construct, format string, args ...any) {
	c.problems = append(c.problems, Problem{Line: no, Construct: construct, Msg: fmt.Sprintf(format, args...)})
}

// warnOnce records a problem the first time a construct is met in the file.
func (c *conv) warnOnce(no int, construct, format string, args ...any) {
	if !c.once[construct] {
		c.once[construct] = true
		c.warn(no, construct, format, args...)
	}
}
