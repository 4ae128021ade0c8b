package inline

import (
	"slices"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// tableTransformer does what goldmark's table AST transformer does, in
// time linear in the document: in a table cell that has a backtick, "\|"
// stands for "|" (so a code span can hold a pipe), and the backslash is
// taken out of the code span's text. goldmark's checks every escaped pipe
// of the document against every text of every cell that has one, so a
// table of 10,000 such rows took seconds, one of 2 MB minutes. This one
// finds each cell's own escaped pipes, by goldmark's rule, from the cell's
// source.
type tableTransformer struct{}

func (tableTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		cell, ok := n.(*east.TableCell)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if pos := escapedPipes(cell, src); len(pos) > 0 {
			unescapePipes(cell, pos)
		}
		return ast.WalkSkipChildren, nil
	})
}

// escapedPipes are the offsets of the backslashes before the pipes a
// cell escapes: after a backtick in the cell, a '|' right after a '\' does
// not end the cell (goldmark's parseRow).
func escapedPipes(cell *east.TableCell, src []byte) []int {
	var pos []int
	for i := 0; i < cell.Lines().Len(); i++ {
		seg := cell.Lines().At(i)
		tick := false
		for j := seg.Start; j < seg.Stop; j++ {
			switch src[j] {
			case '`':
				tick = true
			case '|':
				if tick && j > seg.Start && src[j-1] == '\\' {
					pos = append(pos, j-1)
				}
			}
		}
	}
	return pos
}

// unescapePipes splits the texts of the cell's code spans around the
// backslashes at pos (sorted), leaving them out.
func unescapePipes(cell *east.TableCell, pos []int) {
	_ = ast.Walk(cell, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Kind() != ast.KindCodeSpan {
			return ast.WalkContinue, nil
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			if t, ok := c.(*ast.Text); ok {
				splitAt(n, t, pos)
			}
			c = next
		}
		return ast.WalkSkipChildren, nil
	})
}

// splitAt replaces text t, a child of parent, by its pieces between the
// offsets of pos that fall inside it, as goldmark does: raw text segments.
func splitAt(parent ast.Node, t *ast.Text, pos []int) {
	i, _ := slices.BinarySearch(pos, t.Segment.Start)
	var n ast.Node = t
	for ; i < len(pos) && pos[i] < t.Segment.Stop; i++ {
		seg := n.(*ast.Text).Segment
		n1 := ast.NewRawTextSegment(seg.WithStop(pos[i]))
		n2 := ast.NewRawTextSegment(seg.WithStart(pos[i] + 1))
		parent.InsertAfter(parent, n, n1)
		parent.InsertAfter(parent, n1, n2)
		parent.RemoveChild(parent, n)
		n = n2
	}
}
