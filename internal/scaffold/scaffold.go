// Package scaffold writes the start of new content for a writer to fill
// in: deskbook new makes an article of a kind with the next free id.
package scaffold

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
	"unicode"

	"deskbook/builder"
	"deskbook/internal/frontmatter"
	"deskbook/internal/slug"

	"go.yaml.in/yaml/v3"
)

// Draft is a new file for the writer to fill in: nothing is written yet.
type Draft struct {
	Path string // inside the source folder, slash-separated
	Data []byte
	ID   int
	Lang string
	// Others are the site's other languages, in site.yaml's order: those
	// deskbook new --translate can translate the article into.
	Others []string
}

// Article makes a new article of a kind: its path inside the source FS and
// its text, with the next free ID. It writes nothing; the caller creates
// the file, refusing to overwrite.
func Article(fsys fs.FS, kind builder.Kind, title, category, lang string, today time.Time) (string, []byte, error) {
	d, err := New(fsys, kind, title, category, lang, today)
	return d.Path, d.Data, err
}

// New is Article with what a caller may tell the writer next: the ID it
// took and the languages it can be translated into. Its skeleton (the
// headings of its kind, the hints) is in the article's language.
func New(fsys fs.FS, kind builder.Kind, title, category, lang string, today time.Time) (Draft, error) {
	if !kind.Valid() {
		return Draft{}, fmt.Errorf("unknown kind %q: want error, howto, checklist, changelog or article", kind)
	}
	title = strings.TrimSpace(title)
	if title == "" {
		return Draft{}, fmt.Errorf("the title is empty")
	}
	cfg, _ := builder.ReadSiteConfig(fsys, "")
	if lang == "" {
		lang = cfg.Languages[0].Code
	}
	if err := checkLang(cfg, lang); err != nil {
		return Draft{}, err
	}
	if err := checkCategory(category); err != nil {
		return Draft{}, err
	}
	name := slug.Make(slug.Transliterate(title, lang))
	if name == "" {
		return Draft{}, fmt.Errorf("cannot make a file name from %q", title)
	}
	if category == "" {
		category = map[builder.Kind]string{builder.KindError: "errors", builder.KindChangelog: "changelog", builder.KindChecklist: "checklists", builder.KindHowTo: "how-to"}[kind]
		if category == "" {
			category = "articles"
		}
	}
	dir := category
	if len(cfg.Languages) > 1 {
		dir = path.Join(lang, category)
	}
	id := NextID(fsys)
	w := wordsFor(lang)

	var b bytes.Buffer
	day := today.Format("2006-01-02")
	fmt.Fprintf(&b, "---\ntitle: %s\nid: %d\nkind: %s\nsummary: \"\"\n", quote(title), id, kind)
	switch kind {
	case builder.KindError:
		list := "[]"
		if code := titleCode(title); code != "" {
			list = quoteList([]string{code}, quote) // found by it at once; the message's text goes beside it
		}
		fmt.Fprintf(&b, "errors: %s  # %s\n", list, w.errorsNote)
	case builder.KindChangelog:
		fmt.Fprintf(&b, "version: \"\"\ndate: %s\naffects: []  # %s\n", day, w.affectsNote)
	}
	fmt.Fprintf(&b, "tags: []\nupdated: %s\n---\n\n", day)
	b.WriteString(w.bodies[kind])
	return Draft{Path: path.Join(dir, name+".md"), Data: b.Bytes(), ID: id, Lang: lang, Others: others(cfg, lang)}, nil
}

// titleCode is the error code a title starts with, the way support
// articles are named ("PA-2001: The box is offline", "Error 0x80070005:
// access is denied"): the word before the colon, when it holds a digit.
// It is "" for a title without one.
func titleCode(title string) string {
	head, _, ok := strings.Cut(title, ":")
	if !ok {
		return ""
	}
	words := strings.Fields(head)
	if len(words) == 0 || len(words) > 2 {
		return ""
	}
	code := words[len(words)-1]
	if !strings.ContainsAny(code, "0123456789") {
		return ""
	}
	return code
}

// checkLang refuses a language site.yaml does not list.
func checkLang(cfg builder.SiteConfig, lang string) error {
	if !slices.ContainsFunc(cfg.Languages, func(l builder.Language) bool { return l.Code == lang }) {
		return fmt.Errorf("--lang %s: site.yaml has no such language (its languages: %s)", lang, codes(cfg.Languages))
	}
	return nil
}

// codes lists the codes of languages, for messages.
func codes(langs []builder.Language) string {
	cs := make([]string, len(langs))
	for i, l := range langs {
		cs[i] = l.Code
	}
	return strings.Join(cs, ", ")
}

// others lists the site's languages but one.
func others(cfg builder.SiteConfig, lang string) []string {
	var out []string
	for _, l := range cfg.Languages {
		if l.Code != lang {
			out = append(out, l.Code)
		}
	}
	return out
}

// quote writes a text as a YAML value.
func quote(s string) string {
	out, _ := yaml.Marshal(s)
	return strings.TrimSpace(string(out))
}

// checkCategory refuses a category that is not one plain folder name: a
// category is a folder at the top of the source (of a language), and a
// name like ../../x would write outside the source folder.
func checkCategory(name string) error {
	if name == "" {
		return nil
	}
	if strings.ContainsAny(name, `/\\`) || name == "." || name == ".." || strings.HasPrefix(name, ".") || strings.ContainsFunc(name, unicode.IsControl) {
		return fmt.Errorf("--category %q: want the name of one folder, like errors or how-to", name)
	}
	return nil
}

// NextID returns one more than the largest article ID in the source. It
// reads only front matter and skips files it cannot parse: a scaffold
// must work even while other articles have errors.
func NextID(fsys fs.FS) int {
	maxID := 0
	_ = fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		fm, _, _, format, err := frontmatter.Split(data)
		if err != nil || format != frontmatter.YAML {
			return nil
		}
		fields, _ := frontmatter.Parse(format, fm, 2)
		for _, f := range fields {
			if n, ok := f.Int(); ok && f.Key == "id" {
				maxID = max(maxID, n)
			}
		}
		return nil
	})
	// An id in the ledger whose article was deleted still owns its old
	// URLs; reusing it would send them to an unrelated article.
	for _, id := range builder.LedgerIDs(fsys) {
		maxID = max(maxID, id)
	}
	return maxID + 1
}
