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
	return escapeText(md, src, func(v []byte, i int) int {
		if v[i] == '{' && (v[i+1] == '{' || v[i+1] == '%') || v[i] == '%' && v[i+1] == '}' {
			return i
		}
		return -1
	})
}

// Guard is the last step of a converter that wrote another tool's
// Markdown in deskbook's syntax: whatever of the other tool's tags it
// left in text ("{%", "%}", "{{<") gets a backslash inside, and a line of
// text starting with "::" one before it, so the page shows them as
// written. Unlike Escape it reads deskbook's directive lines as such, and
// leaves "{{name}}", the variables the converter wrote, alone. The
// converter decides line by line what is code; Guard reads the result as
// the build will, so a line it misjudged never lets a tag through.
func Guard(src []byte) []byte {
	md := goldmark.New(goldmark.WithExtensions(Extension(), extension.GFM, extension.Footnote, inline.Extension()))
	return escapeText(md, src, func(v []byte, i int) int {
		switch {
		case v[i] == '{' && v[i+1] == '%', v[i] == '%' && v[i+1] == '}':
			return i + 1
		case v[i] == '{' && v[i+1] == '{' && i+2 < len(v) && v[i+2] == '<':
			return i + 1
		}
		return -1
	})
}

// ReplaceVars puts with's text in place of each variable of src's text,
// "{{name}}" as written (whole), where with says to: an importer keeps a
// variable the site will not define as text ("\\" + whole) or fills in a
// value only its page had. It reads variables as the build does, code
// and HTML aside.
func ReplaceVars(src []byte, with func(name, whole string) (string, bool)) []byte {
	md := goldmark.New(goldmark.WithExtensions(Extension(), extension.GFM, extension.Footnote, inline.Extension()))
	doc := md.Parser().Parse(text.NewReader(src))
	var out []byte
	prev := 0
	for _, run := range textRuns(doc) {
		off := run[0].Segment.Start
		v := src[off:run[len(run)-1].Segment.Stop]
		for i := 0; i+1 < len(v); i++ {
			if v[i] == '\\' {
				i++
				continue
			}
			if v[i] != '{' || v[i+1] != '{' {
				continue
			}
			name, end := readVar(v, i)
			if end < 0 {
				continue
			}
			if repl, ok := with(name, string(v[i:end])); ok {
				out = append(append(out, src[prev:off+i]...), repl...)
				prev = off + end
			}
			i = end - 1
		}
	}
	if out == nil {
		return src
	}
	return append(out, src[prev:]...)
}

// escapeText parses src with md and puts a backslash where mark says in
// the text outside code and HTML: mark returns the offset in v, a text
// node's bytes, to put it before for the pair starting at i, or -1. A
// text line starting with "::" gets one before it.
func escapeText(md goldmark.Markdown, src []byte, mark func(v []byte, i int) int) []byte {
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
				if v[i] == '\\' {
					i++
				} else if j := mark(v, i); j >= 0 {
					at = append(at, n.Segment.Start+j)
					i++
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return insertBackslashes(src, at)
}

// insertBackslashes puts a backslash before each offset at of src.
func insertBackslashes(src []byte, at []int) []byte {
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
