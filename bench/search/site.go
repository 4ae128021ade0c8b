package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"deskbook/internal/importer/zola"
)

// The corpus site is what both engines index: the Organic Maps help
// centre (FAQ, news, donate, privacy; English, Ukrainian, Russian) through
// "deskbook import zola", and the rustc error-code explanations as English
// error articles in en/rust-errors/. Both are read from the shared corpora
// by path; nothing of them is copied into the repository.

// corpusDirs are the corpora the site needs, relative to the corpora folder.
var corpusDirs = []string{"organicmaps/content", "rust-error-codes/error_codes"}

// haveCorpora reports whether the corpora folder has what makeSource reads.
func haveCorpora(corpora string) bool {
	for _, d := range corpusDirs {
		if fi, err := os.Stat(filepath.Join(corpora, d)); err != nil || !fi.IsDir() {
			return false
		}
	}
	return true
}

// makeSource writes the deskbook source folder of the corpus site to dst
// (which must not exist or be empty).
func makeSource(corpora, dst string) error {
	om := filepath.Join(corpora, "organicmaps", "content")
	if _, err := zola.Import(os.DirFS(om), dst, zola.Options{
		Languages: []string{"en", "uk", "ru"}, Title: "Help centre", SourceName: om,
	}); err != nil {
		return fmt.Errorf("importing %s: %w", om, err)
	}
	return writeRustErrors(filepath.Join(corpora, "rust-error-codes", "error_codes"), filepath.Join(dst, "en", "rust-errors"))
}

var (
	codeFileRe = regexp.MustCompile(`^E(\d{4})\.md$`)
	inlineRe   = regexp.MustCompile(`(!?)\[([^\]\n]*)\]\(([^)\s]*)\)`)
	refDefRe   = regexp.MustCompile(`(?m)^\[([^\]\n]+)\]:[ \t]*(\S+).*$`)
	schemeRe   = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)
	codeRefRe  = regexp.MustCompile(`^(E\d{4})\.html(#.*)?$`)
	fenceRe    = regexp.MustCompile("(?m)^(\\s*```+)[^`\\n]*$")
)

// writeRustErrors turns each E*.md into a kind: error article with its
// code in errors:, its first sentence as summary and "E0382: <summary>"
// as title. Links to other error pages become links to their articles;
// links to the Rust book and std docs (relative in the corpus) become
// their text, since they are not part of this site.
func writeRustErrors(src, dst string) error {
	ents, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	codes := map[string]bool{}
	var files []string
	for _, e := range ents {
		if m := codeFileRe.FindStringSubmatch(e.Name()); m != nil {
			codes["E"+m[1]] = true
			files = append(files, e.Name())
		}
	}
	sort.Strings(files)
	if len(files) == 0 {
		return fmt.Errorf("%s: no E*.md files", src)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	cat := "title: Rust compiler errors\norder: 90\ndescription: What each rustc error code means and how to fix it.\n"
	if err := os.WriteFile(filepath.Join(dst, "_category.yaml"), []byte(cat), 0o644); err != nil {
		return err
	}
	link := func(target string) (string, bool) {
		if schemeRe.MatchString(target) || strings.HasPrefix(target, "#") {
			return target, true
		}
		if m := codeRefRe.FindStringSubmatch(target); m != nil && codes[m[1]] {
			return strings.ToLower(m[1]) + ".md" + m[2], true
		}
		return "", false
	}
	for _, name := range files {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			return err
		}
		code := strings.TrimSuffix(name, ".md")
		num, _ := strconv.Atoi(code[1:])
		body := string(b)
		body = inlineRe.ReplaceAllStringFunc(body, func(s string) string {
			m := inlineRe.FindStringSubmatch(s)
			if t, ok := link(m[3]); ok {
				return m[1] + "[" + m[2] + "](" + t + ")"
			}
			return m[2] // an image or a page outside this site: its text
		})
		body = refDefRe.ReplaceAllStringFunc(body, func(s string) string {
			m := refDefRe.FindStringSubmatch(s)
			if strings.HasPrefix(m[1], "^") {
				return s // a footnote
			}
			if t, ok := link(m[2]); ok {
				return "[" + m[1] + "]: " + t
			}
			return ""
		})
		// rustdoc fence attributes (compile_fail,E0382, ignore, edition2018) → rust.
		body = fenceRe.ReplaceAllStringFunc(body, func(s string) string {
			m := fenceRe.FindStringSubmatch(s)
			if strings.TrimSpace(s) == strings.TrimSpace(m[1]) {
				return s // a closing fence
			}
			return m[1] + "rust"
		})
		summary := rustSummary(body)
		title := code + ": " + clip(summary, 80)
		fm := fmt.Sprintf("---\ntitle: %s\nid: %d\nkind: error\nsummary: %s\nerrors: [%q]\ntags: [rust]\n---\n\n",
			strconv.Quote(title), 100000+num, strconv.Quote(clip(summary, 160)), code)
		if err := os.WriteFile(filepath.Join(dst, strings.ToLower(code)+".md"), []byte(fm+body), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// rustSummary is the first sentence of the first paragraph that is not the
// "no longer emitted" note.
func rustSummary(body string) string {
	for _, p := range strings.Split(body, "\n\n") {
		p = strings.TrimSpace(p)
		if p == "" || strings.HasPrefix(p, "#") || strings.HasPrefix(p, "```") {
			continue
		}
		p = strings.Join(strings.Fields(p), " ")
		p = strings.NewReplacer("`", "", "*", "").Replace(p)
		if i := strings.Index(p, ". "); i > 0 {
			p = p[:i+1]
		}
		return p
	}
	return ""
}

// clip cuts s to at most n characters at a space.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}
