package zendesk

import (
	"cmp"
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"deskbook/internal/lang"
	"deskbook/internal/slug"
)

// folderInfo is a Zendesk section and the deskbook category it becomes.
type folderInfo struct {
	id     int64
	name   string            // folder name
	titles map[string]string // language → title
	descs  map[string]string // language → description
	order  int
}

// doc is an article in all its languages.
type doc struct {
	id       int64
	folder   *folderInfo
	file     string // file name, the same in every language
	position int    // its place in its section, kept as order:
	versions map[string]*version
}

// version is one language of an article.
type version struct {
	doc     *doc
	lang    string
	locale  string
	title   string
	body    string
	updated string // YYYY-MM-DD
	htmlURL string
	draft   bool
	labels  []string
	src     string // the export file it came from
	out     string // output path
	aliases []string

	anchors map[string]string // HTML id → deskbook heading anchor
	result  string            // Markdown body
}

// chooseLanguages maps every locale of the export to a language: its
// base language ("en-us" → "en") unless another locale shares it. The
// default language is the source locale most articles have.
func (imp *importer) chooseLanguages() {
	count, source := map[string]int{}, map[string]int{}
	for _, a := range imp.ex.articles {
		count[strings.ToLower(a.Locale)]++
		source[strings.ToLower(cmp.Or(a.SourceLocale, a.Locale))]++
	}
	for _, ts := range imp.ex.trans {
		for _, t := range ts {
			count[strings.ToLower(t.Locale)]++
		}
	}
	bases := map[string]int{}
	for l := range count {
		b, _, _ := strings.Cut(l, "-")
		bases[b]++
	}
	for _, l := range slices.Sorted(maps.Keys(count)) {
		code := l
		if b, _, _ := strings.Cut(l, "-"); bases[b] == 1 {
			code = b
		}
		if !lang.Valid(code) {
			imp.warnf("articles.json", "locale %q is not a language deskbook knows; its %d article versions are left out", l, count[l])
			continue
		}
		imp.langOf[l] = code
		imp.langs = append(imp.langs, code)
	}
	def := ""
	for _, l := range slices.Sorted(maps.Keys(source)) {
		if imp.langOf[l] != "" && (def == "" || source[l] > source[def]) {
			def = l
		}
	}
	if i := slices.Index(imp.langs, imp.langOf[def]); i > 0 {
		imp.langs = slices.Insert(slices.Delete(imp.langs, i, i+1), 0, imp.langOf[def])
	}
}

// plan decides the categories, the articles and their versions, and
// where each is written.
func (imp *importer) plan() {
	imp.planFolders()
	imp.collectVersions()
	imp.placeDocs()
}

// planFolders makes a deskbook category of every section, in the order
// of their categories' and their own positions. A section is titled
// "Category · Section" when the help centre has several categories, so
// that sections of the same name in two categories stay apart.
func (imp *importer) planFolders() {
	cats := map[int64]map[string]category{} // id → language → category
	for _, c := range imp.ex.categories {
		if l, ok := imp.langOf[strings.ToLower(c.Locale)]; ok || c.Locale == "" {
			if cats[c.ID] == nil {
				cats[c.ID] = map[string]category{}
			}
			cats[c.ID][cmp.Or(l, imp.langs[0])] = c
		}
	}
	secs := map[int64]map[string]section{}
	var order []section
	for _, s := range imp.ex.sections {
		l, ok := imp.langOf[strings.ToLower(s.Locale)]
		if !ok && s.Locale != "" {
			continue
		}
		if secs[s.ID] == nil {
			secs[s.ID] = map[string]section{}
			order = append(order, s)
		}
		secs[s.ID][cmp.Or(l, imp.langs[0])] = s
	}
	catPos := func(id int64) int {
		for _, c := range cats[id] {
			return c.Position
		}
		return 1 << 30
	}
	slices.SortStableFunc(order, func(a, b section) int {
		return cmp.Or(cmp.Compare(catPos(a.CategoryID), catPos(b.CategoryID)), cmp.Compare(a.CategoryID, b.CategoryID),
			cmp.Compare(a.Position, b.Position), cmp.Compare(a.ID, b.ID))
	})
	imp.rep.Categories = len(cats)
	used := map[string]bool{"a": true, "assets": true, "search": true, "changelog": true, "print": true}
	for i, s := range order {
		f := &folderInfo{id: s.ID, titles: map[string]string{}, descs: map[string]string{}, order: 10 * (i + 1)}
		for _, l := range imp.langs {
			sec, ok := pick(secs[s.ID], l, imp.langs[0])
			if !ok {
				continue
			}
			title := sec.Name
			if c, ok := pick(cats[s.CategoryID], l, imp.langs[0]); ok && len(cats) > 1 {
				title = c.Name + " · " + sec.Name
			} else if !ok && s.CategoryID != 0 {
				imp.warnf("sections.json", "section %d %q: its category %d is not in categories.json", s.ID, s.Name, s.CategoryID)
			}
			f.titles[l], f.descs[l] = title, strings.TrimSpace(sec.Description)
		}
		f.name = unique(cmp.Or(slug.Make(slug.Transliterate(s.Name, imp.langs[0])), "section"), strconv.FormatInt(s.ID, 10), used)
		imp.folders = append(imp.folders, f)
	}
	imp.rep.Sections = len(imp.folders)
}

// pick is the entry of a language, else of the default language, else any.
func pick[T any](m map[string]T, l, def string) (T, bool) {
	if v, ok := m[l]; ok {
		return v, true
	}
	if v, ok := m[def]; ok {
		return v, true
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		return m[k], true
	}
	var zero T
	return zero, false
}

// unique is name, or name-id when name is taken, and marks it taken.
func unique(name, id string, used map[string]bool) string {
	if used[name] {
		name += "-" + id
	}
	used[name] = true
	return name
}

// collectVersions gathers every article's versions: the entries of
// articles.json (an article may be listed once per locale) and of its
// translations file. An article whose section is not in the export is
// left out with a warning.
func (imp *importer) collectVersions() {
	secFolder := map[int64]*folderInfo{}
	for _, f := range imp.folders {
		secFolder[f.id] = f
	}
	for _, a := range imp.ex.articles {
		d := imp.byID[a.ID]
		if d == nil {
			f := secFolder[a.SectionID]
			if f == nil {
				imp.warnf(a.file, "article %d %q: its section %d is not in sections.json; the article is left out", a.ID, a.Title, a.SectionID)
				continue
			}
			d = &doc{id: a.ID, folder: f, position: a.Position, versions: map[string]*version{}}
			imp.byID[a.ID] = d
			imp.docs = append(imp.docs, d)
		}
		imp.addVersion(d, a.file, a.Locale, &version{title: a.Title, body: a.Body, updated: day(cmp.Or(a.EditedAt, a.UpdatedAt)),
			htmlURL: a.HTMLURL, draft: a.Draft, labels: a.LabelNames})
	}
	for _, id := range slices.Sorted(maps.Keys(imp.ex.trans)) {
		d, file := imp.byID[id], imp.ex.transFile[id]
		if d == nil {
			imp.warnf(file, "translations of article %d, which is not in articles.json (or was left out); skipped", id)
			continue
		}
		var labels []string
		for _, v := range d.versions {
			labels = v.labels
		}
		for _, t := range imp.ex.trans[id] {
			imp.addVersion(d, file, t.Locale, &version{title: t.Title, body: t.Body, updated: day(t.UpdatedAt),
				htmlURL: t.HTMLURL, draft: t.Draft, labels: labels})
		}
	}
}

// addVersion adds one locale of an article, unless its locale is not
// imported or the article has that language already.
func (imp *importer) addVersion(d *doc, file, locale string, v *version) {
	l, ok := imp.langOf[strings.ToLower(locale)]
	if !ok || d.versions[l] != nil {
		return
	}
	v.doc, v.lang, v.locale, v.src = d, l, locale, file
	if strings.TrimSpace(v.title) == "" {
		v.title = fmt.Sprintf("Article %d", d.id)
		imp.warnf(file, "article %d (%s) has no title; it is called %q", d.id, locale, v.title)
	}
	d.versions[l] = v
}

// day is the date part of an API time, 2026-01-04T10:00:00Z.
func day(t string) string {
	if len(t) >= 10 && t[4] == '-' && t[7] == '-' {
		return t[:10]
	}
	return ""
}

// placeDocs names every article's file after its title in the default
// language (else its first language), the same in every language, and
// gives each version its path and its old URLs as aliases.
func (imp *importer) placeDocs() {
	imp.docs = slices.DeleteFunc(imp.docs, func(d *doc) bool {
		if len(d.versions) == 0 { // only in locales not imported
			delete(imp.byID, d.id)
			return true
		}
		return false
	})
	used := map[*folderInfo]map[string]bool{}
	for _, d := range imp.docs {
		v, _ := pick(d.versions, imp.langs[0], imp.langs[0])
		if used[d.folder] == nil {
			used[d.folder] = map[string]bool{}
		}
		name := cmp.Or(slug.Make(slug.Transliterate(v.title, v.lang)), "article")
		d.file = unique(name, strconv.FormatInt(d.id, 10), used[d.folder]) + ".md"
		for _, l := range imp.langs {
			if v := d.versions[l]; v != nil {
				v.out = imp.langDir(l) + d.folder.name + "/" + d.file
				v.aliases = imp.oldURLs(v)
				imp.rep.Aliases += len(v.aliases)
			}
		}
	}
	imp.rep.Articles = len(imp.docs)
}

// langDir is the folder of a language: deskbook reads a site with one
// language from the top of its folder, and several from <lang>/.
func (imp *importer) langDir(code string) string {
	if len(imp.langs) == 1 {
		return ""
	}
	return code + "/"
}

// oldURLs are the URLs a version had in the help centre: its html_url
// (/hc/en-us/articles/360-Printing-orders) and the same without the
// slug (/hc/en-us/articles/360), which Zendesk also answers.
func (imp *importer) oldURLs(v *version) []string {
	idOnly := "/hc/" + strings.ToLower(v.locale) + "/articles/" + strconv.FormatInt(v.doc.id, 10)
	out := []string{}
	if p := urlPath(v.htmlURL); p != "" && p != idOnly {
		out = append(out, p)
	}
	return append(out, idOnly)
}

// urlPath is the path of an address, without a slash at the end.
func urlPath(s string) string {
	if s == "" {
		return ""
	}
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
		if j := strings.IndexByte(s, '/'); j >= 0 {
			s = s[j:]
		} else {
			return ""
		}
	}
	s, _, _ = strings.Cut(s, "?")
	s, _, _ = strings.Cut(s, "#")
	if p, err := url.PathUnescape(s); err == nil {
		s = p // deskbook escapes it again in _redirects
	}
	return path.Clean("/" + s)
}
