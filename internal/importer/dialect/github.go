package dialect

import (
	"regexp"
	"strings"
)

// base is what a dialect does unless it says otherwise.
type base struct{}

func (base) split() (*regexp.Regexp, string, string)          { return nil, "", "" }
func (base) code(_ *conv, s string, _ int) string             { return s }
func (base) fence(_ *conv, _ string, _ int, _, _ string) bool { return false }
func (base) inline(c *conv, s string, no int) string          { return c.loose(s, no) }
func (base) block(c *conv, s string, no int) bool             { return c.details(s, no) }

// github is GitHub's Markdown: its alerts are deskbook's too, so only
// <details> blocks change, and stray template tags are made harmless.
type github struct{ base }

// looseRules convert the template syntax of other tools that a dialect
// without its own leaves in a body: a tag {% name … %} is removed, a
// variable {{ name }} kept as literal text, each a problem.
var looseRules = []rule{
	{"{%", "%}", regexp.MustCompile(`\{%-?\s*[\w-]*(?:[^%]|%[^}])*?-?%\}`), looseTag, false},
	{"{{", "}}", regexp.MustCompile(`\{\{-?\s*([\w.-]+)\s*-?\}\}`), looseVar, false},
}

// loose converts text for a dialect that has no template syntax of its own.
func (c *conv) loose(s string, no int) string {
	return c.apply(s, no, looseRules)
}

// looseTag removes a template tag.
func looseTag(c *conv, s string, m []int, no int) string {
	c.warn(no, string(c.d)+":template", "the template tag %s is removed: deskbook has no template tags", s[m[0]:m[1]])
	return ""
}

// looseVar keeps a variable of another tool as literal text.
func looseVar(c *conv, s string, m []int, no int) string {
	name := VarName(group(s, m, 1))
	c.warn(no, string(c.d)+":variable", "%s is kept as text; if it is a variable, define %s under variables: in site.yaml and write {{%s}}",
		s[m[0]:m[1]], name, name)
	return esc(s[m[0]:m[1]])
}

// details converts the lines of an HTML <details> block: <details> opens
// a collapsible section, its <summary> gives the label, </details> closes
// it. A line that starts with the opening tag or ends with the closing one
// is cut there.
func (c *conv) details(s string, no int) bool {
	_, rest := leading(s)
	t := strings.TrimRight(rest, " \t")
	ind := s[:len(s)-len(rest)]
	f := c.top()
	if f.kind == "details" && f.wait > 0 {
		return c.summary(f, ind, t, no)
	}
	low := asciiLower(t)
	switch {
	case strings.HasPrefix(low, "<details") && (len(low) == 8 || low[8] == '>' || low[8] == ' '):
		end := strings.IndexByte(t, '>')
		if end < 0 {
			return false
		}
		f := &frame{kind: "details", marker: "</details>", what: "<details>", constr: "html:details", indent: ind, line: no, wait: 1}
		c.openBox(f, "details", "", no)
		if r := strings.TrimSpace(t[end+1:]); r != "" {
			c.piece(ind+r, no, false)
		}
		return true
	case strings.HasSuffix(low, "</details>"):
		if c.open["</details>"] == 0 {
			return false
		}
		if r := strings.TrimSpace(t[:len(t)-len("</details>")]); r != "" {
			c.piece(ind+r, no, false)
		}
		c.closeMarker("</details>")
		return true
	}
	return false
}

// asciiLower lowers the ASCII letters of s and keeps every other byte,
// so that offsets found in it hold in s: strings.ToLower turns a byte of
// broken UTF-8 into three.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// summary reads the <summary> of a <details> block into its label, once:
// a block without one gets a problem and no label.
func (c *conv) summary(f *frame, ind, t string, no int) bool {
	low := asciiLower(t)
	if f.wait == 2 {
		end := strings.Index(low, "</summary>")
		if end < 0 {
			f.text += " " + t
			return true
		}
		f.wait = 0
		c.setLabel(f, f.text+" "+t[:end], no)
		if r := strings.TrimSpace(t[end+len("</summary>"):]); r != "" {
			c.piece(ind+r, no, false)
		}
		return true
	}
	open := strings.IndexByte(t, '>')
	if !strings.HasPrefix(low, "<summary") || open < 0 {
		f.wait = 0
		c.warn(no, "html:details", "<details> has no <summary>: the section gets the word \"Details\" as its label")
		return false
	}
	if end := strings.Index(low, "</summary>"); end > open {
		f.wait = 0
		c.setLabel(f, t[open+1:end], no)
		if r := strings.TrimSpace(t[end+len("</summary>"):]); r != "" {
			c.piece(ind+r, no, false)
		}
		return true
	}
	f.wait, f.text = 2, t[open+1:]
	return true
}

// setLabel gives a <details> box the text of its summary.
func (c *conv) setLabel(f *frame, s string, no int) {
	if f.box != nil {
		f.box.label = c.inline(stripTags(s), no)
	}
}
