package markdown

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

	"deskbook/internal/importer/folder"
	"deskbook/internal/lang"

	"go.yaml.in/yaml/v3"
)

// fill writes the imported site into the folder tmp: site.yaml, the id
// file, categories, articles, fragments and copied files.
func (imp *importer) fill(tmp string, put func(rel string, data []byte) error) error {
	site, err := imp.siteYAML()
	if err != nil {
		return err
	}
	ids, err := imp.idsYAML()
	if err != nil {
		return err
	}
	if err := put("site.yaml", site); err != nil {
		return err
	}
	if err := put(IDsFile, ids); err != nil {
		return err
	}
	if err := imp.writeCategories(put); err != nil {
		return err
	}
	if err := imp.writePages(put); err != nil {
		return err
	}
	written := map[string]bool{}
	for _, k := range slices.Sorted(maps.Keys(imp.frags)) {
		fr := imp.frags[k]
		if fr.out == "" || written[fr.out] {
			continue
		}
		written[fr.out] = true
		if err := put(fr.out, []byte(ensureNewline(fr.result))); err != nil {
			return err
		}
		imp.rep.Fragments++
	}
	for _, out := range slices.Sorted(maps.Keys(imp.copies)) {
		if err := imp.copyFile(imp.copies[out], filepath.Join(tmp, filepath.FromSlash(out))); err != nil {
			return err
		}
		imp.rep.Assets++
	}
	return nil
}

// ensureNewline ends a text with a line end.
func ensureNewline(s string) string {
	s = strings.TrimLeft(s, "\n")
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}

// copyFile copies a file of the source to dst, a new file.
func (imp *importer) copyFile(src, dst string) error {
	in, err := imp.src.Open(src)
	if err != nil {
		return fmt.Errorf("copying %s: %w", imp.shown(src), err)
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("copying %s: %w", imp.shown(src), err)
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("copying %s: %w", imp.shown(src), err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copying %s: %w", imp.shown(src), err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("copying %s: %w", imp.shown(src), err)
	}
	return nil
}

// siteFile is the site.yaml an import writes.
type siteFile struct {
	Title     string               `yaml:"title"`
	BaseURL   string               `yaml:"base_url"`
	Languages []siteLanguage       `yaml:"languages"`
	Variables map[string]yaml.Node `yaml:"variables,omitempty"`
}

// siteLanguage is one language of site.yaml.
type siteLanguage struct {
	Code string `yaml:"code"`
	Name string `yaml:"name"`
}

// siteYAML is the imported site's site.yaml. The base URL is one that
// can never work, so that the writer sets the real one before
// publishing. A variable with one value in every language is written as
// text, another as a value per language.
func (imp *importer) siteYAML() ([]byte, error) {
	f := siteFile{Title: cmp.Or(imp.site.title, "Help centre"), BaseURL: "https://example.invalid/"}
	for _, l := range imp.langs {
		f.Languages = append(f.Languages, siteLanguage{Code: l, Name: lang.Name(l)})
	}
	if len(imp.vars) > 0 {
		f.Variables = map[string]yaml.Node{}
	}
	for name, byLang := range imp.vars {
		var n yaml.Node
		vals := slices.Compact(slices.Sorted(maps.Values(byLang)))
		if len(vals) == 1 {
			n.SetString(vals[0])
		} else {
			n.Kind, n.Tag = yaml.MappingNode, "!!map"
			for _, l := range imp.langs {
				if v, ok := byLang[l]; ok {
					var k, val yaml.Node
					k.SetString(l)
					val.SetString(v)
					n.Content = append(n.Content, &k, &val)
				}
			}
		}
		f.Variables[name] = n
		imp.rep.Variables++
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
	Order       int    `yaml:"order"`
	Description string `yaml:"description,omitempty"`
}

// writeCategories writes a _category.yaml for each category in each
// language that has pages in it, named in that language where the
// source names it.
func (imp *importer) writeCategories(put func(string, []byte) error) error {
	names := imp.groupTitles()
	for _, c := range imp.cats {
		for _, l := range imp.langs {
			if !c.hasLang(l) {
				continue
			}
			f := categoryFile{Title: imp.categoryTitle(c, l, names), Order: c.order}
			if c.intro != nil && c.intro.versions[l] != nil {
				f.Description = c.intro.versions[l].meta.description
			}
			data, err := yaml.Marshal(f)
			if err != nil {
				return fmt.Errorf("category %s: %w", c.dir, err)
			}
			if err := put(imp.langDir(l)+c.dir+"/_category.yaml", data); err != nil {
				return err
			}
		}
		imp.rep.Categories++
	}
	return nil
}

// hasLang tells whether a category has a page in a language.
func (c *category) hasLang(code string) bool {
	if c.intro != nil && c.intro.versions[code] != nil {
		return true
	}
	return slices.ContainsFunc(c.pages, func(pg *page) bool { return pg.versions[code] != nil })
}

// categoryTitle names a category in a language: by that language's own
// navigation, else its introduction's title in that language, else the
// default language's name for it, else its folder's name.
func (imp *importer) categoryTitle(c *category, code string, names map[string]map[string]string) string {
	first := ""
	if c.intro != nil {
		first = c.intro.key
	} else if len(c.pages) > 0 {
		first = c.pages[0].key
	}
	if code != imp.defLang {
		if t := names[code][first]; t != "" {
			return t
		}
		if c.intro != nil && c.intro.versions[code] != nil && c.intro.versions[code].title != "" {
			return c.intro.versions[code].title
		}
	}
	if t := c.titles[imp.defLang]; t != "" {
		return t
	}
	if c.intro != nil {
		for _, l := range []string{code, imp.defLang} {
			if v := c.intro.versions[l]; v != nil && v.title != "" {
				return v.title
			}
		}
	}
	if c.src != "" {
		return fallbackTitle(&page{key: imp.segment(c.src) + "/index.md"})
	}
	return c.dir
}

// articleHeader is the front matter of an imported article.
type articleHeader struct {
	Title   string      `yaml:"title"`
	ID      int         `yaml:"id,omitempty"`
	Summary string      `yaml:"summary,omitempty"`
	Tags    []string    `yaml:"tags,omitempty,flow"`
	Updated folder.Date `yaml:"updated,omitempty"`
	Draft   bool        `yaml:"draft,omitempty"`
	Order   int         `yaml:"order,omitempty"`
	Aliases []string    `yaml:"aliases,omitempty"`
}

// introHeader is the front matter of a category's index.md.
type introHeader struct {
	Summary string   `yaml:"summary,omitempty"`
	Aliases []string `yaml:"aliases,omitempty"`
}

// writePages writes every version of every page.
func (imp *importer) writePages(put func(string, []byte) error) error {
	perLang := map[string]int{}
	for _, pg := range imp.ordered() {
		for _, l := range imp.langs {
			v := pg.versions[l]
			if v == nil {
				continue
			}
			data, err := imp.pageFile(v)
			if err != nil {
				return fmt.Errorf("%s: %w", imp.shown(v.src), err)
			}
			if err := put(v.out, data); err != nil {
				return err
			}
			perLang[l]++
			if pg.intro && l == imp.defLang {
				imp.rep.Intros++
			}
		}
	}
	for _, l := range imp.langs {
		imp.rep.Languages = append(imp.rep.Languages, Count{l, perLang[l]})
	}
	return nil
}

// pageFile is an imported article: deskbook front matter and the
// converted body.
func (imp *importer) pageFile(v *version) ([]byte, error) {
	fm := articleHeader{
		Title: v.title, ID: v.page.id, Summary: v.summary, Tags: v.meta.tags,
		Updated: folder.Date(v.meta.updated), Draft: v.meta.draft, Order: v.page.order, Aliases: v.aliases,
	}
	var header any = fm
	if v.page.intro {
		// A category's page: its title and order are _category.yaml's
		// (from the navigation), and it has no id.
		header = introHeader{Summary: v.summary, Aliases: v.aliases}
	}
	head, err := yaml.Marshal(header)
	if err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(head)
	if len(v.meta.authors) > 0 {
		// deskbook has no authors: key; a comment keeps them with the page.
		fmt.Fprintf(&b, "# authors: %s\n", strings.Join(v.meta.authors, ", "))
	}
	b.WriteString("---\n")
	b.WriteString(ensureNewline(v.result))
	return b.Bytes(), nil
}

// finishReport sorts the report's lists.
func (imp *importer) finishReport() {
	imp.rep.Warnings = imp.warns.Sorted()
	imp.rep.KeysLeft = counts(imp.keys)
	imp.rep.Constructs = counts(imp.constructs)
}

// counts is a map of counts as a list, the largest first.
func counts(m map[string]int) []Count {
	var out []Count
	for k, n := range m {
		out = append(out, Count{k, n})
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name)) })
	return out
}
