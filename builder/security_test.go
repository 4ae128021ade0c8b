package builder

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/internal/cache"
	"deskbook/internal/diag"
	"deskbook/internal/sitetest"
	"deskbook/themes"

	"github.com/gofrs/flock"
)

// TestSymbolicLinksStayInside: a link to a file inside the source folder
// is read as that file (an article or a screenshot), and said so; a link
// that leads out of the folder, directly or through a linked folder, is
// not read, and said so; nothing from outside reaches the site.
func TestSymbolicLinksStayInside(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	sitetest.WriteTree(t, src, `
-- site.yaml --
title: "Links"
-- guides/real.md --
---
title: "Real"
id: 1
summary: "The article the link leads to."
---
![A screenshot](shots/real.png)
-- guides/shots/real.png --
PNG
-- guides/_source.md --
---
title: "Read through a link"
id: 3
summary: "The file the link alias.md leads to; names with _ are no articles."
---
Text.
-- guides/uses-link.md --
---
title: "Uses the linked image"
id: 2
summary: "Shows the image through a link."
---
![The linked screenshot](shots/linked.png)
`)
	sitetest.WriteFile(t, filepath.Join(dir, "secret.txt"), "secret from outside")
	sitetest.WriteFile(t, filepath.Join(dir, "outside", "also.md"), "---\ntitle: \"Outside\"\nid: 9\n---\nsecret from outside\n")
	for link, target := range map[string]string{
		"guides/alias.md":         "_source.md",       // inside: an article
		"guides/shots/linked.png": "real.png",         // inside: an image
		"guides/etc.md":           "/etc/hostname",    // outside, absolute
		"guides/up.txt":           "../../secret.txt", // outside, relative
		"guides/folder":           "../../outside",    // a folder outside
		"guides/through.md":       "folder/also.md",   // inside by name, outside through the linked folder
		"guides/broken.md":        "nothing-there.md", // broken
	} {
		if err := os.Symlink(target, filepath.Join(src, filepath.FromSlash(link))); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	root, err := os.OpenRoot(src)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	out := filepath.Join(dir, "public")
	res, err := Build(context.Background(), Config{Source: root.FS(), SourceName: "content", Theme: themes.Default(), Out: out})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	warned := map[string]string{}
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Warning && strings.Contains(d.Msg, "symbolic link") {
			warned[strings.TrimPrefix(d.Path, "content/")] = d.Msg
		}
	}
	for link, want := range map[string]string{
		"guides/alias.md": "read as that file", "guides/shots/linked.png": "read as that file",
		"guides/etc.md": "not read", "guides/up.txt": "not read", "guides/folder": "not read",
		"guides/through.md": "not read", "guides/broken.md": "not read",
	} {
		if !strings.Contains(warned[link], want) {
			t.Errorf("%s: warning %q, want one saying %q", link, warned[link], want)
		}
	}
	sitetest.Read(t, out, "en/guides/alias/index.html")
	sitetest.Read(t, out, "en/guides/shots/linked.png")
	err = filepath.Walk(out, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), "secret from outside") {
				t.Errorf("%s has text from outside the source folder", p)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestOutputInsideSourceIsNotContent: building with the output folder
// inside the source (cd site && deskbook build --source .) must not
// publish the previous site inside the next one.
func TestOutputInsideSourceIsNotContent(t *testing.T) {
	src := t.TempDir()
	sitetest.WriteTree(t, src, sitetest.Small)
	out := filepath.Join(src, "public")
	var first *Result
	for i := range 2 {
		res, err := Build(context.Background(), Config{Source: os.DirFS(src), SourceName: ".", Theme: themes.Default(), Out: out})
		if err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
		if i == 0 {
			first = res
			continue
		}
		if res.Files != first.Files || len(res.Site.Articles) != len(first.Site.Articles) {
			t.Errorf("second build: %d files, %d articles; first: %d, %d", res.Files, len(res.Site.Articles), first.Files, len(first.Site.Articles))
		}
	}
	if _, err := os.Stat(filepath.Join(out, "en", "public")); err == nil {
		t.Error("the first build's output is published inside the second")
	}
}

// TestControlCharactersInNames: a file name with a line break would split
// its line of the URL ledger; it is refused with its own diagnostic.
func TestControlCharactersInNames(t *testing.T) {
	src := fstest.MapFS{
		"site.yaml":           {Data: []byte("title: x\n")},
		"guides/ok.md":        {Data: []byte("---\ntitle: \"Ok\"\nid: 1\nsummary: \"s\"\n---\nText.\n")},
		"guides/new\nline.md": {Data: []byte("---\ntitle: \"Bad name\"\nid: 2\nsummary: \"s\"\n---\nText.\n")},
	}
	_, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default()})
	if err == nil || !strings.Contains(err.Error(), "control character") {
		t.Fatalf("err = %v, want the name refused", err)
	}
}

// TestCRLFNeverReachesCode: a file saved with Windows line ends shows its
// code blocks without stray carriage returns.
func TestCRLFNeverReachesCode(t *testing.T) {
	article := strings.ReplaceAll("---\ntitle: \"Windows\"\nid: 1\nsummary: \"s\"\n---\nRun:\n\n```sh\nnet stop spooler\nnet start spooler\n```\n", "\n", "\r\n")
	res, _ := mustBuild(t, "-- site.yaml --\ntitle: x\n-- guides/win.md --\n"+article)
	if html := bodyOf(t, res.Site.Articles[0]); strings.Contains(html, "\r") || !strings.Contains(html, "spooler") {
		t.Errorf("article HTML has a carriage return: %q", html)
	}
}

// TestURLsDifferingOnlyInCase: One.md beside one.md, or a folder Errors
// beside errors, would overwrite each other on macOS and Windows; the
// same name in composed and decomposed Unicode is one URL.
func TestURLsDifferingOnlyInCase(t *testing.T) {
	art := func(id string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: \"A " + id + "\"\nid: " + id + "\nsummary: \"s\"\n---\nText.\n")}
	}
	for name, src := range map[string]fstest.MapFS{
		"file":    {"g/One.md": art("1"), "g/one.md": art("2")},
		"folder":  {"Guides/a.md": art("1"), "guides/b.md": art("2")},
		"unicode": {"g/caf\u00e9.md": art("1"), "g/cafe\u0301.md": art("2")},
	} {
		src["site.yaml"] = &fstest.MapFile{Data: []byte("title: x\n")}
		_, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default()})
		if err == nil || !strings.Contains(err.Error(), "only in the case") && !strings.Contains(err.Error(), "two articles on one URL") {
			t.Errorf("%s: err = %v, want a clash reported", name, err)
		}
	}
}

// TestBrokenLedgerLinesDoNotStopBuilds: a file name with a line break
// once split its line of the URL ledger in two; a line that names no URL
// (that half, a huge garbled line, a line given twice) is a warning and
// leaves the ledger, so builds go on after the file is renamed.
func TestBrokenLedgerLinesDoNotStopBuilds(t *testing.T) {
	src := fstest.MapFS{
		"site.yaml":         {Data: []byte("title: x\n")},
		"guides/a.md":       {Data: []byte("---\ntitle: \"A\"\nid: 1\nsummary: \"s\"\n---\nText.\n")},
		"guides/renamed.md": {Data: []byte("---\ntitle: \"Renamed\"\nid: 2\nsummary: \"s\"\n---\nText.\n")},
		LedgerFile:          {Data: []byte("en/guides/a/ 1\nen/guides/new\nline/ 2\n" + strings.Repeat("x ", 1<<20) + "3\nen/guides/a/ 1\n")},
	}
	res, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default()})
	if err != nil {
		t.Fatalf("build: %.500v", err)
	}
	if n := strings.Count(fmt.Sprint(res.Diagnostics), "left out of the ledger"); n != 3 {
		t.Errorf("want 3 warnings about left-out lines, got %d:\n%.2000s", n, res.Diagnostics)
	}
	if got := string(res.Ledger); strings.Contains(got, "en/guides/new ") || strings.Contains(got, "x x") || strings.Count(got, "en/guides/a/ 1") != 1 {
		t.Errorf("ledger after the build:\n%.300s", got)
	}
}

// TestLedgerNonsenseIsWarned: each line of the ledger that names no URL
// is a warning at its line, saying why.
func TestLedgerNonsenseIsWarned(t *testing.T) {
	src := fstest.MapFS{
		"site.yaml":  {Data: []byte("title: x\n")},
		"a/other.md": {Data: []byte("---\ntitle: \"Other\"\nid: 1\nsummary: \"s\"\n---\nText.\n")},
		LedgerFile:   {Data: []byte("# fine\nen/a/other/ 1\nthis is not a ledger line\n/en/../etc/ 4\nen/a/y/ banana\nen/a/other/ 1\n")},
	}
	res, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	all := fmt.Sprint(res.Diagnostics.Warnings())
	for _, want := range []string{"content/published-urls.txt:3: warning: want a URL and an article id", `content/published-urls.txt:4: warning: "/en/../etc/" is not a site URL`,
		`content/published-urls.txt:5: warning: id "banana"`, "content/published-urls.txt:6: warning: en/a/other/ is listed twice (also on line 2)"} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
}

// TestUnreadableFrontMatterIsOneError: a header that does not parse is
// one error for its file; nothing follows from it (missing title or id,
// a published URL said to vanish, links to the article, lint findings).
func TestUnreadableFrontMatterIsOneError(t *testing.T) {
	src := fstest.MapFS{
		"site.yaml":   {Data: []byte("title: x\nbase_url: https://help.example/\n")},
		"guides/a.md": {Data: []byte("---\ntitle: \"Broken: [unclosed\nid: 5\nkind: howto\n---\n## Steps\n\nText.\n")},
		"guides/b.md": {Data: []byte("---\ntitle: \"B\"\nid: 6\nsummary: \"s\"\n---\nSee [a](a.md#steps) and [by id](/a/5/).\n")},
		LedgerFile:    {Data: []byte("en/guides/a/ 5\nen/guides/b/ 6\n")},
	}
	_, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default()})
	var ce *diag.ContentError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want the header's error", err)
	}
	if errs := ce.Diagnostics.Errors(); len(errs) != 1 || errs[0].Path != "content/guides/a.md" || !strings.Contains(errs[0].Msg, "front matter") {
		t.Errorf("want one error about a.md's front matter, got:\n%s", ce.Diagnostics)
	}
	for _, w := range ce.Diagnostics.Warnings() {
		if w.Path == "content/guides/a.md" {
			t.Errorf("a finding about the broken article: %s", w)
		}
	}
}

// TestSiteFilesSpeakTheWritersWords: an unknown key in site.yaml or a
// _category.yaml is named with its file, line and the key meant; a value
// of the wrong type is said in words; every problem is reported at once.
func TestSiteFilesSpeakTheWritersWords(t *testing.T) {
	src := fstest.MapFS{
		"site.yaml":             {Data: []byte("title: x\nbase_ulr: https://help.example/\nlanguages:\n  - code: en\n    nmae: English\nlint:\n  max_image_widht: 800\nunsafe_html: maybe\n")},
		"guides/_category.yaml": {Data: []byte("title: Guides\norder: first\ndescripton: All guides.\n")},
		"guides/a.md":           {Data: []byte("---\ntitle: \"A\"\nid: 1\nsummary: \"s\"\n---\nText.\n")},
	}
	_, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default()})
	if err == nil {
		t.Fatal("no errors")
	}
	for _, want := range []string{
		`content/site.yaml:2: unknown key "base_ulr" (did you mean base_url?)`,
		`content/site.yaml:5: unknown key "languages.nmae" (did you mean name?)`,
		`content/site.yaml:7: unknown key "lint.max_image_widht" (did you mean max_image_width?)`,
		`content/site.yaml:8: "maybe" has the wrong type: want true or false`,
		`content/guides/_category.yaml:2: "first" has the wrong type: want a whole number`,
		`content/guides/_category.yaml:3: unknown key "descripton" (did you mean description?)`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "struct") || strings.Contains(err.Error(), "field") {
		t.Errorf("errors speak Go:\n%v", err)
	}
}

// TestSiteURLsAreChecked: base_url and support end in every page; a
// javascript: URL or a typo is an error at its line, never a link.
func TestSiteURLsAreChecked(t *testing.T) {
	for _, tc := range []struct {
		yaml, want string
	}{
		{"base_url: \"javascript:alert(1)//\"", `content/site.yaml:2: base_url: "javascript:alert(1)//"`},
		{"base_url: help.example.com", `content/site.yaml:2: base_url: "help.example.com"`},
		{"support: \"javascript:alert(2)\"", `content/site.yaml:2: support: "javascript:alert(2)"`},
		{"support: help@example.com", `content/site.yaml:2: support: "help@example.com"`},
	} {
		src := fstest.MapFS{
			"site.yaml":   {Data: []byte("title: x\n" + tc.yaml + "\n")},
			"guides/a.md": {Data: []byte("---\ntitle: \"A\"\nid: 1\nsummary: \"s\"\n---\nText.\n")},
		}
		_, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default()})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.yaml, err, tc.want)
		}
	}
	for _, ok := range []string{"base_url: https://help.example/docs/", "base_url: /help/", "support: mailto:help@example.com", "support: https://example.com/contact?article={id}&t={title}"} {
		src := fstest.MapFS{
			"site.yaml":   {Data: []byte("title: x\n" + ok + "\n")},
			"guides/a.md": {Data: []byte("---\ntitle: \"A\"\nid: 1\nsummary: \"s\"\n---\nText.\n")},
		}
		if _, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default()}); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
}

// TestHeadingsNeverTakeTheThemesIDs: a heading whose text makes one of the
// theme's own ids (## Main) gets another; a heading the writer gives such
// an id ({#search-q}) is an error.
func TestHeadingsNeverTakeTheThemesIDs(t *testing.T) {
	res, _ := mustBuild(t, "-- site.yaml --\ntitle: x\n-- guides/a.md --\n---\ntitle: \"A\"\nid: 1\nsummary: \"s\"\n---\n## Main\n\n## Search q\n\n## DB toc\n")
	html := bodyOf(t, res.Site.Articles[0])
	for _, want := range []string{`<h2 id="main-1">`, `<h2 id="search-q-1">`, `<h2 id="db-toc-1">`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	_, _, err := build(t, "-- site.yaml --\ntitle: x\n-- guides/a.md --\n---\ntitle: \"A\"\nid: 1\nsummary: \"s\"\n---\nText.\n\n## Find {#search-q}\n")
	if err == nil || !strings.Contains(err.Error(), "content/guides/a.md:8: heading id #search-q is one the theme's pages use") {
		t.Errorf("err = %v, want the custom id refused at its line", err)
	}
}

// TestBuildsIntoOneOutputTakeTurns: builds started at once into one
// output folder either finish or say that another build is writing it;
// none fails on the other's half-done stage folder, and the output is
// whole afterwards.
func TestBuildsIntoOneOutputTakeTurns(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	src := sitetest.FS(t, sitetest.Small)
	errs := make(chan error, 4)
	for range cap(errs) {
		go func() {
			_, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default(), Out: out})
			errs <- err
		}()
	}
	done := 0
	for range cap(errs) {
		switch err := <-errs; {
		case err == nil:
			done++
		case !errors.Is(err, ErrOutputBusy):
			t.Errorf("a build failed otherwise: %v", err)
		}
	}
	if done == 0 {
		t.Error("no build finished")
	}
	if _, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default(), Out: out}); err != nil {
		t.Fatalf("a build after them: %v", err)
	}
	sitetest.Read(t, out, "en/errors/disk-full/index.html")

	// A build that holds the lock (here, the test) keeps others out, and
	// they say so.
	state, err := cache.ForOutput(out)
	if err != nil {
		t.Fatal(err)
	}
	lock := flock.New(state.Lock())
	if err := lock.Lock(); err != nil {
		t.Fatal(err)
	}
	defer lock.Unlock()
	_, err = Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default(), Out: out})
	if !errors.Is(err, ErrOutputBusy) || !strings.Contains(err.Error(), "another deskbook build is writing") {
		t.Errorf("err = %v, want ErrOutputBusy", err)
	}
}

// TestFileNamesWithURLCharacters: a file named h#x.md, q?.md, 100%.md,
// %2e%2e.md, "sp ace.md" or a:b.md is linked by a URL that leads to its
// own page, from other pages, the sitemap, the search index and
// _redirects; none of them reads as a fragment, a query, an escape, a
// parent folder or a scheme.
func TestFileNamesWithURLCharacters(t *testing.T) {
	names := []string{"h#x", "q?", "100%", "%2e%2e", "sp ace", "a:b", "café"}
	site := "-- site.yaml --\ntitle: x\nbase_url: https://help.example/\n"
	for i, n := range names {
		site += fmt.Sprintf("-- g/%s.md --\n---\ntitle: \"Page %d\"\nid: %d\nsummary: \"s\"\naliases: [\"/old/%s/\"]\n---\nText.\n", n, i+1, i+1, n)
	}
	site += "-- g/links.md --\n---\ntitle: \"Links\"\nid: 99\nsummary: \"s\"\n---\n"
	for _, n := range names {
		site += fmt.Sprintf("[%s](./%s)\n", n, (&url.URL{Path: n + ".md"}).EscapedPath()) // ./: a:b.md alone would read as a scheme
	}
	res, out := mustBuild(t, site)
	page := "https://help.example/en/g/links/"
	links := sitetest.Read(t, out, "en/g/links/index.html")
	sitemap := sitetest.Read(t, out, "sitemap.xml")
	redirects := sitetest.Read(t, out, "_redirects")
	for _, n := range names {
		want := "/en/g/" + n + "/" // the output folder holds the name as it is
		if _, err := os.Stat(filepath.Join(out, "en", "g", n, "index.html")); err != nil {
			t.Errorf("%s: no page: %v", n, err)
		}
		if got := resolveAll(t, page, links, ">"+n+"<"); got != want {
			t.Errorf("%s: a link from another article leads to %q, want %q", n, got, want)
		}
		loc := "https://help.example" + (&url.URL{Path: want}).EscapedPath()
		if !strings.Contains(sitemap, "<loc>"+strings.ReplaceAll(loc, ":b", "%3Ab")+"</loc>") {
			t.Errorf("%s: sitemap lacks %s", n, loc)
		}
		if strings.Contains(redirects, " "+want+" ") {
			t.Errorf("%s: _redirects has the name unescaped", n)
		}
	}
	for _, a := range res.Site.Articles {
		if d := searchDoc(a); strings.ContainsAny(d.URL, "#? ") {
			t.Errorf("search index URL %q is not escaped", d.URL)
		}
	}
}

// resolveAll finds the href of the link whose text is marked and returns
// the path it leads to from page, as a browser resolves it.
func resolveAll(t *testing.T, page, html, mark string) string {
	t.Helper()
	i := strings.Index(html, mark)
	if i < 0 {
		t.Fatalf("no link %s", mark)
	}
	j := strings.LastIndex(html[:i], `href="`)
	href := html[j+len(`href="`) : j+len(`href="`)+strings.Index(html[j+len(`href="`):], `"`)]
	base, _ := url.Parse(page)
	ref, err := url.Parse(strings.ReplaceAll(href, "&amp;", "&"))
	if err != nil {
		t.Fatalf("href %q: %v", href, err)
	}
	if ref.Scheme != "" {
		t.Fatalf("href %q reads as a URL with a scheme", href)
	}
	return base.ResolveReference(ref).Path
}
