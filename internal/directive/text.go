package directive

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// texts fills in the variables of the document's text and takes out the
// markers of other tools' syntax left in it ({% … %} tags, ::: lines that
// are no directive of ours), reporting each. Code spans, code blocks and
// raw HTML keep their text as written, so an article can show template
// syntax.
func (p *Page) texts(doc ast.Node) {
	for _, run := range textRuns(doc) {
		p.text(run)
	}
}

// textRuns groups the text nodes outside code, HTML and autolinks into
// runs that follow one another in the source on one line: goldmark ends
// a text node at each character an inline parser might start at (a
// space, an underscore), so "{{ my_name }}" may span several.
func textRuns(doc ast.Node) [][]*ast.Text {
	var runs [][]*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if prev, ok := n.PreviousSibling().(*ast.Text); ok && len(runs) > 0 && prev.Segment.Stop == n.Segment.Start &&
				!prev.SoftLineBreak() && !prev.HardLineBreak() {
				runs[len(runs)-1] = append(runs[len(runs)-1], n)
			} else {
				runs = append(runs, []*ast.Text{n})
			}
		}
		return ast.WalkContinue, nil
	})
	return runs
}

// piece is a part of a text node's new content: a stretch of its text,
// or (value) a variable's value.
type piece struct {
	from, to int
	value    *string
}

// text fills in a run of text nodes (textRuns). Each "{{" is read once, each "%}"
// found once, so a text of many of them takes time in proportion to its
// length.
func (p *Page) text(run []*ast.Text) {
	off := run[0].Segment.Start
	v := p.buf[off:run[len(run)-1].Segment.Stop]
	var out []piece
	from, i := 0, 0
	if looksLikeDirective(v) && startsLine(run[0]) {
		d, ok := readLine(v, 0)
		p.report(off, true, "%s", misuse(d, ok, v))
		if ok && d.hasLabel {
			out = append(out, piece{from: d.label[0], to: d.label[1]})
		}
		from, i = len(v), len(v)
	}
	closer := -2 // where the next "%}" starts; -1: there is none
	for ; i+1 < len(v); i++ {
		switch {
		case v[i] == '\\':
			i++ // an escaped character: \{{ is two braces
		case v[i] == '{' && v[i+1] == '{':
			name, end := readVar(v, i)
			val, ok := p.Vars[name]
			switch {
			case end < 0:
				p.report(off+i, true, "%s is not a variable like {{product}}: write \\{{ to show two braces", snippet(v[i:]))
				for i+2 < len(v) && v[i+2] == '{' {
					i++ // one warning for a run of braces
				}
				continue
			case !ok:
				p.report(off+i, false, "undefined variable {{%s}}: %s", name, p.known())
				continue
			}
			out = append(out, piece{from: from, to: i}, piece{value: &val})
			from, i = end, end-1
		case v[i] == '{' && v[i+1] == '%':
			if closer != -1 && closer < i+2 {
				if closer = bytes.Index(v[i+2:], []byte("%}")); closer >= 0 {
					closer += i + 2
				}
			}
			end := i + 2
			if closer >= 0 {
				end = closer + 2
			}
			p.report(off+i, true, "%s looks like the syntax of another tool; deskbook import markdown converts it", snippet(v[i:end]))
			out = append(out, piece{from: from, to: i})
			from, i = end, end-1
		case v[i] == '%' && v[i+1] == '}':
			p.report(off+i, true, "a stray %%} looks like the syntax of another tool; deskbook import markdown converts it")
			out = append(out, piece{from: from, to: i})
			from, i = i+2, i+1
		}
	}
	if out == nil && from == 0 {
		return
	}
	replace(run, off, append(out, piece{from: from, to: len(v)}))
}

// replace puts the pieces in place of a run of text nodes at off. The
// run's line break goes to the last piece left; a line taken out whole
// takes its break with it.
func replace(run []*ast.Text, off int, out []piece) {
	t := run[len(run)-1]
	parent := t.Parent()
	var last ast.Node
	for _, pc := range out {
		switch {
		case pc.value != nil:
			s := ast.NewString([]byte(*pc.value))
			s.SetRaw(true) // escaped for HTML, but not read for Markdown's escapes
			last = s
		case pc.from < pc.to:
			n := ast.NewTextSegment(text.NewSegment(off+pc.from, off+pc.to))
			n.SetRaw(t.IsRaw())
			last = n
		default:
			continue
		}
		parent.InsertBefore(parent, t, last)
	}
	if last != nil && (t.SoftLineBreak() || t.HardLineBreak()) {
		n, ok := last.(*ast.Text)
		if !ok {
			n = ast.NewTextSegment(text.NewSegment(t.Segment.Stop, t.Segment.Stop))
			parent.InsertBefore(parent, t, n)
		}
		n.SetSoftLineBreak(t.SoftLineBreak())
		n.SetHardLineBreak(t.HardLineBreak())
	}
	for _, t := range run {
		parent.RemoveChild(parent, t)
	}
}

// startsLine says whether a text node starts a line of its block.
func startsLine(t *ast.Text) bool {
	b := t.Parent()
	for b != nil && b.Type() != ast.TypeBlock {
		b = b.Parent()
	}
	if b == nil {
		return false
	}
	lines := b.Lines()
	lo, hi := 0, lines.Len()
	for lo < hi {
		m := (lo + hi) / 2
		if lines.At(m).Start < t.Segment.Start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < lines.Len() && lines.At(lo).Start == t.Segment.Start
}

// looksLikeDirective says whether a line starts like a directive: two or
// more colons and a name, or a fence of three or more (":::", "::: zone"),
// so that "::1 is the loopback address" stays text.
func looksLikeDirective(v []byte) bool {
	i := 0
	for i < len(v) && v[i] == ':' {
		i++
	}
	switch {
	case i < 2:
		return false
	case i < len(v) && isLetter(v[i]):
		return true
	case i < 3:
		return false
	}
	j := skipSpaces(v, i)
	return j == len(v) || isLetter(v[j]) || v[j] == '\n'
}

// readVar reads the variable {{name}} at v[i:] (spaces inside the braces
// allowed), and returns its name and where it ends, or an end of -1.
func readVar(v []byte, i int) (string, int) {
	j := skipSpaces(v, i+2)
	k := j
	if k < len(v) && (isLetter(v[k]) || v[k] == '_') {
		for k < len(v) && isNameByte(v[k]) {
			k++
		}
	}
	m := skipSpaces(v, k)
	if k == j || m+1 >= len(v) || v[m] != '}' || v[m+1] != '}' {
		return "", -1
	}
	return string(v[j:k]), m + 2
}

func skipSpaces(v []byte, i int) int {
	for i < len(v) && (v[i] == ' ' || v[i] == '\t') {
		i++
	}
	return i
}

func isNameByte(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// known lists the page's variables, for a message about one it lacks.
func (p *Page) known() string {
	if len(p.Vars) == 0 {
		return "site.yaml defines no variables (product, version, title, variables:)"
	}
	return "site.yaml defines " + strings.Join(slices.Sorted(maps.Keys(p.Vars)), ", ") + " for this page's language"
}

// snippet is the start of a text, for a message.
func snippet(v []byte) string {
	s := string(v[:min(len(v), 160)]) // enough for 40 letters of any script
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if utf8.RuneCountInString(s) > 40 {
		s = strings.TrimSpace(string([]rune(s)[:39])) + "…"
	}
	return fmt.Sprintf("%q", strings.TrimSpace(s))
}

// misuse says what is wrong with a line starting with "::" that is text:
// deskbook's syntax written wrongly, or another tool's.
func misuse(d directiveLine, ok bool, v []byte) string {
	shown, name := snippet(v), strings.ToLower(d.name)
	switch {
	case !ok:
	case name == "" && d.colons >= 3 && d.blank:
		return fmt.Sprintf("%s closes no directive: remove it, or check the line that should have opened one", shown)
	case notes[name] || name == "details" || name == "tabs":
		if d.colons >= 3 && d.blank {
			return fmt.Sprintf("%s did not open: a directive stands on a line of its own, at most %d blocks deep", shown, maxOpen)
		}
		return fmt.Sprintf("%s: write :::%s[label] alone on its line, and end it with a ::: line", shown, name)
	case name == "tab":
		return fmt.Sprintf("%s: a tab starts with ::tab[Label] alone on its line, right inside a :::tabs container", shown)
	case name == "include":
		return fmt.Sprintf("%s: write ::include[path/to/_shared/file.md] alone on its line", shown)
	}
	return fmt.Sprintf("%s looks like the syntax of another tool; deskbook import markdown converts it", shown)
}
