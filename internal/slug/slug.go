// Package slug makes the names that go into URLs: file-name slugs from
// titles, Latin letters from Cyrillic ones, and the anchors of headings.
// Slugs are Latin so that links survive e-mail clients, chat apps and
// printed pages; anchors keep every script, so a pasted link still reads
// as the heading it points to.
package slug

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxLen is the longest slug Make returns, in bytes: long enough for a
// title's gist, short enough for a link in a chat message.
const MaxLen = 60

// Make makes a URL slug from a title: lowercase letters and digits joined
// by hyphens, Latin accents dropped. Transliterate Cyrillic first. A slug
// longer than MaxLen is cut at its last hyphen that keeps it within the
// limit, or, for a title of one long word (a German compound, a Chinese
// sentence), at the last whole letter that does.
func Make(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining accents: "café" → "cafe"
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return cut(b.String(), MaxLen)
}

// cut shortens a slug to at most n bytes without splitting a word when a
// hyphen allows it, and never splitting a letter.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexByte(s[:n+1], '-'); i > 0 {
		return strings.TrimRight(s[:i], "-")
	}
	end := n
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	return s[:end]
}

// Title makes a folder or file name read as a title, for a category that
// has no title of its own: "contact-support" is "Contact support".
func Title(name string) string {
	if name == "" {
		return ""
	}
	s := strings.ReplaceAll(name, "-", " ")
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}
