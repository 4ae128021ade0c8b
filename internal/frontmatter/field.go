package frontmatter

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Field is one top-level key of a header and its value.
type Field struct {
	Key  string
	Line int        // the file line of the key
	Node *yaml.Node // the value; a TOML value is given as the YAML node it would be

	base int // the file line before the header's first line; 0 for TOML, whose nodes have no lines
}

// Want says what was wrong with the field's value, for a diagnostic:
// `title: want text, got a list`.
func (f Field) Want(what string) string {
	return fmt.Sprintf("%s: want %s, got %s", f.Key, what, f.Describe())
}

// Describe says in words what the value is: "a list", "a mapping",
// "nothing", or the value itself quoted.
func (f Field) Describe() string {
	switch f.Node.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	if f.IsNull() {
		return "nothing"
	}
	return strconv.Quote(f.Node.Value)
}

// IsNull reports whether the key has no value (key: with nothing after it).
func (f Field) IsNull() bool {
	return f.Node.Kind == yaml.ScalarNode && f.Node.Tag == "!!null"
}

// Text is a scalar value as it is written: "2.10" stays "2.10", not the
// number 2.1. A list, a mapping or nothing is not text.
func (f Field) Text() (string, bool) {
	if f.Node.Kind != yaml.ScalarNode || f.IsNull() {
		return "", false
	}
	return f.Node.Value, true
}

// Int is a whole number written as a number (a quoted "5" is text).
func (f Field) Int() (int, bool) {
	if f.Node.Kind != yaml.ScalarNode || f.Node.Tag != "!!int" {
		return 0, false
	}
	n, err := strconv.Atoi(f.Node.Value)
	return n, err == nil
}

// Bool is true or false.
func (f Field) Bool() (bool, bool) {
	var b bool
	if f.Node.Kind != yaml.ScalarNode || f.Node.Tag != "!!bool" || f.Node.Decode(&b) != nil {
		return false, false
	}
	return b, true
}

// Texts is a list of scalars, or one scalar as a list of one.
func (f Field) Texts() ([]string, bool) {
	if s, ok := f.Text(); ok {
		return []string{s}, true
	}
	if f.Node.Kind != yaml.SequenceNode {
		return nil, false
	}
	out := make([]string, 0, len(f.Node.Content))
	for _, c := range f.Node.Content {
		if c.Kind != yaml.ScalarNode {
			return nil, false
		}
		out = append(out, c.Value)
	}
	return out, true
}

// Ints is a list of whole numbers.
func (f Field) Ints() ([]int, bool) {
	if f.Node.Kind != yaml.SequenceNode {
		return nil, false
	}
	out := make([]int, 0, len(f.Node.Content))
	for _, c := range f.Node.Content {
		n, err := strconv.Atoi(c.Value)
		if c.Kind != yaml.ScalarNode || err != nil {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

// dateLayouts are the ways a date is written in front matter.
var dateLayouts = []string{"2006-01-02", time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00"}

// Date is a day, or a moment, as written: 2026-11-01, 2026-11-01T10:00:00Z,
// 2026-11-01 10:00. It keeps the offset written; a moment without one is
// in UTC. A day followed by a time it cannot read is taken as that day.
func (f Field) Date() (time.Time, bool) {
	s, ok := f.Text()
	if !ok {
		return time.Time{}, false
	}
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if len(s) > 10 && strings.ContainsRune("Tt ", rune(s[10])) {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// Fields is a mapping's keys and values, for a key that holds more
// (Zola's taxonomies: and extra:).
func (f Field) Fields() ([]Field, bool) {
	if f.Node.Kind != yaml.MappingNode {
		return nil, false
	}
	out := make([]Field, 0, len(f.Node.Content)/2)
	for i := 0; i+1 < len(f.Node.Content); i += 2 {
		k, v := f.Node.Content[i], f.Node.Content[i+1]
		line := f.Line
		if f.base > 0 && k.Line > 0 {
			line = f.base + k.Line
		}
		out = append(out, Field{Key: k.Value, Line: line, Node: v, base: f.base})
	}
	return out, true
}
