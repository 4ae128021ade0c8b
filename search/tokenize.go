package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Kind says what a token is and so whether it is stemmed.
type Kind uint8

const (
	// Word is letters (and inner apostrophes); it is stemmed.
	Word Kind = iota
	// Number is decimal digits only; kept as is.
	Number
	// Code is a token kept whole: a mixed letter-digit part (e0382,
	// 0x80070005), a code-like compound (err_connection_refused,
	// tb-sync-409, system.io.ioexception) or a "WORD 123" pair (http 403).
	Code
)

// Token is one normalised token. Key marks tokens that are looked up in
// the exact-code table.
type Token struct {
	Text string
	Kind Kind
	Key  bool
}

// Limits shared with the client: longer parts and compounds are dropped
// (base64 blobs and hashes in pasted logs are not words).
const (
	maxPart     = 40
	maxCompound = 64
)

// Normalize returns s as the index sees it: NFKC, lower case (simple
// per-character mapping), combining accents U+0300–U+036F removed (stress
// marks; й, ї, ё are precomposed by NFKC and so kept), ё→е, ґ→г, final
// sigma→σ, apostrophe-like characters (' ’ ‘ ʼ `) → ', U+2010/U+2011 → -.
// The client does the same (search.js: norm, fold).
func Normalize(s string) string {
	s = unmarked(nfkc(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = mapRune(r)
		if r < 0 {
			continue
		}
		b.WriteRune(fold(r))
	}
	return b.String()
}

// mapRune unifies apostrophes and hyphens; -1 drops the rune.
func mapRune(r rune) rune {
	switch {
	case r >= 0x300 && r <= 0x36f:
		return -1
	case r == '\'' || r == '\u2019' || r == '\u2018' || r == '\u02bc' || r == '`':
		return '\''
	case r == '\u2010' || r == '\u2011':
		return '-'
	}
	return r
}

// fold lower-cases one rune and applies the letter equivalences.
func fold(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 32
		}
		return r
	}
	switch {
	case r >= 0x410 && r <= 0x42f:
		r += 0x20
	case r >= 0x430 && r <= 0x45f:
	case r >= 0x400 && r <= 0x40f:
		r += 0x50
	default:
		r = unicode.ToLower(r)
	}
	switch r {
	case 'ё':
		return 'е'
	case 'ґ':
		return 'г'
	case 'ς':
		return 'σ'
	}
	return r
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
	}
	if r >= 0x400 && r <= 0x52f {
		return r != 0x482 // Cyrillic: letters and combining marks, but for ҂
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

func isUpper(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'A' <= r && r <= 'Z'
	case r >= 0x400 && r <= 0x42f:
		return true
	case r >= 0x430 && r <= 0x45f:
		return false
	}
	return unicode.IsUpper(r)
}

func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return r >= 0x660 && unicode.IsDigit(r)
}

// Tokenize splits text into index tokens. Compounds are runs of word
// characters joined by single '.', '-' or '\” (and '_', a word character):
// a code-like compound is emitted whole (Kind Code, Key) and then split
// into its parts at '.', '-', '_'. Parts are Words (no digits), Numbers
// (digits only) or Codes (mixed, also split into digit and non-digit runs
// of 3+ characters). "0x" hex codes also yield their digits. An all-caps
// word of 2–8 letters, one space and a 3–5 digit number make a pair code
// ("HTTP 403" → "http 403").
func Tokenize(s string) []Token {
	var out []Token
	tokenize(s, false, func(t Token) { out = append(out, t) })
	return out
}

// tokenize calls emit with each token; see Tokenize.
func tokenize(s string, query bool, emit func(Token)) {
	tokenizeBytes(s, query, func(k Kind, key bool, text []byte) {
		emit(Token{Text: string(text), Kind: k, Key: key})
	})
}

// TokenizeQuery is Tokenize as the client runs it on a query: lenient code
// detection (every compound is tried whole and as a key, case ignored).
func TokenizeQuery(s string) []Token {
	var out []Token
	tokenize(s, true, func(t Token) { out = append(out, t) })
	return out
}

type tokenizer struct {
	query bool
	emit  func(k Kind, key bool, text []byte) // text is valid only during the call
	comp  []rune                              // current compound, case preserved
	pair  []byte                              // previous compound if it can start a pair
	gap   int                                 // separators since the previous compound; -1: not a single space
	buf   []byte
}

var tokenizerPool = sync.Pool{New: func() any { return new(tokenizer) }}

// tokenizeBytes is the tokenizer; emitted text is only valid during the
// call (the index build interns it without allocating).
func tokenizeBytes(s string, query bool, emit func(k Kind, key bool, text []byte)) {
	tokenizeNFKC(nfkc(s), query, emit)
}

// tokenizeNFKC is tokenizeBytes on text already in NFKC.
func tokenizeNFKC(s string, query bool, emit func(k Kind, key bool, text []byte)) {
	s = unmarked(s)
	t := tokenizerPool.Get().(*tokenizer)
	defer tokenizerPool.Put(t)
	t.query, t.emit, t.gap, t.comp, t.pair = query, emit, -1, t.comp[:0], t.pair[:0]
	var conn rune // a connector seen right after a word rune
	for _, r := range s {
		r = mapRune(r)
		if r < 0 {
			continue
		}
		if isWordRune(r) {
			if conn != 0 {
				t.comp = append(t.comp, conn)
				conn = 0
			}
			t.comp = append(t.comp, r)
			continue
		}
		if (r == '.' || r == '-' || r == '\'') && len(t.comp) > 0 && conn == 0 {
			conn = r
			continue
		}
		if len(t.comp) > 0 {
			t.flush()
		}
		if conn != 0 {
			conn = 0
			t.gap = -1
		}
		t.sep(r)
	}
	if len(t.comp) > 0 {
		t.flush()
	}
}

// sep records a separator between compounds for pair detection.
func (t *tokenizer) sep(r rune) {
	if t.gap < 0 {
		return
	}
	if r == ' ' || (t.query && unicode.IsSpace(r)) {
		if t.gap == 0 || t.query {
			t.gap++
			return
		}
	}
	t.gap = -1
}

func (t *tokenizer) flush() {
	comp := t.comp
	t.comp = t.comp[:0]
	gapOK := t.gap > 0 && len(t.pair) > 0
	t.gap = 0
	if len(comp) > maxCompound {
		t.gap = -1
		t.pair = t.pair[:0]
		return
	}
	var hasDigit, hasOther, hasUnder, upperAfter bool
	nparts, inPart := 0, false
	for i, r := range comp {
		switch {
		case r == '.' || r == '-' || r == '_':
			if r == '_' {
				hasUnder = true
			}
			inPart = false
			continue
		case isDigit(r):
			hasDigit = true
		default:
			hasOther = true
			if i > 0 && isUpper(r) {
				upperAfter = true
			}
		}
		if !inPart {
			nparts++
			inPart = true
		}
	}
	if nparts == 0 {
		t.pair = t.pair[:0]
		return
	}
	if nparts == 1 && !hasDigit && !hasUnder {
		// A plain word (the common case): no code; it may start a pair.
		t.pair = t.pair[:0]
		if len(comp) <= maxPart {
			t.buf = appendFold(t.buf[:0], comp)
			t.emit(Word, false, t.buf)
		}
		if len(comp) >= 2 && len(comp) <= 8 {
			for _, r := range comp {
				if r == '\'' || (!t.query && !isUpper(r)) {
					return
				}
			}
			t.pair = appendFold(t.pair, comp)
		}
		return
	}
	if nparts >= 2 && (t.query || hasDigit || hasUnder || upperAfter) {
		t.buf = appendFold(t.buf[:0], trimUnder(comp))
		t.emit(Code, true, t.buf)
	}
	// Parts.
	start := -1
	for i := 0; i <= len(comp); i++ {
		if i < len(comp) && comp[i] != '.' && comp[i] != '-' && comp[i] != '_' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			t.part(comp[start:i])
			start = -1
		}
	}
	// Pair: this compound a number after "WORD ".
	if nparts == 1 && !hasOther && len(comp) >= 3 && len(comp) <= 5 && gapOK {
		t.buf = append(append(append(t.buf[:0], t.pair...), ' '), string(comp)...)
		t.emit(Code, true, t.buf)
	}
	t.pair = t.pair[:0]
	if nparts == 1 && hasOther && !hasDigit && !hasUnder && len(comp) >= 2 && len(comp) <= 8 {
		ok := true
		for _, r := range comp {
			if r == '\'' || (!t.query && !isUpper(r)) {
				ok = false
				break
			}
		}
		if ok {
			t.pair = appendFold(t.pair, comp)
		}
	}
}

func trimUnder(c []rune) []rune {
	for len(c) > 0 && c[0] == '_' {
		c = c[1:]
	}
	for len(c) > 0 && c[len(c)-1] == '_' {
		c = c[:len(c)-1]
	}
	return c
}

func foldString(rs []rune) string { return string(appendFold(nil, rs)) }

func appendFold(b []byte, rs []rune) []byte {
	for _, r := range rs {
		r = fold(r)
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
		} else {
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// part emits one part of a compound.
func (t *tokenizer) part(p []rune) {
	if len(p) > maxPart {
		return
	}
	digits := 0
	for _, r := range p {
		if isDigit(r) {
			digits++
		}
	}
	t.buf = appendFold(t.buf[:0], p)
	text := t.buf
	switch {
	case digits == 0:
		t.emit(Word, false, text)
		return
	case digits == len(p):
		t.emit(Number, t.query && digits >= 3, text)
		return
	}
	// Hexadecimal 0x…: whole and its digits.
	if len(text) >= 6 && text[0] == '0' && text[1] == 'x' && isHex(string(text[2:])) {
		t.emit(Code, true, text)
		body := text[2:]
		k := Code
		if allDigits(string(body)) {
			k = Number
		}
		t.emit(k, true, body)
		return
	}
	t.emit(Code, t.query || (len(p) >= 4 && digits >= 2), text)
	// Digit and non-digit runs of 3 or more.
	start := 0
	for i := 1; i <= len(p); i++ {
		if i < len(p) && isDigit(p[i]) == isDigit(p[start]) {
			continue
		}
		if i-start >= 3 {
			t.buf = appendFold(t.buf[:0], p[start:i])
			if isDigit(p[start]) {
				t.emit(Number, false, t.buf)
			} else {
				t.emit(Word, false, t.buf)
			}
		}
		start = i
	}
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return s != ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// compounds returns the folded compounds of s (the surface units the
// exact-code table is keyed by: "http 403" is two compounds).
func compounds(s string) []string {
	s = unmarked(nfkc(s))
	var cur []rune
	var res []string
	flush := func() {
		if len(cur) > 0 && len(cur) <= maxCompound {
			if c := trimUnder(cur); len(strings.Trim(string(c), ".-_'")) > 0 {
				res = append(res, foldString(c))
			}
		}
		cur = cur[:0]
	}
	var conn rune
	for _, r := range s {
		r = mapRune(r)
		if r < 0 {
			continue
		}
		if isWordRune(r) {
			if conn != 0 {
				cur = append(cur, conn)
				conn = 0
			}
			cur = append(cur, r)
			continue
		}
		if (r == '.' || r == '-' || r == '\'') && len(cur) > 0 && conn == 0 {
			conn = r
			continue
		}
		conn = 0
		flush()
	}
	flush()
	return res
}

// unmarked drops the combining accents U+0300–U+036F from s, which is in
// NFKC, and puts it in NFKC again when it had any: what an accent kept
// apart may compose once it is gone (a stray acute between two Hangul
// jamo), and a token must be what Normalize makes of it. The client's
// nfkc does the same.
func unmarked(s string) string {
	if strings.IndexByte(s, 0xcc) < 0 && strings.IndexByte(s, 0xcd) < 0 {
		return s // no rune in U+0300–U+037F
	}
	out := strings.Map(func(r rune) rune {
		if r >= 0x300 && r <= 0x36f {
			return -1
		}
		return r
	}, s)
	if len(out) == len(s) {
		return s
	}
	return nfkc(out)
}

// nfkc is norm.NFKC.String with a fast path for text made only of
// characters that NFKC keeps and that never compose with their
// neighbours (ASCII, Latin-1 letters, Cyrillic, common punctuation);
// TestNFKCFastPath checks the set.
func nfkc(s string) string {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && (uint64(s[i])|uint64(s[i+1])<<8|uint64(s[i+2])<<16|uint64(s[i+3])<<24|
			uint64(s[i+4])<<32|uint64(s[i+5])<<40|uint64(s[i+6])<<48|uint64(s[i+7])<<56)&0x8080808080808080 == 0 {
			i += 8
			continue
		}
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			i++
			continue
		case i+1 < len(s) && (c == 0xd0 || (c == 0xd1 && s[i+1] <= 0x9f) || c == 0xc3):
			// U+0400–U+045F, U+00C0–U+00FF
			i += 2
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !nfkcStable(r) {
			// Invalid bytes become U+FFFD first, as a browser decodes
			// them: the norm package copies a character after an invalid
			// byte as it is, so ŀ after \xf4 would stay unnormalised.
			return norm.NFKC.String(strings.ToValidUTF8(s, "\uFFFD"))
		}
		i += n
	}
	return s
}

func nfkcStable(r rune) bool {
	switch {
	case r >= 0xc0 && r <= 0xff:
		return true
	case r >= 0x400 && r <= 0x45f, r == 0x490, r == 0x491:
		return true
	}
	switch r {
	case 0xa9, 0xab, 0xae, 0xb0, 0xb1, 0xb6, 0xb7, 0xbb, 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x201e, 0x2022:
		return true
	}
	return false
}
