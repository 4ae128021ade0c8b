package slug

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// Anchor makes a heading's anchor from its text: lowercase letters and
// digits of every script joined by hyphens, so a Ukrainian heading gets a
// readable anchor ("що-робити") rather than a number. Ukrainian
// apostrophes are inside words and are dropped ("комп'ютер" →
// "компютер"), whichever apostrophe the writer typed. Text with no letters
// or digits gives "section".
func Anchor(text string) string {
	var b []byte
	dash := false
	for _, r := range text {
		switch {
		case r == 'ʼ' || r == '’':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = utf8.AppendRune(b, unicode.ToLower(r))
		case r == ' ' || r == '-' || r == '_' || r == '\t':
			dash = true
		}
	}
	if len(b) == 0 {
		return "section"
	}
	return string(b)
}

// IDs gives the headings of one document their anchors, unique within it:
// a second "Restart" heading is "restart-1". It is goldmark's parser.IDs,
// so deskbook and its importers number headings the same way.
type IDs struct {
	used map[string]bool
	next map[string]int // for an anchor in use, the first suffix not yet tried
}

// NewIDs starts the anchors of a new document.
func NewIDs() *IDs { return &IDs{used: map[string]bool{}, next: map[string]int{}} }

// Generate returns the anchor of a heading with the text value. Suffixes
// count on from the last one given for the same text, so a document of
// many headings with one text takes linear time, not quadratic.
func (s *IDs) Generate(value []byte, kind ast.NodeKind) []byte {
	id := Anchor(string(value))
	if s.used[id] {
		base := id
		for i := max(s.next[base], 1); ; i++ {
			if c := base + "-" + strconv.Itoa(i); !s.used[c] {
				id, s.next[base] = c, i+1
				break
			}
		}
	}
	s.used[id] = true
	return []byte(id)
}

// Put records an anchor the writer gave a heading ({#id}), so no other
// heading is given it.
func (s *IDs) Put(value []byte) { s.used[string(value)] = true }
