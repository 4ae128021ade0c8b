package zola

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"deskbook/internal/frontmatter"
	"deskbook/internal/slug"
)

// read decodes every imported file's front matter and numbers the pages.
func (imp *importer) read() {
	for _, k := range slices.Sorted(maps.Keys(imp.pages)) {
		pg := imp.pages[k]
		for _, l := range imp.langs {
			if p, ok := pg.files[l]; ok {
				if v := imp.readVersion(pg, l, p); v != nil {
					pg.versions[l] = v
				}
			}
		}
		if len(pg.versions) == 0 {
			delete(imp.pages, k)
			continue
		}
		pg.id = len(imp.byID) + 1
		imp.byID[pg.id] = pg
	}
	imp.rep.Pages = len(imp.byID)
	imp.readSorts()
	for _, dir := range slices.Sorted(maps.Keys(imp.sections)) {
		for _, l := range imp.langs {
			if s := imp.sections[dir][l]; s != nil {
				if fields, _, _, ok := imp.readFile(s.path); ok {
					m := imp.decodeMeta(s.path, fields, true)
					s.meta = &m
				}
			}
		}
	}
}

// dateSort marks the pages of sections sorted by date as dated entries
// (kind: changelog), the one list deskbook sorts by date, newest first.
// A page without a date cannot be: it stays an article, with a warning.
func (imp *importer) dateSort() {
	for _, v := range imp.versions {
		by := imp.sorts[imp.sectionOf(v.page)]
		if by != "date" && by != "update_date" {
			continue
		}
		if by == "update_date" && v.meta.updated != "" {
			v.meta.date = v.meta.updated
		}
		if v.meta.date == "" {
			imp.warnf(v.src, 0, "its section sorts pages by date, but it has none: imported as an ordinary article, listed after the dated ones")
			continue
		}
		v.changes = true
		imp.rep.DateSorted++
	}
}

// readSorts learns how each section sorts its pages.
func (imp *importer) readSorts() {
	for _, dir := range slices.Sorted(maps.Keys(imp.sectionSrc)) {
		p := imp.sectionSrc[dir]
		for _, f := range imp.peekFields(p) {
			if s, ok := f.Text(); ok && f.Key == "sort_by" {
				imp.sorts[dir] = s
			}
		}
	}
}

// peekFields reads the front matter of a section file for its sort_by,
// quietly: what is wrong with a top-level section file is reported when it
// is read for its category, and other section files are not imported.
func (imp *importer) peekFields(p string) []frontmatter.Field {
	data, err := fs.ReadFile(imp.src, p)
	if err != nil || len(data) > frontmatter.MaxFile {
		return nil
	}
	header, _, _, format, err := frontmatter.Split(bytes.TrimPrefix(data, []byte("\uFEFF")))
	if err != nil {
		return nil
	}
	fields, _ := frontmatter.Parse(format, header, 2)
	return fields
}

// sectionOf is the folder of the section a page belongs to: the nearest
// folder above it with an _index.md, "." for the top one.
func (imp *importer) sectionOf(pg *page) string {
	d := path.Dir(pg.key)
	for ; d != "."; d = path.Dir(d) {
		if _, ok := imp.sectionSrc[d]; ok {
			return d
		}
	}
	return d
}

// readFile reads a Markdown file and splits off its front matter, YAML
// between --- lines or TOML between +++ lines. It reports false when the
// file cannot be used at all. Front matter that does not parse is one
// warning, and the page is imported without it: its body is still worth
// having, and the writer sees which line to fix.
func (imp *importer) readFile(p string) (fields []frontmatter.Field, body string, bodyLine int, ok bool) {
	data, err := fs.ReadFile(imp.src, p)
	if err != nil {
		imp.warnf(p, 0, "skipped: cannot read: %v", err)
		return nil, "", 0, false
	}
	if line := frontmatter.BadUTF8Line(data); line > 0 {
		imp.warnf(p, line, "skipped: not valid UTF-8 text")
		return nil, "", 0, false
	}
	if len(data) > frontmatter.MaxFile {
		imp.warnf(p, 0, "skipped: %.1f MB is more than deskbook accepts in one article", float64(len(data))/(1<<20))
		return nil, "", 0, false
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	header, rest, bodyLine, format, err := frontmatter.Split(data)
	if err != nil {
		imp.warnf(p, 1, "skipped: %v", err)
		return nil, "", 0, false
	}
	// The header starts on the file's second line, after --- or +++.
	fields, err = frontmatter.Parse(format, header, 2)
	if err != nil {
		line, msg := 0, err.Error()
		if fe := (*frontmatter.Error)(nil); errors.As(err, &fe) {
			line, msg = fe.Line, fe.Msg
		}
		imp.warnf(p, line, "%s; the page is imported without its front matter", msg)
		fields = nil
	}
	return fields, string(rest), bodyLine, true
}

// readVersion reads one language of a page. A page without a title is
// named after its first line, or else its file name, so that it can still
// be found and given a title in the imported site.
func (imp *importer) readVersion(pg *page, code, p string) *version {
	fields, body, bodyLine, ok := imp.readFile(p)
	if !ok {
		return nil
	}
	v := &version{page: pg, lang: code, src: p, body: body, bodyLine: bodyLine}
	v.meta = imp.decodeMeta(p, fields, false)
	if m := datedName.FindStringSubmatch(path.Base(pg.key)); m != nil && v.meta.date == "" {
		v.meta.date = m[1] // Zola dates a page by its file name when its front matter does not
		if v.meta.updated == "" {
			v.meta.updated = m[1]
		}
	}
	if v.meta.title == "" {
		v.meta.title = titleFromBody(body)
		if v.meta.title == "" {
			v.meta.title = slug.Title(path.Base(pg.key))
		}
	}
	return v
}

// maxTitle is the length, in characters, of the longest title taken from
// a page's text: a first line may be a whole paragraph.
const maxTitle = 80

// titleFromBody is the first line of a body that has any text, without
// the # of a heading, shortened to maxTitle characters.
func titleFromBody(body string) string {
	for l := range strings.Lines(body) {
		t := strings.TrimSpace(strings.TrimLeft(l, "# "))
		if t == "" {
			continue
		}
		if utf8.RuneCountInString(t) <= maxTitle {
			return t
		}
		r := []rune(t)
		return strings.TrimSpace(string(r[:maxTitle-1])) + "…"
	}
	return ""
}
