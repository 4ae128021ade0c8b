package zola

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
)

// mdFile is a Markdown file of the source and its name's parts.
type mdFile struct{ path, stem, lang string }

// scan lists the source: pages by key and language, top-level sections,
// and the other files with the page bundle each belongs to.
func (imp *importer) scan() error {
	mds, err := imp.walk()
	if err != nil {
		return err
	}
	imp.chooseLanguages(mds)
	skipped := map[string]int{}
	bundleDirs, sectionDirs := map[string]bool{}, map[string]bool{}
	for _, f := range mds {
		dir := path.Dir(f.path)
		switch f.stem {
		case "_index":
			sectionDirs[dir] = true
		case "index":
			bundleDirs[dir] = true
		}
		if !imp.keep[f.lang] {
			skipped[f.lang]++
			continue
		}
		imp.addMarkdown(f, dir)
	}
	for _, l := range slices.Sorted(maps.Keys(skipped)) {
		imp.rep.Skipped = append(imp.rep.Skipped, Count{l, skipped[l]})
	}
	imp.findOwners(bundleDirs, sectionDirs)
	return nil
}

// walk lists the Markdown files of the source with their languages, and
// notes every other file. Hidden files and folders are left out, and so
// are symbolic links, which could reach outside the source folder.
func (imp *importer) walk() ([]mdFile, error) {
	var paths []string
	err := fs.WalkDir(imp.src, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return fmt.Errorf("reading the source folder: %w", err)
			}
			imp.warnf(p, 0, "skipped: cannot read: %v", err)
			return nil
		}
		name := e.Name()
		if p != "." && strings.HasPrefix(name, ".") {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() || !e.Type().IsRegular() {
			return nil
		}
		if !strings.HasSuffix(name, ".md") {
			imp.files[p] = true
			return nil
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !imp.cfg.found {
		imp.guessLanguages(fileNames(paths))
	}
	mds := make([]mdFile, 0, len(paths))
	for _, p := range paths {
		stem, code := imp.splitName(path.Base(p))
		if code == "" {
			code = imp.srcLang
		}
		mds = append(mds, mdFile{p, stem, code})
	}
	return mds, nil
}

// chooseLanguages imports every language found, the default one first,
// unless the caller listed the languages.
func (imp *importer) chooseLanguages(mds []mdFile) {
	if imp.explicit {
		return
	}
	for _, f := range mds {
		if f.lang != imp.defLang && !slices.Contains(imp.langs, f.lang) {
			imp.langs = append(imp.langs, f.lang)
		}
	}
	slices.Sort(imp.langs)
	imp.langs = slices.Insert(imp.langs, 0, imp.defLang)
	for _, l := range imp.langs {
		imp.keep[l] = true
	}
}

// addMarkdown files a Markdown file in an imported language as a section
// or as one language of a page, or says why it is left out.
func (imp *importer) addMarkdown(f mdFile, dir string) {
	switch {
	case f.stem == "_index":
		imp.rep.Sections++
		if old, ok := imp.sectionSrc[dir]; !ok || (f.lang == imp.srcLang && old != f.path) {
			imp.sectionSrc[dir] = f.path // the default language's, where there is one, says how it sorts
		}
		if dir != "." && !strings.Contains(dir, "/") {
			if imp.sections[dir] == nil {
				imp.sections[dir] = map[string]*section{}
			}
			imp.sections[dir][f.lang] = &section{path: f.path}
		}
	case f.stem == "index" && dir == ".":
		imp.warnf(f.path, 0, "skipped: a page at the top of the content folder would be the home page")
	case strings.HasPrefix(f.stem, "_"):
		imp.warnf(f.path, 0, "skipped: deskbook does not read Markdown files whose names start with _")
	default:
		imp.addPage(f, dir)
	}
}

// addPage files one language of a page, by the page's key: its path
// without /index.md or .md.
func (imp *importer) addPage(f mdFile, dir string) {
	key, bundle := path.Join(dir, f.stem), false
	if f.stem == "index" {
		key, bundle = dir, true
	}
	pg := imp.pages[key]
	if pg == nil {
		pg = &page{key: key, bundle: bundle, files: map[string]string{}, versions: map[string]*version{}}
		imp.pages[key] = pg
	}
	if pg.bundle != bundle {
		// a/b.md beside a/b/index.md, which Zola refuses too: keep the bundle.
		if !bundle {
			imp.warnf(f.path, 0, "skipped: %s/index.md is the same page", key)
			return
		}
		for _, old := range pg.files {
			imp.warnf(old, 0, "skipped: %s/index.md is the same page", key)
		}
		pg.files, pg.bundle = map[string]string{}, true
	}
	pg.files[f.lang] = f.path
}

// findOwners gives each file that is not Markdown the page bundle it
// belongs to: the nearest folder above it that is a bundle, unless a
// section comes first. Only bundle files travel with every translation.
func (imp *importer) findOwners(bundleDirs, sectionDirs map[string]bool) {
	for p := range imp.files {
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if bundleDirs[d] {
				imp.owner[p] = d
				break
			}
			if sectionDirs[d] {
				break
			}
		}
	}
}
