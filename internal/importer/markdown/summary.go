package markdown

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// maxSummary is the length, in characters, of the longest summary taken
// from a page's text: a line for lists and search results.
const maxSummary = 160

// varRE matches a variable, {{ name }}.
var varRE = regexp.MustCompile(`\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}`)

// fillVars fills in the variables of t that vars has, {{ name }}.
func fillVars(t string, vars map[string]string) string {
	return varRE.ReplaceAllStringFunc(t, func(m string) string {
		if v, ok := vars[varRE.FindStringSubmatch(m)[1]]; ok {
			return v
		}
		return m
	})
}

// firstSentence is a page's summary when its front matter has none: the
// first sentence of its first paragraph of text, or as much of the
// paragraph as fits. Variables are filled in from vars; a paragraph with
// other template syntax, a directive or no text is passed over.
func (imp *importer) firstSentence(body string, vars map[string]string) string {
	src := []byte(body)
	doc := imp.md.Parser().Parse(text.NewReader(src))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*ast.Paragraph); !ok || n.Lines().Len() == 0 {
			continue
		}
		first := n.Lines().At(0)
		if raw := strings.TrimSpace(string(first.Value(src))); strings.HasPrefix(raw, ":") || strings.HasPrefix(raw, "{%") {
			continue
		}
		t := strings.Join(strings.Fields(plainText(n, src)), " ")
		t = fillVars(t, vars)
		if t == "" || strings.Contains(t, "{{") || strings.Contains(t, "{%") {
			continue
		}
		return sentence(t)
	}
	return ""
}

// sentence is the first sentence of t when it fits in maxSummary
// characters, else t cut at a word within it.
func sentence(t string) string {
	if utf8.RuneCountInString(t) <= maxSummary && !hasSentenceEnd(t) {
		return t
	}
	r := []rune(t)
	for i := 0; i < len(r)-1 && i < maxSummary; i++ {
		if strings.ContainsRune(".!?。", r[i]) && (r[i+1] == ' ' || r[i] == '。') {
			return string(r[:i+1])
		}
	}
	if len(r) <= maxSummary {
		return t
	}
	cut := string(r[:maxSummary-1])
	if i := strings.LastIndexByte(cut, ' '); i > maxSummary/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// hasSentenceEnd tells whether t has more than one sentence.
func hasSentenceEnd(t string) bool {
	for _, sep := range []string{". ", "! ", "? ", "。"} {
		if i := strings.Index(t, sep); i >= 0 && i+len(sep) < len(t) {
			return true
		}
	}
	return false
}

// varsIn are the variables of a language, as site.yaml will give them.
func (imp *importer) varsIn(code string) map[string]string {
	out := map[string]string{}
	for name, byLang := range imp.vars {
		if v, ok := byLang[code]; ok {
			out[name] = v
		} else if v, ok := byLang[imp.defLang]; ok {
			out[name] = v
		}
	}
	return out
}
