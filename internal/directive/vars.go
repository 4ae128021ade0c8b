package directive

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Variable is a value of site.yaml's variables: one text for every
// language, or a text per language code (en: …, uk: …).
type Variable struct {
	all string
	by  map[string]string
	bad bool // neither: CheckVariables reports it
}

// UnmarshalYAML reads a text or a mapping of language codes to texts;
// anything else is kept to be reported with its line.
func (v *Variable) UnmarshalYAML(unmarshal func(any) error) error {
	*v = Variable{}
	if unmarshal(&v.all) == nil || unmarshal(&v.by) == nil {
		return nil
	}
	*v = Variable{bad: true}
	return nil
}

// In is the variable's text in a language, and whether it has one there.
func (v Variable) In(lang string) (string, bool) {
	if v.bad {
		return "", false
	}
	if v.by != nil {
		s, ok := v.by[lang]
		return s, ok
	}
	return v.all, true
}

// Problem is something wrong with site.yaml's variables: Key is the path
// below variables: of the key it is about ("phone", "phone.uk").
type Problem struct {
	Key, Msg string
	Warning  bool
}

// CheckVariables reports the names of variables that are not names, or
// that site.yaml's own keys take; values that are neither a text nor
// texts by language; language codes the site does not have; and
// languages a variable given by language has no text for.
func CheckVariables(vars map[string]Variable, langs []string) []Problem {
	var ps []Problem
	for _, name := range slices.Sorted(maps.Keys(vars)) {
		v := vars[name]
		_, end := readVar([]byte("{{"+name+"}}"), 0)
		switch {
		case end != len(name)+4 || strings.ContainsAny(name, " \t"):
			ps = append(ps, Problem{Key: name, Msg: fmt.Sprintf("variables: %q is not a name for {{…}}: use letters, digits, _ . and -, starting with a letter", name)})
		case v.bad:
			ps = append(ps, Problem{Key: name, Msg: fmt.Sprintf("variables: %s: want a text, or a text per language code (en: …, uk: …)", name)})
		case v.by != nil:
			ps = append(ps, byLanguage(name, v, langs)...)
		}
	}
	return ps
}

// byLanguage checks the language codes of a variable given by language.
func byLanguage(name string, v Variable, langs []string) []Problem {
	var ps []Problem
	for _, code := range slices.Sorted(maps.Keys(v.by)) {
		if !slices.Contains(langs, code) {
			ps = append(ps, Problem{Key: name + "." + code, Msg: fmt.Sprintf("variables: %s: %q is not a language of this site (%s)", name, code, strings.Join(langs, ", "))})
		}
	}
	for _, l := range langs {
		if _, ok := v.by[l]; !ok {
			ps = append(ps, Problem{Key: name, Msg: fmt.Sprintf("variables: %s has no text for %s: {{%s}} is an error on its pages", name, l, name), Warning: true})
		}
	}
	return ps
}

// Values are the variables of a language: what site.yaml's own keys give
// (own, where not empty), and its variables, which win: variables:
// product may name the product in each language, as imported docs do.
func Values(vars map[string]Variable, lang string, own map[string]string) map[string]string {
	out := make(map[string]string, len(vars)+len(own))
	for name, s := range own {
		if s != "" {
			out[name] = s
		}
	}
	for name, v := range vars {
		if s, ok := v.In(lang); ok {
			out[name] = s
		}
	}
	return out
}
