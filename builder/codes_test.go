package builder

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deskbook/internal/codes"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

// codesSite has error codes in two languages, one not safe in a URL, one
// with no letters, messages with spaces, and a base URL that is a path.
const codesSite = `
-- site.yaml --
title: "Help"
base_url: "/help/"
languages:
  - code: en
    name: English
  - code: uk
    name: Українська
-- en/errors/locked.md --
---
title: "TB-1: database locked"
id: 1
kind: error
errors: ["TB-1", "ERR/42", "Database is locked", "--"]
---
Close the other program.
-- uk/errors/locked.md --
---
title: "TB-1: базу заблоковано"
id: 1
kind: error
errors: ["TB-1", "ERR/42", "Базу заблоковано"]
---
Закрийте іншу програму.
-- uk/errors/other.md --
---
title: "Помилка 5"
id: 2
kind: error
errors: ["Помилка-5"]
---
Текст.
`

// TestErrorCodes: each code gets a redirect page choosing the reader's
// language among the article's versions; translations share a code; an
// unsafe code is slugged with one warning naming its address; messages
// get no page; errors.json lists root-relative URLs when base_url is a
// path; the sitemap leaves the redirects out.
func TestErrorCodes(t *testing.T) {
	res, out := mustBuild(t, codesSite)
	var warnings []string
	for _, d := range res.Diagnostics.Warnings() {
		if strings.Contains(d.Msg, "error code") {
			warnings = append(warnings, d.String())
		}
	}
	want := []string{
		`content/en/errors/locked.md:5: warning: error code "--" has no letters or digits to make an address of: it gets no /e/ page`,
		`content/en/errors/locked.md:5: warning: error code "ERR/42" is not safe in a URL: its address is /e/err-42/`,
		`content/uk/errors/other.md:5: warning: error code "Помилка-5" is not safe in a URL: its address is /e/pomilka-5/`,
	}
	if strings.Join(warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(want, "\n"))
	}
	sitetest.Contains(t, "/e/tb-1/", sitetest.Read(t, out, "e/tb-1/index.html"),
		`<meta name="robots" content="noindex">`,
		`{"l":"en","u":"../../en/errors/locked/"},{"l":"uk","u":"../../uk/errors/locked/"}`,
		`<meta http-equiv="refresh" content="0; url=../../en/errors/locked/">`)
	sitetest.Contains(t, "/e/err-42/", sitetest.Read(t, out, "e/err-42/index.html"), `url=../../en/errors/locked/`)
	sitetest.Contains(t, "/e/pomilka-5/", sitetest.Read(t, out, "e/pomilka-5/index.html"), `url=../../uk/errors/other/`)
	entries, _ := os.ReadDir(filepath.Join(out, "e"))
	if len(entries) != 3 {
		t.Errorf("%d pages in e/, want 3 (no page for messages): %v", len(entries), entries)
	}
	var idx codes.Index
	if err := json.Unmarshal([]byte(sitetest.Read(t, out, "errors.json")), &idx); err != nil {
		t.Fatal(err)
	}
	if e := idx.Codes["TB-1"]; e.ID != 1 || e.URL != "/help/e/tb-1/" || e.Articles["uk"] != (codes.Version{Title: "TB-1: базу заблоковано", URL: "/help/uk/errors/locked/"}) {
		t.Errorf("errors.json TB-1 = %+v", e)
	}
	if e := idx.Codes["Помилка-5"]; e.URL != "/help/e/pomilka-5/" || len(e.Articles) != 1 {
		t.Errorf("errors.json Помилка-5 = %+v", e)
	}
	if sm := sitetest.Read(t, out, "sitemap.xml"); strings.Contains(sm, "/e/") {
		t.Errorf("the sitemap lists redirects:\n%s", sm)
	}
}

// TestErrorsJSONMatchesDemo checks errors.json of the demo against its
// articles: every code of every article is there with the article's id,
// title and URL in its language and has its page, and nothing else is.
func TestErrorsJSONMatchesDemo(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Config{Source: os.DirFS("../content"), SourceName: "content", Theme: themes.Default(), Out: out,
		Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var idx codes.Index
	if err := json.Unmarshal([]byte(sitetest.Read(t, out, "errors.json")), &idx); err != nil {
		t.Fatal(err)
	}
	base := res.Site.Config.BaseURL
	claimed := map[string]bool{}
	for _, a := range res.Site.Articles {
		for _, text := range a.Meta.Errors {
			if !codes.IsCode(text) {
				continue
			}
			e, ok := idx.Codes[text]
			if !ok {
				t.Errorf("%s: code %s is not in errors.json", a.Path, text)
				continue
			}
			claimed[text] = true
			slug, _ := codes.Slug(text)
			if e.ID != a.Meta.ID || e.URL != base+"e/"+slug+"/" {
				t.Errorf("%s: errors.json has %s as id %d at %s", a.Path, text, e.ID, e.URL)
			}
			if v := e.Articles[a.Lang]; v.Title != a.Meta.Title || v.URL != base+a.URL {
				t.Errorf("%s: errors.json has %s in %s as %+v", a.Path, text, a.Lang, v)
			}
			sitetest.Read(t, out, "e/"+slug+"/index.html")
		}
	}
	for text := range idx.Codes {
		if !claimed[text] {
			t.Errorf("errors.json lists %s, which no article claims", text)
		}
	}
	if len(idx.Codes) < 10 {
		t.Errorf("errors.json has %d codes; the demo has at least 10", len(idx.Codes))
	}
}
