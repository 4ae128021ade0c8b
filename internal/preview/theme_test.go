package preview

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"deskbook/builder"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

// TestServeThemeOverlay: a theme folder holding only the files it changes,
// laid over the built-in theme, is watched like a whole one: a change to
// its stylesheet is swapped in without a reload, and a layout added to it
// replaces the built-in one in the pages it makes.
func TestServeThemeOverlay(t *testing.T) {
	dir := t.TempDir()
	src, theme := filepath.Join(dir, "content"), filepath.Join(dir, "mytheme")
	sitetest.WriteTree(t, src, sitetest.Small)
	css := filepath.Join(theme, "static", "style.css")
	sitetest.WriteFile(t, css, "body { color: black }\n")
	root, err := os.OpenRoot(theme)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	cfg := builder.Config{Source: os.DirFS(src), SourceName: "content", Theme: themes.Overlay(themes.Default(), root.FS()), ThemeName: "mytheme"}
	s := startServe(t, cfg, Options{SourceDir: src, ThemeDir: theme})
	events := s.listen()
	next(t, events)
	if err := os.WriteFile(css, []byte("body { color: navy }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ev := next(t, events)
	names, _ := ev.data["names"].(map[string]any)
	newCSS, _ := names["style.css"].(string)
	if ev.name != "css" || !strings.HasPrefix(newCSS, "assets/style.") {
		t.Fatalf("stylesheet change: event %s %v, want css", ev.name, ev.data)
	}
	if code, body, _ := s.get("/" + newCSS); code != 200 || body != "body { color: navy }\n" {
		t.Errorf("new stylesheet %s: %d %q", newCSS, code, body)
	}
	b, err := fs.ReadFile(themes.Default(), "layouts/home.html")
	if err != nil {
		t.Fatal(err)
	}
	sitetest.WriteFile(t, filepath.Join(theme, "layouts", "home.html"), strings.Replace(string(b), `class="home-title"`, `class="home-title mine"`, 1))
	if ev := next(t, events); ev.name != "reload" || !slices.Contains(pagesOf(ev), "en/index.html") {
		t.Fatalf("new layout: event %s %v, want a reload of the home page", ev.name, ev.data)
	}
	if _, body, _ := s.get("/en/"); !strings.Contains(body, `class="home-title mine"`) {
		t.Error("the home page does not use the theme folder's layout")
	}
}
