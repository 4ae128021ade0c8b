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

func TestInfoLanguage(t *testing.T) {
	for in, want := range map[string]string{"go": "go", "rust,ignore": "rust", "Python {linenos=true}": "python", "": ""} {
		if got := infoLanguage([]byte(in)); got != want {
			t.Errorf("infoLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlural(t *testing.T) {
	uk := Plural{One: "%d стаття", Few: "%d статті", Many: "%d статей", Other: "%d статті"}
	for n, want := range map[int]string{1: "1 стаття", 2: "2 статті", 4: "4 статті", 5: "5 статей", 11: "11 статей", 12: "12 статей", 21: "21 стаття", 22: "22 статті", 25: "25 статей", 101: "101 стаття"} {
		if got := uk.Format("uk", n); got != want {
			t.Errorf("uk %d: %q, want %q", n, got, want)
		}
	}
	en := Plural{One: "%d article", Other: "%d articles"}
	if got := en.Format("en", 1) + ", " + en.Format("en", 2) + ", " + en.Format("en", 0); got != "1 article, 2 articles, 0 articles" {
		t.Errorf("en: %q", got)
	}
	// A form a translation lacks falls back to other.
	if got := (Plural{Other: "%d x"}).Format("ru", 3); got != "3 x" {
		t.Errorf("fallback: %q", got)
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
