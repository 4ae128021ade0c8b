package markdown

import (
	"path"
	"strconv"
	"strings"

	"deskbook/internal/slug"
)

// paths gives every page its output path below the language folder.
// Every page keeps its own URL: one that a category, deskbook's own
// pages or another page has (also when only the case of letters
// differs, which macOS and Windows do not tell apart) gets another.
func (l *layouter) paths() {
	imp := l.imp
	urls := map[string]bool{}
	for _, c := range imp.cats {
		urls[strings.ToLower(c.dir)] = true
	}
	for r := range reserved {
		urls[r] = true
	}
	var roots []*page
	for _, pg := range imp.rootPages {
		stem := imp.outStem(pg.key)
		if imp.isIndex(pg.key) {
			stem = imp.pageSlug(pg)
		}
		// docs/guide.md beside docs/guide/ introduces that category.
		if c := l.catNamed(stem); c != nil && c.intro == nil {
			c.intro, pg.cat, pg.intro, pg.order = pg, c, true, 0
			continue
		}
		pg.out = claim(urls, stem, false)
		roots = append(roots, pg)
	}
	imp.rootPages = roots
	for _, c := range imp.cats {
		if c.intro != nil {
			c.intro.out = c.dir + "/index.md"
			c.intro.cat, c.intro.intro = c, true
		}
		for _, pg := range c.pages {
			rel := pg.key
			if c.src != "" {
				rel = strings.TrimPrefix(pg.key, c.src+"/")
			}
			stem := c.dir + "/" + imp.outStem(rel)
			index := imp.isIndex(pg.key)
			if index {
				stem = path.Dir(stem)
				if stem == c.dir {
					stem, index = c.dir+"/"+imp.pageSlug(pg), false
				}
			}
			pg.out = claim(urls, stem, index)
		}
	}
}

// catNamed is the category with the folder name dir, or nil.
func (l *layouter) catNamed(dir string) *category {
	for _, c := range l.imp.cats {
		if strings.EqualFold(c.dir, dir) {
			return c
		}
	}
	return nil
}

// outStem is a key as an output path without its ending: names without
// Docusaurus's numbers, in Latin letters.
func (imp *importer) outStem(key string) string {
	segs := strings.Split(strings.TrimSuffix(key, path.Ext(key)), "/")
	for i, s := range segs {
		segs[i] = imp.segment(s)
	}
	return imp.outPath(strings.Join(segs, "/"))
}

// pageSlug names the file of a folder's index page that cannot be its
// folder's page: after its title, else "overview".
func (imp *importer) pageSlug(pg *page) string {
	for _, l := range imp.langs {
		if v := pg.versions[l]; v != nil {
			if s := slug.Make(slug.Transliterate(v.title, l)); s != "" && !reserved[s] {
				return s
			}
		}
	}
	return "overview"
}

// claim takes the URL stem (a folder's page when index) for a page and
// returns its file path; a URL taken already gets a number.
func claim(urls map[string]bool, stem string, index bool) string {
	for i := 1; ; i++ {
		u := stem
		if i > 1 {
			u = stem + "-" + strconv.Itoa(i)
		}
		if urls[strings.ToLower(u)] {
			continue
		}
		urls[strings.ToLower(u)] = true
		if index {
			return u + "/index.md"
		}
		return u + ".md"
	}
}
