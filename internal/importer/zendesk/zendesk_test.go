package zendesk_test

import (
	"context"
	"errors"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/builder"
	"deskbook/internal/diag"
	"deskbook/internal/importer/folder"
	"deskbook/internal/importer/zendesk"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

func TestMain(m *testing.M) { sitetest.Main(m) }

// importExport imports an export into a fresh folder.
func importExport(t *testing.T, src fs.FS, opt zendesk.Options) (string, zendesk.Report) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "content")
	rep, err := zendesk.Import(src, out, opt)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	for _, d := range rep.Warnings {
		t.Logf("import: %s", d)
	}
	return out, rep
}

// build builds an imported folder and fails on any error.
func build(t *testing.T, src string, drafts bool) (*builder.Result, string) {
	t.Helper()
	pub := filepath.Join(t.TempDir(), "public")
	res, err := builder.Build(context.Background(), builder.Config{Source: os.DirFS(src), SourceName: "content", Theme: themes.Default(), Out: pub, Drafts: drafts})
	if err != nil {
		t.Fatalf("build of the imported site: %v", err)
	}
	if n := len(res.Diagnostics) - len(res.Diagnostics.Warnings()); n != 0 {
		t.Fatalf("build: %d errors: %v", n, res.Diagnostics)
	}
	return res, pub
}

func articleAt(res *builder.Result, url string) *builder.Article {
	for _, a := range res.Site.Articles {
		if a.URL == url {
			return a
		}
	}
	return nil
}

func read(t *testing.T, dir, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func hasWarning(ds diag.List, part string) bool {
	return slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return strings.Contains(d.String(), part) })
}

// TestImport imports testdata/export and builds it: articles keep their
// Zendesk ids, translations share them, sections become categories in
// order, links between articles and to attachments work, and every old
// article URL is in _redirects.
func TestImport(t *testing.T) {
	out, rep := importExport(t, os.DirFS("testdata/export"), zendesk.Options{SourceName: "export"})
	res, pub := build(t, out, false)

	en := articleAt(res, "en/install/install-the-app/")
	uk := articleAt(res, "uk/install/install-the-app/")
	if en == nil || uk == nil {
		t.Fatalf("install article missing: en %v uk %v in %d articles", en != nil, uk != nil, len(res.Site.Articles))
	}
	if en.Meta.ID != 360001 || uk.Meta.ID != 360001 || !slices.Contains(uk.Translations, en) {
		t.Errorf("ids en %d uk %d, translations of uk %d", en.Meta.ID, uk.Meta.ID, len(uk.Translations))
	}
	if uk.Meta.Title != "Встановіть застосунок" || !slices.Equal(en.Meta.Tags, []string{"install", "android", "iphone"}) ||
		en.Meta.Updated.Format("2006-01-02") != "2025-03-03" {
		t.Errorf("en %+v / uk title %q", en.Meta, uk.Meta.Title)
	}
	if articleAt(res, "en/printing/new-printer-setup/") != nil {
		t.Errorf("the draft was built without --drafts")
	}
	if articleAt(res, "uk/printing/printer-shows-error-e-17/") != nil {
		t.Errorf("an article without a uk translation appeared in uk")
	}

	// Sections become categories, titled with their category, in order.
	var titles []string
	for _, c := range res.Site.Categories {
		if c.Lang == "en" {
			titles = append(titles, c.Title)
		}
	}
	if want := []string{"Getting started · Install", "Getting started · Accounts", "Troubleshooting · Printing"}; !slices.Equal(titles, want) {
		t.Errorf("en categories = %q, want %q", titles, want)
	}
	sitetest.Contains(t, "uk category", read(t, out, "uk/install/_category.yaml"), "title: Початок роботи · Встановлення", "order: 10")
	sitetest.Contains(t, "uk category without a uk name", read(t, out, "uk/accounts/_category.yaml"), "title: Початок роботи · Accounts")
	// An article keeps its place in its section ahead of the title order.
	sitetest.Contains(t, "the draft's front matter", read(t, out, "en/printing/new-printer-setup.md"), "order: 1\n")

	enHTML := sitetest.Read(t, pub, "en/install/install-the-app/index.html")
	sitetest.Contains(t, "en article", enHTML,
		`<a href="../../accounts/create-an-account/#choose-a-password">create an account</a>`, // path + anchor id → our anchor
		`<img src="../attachments/900001-install.svg" alt="The Install button in the store"`,
		`<a href="../../printing/printer-shows-error-e-17/">printer errors</a>`, // a full URL of the help centre
		`<a href="#steps">the steps again</a>`,
		"<table>", "<th>Oldest version</th>", "<ol>", "<strong>Parcelbox</strong>",
		`callout-warning`,
	)
	ukHTML := sitetest.Read(t, pub, "uk/install/install-the-app/index.html")
	sitetest.Contains(t, "uk article", ukHTML,
		`<a href="../../accounts/create-an-account/#%D0%B2%D0%B8%D0%B1%D0%B5%D1%80%D1%96%D1%82%D1%8C-%D0%BF%D0%B0%D1%80%D0%BE%D0%BB%D1%8C">Створіть обліковий запис</a>`, // #виберіть-пароль
		`<img src="../attachments/900001-install.svg" alt="Кнопка «Встановити»"`)
	for _, f := range []string{"en/install/attachments/900001-install.svg", "uk/install/attachments/900001-install.svg"} {
		if _, err := os.Stat(filepath.Join(pub, f)); err != nil {
			t.Errorf("attachment not in the built site: %v", err)
		}
	}
	sitetest.Contains(t, "printer article", sitetest.Read(t, pub, "en/printing/printer-shows-error-e-17/index.html"),
		`<img src="https://help.parcelbox.example/hc/article_attachments/900404/roll.png" alt="An empty roll"`, // missing: the link is kept
		`<a href="https://help.parcelbox.example/hc/en-us/sections/1001-Install"`,
		`Type {{dc.printer_code}} when the printer asks.`) // a placeholder is text, never a variable

	red := sitetest.Read(t, pub, "_redirects")
	for _, line := range []string{
		"/hc/en-us/articles/360001-Install-the-app/ /en/install/install-the-app/ 301",
		"/hc/en-us/articles/360001/ /en/install/install-the-app/ 301",
		"/hc/uk/articles/360001/ /uk/install/install-the-app/ 301",
		"/hc/uk/articles/360001-%D0%92%D1%81%D1%82%D0%B0%D0%BD%D0%BE%D0%B2%D1%96%D1%82%D1%8C-%D0%B7%D0%B0%D1%81%D1%82%D0%BE%D1%81%D1%83%D0%BD%D0%BE%D0%BA/ /uk/install/install-the-app/ 301",
		"/hc/en-us/articles/360003-Printer-shows-error-E-17/ /en/printing/printer-shows-error-e-17/ 301",
	} {
		if !strings.Contains(red, line+"\n") {
			t.Errorf("_redirects lacks %q:\n%s", line, red)
		}
	}

	checkReport(t, rep)
	build(t, out, true) // the draft builds too
}

// checkReport checks the import report of testdata/export.
func checkReport(t *testing.T, rep zendesk.Report) {
	t.Helper()
	if !slices.Equal(rep.Languages, []zendesk.Count{{"en", 4}, {"uk", 2}}) || rep.Articles != 4 || rep.Untrans != 2 {
		t.Errorf("languages %v, articles %d, missing translations %d", rep.Languages, rep.Articles, rep.Untrans)
	}
	if rep.Categories != 2 || rep.Sections != 3 || rep.Drafts != 1 || rep.Callouts != 2 {
		t.Errorf("categories %d sections %d drafts %d callouts %d", rep.Categories, rep.Sections, rep.Drafts, rep.Callouts)
	}
	if rep.AttachmentsCopied != 2 || rep.AttachmentsMissing != 1 || rep.Aliases != 12 {
		t.Errorf("attachments copied %d missing %d, aliases %d", rep.AttachmentsCopied, rep.AttachmentsMissing, rep.Aliases)
	}
	if !hasWarning(rep.Warnings, `export/articles-2.json: warning: article 360003 "Printer shows error E-17" (en-us): attachment https://help.parcelbox.example/hc/article_attachments/900404/roll.png is not in the export`) {
		t.Errorf("no warning naming the article and URL of the missing attachment: %v", rep.Warnings)
	}
	if !hasWarning(rep.Warnings, `article 360003 (en-us): the placeholder {{dc.printer_code}} is kept as text`) {
		t.Errorf("no warning of the dynamic content placeholder: %v", rep.Warnings)
	}
}

// TestImportBadExport checks that broken or missing files stop the
// import with their file, line and column, and write nothing.
func TestImportBadExport(t *testing.T) {
	good := func() fstest.MapFS {
		m := fstest.MapFS{}
		_ = fs.WalkDir(os.DirFS("testdata/export"), ".", func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				data, _ := fs.ReadFile(os.DirFS("testdata/export"), p)
				m[p] = &fstest.MapFile{Data: data}
			}
			return err
		})
		return m
	}
	for name, tc := range map[string]struct {
		change func(fstest.MapFS)
		want   []string
	}{
		"broken JSON": {func(m fstest.MapFS) {
			m["sections.json"] = &fstest.MapFile{Data: []byte("{\n  \"sections\": [\n    {\"id\": 1,}\n  ]\n}\n")}
		}, []string{"export/sections.json:3: column 14: not valid JSON: invalid character '}'"}},
		"wrong type": {func(m fstest.MapFS) {
			m["categories.json"] = &fstest.MapFile{Data: []byte("{\"categories\": [{\"id\": \"100\"}]}")}
		}, []string{"export/categories.json:1: column 28: id: want a number, got text"}},
		"missing file": {func(m fstest.MapFS) { delete(m, "categories.json") }, []string{"export/categories.json: missing: the export needs categories.json"}},
		"no list": {func(m fstest.MapFS) {
			m["translations/360002.json"] = &fstest.MapFile{Data: []byte("{\"articles\": []}")}
		}, []string{"export/translations/360002.json:1: no \"translations\" list"}},
		"two problems": {func(m fstest.MapFS) {
			delete(m, "sections.json")
			m["articles-2.json"] = &fstest.MapFile{Data: []byte("[")}
		}, []string{"export/articles-2.json:1: column 1: not valid JSON: unexpected end", "export/sections.json: missing"}},
	} {
		t.Run(name, func(t *testing.T) {
			src := good()
			tc.change(src)
			out := filepath.Join(t.TempDir(), "content")
			_, err := zendesk.Import(src, out, zendesk.Options{SourceName: "export"})
			var ee *zendesk.ExportError
			if !errors.As(err, &ee) {
				t.Fatalf("err = %v, want an ExportError", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("output written although the import failed")
			}
		})
	}

	t.Run("article without its section", func(t *testing.T) {
		src := good()
		data := strings.Replace(string(src["articles-2.json"].Data), `"section_id": 2001,`, `"section_id": 9999,`, 1)
		src["articles-2.json"] = &fstest.MapFile{Data: []byte(data)}
		out, rep := importExport(t, src, zendesk.Options{SourceName: "export"})
		if !hasWarning(rep.Warnings, `export/articles-2.json: warning: article 360003 "Printer shows error E-17": its section 9999 is not in sections.json; the article is left out`) {
			t.Errorf("no warning for the article without a section: %v", rep.Warnings)
		}
		res, _ := build(t, out, false)
		a := articleAt(res, "en/install/install-the-app/")
		var html template.HTML
		if a != nil {
			html, _ = a.HTML()
		}
		if !strings.Contains(string(html), "https://help.parcelbox.example/hc/en-us/articles/360003") {
			t.Errorf("the link to the left-out article should go to the old help centre")
		}
	})

	t.Run("output folder not empty", func(t *testing.T) {
		out := t.TempDir()
		sitetest.WriteFile(t, filepath.Join(out, "keep.md"), "mine")
		if _, err := zendesk.Import(os.DirFS("testdata/export"), out, zendesk.Options{}); !errors.Is(err, folder.ErrNotEmpty) {
			t.Errorf("err = %v, want ErrNotEmpty", err)
		}
	})
	t.Run("bad language", func(t *testing.T) {
		if _, err := zendesk.Import(os.DirFS("testdata/export"), filepath.Join(t.TempDir(), "c"), zendesk.Options{Languages: []string{"en-us=english"}}); !errors.Is(err, zendesk.ErrOptions) {
			t.Errorf("err = %v, want ErrOptions", err)
		}
	})
}

// TestImportLanguages checks --lang: a locale left out, another code.
func TestImportLanguages(t *testing.T) {
	out, rep := importExport(t, os.DirFS("testdata/export"), zendesk.Options{Languages: []string{"en-us=en"}, Title: "Parcelbox Help"})
	if !slices.Equal(rep.Languages, []zendesk.Count{{"en", 4}}) {
		t.Errorf("languages = %v", rep.Languages)
	}
	// One language: deskbook reads it from the top of the folder.
	sitetest.Contains(t, "site.yaml", read(t, out, "site.yaml"), "title: Parcelbox Help", "code: en")
	read(t, out, "install/install-the-app.md")
	build(t, out, false)
}
