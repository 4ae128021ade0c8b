package dialect

import (
	"cmp"
	"regexp"
	"strings"
)

// docfx is DocFX Flavored Markdown as Microsoft Learn writes it: alerts in
// block quotes (the same as GitHub's), [!INCLUDE], tab groups of headings
// linking #tab/…, and the triple-colon extensions (:::image, :::no-loc,
// :::zone, ::: moniker).
type docfx struct {
	base
	images int // complex images whose :::image-end::: is still to come
}

var (
	docfxTabRE     = regexp.MustCompile(`^#{1,6}\s+\[([^\]]*)\]\(#tab/([A-Za-z0-9-]+(?:\+[A-Za-z0-9-]+)*)(?:/([A-Za-z0-9-]+))?\)\s*#*$`)
	docfxAlertRE   = regexp.MustCompile(`^\[!(\w+)\]$`)
	docfxDivRE     = regexp.MustCompile(`(?i)^\[!div(?:\s+(.*))?\]$`)
	docfxVideoRE   = regexp.MustCompile(`(?i)^\[!video\s+(https?://[^\s\]]+)\s*\]$`)
	docfxIncludeRE = regexp.MustCompile(`(?i)^\[!INCLUDE\s*\[([^\]]*)\]\(\s*<?([^()<>\s]+)>?\s*\)\s*\]$`)
	docfxColonRE   = regexp.MustCompile(`^:::\s*([\w-]+)(.*?)$`)
)

// alertKinds are the alerts GitHub, DocFX and deskbook share.
var alertKinds = map[string]bool{"NOTE": true, "TIP": true, "IMPORTANT": true, "WARNING": true, "CAUTION": true}

// block converts DocFX's block syntax.
func (x *docfx) block(c *conv, s string, no int) bool {
	_, rest := leading(s)
	ind := s[:len(s)-len(rest)]
	t := strings.TrimRight(rest, " \t")
	switch f := c.top(); {
	case strings.HasPrefix(t, "#") && docfxTabRE.MatchString(t):
		m := docfxTabRE.FindStringSubmatch(t)
		x.tab(c, ind, m[1], m[3], no)
		return true
	case f.kind == "docfx-tabs" && isBreak(t) && !f.st.para:
		c.closeTop(false)
		return true
	case strings.HasPrefix(t, ">"):
		return x.quote(c, ind, t, no)
	case strings.HasPrefix(t, "[!") && docfxIncludeRE.MatchString(t):
		c.include(ind, docfxPath(c, docfxIncludeRE.FindStringSubmatch(t)[2]), no, "docfx:include")
		return true
	case strings.HasPrefix(t, ":::"):
		return x.colons(c, t, no)
	}
	return c.details(s, no)
}

// tab starts a tab at a heading linking #tab/id: a new tab group, or the
// next tab of the one open. A dependent tab (#tab/id/condition) gets its
// condition in the label, as deskbook's tabs depend on nothing.
func (x *docfx) tab(c *conv, ind, name, cond string, no int) {
	f := c.top()
	if f.kind != "docfx-tabs" {
		f = &frame{kind: "docfx-tabs", marker: "docfx-tabs", quiet: true, indent: ind, line: no}
		c.openBox(f, "tabs", "", no)
	}
	name = c.inline(name, no)
	if cond != "" {
		c.warnOnce(no, "docfx:tabs", "dependent tabs (#tab/…/%s) become tabs of their own, the condition in their label", cond)
		name += " (" + cond + ")"
	}
	c.emit(f.indent, "::tab["+label(name)+"]")
	f.st = blockState{blank: true}
}

// quote converts the DocFX markers at the start of a block quote: alerts
// (kept, in capitals, a new one in the same quote split off as its own),
// [!div] (its wrapper dropped), [!VIDEO] (a link) and an include.
func (x *docfx) quote(c *conv, ind, t string, no int) bool {
	q := strings.TrimSpace(t[1:])
	if !strings.HasPrefix(q, "[!") {
		return false
	}
	switch {
	case docfxAlertRE.MatchString(q):
		kind := strings.ToUpper(docfxAlertRE.FindStringSubmatch(q)[1])
		if n := len(c.out); n > 0 && strings.HasPrefix(strings.TrimSpace(c.out[n-1].text), ">") {
			c.emit("", "") // a new alert ends the quote before it
		}
		if !alertKinds[kind] {
			c.warn(no, "docfx:alert", "[!%s] is not an alert deskbook has: it becomes a block quote with the word in bold", kind)
			c.emit(ind, "> **"+esc(kind)+"**")
		} else {
			c.emit(ind, "> [!"+kind+"]")
		}
		c.top().st.para = false
	case docfxDivRE.MatchString(q):
		c.warn(no, "docfx:div", "the [!div %s] wrapper is dropped; its content is kept", docfxDivRE.FindStringSubmatch(q)[1])
		c.push(&frame{kind: "docfx-div", quote: true, indent: ind, line: no})
	case docfxVideoRE.MatchString(q):
		c.warn(no, "docfx:video", "the video becomes a link")
		c.emit(ind, "<"+docfxVideoRE.FindStringSubmatch(q)[1]+">")
		c.top().st.para = false
	case docfxIncludeRE.MatchString(q):
		p := docfxPath(c, docfxIncludeRE.FindStringSubmatch(q)[2])
		c.emit(ind, "> ::include["+label(p)+"]")
		c.listInclude(p)
	default:
		return false
	}
	return true
}

// colons converts a line of DocFX's triple-colon extensions: the inline
// ones (image, no-loc, code, video) are left to inline; the end of a
// complex image goes; zones, monikers, rows and columns lose their
// markers, which deskbook has no use for, and keep their content.
func (x *docfx) colons(c *conv, t string, no int) bool {
	m := docfxColonRE.FindStringSubmatch(t)
	if m == nil {
		return false
	}
	name := strings.ToLower(m[1])
	switch name {
	case "image", "no-loc", "code", "video":
		return false
	case "image-end":
		if x.images > 0 {
			x.images--
		} else {
			c.warn(no, "docfx:image", ":::image-end::: ends no image and is removed")
		}
	case "zone", "zone-end":
		if name == "zone" {
			c.warn(no, "docfx:zone", "the zone %s becomes ordinary text: deskbook has no zones (pivots)", strings.Trim(strings.TrimSpace(m[2]), ":"))
		}
	case "moniker", "moniker-end":
		if name == "moniker" {
			c.warn(no, "docfx:moniker", "the moniker %s becomes ordinary text: deskbook has no monikers", strings.Trim(strings.TrimSpace(m[2]), ":"))
		}
	case "row", "row-end", "column", "column-end":
		c.warnOnce(no, "docfx:row", "rows and columns (:::row:::, :::column:::) are dropped; their content follows one after another")
	default:
		c.warn(no, "docfx:triple-colon", ":::%s is not something deskbook has; the line is removed", m[1])
	}
	return true
}

// docfxRules convert DocFX's inline syntax, then the template syntax of
// other tools.
var docfxRules = append([]rule{
	{"[!", "]", regexp.MustCompile(`(?i)\[!INCLUDE\s*\[([^\]]*)\]\(\s*<?([^()<>\s]+)>?\s*\)\s*\]`), docfxInclude, false},
	{"[!", "]", regexp.MustCompile(`(?i)\[!code-[\w+#.-]*\[([^\]]*)\]\(([^()\s]*)\)\]`), docfxSnippet, false},
	{"[!", "]", regexp.MustCompile(`(?i)\[!(?:div|video)[^\]]*\]`), docfxMarker, false},
	{":::no-loc", "", regexp.MustCompile(`:::no-loc\s+text=(?:"([^"]*)"|'([^']*)')\s*:::`), docfxNoloc, false},
	{":::image", "", regexp.MustCompile(`:::image\s+(.*?):::`), docfxImage, false},
	{":::code", "", regexp.MustCompile(`:::code\s+(.*?):::`), docfxCode, false},
	{":::video", "", regexp.MustCompile(`:::video\s+(.*?):::`), docfxVideo, false},
}, looseRules...)

// inline converts DocFX's inline syntax.
func (x *docfx) inline(c *conv, s string, no int) string {
	return c.apply(s, no, docfxRules)
}

// docfxInclude makes an include inside a line a link.
func docfxInclude(c *conv, s string, m []int, no int) string {
	c.warn(no, "docfx:include", "an include inside a line of text becomes a link: deskbook includes whole blocks")
	return "[" + linkText(esc(group(s, m, 1))) + "](" + docfxPath(c, group(s, m, 2)) + ")"
}

// docfxPath makes a path from the docset's root (~/…) relative to the file.
func docfxPath(c *conv, p string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		return relTo(c.file, rest)
	}
	return p
}

// docfxSnippet makes [!code-lang[](file)] a link to the file.
func docfxSnippet(c *conv, s string, m []int, no int) string {
	c.warn(no, "docfx:code", "the code of %s is not included: it becomes a link to the file", group(s, m, 2))
	return "[" + linkText(esc(cmp.Or(group(s, m, 1), group(s, m, 2)))) + "](" + group(s, m, 2) + ")"
}

// docfxMarker removes a [!div] or [!VIDEO] that is not a block quote's.
func docfxMarker(c *conv, s string, m []int, no int) string {
	c.warn(no, "docfx:div", "%s is removed", s[m[0]:m[1]])
	return ""
}

// docfxNoloc keeps the text of :::no-loc text="…":::.
func docfxNoloc(_ *conv, s string, m []int, _ int) string {
	return esc(group(s, m, 1) + group(s, m, 2))
}

// docfxImage converts :::image …:::.
func docfxImage(c *conv, s string, m []int, no int) string {
	return c.r.(*docfx).image(c, group(s, m, 1), no)
}

// docfxCode makes :::code source="…"::: a link to the file.
func docfxCode(c *conv, s string, m []int, no int) string {
	named, _ := args(group(s, m, 1))
	c.warn(no, "docfx:code", "the code of %s is not included: it becomes a link to the file", named["source"])
	return "[" + linkText(esc(cmp.Or(named["source"], "code"))) + "](" + linkDest(named["source"]) + ")"
}

// docfxVideo makes :::video source="…"::: a link.
func docfxVideo(c *conv, s string, m []int, no int) string {
	named, _ := args(group(s, m, 1))
	c.warn(no, "docfx:video", "the video becomes a link")
	return "<" + named["source"] + ">"
}

// image converts :::image …::: to a Markdown image (linked when it has a
// link); a complex image's long description, up to :::image-end:::,
// follows it as text.
func (x *docfx) image(c *conv, attrs string, no int) string {
	named, _ := args(attrs)
	if named["type"] == "complex" {
		x.images++
	}
	src := named["source"]
	if src == "" {
		c.warn(no, "docfx:image", ":::image::: without a source is removed")
		return ""
	}
	img := "![" + linkText(esc(named["alt-text"])) + "](" + linkDest(src) + ")"
	if l := named["link"]; l != "" {
		return "[" + img + "](" + linkDest(l) + ")"
	}
	return img
}
