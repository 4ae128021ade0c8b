package inline

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// wrapped is a goldmark inline parser inside a guard: the guard answers
// everything goldmark asks but Parse as the parser would.
type wrapped struct{ inner parser.InlineParser }

func (w wrapped) Trigger() []byte { return w.inner.Trigger() }

func (w wrapped) SetOption(name parser.OptionName, value any) {
	if so, ok := w.inner.(parser.SetOptioner); ok {
		so.SetOption(name, value)
	}
}

func (w wrapped) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	if cb, ok := w.inner.(parser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}

// linkifyGuard is goldmark's linkify parser, which links nothing inside a
// link label. It asks parser.Context.IsInLinkLabel, which only knows
// goldmark's own link parser; the guard asks this package's.
type linkifyGuard struct{ wrapped }

func (g *linkifyGuard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if inLinkLabel(pc) {
		return nil
	}
	return g.inner.Parse(parent, block, pc)
}
