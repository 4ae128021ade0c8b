package frontmatter

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// parseYAML reads a YAML header into its top-level fields.
func parseYAML(header []byte, first int) ([]Field, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(header, &doc); err != nil {
		line, msg := ErrorLine(err)
		return nil, &Error{Line: first - 1 + line, Msg: "front matter: " + msg}
	}
	if len(doc.Content) == 0 {
		return nil, nil // an empty header
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &Error{Line: first - 1 + root.Line, Msg: "front matter must be key: value lines"}
	}
	fields := make([]Field, 0, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		fields = append(fields, Field{Key: k.Value, Line: first - 1 + k.Line, Node: v, base: first - 1})
	}
	return fields, nil
}

var (
	yamlLineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	yamlTypeRE = regexp.MustCompile("^cannot unmarshal !!(\\w+) `(.*)` into (.*)$")
)

// ErrorLine splits an error of the YAML library into the line of the
// document it names (0 when none) and a message in the writer's words: a
// Go type in it is said as what it wants ("a list", "text").
func ErrorLine(err error) (int, string) {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		err = errors.New(te.Errors[0])
	}
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		msg = m[2]
		if t := yamlTypeRE.FindStringSubmatch(msg); t != nil {
			msg = fmt.Sprintf("%q has the wrong type: want %s", t[2], goTypeWords(t[3]))
		}
		return n, msg
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}

// goTypeWords says in words what a Go type in a YAML error wants.
func goTypeWords(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case t == "string":
		return "text"
	case strings.HasPrefix(t, "int"), t == "*int":
		return "a whole number"
	case t == "bool":
		return "true or false"
	case strings.HasPrefix(t, "map"), strings.Contains(t, "."):
		return "key: value lines"
	}
	return t
}
