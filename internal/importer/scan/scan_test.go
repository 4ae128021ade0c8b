package scan

import (
	"slices"
	"testing"
)

// TestProse: fenced code is left out, with its fences; a backtick fence
// whose info string has a backtick is not a fence (CommonMark); a fence
// may open a list item or stand in a block quote, and then its closing
// line is read as a closing, not as an opening (which would take the
// prose after it for code).
func TestProse(t *testing.T) {
	for body, want := range map[string][]string{
		"a\n```go\nx\n```\nb\n~~~\ny\n~~~\n``` `no`\nc\n":                      {"a\n", "b\n", "``` `no`\nc\n"},
		"- ```yaml\n  x: 1\n  ```\n\n  ![i](a.png)\n1. ~~~\n   y\n   ~~~\nd\n": {"\n  ![i](a.png)\n", "d\n"},
		"> ```\n> [a](b)\n> ```\ne\n":                                          {"e\n"},
	} {
		var got []string
		for _, r := range Prose(body) {
			got = append(got, body[r[0]:r[1]])
		}
		if !slices.Equal(got, want) {
			t.Errorf("Prose(%q) = %q, want %q", body, got, want)
		}
	}
}

// TestCodeSpans: a run closes at the next run of its length in the
// paragraph; a blank line or an escape stops it.
func TestCodeSpans(t *testing.T) {
	for body, want := range map[string][]string{
		"a `b` c ``d`e`` f": {"`b`", "``d`e``"},
		"`a\nb` c":          {"`a\nb`"},
		"`a\n\nb`":          nil,
		"\\`a` `b`":         {"` `"},
	} {
		var got []string
		for _, r := range CodeSpans(body, 0, len(body)) {
			got = append(got, body[r[0]:r[1]])
		}
		if !slices.Equal(got, want) {
			t.Errorf("CodeSpans(%q) = %q, want %q", body, got, want)
		}
	}
}

// TestInlineDest reads a destination and its title after "(", as
// goldmark does, and MarkdownDest writes one back that reads whole.
func TestInlineDest(t *testing.T) {
	for src, want := range map[string]string{
		"a.md)":             "a.md",
		"<a b.md> \"t\")":   "<a b.md>",
		"a(b)c.md 'title')": "a(b)c.md",
		"a.md":              "",
		"a.md \"open)":      "",
	} {
		ds, de, closing, ok := InlineDest(src, 0, len(src))
		got := ""
		if ok {
			got = src[ds:de]
			if src[closing] != ')' {
				t.Errorf("%q: closing at %d is %q", src, closing, src[closing])
			}
		}
		if got != want {
			t.Errorf("InlineDest(%q) = %q, want %q", src, got, want)
		}
	}
	if got := MarkdownDest("a b(1).md"); got != "<a b(1).md>" {
		t.Errorf("MarkdownDest = %q", got)
	}
}

// TestDefs finds reference definitions with the destination on their own
// line or the next, and leaves out footnotes, code spans and definitions
// whose destination is past a blank line (not definitions at all).
func TestDefs(t *testing.T) {
	for body, want := range map[string][]string{
		"[a]: b.md \"t\"\n":     {"[a]: b.md \"t\"|b.md|a"},
		"[a]:\n  <b c.md>\nx\n": {"[a]:\n  <b c.md>|<b c.md>|a"},
		"[a]:\r\n<>\r\n":        {"[a]:\r\n<>|<>|a"},
		"[a]:\n\nb.md\n":        nil,
		"[^1]: note\n":          nil,
		"`x\n[a]: b`\n":         nil,
	} {
		var got []string
		for _, d := range Defs(body, 0, len(body), CodeSpans(body, 0, len(body))) {
			got = append(got, body[d.Start:d.End]+"|"+body[d.DS:d.DE]+"|"+d.Label)
		}
		if !slices.Equal(got, want) {
			t.Errorf("Defs(%q) = %q, want %q", body, got, want)
		}
	}
}
