package zola

import (
	"cmp"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"deskbook/internal/slug"
)

// place decides every output path. A page keeps its Zola path; a
// top-level page has no category, so it becomes <name>.md, or
// <name>/<name>.md when other pages sit below it (its folder is then a
// category whose URL it must not take).
func (imp *importer) place() {
	for k := range imp.pages {
		if first, _, ok := strings.Cut(k, "/"); ok {
			imp.cats[first] = true
		}
	}
	taken := map[string]string{} // language + URL → source path
	for _, k := range slices.Sorted(maps.Keys(imp.pages)) {
		pg := imp.pages[k]
		mk := imp.outPath(k)
		switch {
		case !strings.Contains(k, "/") && imp.cats[k]:
			pg.out = mk + "/" + mk + ".md"
		case pg.bundle && strings.Contains(k, "/"):
			pg.out = mk + "/index.md"
		default:
			pg.out = mk + ".md"
		}
		url := strings.TrimSuffix(strings.TrimSuffix(pg.out, ".md"), "/index")
		for _, l := range imp.langs {
			v := pg.versions[l]
			if v == nil {
				continue
			}
			if prev, ok := taken[l+"/"+url]; ok {
				imp.warnf(v.src, 0, "skipped: it would have the same URL /%s/%s/ as %s", l, url, prev)
				delete(pg.versions, l)
				continue
			}
			taken[l+"/"+url] = v.src
			v.out = imp.langDir(l) + pg.out
			imp.versions = append(imp.versions, v)
			imp.addURLs(v)
		}
	}
	slices.SortFunc(imp.versions, func(a, b *version) int { return cmp.Compare(a.out, b.out) })
}

// addURLs remembers the URLs Zola gave a page, so that site-absolute
// links to them can become links by id.
func (imp *importer) addURLs(v *version) {
	pg := v.page
	add := func(u string) {
		u = strings.Trim(u, "/")
		if _, ok := imp.urls[u]; !ok && u != "" {
			imp.urls[u] = pg.id
		}
	}
	add(pg.key)
	add(v.lang + "/" + pg.key)
	if v.meta.slug != "" {
		u := path.Join(path.Dir(pg.key), v.meta.slug)
		add(u)
		add(v.lang + "/" + u)
	}
	if v.meta.path != "" {
		add(v.meta.path)
	}
}

// plainSegment is a folder or file name that is fine in a URL as it is.
var plainSegment = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// outPath keeps a path as it is, except that folder and file names in
// other scripts or with spaces are transliterated into Latin slugs (by the
// default language's table), so URLs survive e-mails and chat apps.
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

// langDir is the folder of a language: deskbook reads a site with one
// language from the top of its folder, and several from <lang>/.
func (imp *importer) langDir(code string) string {
	if len(imp.langs) == 1 {
		return ""
	}
	return code + "/"
}

// assetOut is where a file of the source is copied for a language.
func (imp *importer) assetOut(code, p string) string {
	return imp.langDir(code) + path.Join(imp.outPath(path.Dir(p)), path.Base(p))
}
