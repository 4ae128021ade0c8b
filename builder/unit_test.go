package builder

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

func TestRelURL(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{"en/errors/x/", "en/errors/y/", "../y/"},
		{"en/errors/x/", "en/errors/x/", "./"},
		{"en/errors/x/", "en/", "../../"},
		{"en/", "en/errors/", "errors/"},
		{"", "en/", "en/"},
		{"a/42/", "en/errors/x/", "../../en/errors/x/"},
		{"en/errors/x/", "en/errors/img/a.png", "../img/a.png"},
		{"en/errors/x/", "assets/style.1.css", "../../../assets/style.1.css"},
	} {
		if got := relURL(tc.from, tc.to); got != tc.want {
			t.Errorf("relURL(%q, %q) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}

// TestSectionTextKeepsBlockBoundaries: the search index's text (and so its
// snippets) keeps a space between list items, paragraphs and table cells,
// which the HTML separates but the text nodes do not.
func TestSectionTextKeepsBlockBoundaries(t *testing.T) {
	src := []byte("Intro paragraph.\n\n## Fix\n\n- The cable is loose.\n- Windows\n  blocks it.\n\n1. First\n2. Second\n\n| Code | Meaning |\n|---|---|\n| E1 | Jam |\n\n> Quoted.\n\nLast.\n")
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(src))
	secs := sections(doc.(*ast.Document), src)
	if len(secs) != 2 {
		t.Fatalf("%d sections, want 2: %q", len(secs), secs)
	}
	got := strings.Join(strings.Fields(secs[1].Text), " ")
	if want := "The cable is loose. Windows blocks it. First Second Code Meaning E1 Jam Quoted. Last."; got != want {
		t.Errorf("section text %q, want %q", got, want)
	}
	for _, glued := range []string{"loose.Windows", "FirstSecond", "CodeMeaning", "E1Jam"} {
		if strings.Contains(secs[1].Text, glued) {
			t.Errorf("section text glues blocks together: %q in %q", glued, secs[1].Text)
		}
	}
}
