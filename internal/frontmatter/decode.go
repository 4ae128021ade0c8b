package frontmatter

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Decode reads a YAML file (site.yaml, _category.yaml, a theme's strings)
// into v, a pointer to a struct with yaml tags. Unlike the YAML library's
// strict mode, which stops at the first unknown key and names it in Go's
// words, it reports every key v has no field for, with the known key the
// writer most likely meant, and every value of the wrong type, each at
// its line. It returns the line of each key, for checks of their values:
// a top-level key by its name, a key of a mapping inside one by its path
// (brand.accent, brand.footer.uk). A field whose type reads YAML itself
// (an UnmarshalYAML method) is not looked into for unknown keys: its keys
// are its own to check.
func Decode(data []byte, v any) (map[string]int, []*Error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := ErrorLine(err)
		return nil, []*Error{{Line: max(line, 1), Msg: msg}}
	}
	lines := map[string]int{}
	if len(doc.Content) == 0 {
		return lines, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return lines, []*Error{{Line: root.Line, Msg: "want key: value lines"}}
	}
	keyLines(root, "", lines)
	problems := unknownKeys(root, reflect.TypeOf(v).Elem(), "")
	if err := root.Decode(v); err != nil {
		var te *yaml.TypeError
		if te, _ = err.(*yaml.TypeError); te == nil {
			line, msg := ErrorLine(err)
			problems = append(problems, &Error{Line: line, Msg: msg})
		} else {
			for _, e := range te.Errors {
				line, msg := ErrorLine(fmt.Errorf("%s", e))
				problems = append(problems, &Error{Line: line, Msg: msg})
			}
		}
	}
	slices.SortStableFunc(problems, func(a, b *Error) int { return a.Line - b.Line })
	return lines, problems
}

// keyLines records the line of every key of a mapping and of the mappings
// in it, by path. Lists are not looked into: their items have no path.
func keyLines(n *yaml.Node, prefix string, lines map[string]int) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		lines[prefix+k.Value] = k.Line
		if v.Kind == yaml.MappingNode {
			keyLines(v, prefix+k.Value+".", lines)
		}
	}
}

// selfReader is a type that reads its YAML itself (the v2-style
// unmarshaler, which needs no import of the YAML library).
var selfReader = reflect.TypeFor[interface {
	UnmarshalYAML(func(any) error) error
}]()

// unknownKeys reports the keys of a mapping that t (a struct) has no
// field for, and looks into the values that are structs, or lists or maps
// of them.
func unknownKeys(n *yaml.Node, t reflect.Type, where string) []*Error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var problems []*Error
	switch {
	case reflect.PointerTo(t).Implements(selfReader):
	case n.Kind == yaml.SequenceNode && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array):
		for _, c := range n.Content {
			problems = append(problems, unknownKeys(c, t.Elem(), where)...)
		}
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Map:
		// Keys of a map are the writer's own (language codes); its values
		// may be structs with keys to check (replies.en.body).
		for i := 0; i+1 < len(n.Content); i += 2 {
			problems = append(problems, unknownKeys(n.Content[i+1], t.Elem(), where+n.Content[i].Value+".")...)
		}
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Struct:
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			f, ok := fields[k.Value]
			if !ok {
				problems = append(problems, &Error{Line: k.Line, Msg: unknownKey(where+k.Value, k.Value, fields)})
				continue
			}
			problems = append(problems, unknownKeys(v, f.Type, where+k.Value+".")...)
		}
	}
	return problems
}

// yamlFields are a struct's fields by their YAML keys.
func yamlFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name != "" && name != "-" && f.IsExported() {
			out[name] = f
		}
	}
	return out
}

// unknownKey says that a key is not known, and which known key is the
// nearest (by letters to change), when one is near enough to be a typo.
func unknownKey(path, key string, fields map[string]reflect.StructField) string {
	best, bestDist := "", 3
	var names []string
	for name := range fields {
		names = append(names, name)
		if d := distance(strings.ToLower(key), name); d < bestDist || d == bestDist && name < best {
			best, bestDist = name, d
		}
	}
	if best != "" && bestDist <= max(1, len(key)/3) {
		return fmt.Sprintf("unknown key %q (did you mean %s?)", path, best)
	}
	slices.Sort(names)
	return fmt.Sprintf("unknown key %q; known keys here: %s", path, strings.Join(names, ", "))
}

// distance is the number of letters to insert, delete or change, or of
// neighbours to swap, to turn a into b (the optimal string alignment
// distance: "nmae" is one swap from "name").
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
