package markdown

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
)

// This file finds the links, images and includes of a Markdown body by
// their byte ranges, outside code, so that their destinations can be
// rewritten in place and everything else stays exactly as written (a
// Markdown renderer would reformat the whole page). It reads links the
// way goldmark does; the Zola importer works the same way.

// linkSite is one link, image or link reference definition of a body.
type linkSite struct {
	image  bool
	refDef bool
	start  int // the "[" (or "!" of an image), or a definition's line start
	close  int // the "]" of the text; the definition's line end for refDef
	end    int // after the ")"
	ds, de int // the destination's range, "<" and ">" included
	dest   string
}

// includeSite is a ::include[path] line.
type includeSite struct {
	ps, pe int // the path's range
	start  int // the line's start
	end    int // the line's end, its newline included
	path   string
}

// edit replaces body[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// editor gathers the edits of one body and applies them at the end, so
// positions stay those of the source.
type editor struct {
	body  string
	edits []edit
}

func (e *editor) replace(start, end int, text string) {
	e.edits = append(e.edits, edit{start, end, text})
}

// apply makes the edited body; overlapping edits cannot happen, and one
// is never applied twice.
func (e *editor) apply() string {
	slices.SortStableFunc(e.edits, func(a, b edit) int { return cmp.Compare(a.start, b.start) })
	var b strings.Builder
	at := 0
	for _, ed := range e.edits {
		if ed.start < at {
			continue
		}
		b.WriteString(e.body[at:ed.start])
		b.WriteString(ed.text)
		at = ed.end
	}
	b.WriteString(e.body[at:])
	return b.String()
}

// fenceRE matches the line that opens a fenced code block.
var fenceRE = regexp.MustCompile("^[ \t]*(`{3,}|~{3,})")

// prose returns the parts of a body outside fenced code blocks, as
// [start, end) byte ranges.
func prose(body string) [][2]int {
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
		} else if t := strings.TrimSpace(line); strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
			fence, start = "", next
		}
		off = next
	}
	if fence == "" && start < len(body) {
		segs = append(segs, [2]int{start, len(body)})
	}
	return segs
}

// codeSpans finds inline code in body[s:e]: a run of backticks up to the
// next run of the same length within the paragraph.
func codeSpans(body string, s, e int) [][2]int {
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
		if body[k] == '\n' && strings.TrimSpace(lineAt(body[:e], k+1)) == "" {
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

// refDefRE matches a link reference definition, [label]: destination;
// includeRE a ::include[path] line.
var (
	refDefRE  = regexp.MustCompile(`(?m)^[ \t]{0,3}\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+)`)
	includeRE = regexp.MustCompile(`(?m)^[ \t]*::include\[([^\]\n]*)\][ \t]*$`)
)

// scanBody calls link for every link, image and reference definition of
// a body, and include for every include line, outside code.
func scanBody(body string, link func(linkSite), include func(includeSite)) {
	for _, seg := range prose(body) {
		s, e := seg[0], seg[1]
		skip := codeSpans(body, s, e)
		in := func(pos int) bool {
			return slices.ContainsFunc(skip, func(r [2]int) bool { return pos >= r[0] && pos < r[1] })
		}
		for _, m := range includeRE.FindAllStringSubmatchIndex(body[s:e], -1) {
			end := s + m[1]
			if end < len(body) && body[end] == '\n' {
				end++
			}
			include(includeSite{ps: s + m[2], pe: s + m[3], start: s + m[0], end: end, path: body[s+m[2] : s+m[3]]})
		}
		for _, m := range refDefRE.FindAllStringSubmatchIndex(body[s:e], -1) {
			start := s + m[0]
			if in(start) || strings.HasPrefix(body[s+m[2]:s+m[3]], "^") {
				continue // footnotes are not links
			}
			ds, de := s+m[4], s+m[5]
			lineEnd := start + len(strings.TrimRight(lineAt(body, start), "\n"))
			link(linkSite{refDef: true, start: start, close: lineEnd, end: lineEnd, ds: ds, de: de, dest: trimAngle(body[ds:de])})
		}
		inlineLinks(body, s, e, skip, link)
	}
}

// trimAngle drops the <> around a destination.
func trimAngle(d string) string {
	return strings.TrimSuffix(strings.TrimPrefix(d, "<"), ">")
}

// opener is a [ that may start a link, or an image with ![.
type opener struct {
	pos   int
	image bool
}

// inlineLinks finds [text](dest) links and ![alt](src) images in
// body[s:e], skipping code spans.
func inlineLinks(body string, s, e int, skip [][2]int, link func(linkSite)) {
	var open []opener
	k := 0
	for i := s; i < e; i++ {
		for k < len(skip) && skip[k][1] <= i {
			k++
		}
		if k < len(skip) && i >= skip[k][0] {
			i = skip[k][1] - 1
			continue
		}
		switch body[i] {
		case '\\':
			i++
		case '[':
			open = append(open, opener{pos: i, image: i > s && body[i-1] == '!' && (i-1 == s || body[i-2] != '\\')})
		case ']':
			if len(open) == 0 {
				continue
			}
			o := open[len(open)-1]
			open = open[:len(open)-1]
			if i+1 >= e || body[i+1] != '(' {
				continue
			}
			ds, de, closing, ok := inlineDest(body, i+2, e)
			if !ok {
				continue
			}
			site := linkSite{image: o.image, start: o.pos, close: i, end: closing + 1, ds: ds, de: de, dest: trimAngle(body[ds:de])}
			if o.image {
				site.start--
			} else {
				open = open[:0] // links do not nest
			}
			link(site)
			i = closing
		}
	}
}

// inlineDest reads "(dest "title")" from the character after "(". It
// returns the destination's range and the index of the closing ")".
func inlineDest(b string, i, e int) (ds, de, closing int, ok bool) {
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
			if b[i] == '\\' {
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
// opened ends it, and so does a space.
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
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f':
			return i
		}
	}
	return i
}

// asciiPunct are the characters a backslash escapes in Markdown.
const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// markdownDest writes a destination so Markdown reads it back whole.
func markdownDest(d string) string {
	if strings.ContainsAny(d, " \t()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(d) + ">"
	}
	return d
}
