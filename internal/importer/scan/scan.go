// Package scan finds, by byte offsets, where a Markdown source's prose,
// code spans and link destinations are, for the importers that rewrite
// links and syntax in place: an edit at an offset keeps every other byte
// of the writer's text as it was, which re-rendering an AST would not.
package scan

import (
	"regexp"
	"strings"
)

// fenceRE matches the line that opens a fenced code block: after any
// indent, block quote marks and list markers ("- ```yaml" opens a fence
// as the first line of a list item).
var fenceRE = regexp.MustCompile("^[ \t]*(?:(?:>|[-*+][ \t]|[0-9]{1,9}[.)][ \t])[ \t]*)*(`{3,}|~{3,})")

// Prose returns the parts of a body outside fenced code blocks, as
// [start, end) byte ranges.
func Prose(body string) [][2]int {
	var segs [][2]int
	start, fence := 0, ""
	for off := 0; off < len(body); {
		end := strings.IndexByte(body[off:], '\n')
		next := off + end + 1
		if end < 0 {
			next = len(body)
		}
		line := strings.TrimRight(body[off:next], "\r\n")
		if fence == "" {
			if m := fenceRE.FindStringSubmatch(line); m != nil && (m[1][0] == '~' || !strings.Contains(line[len(m[0]):], "`")) {
				if off > start {
					segs = append(segs, [2]int{start, off})
				}
				fence = m[1]
			}
		} else if t := strings.TrimLeft(strings.TrimSpace(line), "> \t"); strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
			fence, start = "", next
		}
		off = next
	}
	if fence == "" && start < len(body) {
		segs = append(segs, [2]int{start, len(body)})
	}
	return segs
}

// CodeSpans finds inline code in body[s:e]: a run of backticks up to the
// next run of the same length within the paragraph.
func CodeSpans(body string, s, e int) [][2]int {
	var spans [][2]int
	for i := s; i < e; {
		switch body[i] {
		case '\\':
			i += 2
			continue
		case '`':
		default:
			i++
			continue
		}
		j := i
		for j < e && body[j] == '`' {
			j++
		}
		if end := spanEnd(body, j, e, j-i); end >= 0 {
			spans = append(spans, [2]int{i, end})
			i = end
		} else {
			i = j
		}
	}
	return spans
}

// spanEnd is the end of the run of n backticks that closes a code span
// opened before k, or -1 when a blank line or the end comes first.
func spanEnd(body string, k, e, n int) int {
	for k < e {
		if body[k] == '\n' && strings.TrimSpace(line(body[:e], k+1)) == "" {
			return -1 // a blank line ends the paragraph
		}
		if body[k] != '`' {
			k++
			continue
		}
		m := k
		for m < e && body[m] == '`' {
			m++
		}
		if m-k == n {
			return m
		}
		k = m
	}
	return -1
}

// InlineDest reads "(dest "title")" from the character after "(". It
// returns the destination's range and the index of the closing ")".
func InlineDest(b string, i, e int) (ds, de, closing int, ok bool) {
	skipSpace := func() {
		nl := false
		for i < e && (b[i] == ' ' || b[i] == '\t' || (b[i] == '\n' && !nl)) {
			nl = nl || b[i] == '\n'
			i++
		}
	}
	skipSpace()
	ds = i
	if i < e && b[i] == '<' {
		for i++; i < e && b[i] != '>' && b[i] != '\n'; i++ {
			if b[i] == '\\' && i+1 < e && strings.IndexByte(asciiPunct, b[i+1]) >= 0 {
				i++
			}
		}
		if i >= e || b[i] != '>' {
			return 0, 0, 0, false
		}
		i++
	} else {
		i = plainDestEnd(b, i, e)
	}
	de = i
	skipSpace()
	if i < e && (b[i] == '"' || b[i] == '\'' || b[i] == '(') && de > ds {
		want := b[i]
		if want == '(' {
			want = ')'
		}
		for i++; i < e && b[i] != want; i++ {
			if b[i] == '\\' {
				i++
			}
		}
		if i >= e {
			return 0, 0, 0, false
		}
		i++
		skipSpace()
	}
	if i >= e || b[i] != ')' {
		return 0, 0, 0, false
	}
	return ds, de, i, true
}

// plainDestEnd is the end of a destination without <>, as goldmark reads
// it: parentheses need not balance, but one closing more than were
// opened ends it, and so does a space, a tab or a line end (a vertical
// tab or form feed does not: to goldmark they are part of it).
func plainDestEnd(b string, i, e int) int {
	depth := 0
	for ; i < e; i++ {
		switch ch := b[i]; {
		case ch == '\\' && i+1 < e && strings.IndexByte(asciiPunct, b[i+1]) >= 0:
			i++
		case ch == '(':
			depth++
		case ch == ')':
			depth--
			if depth < 0 {
				return i
			}
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r':
			return i
		}
	}
	return i
}

// asciiPunct are the characters a backslash escapes in Markdown.
const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// MarkdownDest writes a destination so Markdown reads it back whole.
func MarkdownDest(d string) string {
	if strings.ContainsAny(d, " \t()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(d) + ">"
	}
	return d
}

// line is the line of s starting at i, with its line end.
func line(s string, i int) string {
	if i >= len(s) {
		return ""
	}
	if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
		return s[i : i+j+1]
	}
	return s[i:]
}

// Def is a link reference definition, [label]: destination.
type Def struct {
	Start, End int    // from its "[" to the end of its destination's line, without the line end
	DS, DE     int    // the destination, with any <> around it
	Label      string // the label, without its brackets
}

// defRE matches a link reference definition; its destination may stand
// on the next line, as CommonMark allows.
var defRE = regexp.MustCompile(`(?m)^[ \t]{0,3}\[([^\]\n]+)\]:[ \t]*(?:\r?\n[ \t]*)?(<[^>\n]*>|\S+)`)

// Defs finds the link reference definitions of body[s:e] that do not
// start inside one of the ranges skip (code spans). Footnote definitions,
// [^label]:, are not links and are left out.
func Defs(body string, s, e int, skip [][2]int) []Def {
	var defs []Def
	for _, m := range defRE.FindAllStringSubmatchIndex(body[s:e], -1) {
		start, label := s+m[0], body[s+m[2]:s+m[3]]
		if strings.HasPrefix(label, "^") || Inside(skip, start) {
			continue
		}
		ds, de := s+m[4], s+m[5]
		end := de + len(strings.TrimRight(line(body[:e], de), "\r\n"))
		defs = append(defs, Def{Start: start, End: end, DS: ds, DE: de, Label: label})
	}
	return defs
}

// Inside reports whether pos is inside one of the [start, end) ranges.
func Inside(ranges [][2]int, pos int) bool {
	for _, r := range ranges {
		if pos >= r[0] && pos < r[1] {
			return true
		}
	}
	return false
}
