package markdown_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"deskbook/builder"
	"deskbook/internal/importer/markdown"
	"deskbook/themes"
)

// TestImportRustErrorCodes imports a real folder of 518 GitHub Markdown
// pages (no front matter, titles in their first heading, links to pages
// outside the folder) from the corpora beside the project, and checks
// the result has every page and builds without errors.
func TestImportRustErrorCodes(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "shared", "corpora", "rust-error-codes", "error_codes")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("the rust-error-codes corpus is not beside the project: %v", err)
	}
	out, rep := importFixture(t, os.DirFS(dir), markdown.Options{})
	if rep.Articles != 518 || rep.Dialect != markdown.GitHub {
		t.Errorf("imported %d articles as %s, want 518 as github", rep.Articles, rep.Dialect)
	}
	res, err := builder.Build(context.Background(), builder.Config{Source: os.DirFS(out), Theme: themes.Default()})
	if err != nil {
		t.Fatalf("build of the import: %v", err)
	}
	if n := len(res.Site.Articles); n != 518 {
		t.Errorf("the build has %d articles, want 518", n)
	}
	for _, a := range res.Site.Articles {
		if a.Meta.Title == "" || a.Meta.ID == 0 {
			t.Errorf("%s: title %q, id %d", a.Path, a.Meta.Title, a.Meta.ID)
		}
	}
}
