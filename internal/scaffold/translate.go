package scaffold

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"deskbook/builder"
	"deskbook/internal/frontmatter"

	"go.yaml.in/yaml/v3"
)

// ExistsError says the article already has a version in the language a
// translation was asked for.
type ExistsError struct {
	ID   int
	Lang string
	Path string // the version there, inside the source folder
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("article %d already has a version in %s: %s; edit that file", e.ID, e.Lang, e.Path)
}

// version is one language version of an article, as found in the source.
type version struct {
	path, lang string
	fields     []frontmatter.Field
	body       []byte
}

// Translation makes the start of the translation of article id into
// lang: the original's ID, kind, errors, tags and (for a changelog entry)
// version, date and affects; its title and summary, marked to be
// translated; updated: today; and a body of the original's headings,
// each with the anchor the original's page gives it, so that links with
// anchors reach the same section in every language, and a line asking
// for its translation. Aliases are not copied: they are URLs, and one URL
// is one page. The file has the original's folder and file name below
// the language folder, so the URLs of the versions differ only in the
// language. The original is the version in from, or when from is empty
// in the first language of site.yaml that has the article. theme is the
// theme the site is built with (its own ids are not for headings). Like
// New, it writes nothing.
func Translation(fsys, theme fs.FS, id int, lang, from string, today time.Time) (Draft, error) {
	cfg, _ := builder.ReadSiteConfig(fsys, "")
	if len(cfg.Languages) < 2 {
		return Draft{}, fmt.Errorf("site.yaml lists one language (%s): add the language to translate into under languages: first", cfg.Languages[0].Code)
	}
	if lang == "" {
		return Draft{}, fmt.Errorf("--translate needs --lang, the language to translate into (%s)", codes(cfg.Languages))
	}
	if err := checkLang(cfg, lang); err != nil {
		return Draft{}, err
	}
	if from != "" {
		if err := checkLang(cfg, from); err != nil {
			return Draft{}, fmt.Errorf("--from%s", strings.TrimPrefix(err.Error(), "--lang"))
		}
	}
	found := versions(fsys, cfg, id)
	if len(found) == 0 {
		return Draft{}, fmt.Errorf("--translate %d: no article has id %d (deskbook check lists, per language, the articles to translate with their ids)", id, id)
	}
	if i := slices.IndexFunc(found, func(v version) bool { return v.lang == lang }); i >= 0 {
		return Draft{}, &ExistsError{ID: id, Lang: lang, Path: found[i].path}
	}
	orig := found[0] // versions are in site.yaml's order of languages
	if from != "" {
		i := slices.IndexFunc(found, func(v version) bool { return v.lang == from })
		if i < 0 {
			return Draft{}, fmt.Errorf("--from %s: article %d has no version in %s (it has: %s)", from, id, from, langsOf(found))
		}
		orig = found[i]
	}
	w := wordsFor(lang)
	var b bytes.Buffer
	b.WriteString("---\n")
	fmt.Fprintf(&b, "# "+w.from+"\n", orig.path)
	copyFields(&b, orig.fields, w)
	fmt.Fprintf(&b, "updated: %s\n---\n\n", today.Format("2006-01-02"))
	outline(&b, builder.OutlineOf(orig.body, theme), w)
	_, rel, _ := strings.Cut(orig.path, "/")
	return Draft{Path: path.Join(lang, rel), Data: b.Bytes(), ID: id, Lang: lang, Others: others(cfg, lang)}, nil
}

// versions finds the language versions of article id, in site.yaml's
// order of languages. Like NextID it reads only front matter and skips
// what it cannot parse.
func versions(fsys fs.FS, cfg builder.SiteConfig, id int) []version {
	var found []version
	rank := map[string]int{}
	for i, l := range cfg.Languages {
		rank[l.Code] = i + 1
	}
	_ = fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		name := path.Base(p)
		switch {
		case err != nil:
			return nil
		case p != "." && (strings.HasPrefix(name, ".") || name == "node_modules"):
			return skip(e)
		case e.IsDir() && !strings.Contains(p, "/") && p != "." && rank[p] == 0:
			return fs.SkipDir // not a language folder
		case e.IsDir() || !strings.HasSuffix(name, ".md") || strings.HasPrefix(name, "_") || !strings.Contains(p, "/"):
			return nil
		}
		if v, ok := readVersion(fsys, p, id); ok {
			found = append(found, v)
		}
		return nil
	})
	slices.SortStableFunc(found, func(x, y version) int { return rank[x.lang] - rank[y.lang] })
	return found
}

// skip leaves out a hidden entry: a whole folder, or one file.
func skip(e fs.DirEntry) error {
	if e.IsDir() {
		return fs.SkipDir
	}
	return nil
}

// readVersion reads the article at p when its id is id.
func readVersion(fsys fs.FS, p string, id int) (version, bool) {
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return version{}, false
	}
	// As the build reads it: a byte-order mark and Windows line ends go.
	data = bytes.ReplaceAll(bytes.TrimPrefix(data, []byte("\uFEFF")), []byte("\r\n"), []byte("\n"))
	fm, body, _, format, err := frontmatter.Split(data)
	if err != nil || format != frontmatter.YAML {
		return version{}, false
	}
	fields, err := frontmatter.Parse(format, fm, 2)
	if err != nil {
		return version{}, false
	}
	for _, f := range fields {
		if n, ok := f.Int(); ok && f.Key == "id" && n == id {
			lang, _, _ := strings.Cut(p, "/")
			return version{path: p, lang: lang, fields: fields, body: body}, true
		}
	}
	return version{}, false
}

// langsOf lists the languages of versions, for messages.
func langsOf(vs []version) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.lang
	}
	return strings.Join(out, ", ")
}

// copyFields writes the front matter a translation shares with its
// original, in a fixed order, each value as the original has it.
func copyFields(b *bytes.Buffer, fields []frontmatter.Field, w words) {
	get := func(key string) (frontmatter.Field, bool) {
		i := slices.IndexFunc(fields, func(f frontmatter.Field) bool { return f.Key == key })
		if i < 0 || fields[i].IsNull() {
			return frontmatter.Field{}, false
		}
		return fields[i], true
	}
	text := func(key string) string {
		f, ok := get(key)
		if !ok {
			return ""
		}
		s, _ := f.Text()
		return strings.TrimSpace(s)
	}
	fmt.Fprintf(b, "title: %s  # %s\n", dquote(text("title")), w.titleNote)
	for _, key := range []string{"id", "kind"} {
		if f, ok := get(key); ok {
			fmt.Fprintf(b, "%s: %s\n", key, f.Node.Value)
		}
	}
	fmt.Fprintf(b, "summary: %s  # %s\n", dquote(text("summary")), w.summaryNote)
	if f, ok := get("errors"); ok {
		list, _ := f.Texts()
		fmt.Fprintf(b, "errors: %s  # %s\n", quoteList(list, dquote), w.errorsCopied)
	}
	if f, ok := get("tags"); ok {
		list, _ := f.Texts()
		fmt.Fprintf(b, "tags: %s\n", quoteList(list, quote))
	}
	if s := text("version"); s != "" {
		fmt.Fprintf(b, "version: %s\n", dquote(s))
	}
	if f, ok := get("date"); ok {
		if t, ok := f.Date(); ok {
			fmt.Fprintf(b, "date: %s\n", t.Format("2006-01-02"))
		}
	}
	if f, ok := get("affects"); ok {
		if ids, ok := f.Ints(); ok {
			fmt.Fprintf(b, "affects: %s\n", strings.ReplaceAll(fmt.Sprint(ids), " ", ", "))
		}
	}
	// A slug is the file name the URL uses.
	if s := text("slug"); s != "" {
		fmt.Fprintf(b, "slug: %s\n", dquote(s))
	}
	// A translation starts as a draft, so its placeholders ("Translate
	// this section.") never reach readers: the language lacks the article
	// until the writer deletes the line.
	fmt.Fprintf(b, "draft: true  # %s\n", w.draftNote)
}

// quoteList writes texts as a YAML list on one line.
func quoteList(list []string, quote func(string) string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// outline writes a translation's body: the original's headings, each
// with its anchor and a line asking for its translation.
func outline(b *bytes.Buffer, o builder.Outline, w words) {
	var parts []string
	if o.Intro || len(o.Headings) == 0 {
		parts = append(parts, w.translateIntro)
	}
	for _, h := range o.Headings {
		parts = append(parts, fmt.Sprintf("%s %s {#%s}\n\n%s", strings.Repeat("#", h.Level), h.Markdown, h.ID, w.translate))
	}
	b.WriteString(strings.Join(parts, "\n\n") + "\n")
}

// dquote writes a text as a double-quoted YAML value, as writers write
// titles: always quoted, so a comment after it cannot become part of it.
func dquote(s string) string {
	out, _ := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle})
	return strings.TrimSpace(string(out))
}
