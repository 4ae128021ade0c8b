package slug

import (
	"strings"
	"unicode"
)

// Cyrillic is transliterated with official tables:
//
//   - Ukrainian: the national transliteration of Resolution 55 of the
//     Cabinet of Ministers of Ukraine (27 January 2010), with its
//     word-initial forms (Є → ye, Ї → yi, Й → y, Ю → yu, Я → ya at the
//     start of a word; ie, i, i, iu, ia elsewhere) and зг → zgh. The soft
//     sign and the apostrophe are dropped.
//   - Russian: ICAO Doc 9303 (2015), the table of Russian passports:
//     х → kh, ц → ts, щ → shch, ы → y, ъ → ie, ь dropped, ю → iu, я → ia.
//
// Which table applies follows the article's language; with no language,
// letters only Ukrainian has (і ї є ґ) pick Ukrainian, else Russian.

var ukTable = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "h", 'ґ': "g", 'д': "d", 'е': "e", 'є': "ie", 'ж': "zh", 'з': "z",
	'и': "y", 'і': "i", 'ї': "i", 'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p",
	'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ь': "", 'ю': "iu", 'я': "ia", '\'': "", 'ʼ': "", '’': "",
	// Russian letters in a Ukrainian text (quotes, names) still get a form.
	'ё': "e", 'ы': "y", 'э': "e", 'ъ': "",
}

var ukInitial = map[rune]string{'є': "ye", 'ї': "yi", 'й': "y", 'ю': "yu", 'я': "ya"}

var ruTable = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i",
	'й': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "ie", 'ы': "y",
	'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
	// Ukrainian letters in a Russian text.
	'і': "i", 'ї': "i", 'є': "e", 'ґ': "g",
}

// Transliterate writes Cyrillic text in Latin letters by the table of the
// language ("uk" or "ru"; anything else guesses from the letters). Other
// characters pass through unchanged.
func Transliterate(s, lang string) string {
	if lang != "uk" && lang != "ru" {
		lang = "ru"
		if strings.ContainsAny(strings.ToLower(s), "іїєґ") {
			lang = "uk"
		}
	}
	table := ruTable
	if lang == "uk" {
		table = ukTable
	}
	var b strings.Builder
	prevLetter := false
	rs := []rune(s)
	for i, r := range rs {
		lower := unicode.ToLower(r)
		out, ok := table[lower]
		if !ok {
			b.WriteRune(r)
			prevLetter = unicode.IsLetter(r)
			continue
		}
		if lang == "uk" {
			if init, ok := ukInitial[lower]; ok && !prevLetter {
				out = init
			}
			// зг is written zgh, so it is not read as the digraph zh.
			if lower == 'г' && i > 0 && unicode.ToLower(rs[i-1]) == 'з' {
				out = "gh"
			}
		}
		if r != lower && out != "" {
			out = strings.ToUpper(out[:1]) + out[1:]
		}
		b.WriteString(out)
		// The apostrophe and soft sign sit inside a word.
		prevLetter = unicode.IsLetter(r) || out == ""
	}
	return b.String()
}
