// This file is a copy of goldmark's parser/link.go (v1.8.7), changed so
// that no scan repeats; the changes are listed on linkParser.
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
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The context keys of the link parser: the open link labels of the block
// (also what linkify asks, see inLinkLabel), the delimiter bottoms of the
// open labels, and the block's scan memory. They are set once, when the
// package is loaded, like goldmark's own.
var (
	labelKey  = parser.NewContextKey()
	bottomKey = parser.NewContextKey()
	scanKey   = parser.NewContextKey()
)

// labelState is an open '[' or '![': goldmark's linkLabelState, with the
// number of links the block had when it opened.
type labelState struct {
	ast.BaseInline

	Segment text.Segment

	IsImage bool

	Prev *labelState

	Next *labelState

	First *labelState

	Last *labelState

	// links is how many links the block had made when this label
	// opened: the label contains a link if the block has made more since.
	links int
}

func newLabelState(segment text.Segment, isImage bool, links int) *labelState {
	return &labelState{
		Segment: segment,
		IsImage: isImage,
		links:   links,
	}
}

func (s *labelState) Text(source []byte) []byte {
	return s.Segment.Value(source)
}

func (s *labelState) Dump(source []byte, level int) {
	fmt.Printf("%slinkLabelState: \"%s\"\n", strings.Repeat("    ", level), s.Text(source))
}

var kindLabelState = ast.NewNodeKind("LinkLabelState")

func (s *labelState) Kind() ast.NodeKind {
	return kindLabelState
}

func labelStateLength(v *labelState) int {
	if v == nil || v.Last == nil || v.First == nil {
		return 0
	}
	return v.Last.Segment.Stop - v.First.Segment.Start
}

func pushLabelState(pc parser.Context, v *labelState) {
	tlist := pc.Get(labelKey)
	var list *labelState
	if tlist == nil {
		list = v
		v.First = v
		v.Last = v
		pc.Set(labelKey, list)
	} else {
		list = tlist.(*labelState)
		l := list.Last
		list.Last = v
		l.Next = v
		v.Prev = l
	}
}

func removeLabelState(pc parser.Context, d *labelState) {
	tlist := pc.Get(labelKey)
	var list *labelState
	if tlist == nil {
		return
	}
	list = tlist.(*labelState)

	if d.Prev == nil {
		list = d.Next
		if list != nil {
			list.First = d
			list.Last = d.Last
			list.Prev = nil
			pc.Set(labelKey, list)
		} else {
			pc.Set(labelKey, nil)
		}
	} else {
		d.Prev.Next = d.Next
		if d.Next != nil {
			d.Next.Prev = d.Prev
		}
	}
	if list != nil && d.Next == nil {
		list.Last = d.Prev
	}
	d.Next = nil
	d.Prev = nil
	d.First = nil
	d.Last = nil
}

// inLinkLabel is what parser.Context.IsInLinkLabel answers for goldmark's
// own link parser: whether the block has a '[' still open.
func inLinkLabel(pc parser.Context) bool {
	return pc.Get(labelKey) != nil
}

// linkParser is goldmark's link parser with its state under its own keys
// and three changes, each keeping the output and dropping a scan that
// could repeat over the same text once per bracket:
//
//   - whether a label contains a link is a count of the links the block
//     has made since the label opened, not a walk of the label's nodes;
//   - link destinations and titles are found through the block's scan
//     memory (scan.go), which looks at each byte a bounded number of times;
//   - a label's text is read from the line it starts on, found by binary
//     search, and not at all past 999 bytes, where goldmark reads it whole
//     from the block's last line backwards.
type linkParser struct{}

func (s *linkParser) Trigger() []byte {
	return []byte{'!', '[', ']'}
}

func (s *linkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, segment := block.PeekLine()
	if line[0] == '!' {
		if len(line) > 1 && line[1] == '[' {
			block.Advance(1)
			pushLinkBottom(pc)
			return processLabelOpen(block, segment.Start+1, true, pc)
		}
		return nil
	}
	if line[0] == '[' {
		pushLinkBottom(pc)
		return processLabelOpen(block, segment.Start, false, pc)
	}

	// line[0] == ']'
	tlist := pc.Get(labelKey)
	if tlist == nil {
		return nil
	}
	last := tlist.(*labelState).Last
	if last == nil {
		_ = popLinkBottom(pc)
		return nil
	}
	block.Advance(1)
	removeLabelState(pc, last)
	// CommonMark spec says:
	//  > A link label can have at most 999 characters inside the square brackets.
	if labelStateLength(tlist.(*labelState)) > 998 {
		return giveUp(last, pc)
	}

	if !last.IsImage && scanOf(pc).links > last.links { // a link in a link text is not allowed
		return giveUp(last, pc)
	}
	return s.closeLabel(parent, last, block, segment, pc)
}

// giveUp turns an open label back into text.
func giveUp(last *labelState, pc parser.Context) ast.Node {
	ast.MergeOrReplaceTextSegment(last.Parent(), last, last.Segment)
	_ = popLinkBottom(pc)
	return nil
}

// closeLabel makes the link or image a ']' closes, if the text after it
// (or the label itself, as a shortcut reference) completes one.
func (s *linkParser) closeLabel(parent ast.Node, last *labelState, block text.Reader,
	segment text.Segment, pc parser.Context) ast.Node {
	c := block.Peek()
	l, pos := block.Position()
	var link *ast.Link
	var hasValue bool
	switch c {
	case '(':
		link = s.parseLink(parent, last, block, pc)
	case '[':
		link, hasValue = s.parseReferenceLink(parent, last, block, pc)
		if link == nil && hasValue {
			return giveUp(last, pc)
		}
	}

	if link == nil {
		// maybe shortcut reference link
		block.SetPosition(l, pos)
		ssegment := text.NewSegment(last.Segment.Stop, segment.Start)
		maybeReference, short := labelValue(parent, block, ssegment)
		// CommonMark spec says:
		//  > A link label can have at most 999 characters inside the square brackets.
		if !short {
			return giveUp(last, pc)
		}

		ref, ok := pc.Reference(util.ToLinkReference(maybeReference))
		if !ok {
			return giveUp(last, pc)
		}
		link = ast.NewLink()
		s.processLinkLabel(parent, link, last, pc)
		link.Title = ref.Title()
		link.Destination = ref.Destination()
		link.Reference = ast.NewReferenceLink(ast.ReferenceLinkShortcut, maybeReference)
	}
	var n ast.Node
	if last.IsImage {
		last.Parent().RemoveChild(last.Parent(), last)
		n = ast.NewImage(link)
	} else {
		last.Parent().RemoveChild(last.Parent(), last)
		n = link
		scanOf(pc).links++
	}
	n.(interface{ SetPos(int) }).SetPos(last.Segment.Start)
	return n
}

func processLabelOpen(block text.Reader, pos int, isImage bool, pc parser.Context) *labelState {
	start := pos
	if isImage {
		start--
	}
	state := newLabelState(text.NewSegment(start, pos+1), isImage, scanOf(pc).links)
	pushLabelState(pc, state)
	block.Advance(1)
	return state
}

func (s *linkParser) processLinkLabel(parent ast.Node, link *ast.Link, last *labelState, pc parser.Context) {
	bottom := popLinkBottom(pc)
	parser.ProcessDelimiters(bottom, pc)
	for c := last.NextSibling(); c != nil; {
		next := c.NextSibling()
		parent.RemoveChild(parent, c)
		link.AppendChild(link, c)
		c = next
	}
}

var linkFindClosureOptions text.FindClosureOptions = text.FindClosureOptions{
	Nesting: false,
	Newline: true,
	Advance: true,
}

func (s *linkParser) parseReferenceLink(parent ast.Node, last *labelState,
	block text.Reader, pc parser.Context) (*ast.Link, bool) {
	_, orgpos := block.Position()
	block.Advance(1) // skip '['
	segments, found := block.FindClosure('[', ']', linkFindClosureOptions)
	if !found {
		return nil, false
	}

	refType := ast.ReferenceLinkFull
	maybeReference := segmentsValue(parent.Lines(), block.Source(), segments)
	if util.IsBlank(maybeReference) { // collapsed reference link
		s := text.NewSegment(last.Segment.Stop, orgpos.Start-1)
		var short bool
		if maybeReference, short = labelValue(parent, block, s); !short {
			return nil, true
		}
		refType = ast.ReferenceLinkCollapsed
	}
	// CommonMark spec says:
	//  > A link label can have at most 999 characters inside the square brackets.
	if len(maybeReference) > 999 {
		return nil, true
	}

	ref, ok := pc.Reference(util.ToLinkReference(maybeReference))
	if !ok {
		return nil, true
	}

	link := ast.NewLink()
	s.processLinkLabel(parent, link, last, pc)
	link.Title = ref.Title()
	link.Destination = ref.Destination()
	link.Reference = ast.NewReferenceLink(refType, maybeReference)
	return link, true
}

func (s *linkParser) parseLink(parent ast.Node, last *labelState, block text.Reader, pc parser.Context) *ast.Link {
	block.Advance(1) // skip '('
	block.SkipSpaces()
	var title []byte
	var destination []byte
	var ok bool
	if block.Peek() == ')' { // empty link like '[link]()'
		block.Advance(1)
	} else {
		memo := scanOf(pc)
		destination, ok = memo.destination(block)
		if !ok {
			return nil
		}
		block.SkipSpaces()
		if block.Peek() == ')' {
			block.Advance(1)
		} else {
			title, ok = memo.title(parent, block)
			if !ok {
				return nil
			}
			block.SkipSpaces()
			if block.Peek() == ')' {
				block.Advance(1)
			} else {
				return nil
			}
		}
	}

	link := ast.NewLink()
	s.processLinkLabel(parent, link, last, pc)
	link.Destination = destination
	link.Title = title
	return link
}

func pushLinkBottom(pc parser.Context) {
	bottoms := pc.Get(bottomKey)
	b := pc.LastDelimiter()
	if bottoms == nil {
		pc.Set(bottomKey, b)
		return
	}
	if s, ok := bottoms.([]ast.Node); ok {
		pc.Set(bottomKey, append(s, b))
		return
	}
	pc.Set(bottomKey, []ast.Node{bottoms.(ast.Node), b})
}

func popLinkBottom(pc parser.Context) ast.Node {
	bottoms := pc.Get(bottomKey)
	if bottoms == nil {
		return nil
	}
	if v, ok := bottoms.(ast.Node); ok {
		pc.Set(bottomKey, nil)
		return v
	}
	s := bottoms.([]ast.Node)
	v := s[len(s)-1]
	n := s[0 : len(s)-1]
	switch len(n) {
	case 0:
		pc.Set(bottomKey, nil)
	case 1:
		pc.Set(bottomKey, n[0])
	default:
		pc.Set(bottomKey, s[0:len(s)-1])
	}
	return v
}

func (s *linkParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	pc.Set(bottomKey, nil)
	scanOf(pc).reset()
	tlist := pc.Get(labelKey)
	if tlist == nil {
		return
	}
	for s := tlist.(*labelState); s != nil; {
		next := s.Next
		removeLabelState(pc, s)
		s.Parent().ReplaceChild(s.Parent(), s, ast.NewTextSegment(s.Segment))
		s = next
	}
}
