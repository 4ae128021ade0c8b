// Package inline holds inline parsers and guards that keep goldmark's
// parsing linear: for every Markdown text, parsing takes time in
// proportion to its length, however the text was written to be slow.
//
// goldmark (v1.8.7) has scans that start again at each of many brackets,
// backticks or delimiters and run to the end of the line or the block, so
// that a line of "[a](" repeated, or a paragraph of link reference
// definitions, takes time in the square of its size: an article of 100 KB
// kept a build busy for seconds, one of 2 MB for hours. Extension swaps
// those parsers for copies that remember what their scans found
// (goldmark's link parser, link.go and scan.go; its link reference
// definition parser, linkref.go; its table transformer, table.go), guards others with a memory of their
// own (code spans, footnote references), and caps what cannot be made
// linear from outside goldmark: emphasis delimiters per block, and the
// nesting of block quotes, lists and footnotes (guard.go). An ordinary
// document parses exactly as before.
package inline

import (
	"reflect"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// Extension returns the goldmark extender that puts this package's
// parsers in place of goldmark's. It replaces the parsers that the
// extensions before it added, so list it last:
//
//	goldmark.WithExtensions(extension.GFM, extension.Footnote, inline.Extension())
func Extension() goldmark.Extender { return extender{} }

type extender struct{}

func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(replace{})
}

// replace is the parser option that swaps the parsers in the parser's
// configuration, each at the priority of the one it replaces.
type replace struct{}

func (replace) SetParserOption(c *parser.Config) {
	for i, v := range c.InlineParsers {
		c.InlineParsers[i].Value = inlineFor(v.Value)
	}
	for i, v := range c.BlockParsers {
		c.BlockParsers[i].Value = blockFor(v.Value)
	}
	for i, v := range c.ParagraphTransformers {
		if sameType(v.Value, parser.LinkReferenceParagraphTransformer) {
			c.ParagraphTransformers[i].Value = linkReferenceTransformer{}
		}
	}
	for i, v := range c.ASTTransformers {
		if sameType(v.Value, extension.NewTableASTTransformer()) {
			c.ASTTransformers[i].Value = tableTransformer{}
		}
	}
}

// inlineFor is the parser that replaces an inline parser: a copy, a
// guarded one, or the parser itself.
func inlineFor(v any) any {
	p, ok := v.(parser.InlineParser)
	switch {
	case !ok:
		return v
	case sameType(p, parser.NewLinkParser()):
		return &linkParser{}
	case sameType(p, parser.NewCodeSpanParser()):
		return &codeSpanGuard{wrapped{p}}
	case sameType(p, parser.NewEmphasisParser()):
		return &delimiterGuard{wrapped: wrapped{p}, chars: "*_"}
	case sameType(p, extension.NewStrikethroughParser()):
		// goldmark's strikethrough parser takes runs of one or two '~'
		// not after another '~'.
		return &delimiterGuard{wrapped: wrapped{p}, chars: "~", longest: 2, notAfter: '~'}
	case sameType(p, extension.NewLinkifyParser()):
		return &linkifyGuard{wrapped{p}}
	case sameType(p, extension.NewFootnoteParser()):
		return &footnoteGuard{wrapped{p}}
	}
	return v
}

// blockFor is the parser that replaces a block parser: the container
// blocks (block quotes, lists and footnotes) are capped in depth, the
// others are kept.
func blockFor(v any) any {
	p, ok := v.(parser.BlockParser)
	switch {
	case !ok:
		return v
	case sameType(p, parser.NewListParser()):
		return &depthGuard{p, 2}
	case sameType(p, parser.NewBlockquoteParser()) || sameType(p, parser.NewListItemParser()):
		return &depthGuard{p, 1}
	case sameType(p, extension.NewFootnoteBlockParser()):
		return &footnoteBlockGuard{&depthGuard{p, 1}}
	}
	return v
}

// sameType tells goldmark's parsers apart by type rather than by value,
// so that a parser made with options, or a goldmark that stops sharing
// one value of a parser, is still recognised.
func sameType(a, b any) bool {
	return reflect.TypeOf(a) == reflect.TypeOf(b)
}
