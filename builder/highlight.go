package builder

import (
	"bytes"
	"html"

	"deskbook/internal/highlight"

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
		lang = highlight.InfoLanguage(fc.Info.Segment.Value(src))
	}
	if _, plain := n.AttributeString(plainCode); !plain {
		if out, ok := r.hl.Code(lang, code.String()); ok {
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
