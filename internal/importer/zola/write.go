package zola

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"deskbook/internal/diag"
	"deskbook/internal/importer/folder"
	"deskbook/internal/lang"

	"go.yaml.in/yaml/v3"
)

// write makes the output folder: site.yaml, categories, pages and files,
// in a sibling folder that is renamed into place at the end.
func (imp *importer) write(dst string) error {
	return folder.Write(dst, imp.fill)
}

// fill writes the imported site into the folder tmp, with put or, for
// copied files, directly.
func (imp *importer) fill(tmp string, put func(rel string, data []byte) error) error {
	site, err := imp.siteYAML()
	if err != nil {
		return err
	}
	if err := put("site.yaml", site); err != nil {
		return err
	}
	for _, c := range imp.categoryFiles() {
		data, err := yaml.Marshal(c.file)
		if err != nil {
			return fmt.Errorf("category %s: %w", c.path, err)
		}
		if err := put(c.path, data); err != nil {
			return err
		}
		imp.rep.Categories++
	}
	perLang := map[string]int{}
	for _, v := range imp.versions {
		data, err := imp.pageFile(v)
		if err != nil {
			return fmt.Errorf("%s: %w", v.src, err)
		}
		if err := put(v.out, data); err != nil {
			return err
		}
		perLang[v.lang]++
	}
	for _, l := range imp.langs {
		imp.rep.Languages = append(imp.rep.Languages, Count{l, perLang[l]})
	}

	// Bundle files go beside every language's copy of their page; other
	// files only where a page refers to them.
	owned := map[string][]string{} // page key → its files
	for p, key := range imp.owner {
		owned[key] = append(owned[key], p)
	}
	for _, v := range imp.versions {
		for _, p := range owned[v.page.key] {
			imp.copies[imp.assetOut(v.lang, p)] = p
		}
	}
	for _, out := range slices.Sorted(maps.Keys(imp.copies)) {
		if err := imp.copyFile(imp.copies[out], filepath.Join(tmp, filepath.FromSlash(out))); err != nil {
			return err
		}
		imp.rep.Assets++
	}
	return nil
}

// copyFile copies a file of the source to dst, a new file: a file copied
// twice would be a mistake in deciding where files go.
func (imp *importer) copyFile(src, dst string) error {
	in, err := imp.src.Open(src)
	if err != nil {
		return fmt.Errorf("copying %s: %w", src, err)
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("copying %s: %w", src, err)
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("copying %s: %w", src, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copying %s: %w", src, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("copying %s: %w", src, err)
	}
	return nil
}

// siteFile is the site.yaml an import writes.
type siteFile struct {
	Title      string         `yaml:"title"`
	BaseURL    string         `yaml:"base_url"`
	Languages  []siteLanguage `yaml:"languages"`
	UnsafeHTML bool           `yaml:"unsafe_html,omitempty"`
}

// siteLanguage is one language of site.yaml: its code, and its name in
// the language menu.
type siteLanguage struct {
	Code string `yaml:"code"`
	Name string `yaml:"name"`
}

// siteYAML is the imported site's site.yaml. The base URL is one that can
// never work, so that the writer sets the real one before publishing.
func (imp *importer) siteYAML() ([]byte, error) {
	f := siteFile{Title: imp.title, BaseURL: "https://example.invalid/", UnsafeHTML: imp.unsafe}
	for _, l := range imp.langs {
		f.Languages = append(f.Languages, siteLanguage{Code: l, Name: lang.Name(l)})
	}
	data, err := yaml.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("site.yaml: %w", err)
	}
	return data, nil
}

// categoryFile is a _category.yaml an import writes.
type categoryFile struct {
	Title       string `yaml:"title"`
	Order       *int   `yaml:"order,omitempty"`
	Description string `yaml:"description,omitempty"`
}

// categoryOut is a _category.yaml to write and where.
type categoryOut struct {
	path string
	file categoryFile
}

// categoryFiles describes each top-level folder that has pages, in each
// language that has pages in it: from the folder's section file, else the
// top-level page of the same name, else the default language's section.
func (imp *importer) categoryFiles() []categoryOut {
	has := map[string]bool{} // language + "/" + folder
	for _, v := range imp.versions {
		rel := strings.TrimPrefix(v.out, imp.langDir(v.lang))
		if dir, _, ok := strings.Cut(rel, "/"); ok {
			has[v.lang+"/"+dir] = true
		}
	}
	var out []categoryOut
	for _, dir := range slices.Sorted(maps.Keys(imp.cats)) {
		for _, l := range imp.langs {
			mdir := imp.outPath(dir)
			if !has[l+"/"+mdir] {
				continue
			}
			m := imp.categoryMeta(dir, l)
			if m == nil {
				continue
			}
			out = append(out, categoryOut{
				path: imp.langDir(l) + mdir + "/_category.yaml",
				file: categoryFile{Title: m.title, Order: m.order, Description: m.description},
			})
		}
	}
	return out
}

// categoryMeta is what describes the top-level folder dir in the language
// code, or nil when nothing does; see categoryFiles.
func (imp *importer) categoryMeta(dir, code string) *meta {
	if s := imp.sections[dir][code]; s != nil && s.meta != nil && s.meta.title != "" {
		return s.meta
	}
	if pg := imp.pages[dir]; pg != nil {
		if v := pg.versions[code]; v != nil {
			return &meta{title: v.meta.title, description: v.meta.description}
		}
	}
	if s := imp.sections[dir][imp.defLang]; s != nil && s.meta != nil && s.meta.title != "" {
		return s.meta
	}
	return nil
}

// articleHeader is the front matter of an imported article.
type articleHeader struct {
	Title   string      `yaml:"title"`
	ID      int         `yaml:"id"`
	Kind    string      `yaml:"kind,omitempty"`
	Summary string      `yaml:"summary,omitempty"`
	Tags    []string    `yaml:"tags,omitempty,flow"`
	Date    folder.Date `yaml:"date,omitempty"`
	Updated folder.Date `yaml:"updated,omitempty"`
	Draft   bool        `yaml:"draft,omitempty"`
	Order   *int        `yaml:"order,omitempty"`
	Aliases []string    `yaml:"aliases,omitempty"`
}

// pageFile is an imported article: deskbook front matter and the
// converted body.
func (imp *importer) pageFile(v *version) ([]byte, error) {
	fm := articleHeader{
		Title: v.meta.title, ID: v.page.id, Summary: v.meta.description,
		Tags: v.meta.tags, Date: folder.Date(v.meta.date), Updated: folder.Date(v.meta.updated), Draft: v.meta.draft,
		Aliases: v.aliases, Order: v.order,
	}
	if v.changes {
		fm.Kind = "changelog"
	}
	head, err := yaml.Marshal(fm)
	if err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(head)
	if len(v.meta.authors) > 0 {
		// deskbook has no authors: key; a comment keeps them with the page.
		fmt.Fprintf(&b, "# authors: %s\n", strings.Join(strings.Fields(strings.Join(v.meta.authors, ", ")), " "))
	}
	b.WriteString("---\n")
	b.WriteString(v.result)
	if !strings.HasSuffix(v.result, "\n") {
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// finishReport fills in the counters of the final conversion pass.
func (imp *importer) finishReport() {
	t := imp.tall
	imp.rep.LinksRewritten = t.rewritten
	imp.rep.LinksUnresolved = t.unresolved
	imp.rep.AnchorsDropped = t.anchors
	imp.rep.ImagesMissing = t.missing
	for _, name := range slices.Sorted(maps.Keys(t.shortcodes)) {
		c := t.shortcodes[name]
		imp.rep.Shortcodes = append(imp.rep.Shortcodes, Shortcode{Name: name, Converted: c[0], Left: c[1]})
	}
	imp.rep.Warnings = append(imp.warns.List(), t.warnings.List()...)
	slices.SortStableFunc(imp.rep.Warnings, func(a, b diag.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line))
	})
	slices.SortFunc(imp.rep.DroppedKeys, func(a, b Count) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name))
	})
}
