package markdown

import (
	"bufio"
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Detect tells which generator a folder of Markdown was written for, by
// the files it keeps beside the docs, in the folder or one level down (a
// repository often keeps them in docs/ or website/): toc.yaml or toc.yml
// with .yfm or presets.yaml is YFM; docfx.json DocFX; mkdocs.yml MkDocs;
// docusaurus.config.* Docusaurus; hugo.* or config.* beside a content
// folder Hugo (not a config.toml with Zola's base_url); a toc.yaml alone
// YFM and a toc.yml alone DocFX. Anything else is GitHub Markdown.
func Detect(src fs.FS) Dialect {
	d, _ := detect(src)
	return d
}

// markers are the files that tell a dialect, in the order they are tried.
var markers = []struct {
	d     Dialect
	names []string
}{
	{DocFX, []string{"docfx.json"}},
	{MkDocs, []string{"mkdocs.yml", "mkdocs.yaml"}},
	{Docusaurus, []string{"docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs"}},
}

// detect is Detect, with the folder holding the dialect's settings.
func detect(src fs.FS) (Dialect, string) {
	dirs := candidateDirs(src)
	if _, ok := findIn(src, dirs, "toc.yaml", "toc.yml"); ok {
		if dir, ok := findIn(src, dirs, ".yfm", "presets.yaml"); ok {
			return YFM, dir
		}
	}
	for _, m := range markers {
		if dir, ok := findIn(src, dirs, m.names...); ok {
			return m.d, dir
		}
	}
	for _, d := range dirs {
		if isHugo(src, d) {
			return Hugo, d
		}
	}
	for _, m := range []struct {
		d    Dialect
		name string
	}{{YFM, "toc.yaml"}, {DocFX, "toc.yml"}} {
		if dir, ok := findIn(src, dirs, m.name); ok {
			if knownCode(dir) {
				dir = "." // a language folder's own toc
			}
			return m.d, dir
		}
	}
	return GitHub, "."
}

// markerDir is the folder holding a dialect's settings, for a dialect
// the caller named: "." when none is found.
func markerDir(src fs.FS, d Dialect) string {
	dirs := candidateDirs(src)
	for _, m := range markers {
		if m.d == d {
			if dir, ok := findIn(src, dirs, m.names...); ok {
				return dir
			}
		}
	}
	switch d {
	case YFM:
		if dir, ok := findIn(src, dirs, ".yfm", "presets.yaml"); ok {
			return dir
		}
	case Hugo:
		if i := slices.IndexFunc(dirs, func(dir string) bool { return isHugo(src, dir) }); i >= 0 {
			return dirs[i]
		}
	}
	return "."
}

// candidateDirs are the folder itself and the folders one level down,
// hidden ones and node_modules left out.
func candidateDirs(src fs.FS) []string {
	dirs := []string{"."}
	entries, _ := fs.ReadDir(src, ".")
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && e.Name() != "node_modules" {
			dirs = append(dirs, e.Name())
		}
	}
	return dirs
}

// findIn is the first of dirs that holds one of names.
func findIn(src fs.FS, dirs []string, names ...string) (string, bool) {
	for _, d := range dirs {
		for _, n := range names {
			if _, err := fs.Stat(src, path.Join(d, n)); err == nil {
				return d, true
			}
		}
	}
	return "", false
}

// isHugo tells whether folder d holds a Hugo site: settings and a content
// folder. A config.toml with base_url is Zola's.
func isHugo(src fs.FS, d string) bool {
	if fi, err := fs.Stat(src, path.Join(d, "content")); err != nil || !fi.IsDir() {
		return false
	}
	for _, n := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.yaml", "config.yml", "config.json"} {
		if _, err := fs.Stat(src, path.Join(d, n)); err == nil {
			return true
		}
	}
	data, err := fs.ReadFile(src, path.Join(d, "config.toml"))
	if err != nil {
		return false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if strings.HasPrefix(strings.TrimSpace(sc.Text()), "base_url") {
			return false
		}
	}
	return true
}
