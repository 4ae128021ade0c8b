package markdown_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deskbook/builder"
	"deskbook/internal/importer/markdown"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

// TestImportedSyntaxNeverReachesPages imports YFM, DocFX, MkDocs,
// Docusaurus and Hugo projects whose
// pages use notes, collapsible sections, tabs, includes, variables and
// tables of their own syntax, builds them, and then reads every page and
// every search file: no marker of the tools' syntax may be left, the build
// has no errors, and the category lists its pages in the navigation's
// order (which is not the order of their titles).
func TestImportedSyntaxNeverReachesPages(t *testing.T) {
	for _, name := range []string{"yfm", "docfx", "mkdocs", "docusaurus", "hugo"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "syntax", name+".txtar"))
			if err != nil {
				t.Fatal(err)
			}
			out, _ := importFixture(t, sitetest.FS(t, string(data)), markdown.Options{})
			pub := filepath.Join(t.TempDir(), "public")
			res, err := builder.Build(context.Background(), builder.Config{Source: os.DirFS(out), SourceName: "content", Theme: themes.Default(), Out: pub})
			if err != nil {
				t.Fatalf("build of the imported site: %v", err)
			}
			noMarkers(t, pub)
			labels := strings.Index(sitetest.Read(t, pub, "en/printing/index.html"), "Print labels")
			jams := strings.Index(sitetest.Read(t, pub, "en/printing/index.html"), "Paper jams")
			if labels < 0 || jams < 0 || labels > jams {
				t.Errorf("printing lists labels at %d, jams at %d: want the navigation's order", labels, jams)
			}
			if len(res.Site.Articles) != 3 {
				t.Errorf("%d articles, want 3", len(res.Site.Articles))
			}
			install := 0
			for _, a := range res.Site.Articles {
				if a.Meta.Title == "Install Parcelbox" {
					install++
					sitetest.Contains(t, a.URL, sitetest.Read(t, pub, a.URL+"index.html"), append(shown[name], `class="tabs`)...)
				}
			}
			if install != 1 {
				t.Errorf("%d articles titled Install Parcelbox, want 1", install)
			}
		})
	}
}

// shown is what each project's install page must show: the text of its
// notes, tabs, includes and variables.
var shown = map[string][]string{
	"yfm":        {"Before you start", "Drag the app to Applications", "Restart Parcelbox and try again", "Call 555-0100", `role="note"`},
	"docfx":      {"Close every other program", "Drag the app to Applications", "Restart the app and try again", `role="note"`},
	"mkdocs":     {"Before you start", "Drag the app to Applications", "Restart the app and try again", `role="note"`},
	"docusaurus": {"Before you start", "Drag the app to Applications", `role="note"`},
	"hugo":       {"Close every other program", "Drag the app to Applications", `role="note"`},
}

// markers are the signs of another tool's syntax left in text.
var markers = []string{"{%", "%}", "{{", ":::", "#|", "|#", "[!INCLUDE", "{#T}"}

// noMarkers fails on a page or search file of the built site that holds a
// marker.
func noMarkers(t *testing.T, pub string) {
	t.Helper()
	pages := 0
	err := filepath.WalkDir(pub, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !(strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".json") || strings.Contains(p, "search")) {
			return err
		}
		if strings.Contains(p, "assets") && strings.HasSuffix(p, ".js") {
			return nil // the theme's scripts
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		text := string(data)
		if i := strings.Index(text, "<script"); strings.HasSuffix(p, ".html") && i >= 0 {
			text = stripScripts(text)
		}
		for _, m := range markers {
			if i := strings.Index(text, m); i >= 0 {
				t.Errorf("%s holds %q: …%s…", p, m, text[max(0, i-60):min(len(text), i+60)])
			}
		}
		return nil
	})
	if err != nil || pages == 0 {
		t.Fatalf("read %d files of %s: %v", pages, pub, err)
	}
}

// stripScripts leaves out the scripts of a page (their code may hold
// braces), keeping the text a reader sees.
func stripScripts(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "<script")
		if i < 0 {
			return b.String() + s
		}
		b.WriteString(s[:i])
		j := strings.Index(s[i:], "</script>")
		if j < 0 {
			return b.String()
		}
		s = s[i+j+len("</script>"):]
	}
}
