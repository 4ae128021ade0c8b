package builder

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"deskbook/internal/diag"
	"deskbook/internal/spill"
)

// The engine's picture of the source folder: every entry a walk would
// visit, kept in walk order, brought up to date path by path; and the
// site assembled again from what it holds.

// walk adds the entries at and below p (a folder) as a walk of the whole
// source folder would see them, and returns the files it added.
func (e *Live) walk(p string) []string {
	var files []string
	err := fs.WalkDir(e.cfg.Source, p, func(q string, de fs.DirEntry, err error) error {
		if err != nil {
			if q != p || !errors.Is(err, fs.ErrNotExist) {
				e.add(q, &entry{diags: []diag.Diagnostic{{Path: join(e.cfg.SourceName, q), Severity: diag.Error, Msg: fmt.Sprintf("cannot read: %v", err)}}})
			}
			return nil
		}
		if q == "." {
			return nil
		}
		d := &diag.Collector{}
		k := classify(e.cfg.Source, &e.conf, e.cfg.SourceName, q, de.Type(), d)
		e.add(q, &entry{dir: de.IsDir(), kind: k, diags: d.List()})
		if de.IsDir() && k == entrySkip {
			return fs.SkipDir
		}
		if !de.IsDir() {
			files = append(files, q)
		}
		return nil
	})
	if err != nil && p == "." {
		e.add(".", &entry{diags: []diag.Diagnostic{{Path: e.cfg.SourceName, Severity: diag.Error, Msg: fmt.Sprintf("cannot read source folder: %v", err)}}})
	}
	return files
}

// add puts an entry in its place in walk order, replacing what was there.
func (e *Live) add(p string, en *entry) {
	if old, ok := e.entries[p]; ok {
		if old.kind == entryAsset {
			en.rev = old.rev
		}
		e.entries[p] = en
		return
	}
	e.entries[p] = en
	i, _ := slices.BinarySearchFunc(e.order, p, walkCmp)
	e.order = slices.Insert(e.order, i, p)
}

// remove drops p and everything below it.
func (e *Live) remove(p string) {
	i, _ := slices.BinarySearchFunc(e.order, p, walkCmp)
	j := i
	for j < len(e.order) && (e.order[j] == p || strings.HasPrefix(e.order[j], p+"/")) {
		delete(e.entries, e.order[j])
		j++
	}
	e.order = slices.Delete(e.order, i, j)
}

// walkCmp orders paths as fs.WalkDir visits them: by name within a
// folder, a folder right before what it holds.
func walkCmp(a, b string) int {
	for i := range min(len(a), len(b)) {
		if x, y := a[i], b[i]; x != y {
			if x == '/' {
				x = 0
			}
			if y == '/' {
				y = 0
			}
			return cmp.Compare(x, y)
		}
	}
	return cmp.Compare(len(a), len(b))
}

// applyPaths brings the entries up to date with paths that may have
// changed. It returns the articles to load again, and whether the set of
// articles, assets or categories changed (which changes the structure).
func (e *Live) applyPaths(paths []string) (reload []string, moved bool) {
	changed := map[string]bool{}
	clean := e.cleanPaths(paths)
	for _, p := range clean {
		if !e.hidden(p) && e.applyPath(p, changed) {
			moved = true
		}
	}
	e.includers(clean, changed)
	for p := range changed {
		en := e.entries[p]
		if en == nil {
			continue
		}
		switch en.kind {
		case entryArticle:
			reload = append(reload, p)
		case entryAsset:
			// The asset's page is listed with its revision.
			e.rev++
			en.rev, en.pic = e.rev, nil
			moved = true
		case entryCategory:
			moved = true
		}
	}
	slices.SortFunc(reload, walkCmp)
	return reload, moved
}

// includers marks to load again the articles that include a fragment at
// or below a changed path (or tried to: it may have come).
func (e *Live) includers(paths []string, changed map[string]bool) {
	for _, a := range e.site.Articles {
		if slices.ContainsFunc(a.includes, func(f string) bool {
			return slices.ContainsFunc(paths, func(p string) bool { return f == p || strings.HasPrefix(f, p+"/") })
		}) {
			changed[a.Path] = true
		}
	}
}

// cleanPaths makes changed paths source-relative, drops those outside the
// source, and sorts them in walk order. A path below a folder this session
// does not know yet (its own event may have been missed) is replaced by
// the highest unknown folder.
func (e *Live) cleanPaths(paths []string) []string {
	clean := make([]string, 0, len(paths))
	for _, p := range paths {
		p = path.Clean(strings.TrimPrefix(p, "/"))
		if p == "." || p == ".." || strings.HasPrefix(p, "../") {
			continue
		}
		for q := path.Dir(p); q != "."; q = path.Dir(q) {
			if _, ok := e.entries[q]; !ok {
				p = q
			}
		}
		clean = append(clean, p)
	}
	slices.SortFunc(clean, walkCmp)
	return slices.Compact(clean)
}

// applyPath brings the entry at p (and below it) up to date, marking the
// files to load in changed. It reports whether an article, asset or
// category came, went or changed kind.
func (e *Live) applyPath(p string, changed map[string]bool) (moved bool) {
	relevant := func(k entryKind) bool { return k == entryArticle || k == entryAsset || k == entryCategory }
	fi, err := lstat(e.cfg.Source, p)
	old := e.entries[p]
	if old != nil && (err != nil || old.dir || fi.IsDir()) {
		// Gone, or a folder changed: drop what was known below it.
		for _, q := range e.order {
			if (q == p || strings.HasPrefix(q, p+"/")) && relevant(e.entries[q].kind) {
				moved = true
			}
		}
		e.remove(p)
		old = nil
	}
	if err != nil {
		return moved
	}
	if fi.IsDir() {
		// Its files are new entries: loading them marks the change.
		for _, q := range e.walk(p) {
			changed[q] = true
		}
		return moved
	}
	d := &diag.Collector{}
	k := classify(e.cfg.Source, &e.conf, e.cfg.SourceName, p, fi.Mode().Type(), d)
	if old == nil || old.kind != k {
		moved = moved || relevant(k) || (old != nil && relevant(old.kind))
		e.add(p, &entry{kind: k, diags: d.List()})
	}
	changed[p] = true
	return moved
}

// hidden reports whether p lies in a folder a walk does not look into.
func (e *Live) hidden(p string) bool {
	for q := path.Dir(p); q != "."; q = path.Dir(q) {
		if en := e.entries[q]; en != nil && en.kind == entrySkip {
			return true
		}
	}
	return false
}

// lstat describes p without following a symbolic link, as a walk does.
func lstat(fsys fs.FS, p string) (fs.FileInfo, error) {
	if l, ok := fsys.(fs.ReadLinkFS); ok {
		return l.Lstat(p)
	}
	return fs.Stat(fsys, p)
}

// orderKey hashes what ordering a category and listing its pages read of
// an article (beyond structKey): when only these change, the changed
// articles' categories are sorted again and the page list made again.
func (e *Live) orderKey(a *Article) stamp {
	f := newFingerprint(nil)
	f.str(a.Meta.Title)
	f.str(a.Meta.Summary) // pages capture it when listed (View.Description)
	f.num(uint64(a.Meta.Date.UnixNano()))
	if o := a.Meta.Order; o != nil {
		f.num(1 + uint64(int64(*o)))
	}
	return f.sum()
}

// structKey hashes what assembling and arranging the site read of an
// article, but for its order: while no article's key changes and none
// comes or goes, the categories, translations and related articles stand.
func (e *Live) structKey(a *Article) stamp {
	f := newFingerprint(nil)
	f.str(a.Path)
	f.str(a.URL)
	f.str(a.Lang)
	f.str(a.rel)
	f.str(string(a.Meta.Kind))
	f.num(uint64(a.Meta.ID))
	f.num(uint64(a.line("id")))
	f.num(uint64(a.line("kind")))
	if a.Meta.Draft {
		f.num(1)
	} else {
		f.num(0)
	}
	f.num(uint64(len(a.Meta.Tags)))
	for _, t := range a.Meta.Tags {
		f.str(t)
	}
	f.num(uint64(len(a.Meta.Aliases))) // aliases are pages of their own
	for _, al := range a.Meta.Aliases {
		f.str(al)
	}
	f.num(uint64(a.line("aliases")))
	f.str(strings.Join(a.Meta.Errors, "\n")) // error codes are pages of their own too
	f.num(uint64(a.line("errors")))
	return f.sum()
}

// copyLoaded makes a fresh, unparsed article from a loaded one.
func (e *Live) copyLoaded(en *entry) *Article {
	a := *en.loaded
	e.rev++
	a.rev = e.rev
	setKeys(&a)
	return &a
}

// assemble makes the site again from the loaded articles: the reloaded
// ones as fresh copies, the others as they were parsed, unless a name
// their links looked up now finds something else. It returns the
// articles to parse.
func (e *Live) assemble(reload []string) []*Article {
	again := make(map[string]bool, len(reload))
	for _, p := range reload {
		again[p] = true
	}
	var src sourceSet
	for _, p := range e.order {
		en := e.entries[p]
		src.add(e.cfg.Source, &e.conf, p, en.kind)
		if en.kind == entryAsset {
			as := &src.assets[len(src.assets)-1]
			en.pic = cmp.Or(en.pic, as.pic) // read once until the file changes
			as.rev, as.pic = en.rev, en.pic
		}
	}
	arts := make([]*Article, len(src.articles))
	var fresh []*Article
	for i, p := range src.articles {
		en := e.entries[p]
		switch {
		case en.loaded == nil:
			en.art = nil
		case again[p] || en.art == nil:
			en.art = e.copyLoaded(en)
			fresh = append(fresh, en.art)
		}
		if a := en.art; a != nil {
			a.Category, a.Prev, a.Next, a.Related, a.Translations = nil, nil, nil, nil, nil
		}
		arts[i] = en.art
	}
	d := &diag.Collector{}
	e.site = assemble(e.cfg.Source, e.cfg.SourceName, e.conf, &src, arts, e.cfg.Drafts, d)
	e.structDiag = d.List()
	isFresh := make(map[*Article]bool, len(fresh))
	for _, a := range fresh {
		isFresh[a] = true
	}
	var parse []*Article
	for _, a := range e.site.parsed {
		if isFresh[a] {
			parse = append(parse, a)
		} else if a.Category != nil && a.Category.Intro == a || !e.site.stillHolds(a) { // introductions are read afresh with their categories
			a.body, a.Headings, a.links, a.sections, a.lookups, a.images, a.insecure = spill.Text{}, nil, nil, nil, nil, nil, nil
			e.rev++
			a.rev = e.rev
			parse = append(parse, a)
		}
	}
	return parse
}

// replace parses changed articles into their places in a site whose
// structure stands: the article object stays (other articles point to
// it), its contents are the new ones.
func (e *Live) replace(reload []string) []*Article {
	var out []*Article
	for _, p := range reload {
		en := e.entries[p]
		a := en.art
		if a == nil || e.site.byPath[p] != a {
			// A draft, or an article that lost a URL collision: not in the
			// site, so it is copied afresh when the site is next assembled.
			en.art = nil
			continue
		}
		c, prev, next, rel, tr := a.Category, a.Prev, a.Next, a.Related, a.Translations
		*a = *e.copyLoaded(en)
		a.Category, a.Prev, a.Next, a.Related, a.Translations = c, prev, next, rel, tr
		out = append(out, a)
	}
	return out
}

// reorder sorts again the categories that list changed articles, and
// has the page list made again.
func (e *Live) reorder(changed []*Article) {
	is := make(map[*Article]bool, len(changed))
	for _, a := range changed {
		is[a] = true
	}
	if e.cols == nil {
		e.cols = collators(e.conf.Languages)
	}
	cols := e.cols
	for _, c := range e.site.Categories {
		if slices.ContainsFunc(c.Articles, func(a *Article) bool { return is[a] }) ||
			slices.ContainsFunc(c.Fallbacks, func(a *Article) bool { return is[a] }) {
			orderCategory(c, cols[c.Lang])
		}
	}
	e.jobs = nil
}
