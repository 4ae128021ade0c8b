package markdown

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"deskbook/internal/frontmatter"
)

// meta is what the import keeps of a page's front matter.
type meta struct {
	title       string
	description string
	updated     string // YYYY-MM-DD
	tags        []string
	draft       bool
	weight      *float64          // weight, sidebar_position, nav_order
	slug        string            // for the page's old URL
	docID       string            // Docusaurus id: the last part of its old URL
	url         string            // Hugo url, Jekyll permalink: the whole old URL
	aliases     []string          // Hugo aliases, Jekyll redirect_from
	uid         string            // DocFX uid, for xref: links
	authors     []string          // author, authors, ms.author: kept as a comment
	params      map[string]string // Hugo params, flattened as the converter names them
}

// dateKeys are the keys a page's date of change may be under, the most
// telling first.
var dateKeys = []string{"last_modified_at", "lastmod", "updated", "ms.date", "date"}

// decodeMeta reads the keys deskbook has a place for. A value of the
// wrong type is a warning at its line and left out; every other key is
// counted for the report, once per key.
func (imp *importer) decodeMeta(p string, fields []frontmatter.Field) meta {
	var m meta
	dates := map[string]string{}
	for _, f := range fields {
		if f.Key == "params" && imp.dialect == Hugo {
			// A page's own parameters, for its {{< param >}} shortcodes.
			m.params = map[string]string{}
			imp.flattenPreset(p, f.Node, "", m.params)
			continue
		}
		if want := imp.metaField(&m, dates, f); want != "" {
			imp.warnf(p, f.Line, "%s; left out", f.Want(want))
		}
	}
	for _, k := range dateKeys {
		if d := dates[k]; d != "" {
			m.updated = d
			break
		}
	}
	return m
}

// metaField reads one key into m. It returns what the key's value should
// have been when it is not, or "".
func (imp *importer) metaField(m *meta, dates map[string]string, f frontmatter.Field) string {
	switch f.Key {
	case "title", "description", "summary", "slug", "id", "url", "permalink", "uid":
		return textField(m, f)
	case "last_modified_at", "lastmod", "updated", "ms.date", "date":
		if f.IsNull() {
			return ""
		}
		d, ok := date(f)
		if !ok {
			return "a date like 2026-01-04"
		}
		dates[f.Key] = d
	case "tags", "keywords":
		list, ok := f.Texts()
		if !ok {
			return "a list of words"
		}
		for _, s := range list {
			for w := range strings.SplitSeq(s, ",") {
				if w = strings.TrimSpace(w); w != "" && !slices.Contains(m.tags, w) {
					m.tags = append(m.tags, w)
				}
			}
		}
	case "draft":
		b, ok := f.Bool()
		if !ok {
			return "true or false"
		}
		m.draft = b
	case "aliases", "redirect_from":
		list, ok := f.Texts()
		if !ok {
			return "a list of URLs"
		}
		m.aliases = append(m.aliases, list...)
	case "author", "authors", "ms.author":
		list, ok := f.Texts()
		if !ok {
			return "a name or a list of names"
		}
		for _, a := range list {
			if a = strings.Join(strings.Fields(a), " "); a != "" && !slices.Contains(m.authors, a) {
				m.authors = append(m.authors, a)
			}
		}
	case "weight", "sidebar_position", "nav_order", "order":
		n, ok := number(f)
		if !ok {
			return "a number"
		}
		m.weight = &n
	default:
		imp.keys[f.Key]++
	}
	return ""
}

// date is a date as the day it was written on, YYYY-MM-DD; Microsoft
// Learn's ms.date is written 05/12/2024 (month first).
func date(f frontmatter.Field) (string, bool) {
	if t, ok := f.Date(); ok {
		return t.Format("2006-01-02"), true
	}
	if s, ok := f.Text(); ok {
		if t, err := time.Parse("01/02/2006", strings.TrimSpace(s)); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}

// textField reads a key whose value is text.
func textField(m *meta, f frontmatter.Field) string {
	s, ok := f.Text()
	if !ok {
		if f.IsNull() {
			return ""
		}
		// Docusaurus ids may be numbers; anything else is a mistake.
		return "text"
	}
	s = strings.TrimSpace(s)
	switch f.Key {
	case "title":
		m.title = strings.Join(strings.Fields(s), " ")
	case "description", "summary":
		if m.description == "" {
			m.description = strings.Join(strings.Fields(s), " ")
		}
	case "slug":
		m.slug = s
	case "id":
		m.docID = s
	case "url", "permalink":
		m.url = s
	case "uid":
		m.uid = s
	}
	return ""
}

// number is a place among siblings: a number, also when written as text
// ("3"), as hand-edited front matter has it; Docusaurus allows 2.5.
func number(f frontmatter.Field) (float64, bool) {
	s, ok := f.Text()
	if !ok {
		return 0, false
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	return x, true
}
