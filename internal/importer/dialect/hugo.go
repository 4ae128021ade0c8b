package dialect

import (
	"cmp"
	"regexp"
	"strings"
)

// hugo is Markdown with Hugo's shortcodes ({{< name >}} and {{% name %}}):
// the built-in ones (ref, relref, highlight, figure, details, param, the
// embeds) and the callouts and tabs of the common themes (hint and tabs of
// Book, notice and expand of Learn and Relearn, alert and tabpane of
// Docsy, callout of Hextra, admonition of LoveIt).
type hugo struct{ base }

var (
	// hugoLineRE matches a line that is one shortcode tag.
	hugoLineRE = regexp.MustCompile(`^\{\{[<%]-?\s*(/?)\s*([\w./-]+)(.*?)\s*-?[>%]\}\}$`)
	// hugoSplitRE matches the tags of the shortcodes that are blocks.
	hugoSplitRE   = regexp.MustCompile(`\{\{[<%]-?\s*/?\s*(?:hint|notice|alert|callout|admonition|details|expand|tabs|tab|tabpane|highlight|mermaid|code-toggle|include)\b(?:[^>%]|[>%][^}])*?[>%]\}\}`)
	hugoEndCodeRE = regexp.MustCompile(`\{\{[<%]-?\s*/\s*(highlight|mermaid|code-toggle)\s*-?[>%]\}\}`)
	hugoUnescRE   = regexp.MustCompile(`\{\{([<%])/\*|\*/([>%])\}\}`)
)

// hugoKinds are the words the themes' callouts take (kinds, styles,
// colours) and the notes they become.
var hugoKinds = map[string]string{
	"primary": "note", "secondary": "note", "default": "note", "light": "note", "dark": "note", "blue": "note", "grey": "note",
	"green": "tip", "orange": "warning", "red": "caution", "error": "caution", "danger": "caution", "caution": "caution",
}

func (*hugo) split() (*regexp.Regexp, string, string) { return hugoSplitRE, "{{", "}}" }

// block converts a line that is one shortcode of the blocks deskbook has.
func (h *hugo) block(c *conv, s string, no int) bool {
	_, rest := leading(s)
	ind := s[:len(s)-len(rest)]
	var m []string
	if strings.HasPrefix(rest, "{{") {
		m = hugoLineRE.FindStringSubmatch(strings.TrimRight(rest, " \t"))
	}
	if m == nil {
		return c.details(s, no)
	}
	name, argstr := strings.ToLower(m[2]), strings.TrimSpace(m[3])
	named, pos := args(strings.TrimSuffix(argstr, "/"))
	first := func(keys ...string) string {
		for _, k := range keys {
			if named[k] != "" {
				return named[k]
			}
		}
		return ""
	}
	self := strings.HasSuffix(argstr, "/")
	switch {
	case m[1] != "":
		return h.end(c, name, no)
	case self && name != "tab" && name != "include":
		return false // holds nothing: not a block

	case name == "hint" || name == "notice" || name == "alert" || name == "callout" || name == "admonition":
		kind := strings.ToLower(cmp.Or(first("type", "style", "color"), at(pos, 0)))
		title := first("title")
		if title == "" && (name == "notice" || name == "admonition") {
			title = at(pos, 1)
		}
		h.open(c, name, h.kind(c, name, kind, no), title, ind, no)
	case name == "details" || name == "expand":
		h.open(c, name, "details", cmp.Or(first("summary", "title"), at(pos, 0)), ind, no)
	case name == "tabs" || name == "tabpane":
		f := &frame{kind: "hugo-tabs", marker: "hugo:" + name, what: m[0], constr: "hugo:tabs", indent: ind, line: no, skipBlank: true}
		c.openBox(f, "tabs", "", no)
	case name == "tab":
		h.tab(c, ind, cmp.Or(first("title", "header", "name"), at(pos, 0)), self, no)
	case name == "include" && len(pos) > 0:
		c.include(ind, h.path(c, pos[0]), no, "hugo:include")
	case name == "highlight" || name == "mermaid" || name == "code-toggle":
		lang := cmp.Or(at(pos, 0), first("lang"))
		switch name {
		case "mermaid":
			lang = "mermaid"
		case "code-toggle":
			lang = cmp.Or(first("lang"), "toml")
		}
		st := &c.top().st
		c.emit(ind, "```"+strings.ReplaceAll(lang, "`", ""))
		st.closer, st.cind, st.para = name, ind, false
		st.cout, st.cticks = len(c.out)-1, 0
	default:
		return false
	}
	return true
}

// at is l[i], or "" past its end.
func at(l []string, i int) string {
	if i < len(l) {
		return l[i]
	}
	return ""
}

// kind is the note a callout of the given kind becomes.
func (h *hugo) kind(c *conv, name, kind string, no int) string {
	if k, ok := mkKinds[kind]; ok {
		return k
	}
	if k, ok := hugoKinds[kind]; ok {
		return k
	}
	if kind != "" {
		c.warn(no, "hugo:"+name, "the %s kind %q becomes a note", name, kind)
	}
	return "note"
}

// open opens a callout or collapsible section.
func (h *hugo) open(c *conv, name, to, title, ind string, no int) {
	if to == "details" && title == "" {
		c.warn(no, "hugo:"+name, "{{< %s >}} has no title: the section gets the word \"Details\" as its label", name)
	}
	f := &frame{kind: "hugo-" + name, marker: "hugo:" + name, what: "{{< " + name + " >}}", constr: "hugo:" + name, indent: ind, line: no}
	c.openBox(f, to, c.inline(title, no), no)
}

// tab starts a tab of the tabs open; a tab outside tabs loses its tags.
func (h *hugo) tab(c *conv, ind, name string, self bool, no int) {
	if c.top().kind == "hugo-tab" {
		c.closeTop(false)
	}
	tabs := c.top()
	switch {
	case self:
		return // Docsy's header tab, which holds nothing
	case tabs.kind != "hugo-tabs":
		c.warn(no, "hugo:tab", "{{< tab >}} outside tabs loses its tags")
	default:
		c.emit(tabs.indent, "::tab["+label(c.inline(name, no))+"]")
	}
	c.push(&frame{kind: "hugo-tab", marker: "hugo:tab", what: "{{< tab >}}", constr: "hugo:tab", indent: ind, line: no})
}

// end closes the shortcode a closing tag names; the closing tags of the
// shortcodes deskbook has no block for simply go.
func (h *hugo) end(c *conv, name string, no int) bool {
	switch name {
	case "hint", "notice", "alert", "callout", "admonition", "details", "expand", "tabs", "tabpane", "tab":
		if !c.closeMarker("hugo:" + name) {
			c.warn(no, "hugo:"+name, "{{< /%s >}} closes nothing and is removed", name)
		}
		return true
	}
	return false
}

// shortcodeCode copies a line of code a highlight shortcode holds, or
// ends the code at its closing tag.
func (c *conv) shortcodeCode(s string, no int) {
	st := &c.top().st
	m := hugoEndCodeRE.FindStringSubmatchIndex(s)
	if m == nil || s[m[2]:m[3]] != st.closer {
		c.shortcodeLine(s, no)
		return
	}
	if before := s[:m[0]]; !isBlank(before) {
		c.shortcodeLine(before, no)
	}
	st.closer = ""
	c.emit(st.cind, strings.Repeat("`", max(3, st.cticks+1)))
	if after := s[m[1]:]; !isBlank(after) {
		c.piece(st.cind+strings.TrimSpace(after), no, true)
	}
}

// shortcodeLine copies a line of the code a highlight shortcode holds.
// The code's fence grows longer than any run of backticks a line of it
// starts with, so that no such line ends the code early.
func (c *conv) shortcodeLine(s string, no int) {
	_, t := leading(s)
	st := &c.top().st
	if n := len(t) - len(strings.TrimLeft(t, "`")); n > st.cticks {
		st.cticks = n
		open := &c.out[st.cout]
		open.text = strings.Repeat("`", max(3, n+1)) + strings.TrimLeft(open.text, "`")
	}
	c.emit("", c.r.code(c, s, no))
}

// hugoRules convert shortcodes inside a line of text: an escaped one
// ({{</* x */>}}) is shown as the shortcode it stands for.
var hugoRules = append([]rule{
	{"param", "}}", regexp.MustCompile(`\{\{[<%]-?\s*param\s+(?:name=)?["']?([\w.-]+)["']?\s*-?[>%]\}\}`), hugoParam, true},
	{"{{", "}}", regexp.MustCompile(`\{\{[<%]\s*/\*(.*?)\*/\s*[>%]\}\}`), func(_ *conv, s string, m []int, _ int) string {
		return s[m[0]:m[0]+3] + " " + strings.TrimSpace(group(s, m, 1)) + " " + s[m[1]-3:m[1]]
	}, false},
	{"{{", "}}", regexp.MustCompile(`\{\{[<%]-?\s*(/?)\s*([\w./-]+)(.*?)\s*-?[>%]\}\}`), func(c *conv, s string, m []int, no int) string {
		if group(s, m, 1) != "" {
			return "" // a closing tag: what it closed is kept
		}
		return c.r.(*hugo).inlineShortcode(c, strings.ToLower(group(s, m, 2)), strings.TrimSpace(group(s, m, 3)), no)
	}, false},
}, looseRules...)

// hugoParam makes a parameter a variable. The importer gives it the
// page's or the site's value, or keeps it as text when neither has one.
func hugoParam(c *conv, s string, m []int, no int) string {
	return "{{" + VarName(group(s, m, 1)) + "}}"
}

// inline converts the shortcodes inside a line of text.
func (h *hugo) inline(c *conv, s string, no int) string {
	return c.apply(s, no, hugoRules)
}

// inlineShortcode converts a shortcode inside a line: a reference to the
// relative link, a parameter to a variable, a figure to an image, an
// embed to a link; others are removed.
func (h *hugo) inlineShortcode(c *conv, name, argstr string, no int) string {
	named, pos := args(strings.TrimSuffix(argstr, "/"))
	switch name {
	case "ref", "relref":
		return h.ref(c, cmp.Or(named["path"], at(pos, 0)), no)
	case "figure":
		src := named["src"]
		img := "![" + linkText(esc(cmp.Or(named["alt"], named["caption"], named["title"]))) + "](" + linkDest(src)
		if t := cmp.Or(named["caption"], named["title"]); t != "" {
			img += ` "` + strings.ReplaceAll(esc(t), `"`, `\"`) + `"`
		}
		img += ")"
		if l := named["link"]; l != "" {
			return "[" + img + "](" + linkDest(l) + ")"
		}
		return img
	case "youtube", "vimeo", "gist", "x", "twitter", "tweet", "instagram":
		c.warn(no, "hugo:embed", "the %s embed becomes a link", name)
		return embedURL(name, named, pos)
	}
	c.warn(no, "hugo:shortcode", "the shortcode %s is removed: deskbook has no such shortcode (what it holds is kept)", name)
	return ""
}

// ref is the link a ref or relref shortcode makes, relative to the page:
// a path starting with / is from the content folder; another is from the
// page when a file is there, else from the content folder, as Hugo looks.
func (h *hugo) ref(c *conv, p string, no int) string {
	if p == "" {
		c.warn(no, "hugo:ref", "a ref shortcode without a path is removed")
		return ""
	}
	target, anchor, hasAnchor := strings.Cut(p, "#")
	if hasAnchor {
		anchor = "#" + anchor
	}
	if target == "" {
		return anchor
	}
	rel := target
	if _, ok := c.titles(target); strings.HasPrefix(target, "/") || !ok {
		rel = h.path(c, "/"+strings.TrimPrefix(target, "/"))
	}
	return linkDest(rel + anchor)
}

// path makes a path from the content folder (/…) relative to the page;
// another path is the page's already.
func (h *hugo) path(c *conv, p string) string {
	if rest, ok := strings.CutPrefix(p, "/"); ok {
		return relTo(strings.TrimPrefix(c.file, "content/"), rest)
	}
	return p
}

// embedURL is the address of an embedded video or post.
func embedURL(name string, named map[string]string, pos []string) string {
	id := cmp.Or(named["id"], at(pos, 0))
	switch name {
	case "youtube":
		return "<https://www.youtube.com/watch?v=" + id + ">"
	case "vimeo":
		return "<https://vimeo.com/" + id + ">"
	case "gist":
		return "<https://gist.github.com/" + cmp.Or(named["user"], at(pos, 0)) + "/" + cmp.Or(named["id"], at(pos, 1)) + ">"
	case "instagram":
		return "<https://www.instagram.com/p/" + id + "/>"
	}
	return "<https://x.com/" + cmp.Or(named["user"], at(pos, 0)) + "/status/" + cmp.Or(named["id"], at(pos, 1)) + ">"
}

// code shows Hugo's escaped shortcodes ({{</* x */>}}) in code as the
// shortcodes they stand for, as Hugo does.
func (h *hugo) code(_ *conv, s string, _ int) string {
	if !strings.Contains(s, "/*") && !strings.Contains(s, "*/") {
		return s
	}
	return hugoUnescRE.ReplaceAllStringFunc(s, func(m string) string {
		if strings.HasPrefix(m, "{{") {
			return m[:3]
		}
		return m[2:]
	})
}
