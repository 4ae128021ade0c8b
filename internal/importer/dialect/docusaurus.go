package dialect

import (
	"regexp"
	"strings"
)

// docusaurus is MDX as Docusaurus writes it: admonitions (:::tip[Title]),
// the Tabs and TabItem components, <details>, import and export lines and
// other JSX components.
type docusaurus struct{ base }

var (
	dzAdmonRE  = regexp.MustCompile(`^(:{3,})\s*([A-Za-z][\w-]*)(?:\[(.*)\])?(?:\{([^{}]*)\})?(?:\s+(.*?))?\s*$`)
	dzCloseRE  = regexp.MustCompile(`^:{3,}$`)
	dzTagRE    = regexp.MustCompile(`^<(/?)([A-Z][\w.]*)\b([^>]*?)(/?)>$`)
	dzOpenRE   = regexp.MustCompile(`^<([A-Z][\w.]*)\b[^>]*$`)
	dzSplitRE  = regexp.MustCompile(`</?(?:TabItem|Tabs|Admonition)\b[^<>]*>`)
	dzObjectRE = regexp.MustCompile(`\{([^{}]*)\}`)
	dzLabelRE  = regexp.MustCompile(`label:\s*(?:'([^']*)'|"([^"]*)")`)
	dzValueRE  = regexp.MustCompile(`value:\s*(?:'([^']*)'|"([^"]*)")`)
)

// dzKinds are Docusaurus's admonitions and the notes they become: info is
// a note, danger deskbook's caution, caution (the old name) a warning.
var dzKinds = map[string]string{
	"note": "note", "info": "note", "secondary": "note", "tip": "tip", "success": "tip",
	"important": "important", "warning": "warning", "caution": "warning", "danger": "caution",
}

func (*docusaurus) split() (*regexp.Regexp, string, string) { return dzSplitRE, "<", ">" }

// block converts Docusaurus's block syntax.
func (dz *docusaurus) block(c *conv, s string, no int) bool {
	w, rest := leading(s)
	ind := s[:len(s)-len(rest)]
	t := strings.TrimRight(rest, " \t")
	switch {
	case !strings.HasPrefix(t, ":::") && !strings.HasPrefix(t, "<") && !strings.HasPrefix(t, "im") && !strings.HasPrefix(t, "ex"):
		return c.details(s, no)
	case dzCloseRE.MatchString(t):
		if !c.closeMarker(":::") {
			c.warn(no, "docusaurus:admonition", "%s closes no admonition and is removed", t)
		}
	case dzAdmonRE.MatchString(t):
		dz.admonition(c, ind, dzAdmonRE.FindStringSubmatch(t), no)
	case len(c.frames) == 1 && (strings.HasPrefix(t, "import ") || strings.HasPrefix(t, "export ")):
		word := t[:6]
		c.warnOnce(no, "docusaurus:"+word, "MDX %s lines are removed: deskbook pages are Markdown", word)
		c.push(&frame{kind: "mdx-esm", pre: esmLine})
	case dzTagRE.MatchString(t):
		dz.component(c, w, ind, dzTagRE.FindStringSubmatch(t), no)
	case dzOpenRE.MatchString(t):
		c.push(&frame{kind: "jsx-open", marker: "jsx", what: t, constr: "docusaurus:jsx", indent: ind, line: no, text: t, pre: jsxLine})
	default:
		return c.details(s, no)
	}
	return true
}

// esmLine drops the lines of an import or export up to a blank line,
// where MDX ends them.
func esmLine(c *conv, s string, _ int) bool {
	if isBlank(s) {
		c.closeTop(false)
	}
	return true
}

// jsxLine gathers a component's opening tag written over lines, then
// converts it as one line. A tag that runs past maxTagLines is not one:
// its lines are kept as text.
func jsxLine(c *conv, s string, no int) bool {
	f := c.top()
	t := strings.TrimSpace(s)
	f.parts = append(f.parts, srcLine{t, no})
	switch {
	case strings.HasSuffix(t, ">"):
		c.closeTop(false)
		var b strings.Builder
		for _, p := range f.parts {
			b.WriteString(" " + p.text)
		}
		c.piece(f.indent+f.text+b.String(), f.line, false)
	case len(f.parts) >= maxTagLines:
		c.closeTop(false)
		c.warn(f.line, "docusaurus:jsx", "%s is not closed with > within %d lines; its lines are kept as text", f.text, maxTagLines)
		c.text(f.indent+f.text, f.line)
		for _, p := range f.parts {
			c.text(f.indent+p.text, p.no)
		}
	}
	return true
}

// maxTagLines is how many lines a component's opening tag may take.
const maxTagLines = 50

// admonition opens :::kind[Title] (or, as Docusaurus 2 wrote it,
// :::kind Title).
func (dz *docusaurus) admonition(c *conv, ind string, m []string, no int) {
	kind := strings.ToLower(m[2])
	to, ok := dzKinds[kind]
	if !ok {
		to = "note"
		c.warn(no, "docusaurus:admonition", "the admonition :::%s becomes a note", m[2])
	}
	title := m[3]
	if title == "" {
		title = m[5]
	}
	if title == "" {
		named, _ := args(m[4])
		title = named["title"]
	}
	f := &frame{kind: "dz-admon", marker: ":::", what: ":::" + m[2], constr: "docusaurus:admonition", indent: ind, line: no}
	c.openBox(f, to, c.inline(title, no), no)
}

// component converts a line that is one JSX tag: Tabs, TabItem and
// Admonition become deskbook's; other components lose their tags (a
// problem) and keep what is between them.
func (dz *docusaurus) component(c *conv, w int, ind string, m []string, no int) {
	closing, name, attrs, self := m[1] != "", m[2], m[3], m[4] != ""
	named, _ := args(attrs)
	switch {
	case closing && (name == "Tabs" || name == "TabItem" || name == "Admonition"):
		if !c.closeMarker("</" + name + ">") {
			c.warn(no, "docusaurus:jsx", "</%s> closes nothing and is removed", name)
		}
	case name == "Tabs" && !self:
		f := &frame{kind: "dz-tabs", marker: "</Tabs>", what: "<Tabs>", constr: "docusaurus:tabs", indent: ind, line: no, skipBlank: true, labels: tabLabels(attrs)}
		c.openBox(f, "tabs", "", no)
	case name == "TabItem":
		dz.tabItem(c, named, self, no)
	case name == "Admonition" && !self:
		to, ok := dzKinds[strings.ToLower(named["type"])]
		if !ok {
			to = "note"
		}
		f := &frame{kind: "dz-admon", marker: "</Admonition>", what: "<Admonition>", constr: "docusaurus:admonition", indent: ind, line: no}
		c.openBox(f, to, c.inline(named["title"], no), no)
	case !closing:
		c.warn(no, "docusaurus:jsx", "the component <%s> is removed: deskbook pages are Markdown", name)
	}
}

// tabItem starts a tab at <TabItem value="…" label="…">; its content is
// taken out of the indentation it has inside the component.
func (dz *docusaurus) tabItem(c *conv, named map[string]string, self bool, no int) {
	tabs := c.top()
	if tabs.kind != "dz-tabs" {
		c.warn(no, "docusaurus:tabs", "<TabItem> outside <Tabs> loses its tag")
		if !self {
			c.push(&frame{kind: "dz-item", marker: "</TabItem>", what: "<TabItem>", constr: "docusaurus:tabs", line: no})
		}
		return
	}
	name := named["label"]
	if name == "" {
		name = tabs.labels[named["value"]]
	}
	if name == "" {
		name = named["value"]
	}
	c.emit(tabs.indent, "::tab["+label(c.inline(name, no))+"]")
	if !self {
		// Its lines go to the column of <Tabs>, as the tab's line does.
		col, _ := leading(tabs.indent)
		c.push(&frame{kind: "dz-item", marker: "</TabItem>", what: "<TabItem>", constr: "docusaurus:tabs", indent: tabs.indent, line: no,
			ind: true, base: col, k: -1, kmax: 1 << 20})
	}
}

// tabLabels reads the labels of the values of <Tabs values={[{label:
// 'Apple', value: 'apple'}, …]}>, as Docusaurus wrote tabs before TabItem
// had a label.
func tabLabels(attrs string) map[string]string {
	labels := map[string]string{}
	for _, o := range dzObjectRE.FindAllStringSubmatch(attrs, -1) {
		l, v := dzLabelRE.FindStringSubmatch(o[1]), dzValueRE.FindStringSubmatch(o[1])
		if l != nil && v != nil {
			labels[v[1]+v[2]] = l[1] + l[2]
		}
	}
	return labels
}

// dzRules remove MDX comments and components from a line of text, then
// convert the template syntax of other tools.
var dzRules = append([]rule{
	{"{/*", "*/}", regexp.MustCompile(`\{/\*.*?\*/\}`), func(*conv, string, []int, int) string { return "" }, false},
	{"<", ">", regexp.MustCompile(`</?([A-Z][\w.]*)\b[^<>]*?/?>`), dzComponent, false},
}, looseRules...)

// inline converts MDX inside a line of text.
func (dz *docusaurus) inline(c *conv, s string, no int) string {
	return c.apply(s, no, dzRules)
}

// dzComponent removes a component's tag from a line of text.
func dzComponent(c *conv, s string, m []int, no int) string {
	if s[m[0]+1] != '/' {
		c.warn(no, "docusaurus:jsx", "the component <%s> is removed: deskbook pages are Markdown", group(s, m, 1))
	}
	return ""
}

// fence unwraps a ```mdx-code-block fence, whose content Docusaurus reads
// as MDX, not as code.
func (dz *docusaurus) fence(c *conv, _ string, no int, run, info string) bool {
	if info != "mdx-code-block" {
		return false
	}
	c.push(&frame{kind: "mdx", fenceEnd: run, line: no})
	return true
}
