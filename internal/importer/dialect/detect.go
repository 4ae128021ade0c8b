package dialect

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"deskbook/internal/frontmatter"

	"go.yaml.in/yaml/v3"
)

// Detect tells which tool a folder of Markdown was written for, by the
// files that tool keeps beside it, in the folder or one level down (a
// repository often keeps its docs in docs/ or website/): toc.yaml or
// toc.yml with .yfm or presets.yaml is YFM; docfx.json DocFX; mkdocs.yml
// MkDocs; docusaurus.config.js (ts, mjs, cjs) Docusaurus; hugo.toml,
// hugo.yaml, hugo.json or config.toml (yaml, json) with a content folder
// beside it Hugo, unless config.toml names a base_url, as Zola's does.
// Anything else is GitHub Markdown.
func Detect(root fs.FS) Dialect {
	dirs := []string{"."}
	if entries, err := fs.ReadDir(root, "."); err == nil {
		for _, e := range entries {
			if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && e.Name() != "node_modules" {
				dirs = append(dirs, e.Name())
			}
		}
	}
	has := func(names ...string) bool {
		for _, d := range dirs {
			for _, n := range names {
				if _, err := fs.Stat(root, path.Join(d, n)); err == nil {
					return true
				}
			}
		}
		return false
	}
	switch {
	case has("toc.yaml", "toc.yml") && has(".yfm", "presets.yaml"):
		return YFM
	case has("docfx.json"):
		return DocFX
	case has("mkdocs.yml", "mkdocs.yaml"):
		return MkDocs
	case has("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs"):
		return Docusaurus
	case slices.ContainsFunc(dirs, func(d string) bool { return isHugo(root, d) }):
		return Hugo
	}
	return GitHub
}

// isHugo tells whether folder d holds a Hugo site: a configuration and a
// content folder.
func isHugo(root fs.FS, d string) bool {
	if st, err := fs.Stat(root, path.Join(d, "content")); err != nil || !st.IsDir() {
		return false
	}
	for _, n := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.yaml", "config.yml", "config.json"} {
		if _, err := fs.Stat(root, path.Join(d, n)); err == nil {
			return true
		}
	}
	data, err := fs.ReadFile(root, path.Join(d, "config.toml"))
	if err != nil {
		return false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if strings.HasPrefix(strings.TrimSpace(sc.Text()), "base_url") {
			return false // Zola's
		}
	}
	return true
}

// Presets reads the variables of YFM's presets.yaml, the default preset,
// for site.yaml's variables: nested keys are joined with underscores
// (user.name becomes user_name, as Convert writes {{ user.name }}), a list
// of values is joined with commas. The presets.yaml files of folders below
// add the keys the top one lacks; where they give another value, the top
// one's is kept and a problem names the file. A problem's Line is a line
// of presets.yaml at the top, or, when its Msg starts with another file's
// path, of that file. Without any presets.yaml it returns nil.
func Presets(root fs.FS) (map[string]string, []Problem) {
	var files []string
	_ = fs.WalkDir(root, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable folder has no presets for us
		}
		if e.IsDir() && p != "." && (strings.HasPrefix(e.Name(), ".") || e.Name() == "node_modules") {
			return fs.SkipDir
		}
		if !e.IsDir() && e.Name() == "presets.yaml" {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		return nil, nil
	}
	// The top one first, then by depth, then by path.
	slices.SortFunc(files, func(a, b string) int {
		if d := strings.Count(a, "/") - strings.Count(b, "/"); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	vars := map[string]string{}
	lines := map[string]int{}
	var problems []Problem
	for _, f := range files {
		problems = append(problems, readPresets(root, f, vars, lines)...)
	}
	return vars, problems
}

// readPresets adds the default preset of one presets.yaml to vars, keeping
// the values already there.
func readPresets(root fs.FS, file string, vars map[string]string, lines map[string]int) []Problem {
	where := ""
	if file != "presets.yaml" {
		where = file + ": "
	}
	data, err := fs.ReadFile(root, file)
	if err != nil {
		return []Problem{{Construct: "yfm:presets", Msg: where + err.Error()}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := frontmatter.ErrorLine(err)
		return []Problem{{Line: line, Construct: "yfm:presets", Msg: where + msg}}
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	var problems []Problem
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if k.Value != "default" {
			problems = append(problems, Problem{Line: k.Line, Construct: "yfm:presets",
				Msg: where + fmt.Sprintf("the preset %q is not imported: deskbook has one value per variable, and takes the default preset's", k.Value)})
			continue
		}
		flat := map[string]*yaml.Node{}
		problems = append(problems, flatten(v, "", flat, where)...)
		for _, name := range sortedKeys(flat) {
			n := flat[name]
			val := scalarOrList(n)
			if old, ok := vars[name]; ok {
				if old != val {
					problems = append(problems, Problem{Line: n.Line, Construct: "yfm:presets",
						Msg: where + fmt.Sprintf("%s is %q here but %q in a presets.yaml above (line %d); deskbook's variables have one value, so %q is kept", name, val, old, lines[name], old)})
				}
				continue
			}
			vars[name], lines[name] = val, n.Line
		}
	}
	return problems
}

// flatten collects the values of a preset under their joined names.
func flatten(n *yaml.Node, prefix string, out map[string]*yaml.Node, where string) []Problem {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	var problems []Problem
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := varName(prefix + k.Value)
		switch {
		case v.Kind == yaml.MappingNode:
			problems = append(problems, flatten(v, name+"_", out, where)...)
		case v.Kind == yaml.SequenceNode && slices.ContainsFunc(v.Content, func(e *yaml.Node) bool { return e.Kind != yaml.ScalarNode }):
			problems = append(problems, Problem{Line: k.Line, Construct: "yfm:presets",
				Msg: where + fmt.Sprintf("%s is a list of more than values and is not imported", name)})
		default:
			out[name] = v
		}
	}
	return problems
}

// scalarOrList is a value as text: a list's values joined with commas.
func scalarOrList(n *yaml.Node) string {
	if n.Kind != yaml.SequenceNode {
		if n.Tag == "!!null" {
			return ""
		}
		return n.Value
	}
	vals := make([]string, len(n.Content))
	for i, e := range n.Content {
		vals[i] = e.Value
	}
	return strings.Join(vals, ", ")
}

// sortedKeys are a map's keys in order.
func sortedKeys(m map[string]*yaml.Node) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
