package markdown

import (
	"cmp"
	"encoding/json"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"deskbook/internal/slug"

	"go.yaml.in/yaml/v3"
)

// layouter places the pages: categories, their order, output paths.
type layouter struct {
	imp    *importer
	placed map[string]bool      // page keys placed
	bySrc  map[string]*category // natural categories by source folder
	names  map[string]bool      // category folder names taken
}

// reserved are names a category or a page at the top of a language
// cannot have: deskbook's own pages of each language are there.
var reserved = map[string]bool{"search": true, "changelog": true, "print": true, "a": true, "assets": true, "e": true, "404.html": true}

// layout places every page. The navigation's top-level groups become
// categories, in its order: a group whose pages share one top folder
// keeps that folder, another gets a folder named after it. A top-level
// page in a folder joins that folder's category; one at the top stays
// outside categories. Pages the navigation leaves out follow, by their
// folders (the whole site, for dialects ordered by folders).
func (imp *importer) layout() error {
	l := &layouter{imp: imp, placed: map[string]bool{}, bySrc: map[string]*category{}, names: map[string]bool{}}
	for _, pg := range imp.pages {
		if top, _, ok := strings.Cut(pg.key, "/"); ok {
			l.names[imp.outPath(imp.segment(top))] = true // kept for natural categories
		}
	}
	for i, top := range imp.navTops {
		l.top(top, i+1)
	}
	var rest []string
	for _, k := range slices.Sorted(maps.Keys(imp.pages)) {
		if !l.placed[k] {
			rest = append(rest, k)
		}
	}
	if imp.navTops != nil {
		imp.rep.NotInNav = len(rest)
	}
	for _, n := range imp.folderNav(rest) {
		l.top(n, 0)
	}
	l.orderCategories()
	l.paths()
	return nil
}

// top places one top-level navigation entry and what is below it.
func (l *layouter) top(n *navNode, pos int) {
	if len(n.kids) == 0 {
		pg := l.take(n.key)
		if pg == nil {
			return
		}
		dir, _, ok := strings.Cut(pg.key, "/")
		if !ok {
			l.imp.rootPages = append(l.imp.rootPages, pg)
			return
		}
		c := l.natural(dir, pos)
		if n.title != "" && c.titles[l.imp.defLang] == "" && path.Dir(pg.key) == dir && l.imp.isIndex(pg.key) {
			c.titles[l.imp.defLang] = n.title // a folder of one page, its index
		}
		l.add(c, pg)
		return
	}
	var keys []string
	walkNav([]*navNode{n}, func(x *navNode) {
		if x.key != "" && l.imp.pages[x.key] != nil && !l.placed[x.key] && !slices.Contains(keys, x.key) {
			keys = append(keys, x.key)
		}
	})
	if len(keys) == 0 {
		return
	}
	c := l.groupCategory(n.title, keys, pos)
	if c.titles[l.imp.defLang] == "" && n.title != "" {
		c.titles[l.imp.defLang] = n.title
	}
	if n.key != "" && c.intro == nil && l.imp.pages[n.key] != nil && !l.placed[n.key] {
		c.intro = l.take(n.key)
	}
	for _, k := range keys {
		if pg := l.take(k); pg != nil {
			l.add(c, pg)
		}
	}
}

// groupCategory is the category of a navigation group's pages: the top
// folder they share (pages from the top of the source join it), or a
// new one named after the group when they come from several folders.
func (l *layouter) groupCategory(title string, keys []string, pos int) *category {
	tops := map[string]bool{}
	for _, k := range keys {
		if dir, _, ok := strings.Cut(k, "/"); ok {
			tops[dir] = true
		}
	}
	if len(tops) == 1 {
		for dir := range tops {
			return l.natural(dir, pos)
		}
	}
	return l.made(title, pos)
}

// take marks a page placed and returns it; nil when there is none or it
// was placed already (a page the navigation lists twice stays where it
// was listed first).
func (l *layouter) take(key string) *page {
	pg := l.imp.pages[key]
	if pg == nil || l.placed[key] {
		return nil
	}
	l.placed[key] = true
	return pg
}

// add puts a page in a category: as its introduction when it is the
// index page of the category's own folder and there is none yet.
func (l *layouter) add(c *category, pg *page) {
	pg.cat = c
	if c.intro == nil && c.src != "" && path.Dir(pg.key) == c.src && l.imp.isIndex(pg.key) {
		c.intro = pg
		return
	}
	c.pages = append(c.pages, pg)
}

// natural is the category of a top folder of the source, keeping its name.
func (l *layouter) natural(dir string, pos int) *category {
	if c := l.bySrc[dir]; c != nil {
		return c
	}
	name := l.imp.outPath(l.imp.segment(dir))
	if reserved[name] {
		name = l.unique(name)
	}
	c := &category{dir: name, src: dir, titles: map[string]string{}, order: pos}
	l.names[name] = true
	l.bySrc[dir] = c
	l.imp.cats = append(l.imp.cats, c)
	return c
}

// made is a new category for a navigation group whose pages come from
// several folders, in a folder named after the group.
func (l *layouter) made(title string, pos int) *category {
	name := slug.Make(slug.Transliterate(title, l.imp.defLang))
	if name == "" {
		name = "section"
	}
	name = l.unique(name)
	l.names[name] = true
	c := &category{dir: name, titles: map[string]string{}, order: pos}
	l.imp.cats = append(l.imp.cats, c)
	return c
}

// unique is name, or name-2, name-3…, whichever no category or
// deskbook page has.
func (l *layouter) unique(name string) string {
	if !l.names[name] && !reserved[name] {
		return name
	}
	for i := 2; ; i++ {
		if c := name + "-" + strconv.Itoa(i); !l.names[c] && !reserved[c] {
			return c
		}
	}
}

// orderCategories numbers the categories the navigation did not order
// after those it did, keeping the order they were placed in.
func (l *layouter) orderCategories() {
	last := 0
	for _, c := range l.imp.cats {
		last = max(last, c.order)
	}
	for _, c := range l.imp.cats {
		if c.order == 0 {
			last++
			c.order = last
		}
	}
	slices.SortStableFunc(l.imp.cats, func(a, b *category) int { return a.order - b.order })
	for i, pg := range l.imp.rootPages {
		pg.order = i + 1
	}
	for _, c := range l.imp.cats {
		for i, pg := range c.pages {
			pg.order = i + 1
		}
		if c.intro != nil {
			c.intro.cat, c.intro.intro = c, true
		}
	}
}

// segment is a file or folder name as the output has it: without the
// number Docusaurus orders by, which its URLs leave out too.
func (imp *importer) segment(name string) string {
	if imp.dialect == Docusaurus {
		return stripNumber(name)
	}
	return name
}

// plainSegment is a folder or file name that is fine in a URL as it is.
var plainSegment = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// outPath keeps a path as it is, except that names in other scripts or
// with spaces become Latin slugs (by the default language's table), so
// URLs survive e-mails and chat apps.
func (imp *importer) outPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if plainSegment.MatchString(s) {
			continue
		}
		if t := slug.Make(slug.Transliterate(s, imp.defLang)); t != "" {
			segs[i] = t
		} else {
			segs[i] = "page"
		}
	}
	return strings.Join(segs, "/")
}

// folderNav orders pages by their folders, as Docusaurus, Hugo and
// GitHub do: in each folder, by weight (sidebar_position, weight,
// _category_.json's position) and then by name; a folder's index page
// is the folder's own.
func (imp *importer) folderNav(keys []string) []*navNode {
	root := &dirTree{dirs: map[string]*dirTree{}}
	for _, k := range keys {
		t := root
		segs := strings.Split(k, "/")
		for _, s := range segs[:len(segs)-1] {
			if t.dirs[s] == nil {
				t.dirs[s] = &dirTree{dirs: map[string]*dirTree{}}
			}
			t = t.dirs[s]
		}
		t.files = append(t.files, k)
	}
	index, nodes := imp.dirNodes(root, "")
	if index != "" {
		nodes = append([]*navNode{{key: index}}, nodes...)
	}
	return nodes
}

// dirTree is the folders and files of a set of page keys.
type dirTree struct {
	files []string
	dirs  map[string]*dirTree
}

// weighted is an entry of a folder with its place.
type weighted struct {
	node   *navNode
	weight *float64
	name   string
}

// dirNodes are a folder's entries in order, and its index page.
func (imp *importer) dirNodes(t *dirTree, dir string) (index string, nodes []*navNode) {
	var items []weighted
	for _, k := range t.files {
		if imp.isIndex(k) && index == "" {
			index = k
			continue
		}
		items = append(items, weighted{&navNode{key: k}, imp.weightOf(k), path.Base(k)})
	}
	for name, sub := range t.dirs {
		d := path.Join(dir, name)
		idx, kids := imp.dirNodes(sub, d)
		label, pos := imp.categoryFile(d)
		if pos == nil && idx != "" {
			pos = imp.weightOf(idx)
		}
		if pos == nil {
			pos = imp.numberWeight(name)
		}
		items = append(items, weighted{&navNode{title: label, key: idx, kids: kids}, pos, name})
	}
	slices.SortFunc(items, func(a, b weighted) int {
		switch {
		case a.weight != nil && b.weight != nil && *a.weight != *b.weight:
			return cmp.Compare(*a.weight, *b.weight)
		case (a.weight == nil) != (b.weight == nil):
			if a.weight != nil {
				return -1
			}
			return 1
		}
		return strings.Compare(a.name, b.name)
	})
	for _, it := range items {
		if it.node.key != "" || len(it.node.kids) > 0 {
			nodes = append(nodes, it.node)
		}
	}
	return index, nodes
}

// weightOf is a page's place among its folder's entries, from its front
// matter in the default language (or any); for Docusaurus, else the
// number its file name starts with.
func (imp *importer) weightOf(key string) *float64 {
	pg := imp.pages[key]
	if pg == nil {
		return nil
	}
	for _, l := range append([]string{imp.defLang}, slices.Sorted(maps.Keys(pg.versions))...) {
		if v := pg.versions[l]; v != nil && v.meta.weight != nil {
			return v.meta.weight
		}
	}
	return imp.numberWeight(path.Base(key))
}

// numberWeight is the number before a Docusaurus file or folder name,
// "02-setup", which orders it when nothing else does.
func (imp *importer) numberWeight(name string) *float64 {
	if imp.dialect != Docusaurus || stripNumber(name) == name {
		return nil
	}
	n, err := strconv.ParseFloat(name[:len(name)-len(stripNumber(name))-1], 64)
	if err != nil {
		return nil
	}
	return &n
}

// categoryFile reads a Docusaurus _category_.json or _category_.yml in a
// folder of the docs root: its label and position.
func (imp *importer) categoryFile(dir string) (string, *float64) {
	if imp.dialect != Docusaurus {
		return "", nil
	}
	var c struct {
		Label    string   `json:"label" yaml:"label"`
		Position *float64 `json:"position" yaml:"position"`
	}
	for _, n := range []string{"_category_.json", "_category_.yml", "_category_.yaml"} {
		p := path.Join(imp.langRoot(imp.defLang), dir, n)
		data, err := fs.ReadFile(imp.src, p)
		if err != nil {
			continue
		}
		if n == "_category_.json" {
			err = json.Unmarshal(data, &c)
		} else {
			err = yaml.Unmarshal(data, &c)
		}
		if err != nil {
			imp.warnf(p, 0, "cannot read it (%v); the folder is ordered by name", err)
		}
		return c.Label, c.Position
	}
	return "", nil
}
