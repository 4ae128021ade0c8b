package directive

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"deskbook/internal/diag"

	"github.com/yuin/goldmark/text"
)

// Page is what the directives need to know of the document being parsed,
// and what they learn about it. The caller makes one per document, parses
// from its Reader with it in the parser's context (Set), and renders from
// the Reader's Source. Without a Page (or its Reader) includes are dropped
// and variables left as written.
type Page struct {
	FS     fs.FS  // the source folder: fragments are read from it
	Folder string // how diagnostics name the source folder, e.g. "content"
	Path   string // the document's path in FS
	Start  int    // the file line the parsed text starts on (after front matter)
	// Vars are the variables of the page's language, by name.
	Vars map[string]string
	// Words gives the title of a note without a label, in the page's
	// language, by its variant ("note", "tip", …), and the label of a
	// collapsible section without one ("details"); English without it.
	Words func(key string) string
	D     *diag.Collector // where problems are reported; nil: nowhere

	// Included lists the fragments the page included or tried to (one
	// that is missing may come), each once: deskbook serve parses the
	// page again when one changes.
	Included []string

	buf      []byte
	regions  []region
	files    map[string]*file
	total    int    // bytes of fragments included
	shown    [2]int // problems reported: errors, warnings
	hidden   [2]int // and left out past maxProblems
	overflow bool   // maxIncluded was reached
}

// region is a stretch of the buffer: the document, or one inclusion of a
// fragment.
type region struct {
	start, end int
	path       string
	line       int   // the file line of start
	outer      int   // the offset of the include line in the document that brought it in; -1 for the document
	ends       []int // the offsets of its line ends, made on first use
}

// maxProblems is how many errors, and how many warnings, a page reports
// before it only counts them: a megabyte of stray ":::" lines is one
// mistake, not a hundred thousand.
const maxProblems = 100

// Reader is the reader to parse the page's source with. Its Source is
// the source after a line break (so that a fragment's parse, which starts
// a reader at the buffer's first line, does no work there) and, once
// parsed, the fragments after it.
func (p *Page) Reader(src []byte) text.Reader {
	p.buf = make([]byte, 0, len(src)+1)
	p.buf = append(append(p.buf, '\n'), src...)
	p.regions = []region{{start: 1, end: len(p.buf), path: p.Path, line: p.Start, outer: -1}}
	return &reader{Reader: text.NewReader(p.buf), page: p}
}

// LineOf is the file line of the document at an offset of the Reader's
// Source, for a problem with a node there. A node of an included fragment
// is at the line of the ::include that brought the fragment in.
func (p *Page) LineOf(off int) int {
	if len(p.regions) == 0 {
		return p.Start // not parsed from its Reader
	}
	r := p.region(off)
	if r.outer >= 0 {
		off, r = r.outer, &p.regions[0]
	}
	return p.lineIn(r, off)
}

// at is the file and line of an offset, in a fragment when it is in one.
func (p *Page) at(off int) (string, int) {
	r := p.region(off)
	return r.path, p.lineIn(r, off)
}

func (p *Page) region(off int) *region {
	i, _ := slices.BinarySearchFunc(p.regions, off, func(r region, off int) int {
		if r.end <= off {
			return -1
		}
		return 1
	})
	return &p.regions[min(i, len(p.regions)-1)]
}

func (p *Page) lineIn(r *region, off int) int {
	if r.ends == nil {
		r.ends = []int{}
		for i := r.start; i < r.end; i++ {
			if p.buf[i] == '\n' {
				r.ends = append(r.ends, i)
			}
		}
	}
	n, _ := slices.BinarySearch(r.ends, off)
	return r.line + n
}

// report reports a problem at an offset of the buffer. A nil page (a
// parse without one, or not from its Reader) reports nothing.
func (p *Page) report(off int, warning bool, format string, args ...any) {
	if p == nil || p.D == nil || len(p.regions) == 0 {
		return
	}
	sev := 0
	if warning {
		sev = 1
	}
	if p.shown[sev] == maxProblems {
		p.hidden[sev]++
		return
	}
	p.shown[sev]++
	file, line := p.at(off)
	msg := fmt.Sprintf(format, args...)
	if warning {
		p.D.Warnf(p.display(file), line, "%s", msg)
	} else {
		p.D.Errorf(p.display(file), line, "%s", msg)
	}
}

// finish reports how many problems were left out.
func (p *Page) finish() {
	if p.D == nil {
		return
	}
	if n := p.hidden[0]; n > 0 {
		p.D.Errorf(p.display(p.Path), 0, "%d more errors in deskbook's Markdown syntax, like those above", n)
	}
	if n := p.hidden[1]; n > 0 {
		p.D.Warnf(p.display(p.Path), 0, "%d more warnings about Markdown syntax, like those above", n)
	}
}

// display is how diagnostics name a file of the source folder.
func (p *Page) display(file string) string {
	if p.Folder == "" || p.Folder == "." {
		return file
	}
	return path.Join(p.Folder, file)
}

// english are the words of Words when the page gives none.
var english = map[string]string{"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution", "details": "Details"}

// word is the page's word for a key of Words.
func (p *Page) word(key string) string {
	if p == nil || p.Words == nil {
		return english[key]
	}
	if w := p.Words(key); w != "" {
		return w
	}
	return english[key]
}

// IsFragment reports whether the Markdown file at p (a slash path in the
// source folder) is a fragment to include rather than an article: it is
// in a folder whose name starts with "_" (_shared/, _includes/, at any
// depth), or its own name does (_index.md, another generator's).
func IsFragment(p string) bool {
	return strings.HasPrefix(p, "_") || strings.Contains(p, "/_")
}
