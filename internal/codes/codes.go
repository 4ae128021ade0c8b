// Package codes turns the error codes articles list in their errors:
// front matter into addresses: /e/<code>/ opens the article that answers
// the code, so a product's error dialog can link straight to it, and
// errors.json lists every code with its article for support bots. An
// entry of errors: is a code when it has no spaces (TB-1001, 0x80070005,
// LIC-EXPIRED); an entry with spaces is a message, found by search only.
package codes

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"deskbook/internal/diag"
	"deskbook/internal/slug"
)

// Claim is one article file's errors: list.
type Claim struct {
	ID    int      // the article's id, which its translations share
	Path  string   // the file, as messages name it
	Line  int      // the line of its errors: key
	Texts []string // the list as written
}

// Code is one error code with its address, e/<Slug>/.
type Code struct {
	Text string // as the first article listing it writes it
	Slug string
	ID   int // the article it leads to
}

// IsCode says whether an entry of errors: is a code: one word, with no
// spaces. "TB-1001" is; "Database is locked" is a message.
func IsCode(text string) bool {
	return text != "" && !strings.ContainsFunc(text, unicode.IsSpace)
}

// safe is what an address may hold as written: lower-case Latin letters,
// digits, dots, hyphens and underscores, starting with a letter or digit.
var safe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// Slug is a code's address segment: the code in lower case when that is
// safe in a URL (ok), else a slug of it (internal/slug: Cyrillic
// transliterated, other characters turned into hyphens), which is "" for
// a code with no letters or digits.
func Slug(code string) (s string, ok bool) {
	if lower := strings.ToLower(code); safe.MatchString(lower) {
		return lower, true
	}
	return slug.Make(slug.Transliterate(code, "")), false
}

// owner is the first claim of an address.
type owner struct {
	code Code
	path string
	line int
}

// Collect finds the codes of every claim, in the claims' order, and the
// problems with them: a code that is not safe in a URL gets a slug and a
// warning naming its address (once per article); a code with nothing to
// make an address of is a warning; two articles (two ids) claiming one
// address is an error at the second naming the first. Translations of an
// article share its codes and its address.
func Collect(claims []Claim) ([]Code, []diag.Diagnostic) {
	var codes []Code
	var problems []diag.Diagnostic
	owners := map[string]owner{}
	warned := map[string]bool{}  // id and code
	clashed := map[string]bool{} // path and address
	for _, c := range claims {
		for _, text := range c.Texts {
			if !IsCode(text) {
				continue
			}
			s, ok := Slug(text)
			key := fmt.Sprint(c.ID, "\x00", text)
			if !ok && !warned[key] {
				warned[key] = true
				msg := fmt.Sprintf("error code %q is not safe in a URL: its address is /e/%s/", text, s)
				if s == "" {
					msg = fmt.Sprintf("error code %q has no letters or digits to make an address of: it gets no /e/ page", text)
				}
				problems = append(problems, diag.Diagnostic{Path: c.Path, Line: c.Line, Severity: diag.Warning, Msg: msg})
			}
			if s == "" {
				continue
			}
			o, taken := owners[s]
			switch {
			case !taken:
				owners[s] = owner{Code{text, s, c.ID}, c.Path, c.Line}
				codes = append(codes, owners[s].code)
			case o.code.ID != c.ID && !clashed[c.Path+"\x00"+s]:
				clashed[c.Path+"\x00"+s] = true
				problems = append(problems, diag.Diagnostic{Path: c.Path, Line: c.Line, Severity: diag.Error, Msg: clash(text, s, o)})
			}
		}
	}
	return codes, problems
}

// clash says that a code's address belongs to another article already.
func clash(text, s string, o owner) string {
	if o.code.Text == text {
		return fmt.Sprintf("error code %q is claimed by article %d too (%s:%d): /e/%s/ can lead to one article only; remove the code from one of them (translations share an id)",
			text, o.code.ID, o.path, o.line, s)
	}
	return fmt.Sprintf("error code %q gets the address /e/%s/ of %q, claimed by article %d (%s:%d): an address can lead to one article only; remove or rename one of the codes",
		text, s, o.code.Text, o.code.ID, o.path, o.line)
}

// Index is errors.json: every error code with the article that answers
// it, for a product's error dialog or a support bot.
type Index struct {
	Codes map[string]Entry `json:"codes"` // by the code as written
}

// Entry is one code of errors.json.
type Entry struct {
	ID int `json:"id"` // the article's id; /a/<id>/ is its short link
	// URL is the code's address, /e/<code>/, which opens the article in
	// the reader's language.
	URL string `json:"url"`
	// Articles is the article in each language it is written in, by
	// language code.
	Articles map[string]Version `json:"articles"`
}

// Version is an article in one language.
type Version struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// JSON is the index as errors.json holds it: indented, keys sorted, so
// the same site gives the same bytes.
func (x Index) JSON() []byte {
	if x.Codes == nil {
		x.Codes = map[string]Entry{}
	}
	b, _ := json.MarshalIndent(x, "", "  ") // strings, numbers and maps of them only
	return append(b, '\n')
}
