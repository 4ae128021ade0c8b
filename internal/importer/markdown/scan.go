package markdown

import (
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// mdExts are the endings of Markdown files; .mdx is Docusaurus's.
var mdExts = []string{".md", ".markdown", ".mdx"}

// isMarkdown tells a Markdown file by its name.
func isMarkdown(name string) bool {
	return slices.Contains(mdExts, strings.ToLower(path.Ext(name)))
}

// shortCodeRE is the shape of a language code in a folder or file name:
// two letters, and a region or script ("uk", "pt-BR", "zh-Hans").
var shortCodeRE = regexp.MustCompile(`^[a-z]{2}(-[a-z0-9]{2,8})?$`)

// knownCode tells whether s names a language (in any case): two letters
// of ISO 639-1 that have a name, and a real region or script after a
// hyphen. "io-incident", "js" and "v2" are not languages.
func knownCode(s string) bool {
	s = strings.ToLower(s)
	if !shortCodeRE.MatchString(s) {
		return false
	}
	b, rest, _ := strings.Cut(s, "-")
	base, err := language.ParseBase(b)
	if err != nil || display.English.Languages().Name(language.Make(base.String())) == "" {
		return false
	}
	if rest == "" {
		return true
	}
	if _, err := language.ParseRegion(rest); err == nil {
		return true
	}
	_, err = language.ParseScript(rest)
	return err == nil
}

// rawFile is a Markdown file found by the walk, before languages are known.
type rawFile struct {
	path string
	rel  string // below the docs root, or below a Docusaurus translation's root
	lang string // from a Docusaurus translation folder, else ""
}

// scan lists the source: its Markdown files by language and key, and
// every other file.
func (imp *importer) scan() error {
	root := imp.site.root
	if imp.site.outside != "" {
		return fmt.Errorf("%s: the docs are in %s, outside the folder given: import the folder that holds both", imp.shown(imp.site.project), imp.site.outside)
	}
	if fi, err := fs.Stat(imp.src, root); err != nil || !fi.IsDir() {
		return fmt.Errorf("%s: the %s docs folder %s is missing", imp.shown(root), imp.dialect, imp.shown(root))
	}
	raws, err := imp.walk(root, "")
	if err != nil {
		return err
	}
	raws = append(raws, imp.walkTranslations()...)
	if imp.site.static != "" && imp.exists(imp.site.static) {
		if _, err := imp.walk(imp.site.static, ""); err != nil {
			return err
		}
	}
	if len(raws) == 0 {
		return fmt.Errorf("%s: no Markdown files (.md, .markdown, .mdx) to import", imp.shown(root))
	}
	folders := imp.languageFolders(raws)
	for f := range folders {
		imp.langDirs[strings.ToLower(f)] = path.Join(root, f)
	}
	codes := imp.suffixCodes(raws, folders)
	imp.chooseLanguages(raws, folders, codes)
	imp.file(raws, folders, codes)
	if len(imp.files) == 0 {
		return fmt.Errorf("%s: no Markdown files in the languages to import (%s)", imp.shown(root), strings.Join(imp.langs, ", "))
	}
	return nil
}

// walk lists the Markdown files below dir, and notes every other file.
// Hidden files and folders, node_modules and symbolic links (which could
// reach outside the source) are left out.
func (imp *importer) walk(dir, code string) ([]rawFile, error) {
	var raws []rawFile
	err := fs.WalkDir(imp.src, dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return fmt.Errorf("%s: cannot read: %w", imp.shown(dir), err)
			}
			imp.warnf(p, 0, "skipped: cannot read: %v", err)
			return nil
		}
		name := e.Name()
		if p != dir && (strings.HasPrefix(name, ".") || name == "node_modules") {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() || !e.Type().IsRegular() {
			return nil
		}
		if !isMarkdown(name) {
			imp.assets[p] = true
			return nil
		}
		rel := strings.TrimPrefix(p, dir+"/")
		if dir == "." {
			rel = p
		}
		raws = append(raws, rawFile{path: p, rel: rel, lang: code})
		return nil
	})
	return raws, err
}

// walkTranslations lists Docusaurus's translated docs,
// i18n/<locale>/docusaurus-plugin-content-docs/current/.
func (imp *importer) walkTranslations() []rawFile {
	if imp.dialect != Docusaurus {
		return nil
	}
	i18n := path.Join(imp.site.project, "i18n")
	entries, _ := fs.ReadDir(imp.src, i18n)
	var raws []rawFile
	for _, e := range entries {
		dir := path.Join(i18n, e.Name(), "docusaurus-plugin-content-docs/current")
		if fi, err := fs.Stat(imp.src, dir); err != nil || !fi.IsDir() {
			continue
		}
		found, err := imp.walk(dir, strings.ToLower(e.Name()))
		if err != nil {
			imp.warnf(dir, 0, "skipped: %v", err)
			continue
		}
		imp.langDirs[strings.ToLower(e.Name())] = dir
		raws = append(raws, found...)
	}
	return raws
}

// languageFolders finds the top folders of the docs root that are
// languages: with --lang, those it lists; otherwise folders named by a
// known language code, when there are two of them or all Markdown
// files are in them.
func (imp *importer) languageFolders(raws []rawFile) map[string]bool {
	tops := map[string]int{} // top folder → Markdown files in it ("" for none)
	for _, r := range raws {
		if r.lang != "" {
			continue
		}
		top, _, ok := strings.Cut(r.rel, "/")
		if !ok {
			top = ""
		}
		tops[top]++
	}
	langs, others := map[string]bool{}, 0
	for top := range tops {
		switch {
		case top == "":
			others++
		case imp.explicit && imp.listed[strings.ToLower(top)], !imp.explicit && knownCode(top):
			langs[top] = true
		default:
			others++
		}
	}
	if !imp.explicit && len(langs) < 2 && others > 0 {
		return map[string]bool{}
	}
	return langs
}

// splitSuffix splits "page.ru.md" into ("page.md", "ru"); a name without
// a dot before its ending has no suffix.
func splitSuffix(name string) (base, suffix string) {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	i := strings.LastIndexByte(stem, '.')
	if i <= 0 {
		return name, ""
	}
	return stem[:i] + ext, stem[i+1:]
}

// suffixCodes decides which file-name suffixes are languages. With
// --lang, a listed code is one; a known code is also recognised (so its
// files are reported as left out, not imported as pages named
// "page.fr"). Without --lang, a known code is one when some file with it
// has a sibling of the same name without it, or in another language, or
// when the generator's settings list it. Any other dot is part of a
// name: Update-on-crates.io-incident.md is a page.
func (imp *importer) suffixCodes(raws []rawFile, folders map[string]bool) map[string]bool {
	names := map[string]bool{}
	variants := map[string]int{} // a name without its suffix → files with a known-code suffix
	for _, r := range raws {
		rel := imp.stripFolder(r, folders)
		names[rel] = true
		if base, suf := splitSuffix(path.Base(rel)); suf != "" && knownCode(suf) {
			variants[path.Join(path.Dir(rel), base)]++
		}
	}
	codes := map[string]bool{}
	for _, c := range imp.site.langs {
		codes[c] = true
	}
	for c := range imp.listed {
		codes[c] = true
	}
	for _, r := range raws {
		rel := imp.stripFolder(r, folders)
		base, suf := splitSuffix(path.Base(rel))
		if suf == "" || !knownCode(suf) {
			continue
		}
		if sib := path.Join(path.Dir(rel), base); names[sib] || variants[sib] > 1 {
			codes[strings.ToLower(suf)] = true
		}
	}
	return codes
}

// stripFolder is a file's path below its language folder, if it is in one.
func (imp *importer) stripFolder(r rawFile, folders map[string]bool) string {
	if r.lang != "" {
		return r.rel
	}
	if top, rest, ok := strings.Cut(r.rel, "/"); ok && folders[top] {
		return rest
	}
	return r.rel
}

// langOf is a file's language and key: from its Docusaurus translation
// folder, its language folder or its name's suffix, else "" (the
// default language).
func (imp *importer) langOf(r rawFile, folders, codes map[string]bool) (code, key string) {
	code, key = r.lang, r.rel
	if top, rest, ok := strings.Cut(r.rel, "/"); ok && r.lang == "" && folders[top] {
		code, key = strings.ToLower(top), rest
	}
	if base, suf := splitSuffix(path.Base(key)); suf != "" && codes[strings.ToLower(suf)] && knownCode(suf) {
		code, key = strings.ToLower(suf), path.Join(path.Dir(key), base)
	}
	return code, key
}

// chooseLanguages imports every language found, the default first,
// unless the caller listed them. The default is the generator's, else
// English when there is English or a file without a language, else the
// first found.
func (imp *importer) chooseLanguages(raws []rawFile, folders, codes map[string]bool) {
	if imp.explicit {
		imp.defLang = imp.langs[0]
		return
	}
	found, plain := map[string]bool{}, false
	for _, r := range raws {
		c, _ := imp.langOf(r, folders, codes)
		if c == "" {
			plain = true
			continue
		}
		found[c] = true
	}
	switch def := imp.site.defLang; {
	case def != "" && (found[def] || plain):
		imp.defLang = def
	case found["en"] || plain || len(found) == 0:
		imp.defLang = "en"
	default:
		imp.defLang = slices.Sorted(maps.Keys(found))[0]
	}
	delete(found, imp.defLang)
	imp.langs = append([]string{imp.defLang}, slices.Sorted(maps.Keys(found))...)
	for _, l := range imp.langs {
		imp.listed[l] = true
	}
}

// file records every Markdown file of an imported language, and counts
// the others.
func (imp *importer) file(raws []rawFile, folders, codes map[string]bool) {
	skipped := map[string]int{}
	seen := map[string]string{} // language + key → path
	for _, r := range raws {
		code, key := imp.langOf(r, folders, codes)
		if code == "" {
			code = imp.defLang
		}
		if !imp.listed[code] {
			skipped[code]++
			continue
		}
		if prev, ok := seen[code+"\x00"+key]; ok {
			imp.warnf(r.path, 0, "skipped: it is the same page in the same language as %s", imp.shown(prev))
			continue
		}
		seen[code+"\x00"+key] = r.path
		f := &srcFile{path: r.path, key: key, lang: code, frag: isFragment(key)}
		imp.files = append(imp.files, f)
		imp.byPath[r.path] = f
	}
	for _, l := range slices.Sorted(maps.Keys(skipped)) {
		imp.rep.Skipped = append(imp.rep.Skipped, Count{l, skipped[l]})
	}
	slices.SortFunc(imp.files, func(a, b *srcFile) int { return strings.Compare(a.path, b.path) })
}

// isFragment tells a file that is only ever included, never a page: one
// in a folder whose name starts with _, or named _x.md, as YFM, Jekyll
// and Docusaurus keep their partials. Hugo's _index.md is a page.
func isFragment(key string) bool {
	segs := strings.Split(key, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "_") && (i < len(segs)-1 || !isIndexName(s)) {
			return true
		}
	}
	return false
}

// isIndex tells a folder's own page by its key: index.md, README.md,
// _index.md, and for Docusaurus also a file named like its folder
// (guide/guide.md).
func (imp *importer) isIndex(key string) bool {
	dir, name := path.Split(key)
	if isIndexName(name) {
		return true
	}
	folder := path.Base(strings.TrimSuffix(dir, "/"))
	return imp.dialect == Docusaurus && dir != "" && strings.EqualFold(stripNumber(strings.TrimSuffix(name, path.Ext(name))), stripNumber(folder))
}

// isIndexName tells the names of a folder's own page.
func isIndexName(name string) bool {
	stem := strings.ToLower(strings.TrimSuffix(name, path.Ext(name)))
	return isMarkdown(name) && (stem == "index" || stem == "readme" || stem == "_index")
}
