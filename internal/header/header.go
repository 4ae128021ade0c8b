// Package header reads an article's front matter: the keys deskbook
// knows, what each means and what values it takes, each wrong key or
// value reported with its line; and, from a header that does not parse,
// the title, id and kind its plain lines give.
package header

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"deskbook/internal/diag"
	"deskbook/internal/frontmatter"
	"deskbook/internal/stash"
)

// Kind is what an article is for; it changes how the article is presented.
type Kind string

// The article kinds.
const (
	KindArticle   Kind = "article"
	KindError     Kind = "error"
	KindHowTo     Kind = "howto"
	KindChecklist Kind = "checklist"
	KindChangelog Kind = "changelog"
)

// Valid reports whether k is one of the kinds.
func (k Kind) Valid() bool {
	switch k {
	case KindArticle, KindError, KindHowTo, KindChecklist, KindChangelog:
		return true
	}
	return false
}

// Meta is the YAML header of an article.
type Meta struct {
	Title   string
	ID      int
	Kind    Kind
	Summary string
	Errors  []string
	Tags    []string
	Aliases []string
	Updated time.Time
	Draft   bool
	Slug    string
	// Order puts the article before those of its category without one,
	// lowest first; the rest follow by title. Imported docs keep their
	// navigation's order with it.
	Order *int
	// Changelog entries only.
	Version string
	Date    time.Time
	Affects []int
}

// Decode fills m from the YAML header fm, and lines with the line of each
// key, reporting every wrong key or type with its line in the file disp.
// It reports false when the header does not parse at all.
func Decode(fm []byte, m *Meta, lines map[string]int, disp string, d *diag.Collector) bool {
	fields, err := frontmatter.Parse(frontmatter.YAML, fm, 2) // the header starts on the file's second line
	if fe := (*frontmatter.Error)(nil); errors.As(err, &fe) {
		d.Errorf(disp, fe.Line, "%s", fe.Msg)
		return false
	}
	for _, f := range fields {
		if _, dup := lines[f.Key]; dup {
			d.Errorf(disp, f.Line, "%s: key given twice", f.Key)
			continue
		}
		lines[f.Key] = f.Line
		if !fieldKeys[f.Key] {
			hint := ""
			if s, ok := keyHints[f.Key]; ok {
				hint = fmt.Sprintf(" (did you mean %s?)", s)
			}
			d.Warnf(disp, f.Line, "unknown front matter key %q%s", f.Key, hint)
			continue
		}
		if msg := decodeField(m, f); msg != "" {
			d.Errorf(disp, f.Line, "%s", msg)
		}
	}
	return true
}

// headerLine is a plain "key: value" line of a header that does not parse.
var headerLine = regexp.MustCompile(`^(title|id|kind):[ \t]*(.*?)[ \t]*$`)

// Recover reads the title, id and kind of a header that does not parse
// from its plain lines into m.
func Recover(fm []byte, m *Meta) {
	for line := range strings.Lines(string(fm)) {
		kv := headerLine.FindStringSubmatch(strings.TrimRight(line, "\r\n"))
		if kv == nil {
			continue
		}
		v := strings.Trim(kv[2], `"'`)
		switch kv[1] {
		case "title":
			m.Title = v
		case "id":
			if n, err := strconv.Atoi(v); err == nil && n > 0 {
				m.ID = n
			}
		case "kind":
			if Kind(v).Valid() {
				m.Kind = Kind(v)
			}
		}
	}
}

// fieldKeys are the front matter keys deskbook reads.
var fieldKeys = map[string]bool{"title": true, "summary": true, "slug": true, "version": true, "id": true, "kind": true,
	"errors": true, "tags": true, "aliases": true, "updated": true, "date": true, "draft": true, "affects": true, "order": true}

// decodeField sets the field of m a front matter key names, or says what
// is wrong with its value.
func decodeField(m *Meta, f frontmatter.Field) string {
	switch f.Key {
	case "title", "summary", "slug", "version":
		return decodeText(m, f)
	case "id":
		n, ok := f.Int()
		if !ok || n <= 0 {
			return f.Want("a positive whole number")
		}
		m.ID = n
	case "kind":
		s, ok := f.Text()
		if !ok || !Kind(s).Valid() {
			return fmt.Sprintf("kind %q: want one of error, howto, checklist, changelog, article", f.Node.Value)
		}
		m.Kind = Kind(s)
	case "errors", "tags", "aliases":
		list, ok := f.Texts()
		if !ok {
			return f.Want("a list of texts")
		}
		switch f.Key {
		case "errors":
			m.Errors = list
		case "tags":
			m.Tags = list
		case "aliases":
			m.Aliases = list
		}
	case "updated", "date":
		t, ok := f.Date()
		if !ok {
			return f.Want("a date like 2026-11-01")
		}
		if f.Key == "updated" {
			m.Updated = t.UTC()
		} else {
			m.Date = t.UTC()
		}
	case "order":
		n, ok := f.Int()
		if !ok {
			return f.Want("a whole number")
		}
		m.Order = &n
	case "draft":
		b, ok := f.Bool()
		if !ok {
			return f.Want("true or false")
		}
		m.Draft = b
	case "affects":
		ids, ok := f.Ints()
		if !ok || slices.ContainsFunc(ids, func(n int) bool { return n <= 0 }) {
			return f.Want("a list of article ids")
		}
		m.Affects = ids
	}
	return ""
}

// decodeText sets a text field of m.
func decodeText(m *Meta, f frontmatter.Field) string {
	s, ok := f.Text()
	if !ok {
		return f.Want("text")
	}
	s = strings.TrimSpace(s)
	switch f.Key {
	case "title":
		m.Title = s
	case "summary":
		m.Summary = s
	case "slug":
		if !slugRE.MatchString(s) {
			return fmt.Sprintf("slug %q: use lowercase letters, digits and hyphens", s)
		}
		m.Slug = s
	case "version":
		m.Version = s
	}
	return ""
}

var slugRE = regexp.MustCompile(`^[\p{Ll}\p{Lo}0-9]+(-[\p{Ll}\p{Lo}0-9]+)*$`)

// keyHints maps keys other generators use to ours.
var keyHints = map[string]string{
	"description": "summary", "lastmod": "updated", "alias": "aliases",
	"tag": "tags", "type": "kind", "error": "errors", "name": "title",
	"weight": "order", "sidebar_position": "order", "position": "order",
}

// Save is what Decode made of a header (m, lines, ok) and the
// diagnostics it gave, as bytes to keep between builds: decoding YAML is
// most of the cost of loading a site that did not change.
func Save(m *Meta, lines map[string]int, ok bool, diags diag.List) []byte {
	var e stash.Enc
	e.Num(metaFields)
	e.Str(m.Title, string(m.Kind), m.Summary, m.Slug, m.Version)
	e.Num(m.ID)
	for _, list := range [][]string{m.Errors, m.Tags, m.Aliases} {
		e.Bool(list != nil)
		e.List(list)
	}
	for _, t := range []time.Time{m.Updated, m.Date} {
		e.Bool(t.IsZero())
		e.Num(int(t.Unix()))
		e.Num(t.Nanosecond())
	}
	e.Bool(m.Draft)
	e.Bool(m.Order != nil)
	if m.Order != nil {
		e.Num(*m.Order)
	}
	e.Bool(m.Affects != nil)
	e.Num(len(m.Affects))
	for _, id := range m.Affects {
		e.Num(id)
	}
	e.Num(len(lines))
	for _, k := range slices.Sorted(maps.Keys(lines)) {
		e.Str(k)
		e.Num(lines[k])
	}
	e.Bool(ok)
	e.Diags(diags)
	return e.Bytes()
}

// metaFields is how many fields Meta has: Save and Restore write and read
// every one (TestSaveRestore fails when one is added).
const metaFields = 14

// Restore is Decode from what Save kept: it fills m and lines, reports the
// diagnostics to d and returns Decode's result; an error, and nothing
// filled, for bytes Save did not write.
func Restore(b []byte, m *Meta, lines map[string]int, d *diag.Collector) (bool, error) {
	r := stash.NewDec(b)
	if r.Num() != metaFields {
		return false, errors.New("not a saved header")
	}
	var got Meta
	got.Title, got.Kind, got.Summary, got.Slug, got.Version = r.Str(), Kind(r.Str()), r.Str(), r.Str(), r.Str()
	got.ID = r.Num()
	for _, list := range []*[]string{&got.Errors, &got.Tags, &got.Aliases} {
		set := r.Bool()
		if *list = r.List(); set && *list == nil {
			*list = []string{}
		}
	}
	for _, t := range []*time.Time{&got.Updated, &got.Date} {
		zero, sec, nsec := r.Bool(), r.Num(), r.Num()
		if !zero {
			*t = time.Unix(int64(sec), int64(nsec)).UTC()
		}
	}
	got.Draft = r.Bool()
	if r.Bool() {
		n := r.Num()
		got.Order = &n
	}
	set := r.Bool()
	got.Affects = stash.Make[int](r.Count())
	for i := range got.Affects {
		got.Affects[i] = r.Num()
	}
	if set && got.Affects == nil {
		got.Affects = []int{}
	}
	keyLines := map[string]int{}
	for range r.Count() {
		k := r.Str()
		keyLines[k] = r.Num()
	}
	ok := r.Bool()
	diags := r.Diags()
	if err := r.Err(); err != nil {
		return false, err
	}
	*m = got
	maps.Copy(lines, keyLines)
	d.Add(diags...)
	return ok, nil
}
