package directive

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
)

// Note is a callout: a :::note, :::tip, :::important, :::warning or
// :::caution container, or a GitHub alert (> [!NOTE]) that the builder
// turns into one, so that both render alike.
type Note struct {
	ast.BaseBlock
	Variant string // "note", "tip", "important", "warning" or "caution"
	// Title is the title when the note has no label (a Label child): the
	// variant's word in the page's language.
	Title  string
	fenced // the zero fence for an alert
}

// Details is a collapsible section, :::details[label]. Its first child is
// its Label; without one, Title is the word "Details" in the page's
// language.
type Details struct {
	ast.BaseBlock
	Title string
	Print bool // rendered for paper: open, the label a bold line
	fenced
}

// Tabs is a tab set, :::tabs: its children are Tab panels (and, by
// mistake, what came before the first ::tab line).
type Tabs struct {
	ast.BaseBlock
	Print bool // rendered for paper: every panel under its label
	fenced
}

// Tab is one panel of a tab set, from its ::tab[label] line to the next
// one or the end of the set. Its first child is its Label.
type Tab struct {
	ast.BaseBlock
	start int // the offset of its ::tab line
}

// Label is the label of a directive, [label] on its line, as inline
// Markdown: a Note's title, a Details' summary, a Tab's name.
type Label struct {
	ast.BaseBlock
}

// Include is an ::include[path] line, replaced by the fragment's blocks
// once the document is parsed; one left in the tree (a fragment that
// could not be read) renders nothing.
type Include struct {
	ast.BaseBlock
	Path  string
	start int // the offset of its line
}

// fenced is what a container directive knows of its fence: how many
// colons opened it, where, and whether a closing fence was found.
type fenced struct {
	fence  int
	start  int
	closed bool
}

func (f *fenced) fenceOf() *fenced { return f }

// container is a directive that a line of colons closes.
type container interface {
	ast.Node
	fenceOf() *fenced
}

// The node kinds of the directives.
var (
	KindNote    = ast.NewNodeKind("Note")
	KindDetails = ast.NewNodeKind("Details")
	KindTabs    = ast.NewNodeKind("Tabs")
	KindTab     = ast.NewNodeKind("Tab")
	KindLabel   = ast.NewNodeKind("Label")
	KindInclude = ast.NewNodeKind("Include")
)

func (n *Note) Kind() ast.NodeKind    { return KindNote }
func (n *Details) Kind() ast.NodeKind { return KindDetails }
func (n *Tabs) Kind() ast.NodeKind    { return KindTabs }
func (n *Tab) Kind() ast.NodeKind     { return KindTab }
func (n *Label) Kind() ast.NodeKind   { return KindLabel }
func (n *Include) Kind() ast.NodeKind { return KindInclude }

func (n *Note) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Variant": n.Variant, "Title": n.Title}, nil)
}

func (n *Details) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Title": n.Title, "Print": strconv.FormatBool(n.Print)}, nil)
}

func (n *Tabs) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Print": strconv.FormatBool(n.Print)}, nil)
}

func (n *Tab) Dump(src []byte, level int)   { ast.DumpHelper(n, src, level, nil, nil) }
func (n *Label) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func (n *Include) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Path": n.Path}, nil)
}

// NewNote is a note with a title and no label, as the builder makes of a
// GitHub alert.
func NewNote(variant, title string) *Note { return &Note{Variant: variant, Title: title} }

// ForPrint marks the tab sets and collapsible sections of a document for
// paper, where nothing can be clicked open: a print render of the same
// tree then shows every panel under its label and every section open.
func ForPrint(doc ast.Node) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *Details:
				n.Print = true
			case *Tabs:
				n.Print = true
			}
		}
		return ast.WalkContinue, nil
	})
}
