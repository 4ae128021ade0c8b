package dialect

import (
	"regexp"
	"strings"
)

// mkdocs is Python-Markdown as MkDocs Material extends it: admonitions
// (!!! and, collapsible, ???), content tabs (=== "Tab"), whose bodies are
// indented four spaces; snippets (--8<--); pymdownx blocks (/// note).
type mkdocs struct{ base }

var (
	mkAdmonRE    = regexp.MustCompile(`^(!!!|\?\?\?\+?)\s*([\w-]+)((?:\s+[\w-]+)*)\s*(?:"(.*)")?\s*$`)
	mkTabRE      = regexp.MustCompile(`^===([!+]*)\s+"(.*)"\s*$`)
	mkSnipRE     = regexp.MustCompile(`^(;?)--8<--\s+(?:"([^"]*)"|'([^']*)')\s*$`)
	mkBlockRE    = regexp.MustCompile(`^(/{3,})\s*([\w-]+)\s*(?:\|\s*(.*?))?\s*$`)
	mkBlockEndRE = regexp.MustCompile(`^/{3,}$`)
	mkOptionRE   = regexp.MustCompile(`^\s{4,}([\w-]+):\s*(.*)$`)
	mkAbbrRE     = regexp.MustCompile(`^\*\[[^\]]*\]:`)
	mkAttrRE     = regexp.MustCompile(`^\{:?\s*[.#][^{}]*\}$`)
)

// mkKinds are Material's admonition types (and their aliases) and the
// notes they become: note, abstract, info, question, example and quote
// are notes; tip and success tips; failure, danger and bug cautions,
// deskbook's strongest kind.
var mkKinds = map[string]string{
	"note": "note", "seealso": "note", "abstract": "note", "summary": "note", "tldr": "note",
	"info": "note", "todo": "note", "tip": "tip", "hint": "tip", "important": "important",
	"success": "tip", "check": "tip", "done": "tip", "question": "note", "help": "note", "faq": "note",
	"warning": "warning", "caution": "warning", "attention": "warning",
	"failure": "caution", "fail": "caution", "missing": "caution", "danger": "caution", "error": "caution",
	"bug": "caution", "example": "note", "quote": "note", "cite": "note",
}

// block converts MkDocs' block syntax.
func (mk *mkdocs) block(c *conv, s string, no int) bool {
	w, rest := leading(s)
	ind := s[:len(s)-len(rest)]
	t := strings.TrimRight(rest, " \t")
	if t == "" || !strings.ContainsRune("!?=-;/*{", rune(t[0])) {
		return c.details(s, no)
	}
	switch {
	case mkAdmonRE.MatchString(t):
		mk.admonition(c, w, ind, t, no)
	case mkTabRE.MatchString(t):
		m := mkTabRE.FindStringSubmatch(t)
		mk.tab(c, w, ind, m[1], m[2], no)
	case mkSnipRE.MatchString(t):
		m := mkSnipRE.FindStringSubmatch(t)
		if m[1] != "" {
			c.text(ind+strings.TrimPrefix(t, ";"), no) // escaped: shown as written
		} else {
			mk.snippet(c, ind, m[2]+m[3], no)
		}
	case t == "--8<--":
		c.push(&frame{kind: "mk-snips", marker: "--8<--", what: "--8<--", constr: "mkdocs:snippet", indent: ind, line: no, pre: mk.snippets})
	case mkBlockRE.MatchString(t):
		mk.blockOpen(c, ind, mkBlockRE.FindStringSubmatch(t), no)
	case mkBlockEndRE.MatchString(t):
		if !c.closeMarker(t) {
			c.warn(no, "mkdocs:block", "%s closes no block and is removed", t)
		}
	case mkAbbrRE.MatchString(t):
		c.warn(no, "mkdocs:abbr", "the abbreviation %s is removed: deskbook has no abbreviations", t[1:strings.IndexByte(t, ']')+1])
	case mkAttrRE.MatchString(t):
		c.warnOnce(no, "mkdocs:attr", "attribute lists such as %s are removed", t)
	default:
		return c.details(s, no)
	}
	return true
}

// admonition opens !!! type "Title" (a note) or ??? type "Title" (a
// collapsible section, labelled with the type when it has no title). Its
// body is the lines indented four spaces under it.
func (mk *mkdocs) admonition(c *conv, w int, ind, t string, no int) {
	m := mkAdmonRE.FindStringSubmatch(t)
	kind := strings.ToLower(m[2])
	to, ok := mkKinds[kind]
	if !ok {
		to = "note"
		c.warn(no, "mkdocs:admonition", "the admonition type %q becomes a note", m[2])
	}
	name, title := to, m[4]
	if strings.HasPrefix(m[1], "???") {
		name = "details"
		if title == "" {
			title = strings.ToUpper(kind[:1]) + kind[1:]
		}
	}
	f := &frame{kind: "mk-admon", ind: true, base: w, k: 4, kdef: 4, kmax: 4, need: w + 4, indent: ind, line: no}
	c.openBox(f, name, c.inline(title, no), no)
}

// tab starts a content tab: the next tab of the group open, or a new
// group (=== ! starts one even after a group).
func (mk *mkdocs) tab(c *conv, w int, ind, flags, name string, no int) {
	f := c.top()
	if f.kind != "mk-tabs" || strings.Contains(flags, "!") {
		if f.kind == "mk-tabs" {
			c.closeTop(false)
		}
		f = &frame{kind: "mk-tabs", base: w, indent: ind, line: no, pre: mk.tabsEnd}
		c.openBox(f, "tabs", "", no)
	}
	c.emit(f.indent, "::tab["+label(c.inline(name, no))+"]")
	c.push(&frame{kind: "mk-tab", ind: true, base: w, k: 4, kdef: 4, kmax: 4, need: w + 4, indent: ind, line: no})
}

// tabsEnd ends a group of tabs at the first line after a tab's body that
// is not the next tab.
func (mk *mkdocs) tabsEnd(c *conv, s string, no int) bool {
	if isBlank(s) {
		return false
	}
	w, rest := leading(s)
	if m := mkTabRE.FindStringSubmatch(strings.TrimRight(rest, " \t")); m == nil || w != c.top().base || strings.Contains(m[1], "!") {
		c.closeTop(false)
	}
	return false
}

// snippet includes a file named by a snippet. Its path is relative to
// the folder MkDocs runs in, taken as the folder being imported; a part
// of a file (path:section or path:from:to) becomes the whole file.
func (mk *mkdocs) snippet(c *conv, ind, p string, no int) {
	if strings.Contains(p, "://") {
		c.warn(no, "mkdocs:snippet", "the snippet from %s becomes a link: deskbook includes files of the site only", p)
		c.text(ind+"<"+p+">", no)
		return
	}
	if i := strings.IndexByte(p, ':'); i > 0 {
		c.warn(no, "mkdocs:snippet", "the snippet %s includes the whole of %s: deskbook includes whole files", p, p[:i])
		p = p[:i]
	}
	c.include(ind, relTo(c.file, p), no, "mkdocs:snippet")
}

// snippets reads the files listed in a block of snippets (--8<-- on a line
// of its own, the files, --8<--).
func (mk *mkdocs) snippets(c *conv, s string, no int) bool {
	t := strings.TrimSpace(s)
	switch {
	case t == "--8<--":
		c.closeMarker("--8<--")
	case t != "" && !strings.HasPrefix(t, ";"):
		mk.snippet(c, c.top().indent, t, no)
	}
	return true
}

// blockOpen opens a pymdownx block: /// note | Title, /// details | Label;
// the others (tab, html, caption, …) lose their markers and keep their
// content.
func (mk *mkdocs) blockOpen(c *conv, ind string, m []string, no int) {
	name := strings.ToLower(m[2])
	f := &frame{kind: "mk-block", marker: m[1], what: m[1] + " " + m[2], constr: "mkdocs:block", indent: ind, line: no, wait: 1, pre: mk.options}
	kind, ok := mkKinds[name]
	switch {
	case name == "details":
		c.openBox(f, "details", c.inline(m[3], no), no)
	case name == "admonition" || ok:
		c.openBox(f, cmpIf(ok, kind, "note"), c.inline(m[3], no), no)
	default:
		c.warn(no, "mkdocs:block", "the %s block becomes ordinary text: deskbook has no such block", m[2])
		c.push(f)
	}
}

// options reads the options indented under a block's first line; an
// admonition's type: gives its kind.
func (mk *mkdocs) options(c *conv, s string, no int) bool {
	f := c.top()
	if f.wait == 0 {
		return false
	}
	m := mkOptionRE.FindStringSubmatch(s)
	if m == nil {
		f.wait = 0
		return false
	}
	if kind, ok := mkKinds[strings.ToLower(strings.TrimSpace(m[2]))]; ok && m[1] == "type" && f.box != nil {
		f.box.name = kind
	}
	return true
}
