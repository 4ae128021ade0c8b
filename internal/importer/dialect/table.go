package dialect

import (
	"slices"
	"strings"
)

// maxTables is how deep YFM tables may nest in cells; deeper ones are
// kept as text. A cell is converted on its own, so each level reads its
// text once more.
const maxTables = 4

// table is a YFM table (#| … |#) being read: its lines are collected
// until the |# that closes it, then converted at once.
type table struct {
	indent string
	line   int
	lines  []srcLine
	depth  int    // tables open inside it
	fence  string // a fenced code block open in a cell
	header bool   // |:{header-rows="…"} says the first row is a header
}

// cell is the text of one cell, line by line.
type cell struct{ lines []srcLine }

// tableStart begins a table at its #| line. A |# that closes nothing, and
// a table nested past maxTables, lose their markers.
func (c *conv) tableStart(ind, t string, no int) bool {
	if strings.HasPrefix(t, "|#") {
		c.warn(no, "yfm:table", "|# closes no table and is removed")
		return true
	}
	if c.noTables || c.depth >= maxTables {
		if !c.noTables {
			c.warn(no, "yfm:table", "a table inside a table inside a table is kept as text")
		}
		return true
	}
	c.table = &table{indent: ind, line: no}
	return true
}

// tableLine collects a line of the table being read, and converts the
// table at the |# that closes it.
func (c *conv) tableLine(s string, no int) {
	tb := c.table
	_, rest := leading(s)
	switch {
	case tb.fence != "":
		if fenceCloses(rest, tb.fence) {
			tb.fence = ""
		}
	case strings.HasPrefix(rest, "|#") && tb.depth == 0:
		c.table = nil
		c.emitTable(tb)
		return
	case strings.HasPrefix(rest, "|#"):
		tb.depth--
	case strings.HasPrefix(rest, "#|"):
		tb.depth++
	default:
		if run, _, _, ok := fenceOpen(rest); ok {
			tb.fence = run
		}
	}
	tb.lines = append(tb.lines, srcLine{s, no})
}

// flushTable ends a table that never closed: its lines are converted as
// text, without table markers.
func (c *conv) flushTable() {
	tb := c.table
	if tb == nil {
		return
	}
	c.table = nil
	c.warn(tb.line, "yfm:table", "the table is not closed with |#; its rows are kept as text")
	was := c.noTables
	c.noTables = true
	for _, l := range tb.lines {
		c.piece(l.text, l.no, true)
	}
	c.noTables = was
}

// emitTable converts a table: to a pipe table when every cell holds one
// line, else to a list with an item per row, since a Markdown table holds
// one line per cell (and raw HTML is escaped by deskbook), while a list
// item keeps every cell's lists, code and notes as they were.
func (c *conv) emitTable(tb *table) {
	rows := tb.rows()
	spans := false
	simple := true
	for _, r := range rows {
		for j := range r {
			t := r[j].text()
			switch t {
			case "^", ">":
				r[j].lines, spans = nil, true
			case `\^`, `\>`:
				r[j].lines = []srcLine{{t[1:], r[j].lines[0].no}}
			}
			simple = simple && !strings.Contains(t, "\n") && !strings.HasPrefix(t, "#|")
		}
	}
	if spans {
		c.warn(tb.line, "yfm:table-span", "merged cells (^ and >) are split: the merged ones are left empty")
	}
	st := &c.top().st
	c.blankBefore()
	if len(rows) > 0 {
		if simple {
			c.pipeTable(tb, rows)
		} else {
			c.warn(tb.line, "yfm:table", "a cell holds more than one line: the table becomes a list with an item per row, since a Markdown table holds one line per cell")
			c.listTable(tb, rows)
		}
	}
	c.emit("", "")
	st.para, st.blank = false, true
}

// rows cuts the table's lines into rows (|| … ||) and cells (|), outside
// code spans, variables, fenced code and the tables inside cells.
func (tb *table) rows() [][]cell {
	w0, _ := leading(tb.indent)
	var rows [][]cell
	var row []cell
	var cur *cell
	depth, fence := 0, ""
	add := func(text string, no int) {
		if cur != nil {
			cur.lines = append(cur.lines, srcLine{text, no})
		}
	}
	for _, l := range tb.lines {
		s := dedent(l.text, w0)
		_, rest := leading(s)
		switch {
		case fence != "":
			fence = cmpIf(fenceCloses(rest, fence), "", fence)
		case depth > 0 || strings.HasPrefix(rest, "#|"):
			depth += boolInt(strings.HasPrefix(rest, "#|")) - boolInt(strings.HasPrefix(rest, "|#"))
		case cur != nil && isFence(rest):
			fence, _, _, _ = fenceOpen(rest)
		case cur == nil && strings.HasPrefix(rest, "|:{"):
			tb.header = tb.header || strings.Contains(rest, "header-rows")
			continue
		default:
			rows, row, cur = tb.scan(s, l.no, rows, row, cur)
			continue
		}
		add(s, l.no)
	}
	if cur != nil {
		rows = append(rows, append(row, *cur))
	}
	return rows
}

// scan reads one line of rows: || starts or ends a row, | ends a cell.
func (tb *table) scan(s string, no int, rows [][]cell, row []cell, cur *cell) ([][]cell, []cell, *cell) {
	spans := codeSpans(s)
	k, from := 0, 0
	vars := true // a "}}" may still close a "{{" on this line
	for i := 0; i < len(s); i++ {
		for k < len(spans) && spans[k][1] <= i {
			k++
		}
		switch {
		case k < len(spans) && i >= spans[k][0]:
			i = spans[k][1] - 1
		case s[i] == '\\':
			i++
		case vars && strings.HasPrefix(s[i:], "{{"):
			if j := strings.Index(s[i:], "}}"); j > 0 {
				i += j + 1
			} else {
				vars = false
			}
		case strings.HasPrefix(s[i:], "||") && cur == nil:
			row, cur = nil, &cell{}
			i = skipAttrs(s, i+2, ":{") - 1
			from = i + 1
		case strings.HasPrefix(s[i:], "||"):
			cur.lines = append(cur.lines, srcLine{s[from:i], no})
			rows, row, cur = append(rows, append(row, *cur)), nil, nil
			i++
		case s[i] == '|' && cur != nil:
			cur.lines = append(cur.lines, srcLine{s[from:i], no})
			row, cur = append(row, *cur), &cell{}
			i = skipAttrs(s, i+1, "::{") - 1
			from = i + 1
		}
	}
	if cur != nil && from <= len(s) {
		cur.lines = append(cur.lines, srcLine{s[from:], no})
	}
	return rows, row, cur
}

// skipAttrs skips YFM's attributes (prefix then up to "}") at i.
func skipAttrs(s string, i int, prefix string) int {
	for strings.HasPrefix(s[i:], prefix) {
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		i += j + 1
		prefix = "::{"
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
	}
	return i
}

// text is a cell's text, without the blank lines and spaces around it.
func (ce *cell) text() string {
	var b strings.Builder
	for i, l := range ce.lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.text)
	}
	t := strings.TrimSpace(b.String())
	return t
}

// pipeTable writes the rows as a pipe table, the first row its header.
func (c *conv) pipeTable(tb *table, rows [][]cell) {
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	for i, r := range rows {
		var b strings.Builder
		b.WriteString("|")
		for j := range cols {
			t := ""
			if j < len(r) {
				t = pipes(c.inline(r[j].text(), r[j].line(tb.line)))
			}
			b.WriteString(" " + t + " |")
		}
		c.emit(tb.indent, b.String())
		if i == 0 {
			c.emit(tb.indent, "|"+strings.Repeat(" --- |", cols))
		}
	}
}

// listTable writes each row as a list item: each cell's content under its
// column's header in bold (when the first row is a header).
func (c *conv) listTable(tb *table, rows [][]cell) {
	var heads []string
	if tb.header || boldRow(rows[0]) {
		for _, h := range rows[0] {
			t := strings.Join(strings.Fields(h.text()), " ")
			heads = append(heads, c.inline(strings.TrimSuffix(strings.TrimPrefix(t, "**"), "**"), h.line(tb.line)))
		}
		rows = rows[1:]
	}
	for n, r := range rows {
		var item []outLine
		for j := range r {
			part := c.cellLines(r[j])
			if len(part) == 0 {
				continue
			}
			if j < len(heads) && heads[j] != "" {
				part = append([]outLine{{text: "**" + heads[j] + "**"}, {}}, part...)
			}
			if len(item) > 0 {
				item = append(item, outLine{})
			}
			item = append(item, part...)
		}
		for i, l := range item {
			switch {
			case i == 0:
				l.indent = tb.indent + "- " + l.indent
			case l.kind != textLine || l.text != "":
				l.indent = tb.indent + "  " + l.indent
			}
			c.out = append(c.out, l)
		}
		if len(item) > 0 && n < len(rows)-1 {
			c.emit("", "")
		}
	}
}

// cellLines converts a cell's text on its own, inside the containers
// open around the table, and returns its lines without blank ones around.
func (c *conv) cellLines(ce cell) []outLine {
	// The spaces between the cell's text and its | go; the lines
	// between keep theirs (code in a cell).
	lines := slices.Clone(ce.lines)
	if n := len(lines); n > 0 {
		lines[0].text = strings.TrimLeft(lines[0].text, " \t")
		lines[n-1].text = strings.TrimRight(lines[n-1].text, " \t")
	}
	sub := newConv(c.d, c.file, c.titles, c.depth+1)
	sub.boxes, sub.once = slices.Clone(c.boxes), c.once
	sub.run(lines)
	c.problems = append(c.problems, sub.problems...)
	for _, p := range sub.includes {
		if !slices.Contains(c.includes, p) {
			c.includes = append(c.includes, p)
		}
	}
	out := sub.out
	for len(out) > 0 && out[0].kind == textLine && isBlank(out[0].text) {
		out = out[1:]
	}
	for len(out) > 0 && out[len(out)-1].kind == textLine && isBlank(out[len(out)-1].text) {
		out = out[:len(out)-1]
	}
	return out
}

// line is the line a cell starts on, or def for an empty one.
func (ce *cell) line(def int) int {
	if len(ce.lines) == 0 {
		return def
	}
	return ce.lines[0].no
}

// boldRow tells whether every cell of a row that has text is bold, as YFM
// writers mark a header.
func boldRow(r []cell) bool {
	any := false
	for _, ce := range r {
		t := ce.text()
		if t == "" {
			continue
		}
		if !strings.HasPrefix(t, "**") || !strings.HasSuffix(t, "**") || len(t) < 5 {
			return false
		}
		any = true
	}
	return any
}

// pipes escapes the | of a cell's text that are not escaped yet, which
// would end the cell in a pipe table (inside code spans too).
func pipes(s string) string {
	if !strings.Contains(s, "|") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '|' && !escaped(s, i) {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// dedent takes up to w columns of indentation off s.
func dedent(s string, w int) string {
	n, rest := leading(s)
	if n == 0 || w == 0 {
		return s
	}
	return strings.Repeat(" ", max(0, n-w)) + rest
}

// isFence tells whether s opens a fenced code block.
func isFence(s string) bool {
	_, _, _, ok := fenceOpen(s)
	return ok
}

// cmpIf is a if cond, else b.
func cmpIf(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

// boolInt is 1 for true.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
