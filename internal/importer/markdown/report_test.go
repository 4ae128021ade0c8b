package markdown_test

import (
	"slices"
	"testing"

	"deskbook/internal/importer/markdown"
	"deskbook/internal/sitetest"
)

// TestReportCountsKeysAndConstructs: the report names each front-matter
// key deskbook has no use for once, with how many files had it, and each
// construct the real converter could not carry over, with how many times
// it was met, so a team sees the size of what is left before reading
// the warnings.
func TestReportCountsKeysAndConstructs(t *testing.T) {
	src := sitetest.FS(t, `
-- mkdocs.yml --
site_name: Docs
-- docs/a.md --
---
title: A
hide: [toc]
custom: 1
---
!!! custom "X"
    x

*[HTML]: Hyper Text
-- docs/b.md --
---
title: B
custom: 2
---
Text.

{ .annotate }

!!! other
    y
`)
	_, rep := importFixture(t, src, markdown.Options{})
	if want := []markdown.Count{{Name: "custom", Count: 2}, {Name: "hide", Count: 1}}; !slices.Equal(rep.KeysLeft, want) {
		t.Errorf("keys left: %v, want %v", rep.KeysLeft, want)
	}
	if want := []markdown.Count{{Name: "mkdocs:admonition", Count: 2}, {Name: "mkdocs:abbr", Count: 1}, {Name: "mkdocs:attr", Count: 1}}; !slices.Equal(rep.Constructs, want) {
		t.Errorf("constructs: %v, want %v", rep.Constructs, want)
	}
}
