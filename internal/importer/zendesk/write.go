package zendesk

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"deskbook/internal/importer/folder"
	"deskbook/internal/lang"

	"go.yaml.in/yaml/v3"
)

// fill writes the imported site into the folder tmp: site.yaml, a
// _category.yaml per section and language, the articles and the
// attachments they use.
func (imp *importer) fill(tmp string, put func(rel string, data []byte) error) error {
	site, err := imp.siteYAML()
	if err != nil {
		return err
	}
	if err := put("site.yaml", site); err != nil {
		return err
	}
	has := map[string]bool{} // language + folder
	perLang := map[string]int{}
	for _, d := range imp.docs {
		for _, l := range imp.langs {
			v := d.versions[l]
			if v == nil {
				imp.rep.Untrans++
				continue
			}
			data, err := imp.articleFile(v)
			if err != nil {
				return err
			}
			if err := put(v.out, data); err != nil {
				return err
			}
			has[l+"/"+d.folder.name] = true
			perLang[l]++
			if v.draft {
				imp.rep.Drafts++
			}
		}
	}
	for _, l := range imp.langs {
		imp.rep.Languages = append(imp.rep.Languages, Count{l, perLang[l]})
	}
	if err := imp.writeCategories(has, put); err != nil {
		return err
	}
	for _, out := range slices.Sorted(maps.Keys(imp.copies)) {
		if err := imp.copyFile(imp.copies[out], filepath.Join(tmp, filepath.FromSlash(out))); err != nil {
			return err
		}
		imp.rep.AttachmentsCopied++
	}
	return nil
}

// siteFile is the site.yaml an import writes.
type siteFile struct {
	Title     string         `yaml:"title"`
	BaseURL   string         `yaml:"base_url"`
	Languages []siteLanguage `yaml:"languages"`
}

// siteLanguage is one language of site.yaml.
type siteLanguage struct {
	Code string `yaml:"code"`
	Name string `yaml:"name"`
}

// siteYAML is the imported site's site.yaml. The base URL is one that can
// never work, so that the writer sets the real one before publishing.
func (imp *importer) siteYAML() ([]byte, error) {
	f := siteFile{Title: imp.title, BaseURL: "https://example.invalid/"}
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
	Order       int    `yaml:"order"`
	Description string `yaml:"description,omitempty"`
}

// writeCategories writes the _category.yaml of every section in every
// language that has articles in it, titled in that language where the
// export has the section's name in it.
func (imp *importer) writeCategories(has map[string]bool, put func(string, []byte) error) error {
	for _, f := range imp.folders {
		for _, l := range imp.langs {
			if !has[l+"/"+f.name] {
				continue
			}
			title, _ := pick(f.titles, l, imp.langs[0])
			desc, _ := pick(f.descs, l, imp.langs[0])
			data, err := yaml.Marshal(categoryFile{Title: cmp.Or(title, f.name), Order: f.order, Description: desc})
			if err != nil {
				return fmt.Errorf("category %s: %w", f.name, err)
			}
			if err := put(imp.langDir(l)+f.name+"/_category.yaml", data); err != nil {
				return err
			}
		}
	}
	return nil
}

// articleHeader is the front matter of an imported article.
type articleHeader struct {
	Title   string      `yaml:"title"`
	ID      int64       `yaml:"id"`
	Tags    []string    `yaml:"tags,omitempty,flow"`
	Updated folder.Date `yaml:"updated,omitempty"`
	Order   int         `yaml:"order"` // the article's position in its section
	Draft   bool        `yaml:"draft,omitempty"`
	Aliases []string    `yaml:"aliases,omitempty"`
}

// articleFile is an imported article: front matter and the Markdown body.
func (imp *importer) articleFile(v *version) ([]byte, error) {
	head, err := yaml.Marshal(articleHeader{
		Title: v.title, ID: v.doc.id, Tags: v.labels, Updated: folder.Date(v.updated), Order: v.doc.position, Draft: v.draft, Aliases: v.aliases,
	})
	if err != nil {
		return nil, fmt.Errorf("article %s: %w", strconv.FormatInt(v.doc.id, 10), err)
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(head)
	b.WriteString("---\n")
	b.WriteString(v.result)
	return b.Bytes(), nil
}

// copyFile copies a file of the export to dst.
func (imp *importer) copyFile(src, dst string) error {
	in, err := imp.src.Open(src)
	if err != nil {
		return fmt.Errorf("copying %s: %w", src, err)
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("copying %s: %w", src, err)
	}
	out, err := os.Create(dst)
	if err != nil {
		return fmt.Errorf("copying %s: %w", src, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copying %s: %w", src, err)
	}
	return out.Close()
}

// finishReport sorts the warnings and counts the locales.
func (imp *importer) finishReport() {
	imp.rep.Warnings = imp.warns.List()
	count := map[string]int{}
	for _, d := range imp.docs {
		for _, v := range d.versions {
			count[v.locale+" → "+v.lang]++
		}
	}
	for _, k := range slices.Sorted(maps.Keys(count)) {
		imp.rep.Locales = append(imp.rep.Locales, Count{k, count[k]})
	}
}
