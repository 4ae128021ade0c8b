// Command corpus builds a benchmark knowledge base of N articles from the
// real public corpora in ../shared/corpora, for bench/build.sh.
//
//	go run ./bench/corpus -n 10000 -src ../shared/corpora -out DIR
//
// It writes:
//
//	DIR/content/site.yaml                   deskbook site config
//	DIR/content/<category>/_category.yaml   deskbook category title/order
//	DIR/content/<category>/<slug>.md        the articles (YAML front matter)
//	DIR/hugo/hugo.toml, DIR/hugo/layouts/   a minimal Hugo site of equivalent pages
//	DIR/hugo/content/<category>/_index.md   Hugo section titles
//	DIR/hugo/content/<category>/<slug>.md   hard links to the same article files
//
// Sources (see SOURCE.txt in each): rust-error-codes/error_codes/E*.md,
// rust-releases/versions/*.md and organicmaps/content/**/index.md (English).
// The bodies are kept as they are except for what would make either
// generator fail or do different work: relative and Zola "@/" links become
// plain text, relative images are dropped, raw HTML tags are removed, and
// rustdoc code-fence info strings become "rust" so both highlight the same code.
//
// Output is deterministic for a given N. Only the standard library is used.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

const perCategory = 500

type doc struct {
	group   string // errors | releases | faq (category prefix)
	kind    string // error | changelog | article
	title   string
	slug    string
	summary string
	errors  []string
	version string
	date    string
	updated string
	tags    []string
	body    string
}

func main() {
	n := flag.Int("n", 10000, "number of articles to generate")
	src := flag.String("src", "../shared/corpora", "corpora directory")
	out := flag.String("out", "", "output directory (required)")
	noHugo := flag.Bool("no-hugo", false, "do not write the Hugo site under OUT/hugo")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: corpus -n N -src CORPORA -out DIR")
		os.Exit(2)
	}
	if err := run(*n, *src, *out, !*noHugo); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

func run(n int, src, out string, hugo bool) error {
	errs, err := loadRustErrors(filepath.Join(src, "rust-error-codes", "error_codes"))
	if err != nil {
		return err
	}
	rels, err := loadReleases(filepath.Join(src, "rust-releases", "versions"))
	if err != nil {
		return err
	}
	oms, err := loadOrganicMaps(filepath.Join(src, "organicmaps", "content"))
	if err != nil {
		return err
	}
	if len(errs) == 0 || len(rels) == 0 || len(oms) == 0 {
		return fmt.Errorf("a source is empty (errors %d, releases %d, organicmaps %d)", len(errs), len(rels), len(oms))
	}
	base := interleave(errs, rels, oms)

	content := filepath.Join(out, "content")
	hugoDir := filepath.Join(out, "hugo")
	for _, d := range []string{content, hugoDir} {
		if err := os.RemoveAll(d); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(content, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(content, "site.yaml"), []byte(siteYAML), 0o644); err != nil {
		return err
	}
	if hugo {
		if err := writeHugoSite(hugoDir); err != nil {
			return err
		}
	}

	counts := map[string]int{}
	made := map[string]bool{} // categories created
	catOrder := 0
	groupOrder := map[string]int{"errors": 0, "releases": 1, "faq": 2}
	stats := map[string]int{}
	for i := 0; i < n; i++ {
		d := base[i%len(base)]
		copyNo := i / len(base) // 0 = original
		k := counts[d.group]
		counts[d.group]++
		cat := fmt.Sprintf("%s-%02d", d.group, k/perCategory)
		if !made[cat] {
			made[cat] = true
			catOrder++
			order := groupOrder[d.group]*100 + k/perCategory
			if err := writeCategory(content, hugoDir, hugo, cat, d.group, k/perCategory, order); err != nil {
				return err
			}
		}
		title, slug := d.title, d.slug
		if copyNo > 0 {
			title = fmt.Sprintf("%s (copy %d)", title, copyNo+1)
			slug = fmt.Sprintf("%s-copy-%d", slug, copyNo+1)
		}
		text := renderArticle(d, i+1, title, copyNo)
		rel := filepath.Join(cat, slug+".md")
		p := filepath.Join(content, rel)
		if err := os.WriteFile(p, text, 0o644); err != nil {
			return err
		}
		if hugo {
			hp := filepath.Join(hugoDir, "content", rel)
			if err := os.Link(p, hp); err != nil {
				if err := os.WriteFile(hp, text, 0o644); err != nil {
					return err
				}
			}
		}
		stats[d.kind]++
	}
	fmt.Fprintf(os.Stderr, "corpus: %d articles (%d error, %d changelog, %d article) in %d categories from %d unique sources -> %s\n",
		n, stats["error"], stats["changelog"], stats["article"], len(made), len(base), out)
	return nil
}

const siteYAML = `title: "Bench corpus"
base_url: "https://bench.example/"
product: "Bench"
version: "1.0.0"
languages:
  - code: en
    name: English
`

var groupTitles = map[string]string{
	"errors":   "Rust compiler errors",
	"releases": "Rust releases",
	"faq":      "Organic Maps help and news",
}

func writeCategory(content, hugoDir string, hugo bool, cat, group string, idx, order int) error {
	title := fmt.Sprintf("%s %02d", groupTitles[group], idx)
	desc := fmt.Sprintf("Benchmark category %s (up to %d articles).", cat, perCategory)
	if err := os.MkdirAll(filepath.Join(content, cat), 0o755); err != nil {
		return err
	}
	y := fmt.Sprintf("title: %s\norder: %d\ndescription: %s\n", q(title), order, q(desc))
	if err := os.WriteFile(filepath.Join(content, cat, "_category.yaml"), []byte(y), 0o644); err != nil {
		return err
	}
	if !hugo {
		return nil
	}
	hd := filepath.Join(hugoDir, "content", cat)
	if err := os.MkdirAll(hd, 0o755); err != nil {
		return err
	}
	h := fmt.Sprintf("---\ntitle: %s\nweight: %d\nsummary: %s\n---\n", q(title), order, q(desc))
	return os.WriteFile(filepath.Join(hd, "_index.md"), []byte(h), 0o644)
}

// q returns s as a JSON string, which is a valid YAML double-quoted scalar.
func q(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// renderArticle writes one article. Copies (copyNo > 0) get a comment line
// in every code block, so no tool can reuse the highlighting of the
// original: the corpus repeats each source about 13 times at N=10000, far
// more than any real knowledge base repeats its code.
func renderArticle(d *doc, id int, title string, copyNo int) []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", q(title))
	fmt.Fprintf(&b, "id: %d\n", id)
	fmt.Fprintf(&b, "kind: %s\n", d.kind)
	fmt.Fprintf(&b, "summary: %s\n", q(d.summary))
	if len(d.errors) > 0 {
		b.WriteString("errors: [")
		for i, e := range d.errors {
			if i > 0 {
				b.WriteString(", ")
			}
			if copyNo > 0 {
				e = fmt.Sprintf("%s-%d", e, copyNo+1) // one article per code, /e/<code>/
			}
			b.WriteString(q(e))
		}
		b.WriteString("]\n")
	}
	if len(d.tags) > 0 {
		b.WriteString("tags: [")
		for i, t := range d.tags {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(q(t))
		}
		b.WriteString("]\n")
	}
	if d.updated != "" {
		fmt.Fprintf(&b, "updated: %s\n", d.updated)
	}
	if d.version != "" {
		fmt.Fprintf(&b, "version: %s\n", q(d.version))
	}
	if d.date != "" {
		fmt.Fprintf(&b, "date: %s\n", d.date)
	}
	b.WriteString("---\n\n")
	b.WriteString(uniqueCode(strings.TrimLeft(d.body, "\n"), copyNo))
	if !strings.HasSuffix(d.body, "\n") {
		b.WriteString("\n")
	}
	return b.Bytes()
}

// interleave merges the sources so that every prefix of the result holds
// them in proportion to their sizes (small N still gets a mix).
func interleave(sources ...[]*doc) []*doc {
	type item struct {
		key float64
		s   int
		d   *doc
	}
	var items []item
	for s, docs := range sources {
		for j, d := range docs {
			items = append(items, item{(float64(j) + 0.5) / float64(len(docs)), s, d})
		}
	}
	sort.SliceStable(items, func(a, b int) bool {
		if items[a].key != items[b].key {
			return items[a].key < items[b].key
		}
		return items[a].s < items[b].s
	})
	out := make([]*doc, len(items))
	for i, it := range items {
		out[i] = it.d
	}
	return out
}

// ---- sources ----

func sortedFiles(dir, pattern string) ([]string, error) {
	m, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		return nil, err
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("no files match %s", filepath.Join(dir, pattern))
	}
	sort.Strings(m)
	return m, nil
}

func loadRustErrors(dir string) ([]*doc, error) {
	files, err := sortedFiles(dir, "E*.md")
	if err != nil {
		return nil, err
	}
	var docs []*doc
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		code := strings.TrimSuffix(filepath.Base(f), ".md")
		body := cleanBody(string(raw), true)
		first := firstParagraph(body)
		sum := firstSentence(first)
		docs = append(docs, &doc{
			group:   "errors",
			kind:    "error",
			title:   code + ": " + trimTo(sum, 80),
			slug:    strings.ToLower(code),
			summary: trimTo(sum, 160),
			errors:  []string{code},
			tags:    []string{"rust", "compiler"},
			body:    body,
		})
	}
	return docs, nil
}

var releaseName = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})-v(\d+(?:\.\d+)*)(-[0-9A-Za-z.]+)?\.md$`)

func loadReleases(dir string) ([]*doc, error) {
	files, err := sortedFiles(dir, "*.md")
	if err != nil {
		return nil, err
	}
	var docs []*doc
	for _, f := range files {
		m := releaseName.FindStringSubmatch(filepath.Base(f))
		if m == nil {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		date, ver := m[1], m[2]
		for strings.Count(ver, ".") < 2 {
			ver += ".0"
		}
		ver += m[3] // pre-release, e.g. "-alpha.2"
		body := cleanBody(string(raw), false)
		sections := setextH2(body)
		sum := "Rust " + ver + " release notes"
		if len(sections) > 0 {
			sum += ": " + strings.Join(sections, ", ")
		}
		sum += "."
		docs = append(docs, &doc{
			group:   "releases",
			kind:    "changelog",
			title:   "Rust " + ver,
			slug:    "rust-" + slugify(ver),
			summary: trimTo(sum, 160),
			version: ver,
			date:    date,
			tags:    []string{"rust", "release"},
			body:    body,
		})
	}
	return docs, nil
}

// setextH2 lists the "Title\n-----" headings of a release note.
func setextH2(body string) []string {
	lines := strings.Split(body, "\n")
	var out []string
	seen := map[string]bool{}
	for i := 1; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		prev := strings.TrimSpace(lines[i-1])
		if len(l) >= 3 && strings.Trim(l, "-") == "" && prev != "" && !strings.HasPrefix(prev, "-") && !seen[prev] {
			seen[prev] = true
			out = append(out, prev)
		}
	}
	return out
}

func loadOrganicMaps(dir string) ([]*doc, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() && e.Name() == "index.md" {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var docs []*doc
	slugs := map[string]int{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		fm, body := splitFrontMatter(string(raw))
		if fm["draft"] == "true" || fm["title"] == "" {
			continue
		}
		rel, _ := filepath.Rel(dir, filepath.Dir(f))
		parts := strings.Split(filepath.ToSlash(rel), "/")
		slug := slugify(fm["slug"])
		if slug == "" {
			slug = slugify(strings.Join(parts, "-"))
		}
		if slug == "" {
			slug = "page"
		}
		if len(slug) > 60 {
			cut := slug[:61]
			if i := strings.LastIndex(cut, "-"); i > 20 {
				cut = cut[:i]
			}
			slug = strings.TrimRight(cut[:min(len(cut), 60)], "-")
		}
		slugs[slug]++
		if c := slugs[slug]; c > 1 {
			slug = fmt.Sprintf("%s-%d", slug, c)
		}
		body = cleanBody(body, false)
		sum := fm["description"]
		if sum == "" {
			sum = firstSentence(firstParagraph(body))
		}
		if sum == "" {
			sum = fm["title"]
		}
		tags := []string{"organicmaps", parts[0]}
		if t := fm["taxonomy"]; t != "" && t != parts[0] {
			tags = append(tags, slugify(t))
		}
		updated := fm["updated"]
		if !dateRe.MatchString(updated) {
			updated = ""
		}
		docs = append(docs, &doc{
			group:   "faq",
			kind:    "article",
			title:   fm["title"],
			slug:    slug,
			summary: trimTo(sum, 160),
			updated: updated,
			tags:    tags,
			body:    body,
		})
	}
	return docs, nil
}

var dateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// splitFrontMatter parses the simple Zola YAML front matter used by the
// organicmaps corpus: top-level "key: scalar" pairs, plus the first value of
// a taxonomies list (as "taxonomy").
func splitFrontMatter(s string) (map[string]string, string) {
	fm := map[string]string{}
	if !strings.HasPrefix(s, "---\n") {
		return fm, s
	}
	end := strings.Index(s[4:], "\n---\n")
	if end < 0 {
		return fm, s
	}
	head, body := s[4:4+end], s[4+end+5:]
	inTax := false
	for _, l := range strings.Split(head, "\n") {
		if l == "" {
			continue
		}
		if l[0] != ' ' {
			inTax = strings.HasPrefix(l, "taxonomies:") || strings.HasPrefix(l, "taxonimies:")
			k, v, ok := strings.Cut(l, ":")
			if ok {
				fm[strings.TrimSpace(k)] = unquote(strings.TrimSpace(v))
			}
			continue
		}
		if inTax && fm["taxonomy"] == "" {
			if _, v, ok := strings.Cut(l, ":"); ok {
				v = strings.Trim(strings.TrimSpace(v), "[]")
				v, _, _ = strings.Cut(v, ",")
				fm["taxonomy"] = unquote(strings.TrimSpace(v))
			}
		}
	}
	return fm, body
}

func unquote(v string) string {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		var s string
		if json.Unmarshal([]byte(v), &s) == nil {
			return s
		}
		return v[1 : len(v)-1]
	}
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		return strings.ReplaceAll(v[1:len(v)-1], "''", "'")
	}
	return v
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func slugify(s string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// ---- body cleaning ----

var (
	// [text](target "title") where target has no URL scheme (relative, "@/", "/x", "#x").
	// The text may hold one level of nested brackets.
	imageRe  = regexp.MustCompile(`!\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^()\s>]*)>?(?:\s+"[^"]*")?\s*\)`)
	linkRe   = regexp.MustCompile(`\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^()\s>]*)>?(?:\s+"[^"]*")?\s*\)`)
	refDefRe = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s*<?(\S*?)>?(\s.*)?$`)
	schemeRe = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)
	htmlTag  = regexp.MustCompile(`</?(?i:a|pre|sub|sup|ins|del|br|div|span|p|img|details|summary|kbd|b|i|u|em|strong|center|font|table|thead|tbody|tr|td|th|ul|ol|li|hr|iframe|video|audio|source|figure|figcaption|section|small|mark|abbr|cite|dl|dt|dd|blockquote)(?:\s[^<>]*)?/?>`)
	htmlLine = regexp.MustCompile(`^\s*(?:<!--.*-->\s*)+$`)
	fenceRe  = regexp.MustCompile("^(\\s*)(```+|~~~+)(.*)$")
)

func external(target string) bool { return schemeRe.MatchString(target) }

// cleanBody rewrites what would break a build or make the two generators do
// different work; see the package comment. rustFences normalises rustdoc
// info strings (rust-error-codes only).
func cleanBody(s string, rustFences bool) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	inFence := ""
	inComment := false
	for _, l := range lines {
		if m := fenceRe.FindStringSubmatch(l); m != nil {
			marker := m[2][:3]
			if inFence == "" {
				inFence = marker
				if rustFences {
					l = m[1] + m[2] + rustInfo(m[3])
				}
				out = append(out, l)
				continue
			}
			if marker == inFence && strings.TrimSpace(m[3]) == "" {
				inFence = ""
			}
			out = append(out, l)
			continue
		}
		if inFence != "" {
			out = append(out, l)
			continue
		}
		// HTML comments (possibly spanning lines) are dropped.
		if inComment {
			if strings.Contains(l, "-->") {
				inComment = false
			}
			continue
		}
		if htmlLine.MatchString(l) {
			continue
		}
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "<!--") && !strings.Contains(t, "-->") {
			inComment = true
			continue
		}
		// Reference definitions pointing inside the site are dropped; the
		// references then render as plain text.
		if m := refDefRe.FindStringSubmatch(l); m != nil && !strings.HasPrefix(strings.TrimSpace(l), "[^") && !external(m[1]) {
			continue
		}
		l = mapOutsideCode(l, cleanInline)
		if strings.TrimSpace(l) == "" && strings.TrimSpace(lineBefore(out)) == "" && len(out) > 0 {
			continue // collapse the blank lines left by removed HTML
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func lineBefore(out []string) string {
	if len(out) == 0 {
		return ""
	}
	return out[len(out)-1]
}

func cleanInline(s string) string {
	s = imageRe.ReplaceAllStringFunc(s, func(m string) string {
		sm := imageRe.FindStringSubmatch(m)
		if external(sm[2]) {
			return m
		}
		return ""
	})
	s = linkRe.ReplaceAllStringFunc(s, func(m string) string {
		sm := linkRe.FindStringSubmatch(m)
		if external(sm[2]) {
			return m
		}
		return sm[1]
	})
	s = htmlTag.ReplaceAllString(s, "")
	// Two braces in prose ("{{ and }}") are text in these sources, and
	// deskbook's variables otherwise: escaped, both generators show them.
	return bracesRe.ReplaceAllString(s, `$1\{{`)
}

// bracesRe matches two opening braces not already escaped.
var bracesRe = regexp.MustCompile(`(^|[^\\]){{`)

// mapOutsideCode applies f to a line whose `code spans` are hidden behind
// placeholders (so f sees link texts that contain code, but not the code).
func mapOutsideCode(l string, f func(string) string) string {
	if !strings.Contains(l, "`") {
		return f(l)
	}
	var b strings.Builder
	var spans []string
	i := 0
	for i < len(l) {
		j := strings.IndexByte(l[i:], '`')
		if j < 0 {
			b.WriteString(l[i:])
			break
		}
		b.WriteString(l[i : i+j])
		i += j
		n := 0
		for i+n < len(l) && l[i+n] == '`' {
			n++
		}
		tick := l[i : i+n]
		k := strings.Index(l[i+n:], tick)
		if k < 0 {
			b.WriteString(l[i:])
			break
		}
		fmt.Fprintf(&b, "\x00%d\x00", len(spans))
		spans = append(spans, l[i:i+n+k+n])
		i += n + k + n
	}
	s := f(b.String())
	for k := len(spans) - 1; k >= 0; k-- {
		s = strings.Replace(s, fmt.Sprintf("\x00%d\x00", k), spans[k], 1)
	}
	return s
}

var knownLangs = map[string]bool{"text": true, "console": true, "toml": true, "sh": true, "shell": true,
	"bash": true, "json": true, "c": true, "cpp": true, "markdown": true, "md": true, "rust": true, "yaml": true}

// rustInfo turns a rustdoc info string ("compile_fail,E0382", "ignore (x)",
// "edition2018", "") into "rust", keeping real language names.
func rustInfo(info string) string {
	info = strings.TrimSpace(info)
	first := strings.FieldsFunc(info, func(r rune) bool { return r == ',' || r == ' ' || r == '(' })
	if len(first) > 0 && knownLangs[first[0]] && first[0] != "rust" {
		return first[0]
	}
	return "rust"
}

// ---- summaries ----

var headingLine = regexp.MustCompile(`^\s{0,3}#{1,6}\s`)

// firstParagraph returns the first prose paragraph of a cleaned body,
// skipping headings, notes, fences, shortcodes and setext underlines.
func firstParagraph(body string) string {
	var para []string
	inFence := false
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if fenceRe.MatchString(l) {
			if len(para) > 0 {
				break
			}
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if t == "" {
			if len(para) > 0 {
				break
			}
			continue
		}
		if headingLine.MatchString(l) || strings.HasPrefix(t, "{{") || strings.HasPrefix(t, "{%") ||
			strings.HasPrefix(t, "|") || strings.HasPrefix(t, ">") || strings.Trim(t, "=-") == "" {
			if len(para) > 0 {
				break
			}
			continue
		}
		if i+1 < len(lines) { // setext heading
			nt := strings.TrimSpace(lines[i+1])
			if len(nt) >= 3 && (strings.Trim(nt, "=") == "" || strings.Trim(nt, "-") == "") && len(para) == 0 {
				continue
			}
		}
		t = strings.TrimLeft(t, "*-+ ")
		para = append(para, t)
	}
	return plain(strings.Join(para, " "))
}

var (
	anyLink  = regexp.MustCompile(`\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)]*\)`)
	autoLink = regexp.MustCompile(`<(https?://[^>]+)>`)
	emph     = regexp.MustCompile(`\*\*|__`)
	spaces   = regexp.MustCompile(`\s+`)
)

func plain(s string) string {
	s = anyLink.ReplaceAllString(s, "$1")
	s = autoLink.ReplaceAllString(s, "$1")
	s = emph.ReplaceAllString(s, "")
	return strings.TrimSpace(spaces.ReplaceAllString(s, " "))
}

// firstSentence cuts s after the first ". ", "! " or "? " outside code spans.
func firstSentence(s string) string {
	inCode := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '`':
			inCode = !inCode
		case '.', '!', '?':
			if !inCode && i+1 < len(s) && s[i+1] == ' ' && i > 0 && s[i-1] != '.' && !abbrevBefore(s[:i]) {
				return s[:i+1]
			}
		}
	}
	return s
}

func abbrevBefore(s string) bool {
	for _, a := range []string{"e.g", "i.e", "etc", "vs"} {
		if strings.HasSuffix(s, a) {
			return true
		}
	}
	return false
}

// trimTo shortens s to at most max runes at a word boundary, adding "…".
func trimTo(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	cut := string(r[:max-1])
	if i := strings.LastIndex(cut, " "); i > max/2 {
		cut = cut[:i]
	}
	// do not leave an unbalanced code span
	if strings.Count(cut, "`")%2 == 1 {
		if i := strings.LastIndex(cut, "`"); i > 0 {
			cut = strings.TrimRight(cut[:i], " ")
		}
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// ---- Hugo site ----

func writeHugoSite(dir string) error {
	files := map[string]string{
		"hugo.toml":                    hugoToml,
		"layouts/_default/baseof.html": hugoBaseof,
		"layouts/_default/single.html": hugoSingle,
		"layouts/_default/list.html":   hugoList,
		"layouts/index.html":           hugoIndex,
		"layouts/404.html":             hugo404,
		"static/style.css":             hugoCSS,
	}
	names := make([]string, 0, len(files))
	for k := range files {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			return err
		}
	}
	return os.MkdirAll(filepath.Join(dir, "content"), 0o755)
}

const hugoToml = `baseURL = "https://bench.example/"
title = "Bench corpus"
languageCode = "en"
disableKinds = ["taxonomy", "term", "RSS"]
enableRobotsTXT = true

[markup.highlight]
  noClasses = false

[markup.tableOfContents]
  startLevel = 2
  endLevel = 3

[markup.goldmark.renderer]
  unsafe = false
`

const hugoBaseof = `<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
{{ with .Params.summary }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<form action="{{ "search/" | relURL }}" role="search"><input type="search" name="q" aria-label="Search"></form>
</header>
{{ if not .IsHome }}<nav aria-label="Breadcrumb"><a href="{{ "/" | relURL }}">Home</a>{{ with .Parent }}{{ if not .IsHome }} › <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}</nav>{{ end }}
<main>
{{ block "main" . }}{{ end }}
</main>
<footer>{{ .Site.Title }}</footer>
</body>
</html>
`

const hugoSingle = `{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ with .Params.errors }}<p class="errors">{{ range . }}<code>{{ . }}</code> {{ end }}</p>{{ end }}
{{ with .Params.tags }}<p class="tags">{{ range . }}<span>{{ . }}</span> {{ end }}</p>{{ end }}
{{ $toc := .TableOfContents }}{{ if ne (string $toc) "<nav id=\"TableOfContents\"></nav>" }}<aside class="toc">{{ $toc }}</aside>{{ end }}
<div class="content">
{{ .Content }}
</div>
<nav class="prevnext">
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">← {{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }} →</a>{{ end }}
</nav>
</article>
{{ end }}
`

const hugoList = `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
<ul class="pages">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}</ul>
{{ end }}
`

const hugoIndex = `{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
{{ range .Sections }}
<section>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
</section>
{{ end }}
{{ end }}
`

const hugo404 = `{{ define "main" }}
<h1>Page not found</h1>
<p><a href="{{ "/" | relURL }}">Home</a></p>
{{ end }}
`

const hugoCSS = `body{font:1rem/1.5 system-ui,sans-serif;max-width:48rem;margin:auto;padding:1rem;color:#111}
pre{overflow:auto;padding:.5rem;background:#f6f6f6}
.chroma .k,.chroma .kd,.chroma .kn{color:#00a;font-weight:bold}.chroma .s,.chroma .s2{color:#a31515}.chroma .c,.chroma .c1{color:#080}
`

// uniqueCode adds a "// copy N" line at the top of every fenced code block.
func uniqueCode(body string, copyNo int) string {
	if copyNo == 0 {
		return body
	}
	lines := strings.SplitAfter(body, "\n")
	var b strings.Builder
	open := ""
	for _, l := range lines {
		b.WriteString(l)
		t := strings.TrimSpace(l)
		switch {
		case open == "" && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")):
			open = t[:3]
			// The fence's own indent keeps the line inside a list item's fence.
			indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
			fmt.Fprintf(&b, "%s// copy %d\n", indent, copyNo+1)
		case open != "" && strings.HasPrefix(t, open) && strings.Trim(t, open[:1]) == "":
			open = ""
		}
	}
	return b.String()
}
