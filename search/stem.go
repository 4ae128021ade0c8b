package search

import (
	_ "embed"
	"encoding/json"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
)

// stemmerFor names the stemmer used for a language's index: "en", "ru",
// "uk", or "" (no stemming) for any other language. Only the primary
// subtag counts ("en-GB" → "en").
func stemmerFor(lang string) string {
	l := strings.ToLower(lang)
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		l = l[:i]
	}
	switch l {
	case "en", "ru", "uk":
		return l
	}
	return ""
}

// Stem returns the index term of a normalised Word token in a language.
// Languages other than en, ru and uk are not stemmed. In en, ru and uk,
// a word of ASCII letters is stemmed with Snowball English (technical
// English terms are common in Russian and Ukrainian articles); a word of
// Cyrillic letters with Snowball Russian (ru pages, Russian letters only)
// or the Ukrainian stemmer (uk pages). Any other word is kept as is. The
// client (search.js) implements the same function; TestStemAgreement runs
// both on word lists.
func Stem(lang, word string) string {
	return stemWith(stemmerFor(lang), word)
}

func stemWith(s, word string) string {
	if s == "" || word == "" {
		return word
	}
	switch script(word) {
	case scriptLatin:
		return english.Stem(word, true)
	case scriptRussian:
		switch s {
		case "ru":
			return russian.Stem(word, true)
		case "uk":
			return stemUk(word)
		}
	case scriptUkrainian:
		if s == "uk" {
			return stemUk(word)
		}
	}
	return word
}

const (
	scriptOther = iota
	scriptLatin
	scriptRussian   // а–я only
	scriptUkrainian // а–я, і ї є and apostrophes
)

func script(w string) int {
	latin, cyr, uk := true, true, true
	for _, r := range w {
		switch {
		case 'a' <= r && r <= 'z':
			cyr, uk = false, false
		case r == '\'':
			cyr = false
		case 'а' <= r && r <= 'я':
			latin = false
		case r == 'і' || r == 'ї' || r == 'є':
			latin, cyr = false, false
		default:
			return scriptOther
		}
	}
	switch {
	case latin:
		return scriptLatin
	case cyr:
		return scriptRussian
	case uk:
		return scriptUkrainian
	}
	return scriptOther
}

//go:embed client/stem-uk.json
var ukRulesJSON []byte

type ukRuleSet struct {
	Vowels string   `json:"vowels"`
	Refl   []string `json:"refl"`
	Fut    []string `json:"fut"`
	End    []string `json:"end"`
	Adj2   []string `json:"adj2"`
	Act    []string `json:"act"`
	Deriv  []string `json:"deriv"`
	Verb   []string `json:"verb"`
	Dbl    string   `json:"dbl"`
	Flee   string   `json:"flee"`
	Lead   string   `json:"lead"`

	end, adj2 map[string]bool
	maxEnd    int
}

var ukRules = func() *ukRuleSet {
	var r ukRuleSet
	if err := json.Unmarshal(ukRulesJSON, &r); err != nil {
		panic("search: client/stem-uk.json: " + err.Error())
	}
	r.end, r.adj2 = map[string]bool{}, map[string]bool{}
	for _, e := range r.End {
		r.end[e] = true
		r.maxEnd = max(r.maxEnd, utf8.RuneCountInString(e))
	}
	for _, e := range r.Adj2 {
		r.adj2[e] = true
	}
	// Longest first, so "first match" means "longest match".
	for _, l := range [][]string{r.Refl, r.Fut, r.Act, r.Deriv, r.Verb} {
		sort.SliceStable(l, func(i, j int) bool { return utf8.RuneCountInString(l[i]) > utf8.RuneCountInString(l[j]) })
	}
	return &r
}()

// stemUk is deskbook's Ukrainian stemmer. Its frame is M. Porter's
// Snowball Russian algorithm (snowballstem.org/algorithms/russian) as
// adapted to Ukrainian by the "ukr_stemmer" (Zakharov Kyrylo,
// github.com/Amice13/ukr_stemmer, after the Drupal ukstemmer by Algenon):
// endings are removed only from RV, the part after the first vowel, and
// "ость"-like derivational suffixes only from R2. Changed from it, with
// the word families in stem_test.go as the measure:
//   - one longest-match pass over all endings (noun, adjective, verb
//     personal, gerund, thematic -ува-/-юва- forms), because Ukrainian
//     adjective and noun endings overlap; infinitive -ти, past -в/-ла/-ли
//     and -ать/-ять are not endings (результати, канали, держав, пам'ять
//     would lose their stems), except inside the thematic -увати/-ювати;
//   - analytic future (-тиму, -тимеш …) reduced to the infinitive;
//   - active participles (-уч-/-юч-/-ач-/-яч-) after adjective endings,
//     -ован-/-уван-/-юван-/-уват-/-юват- after everything, so
//     друкувати, друкує, друкують, друкував, друкуючи → друк;
//   - soft sign dropped and a final double consonant undoubled
//     (завдання/завдань → завдан, пам'яттю/пам'ять → памят);
//   - the fleeting vowel of -ок/-ек/-ер/-ен/-ець removed from every stem
//     (помилок/помилка → помилк, принтер/принтера → принтр);
//   - the plural imperative (-айте, -яйте, -ийте, -ійте) is an ending, as
//     -уйте was: articles instruct (перекладайте, відкрийте), customers
//     name the thing (переклад);
//   - the euphonic alternation of a first в and у before a consonant made
//     one (встановити/установити, вмикати/умикати, вже/уже → у…): writers
//     and customers choose either by the word before.
//
// Apostrophes are dropped first. The rules are data (client/stem-uk.json),
// read by this function and by the browser client alike.
func stemUk(word string) string {
	r := ukRules
	rs := make([]rune, 0, len(word))
	for _, c := range word {
		if c != '\'' {
			rs = append(rs, c)
		}
	}
	if len(rs) < 3 {
		return string(rs)
	}
	isV := func(c rune) bool { return strings.ContainsRune(r.Vowels, c) }
	if lead := []rune(r.Lead); len(lead) == 2 && rs[0] == lead[0] && !isV(rs[1]) {
		rs[0] = lead[1]
	}
	rv := len(rs)
	for i, c := range rs {
		if isV(c) {
			rv = i + 1
			break
		}
	}
	// R1, R2: after the first non-vowel that follows a vowel.
	vnv := func(from int) int {
		for i := from + 1; i < len(rs); i++ {
			if isV(rs[i-1]) && !isV(rs[i]) {
				return i + 1
			}
		}
		return len(rs)
	}
	r2 := vnv(vnv(0))
	// ends reports whether rs ends with s inside region from, leaving at
	// least two letters.
	ends := func(s string, from int) int {
		n := utf8.RuneCountInString(s)
		if n > len(rs) || len(rs)-n < from || len(rs)-n < 2 {
			return 0
		}
		i := len(rs) - n
		for _, c := range s {
			if rs[i] != c {
				return 0
			}
			i++
		}
		return n
	}
	cut := func(list []string, from int) string {
		for _, s := range list {
			if n := ends(s, from); n > 0 {
				rs = rs[:len(rs)-n]
				return s
			}
		}
		return ""
	}
	cut(r.Refl, rv)
	if n := len(rs); n > 4 {
		save := rs
		if f := cut(r.Fut, rv); f != "" && ends("ти", rv) == 0 {
			rs = save
		}
	}
	// Longest ending in RV.
	ending := ""
	var tail [32]byte
	for n := min(r.maxEnd, len(rs)-2); n >= 1; n-- {
		if len(rs)-n < rv {
			continue
		}
		b := tail[:0]
		for _, c := range rs[len(rs)-n:] {
			b = utf8.AppendRune(b, c)
		}
		if r.end[string(b)] {
			ending = string(b)
			rs = rs[:len(rs)-n]
			break
		}
	}
	if r.adj2[ending] {
		cut(r.Act, rv)
	}
	cut(r.Deriv, r2)
	if n := len(rs); n > 2 && rs[n-1] == 'ь' {
		rs = rs[:n-1]
	}
	if n := len(rs); n > 3 && rs[n-1] == rs[n-2] && strings.ContainsRune(r.Dbl, rs[n-1]) {
		rs = rs[:n-1]
	}
	cut(r.Verb, rv)
	if n := len(rs); n >= 5 && (rs[n-2] == 'о' || rs[n-2] == 'е') && strings.ContainsRune(r.Flee, rs[n-1]) && !isV(rs[n-3]) {
		rs = append(rs[:n-2], rs[n-1])
	}
	return string(rs)
}
