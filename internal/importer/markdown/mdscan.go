package markdown

import (
	"cmp"
	"deskbook/internal/importer/scan"
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

// includeRE matches a ::include[path] line.
var includeRE = regexp.MustCompile(`(?m)^[ \t]*::include\[([^\]\n]*)\][ \t]*$`)

// scanBody calls link for every link, image and reference definition of
// a body, and include for every include line, outside code.
func scanBody(body string, link func(linkSite), include func(includeSite)) {
	for _, seg := range scan.Prose(body) {
		s, e := seg[0], seg[1]
		skip := scan.CodeSpans(body, s, e)
		for _, m := range includeRE.FindAllStringSubmatchIndex(body[s:e], -1) {
			end := s + m[1]
			if end < len(body) && body[end] == '\n' {
				end++
			}
			include(includeSite{ps: s + m[2], pe: s + m[3], start: s + m[0], end: end, path: body[s+m[2] : s+m[3]]})
		}
		for _, d := range scan.Defs(body, s, e, skip) {
			link(linkSite{refDef: true, start: d.Start, close: d.End, end: d.End, ds: d.DS, de: d.DE, dest: trimAngle(body[d.DS:d.DE])})
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
			ds, de, closing, ok := scan.InlineDest(body, i+2, e)
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
