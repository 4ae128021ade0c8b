package zendesk

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"deskbook/internal/diag"
)

// category is a Help Center category as the API returns it.
type category struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Position    int    `json:"position"`
	Locale      string `json:"locale"`
	SourceLocal string `json:"source_locale"`
	HTMLURL     string `json:"html_url"`
}

// section is a Help Center section as the API returns it.
type section struct {
	ID          int64  `json:"id"`
	CategoryID  int64  `json:"category_id"`
	ParentID    int64  `json:"parent_section_id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Position    int    `json:"position"`
	Locale      string `json:"locale"`
	HTMLURL     string `json:"html_url"`
}

// article is a Help Center article, or one translation of it, as the API
// returns it: the fields deskbook keeps.
type article struct {
	ID           int64    `json:"id"`
	SectionID    int64    `json:"section_id"`
	Title        string   `json:"title"`
	Body         string   `json:"body"`
	Locale       string   `json:"locale"`
	SourceLocale string   `json:"source_locale"`
	Position     int      `json:"position"`
	LabelNames   []string `json:"label_names"`
	CreatedAt    string   `json:"created_at"`
	UpdatedAt    string   `json:"updated_at"`
	EditedAt     string   `json:"edited_at"`
	HTMLURL      string   `json:"html_url"`
	Draft        bool     `json:"draft"`
	Promoted     bool     `json:"promoted"`

	file string // the export file it came from, for warnings
}

// translation is one entry of GET /articles/{id}/translations.
type translation struct {
	Locale    string `json:"locale"`
	Title     string `json:"title"`
	Body      string `json:"body"`
	UpdatedAt string `json:"updated_at"`
	HTMLURL   string `json:"html_url"`
	Draft     bool   `json:"draft"`
}

// export is everything read from the export folder.
type export struct {
	categories []category
	sections   []section
	articles   []article
	trans      map[int64][]translation // article id → its translations
	transFile  map[int64]string        // article id → the file they came from
}

// ExportError lists what is wrong with an export that cannot be imported:
// files missing or not JSON, each at its file, line and column.
type ExportError struct {
	Problems diag.List
}

// Error lists the problems, one a line.
func (e *ExportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the export cannot be imported (%s); nothing was written:", diag.Count(len(e.Problems), "problem", "problems"))
	for _, d := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(d.String())
	}
	return b.String()
}

// reader reads the files of an export, collecting the problems.
type reader struct {
	src   fs.FS
	name  string // how diagnostics name the export folder
	probs diag.Collector
}

// shown is a path of the export as the writer knows it.
func (r *reader) shown(p string) string {
	if r.name == "" || r.name == "." {
		return p
	}
	return path.Join(r.name, p)
}

// readExport reads the JSON files of the export. Anything missing or
// broken is an ExportError, since an import from half an export would
// look complete and not be.
func readExport(src fs.FS, name string) (*export, error) {
	r := &reader{src: src, name: name}
	ex := &export{trans: map[int64][]translation{}, transFile: map[int64]string{}}
	for _, l := range []struct {
		prefix, key string
		into        func(json.RawMessage, string) error
	}{
		{"categories", "categories", func(m json.RawMessage, f string) error { return appendList(m, &ex.categories) }},
		{"sections", "sections", func(m json.RawMessage, f string) error { return appendList(m, &ex.sections) }},
		{"articles", "articles", func(m json.RawMessage, f string) error {
			n := len(ex.articles)
			err := appendList(m, &ex.articles)
			for i := n; i < len(ex.articles); i++ {
				ex.articles[i].file = f
			}
			return err
		}},
	} {
		r.readPages(l.prefix, l.key, l.into)
	}
	r.readTranslations(ex)
	if len(r.probs.List()) > 0 {
		return nil, &ExportError{Problems: r.probs.List()}
	}
	return ex, nil
}

// appendList decodes a JSON list and appends it to into.
func appendList[T any](m json.RawMessage, into *[]T) error {
	var list []T
	if err := json.Unmarshal(m, &list); err != nil {
		return err
	}
	*into = append(*into, list...)
	return nil
}

// readPages reads prefix.json, or the pages of a paginated list,
// prefix*.json (articles-1.json, articles-2.json…; next_page and the
// other paging keys are ignored), each an object whose key holds the list.
func (r *reader) readPages(prefix, key string, into func(json.RawMessage, string) error) {
	files, err := fs.Glob(r.src, prefix+"*.json")
	if err != nil || len(files) == 0 {
		r.probs.Errorf(r.shown(prefix+".json"), 0, "missing: the export needs %s.json (or its pages %s-1.json, %s-2.json, …) holding {\"%s\": [...]} as the Help Center API returns it", prefix, prefix, prefix, key)
		return
	}
	slices.SortFunc(files, naturalLess)
	for _, f := range files {
		data, err := fs.ReadFile(r.src, f)
		if err != nil {
			r.probs.Errorf(r.shown(f), 0, "cannot read: %v", err)
			continue
		}
		lists := map[string]json.RawMessage{}
		if !r.decode(f, data, &lists) {
			continue
		}
		m, ok := lists[key]
		if !ok {
			r.probs.Errorf(r.shown(f), 1, "no %q list: want {\"%s\": [...]} as the Help Center API returns it", key, key)
			continue
		}
		if err := into(m, f); err != nil {
			// Offsets are in the list; the list is where it is in the file.
			r.report(f, data, err, int64(max(bytes.Index(data, m), 0)))
		}
	}
}

// readTranslations reads translations/<article id>.json, each
// {"translations": [...]} as GET /api/v2/help_center/articles/{id}/translations returns it.
func (r *reader) readTranslations(ex *export) {
	files, _ := fs.Glob(r.src, "translations/*.json")
	for _, f := range files {
		id, err := strconv.ParseInt(strings.TrimSuffix(path.Base(f), ".json"), 10, 64)
		if err != nil {
			r.probs.Errorf(r.shown(f), 0, "not named by an article id: want translations/<article id>.json")
			continue
		}
		data, err := fs.ReadFile(r.src, f)
		if err != nil {
			r.probs.Errorf(r.shown(f), 0, "cannot read: %v", err)
			continue
		}
		var doc struct {
			Translations *[]translation `json:"translations"`
		}
		if !r.decode(f, data, &doc) {
			continue
		}
		if doc.Translations == nil {
			r.probs.Errorf(r.shown(f), 1, "no \"translations\" list: want {\"translations\": [...]} as the Help Center API returns it")
			continue
		}
		ex.trans[id] = append(ex.trans[id], *doc.Translations...)
		ex.transFile[id] = f
	}
}

// decode unmarshals a JSON file, reporting a syntax or type error at its
// line and column.
func (r *reader) decode(f string, data []byte, v any) bool {
	if err := json.Unmarshal(data, v); err != nil {
		r.report(f, data, err, 0)
		return false
	}
	return true
}

// report turns a JSON error into a diagnostic at its line and column, in
// words.
func (r *reader) report(f string, data []byte, err error, base int64) {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line, col := position(data, base+se.Offset)
		r.probs.Errorf(r.shown(f), line, "column %d: not valid JSON: %s", col, se.Error())
	case errors.As(err, &te):
		line, col := position(data, base+te.Offset)
		r.probs.Errorf(r.shown(f), line, "column %d: %s: want %s, got %s", col, fieldName(te), typeWords(te.Type.Kind()), typeWords(jsonKind(te.Value)))
	default:
		r.probs.Errorf(r.shown(f), 0, "not valid JSON: %v", err)
	}
}

// fieldName names the field of a type error, "articles[].id" style.
func fieldName(te *json.UnmarshalTypeError) string {
	if te.Field == "" {
		return "the value"
	}
	return te.Field
}

// typeWords names a Go kind as a writer of JSON knows it.
func typeWords(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64:
		return "a number"
	}
	return "something else"
}

// jsonKind is the kind of Go value a JSON value of the type named in an
// UnmarshalTypeError would be.
func jsonKind(v string) reflect.Kind {
	switch {
	case v == "string":
		return reflect.String
	case v == "bool":
		return reflect.Bool
	case v == "array":
		return reflect.Slice
	case v == "object":
		return reflect.Map
	case strings.HasPrefix(v, "number"):
		return reflect.Float64
	}
	return reflect.Invalid
}

// position is the line and column of a byte offset.
func position(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1)
	return line, max(col, 1)
}

// naturalLess orders file names with their numbers as numbers, so that
// articles-10.json comes after articles-9.json.
func naturalLess(a, b string) int {
	na, nb := trailingNumber(a), trailingNumber(b)
	if na != nb && strings.TrimRight(strings.TrimSuffix(a, ".json"), "0123456789") == strings.TrimRight(strings.TrimSuffix(b, ".json"), "0123456789") {
		return na - nb
	}
	return strings.Compare(a, b)
}

// trailingNumber is the number at the end of a file name before .json.
func trailingNumber(s string) int {
	s = strings.TrimSuffix(s, ".json")
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	n, _ := strconv.Atoi(s[i:])
	return n
}
