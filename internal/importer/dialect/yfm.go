package dialect

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
)

// yfm is Yandex Flavored Markdown, as Diplodoc builds it: {% note %},
// {% cut %}, {% list tabs %}, {% include %}, {{ variables }}, #| tables |#,
// [{#T}](file.md) links and {#anchor}s.
type yfm struct{ base }

var (
	// yfmTagRE matches a block tag alone on its line: its name, its
	// arguments, and what may follow a cut ({#id}, {name=group}).
	yfmTagRE = regexp.MustCompile(`^\{%-?\s*([\w-]+)\s*((?:[^%]|%[^}])*?)\s*-?%\}\s*((?:\{[^{}]*\}\s*)*)$`)
	// yfmSplitRE matches the block tags a line is cut at.
	yfmSplitRE = regexp.MustCompile(`\{%-?\s*(?:note|endnote|cut|endcut|list|endlist)\b(?:[^%]|%[^}])*?-?%\}(?:\{[^{}]*\})*`)
	noteArgRE  = regexp.MustCompile(`^(\w+)\s*(?:"(.*)")?`)
	quotedRE   = regexp.MustCompile(`^"(.*)"|^'(.*)'`)
	includeRE  = regexp.MustCompile(`^(?:notitle\s+)?\[([^\]]*)\]\(\s*([^()\s]*)\s*\)$`)
	// anchorRE matches YFM's {#anchor} (also { #anchor }).
	anchorRE  = regexp.MustCompile(`\{ ?#([^\s{}]+) ?\}`)
	termDefRE = regexp.MustCompile(`^\[\*([^\]]+)\]:\s*`)
)

// yfmNotes are YFM's kinds of note and deskbook's for them: alert is YFM's
// red one (Diplodoc titles it "Attention"), warning its yellow one.
var yfmNotes = map[string]string{"info": "note", "tip": "tip", "warning": "warning", "alert": "caution"}

func (*yfm) split() (*regexp.Regexp, string, string) { return yfmSplitRE, "{%", "%}" }

// block converts YFM's block tags, tables, tab items and headings.
func (y *yfm) block(c *conv, s string, no int) bool {
	w, rest := leading(s)
	ind := s[:len(s)-len(rest)]
	t := strings.TrimRight(rest, " \t")
	if f := c.top(); f.kind == "yfm-tabs" && y.tabItem(c, f, w, t, no) {
		return true
	}
	if strings.HasPrefix(t, "{%") {
		if m := yfmTagRE.FindStringSubmatch(t); m != nil && y.tag(c, ind, m[1], m[2], m[3], no) {
			return true
		}
	}
	if strings.HasPrefix(t, "#|") || strings.HasPrefix(t, "|#") {
		return c.tableStart(ind, t, no)
	}
	if isHeading(t) && strings.Contains(t, "{") {
		return y.heading(c, ind, t, no)
	}
	if !strings.HasPrefix(t, "[*") {
		return c.details(s, no)
	}
	if m := termDefRE.FindStringSubmatchIndex(t); m != nil {
		key := t[m[2]:m[3]]
		c.warn(no, "yfm:term", "the definition of the term %q becomes a paragraph: deskbook has no terms", key)
		c.text(ind+"**"+strings.TrimSpace(key)+"**: "+t[m[1]:], no)
		return true
	}
	return c.details(s, no)
}

// tag converts one block tag alone on its line.
func (y *yfm) tag(c *conv, ind, name, arg, after string, no int) bool {
	switch name {
	case "note":
		m := noteArgRE.FindStringSubmatch(arg)
		kind, title := "info", ""
		if m != nil {
			kind, title = m[1], m[2]
		}
		to, ok := yfmNotes[kind]
		if !ok {
			to = "note"
			c.warn(no, "yfm:note", "{%% note %s %%}: YFM has no note of this kind; it becomes a note", kind)
		}
		f := &frame{kind: "yfm-note", marker: "endnote", what: "{% note %}", constr: "yfm:note", indent: ind, line: no}
		c.openBox(f, to, c.inline(title, no), no)
	case "cut":
		title := ""
		if m := quotedRE.FindStringSubmatch(arg); m != nil {
			title = m[1] + m[2]
		}
		if strings.Contains(after, "#") {
			c.warn(no, "yfm:anchor", "the anchor %s of a cut is removed: deskbook's collapsible sections have none", strings.TrimSpace(after))
		}
		f := &frame{kind: "yfm-cut", marker: "endcut", what: "{% cut %}", constr: "yfm:cut", indent: ind, line: no}
		c.openBox(f, "details", c.inline(title, no), no)
	case "list":
		return y.list(c, ind, arg, no)
	case "endnote", "endcut", "endlist":
		if !c.closeMarker(name) {
			c.warn(no, "yfm:"+strings.TrimPrefix(name, "end"), "{%% %s %%} closes nothing and is removed", name)
		}
	case "include":
		return y.include(c, ind, arg, no)
	default:
		return false
	}
	return true
}

// list opens {% list tabs %}: tabs, or, for an accordion, a collapsible
// section per item.
func (y *yfm) list(c *conv, ind, arg string, no int) bool {
	fs := strings.Fields(arg)
	if len(fs) == 0 || fs[0] != "tabs" {
		return false
	}
	f := &frame{kind: "yfm-tabs", marker: "endlist", what: "{% list tabs %}", constr: "yfm:tabs", indent: ind, line: no, itemCol: -1, skipBlank: true}
	if slices.Contains(fs[1:], "accordion") {
		f.accordion = true
		c.push(f)
		return true
	}
	c.openBox(f, "tabs", "", no)
	return true
}

// tabItem starts a tab at a list item of {% list tabs %}: its text is the
// label, the lines indented under it the panel.
func (y *yfm) tabItem(c *conv, f *frame, w int, t string, no int) bool {
	col, n, ok := listItem(t)
	if !ok || (f.itemCol >= 0 && w != f.itemCol) {
		return false
	}
	f.itemCol = w
	name := c.inline(strings.TrimSpace(t[n:]), no)
	item := &frame{kind: "yfm-item", indent: f.indent, line: no, ind: true, base: w, k: -1, kdef: col, kmax: col + 3, need: w + 1}
	if f.accordion {
		c.openBox(item, "details", name, no)
		return true
	}
	c.emit(f.indent, "::tab["+label(name)+"]")
	c.push(item)
	return true
}

// include converts {% include [text](path) %}; an include of a part of a
// file (path#anchor) becomes a link to it, as deskbook includes whole files.
func (y *yfm) include(c *conv, ind, arg string, no int) bool {
	m := includeRE.FindStringSubmatch(arg)
	if m == nil {
		return false
	}
	p := m[2]
	if i := strings.IndexByte(p, '#'); i >= 0 {
		c.warn(no, "yfm:include", "the include of a part of %s becomes a link to it: deskbook includes whole files", p[:i])
		c.text(ind+"["+m[1]+"]("+p+")", no)
		return true
	}
	c.include(ind, p, no, "yfm:include")
	return true
}

// heading keeps a heading's first {#anchor} as its id, in the attribute
// syntax deskbook's Markdown reads, and drops the others.
func (y *yfm) heading(c *conv, ind, t string, no int) bool {
	spans := codeSpans(t)
	var ids []string
	var b strings.Builder
	at, k := 0, 0
	for _, m := range anchorRE.FindAllStringSubmatchIndex(t, -1) {
		for k < len(spans) && spans[k][1] <= m[0] {
			k++
		}
		if k < len(spans) && spans[k][0] <= m[0] || strings.HasPrefix(t[max(0, m[0]-1):], "[{#T}]") {
			continue
		}
		b.WriteString(t[at:m[0]])
		ids = append(ids, t[m[2]:m[3]])
		at = m[1]
	}
	if len(ids) == 0 {
		return false
	}
	b.WriteString(t[at:])
	for _, id := range ids[1:] {
		c.warn(no, "yfm:anchor", "the heading's second anchor {#%s} is removed: a heading has one id here", id)
	}
	out := c.inline(strings.TrimRight(b.String(), " \t#"), no) + " {#" + ids[0] + "}"
	c.top().st.track(0, out)
	c.emit(ind, out)
	return true
}

// yfmRules convert what YFM writes inside a line of text.
var yfmRules = []rule{
	{"not_var{{", "", regexp.MustCompile(`not_var\{\{`), func(*conv, string, []int, int) string { return `{\{` }, false},
	{"{{", "}}", regexp.MustCompile(`\{\{-?([^{}]*?)-?\}\}`), yfmVar, true},
	{"[{#T}](", ")", regexp.MustCompile(`\[\{#T\}\]\(\s*([^()\s]*)((?:\s+"[^"]*")?)\s*\)`), yfmAutotitle, false},
	{"{%", "%}", regexp.MustCompile(`\{%-?\s*([\w-]*)((?:[^%]|%[^}])*?)-?%\}`), yfmTag, false},
	{"{", "}", regexp.MustCompile(`\{ ?(#[^\s{}]+|wide-content|sticky-header) ?\}`), yfmAnchor, false},
	{"@[", ")", regexp.MustCompile(`@\[(\w+)\]\(([^)\s]+)\)`), yfmVideo, false},
	{"![", " =", regexp.MustCompile(`!\[([^\]]*)\]\(\s*([^\s)]+)((?:\s+"[^"]*")?)\s+=(\d*)x(\d*)\s*\)`), yfmImageSize, false},
	{"](*", ")", regexp.MustCompile(`\[([^\]]+)\]\(\*([\w-]+)\)`), yfmTerm, false},
}

// inline converts YFM's inline syntax.
func (y *yfm) inline(c *conv, s string, no int) string {
	return c.apply(s, no, yfmRules)
}

// yfmVar converts {{ name }}.
func yfmVar(c *conv, s string, m []int, no int) string {
	return variable(c, s[m[0]:m[1]], group(s, m, 1), no)
}

// yfmAutotitle gives [{#T}](file.md) the title of the file.
func yfmAutotitle(c *conv, s string, m []int, no int) string {
	target := group(s, m, 1)
	title, ok := c.titles(target)
	if !ok {
		title = target
		c.warn(no, "yfm:link-title", "the title of %s is not known: the link shows its path", target)
	}
	return "[" + linkText(esc(title)) + "](" + target + group(s, m, 2) + ")"
}

// yfmTag converts a tag inside a line: an include becomes a link, a file
// a link to it; an anchor and any other tag go.
func yfmTag(c *conv, s string, m []int, no int) string {
	whole, name, arg := s[m[0]:m[1]], group(s, m, 1), strings.TrimSpace(group(s, m, 2))
	switch name {
	case "include":
		if im := includeRE.FindStringSubmatch(arg); im != nil {
			c.warn(no, "yfm:include", "an include inside a line of text becomes a link: deskbook includes whole blocks")
			return "[" + linkText(esc(im[1])) + "](" + im[2] + ")"
		}
	case "file":
		named, _ := args(arg)
		c.warn(no, "yfm:file", "{%% file %%} becomes a link to the file")
		return "[" + linkText(esc(cmp.Or(named["name"], named["src"]))) + "](" + linkDest(named["src"]) + ")"
	case "anchor":
		c.warn(no, "yfm:anchor", "the anchor %s is removed: deskbook gives ids to headings only", whole)
		return ""
	}
	c.warn(no, "yfm:tag", "the tag %s is removed: deskbook has no such tag", whole)
	return ""
}

// yfmAnchor removes an {#anchor} outside a heading, and the attributes
// {wide-content} and {sticky-header} of a table.
func yfmAnchor(c *conv, s string, m []int, no int) string {
	if strings.HasPrefix(group(s, m, 1), "#") {
		c.warn(no, "yfm:anchor", "the anchor %s is removed: deskbook gives ids to headings only", s[m[0]:m[1]])
	}
	return ""
}

// yfmVideo makes @[service](id) a link to the video.
func yfmVideo(c *conv, s string, m []int, no int) string {
	service, id := group(s, m, 1), group(s, m, 2)
	c.warn(no, "yfm:video", "the %s video becomes a link", service)
	if u := videoURL(service, id); strings.Contains(u, "://") {
		return "<" + u + ">"
	}
	return esc(service + " " + id)
}

// yfmImageSize drops the size of ![alt](src =100x200).
func yfmImageSize(c *conv, s string, m []int, no int) string {
	c.warn(no, "yfm:image-size", "the size of the image %s is dropped", group(s, m, 2))
	return "![" + esc(group(s, m, 1)) + "](" + group(s, m, 2) + group(s, m, 3) + ")"
}

// yfmTerm shows a [term](*id) as its text.
func yfmTerm(c *conv, s string, m []int, no int) string {
	c.warn(no, "yfm:term", "the term %q is shown as plain text: deskbook has no terms", group(s, m, 1))
	return esc(group(s, m, 1))
}

// yfmVarRE reads what is between {{ and }}: a name, perhaps a function
// (.slice(1)) and filters (| capitalize).
var yfmVarRE = regexp.MustCompile(`^\s*([\w-]+(?:\.[\w-]+)*?)(\.\w+\([^)]*\))?\s*((?:\|.*)?)$`)

// variable converts a YFM variable to deskbook's, {{name}}; a function or
// filter on it is dropped (a problem), and what is not a variable is kept
// as text.
func variable(c *conv, whole, inner string, no int) string {
	m := yfmVarRE.FindStringSubmatch(inner)
	if m == nil {
		c.warn(no, "yfm:variable", "%s is not a variable; it is kept as text", whole)
		return esc(whole)
	}
	if m[2] != "" || m[3] != "" {
		c.warn(no, "yfm:variable", "%s: deskbook's variables have no functions or filters; %s is dropped", whole, strings.TrimSpace(m[2]+" "+m[3]))
	}
	return "{{" + VarName(m[1]) + "}}"
}

// yfmCodeVarRE matches a variable in code, perhaps escaped with not_var.
var yfmCodeVarRE = regexp.MustCompile(`(not_var)?\{\{[\w\s.|()'",-]*\}\}`)

// code removes YFM's not_var escape from code (YFM replaces variables in
// code too; deskbook never does), and says where a variable in code will
// now show as written.
func (y *yfm) code(c *conv, s string, no int) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	shown := false
	out := yfmCodeVarRE.ReplaceAllStringFunc(s, func(v string) string {
		if rest, ok := strings.CutPrefix(v, "not_var"); ok {
			return rest
		}
		shown = true
		return v
	})
	if shown {
		c.warn(no, "yfm:code-variable", "a variable in code is shown as written: deskbook does not replace variables in code")
	}
	return out
}

// videoURL is the address of a video YFM embeds by service and id.
func videoURL(service, id string) string {
	if strings.HasPrefix(id, "http://") || strings.HasPrefix(id, "https://") {
		return id
	}
	switch strings.ToLower(service) {
	case "youtube":
		return "https://www.youtube.com/watch?v=" + id
	case "vimeo":
		return "https://vimeo.com/" + id
	case "rutube":
		return "https://rutube.ru/video/" + id + "/"
	}
	return id
}

// linkText escapes the brackets of a link's text.
func linkText(s string) string {
	return strings.NewReplacer("[", `\[`, "]", `\]`).Replace(s)
}
