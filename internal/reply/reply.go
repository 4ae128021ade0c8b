// Package reply holds the reply templates of site.yaml's replies:, which
// an article's Copy reply button fills in: a greeting, a body and a
// closing per language, in the team's own words. The button's script
// fills the placeholders; this package says which there are, what a site
// without replies: copies, and what is wrong with a template.
package reply

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Template is one language's reply. Each part may use the placeholders
// {title}, {summary} and {link} (the article's short link); a line whose
// placeholders are all empty (an article without a summary) is left out.
type Template struct {
	Greeting string `yaml:"greeting"` // "Hello,"
	Body     string `yaml:"body"`     // "this article should help: {title}\n{summary}\n{link}"
	Closing  string `yaml:"closing"`  // "Kind regards, the Tillbook team"
}

// Default is the reply of a language replies: leaves out, and the body of
// a template that has none: the title, the summary and the link.
var Default = Template{Body: "{title}\n{summary}\n{link}"}

// Or is the template with Default's body when it has none, so that a
// reply always gives the link.
func (t Template) Or() Template {
	if strings.TrimSpace(t.Body) == "" {
		t.Body = Default.Body
	}
	return t
}

// Placeholders are the names a template may use in braces.
var Placeholders = []string{"title", "summary", "link"}

// Problem is something wrong with replies:, at a key of site.yaml
// ("replies.de", "replies.en.body").
type Problem struct {
	Key string
	Msg string
}

// braces finds what a writer meant as a placeholder: a word in braces.
var braces = regexp.MustCompile(`\{[^{}\s]*\}`)

// Check finds what is wrong with a site's replies: a language the site
// does not have, a placeholder that is none of Placeholders. The problems
// are sorted by key.
func Check(replies map[string]Template, languages []string) []Problem {
	var out []Problem
	for code, t := range replies {
		if !slices.Contains(languages, code) {
			out = append(out, Problem{"replies." + code, fmt.Sprintf("replies: %q is not a language of this site (%s)", code, strings.Join(languages, ", "))})
		}
		for _, part := range []struct{ key, text string }{{"greeting", t.Greeting}, {"body", t.Body}, {"closing", t.Closing}} {
			for _, m := range braces.FindAllString(part.text, -1) {
				if !slices.Contains(Placeholders, m[1:len(m)-1]) {
					out = append(out, Problem{"replies." + code + "." + part.key,
						fmt.Sprintf("replies.%s.%s: unknown placeholder %s: use {title}, {summary} or {link}", code, part.key, m)})
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b Problem) int { return strings.Compare(a.Key+a.Msg, b.Key+b.Msg) })
	return out
}
