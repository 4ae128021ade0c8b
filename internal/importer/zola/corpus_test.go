package zola_test

import (
	"cmp"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"deskbook/builder"
	"deskbook/internal/frontmatter"
	"deskbook/internal/importer/zola"
)

// corpus is the Organic Maps website, a Zola site in 34 languages (see
// ../shared/corpora/organicmaps/SOURCE.txt); its config.toml is not in
// the snapshot.
const corpus = "../../../../shared/corpora/organicmaps/content"

// corpusConfig is what the site's config.toml says that the import
// reads: English by default, [slugify] paths = "safe" (its URLs keep
// Cyrillic slugs), and a [languages.<code>] table for each language, the
// languages being those of its _index.<code>.md files.
func corpusConfig(t *testing.T, src fs.FS) []byte {
	t.Helper()
	codes := map[string]bool{}
	err := fs.WalkDir(src, ".", func(p string, e fs.DirEntry, err error) error {
		if stem, code, ok := strings.Cut(strings.TrimSuffix(path.Base(p), ".md"), "."); ok && err == nil && stem == "_index" {
			codes[code] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := "default_language = \"en\"\n\n[slugify]\npaths = \"safe\"\n"
	for _, c := range slices.Sorted(maps.Keys(codes)) {
		cfg += "\n[languages." + c + "]\n"
	}
	return []byte(cfg)
}

// sourcePages counts the pages of the source per language (en, uk, ru)
// and lists their aliases: and path: entries.
func sourcePages(t *testing.T, src fs.FS) (map[string]int, []string) {
	t.Helper()
	count := map[string]int{}
	var old []string
	err := fs.WalkDir(src, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		stem, lang := zola.SplitName(path.Base(p), "en", "uk", "ru")
		if stem == "_index" || (stem == "index" && path.Dir(p) == ".") || strings.Contains(stem, ".") {
			return nil // a section, the home page, or another language
		}
		count[cmp.Or(lang, "en")]++
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		header, _, _, format, err := frontmatter.Split(data)
		if err != nil {
			return nil
		}
		fields, _ := frontmatter.Parse(format, header, 2)
		for _, f := range fields {
			switch list, _ := f.Texts(); f.Key {
			case "aliases", "path":
				old = append(old, list...)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return count, old
}

// TestImportCorpus imports the Organic Maps website in en, uk and ru and
// builds it: no errors, every page in its language with its translations
// linked, every alias and path of the source a redirect to its page (or
// the page's own URL), the news sorted newest first.
func TestImportCorpus(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("corpus not present: %v", err)
	}
	src := os.DirFS(corpus)
	out := filepath.Join(t.TempDir(), "content")
	start := time.Now()
	rep, err := zola.Import(src, out, zola.Options{
		Languages: []string{"en", "uk", "ru"}, SourceName: "organicmaps/content", Config: corpusConfig(t, src),
	})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	t.Logf("import: %d pages in %v, per language %v; shortcodes %+v", rep.Pages, took.Round(time.Millisecond), rep.Languages, rep.Shortcodes)
	t.Logf("import: links rewritten %d, unresolved %d, anchors dropped %d, images missing %d, aliases %+v, dated %d, raw HTML in %d pages, warnings %d",
		rep.LinksRewritten, rep.LinksUnresolved, rep.AnchorsDropped, rep.ImagesMissing, rep.Aliases, rep.DateSorted, len(rep.RawHTML), len(rep.Warnings))
	for _, d := range rep.Warnings {
		t.Logf("import: %s", d)
	}
	want, old := sourcePages(t, src)

	for _, drafts := range []bool{false, true} {
		res, pub := build(t, out, drafts)
		t.Logf("build (drafts %v): %d articles, %d categories, %d pages, %d warnings, 0 errors",
			drafts, len(res.Site.Articles), len(res.Site.Categories), res.Pages, len(res.Diagnostics.Warnings()))
		if !drafts {
			continue
		}
		checkCorpusPages(t, res, want)
		checkCorpusRedirects(t, res, pub, old)
		checkNewestFirst(t, res)
	}
}

// checkCorpusPages checks the pages per language and their translations.
func checkCorpusPages(t *testing.T, res *builder.Result, want map[string]int) {
	got := map[string]int{}
	byID := map[int]map[string]*builder.Article{}
	for _, a := range res.Site.Articles {
		got[a.Lang]++
		if byID[a.Meta.ID] == nil {
			byID[a.Meta.ID] = map[string]*builder.Article{}
		}
		byID[a.Meta.ID][a.Lang] = a
	}
	for _, l := range []string{"en", "uk", "ru"} {
		if got[l] != want[l] {
			t.Errorf("%s articles = %d, want %d (the %s pages of the source)", l, got[l], want[l], l)
		}
	}
	for _, vs := range byID {
		if uk, en := vs["uk"], vs["en"]; uk != nil && en != nil && !slices.Contains(uk.Translations, en) {
			t.Errorf("%s does not list its en version %s", uk.URL, en.URL)
		}
	}
}

// checkCorpusRedirects checks that every alias and path of the source is
// in _redirects, or is the URL of a page of the built site.
func checkCorpusRedirects(t *testing.T, res *builder.Result, pub string, old []string) {
	red := map[string]bool{}
	for from := range redirects(t, pub) {
		if p, err := url.PathUnescape(from); err == nil {
			red[p] = true
		}
	}
	pages := map[string]bool{}
	for _, a := range res.Site.Articles {
		pages["/"+a.URL] = true
	}
	inRedirects := 0
	for _, o := range old {
		p, _ := url.PathUnescape(o)
		p = "/" + strings.Trim(path.Clean("/"+p), "/") + "/"
		switch {
		case red[p]:
			inRedirects++
		case pages[p]:
		default:
			t.Errorf("old URL %s is neither in _redirects nor a page", o)
		}
	}
	t.Logf("aliases and paths of the source: %d, in _redirects %d, the page's own URL %d; _redirects has %d lines",
		len(old), inRedirects, len(old)-inRedirects, len(red))
	if len(old) == 0 {
		t.Errorf("no aliases found in the source")
	}
}

// checkNewestFirst checks that the news, sorted by date in Zola, are
// listed newest first.
func checkNewestFirst(t *testing.T, res *builder.Result) {
	n := 0
	for _, c := range res.Site.Categories {
		if !strings.HasSuffix(c.URL, "/news/") {
			continue
		}
		for i := 1; i < len(c.Articles); i++ {
			if a, b := c.Articles[i-1], c.Articles[i]; a.Meta.Date.Before(b.Meta.Date) {
				t.Errorf("%s: %s (%s) is listed before the newer %s (%s)", c.URL, a.URL, a.Meta.Date.Format(time.DateOnly), b.URL, b.Meta.Date.Format(time.DateOnly))
			}
			n++
		}
	}
	if n == 0 {
		t.Errorf("no news category with more than one entry")
	}
}
