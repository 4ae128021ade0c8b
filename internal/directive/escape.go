package directive

import (
	"bytes"
	"slices"

	"deskbook/internal/inline"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Escape makes Markdown written for another tool read in deskbook as it
// was meant: "{{", "{%" and "%}" in its text, and "::" starting a line of its
// text, get a backslash before them, which shows them as written instead
// of reading a variable, a tag of another tool or a directive. Code keeps
// its text. An importer calls it on text it copies without converting.
func Escape(src []byte) []byte {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, inline.Extension()))
	doc := md.Parser().Parse(text.NewReader(src))
	var at []int // offsets to put a backslash before
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			v := n.Segment.Value(src)
			if bytes.HasPrefix(v, []byte("::")) && startsLine(n) {
				at = append(at, n.Segment.Start)
			}
			for i := 0; i+1 < len(v); i++ {
				switch {
				case v[i] == '\\':
					i++
				case v[i] == '{' && (v[i+1] == '{' || v[i+1] == '%'), v[i] == '%' && v[i+1] == '}':
					at = append(at, n.Segment.Start+i)
					i++
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if len(at) == 0 {
		return src
	}
	slices.Sort(at)
	out := make([]byte, 0, len(src)+len(at))
	prev := 0
	for _, i := range slices.Compact(at) {
		out = append(append(out, src[prev:i]...), '\\')
		prev = i
	}
	return append(out, src[prev:]...)
}
