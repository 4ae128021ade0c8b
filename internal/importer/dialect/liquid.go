package dialect

import (
	"regexp"
	"strings"
)

// liquidRE matches YFM's conditions and loops, which it evaluates before
// it reads the Markdown; loopVarRE a variable that may be a loop's.
var (
	liquidRE  = regexp.MustCompile(`\{%-?\s*(if|elsif|else|endif|for|endfor)\b((?:[^%]|%[^}])*?)-?%\}`)
	forRE     = regexp.MustCompile(`^\s*([\w-]+)\s+in\s+([\w.-]+)`)
	loopVarRE = regexp.MustCompile(`\{\{-?\s*([\w-]+)((?:\.[\w-]+)*)\s*(\|[^{}]*)?-?\}\}`)
)

// branch is an open {% if %} or {% for %}.
type branch struct {
	kind string // "if" or "for"
	keep bool   // its text is kept (so far: an if keeps its first branch)
	line int
	loop string // a for's variable, and what it stood for before
	prev string
	had  bool
}

// liquid does what YFM does first, on the text outside fenced code: of an
// {% if %} it keeps the first branch (deskbook has no conditions, and the
// values of YFM's are not known here), of a {% for %} the body once, with
// the loop's variable standing for the whole list. Each is a problem
// quoting the tag, so the writer can choose. Lines that held only tags go.
func (c *conv) liquid(lines []srcLine) []srcLine {
	out := lines[:0:0]
	var stack []branch
	loops := map[string]string{}
	fence := ""
	for _, l := range lines {
		keep := len(stack) == 0 || stack[len(stack)-1].keep
		_, rest := leading(l.text)
		if fence != "" || !strings.Contains(l.text, "{%") || !strings.Contains(l.text, "%}") {
			if fence != "" && fenceCloses(rest, fence) {
				fence = ""
			} else if run, _, _, ok := fenceOpen(rest); ok && fence == "" {
				fence = run
			}
			if keep {
				out = append(out, srcLine{loopVars(l.text, loops), l.no})
			}
			continue
		}
		text, tagged := c.liquidLine(l, &stack, loops)
		if (!tagged && keep) || (tagged && !isBlank(text)) {
			out = append(out, srcLine{text, l.no})
		}
	}
	for i := len(stack) - 1; i >= 0; i-- {
		c.warn(stack[i].line, "yfm:condition", "{%% %s %%} is not closed (with {%% end%s %%}); the text after it is kept", stack[i].kind, stack[i].kind)
	}
	return out
}

// liquidLine applies the tags of one line: it returns the text the
// branches keep, and whether the line had tags.
func (c *conv) liquidLine(l srcLine, stack *[]branch, loops map[string]string) (string, bool) {
	s := l.text
	ms := liquidRE.FindAllStringSubmatchIndex(s, -1)
	var b strings.Builder
	at := 0
	keeping := func() bool { return len(*stack) == 0 || (*stack)[len(*stack)-1].keep }
	for _, m := range ms {
		if keeping() {
			b.WriteString(loopVars(s[at:m[0]], loops))
		}
		at = m[1]
		c.liquidTag(group(s, m, 1), strings.TrimSpace(group(s, m, 2)), s[m[0]:m[1]], l.no, stack, loops)
	}
	if keeping() {
		b.WriteString(loopVars(s[at:], loops))
	}
	return b.String(), len(ms) > 0
}

// liquidTag applies one tag to the stack of open branches.
func (c *conv) liquidTag(name, arg, tag string, no int, stack *[]branch, loops map[string]string) {
	keep := len(*stack) == 0 || (*stack)[len(*stack)-1].keep
	top := func(kind string) bool { return len(*stack) > 0 && (*stack)[len(*stack)-1].kind == kind }
	switch name {
	case "if":
		*stack = append(*stack, branch{kind: "if", keep: keep, line: no})
		c.warn(no, "yfm:condition", "%s: deskbook has no conditions; the first branch is kept, the others are dropped", tag)
	case "elsif", "else":
		if !top("if") {
			c.warn(no, "yfm:condition", "%s without an {%% if %%} is removed", tag)
			return
		}
		(*stack)[len(*stack)-1].keep = false
	case "for":
		m := forRE.FindStringSubmatch(arg)
		b := branch{kind: "for", keep: keep, line: no}
		if m != nil {
			b.loop = m[1]
			b.prev, b.had = loops[m[1]]
			loops[m[1]] = m[2]
			c.warn(no, "yfm:loop", "%s: deskbook has no loops; the body is kept once, with {{%s}} standing for the whole list", tag, VarName(m[2]))
		} else {
			c.warn(no, "yfm:loop", "%s: deskbook has no loops; the body is kept once", tag)
		}
		*stack = append(*stack, b)
	default: // endif, endfor
		kind := strings.TrimPrefix(name, "end")
		if !top(kind) {
			c.warn(no, "yfm:condition", "%s without an {%% %s %%} is removed", tag, kind)
			return
		}
		b := (*stack)[len(*stack)-1]
		*stack = (*stack)[:len(*stack)-1]
		if b.loop != "" {
			if b.had {
				loops[b.loop] = b.prev
			} else {
				delete(loops, b.loop)
			}
		}
	}
}

// loopVars makes a loop's variable in s ({{ user }}, {{ user.name }})
// stand for the list it runs over.
func loopVars(s string, loops map[string]string) string {
	if len(loops) == 0 || !strings.Contains(s, "{{") {
		return s
	}
	return loopVarRE.ReplaceAllStringFunc(s, func(v string) string {
		m := loopVarRE.FindStringSubmatch(v)
		if list, ok := loops[m[1]]; ok {
			return "{{ " + list + " }}"
		}
		return v
	})
}
