package markdown

import (
	"maps"
	"path"
	"slices"
	"strings"
)

// convertAll turns every page's body into deskbook's syntax with the
// converter, then every fragment the pages include, and theirs. A file
// that is included and that the navigation does not list is a fragment
// only, not a page as well.
func (imp *importer) convertAll() error {
	included := map[string]bool{}
	var queue []fragKey
	for _, k := range slices.Sorted(maps.Keys(imp.pages)) {
		for _, l := range slices.Sorted(maps.Keys(imp.pages[k].versions)) {
			v := imp.pages[k].versions[l]
			res := imp.convertBody(v.src, v.lang, v.body, v.bodyLine)
			v.conv = res.body
			v.includes = res.includes
			for _, inc := range res.includes {
				included[inc] = true
				queue = append(queue, fragKey{inc, v.lang})
			}
		}
	}
	for len(queue) > 0 {
		fk := queue[0]
		queue = queue[1:]
		if imp.frags[fk.String()] != nil {
			continue
		}
		fr := imp.readFragment(fk)
		imp.frags[fk.String()] = fr
		for _, inc := range fr.includes {
			queue = append(queue, fragKey{inc, fk.lang})
		}
	}
	imp.demote(included)
	return nil
}

// fragKey is a fragment in the language of the pages that include it.
type fragKey struct{ src, lang string }

func (k fragKey) String() string { return k.lang + "\x00" + k.src }

// converted is a body in deskbook's syntax and the source paths of the
// fragments it includes.
type converted struct {
	body     string
	includes []string // resolved paths in the source, each once
}

// convertBody converts one body. Problems become warnings at their file
// lines, counted per construct; includes are resolved against the file,
// and one that leaves the source folder or is missing is a warning and
// no include.
func (imp *importer) convertBody(file, code, body string, bodyLine int) (out converted) {
	defer func() {
		// A converter must never take the import down; the page keeps its text.
		if r := recover(); r != nil {
			imp.warnf(file, 0, "internal error while converting this page (%v); its text is kept as it was", r)
			out = converted{body: body}
		}
	}()
	res := imp.conv.Convert(imp.dialect, file, []byte(body), imp.titleOf(file, code))
	out.body = string(res.Body)
	for _, p := range res.Problems {
		line := 0
		if p.Line > 0 {
			line = bodyLine + p.Line - 1
		}
		imp.warnf(file, line, "%s", p.Msg)
		imp.constructs[p.Construct]++
	}
	for name, val := range res.Variables {
		imp.addVariable(file, code, name, val)
	}
	seen := map[string]bool{}
	for _, inc := range res.Includes {
		p, ok := imp.includePath(file, inc)
		if ok && !seen[p] {
			seen[p] = true
			out.includes = append(out.includes, p)
		}
	}
	return out
}

// includePath resolves an include against the file holding it.
func (imp *importer) includePath(file, inc string) (string, bool) {
	inc, _, _ = strings.Cut(inc, "#")
	p := path.Join(path.Dir(file), inc)
	switch {
	case p == ".." || strings.HasPrefix(p, "../") || path.IsAbs(inc):
		imp.warnf(file, 0, "the include %s is outside the source folder; left out", inc)
		return "", false
	case !imp.exists(p):
		imp.warnf(file, 0, "the include %s is missing; left out", inc)
		return "", false
	}
	return p, true
}

// readFragment reads and converts one included file.
func (imp *importer) readFragment(fk fragKey) *fragment {
	fr := &fragment{src: fk.src, lang: fk.lang}
	_, body, bodyLine, ok := imp.readFile(fk.src)
	if !ok {
		return fr
	}
	fr.body, fr.bodyLine = body, bodyLine
	res := imp.convertBody(fk.src, fk.lang, body, bodyLine)
	fr.conv, fr.includes = res.body, res.includes
	return fr
}

// demote removes from the pages the files that are only included: the
// navigation does not list them.
func (imp *importer) demote(included map[string]bool) {
	for p := range included {
		f := imp.byPath[p]
		if f == nil {
			continue
		}
		pg := imp.pages[f.key]
		if pg == nil || pg.inNav {
			continue
		}
		delete(pg.versions, f.lang)
		if len(pg.versions) == 0 {
			delete(imp.pages, f.key)
		}
	}
}

// titleOf is the titles function a converter gets for one file: the
// title of the page a link target names (relative to the file, or to the
// docs folder when it starts with /; with or without its ending, or a
// folder for its index page), in the file's language when the page has
// it. It also tells the converter whether the target is a page at all.
func (imp *importer) titleOf(file, code string) func(string) (string, bool) {
	return func(target string) (string, bool) {
		target, _, _ = strings.Cut(target, "#")
		base := path.Dir(file)
		if strings.HasPrefix(target, "/") {
			base = imp.site.root
		}
		pg := imp.pageAt(path.Join(base, target))
		if target == "" {
			pg = imp.pageAt(file)
		}
		if pg == nil {
			return "", false
		}
		for _, l := range []string{code, imp.defLang} {
			if v := pg.versions[l]; v != nil && v.title != "" {
				return v.title, true
			}
		}
		return fallbackTitle(pg), true
	}
}

// pageAt is the page at a path of the source: its file, the file with a
// Markdown ending, or a folder's index page; nil when there is none.
func (imp *importer) pageAt(p string) *page {
	cands := pageCandidates(p)
	for _, name := range []string{"index.md", "README.md", "_index.md"} {
		cands = append(cands, path.Join(p, name))
	}
	for _, c := range cands {
		if f := imp.byPath[c]; f != nil && imp.pages[f.key] != nil {
			return imp.pages[f.key]
		}
	}
	return nil
}

// addVariable records a variable's value in a language; a second,
// different value is a warning and the first is kept.
func (imp *importer) addVariable(file, code, name, val string) {
	byLang := imp.vars[name]
	if byLang == nil {
		byLang = map[string]string{}
		imp.vars[name] = byLang
	}
	if old, ok := byLang[code]; ok && old != val {
		imp.warnf(file, 0, "variable %s is %q here but %q elsewhere; site.yaml keeps %q", name, val, old, old)
		return
	}
	byLang[code] = val
}

// fragmentOut is where a fragment goes: below its language folder, in
// _includes/ unless a folder of its path already starts with _, so that
// deskbook never publishes it as a page.
func (imp *importer) fragmentOut(fr *fragment) string {
	rel := fr.src
	if root := imp.langRoot(fr.lang); root != "." {
		rel = strings.TrimPrefix(rel, root+"/")
	}
	if f := imp.byPath[fr.src]; f != nil {
		rel = f.key
	}
	if !isFragment(rel) {
		rel = "_includes/" + rel
	}
	return imp.langDir(fr.lang) + imp.outPath(strings.TrimSuffix(rel, path.Ext(rel))) + ".md"
}
