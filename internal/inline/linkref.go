// This file is a copy of goldmark's parser/link_ref.go (v1.8.7), changed
// so that taking the definitions out of a paragraph takes time in
// proportion to their number; see keepLines.
//
// MIT License
//
// Copyright (c) 2019 Yusuke Inuzuka
//
// Permission is hereby granted, free of charge, to any person obtaining a copy
// of this software and associated documentation files (the "Software"), to deal
// in the Software without restriction, including without limitation the rights
// to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
// copies of the Software, and to permit persons to whom the Software is
// furnished to do so, subject to the following conditions:
//
// The above copyright notice and this permission notice shall be included in all
// copies or substantial portions of the Software.
//
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
// IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
// FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
// AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
// LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
// OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
// SOFTWARE.

package inline

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkReferenceTransformer is goldmark's LinkReferenceParagraphTransformer:
// it takes the link reference definitions at the start of a paragraph out
// of it.
type linkReferenceTransformer struct{}

func (p linkReferenceTransformer) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	block := text.NewBlockReader(reader.Source(), lines)
	removes := [][2]int{}
	for {
		ref, start, end := parseLinkReferenceDefinition(block, lines, pc)
		if start > -1 {
			if start == 0 {
				ref.SetBlankPreviousLines(node.HasBlankPreviousLines())
			}
			node.Parent().InsertBefore(node.Parent(), node, ref)
			for i := start + 1; i < end; i++ {
				ref.Lines().Append(lines.At(i))
			}
			seg := ref.Lines().At(ref.Lines().Len() - 1)
			ref.Lines().Set(ref.Lines().Len()-1, seg.TrimRightSpace(reader.Source()))
			if start == end {
				end++
			}
			removes = append(removes, [2]int{start, end})
			continue
		}
		break
	}

	lines = keepLines(lines, removes)

	if lines.Len() == 0 {
		node.Parent().RemoveChild(node.Parent(), node)
		return
	}

	node.SetLines(lines)
}

// keepLines is what goldmark's loop over removes leaves of lines:
//
//	offset := 0
//	for _, remove := range removes {
//		if lines.Len() == 0 {
//			break
//		}
//		s := lines.Sliced(remove[1]-offset, lines.Len())
//		lines.SetSliced(0, remove[0]-offset)
//		lines.AppendAll(s)
//		offset = remove[1]
//	}
//
// That loop copies every line after a definition once per definition, so
// a paragraph of n definitions takes n² steps. Each step keeps the first
// a lines, drops those up to b and keeps the rest; here the rest is not
// copied but kept as a position in the paragraph's lines, and only the
// kept first lines are (a is the lines between two definitions, almost
// always none). Steps goldmark's loop would not survive, with indexes out
// of range, are left to that loop.
func keepLines(lines *text.Segments, removes [][2]int) *text.Segments {
	if len(removes) == 0 {
		return lines
	}
	all := lines.Sliced(0, lines.Len())
	var head []text.Segment // the first lines, kept apart
	rest := 0               // the lines after head are all[rest:]
	offset := 0
	for k, remove := range removes {
		n := len(head) + len(all) - rest
		if n == 0 {
			break
		}
		a, b := remove[0]-offset, remove[1]-offset
		if a < 0 || b < a || b > n {
			out := text.NewSegments()
			out.AppendAll(append(append([]text.Segment{}, head...), all[rest:]...))
			return keepLinesSlowly(out, removes[k:], offset)
		}
		head, rest = cut(head, all, rest, a, b)
		offset = remove[1]
	}
	out := text.NewSegments()
	out.AppendAll(append(append(make([]text.Segment, 0, len(head)+len(all)-rest), head...), all[rest:]...))
	return out
}

// cut keeps the first a lines of head followed by all[rest:] and drops
// the lines from a to b, returning the new head and rest.
func cut(head, all []text.Segment, rest, a, b int) ([]text.Segment, int) {
	if b <= len(head) {
		// Move the kept first lines up to the dropped ones' end.
		copy(head[b-a:b], head[:a])
		return head[b-a:], rest
	}
	var kept []text.Segment
	if a <= len(head) {
		kept = head[:a]
	} else {
		kept = append(head, all[rest:rest+a-len(head)]...)
	}
	return kept, rest + b - len(head)
}

// keepLinesSlowly is goldmark's loop, from a step on.
func keepLinesSlowly(lines *text.Segments, removes [][2]int, offset int) *text.Segments {
	for _, remove := range removes {
		if lines.Len() == 0 {
			break
		}
		s := lines.Sliced(remove[1]-offset, lines.Len())
		lines.SetSliced(0, remove[0]-offset)
		lines.AppendAll(s)
		offset = remove[1]
	}
	return lines
}

// parseLinkReferenceDefinition reads a definition at the reader's
// position: its label and destination here, its title in
// parseLinkReferenceTitle.
func parseLinkReferenceDefinition(block text.Reader, lines *text.Segments, pc parser.Context) (ast.Node, int, int) {
	block.SkipSpaces()
	line, _ := block.PeekLine()
	if line == nil {
		return nil, -1, -1
	}
	startLine, _ := block.Position()
	width, pos := util.IndentWidth(line, 0)
	if width > 3 {
		return nil, -1, -1
	}
	if width != 0 {
		pos++
	}
	if line[pos] != '[' {
		return nil, -1, -1
	}
	_, startPos := block.Position()
	block.Advance(pos + 1)
	segments, found := block.FindClosure('[', ']', linkFindClosureOptions)
	if !found {
		return nil, -1, -1
	}
	label := segmentsValue(lines, block.Source(), segments)
	if util.IsBlank(label) {
		return nil, -1, -1
	}
	if block.Peek() != ':' {
		return nil, -1, -1
	}
	block.Advance(1)
	block.SkipSpaces()
	destination, ok := destinationSlow(block)
	if !ok {
		return nil, -1, -1
	}
	return parseLinkReferenceTitle(block, lines, pc, label, destination, startLine, startPos)
}

// parseLinkReferenceTitle reads the rest of a definition, after its
// destination: an optional title.
func parseLinkReferenceTitle(block text.Reader, lines *text.Segments, pc parser.Context, label, destination []byte,
	startLine int, startPos text.Segment) (ast.Node, int, int) {
	line, _ := block.PeekLine()
	isNewLine := line == nil || util.IsBlank(line)

	endLine, _ := block.Position()
	_, spaces, _ := block.SkipSpaces()
	opener := block.Peek()
	if opener != '"' && opener != '\'' && opener != '(' {
		if !isNewLine {
			return nil, -1, -1
		}
		ref := ast.NewLinkReferenceDefinition(label, destination, nil)
		ref.Lines().Append(startPos)
		pc.AddReference(astReference{ref})
		return ref, startLine, endLine + 1
	}
	if spaces == 0 {
		return nil, -1, -1
	}
	block.Advance(1)
	closer := opener
	if opener == '(' {
		closer = ')'
	}
	segments, found := block.FindClosure(opener, closer, linkFindClosureOptions)
	if !found {
		if !isNewLine {
			return nil, -1, -1
		}
		ref := ast.NewLinkReferenceDefinition(label, destination, nil)
		ref.Lines().Append(startPos)
		pc.AddReference(astReference{ref})
		block.AdvanceLine()
		return ref, startLine, endLine + 1
	}
	title := segmentsValue(lines, block.Source(), segments)

	line, _ = block.PeekLine()
	if line != nil && !util.IsBlank(line) {
		if !isNewLine {
			return nil, -1, -1
		}
		ref := ast.NewLinkReferenceDefinition(label, destination, title)
		ref.Lines().Append(startPos)
		pc.AddReference(astReference{ref})
		return ref, startLine, endLine
	}

	endLine, _ = block.Position()
	ref := ast.NewLinkReferenceDefinition(label, destination, title)
	ref.Lines().Append(startPos)
	pc.AddReference(astReference{ref})
	return ref, startLine, endLine + 1
}

// astReference is goldmark's: a reference that reads its definition node.
type astReference struct {
	v *ast.LinkReferenceDefinition
}

func (r astReference) Label() []byte {
	return r.v.Label
}

func (r astReference) Destination() []byte {
	return r.v.Destination
}

func (r astReference) Title() []byte {
	return r.v.Title
}

func (r astReference) String() string {
	return fmt.Sprintf("Reference{Label:%s, Destination:%s, Title:%s}", r.Label(), r.Destination(), r.Title())
}
