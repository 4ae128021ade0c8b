package builder

import (
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// templateTypes are the types a theme's templates can reach from the page
// (View), through fields, method results, elements and pointers, that are
// deskbook's own (a time.Time or template.HTML is Go's, documented there).
func templateTypes() []reflect.Type {
	seen := map[reflect.Type]bool{}
	var out []reflect.Type
	var visit func(t reflect.Type)
	visit = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if seen[t] || !strings.HasPrefix(t.PkgPath(), "deskbook/") || t.Name() == "" {
			return
		}
		seen[t] = true
		out = append(out, t)
		if t.Kind() == reflect.Struct {
			for i := range t.NumField() {
				if f := t.Field(i); f.IsExported() {
					visit(f.Type)
				}
			}
		}
		pt := reflect.PointerTo(t)
		for i := range pt.NumMethod() {
			m := pt.Method(i).Type
			for j := range m.NumOut() {
				visit(m.Out(j))
			}
			for j := 1; j < m.NumIn(); j++ {
				visit(m.In(j))
			}
		}
	}
	visit(reflect.TypeFor[View]())
	slices.SortFunc(out, func(a, b reflect.Type) int { return strings.Compare(a.Name(), b.Name()) })
	return out
}

// members are a type's exported fields and methods (of its pointer, which
// templates reach).
func members(t reflect.Type) []string {
	var out []string
	if t.Kind() == reflect.Struct {
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				out = append(out, f.Name)
			}
		}
	}
	pt := reflect.PointerTo(t)
	for i := range pt.NumMethod() {
		out = append(out, pt.Method(i).Name)
	}
	return out
}

// TestThemeDocCoversTemplateData keeps themes/README.md true: every type a
// template reaches from the page has a section (### `Name`), and every
// exported field and method of it is named there (`Name` or `.Name`).
func TestThemeDocCoversTemplateData(t *testing.T) {
	data, err := os.ReadFile("../themes/README.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	types := templateTypes()
	if len(types) < 20 {
		t.Fatalf("found only %d types from View: the walk is broken", len(types))
	}
	for _, ty := range types {
		head := "\n### `" + ty.Name() + "`"
		i := strings.Index(doc, head)
		if i < 0 {
			t.Errorf("themes/README.md has no section %q for %s", strings.TrimSpace(head), ty)
			continue
		}
		section := doc[i+len(head):]
		if j := regexp.MustCompile(`\n#{2,3} `).FindStringIndex(section); j != nil {
			section = section[:j[0]]
		}
		for _, m := range members(ty) {
			if !regexp.MustCompile("`\\.?" + m + `\b`).MatchString(section) {
				t.Errorf("themes/README.md, section %s: %s.%s is not mentioned", ty.Name(), ty.Name(), m)
			}
		}
	}
}
