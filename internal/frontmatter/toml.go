package frontmatter

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"go.yaml.in/yaml/v3"
)

// parseTOML reads a TOML header into its top-level fields. The TOML
// library decodes the values (and refuses what TOML refuses); each
// top-level key's line comes from the library's parser. The values are
// given as the YAML nodes they would be, so one set of typed readers
// serves both formats.
func parseTOML(header []byte, first int) ([]Field, error) {
	var doc map[string]any
	if err := toml.Unmarshal(header, &doc); err != nil {
		line := 0
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ = de.Position()
		}
		return nil, &Error{Line: first - 1 + line, Msg: "front matter: " + err.Error()}
	}
	lines := tomlKeyLines(header)
	fields := make([]Field, 0, len(doc))
	for key, v := range doc {
		fields = append(fields, Field{Key: key, Line: first - 1 + lines[key], Node: tomlNode(v)})
	}
	slices.SortFunc(fields, func(a, b Field) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), strings.Compare(a.Key, b.Key))
	})
	return fields, nil
}

// tomlKeyLines finds the line of each top-level key of a document that
// parses: a key = value line before the first table, or the header of a
// [table] or [[array of tables]] the key names.
func tomlKeyLines(doc []byte) map[string]int {
	lines := map[string]int{}
	var p unstable.Parser
	p.Reset(doc)
	inTable := false
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			inTable = true
		case unstable.KeyValue:
			if inTable {
				continue
			}
		default:
			continue
		}
		it := e.Key()
		if it.Next() {
			k := it.Node()
			if _, ok := lines[string(k.Data)]; !ok {
				lines[string(k.Data)] = p.Shape(k.Raw).Start.Line
			}
		}
	}
	return lines
}

// tomlNode gives a decoded TOML value as the YAML node it would be. A
// table's keys are sorted, since a decoded table has no order.
func tomlNode(v any) *yaml.Node {
	scalar := func(tag, value string) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value}
	}
	switch t := v.(type) {
	case string:
		return scalar("!!str", t)
	case int64:
		return scalar("!!int", strconv.FormatInt(t, 10))
	case float64:
		switch {
		case math.IsInf(t, 1):
			return scalar("!!float", ".inf")
		case math.IsInf(t, -1):
			return scalar("!!float", "-.inf")
		case math.IsNaN(t):
			return scalar("!!float", ".nan")
		}
		return scalar("!!float", strconv.FormatFloat(t, 'g', -1, 64))
	case bool:
		return scalar("!!bool", strconv.FormatBool(t))
	case time.Time:
		return scalar("!!timestamp", t.Format(time.RFC3339Nano))
	case toml.LocalDate, toml.LocalDateTime:
		return scalar("!!timestamp", fmt.Sprint(t))
	case toml.LocalTime:
		return scalar("!!str", t.String())
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, x := range t {
			n.Content = append(n.Content, tomlNode(x))
		}
		return n
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			n.Content = append(n.Content, scalar("!!str", k), tomlNode(t[k]))
		}
		return n
	}
	return scalar("!!str", fmt.Sprint(v))
}
