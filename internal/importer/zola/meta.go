package zola

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"deskbook/internal/frontmatter"

	"go.yaml.in/yaml/v3"
)

// decodeMeta picks what deskbook keeps from a page's or a section's front
// matter. A value of the wrong type is a warning with its line, and the
// key is left out; the other keys are counted for the report, since Zola
// themes add whatever keys they like.
func (imp *importer) decodeMeta(p string, fields []frontmatter.Field, isSection bool) meta {
	var m meta
	for _, f := range fields {
		if want := imp.metaField(&m, p, f, isSection); want != "" {
			imp.warnf(p, f.Line, "%s; left out", f.Want(want))
		}
	}
	if m.updated == "" {
		m.updated = m.date
	}
	return m
}

// metaField reads one key into m. It returns what the key's value should
// have been when it is not, or "".
func (imp *importer) metaField(m *meta, p string, f frontmatter.Field, isSection bool) string {
	switch f.Key {
	case "title", "description", "slug", "path", "sort_by":
		s, ok := f.Text()
		if !ok && !f.IsNull() {
			return "text"
		}
		switch f.Key {
		case "title":
			m.title = strings.Join(strings.Fields(s), " ")
		case "description":
			m.description = strings.TrimSpace(s)
		case "slug":
			m.slug = s
		case "path":
			m.path, m.pathLine = s, f.Line
		case "sort_by":
			m.sortBy = s
		}
	case "date", "updated":
		d, ok := day(f)
		switch {
		case f.IsNull():
		case !ok:
			return "a date like 2026-01-04"
		case f.Key == "date":
			m.date = d
		default:
			m.updated = d
		}
	case "draft":
		b, ok := f.Bool()
		if !ok {
			return "true or false"
		}
		m.draft = b
	case "aliases":
		return aliases(m, f)
	case "authors":
		list, ok := f.Texts()
		if !ok && !f.IsNull() {
			return "a list of names"
		}
		m.authors = nonEmpty(list)
	case "taxonomies":
		return imp.taxonomies(m, p, f)
	case "weight", "extra":
		if n, ok := order(f); ok {
			m.order = &n // a section's place among its siblings, or a page's in its section
		}
		if f.Key == "extra" && len(m.authors) == 0 {
			m.authors = extraAuthors(f)
		}
		imp.countDropped(f.Key, isSection)
	default:
		imp.countDropped(f.Key, isSection)
	}
	return ""
}

// day is a date as the day it was written on, YYYY-MM-DD: the date part
// of 2025-10-07T23:20:28-05:00 is 2025-10-07, not the next day in UTC.
func day(f frontmatter.Field) (string, bool) {
	t, ok := f.Date()
	if !ok {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// aliases reads the old URLs of a page: aliases = ["/old/"], or one URL
// as text. Each keeps its line for the warnings about it.
func aliases(m *meta, f frontmatter.Field) string {
	switch {
	case f.IsNull():
		return ""
	case f.Node.Kind == yaml.SequenceNode:
		for _, n := range f.Node.Content {
			if n.Kind != yaml.ScalarNode {
				return "a list of URLs"
			}
			line := f.Line
			if n.Line > 0 && f.Node.Line > 0 {
				// A YAML list: its items from the line after the key, or
				// on the key's line when written [a, b].
				line += n.Line - f.Node.Line
				if f.Node.Style&yaml.FlowStyle == 0 {
					line++
				}
			}
			m.aliases = append(m.aliases, aliasLine{n.Value, line})
		}
		return ""
	}
	s, ok := f.Text()
	if !ok {
		return "a list of URLs"
	}
	m.aliases = append(m.aliases, aliasLine{s, f.Line})
	return ""
}

// extraAuthors is extra.author or extra.authors, where themes written
// before Zola had authors: keep them.
func extraAuthors(f frontmatter.Field) []string {
	extra, _ := f.Fields()
	for _, x := range extra {
		if x.Key != "author" && x.Key != "authors" {
			continue
		}
		if s, ok := x.Text(); ok {
			return nonEmpty([]string{s})
		}
		if list, ok := x.Texts(); ok {
			return nonEmpty(list)
		}
	}
	return nil
}

// nonEmpty trims each text and drops the empty ones.
func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// taxonomies gathers the terms of every taxonomy (tags, categories, or a
// theme's own) into the page's tags, taxonomies in name order.
func (imp *importer) taxonomies(m *meta, p string, f frontmatter.Field) string {
	tax, ok := f.Fields()
	if !ok {
		return "taxonomy: [terms] lines"
	}
	slices.SortStableFunc(tax, func(a, b frontmatter.Field) int { return cmp.Compare(a.Key, b.Key) })
	for _, t := range tax {
		if t.IsNull() {
			continue
		}
		terms, ok := t.Texts()
		if !ok {
			imp.warnf(p, t.Line, "taxonomies: %s: want a list of terms; left out", t.Key)
			continue
		}
		for i, term := range terms {
			if t.Node.Kind == yaml.SequenceNode && t.Node.Content[i].Tag == "!!null" {
				continue // [a, ~]: no term
			}
			if term = strings.TrimSpace(term); term != "" && !slices.Contains(m.tags, term) {
				m.tags = append(m.tags, term)
			}
		}
	}
	return ""
}

// order is a section's place among its siblings: weight = 3, or
// extra.order, which some themes use instead.
func order(f frontmatter.Field) (int, bool) {
	if f.Key == "weight" {
		return number(f)
	}
	extra, _ := f.Fields()
	for _, x := range extra {
		if x.Key == "order" {
			return number(x)
		}
	}
	return 0, false
}

// number is a whole number, also when it is written as text ("3") or
// with a decimal point (3.0), as hand-edited front matter sometimes has
// it: an order is worth keeping over a quibble about its type.
func number(f frontmatter.Field) (int, bool) {
	if n, ok := f.Int(); ok {
		return n, true
	}
	s, ok := f.Text()
	if !ok {
		return 0, false
	}
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
		return n, true
	}
	if x, err := strconv.ParseFloat(s, 64); err == nil && f.Node.Tag == "!!float" && x == math.Trunc(x) && math.Abs(x) <= math.MaxInt32 {
		return int(x), true
	}
	return 0, false
}

// countDropped counts a page's front matter key that deskbook has no use for.
func (imp *importer) countDropped(key string, isSection bool) {
	if isSection {
		return
	}
	for i := range imp.rep.DroppedKeys {
		if imp.rep.DroppedKeys[i].Name == key {
			imp.rep.DroppedKeys[i].Count++
			return
		}
	}
	imp.rep.DroppedKeys = append(imp.rep.DroppedKeys, Count{key, 1})
}
