package themes

import (
	"errors"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"
)

func TestOverlay(t *testing.T) {
	base := fstest.MapFS{
		"layouts/base.html":    {Data: []byte("base")},
		"layouts/article.html": {Data: []byte("article")},
		"static/style.css":     {Data: []byte("style")},
		"i18n/en.yaml":         {Data: []byte("home: Home")},
		"i18n/uk.yaml":         {Data: []byte("home: Головна")},
	}
	top := fstest.MapFS{
		"layouts/article.html": {Data: []byte("my article")},
		"static/brand.png":     {Data: []byte("png")},
		"i18n/uk.yaml":         {Data: []byte("home: Дім")},
		"i18n/de.yaml":         {Data: []byte("home: Start")},
	}
	o := Overlay(base, top)
	for name, want := range map[string]string{
		"layouts/base.html": "base", "layouts/article.html": "my article", "static/style.css": "style",
		"static/brand.png": "png", "i18n/uk.yaml": "home: Дім", "i18n/de.yaml": "home: Start",
	} {
		if got, err := fs.ReadFile(o, name); err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	var files []string
	fs.WalkDir(o, ".", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			files = append(files, p)
		}
		return err
	})
	want := []string{"i18n/de.yaml", "i18n/en.yaml", "i18n/uk.yaml", "layouts/article.html", "layouts/base.html", "static/brand.png", "static/style.css"}
	if !slices.Equal(files, want) {
		t.Errorf("walk = %v, want %v", files, want)
	}
	if got, _ := fs.Glob(o, "layouts/*.html"); len(got) != 2 {
		t.Errorf("glob = %v", got)
	}
	if _, err := fs.ReadFile(o, "layouts/none.html"); !errorsIsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
	layered, ok := o.(interface{ Layers() []fs.FS })
	if !ok || len(layered.Layers()) != 2 {
		t.Fatal("the overlay does not give its layers")
	}
	// An overlay of an overlay is one stack.
	if l := Overlay(o, fstest.MapFS{}).(interface{ Layers() []fs.FS }).Layers(); len(l) != 3 {
		t.Errorf("nested overlay has %d layers, want 3", len(l))
	}
	if err := fstest.TestFS(o, want...); err != nil {
		t.Error(err)
	}
}

func errorsIsNotExist(err error) bool { return err != nil && errors.Is(err, fs.ErrNotExist) }
