package markdown

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"deskbook/internal/frontmatter"
	"deskbook/internal/importer/dialect"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// siteInfo is what a generator's settings say that the import uses.
type siteInfo struct {
	title     string
	project   string // the folder holding the generator's settings: "." or one below
	root      string // the docs folder in the source: "docs", "content" or "."
	base      string // the path the old site was served under, "/" when unknown
	dirURLs   bool   // MkDocs: use_directory_urls, on unless turned off
	routeBase string // Docusaurus: the docs' path below the base, "docs"
	static    string // a folder served at the site root (Docusaurus, Hugo), "" when none
	defLang   string // the generator's default language, when its settings say
	langs     []string
	params    map[string]string // Hugo: [params], flattened as the converter names them
	outside   string            // Docusaurus: the docs path of the settings when it leaves the source folder
	nav       *yaml.Node        // MkDocs: nav
	navFile   string
}

// configure decides the dialect and reads the generator's settings.
func (imp *importer) configure() error {
	d, dir := detect(imp.src)
	if imp.opt.Dialect != "" && imp.opt.Dialect != d {
		d, dir = imp.opt.Dialect, markerDir(imp.src, imp.opt.Dialect)
	}
	imp.dialect = d
	imp.rep.Dialect = imp.dialect
	imp.site = siteInfo{project: dir, root: dir, base: "/", dirURLs: true, routeBase: "docs"}
	switch imp.dialect {
	case MkDocs:
		imp.readMkDocs()
	case Docusaurus:
		imp.readDocusaurus()
	case DocFX:
		imp.readDocFX()
	case Hugo:
		imp.readHugo()
	}
	if imp.opt.OldBase != "" {
		imp.site.base = "/" + strings.Trim(imp.opt.OldBase, "/") + "/"
		imp.site.base = strings.ReplaceAll(imp.site.base, "//", "/")
	}
	if imp.opt.Title != "" {
		imp.site.title = imp.opt.Title
	}
	return nil
}

// basePath is the path of a site URL: "https://example.com/docs/" is
// "/docs/".
func basePath(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || strings.Trim(p.Path, "/") == "" {
		return "/" // served at the root: "/", never "//", a link to another host
	}
	return "/" + strings.Trim(p.Path, "/") + "/"
}

// readYAMLFile reads a YAML settings file as a document node, warning
// at the line of a mistake. It returns nil when there is none.
func (imp *importer) readYAMLFile(p string) *yaml.Node {
	data, err := fs.ReadFile(imp.src, p)
	if err != nil {
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := frontmatter.ErrorLine(err)
		imp.warnf(p, line, "%s; its settings are not used", msg)
		return nil
	}
	if len(doc.Content) == 0 {
		return nil
	}
	return doc.Content[0]
}

// mapValue is the value of key in a YAML mapping, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// scalar is a YAML scalar's text, or "".
func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

// readMkDocs reads mkdocs.yml: site_name, site_url, docs_dir,
// use_directory_urls, nav, and the languages of the i18n plugin.
func (imp *importer) readMkDocs() {
	name := path.Join(imp.site.project, "mkdocs.yml")
	if !imp.exists(name) {
		name = path.Join(imp.site.project, "mkdocs.yaml")
	}
	root := imp.readYAMLFile(name)
	imp.site.root = path.Join(imp.site.project, "docs")
	if root == nil {
		return
	}
	imp.site.title = scalar(mapValue(root, "site_name"))
	if u := scalar(mapValue(root, "site_url")); u != "" {
		imp.site.base = basePath(u)
	}
	if d := scalar(mapValue(root, "docs_dir")); d != "" {
		imp.site.root = path.Join(imp.site.project, d)
	}
	if scalar(mapValue(root, "use_directory_urls")) == "false" {
		imp.site.dirURLs = false
	}
	imp.site.nav, imp.site.navFile = mapValue(root, "nav"), name
	for _, p := range seq(mapValue(root, "plugins")) {
		for _, l := range seq(mapValue(mapValue(p, "i18n"), "languages")) {
			code := strings.ToLower(scalar(mapValue(l, "locale")))
			if code == "" {
				continue
			}
			imp.site.langs = append(imp.site.langs, code)
			if scalar(mapValue(l, "default")) == "true" {
				imp.site.defLang = code
			}
		}
	}
}

// seq is the items of a YAML list, or nothing.
func seq(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// jsString matches `key: 'text'` in a JavaScript settings file, the
// first one being the top-level key in the files Docusaurus makes.
func jsString(key string) *regexp.Regexp {
	return regexp.MustCompile(`(?m)(?:^|[{,\s])` + key + `\s*:\s*['"` + "`" + `]([^'"` + "`" + `\n]*)['"` + "`" + `]`)
}

// docsBlockRE matches the opening of the docs plugin's settings in
// docusaurus.config.js, docs: {.
var docsBlockRE = regexp.MustCompile(`(?m)(?:^|[{,\s])docs\s*:\s*\{`)

// localesRE matches the list of locales in docusaurus.config.js.
var localesRE = regexp.MustCompile(`(?m)^\s*locales\s*:\s*\[([^\]]*)\]`)

// readDocusaurus reads what it can of docusaurus.config.*: a program,
// not data, so only plain `key: 'text'` lines are understood: the title,
// baseUrl, routeBasePath and the locales.
func (imp *importer) readDocusaurus() {
	imp.site.root, imp.site.static = path.Join(imp.site.project, "docs"), path.Join(imp.site.project, "static")
	var src string
	for _, n := range []string{"docusaurus.config.ts", "docusaurus.config.js", "docusaurus.config.mjs", "docusaurus.config.cjs"} {
		if data, err := fs.ReadFile(imp.src, path.Join(imp.site.project, n)); err == nil {
			src = string(data)
			break
		}
	}
	get := func(key string) string {
		if m := jsString(key).FindStringSubmatch(src); m != nil {
			return m[1]
		}
		return ""
	}
	imp.site.title = get("title")
	// The docs plugin's path: "../docs" keeps the pages beside the website
	// folder, as Prettier's does.
	if loc := docsBlockRE.FindStringIndex(src); loc != nil {
		block := src[loc[1]:min(len(src), loc[1]+3000)]
		if m := jsString("path").FindStringSubmatch(block); m != nil {
			if root := path.Join(imp.site.project, m[1]); root != ".." && !strings.HasPrefix(root, "../") {
				imp.site.root = root
			} else {
				imp.site.outside = m[1]
			}
		}
	}
	if b := get("baseUrl"); b != "" {
		imp.site.base = basePath(b)
	}
	if r := get("routeBasePath"); r != "" || strings.Contains(src, "routeBasePath: ''") {
		imp.site.routeBase = strings.Trim(r, "/")
	}
	imp.site.defLang = strings.ToLower(get("defaultLocale"))
	if m := localesRE.FindStringSubmatch(src); m != nil {
		for _, q := range strings.Split(m[1], ",") {
			if c := strings.ToLower(strings.Trim(strings.TrimSpace(q), `'"`)); c != "" {
				imp.site.langs = append(imp.site.langs, c)
			}
		}
	}
}

// readDocFX reads the site title from docfx.json.
func (imp *importer) readDocFX() {
	name := path.Join(imp.site.project, "docfx.json")
	data, err := fs.ReadFile(imp.src, name)
	if err != nil {
		return
	}
	var cfg struct {
		Build struct {
			GlobalMetadata struct {
				AppTitle string `json:"_appTitle"`
			} `json:"globalMetadata"`
		} `json:"build"`
	}
	if err := json.Unmarshal(data, &cfg); err != nil {
		imp.warnf(name, 0, "cannot read it (%v); its settings are not used", err)
		return
	}
	imp.site.title = cfg.Build.GlobalMetadata.AppTitle
}

// readYFMTitle takes the site title from the default language's
// toc.yaml, unless it has one already.
func (imp *importer) readYFMTitle() {
	if imp.dialect != YFM || imp.site.title != "" {
		return
	}
	for _, n := range []string{"toc.yaml", "toc.yml"} {
		if root := imp.readYAMLFile(path.Join(imp.langRoot(imp.defLang), n)); root != nil {
			imp.site.title = scalar(mapValue(root, "title"))
			return
		}
	}
}

// hugoConfig is what the import reads of Hugo's settings.
type hugoConfig struct {
	Title                  string `toml:"title" yaml:"title" json:"title"`
	BaseURL                string `toml:"baseURL" yaml:"baseURL" json:"baseURL"`
	ContentDir             string `toml:"contentDir" yaml:"contentDir" json:"contentDir"`
	DefaultContentLanguage string `toml:"defaultContentLanguage" yaml:"defaultContentLanguage" json:"defaultContentLanguage"`
	Languages              map[string]struct {
		Title string `toml:"title" yaml:"title" json:"title"`
	} `toml:"languages" yaml:"languages" json:"languages"`
	Params map[string]any `toml:"params" yaml:"params" json:"params"`
	Module struct {
		Mounts []struct {
			Source string `toml:"source" yaml:"source" json:"source"`
			Target string `toml:"target" yaml:"target" json:"target"`
		} `toml:"mounts" yaml:"mounts" json:"mounts"`
	} `toml:"module" yaml:"module" json:"module"`
}

// readHugo reads hugo.toml (or config.toml, or their YAML and JSON forms).
func (imp *importer) readHugo() {
	dir := imp.site.project
	imp.site.root, imp.site.static = path.Join(dir, "content"), path.Join(dir, "static")
	for _, n := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"} {
		n = path.Join(dir, n)
		data, err := fs.ReadFile(imp.src, n)
		if err != nil {
			continue
		}
		var cfg hugoConfig
		switch path.Ext(n) {
		case ".toml":
			err = toml.Unmarshal(data, &cfg)
		case ".yaml", ".yml":
			err = yaml.Unmarshal(data, &cfg)
		default:
			err = json.Unmarshal(data, &cfg)
		}
		if err != nil {
			imp.warnf(n, 0, "cannot read it (%v); its settings are not used", err)
			return
		}
		imp.site.title = cfg.Title
		if cfg.BaseURL != "" {
			imp.site.base = basePath(cfg.BaseURL)
		}
		if cfg.ContentDir != "" {
			imp.site.root = path.Join(dir, cfg.ContentDir)
		}
		// A site whose content is one mounted folder (content/en as
		// content, as Hugo's own documentation does) has its pages there.
		var content []string
		for _, m := range cfg.Module.Mounts {
			if path.Clean(m.Target) == "content" && m.Source != "" {
				content = append(content, m.Source)
			}
		}
		if len(content) == 1 {
			imp.site.root = path.Join(dir, content[0])
		}
		imp.site.defLang = strings.ToLower(cfg.DefaultContentLanguage)
		imp.site.params = map[string]string{}
		flattenParams("", cfg.Params, imp.site.params)
		for code := range cfg.Languages {
			imp.site.langs = append(imp.site.langs, strings.ToLower(code))
		}
		return
	}
}

// readPresets reads YFM's variables: the default: section of the
// presets.yaml at the top (for every language) and of each language
// folder's (for that language, over the top one's), then of the folders
// below, shallowest first. deskbook's variables are the site's, so a
// folder's presets add the names its language lacks, and a name it gives
// another value keeps the first, with a warning. Nested keys are joined
// with _ and a list's values with commas, as the dialect converter
// writes the variables that use them.
func (imp *importer) readPresets() {
	if imp.dialect != YFM {
		return
	}
	read := func(p string, codes []string, nested bool) {
		vals := map[string]string{}
		imp.flattenPreset(p, mapValue(imp.readYAMLFile(p), "default"), "", vals)
		for _, name := range slices.Sorted(maps.Keys(vals)) {
			for _, c := range codes {
				if nested {
					imp.addVariable(p, c, name, vals[name])
					continue
				}
				if imp.vars[name] == nil {
					imp.vars[name] = map[string]string{}
				}
				imp.vars[name][c] = vals[name]
			}
		}
	}
	top := path.Join(imp.site.root, "presets.yaml")
	read(top, imp.langs, false)
	seen := map[string]bool{top: true}
	for _, l := range imp.langs {
		if dir, ok := imp.langDirs[l]; ok {
			p := path.Join(dir, "presets.yaml")
			read(p, []string{l}, false)
			seen[p] = true
		}
	}
	for _, p := range imp.nestedPresets(seen) {
		read(p, imp.presetLangs(p), true)
	}
}

// nestedPresets picks the presets.yaml files below the docs folder, other
// than those in seen, from the files the scan found: shallowest first,
// then by path.
func (imp *importer) nestedPresets(seen map[string]bool) []string {
	var files []string
	for p := range imp.assets {
		if path.Base(p) == "presets.yaml" && !seen[p] {
			files = append(files, p)
		}
	}
	slices.SortFunc(files, func(a, b string) int {
		return cmp.Or(strings.Count(a, "/")-strings.Count(b, "/"), strings.Compare(a, b))
	})
	return files
}

// presetLangs is the language a presets.yaml below the top is for: that
// of the language folder holding it, or every language.
func (imp *importer) presetLangs(p string) []string {
	for _, l := range imp.langs {
		if dir, ok := imp.langDirs[l]; ok && strings.HasPrefix(p, dir+"/") {
			return []string{l}
		}
	}
	return imp.langs
}

// flattenPreset collects a preset's values under their joined names.
func (imp *importer) flattenPreset(p string, n *yaml.Node, prefix string, out map[string]string) {
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := dialect.VarName(prefix + k.Value) // as the converter writes the variable
		switch v.Kind {
		case yaml.MappingNode:
			imp.flattenPreset(p, v, name+"_", out)
		case yaml.SequenceNode:
			var vals []string
			for _, e := range v.Content {
				if e.Kind != yaml.ScalarNode {
					imp.warnf(p, k.Line, "variable %s is a list of more than values; left out", name)
					vals = nil
					break
				}
				vals = append(vals, e.Value)
			}
			if vals != nil {
				out[name] = strings.Join(vals, ", ")
			}
		default:
			out[name] = scalar(v)
		}
	}
}

// flattenParams collects Hugo's parameters under the names the converter
// gives {{< param "a.b" >}}, a_b: nested tables joined with _, a list of
// values joined with commas. Anything else (a list of tables) is left out.
func flattenParams(prefix string, v any, out map[string]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			flattenParams(prefix+dialect.VarName(k)+"_", x, out)
		}
	case []any:
		vals := make([]string, 0, len(v))
		for _, x := range v {
			switch x.(type) {
			case map[string]any, []any:
				return
			}
			vals = append(vals, fmt.Sprint(x))
		}
		out[strings.TrimSuffix(prefix, "_")] = strings.Join(vals, ", ")
	case nil:
	default:
		out[strings.TrimSuffix(prefix, "_")] = fmt.Sprint(v)
	}
}
