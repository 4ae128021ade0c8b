package dialect

import (
	"cmp"
	"path"
	"regexp"
	"slices"
	"strings"
)

// leading measures a line's indentation in columns (a tab to the next
// multiple of 4, as CommonMark counts) and returns the rest.
func leading(s string) (int, string) { return leadingFrom(s, 0) }

// leadingFrom is leading for s starting at column col: a tab goes to the
// next multiple of 4 counted from the line's start.
func leadingFrom(s string, col int) (int, string) {
	w := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ':
			w++
		case '\t':
			w += 4 - (col+w)%4
		default:
			return w, s[i:]
		}
	}
	return w, ""
}

// isBlank tells whether a line holds only spaces and tabs.
func isBlank(s string) bool { return strings.TrimLeft(s, " \t") == "" }

// listItem tells whether s (without its indentation) starts a list item,
// the column its content starts at, counted from the marker, and the
// bytes of the marker and the spaces after it (a tab is one byte of
// several columns).
func listItem(s string) (col, n int, ok bool) {
	i := 0
	switch {
	case s == "":
		return 0, 0, false
	case s[0] == '-' || s[0] == '*' || s[0] == '+':
		if isBreak(s) {
			return 0, 0, false
		}
		i = 1
	default:
		for i < len(s) && i < 9 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i >= len(s) || (s[i] != '.' && s[i] != ')') {
			return 0, 0, false
		}
		i++
	}
	if i == len(s) {
		return i + 1, i, true
	}
	if s[i] != ' ' && s[i] != '\t' {
		return 0, 0, false
	}
	w, rest := leadingFrom(s[i:], i)
	if rest == "" || w > 4 {
		return i + 1, i + 1, true
	}
	return i + w, len(s) - len(rest), true
}

// blockPrefix is the length of what starts a line before its text:
// indentation, the '>' of block quotes, list markers.
func blockPrefix(s string) int {
	p := 0
	for p < len(s) {
		_, rest := leading(s[p:])
		p = len(s) - len(rest)
		if strings.HasPrefix(rest, ">") {
			p++
			continue
		}
		col, n, ok := listItem(rest)
		if !ok || col > len(rest) || col == 0 {
			break
		}
		p += n
	}
	return p
}

// isHeading tells whether s (without its indentation) is an ATX heading.
func isHeading(s string) bool {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(s) || s[n] == ' ' || s[n] == '\t')
}

// isBreak tells whether s (without its indentation) is a thematic break:
// three or more of one of - * _, with spaces between.
func isBreak(s string) bool {
	if s == "" || (s[0] != '-' && s[0] != '*' && s[0] != '_') {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case s[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// fenceOpen tells whether s (without its indentation) opens a fenced code
// block, perhaps after '>' and list markers: it returns the run of
// backticks or tildes, the info string after it, and how many '>' came
// before.
func fenceOpen(s string) (run, info string, quotes int, ok bool) {
prefix:
	for {
		switch {
		case strings.HasPrefix(s, ">"):
			quotes++
			w, rest := leading(s[1:])
			if w > 4 {
				return "", "", 0, false // indented code inside the quote
			}
			s = rest
		case quotes == 0:
			col, n, ok := listItem(s)
			if !ok || col > len(s) {
				break prefix
			}
			w, rest := leading(s[n:])
			if w >= 4 || rest == "" {
				break prefix
			}
			s = rest
		default:
			break prefix
		}
	}
	if len(s) < 3 || (s[0] != '`' && s[0] != '~') {
		return "", "", 0, false
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	if n < 3 || (s[0] == '`' && strings.Contains(s[n:], "`")) {
		return "", "", 0, false
	}
	return s[:n], strings.TrimSpace(s[n:]), quotes, true
}

// fenceCloses tells whether s (without its indentation) closes a fence
// opened by run.
func fenceCloses(s, run string) bool {
	t := strings.TrimRight(s, " \t")
	return len(t) >= len(run) && strings.Trim(t, run[:1]) == ""
}

// codeSpans finds the code spans of a line: a run of backticks up to the
// next run of the same length. After a backslash the run's first backtick
// is text, and the rest of the run may open a span (a closing run is never
// escaped). It takes one pass: the next run of each length is known
// beforehand.
func codeSpans(s string) [][2]int {
	if strings.IndexByte(s, '`') < 0 {
		return nil
	}
	runs := backtickRuns(s)
	next := make([]int, len(runs)) // the next run as long as the opener
	last := map[int]int{}
	for i := len(runs) - 1; i >= 0; i-- {
		n := runs[i][1]
		if escaped(s, runs[i][0]) {
			n--
		}
		next[i] = -1
		if j, ok := last[n]; ok && n > 0 {
			next[i] = j
		}
		last[runs[i][1]] = i
	}
	var spans [][2]int
	for i := 0; i < len(runs); {
		j := next[i]
		if j < 0 {
			i++
			continue
		}
		at := runs[i][0]
		if escaped(s, at) {
			at++
		}
		spans = append(spans, [2]int{at, runs[j][0] + runs[j][1]})
		i = j + 1
	}
	return spans
}

// spans finds the code spans of a line of a paragraph, where a code span
// may begin on an earlier line: a run of backticks left open there closes
// at the next run of its length here. Which earlier runs truly stay open
// depends on lines this converter has not read yet, so a line with a run
// of such a length is read as having no code spans at all: its text is
// then converted as text, which at worst shows an escape inside code, and
// never leaves another tool's tag outside it.
func (st *blockState) spans(s string) [][2]int {
	if strings.IndexByte(s, '`') < 0 {
		return nil
	}
	runs := backtickRuns(s)
	for _, r := range runs {
		if slices.Contains(st.ticks, r[1]) {
			for _, r := range runs {
				st.open(r[1], escaped(s, r[0]))
			}
			return nil
		}
	}
	spans := codeSpans(s)
	k := 0
	for _, r := range runs {
		for k < len(spans) && spans[k][1] <= r[0] {
			k++
		}
		if k == len(spans) || r[0] < spans[k][0] {
			st.open(r[1], escaped(s, r[0]))
		}
	}
	return spans
}

// open notes a backtick run of n left open; after a backslash, the run
// may also count as one backtick shorter.
func (st *blockState) open(n int, escaped bool) {
	for _, m := range []int{n, n - 1} {
		if m > 0 && !slices.Contains(st.ticks, m) {
			st.ticks = append(st.ticks, m)
		}
		if !escaped {
			break
		}
	}
}

// backtickRuns are the runs of backticks in s, as offset and length.
func backtickRuns(s string) [][2]int {
	var runs [][2]int
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '`' {
			j++
		}
		runs = append(runs, [2]int{i, j - i})
		i = j
	}
	return runs
}

// escaped tells whether the byte at i follows an odd number of backslashes.
func escaped(s string, i int) bool {
	n := 0
	for i-n-1 >= 0 && s[i-n-1] == '\\' {
		n++
	}
	return n%2 == 1
}

// escapeTo writes s[from:to] so that no template tag of another tool and
// no variable of deskbook's starts in it: "{" before "{" or "%" and "%"
// before "}" get a backslash, which Markdown shows as the character alone.
// What comes after s[from:to] is not looked at: joinTo guards the join
// with what is written next (which a rule may have converted or removed).
func escapeTo(b *strings.Builder, s string, from, to int) {
	for i := from; i < to; i++ {
		if i == from {
			guardJoin(b, s[i])
		}
		b.WriteByte(s[i])
		if i+1 < to && tagStart(s[i], s[i+1]) {
			b.WriteByte('\\')
		}
	}
}

// joinTo appends t to b, guarded by guardJoin.
func joinTo(b *strings.Builder, t string) {
	if t != "" {
		guardJoin(b, t[0])
	}
	b.WriteString(t)
}

// guardJoin writes a backslash when the last byte of b and next, the byte
// about to follow it, would start a tag that neither side has.
func guardJoin(b *strings.Builder, next byte) {
	if w := b.String(); w != "" && tagStart(w[len(w)-1], next) {
		b.WriteByte('\\')
	}
}

// tagStart tells whether the bytes x, y start a template tag or a
// variable ("{{", "{%") or end one ("%}").
func tagStart(x, y byte) bool {
	return x == '{' && (y == '{' || y == '%') || x == '%' && y == '}'
}

// esc is escapeTo for a whole string.
func esc(s string) string {
	if !strings.ContainsAny(s, "{%") {
		return s
	}
	var b strings.Builder
	escapeTo(&b, s, 0, len(s))
	return b.String()
}

// rule is one construct a dialect converts inside a line: a regexp
// whose matches start with the literal lit and end with end, so that it
// runs only on text holding both (most text holds neither, and a body of
// openers that never close costs nothing), and what to make of a match.
// fn gets the submatch indexes; what it returns is made harmless with
// esc, but for a rule that writes deskbook's variables (vars).
type rule struct {
	lit, end string
	re       *regexp.Regexp
	fn       func(c *conv, s string, m []int, no int) string
	vars     bool
}

// apply converts the matches of the rules in s, the leftmost first (of
// two at one place, the rule listed first), and makes the text between
// harmless with escapeTo. Each rule's regexp reads s once, so the whole
// is linear in s.
func (c *conv) apply(s string, no int, rules []rule) string {
	type hit struct {
		m []int
		r int
	}
	var hits []hit
	for i, r := range rules {
		if !strings.Contains(s, r.lit) || !strings.Contains(s, r.end) {
			continue
		}
		for _, m := range r.re.FindAllStringSubmatchIndex(s, -1) {
			hits = append(hits, hit{m, i})
		}
	}
	if len(hits) == 0 {
		return esc(s) // s itself when it has no { or %
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return cmp.Or(a.m[0]-b.m[0], a.r-b.r) })
	var b strings.Builder
	at := 0
	for _, h := range hits {
		if h.m[0] < at {
			continue // inside a match already converted
		}
		escapeTo(&b, s, at, h.m[0])
		out := rules[h.r].fn(c, s, h.m, no)
		if !rules[h.r].vars {
			out = esc(out)
		}
		if escaped(s, h.m[0]) && !strings.HasPrefix(out, s[h.m[0]:h.m[0]+1]) {
			// The backslash before the match escaped a character the
			// conversion took away: shown as itself, it escapes nothing.
			b.WriteByte('\\')
		}
		joinTo(&b, out)
		at = h.m[1]
		if out == "" && h.m[0] > 0 && s[h.m[0]-1] == ' ' && at < len(s) && s[at] == ' ' {
			at++ // "a {#x} b" becomes "a b"
		}
	}
	escapeTo(&b, s, at, len(s))
	return b.String()
}

// group is submatch g of m in s, "" when it did not take part.
func group(s string, m []int, g int) string {
	if 2*g+1 >= len(m) || m[2*g] < 0 {
		return ""
	}
	return s[m[2*g]:m[2*g+1]]
}

// label makes a string fit a directive's [label] on one line: brackets
// that do not pair are escaped.
func label(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	depth := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\':
			i++
		case s[i] == '[':
			depth++
		case s[i] == ']':
			depth--
		}
		if depth < 0 {
			break
		}
	}
	if depth == 0 {
		return s
	}
	return strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`).Replace(s)
}

// VarName makes a name of another tool's variable (user.name, my-var) a
// deskbook variable name: ASCII letters, digits and underscores, the rest
// becoming underscores. An importer names site.yaml's variables with it,
// so they are the names the converted pages use.
func VarName(s string) string {
	b := []byte(strings.TrimSpace(s))
	for i, ch := range b {
		if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_') {
			b[i] = '_'
		}
	}
	return string(b)
}

// attrRE matches one argument of a tag: key="value", key='value',
// key=value, or a value alone (quoted or not).
var attrRE = regexp.MustCompile(`(?:([\w-]+)\s*=\s*)?(?:"([^"]*)"|'([^']*)'|` + "`([^`]*)`" + `|([^\s"'=]+))`)

// args reads the arguments of a tag: named ones into the map, the others
// in order.
func args(s string) (map[string]string, []string) {
	named := map[string]string{}
	var pos []string
	for _, m := range attrRE.FindAllStringSubmatchIndex(s, -1) {
		v := group(s, m, 2) + group(s, m, 3) + group(s, m, 4) + group(s, m, 5)
		if k := group(s, m, 1); k != "" {
			named[strings.ToLower(k)] = v
		} else {
			pos = append(pos, v)
		}
	}
	return named, pos
}

// relTo is the path from the folder of file to target, both slash
// separated and relative to the same root.
func relTo(file, target string) string {
	from := strings.Split(path.Dir(file), "/")
	if path.Dir(file) == "." {
		from = nil
	}
	to := strings.Split(path.Clean(target), "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
}

// linkDest writes a link destination so that Markdown reads it back whole.
func linkDest(d string) string {
	if strings.ContainsAny(d, " \t()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(d) + ">"
	}
	return d
}

// stripTags removes HTML tags from a short piece of text (a summary), by
// a scan for < and >, keeping the words.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '<' && i+1 < len(s) && (s[i+1] == '/' || s[i+1] >= 'a' && s[i+1] <= 'z' || s[i+1] >= 'A' && s[i+1] <= 'Z'):
			in = true
		case s[i] == '>' && in:
			in = false
		case !in:
			b.WriteByte(s[i])
		}
	}
	return strings.TrimSpace(b.String())
}
