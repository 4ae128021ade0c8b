// Package lang knows the language codes a site may list: which codes are
// valid, and what each language calls itself, for language menus.
package lang

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// codeRE is the shape of a code deskbook accepts: a lowercase ISO 639
// language, optionally with a region or script ("pt-br", "sr-latn"). Codes
// are folder names and URL segments, so they are lowercase.
var codeRE = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})?$`)

// Valid reports whether code is a language code like en, uk or pt-br.
func Valid(code string) bool {
	if !codeRE.MatchString(code) {
		return false
	}
	base, _, _ := strings.Cut(code, "-")
	_, err := language.ParseBase(base)
	return err == nil
}

// Name is a language's name as its readers write it, capitalised for a
// language menu: "Українська" for uk. It is the code itself for a
// language the Unicode data does not name.
func Name(code string) string {
	name := display.Self.Name(language.Make(code))
	if name == "" {
		return code
	}
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[n:]
}
