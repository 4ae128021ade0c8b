package search

import (
	"cmp"
	"crypto/sha256"
	"encoding/base32"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// digits64 is the alphabet of the postings strings: JSON-safe, no escapes.
const digits64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// appendVarint writes v in groups of 5 bits, lowest first: continuation
// digits are 32–63, the last digit 0–31.
func appendVarint(b []byte, v uint32) []byte {
	for v >= 32 {
		b = append(b, digits64[32+v&31])
		v >>= 5
	}
	return append(b, digits64[v])
}

var digitValue = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(digits64); i++ {
		t[digits64[i]] = int8(i)
	}
	return
}()

// Posting is one decoded posting: a document, its quantised impact
// (0–63, value 1.1^q on a per-language scale), its best section
// (0: title, summary or errors; i: Sections[i-1]) and whether the term is
// in the title and in the summary or error texts.
type Posting struct {
	Doc     int
	Impact  int
	Section int
	Title   bool
	Summary bool
}

// DecodePostings reads a postings string of a shard (the inverse of the
// encoder; the client's "posts" function does the same).
func DecodePostings(s string) ([]Posting, bool) {
	var out []Posting
	doc, i := -1, 0
	next := func() (int, bool) { return readVarint(s, &i) }
	for i < len(s) {
		delta, ok := next()
		if !ok {
			return nil, false
		}
		if i >= len(s) {
			return nil, false
		}
		q := digitValue[s[i]]
		i++
		if q < 0 {
			return nil, false
		}
		sec, ok := next()
		if !ok {
			return nil, false
		}
		if doc < 0 {
			doc = delta
		} else {
			doc += delta
		}
		out = append(out, Posting{Doc: doc, Impact: int(q), Section: sec >> 2, Title: sec&leadTitle != 0, Summary: sec&leadSummary != 0})
	}
	return out, true
}

// readVarint reads one appendVarint number of s at *i and moves *i past
// it (the client's varint).
func readVarint(s string, i *int) (int, bool) {
	v, shift := 0, 0
	for *i < len(s) {
		d := digitValue[s[*i]]
		*i++
		if d < 0 || shift > 25 {
			return 0, false
		}
		if d < 32 {
			return v | int(d)<<shift, true
		}
		v |= int(d-32) << shift
		shift += 5
	}
	return 0, false
}

// contentHash names a file by its bytes: 8 base32 characters of SHA-256.
func contentHash(b []byte) string {
	sum := sha256.Sum256(b)
	return strings.ToLower(base32.StdEncoding.EncodeToString(sum[:5]))
}

// utf16Cmp orders strings as JavaScript compares them (by UTF-16 code
// units), so the client's binary search agrees with the build's sort.
func utf16Cmp(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	if i == n {
		return cmp.Compare(len(a), len(b))
	}
	// UTF-8 byte order is code point order; UTF-16 differs only between
	// U+E000–U+FFFF (lead bytes EE, EF) and supplementary characters
	// (lead bytes F0–F4), which then differ at their lead byte.
	x, y := a[i], b[i]
	switch {
	case x >= 0xee && x <= 0xef && y >= 0xf0:
		return 1
	case y >= 0xee && y <= 0xef && x >= 0xf0:
		return -1
	case x < y:
		return -1
	}
	return 1
}

// fnv1a hashes the UTF-16 code units of s (as the client does).
func fnv1a(s string) uint32 {
	h := uint32(2166136261)
	for _, r := range s {
		if r >= 0x10000 {
			r1, r2 := utf16.EncodeRune(r)
			h = (h ^ uint32(r1)) * 16777619
			h = (h ^ uint32(r2)) * 16777619
			continue
		}
		h = (h ^ uint32(r)) * 16777619
	}
	return h
}

// appendJSString appends s as a JSON string literal that is also safe
// inside JavaScript source and inline <script> elements.
func appendJSString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var esc string
		switch {
		case c == '"':
			esc = `\"`
		case c == '\\':
			esc = `\\`
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			esc = `\u00` + string("0123456789abcdef"[c>>4]) + string("0123456789abcdef"[c&15])
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9):
			esc = `\u2028`
			if s[i+2] == 0xa9 {
				esc = `\u2029`
			}
			b = append(b, s[start:i]...)
			b = append(b, esc...)
			i += 2
			start = i + 1
			continue
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, esc...)
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// wrapScript makes an index file: a script that hands its data to the
// client, so it loads from file:// as well as over HTTP.
func wrapScript(key string, data []byte) []byte {
	b := make([]byte, 0, len(data)+len(key)+32)
	b = append(b, "deskbookSearch.add("...)
	b = appendJSString(b, key)
	b = append(b, ',')
	b = append(b, data...)
	b = append(b, ");\n"...)
	return b
}
