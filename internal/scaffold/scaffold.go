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

// Article makes a new article of a kind: its path inside the source FS and
// its text, with the next free ID. It writes nothing; the caller creates
// the file, refusing to overwrite.
func Article(fsys fs.FS, kind builder.Kind, title, category, lang string, today time.Time) (string, []byte, error) {
	if !kind.Valid() {
		return "", nil, fmt.Errorf("unknown kind %q: want error, howto, checklist, changelog or article", kind)
	}
	title = strings.TrimSpace(title)
	if title == "" {
		return "", nil, fmt.Errorf("the title is empty")
	}
	cfg, _ := builder.ReadSiteConfig(fsys, "")
	if lang == "" {
		lang = cfg.Languages[0].Code
	}
	if !slices.ContainsFunc(cfg.Languages, func(l builder.Language) bool { return l.Code == lang }) {
		return "", nil, fmt.Errorf("--lang %s: site.yaml has no such language", lang)
	}
	if err := checkCategory(category); err != nil {
		return "", nil, err
	}
	name := slug.Make(slug.Transliterate(title, lang))
	if name == "" {
		return "", nil, fmt.Errorf("cannot make a file name from %q", title)
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

	var b bytes.Buffer
	q := func(s string) string {
		out, _ := yaml.Marshal(s)
		return strings.TrimSpace(string(out))
	}
	day := today.Format("2006-01-02")
	fmt.Fprintf(&b, "---\ntitle: %s\nid: %d\nkind: %s\nsummary: \"\"\n", q(title), id, kind)
	switch kind {
	case builder.KindError:
		b.WriteString("errors: []  # the exact codes and texts a reader may paste\n")
	case builder.KindChangelog:
		fmt.Fprintf(&b, "version: \"\"\ndate: %s\naffects: []  # ids of articles this release changes\n", day)
	}
	fmt.Fprintf(&b, "tags: []\nupdated: %s\n---\n\n", day)
	b.WriteString(bodies[kind])
	return path.Join(dir, name+".md"), b.Bytes(), nil
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

var bodies = map[builder.Kind]string{
	builder.KindError:     "What the message means, in one or two sentences.\n\n## Why it happens\n\n## How to fix it\n\n1. \n\n## If it still does not work\n\nContact support and send the exact text of the message.\n",
	builder.KindHowTo:     "What this helps you do.\n\n## Steps\n\n1. \n",
	builder.KindChecklist: "Go through these steps in order.\n\n- [ ] \n- [ ] \n",
	builder.KindChangelog: "## Added\n\n## Changed\n\n## Fixed\n",
	builder.KindArticle:   "\n",
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
