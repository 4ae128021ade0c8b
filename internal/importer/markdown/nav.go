package markdown

import (
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// navNode is an entry of a generator's navigation: a page, a group of
// entries, or a group with a page of its own.
type navNode struct {
	title string
	key   string // the page's key; "" for a group without a page
	kids  []*navNode
}

// navigate reads the dialect's navigation: toc.yml or toc.yaml (DocFX,
// YFM), mkdocs.yml's nav, Docusaurus's sidebars.json, or SUMMARY.md
// (mdBook, GitBook). Hugo, Docusaurus without sidebars.json and GitHub
// folders without SUMMARY.md are ordered by their folders and front
// matter when the pages are placed. Each language folder may
// have a navigation of its own, which names its categories.
func (imp *importer) navigate() error {
	imp.readYFMTitle()
	for _, l := range imp.langs {
		if l != imp.defLang && imp.langRoot(l) == imp.langRoot(imp.defLang) {
			continue // one navigation for every language
		}
		imp.navs[l] = imp.readNav(imp.langRoot(l), l == imp.defLang)
	}
	imp.navTops = imp.navs[imp.defLang]
	walkNav(imp.navTops, func(n *navNode) {
		if pg := imp.pages[n.key]; pg != nil && !pg.inNav {
			pg.inNav, pg.navTitle = true, n.title
		}
	})
	for _, pg := range imp.pages {
		for _, v := range pg.versions {
			if v.title == "" {
				v.title = fallbackTitle(pg)
			}
		}
	}
	if f := imp.byPath[path.Join(imp.langRoot(imp.defLang), "404.md")]; f != nil && imp.dialect == GitHub && imp.navTops != nil {
		if pg := imp.pages[f.key]; pg != nil && !pg.inNav {
			// mdBook's not-found page, which SUMMARY.md does not list:
			// deskbook makes its own, at the same /404.html.
			imp.warnf(f.path, 0, "mdBook's not-found page; left out: deskbook makes its own 404 page")
			delete(imp.pages, f.key)
		}
	}
	if imp.dialect == YFM && imp.navTops != nil {
		// YFM builds only what toc.yaml lists; the rest were never pages.
		for k, pg := range imp.pages {
			if !pg.inNav {
				delete(imp.pages, k)
				imp.rep.Unlisted++
			}
		}
	}
	return nil
}

// walkNav calls fn for every node, depth first, in order.
func walkNav(nodes []*navNode, fn func(*navNode)) {
	for _, n := range nodes {
		fn(n)
		walkNav(n.kids, fn)
	}
}

// langRoot is the folder of the source a language's files are in.
func (imp *importer) langRoot(code string) string {
	if dir, ok := imp.langDirs[code]; ok {
		return dir
	}
	return imp.site.root
}

// readNav reads the navigation file of the folder root, or returns nil
// when the dialect has none there. Missing pages are reported only for
// the default language's navigation (warn).
func (imp *importer) readNav(root string, warn bool) []*navNode {
	r := navReader{imp: imp, warn: warn, seen: map[string]bool{}}
	switch imp.dialect {
	case MkDocs:
		if imp.site.nav != nil {
			return r.mkdocs(imp.site.nav, root)
		}
	case DocFX, YFM:
		for _, n := range []string{"toc.yml", "toc.yaml"} {
			if p := path.Join(root, n); imp.exists(p) {
				return r.toc(p)
			}
		}
	case Docusaurus:
		return r.docusaurus(root)
	case GitHub:
		if p := path.Join(root, "SUMMARY.md"); imp.exists(p) {
			if f := imp.byPath[p]; f != nil {
				delete(imp.pages, f.key) // the navigation, not a page
			}
			return r.summary(p)
		}
	}
	return nil
}

// exists tells whether the source has a file or folder at p.
func (imp *importer) exists(p string) bool {
	_, err := fs.Stat(imp.src, p)
	return err == nil
}

// navReader reads one language's navigation.
type navReader struct {
	imp  *importer
	warn bool
	seen map[string]bool // navigation files read, against cycles
}

// target resolves a navigation entry's path to a page's key. A file
// that is missing is a warning at the entry's line; an address of
// another site, or a file that is not a page, is no entry.
func (r *navReader) target(file string, line int, href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.Contains(href, "://") || strings.HasPrefix(href, "mailto:") {
		return ""
	}
	href, _, _ = strings.Cut(href, "#")
	p := path.Clean(strings.TrimPrefix(path.Join(path.Dir(file), href), "./"))
	if f := r.imp.byPath[p]; f != nil {
		if f.frag {
			return ""
		}
		return f.key
	}
	if !r.imp.exists(p) {
		if r.warn {
			r.imp.warnf(file, line, "the navigation names %s, which is missing", p)
		}
		return ""
	}
	return ""
}

// mkdocs reads mkdocs.yml's nav: a list of paths, "Title: path" and
// "Section: [...]" entries, paths relative to docs_dir.
func (r *navReader) mkdocs(list *yaml.Node, root string) []*navNode {
	var out []*navNode
	file := r.imp.site.navFile
	for _, item := range seq(list) {
		switch item.Kind {
		case yaml.ScalarNode:
			if k := r.mkdocsTarget(file, root, item); k != "" {
				out = append(out, &navNode{key: k})
			}
		case yaml.MappingNode:
			if len(item.Content) < 2 {
				continue
			}
			title, v := item.Content[0].Value, item.Content[1]
			if v.Kind == yaml.SequenceNode {
				out = append(out, &navNode{title: title, kids: r.mkdocs(v, root)})
				continue
			}
			if k := r.mkdocsTarget(file, root, v); k != "" {
				out = append(out, &navNode{title: title, key: k})
			}
		}
	}
	return out
}

// mkdocsTarget resolves a nav path of mkdocs.yml, relative to docs_dir,
// and reports a missing one at its line of mkdocs.yml.
func (r *navReader) mkdocsTarget(file, root string, v *yaml.Node) string {
	href := scalar(v)
	if href == "" || strings.Contains(href, "://") {
		return ""
	}
	p := path.Clean(path.Join(root, href))
	if f := r.imp.byPath[p]; f != nil && !f.frag {
		return f.key
	}
	if !r.imp.exists(p) && r.warn {
		r.imp.warnf(file, v.Line, "nav names %s, which is missing", p)
	}
	return ""
}

// toc reads a DocFX or YFM toc.yml: items with name, href and items;
// an href to a folder or another toc file, or a YFM include, brings in
// that file's entries.
func (r *navReader) toc(p string) []*navNode {
	if r.seen[p] {
		r.imp.warnf(p, 0, "this table of contents includes itself; read once")
		return nil
	}
	r.seen[p] = true
	root := r.imp.readYAMLFile(p)
	if root == nil {
		return nil
	}
	items := root
	var out []*navNode
	if root.Kind == yaml.MappingNode {
		items = mapValue(root, "items")
		if k := r.tocHref(p, mapValue(root, "href")); k != "" {
			out = append(out, &navNode{title: scalar(mapValue(root, "name")), key: k})
		}
	}
	for _, item := range seq(items) {
		out = append(out, r.tocItem(p, item)...)
	}
	return out
}

// tocHref resolves a toc entry's page: a Markdown file, or nothing.
func (r *navReader) tocHref(file string, n *yaml.Node) string {
	href := scalar(n)
	if href == "" || !isMarkdown(strings.SplitN(href, "#", 2)[0]) {
		return ""
	}
	return r.target(file, n.Line, href)
}

// tocItem reads one toc entry; an unnamed YFM include stands for the
// entries of the file it includes.
func (r *navReader) tocItem(file string, item *yaml.Node) []*navNode {
	if item.Kind != yaml.MappingNode {
		return nil
	}
	n := &navNode{title: scalar(mapValue(item, "name"))}
	if n.title == "" {
		n.title = scalar(mapValue(item, "displayName"))
	}
	n.key = r.tocHref(file, mapValue(item, "href"))
	if n.key == "" {
		n.key = r.tocHref(file, mapValue(item, "topicHref"))
	}
	if href := mapValue(item, "href"); href != nil && !isMarkdown(strings.SplitN(scalar(href), "#", 2)[0]) {
		if nested := r.nestedToc(file, scalar(href)); nested != "" {
			n.kids = append(n.kids, r.toc(nested)...)
		} else if h := scalar(href); strings.HasSuffix(h, "/") || strings.HasSuffix(h, "toc.yml") || strings.HasSuffix(h, "toc.yaml") {
			r.imp.warnf(file, href.Line, "the navigation names %s, which has no toc.yml", path.Join(path.Dir(file), h))
		}
	}
	for _, kid := range seq(mapValue(item, "items")) {
		n.kids = append(n.kids, r.tocItem(file, kid)...)
	}
	if inc := mapValue(item, "include"); inc != nil {
		included := r.included(file, mapValue(inc, "path"))
		if mapValue(item, "name") == nil {
			return included
		}
		n.kids = append(n.kids, included...)
	}
	if n.key == "" && len(n.kids) == 0 {
		return nil
	}
	return []*navNode{n}
}

// nestedToc is the toc file an href names: itself, or the toc.yml of
// the folder it names; "" when it names neither.
func (r *navReader) nestedToc(file, href string) string {
	if href == "" || strings.Contains(href, "://") {
		return ""
	}
	p := path.Clean(path.Join(path.Dir(file), href))
	if base := path.Base(p); (base == "toc.yml" || base == "toc.yaml") && r.imp.exists(p) {
		return p
	}
	for _, n := range []string{"toc.yml", "toc.yaml"} {
		if q := path.Join(p, n); r.imp.exists(q) {
			return q
		}
	}
	return ""
}

// included reads the toc file a YFM include names: relative to the
// including file, or else to the docs root, as YFM allows.
func (r *navReader) included(file string, n *yaml.Node) []*navNode {
	p := scalar(n)
	if p == "" {
		return nil
	}
	for _, cand := range []string{path.Join(path.Dir(file), p), path.Join(r.imp.site.root, p)} {
		if r.imp.exists(cand) {
			return r.toc(path.Clean(cand))
		}
	}
	if r.warn {
		r.imp.warnf(file, n.Line, "the navigation includes %s, which is missing", path.Join(path.Dir(file), p))
	}
	return nil
}

// summaryLinkRE matches an entry of SUMMARY.md: "- [Title](path.md)"
// (or * or +), or a chapter without a list marker; summaryPartRE a part
// heading.
var (
	summaryLinkRE = regexp.MustCompile(`^(\s*)(?:[-*+]\s+)?\[([^\]]*)\]\(([^)]*)\)`)
	summaryPartRE = regexp.MustCompile(`^#{1,6}\s+(.+?)\s*#*\s*$`)
)

// summary reads an mdBook or GitBook SUMMARY.md: part headings become
// groups, nested list entries the entries of the one above them.
func (r *navReader) summary(p string) []*navNode {
	data, err := fs.ReadFile(r.imp.src, p)
	if err != nil {
		r.imp.warnf(p, 0, "cannot read: %v", err)
		return nil
	}
	type level struct {
		indent int
		node   *navNode
	}
	var out []*navNode
	var part *navNode
	var stack []level
	add := func(n *navNode, indent int) {
		for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		switch {
		case len(stack) > 0:
			parent := stack[len(stack)-1].node
			parent.kids = append(parent.kids, n)
		case part != nil:
			part.kids = append(part.kids, n)
		default:
			out = append(out, n)
		}
		stack = append(stack, level{indent, n})
	}
	for i, line := range strings.Split(string(data), "\n") {
		if m := summaryPartRE.FindStringSubmatch(line); m != nil {
			stack = nil
			if i > 0 || !strings.EqualFold(m[1], "summary") && !strings.EqualFold(m[1], "table of contents") {
				part = &navNode{title: m[1]}
				out = append(out, part)
			}
			continue
		}
		m := summaryLinkRE.FindStringSubmatch(line)
		if m == nil || strings.TrimSpace(m[3]) == "" {
			continue // a draft chapter has no file yet
		}
		n := &navNode{title: m[2], key: r.target(p, i+1, m[3])}
		add(n, len(strings.ReplaceAll(m[1], "\t", "    ")))
	}
	return prune(out)
}

// prune drops the entries that reach no page.
func prune(nodes []*navNode) []*navNode {
	out := nodes[:0]
	for _, n := range nodes {
		n.kids = prune(n.kids)
		if n.key != "" || len(n.kids) > 0 {
			out = append(out, n)
		}
	}
	return out
}

// groupTitles are the names each language's own navigation gives its
// top-level groups, by the key of the group's first page: how a
// category is named in a language whose folder has its own toc.
func (imp *importer) groupTitles() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, l := range slices.Sorted(maps.Keys(imp.navs)) {
		out[l] = map[string]string{}
		for _, top := range imp.navs[l] {
			if len(top.kids) == 0 || top.title == "" {
				continue
			}
			first := ""
			walkNav([]*navNode{top}, func(n *navNode) {
				if first == "" && n.key != "" {
					first = n.key
				}
			})
			if first != "" {
				out[l][first] = top.title
			}
		}
	}
	return out
}
