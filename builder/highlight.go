package builder

import (
	"bytes"
	"html"
	"strings"

	"deskbook/internal/highlight"
	"deskbook/internal/stash"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// highlightBudget is how many bytes of one article's code blocks chroma
// colours. Lexing costs about 10 µs a byte, so an article holding
// megabytes of code would take tens of seconds in build, check and serve
// alike; the code blocks past the budget are shown plain, never lost.
// Support articles quote snippets and logs: a few kilobytes.
const highlightBudget = 64 << 10

// plainCode is the attribute the page transformer puts on code blocks past
// the budget.
const plainCode = "deskbook-plain"

// codeBlock renders fenced and indented code with chroma, using CSS classes
// so that one stylesheet serves light and dark mode and print.
func (r *nodeRenderer) codeBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var code bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		code.Write(s.Value(src))
	}
	lang := ""
	if fc, ok := n.(*ast.FencedCodeBlock); ok && fc.Info != nil {
		lang = infoLanguage(fc.Info.Segment.Value(src))
	}
	lexer := r.lexerFor(lang)
	if _, plain := n.AttributeString(plainCode); lexer != nil && !plain {
		if out, ok := r.highlighted(lang, code.String(), lexer); ok {
			w.Write(out)
			return ast.WalkSkipChildren, nil
		}
	}
	// No lexer, or a lexer failure: the code is shown plain, never lost.
	w.WriteString(`<pre tabindex="0"><code>`)
	w.WriteString(html.EscapeString(code.String()))
	w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// codeKey is a code block as the highlighting memo knows it.
type codeKey struct{ lang, code string }

// highlighted returns the HTML of a code block, from the build's memo when
// the same code was highlighted before (translations repeat their code
// blocks verbatim), else from the stash of the build before: lexing is
// most of the cost of a page.
func (r *nodeRenderer) highlighted(lang, code string, lexer chroma.Lexer) ([]byte, bool) {
	key := codeKey{lang, code}
	if v, ok := r.memo.Load(key); ok {
		return v.([]byte), true
	}
	var sk stash.Key
	if r.stash != nil { // serve has none: no hash of every block at every edit
		sk = stash.KeyOf("highlight", lexer.Config().Name, code)
		if v, ok := r.stash.Get(sk); ok { // the stash is the memo, too, while it is open
			return v, true
		}
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return nil, false
	}
	var out bytes.Buffer
	if err := (highlight.Formatter{}).Format(&out, nil, it); err != nil {
		return nil, false
	}
	if !r.stash.Put(sk, out.Bytes()) {
		r.memo.Store(key, out.Bytes())
	}
	return out.Bytes(), true
}

// lexerFor finds the lexer of a fence's language, once per name and
// build: for a name chroma does not know, lexers.Get tries every lexer's
// file-name patterns, which costs milliseconds per code block.
func (r *nodeRenderer) lexerFor(lang string) chroma.Lexer {
	if lang == "" || lang == "text" || lang == "plain" || lang == "txt" {
		return nil
	}
	if l, ok := r.lexers.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	lx := lexers.Get(lang)
	r.lexers.Store(lang, lx)
	return lx
}

// infoLanguage takes the language from a fence's info string: "go",
// "rust,ignore", "python {linenos=true}" all name their first word.
func infoLanguage(info []byte) string {
	s := strings.TrimSpace(string(info))
	if i := strings.IndexAny(s, " ,{\t"); i >= 0 {
		s = s[:i]
	}
	return strings.ToLower(s)
}
