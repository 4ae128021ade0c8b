package builder

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/internal/diag"
	"deskbook/themes"
)

const goodArticle = "---\ntitle: \"Other\"\nid: 1\n---\n## Real heading\n\nText.\n"

// TestBadInput checks that each kind of broken content gives a clear
// path:line diagnostic, fails the build, and leaves the previous output
// exactly as it was.
func TestBadInput(t *testing.T) {
	big := "---\ntitle: \"Big\"\nid: 9\n---\n" + strings.Repeat("A line of a pasted log that goes on and on.\n", 5<<20/44)
	cases := []struct {
		name  string
		files map[string]string
		want  []string // each must appear among the diagnostics
	}{
		{"missing front matter", map[string]string{"a/x.md": "Just some text.\n"},
			[]string{"content/a/x.md:1: missing front matter"}},
		{"unclosed front matter", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\n\nBody.\n"},
			[]string{"content/a/x.md:1: missing front matter"}},
		{"malformed front matter", map[string]string{"a/x.md": "---\ntitle: \"ok\"\nid: 5\ntags: [a, b\n---\nBody.\n"},
			[]string{"content/a/x.md:", "front matter: did not find expected ',' or ']'"}},
		{"front matter not a mapping", map[string]string{"a/x.md": "---\n- one\n- two\n---\nBody.\n"},
			[]string{"content/a/x.md:2: front matter must be key: value lines"}},
		{"wrong type", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: abc\n---\nBody.\n"},
			[]string{`content/a/x.md:3: id: want a positive whole number, got "abc"`}},
		{"wrong type list", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\ntags: {a: 1}\n---\nBody.\n"},
			[]string{"content/a/x.md:4: tags: want a list of texts, got a mapping"}},
		{"bad date", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\nupdated: yesterday\n---\nBody.\n"},
			[]string{`content/a/x.md:4: updated: want a date like 2026-11-01, got "yesterday"`}},
		{"unknown kind", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\nkind: faq\n---\nBody.\n"},
			[]string{`content/a/x.md:4: kind "faq": want one of`}},
		{"missing id", map[string]string{"a/x.md": "---\ntitle: \"x\"\n---\nBody.\n"},
			[]string{"content/a/x.md:1: missing id"}},
		{"missing title", map[string]string{"a/x.md": "---\nid: 5\n---\nBody.\n"},
			[]string{"content/a/x.md:1: missing title"}},
		{"duplicate id", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 1\n---\nBody.\n"},
			[]string{"content/a/x.md:3: duplicate id 1: also used by content/a/other.md"}},
		{"two articles on one URL", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\n---\nA.\n", "a/x/index.md": "---\ntitle: \"y\"\nid: 6\n---\nB.\n"},
			[]string{"two articles on one URL /en/a/x/"}},
		{"slug collision", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\nslug: other\n---\nA.\n"},
			[]string{"two articles on one URL /en/a/other/"}},
		{"link to missing article", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\n---\nFirst.\n\nSee [that](nope.md).\n"},
			[]string{`content/a/x.md:7: broken link "nope.md": there is no article a/nope.md`}},
		{"link to missing heading", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\n---\nSee [that](other.md#unreal-heading).\n"},
			[]string{`content/a/x.md:5: broken link "other.md#unreal-heading": content/a/other.md has no heading #unreal-heading`}},
		{"link to missing id", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\n---\nSee [that](/a/404/).\n"},
			[]string{`content/a/x.md:5: broken link "/a/404/": no article has id 404`}},
		{"link to missing anchor on same page", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\n---\n## Here\n\nSee [that](#there).\n"},
			[]string{`content/a/x.md:7: broken link "#there": this article has no heading #there`}},
		{"image outside source folder", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\n---\n![the password file](../../../etc/passwd.png)\n"},
			[]string{`content/a/x.md:5: image "../../../etc/passwd.png" points outside the source folder`}},
		{"missing image", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\n---\n![a screenshot](shot.png)\n"},
			[]string{`content/a/x.md:5: broken image "shot.png": there is no file a/shot.png`}},
		{"affects unknown id", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\nkind: changelog\ndate: 2026-01-01\naffects: [1, 777]\n---\nBody.\n"},
			[]string{"content/a/x.md:6: affects: no article has id 777"}},
		{"invalid UTF-8", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\n---\nbad \xff byte\n"},
			[]string{"content/a/x.md:5: not valid UTF-8"}},
		{"empty file", map[string]string{"a/x.md": ""},
			[]string{"content/a/x.md:1: empty file"}},
		{"blank file", map[string]string{"a/x.md": "\n  \n\n"},
			[]string{"content/a/x.md:1: empty file"}},
		{"5 MB article", map[string]string{"a/x.md": big},
			[]string{"content/a/x.md:1: article is 5.0 MB; the limit is 2 MB"}},
		{"alias collides with article", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\naliases: [\"/en/a/other/\"]\n---\nBody.\n"},
			[]string{`content/a/x.md:4: alias "/en/a/other/" collides with content/a/other.md`}},
		{"alias is the article's own URL", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\naliases: [\"/en/a/x/\"]\n---\nBody.\n"},
			[]string{`content/a/x.md:4: alias "/en/a/x/" is the article's own URL: a redirect to itself would loop`}},
		{"alias is a category page", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\naliases: [\"en/a\"]\n---\nBody.\n"},
			[]string{`content/a/x.md:4: alias "en/a" is the URL of a page deskbook makes`}},
		{"alias on a file deskbook makes", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\naliases: [\"/404.html\", \"/sitemap.xml\"]\n---\nBody.\n"},
			[]string{`content/a/x.md:4: alias "/404.html" is the path of a file deskbook makes (404.html)`,
				`content/a/x.md:4: alias "/sitemap.xml" is the path of a file deskbook makes (sitemap.xml)`}},
		{"two articles with one error code", map[string]string{
			"a/x.md": "---\ntitle: \"x\"\nid: 5\nerrors: [\"TB-1\", \"Locked\"]\n---\nA.\n",
			"a/y.md": "---\ntitle: \"y\"\nid: 6\nkind: error\nerrors: [\"Locked\"]\n---\nB.\n"},
			[]string{`content/a/y.md:5: error code "Locked" is claimed by article 5 too (content/a/x.md:4): /e/locked/ can lead to one article only`}},
		{"two error codes on one address", map[string]string{
			"a/x.md": "---\ntitle: \"x\"\nid: 5\nerrors: [\"ERR/42\"]\n---\nA.\n",
			"a/y.md": "---\ntitle: \"y\"\nid: 6\nerrors: [\"err-42\"]\n---\nB.\n"},
			[]string{`content/a/y.md:4: error code "err-42" gets the address /e/err-42/ of "ERR/42", claimed by article 5 (content/a/x.md:4)`}},
		{"alias on an error code's address", map[string]string{"a/x.md": "---\ntitle: \"x\"\nid: 5\naliases: [\"e/tb-1\"]\n---\nBody.\n"},
			[]string{`content/a/x.md:4: alias "e/tb-1" would replace a page deskbook makes`}},
		{"published URL vanishes", map[string]string{LedgerFile: "en/a/other/ 1\nen/a/gone/ 77\n"},
			[]string{"content/published-urls.txt:2: /en/a/gone/ was published for article 77, which no longer exists"}},
		{"bad site.yaml", map[string]string{"site.yaml": "title: x\nlanguages: 5\n"},
			[]string{"content/site.yaml:2:"}},
		{"unknown language code", map[string]string{"site.yaml": "title: x\nlanguages:\n  - code: English\n    name: English\n"},
			[]string{`language code "English" is not a known code`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := fstest.MapFS{"a/other.md": {Data: []byte(goodArticle)}}
			out := filepath.Join(t.TempDir(), "public")
			cfg := Config{Source: src, SourceName: "content", Theme: themes.Default(), Out: out}
			if _, err := Build(context.Background(), cfg); err != nil {
				t.Fatalf("good build: %v", err)
			}
			before := snapshot(t, out)

			for p, data := range tc.files {
				src[p] = &fstest.MapFile{Data: []byte(data)}
			}
			res, err := Build(context.Background(), cfg)
			var ce *diag.ContentError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a content error", err)
			}
			got := ce.Error()
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("diagnostics lack %q:\n%s", w, got)
				}
			}
			if res == nil || len(res.Diagnostics.Errors()) == 0 {
				t.Errorf("Result carries no diagnostics")
			}
			if diff := compareTrees(before, snapshot(t, out)); diff != "" {
				t.Errorf("previous output not intact: %s", diff)
			}
		})
	}
}

// TestAllErrorsAtOnce checks that problems in several files and stages are
// all reported by one build, in file and line order.
func TestAllErrorsAtOnce(t *testing.T) {
	src := fstest.MapFS{
		"a/one.md":   {Data: []byte("---\ntitle: \"one\"\nid: x\n---\nBody.\n")},
		"a/two.md":   {Data: []byte("---\ntitle: \"two\"\nid: 2\n---\n[gone](gone.md) and [also](gone2.md)\n")},
		"b/three.md": {Data: []byte("no front matter\n")},
	}
	_, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default()})
	var ce *diag.ContentError
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v", err)
	}
	var lines []string
	for _, d := range ce.Diagnostics.Errors() {
		lines = append(lines, d.String())
	}
	want := []string{
		`content/a/one.md:3: id: want a positive whole number, got "x"`,
		`content/a/two.md:5: broken link "gone.md": there is no article a/gone.md`,
		`content/a/two.md:5: broken link "gone2.md": there is no article a/gone2.md`,
		`content/b/three.md:1: missing front matter: start the file with a --- line, then title: and id:, then ---`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestWarnings(t *testing.T) {
	src := fstest.MapFS{
		"a/x.md":    {Data: []byte("---\ntitle: \"x\"\nid: 5\ndescription: \"old key\"\n---\n![](pic.png)\n")},
		"a/pic.png": {Data: []byte("\x89PNG")},
	}
	res, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default()})
	if err != nil {
		t.Fatal(err)
	}
	got := ""
	for _, d := range res.Diagnostics.Warnings() {
		got += d.String() + "\n"
	}
	for _, w := range []string{
		`content/a/x.md:4: warning: unknown front matter key "description" (did you mean summary?)`,
		`content/a/x.md:6: warning: image pic.png has no alt text`,
		`content/site.yaml: warning: missing; using a default title`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("warnings lack %q:\n%s", w, got)
		}
	}
}
