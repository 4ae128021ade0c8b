package directive

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"deskbook/internal/frontmatter"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// maxDepth is how deep includes may nest: a fragment including a fragment
// … 16 deep is a mistake, or a cycle the chain would name anyway.
const maxDepth = 16

// maxIncluded is how many bytes of fragments one page may include, twice
// the largest article: a fragment included a thousand times, each
// including it again, must not make a page of gigabytes.
const maxIncluded = 2 * frontmatter.MaxFile

// file is a fragment as read, once per page however often it is included.
type file struct {
	body []byte
	line int   // the file line its body starts on
	err  error // why it could not be read
}

// transformer puts included fragments in place, then fills in variables
// and warns of foreign syntax in the text of the whole document.
type transformer struct{ e *extender }

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	p := pageOf(pc)
	if p == nil || p.buf == nil {
		graftAll(doc, nil)
		return
	}
	t.expand(doc, p, pc, []string{p.Path})
	p.texts(doc)
	p.finish()
}

// expand replaces the ::include lines below n with the blocks of the
// fragments they name, parsed in place, with theirs in turn. chain is the
// document and the fragments that led to n, for cycles.
func (t *transformer) expand(n ast.Node, p *Page, pc parser.Context, chain []string) {
	graftAll(n, func(inc *Include) ast.Node {
		target, f := p.fragment(inc, chain)
		if f == nil {
			return nil
		}
		outer := inc.start
		if r := p.region(inc.start); r.outer >= 0 {
			outer = r.outer
		}
		if p.buf[len(p.buf)-1] != '\n' {
			p.buf = append(p.buf, '\n')
		}
		base := len(p.buf)
		p.buf = append(p.buf, f.body...)
		p.regions = append(p.regions, region{start: base, end: len(p.buf), path: target, line: f.line, outer: outer})
		frag := t.parse(p, pc, base)
		p.relink(frag, target)
		t.expand(frag, p, pc, append(chain[:len(chain):len(chain)], target))
		return frag
	})
}

// graftAll puts in place of every Include below n the children of what
// fragment makes of it (nothing when fragment is nil or gives nil).
func graftAll(n ast.Node, fragment func(*Include) ast.Node) {
	var incs []*Include
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if inc, ok := c.(*Include); ok && entering {
			incs = append(incs, inc)
		}
		return ast.WalkContinue, nil
	})
	for _, inc := range incs {
		parent := inc.Parent()
		if fragment != nil {
			if frag := fragment(inc); frag != nil {
				for c := frag.FirstChild(); c != nil; {
					next := c.NextSibling()
					parent.InsertBefore(parent, inc, c)
					c = next
				}
			}
		}
		parent.RemoveChild(parent, inc)
	}
}

// parse parses the fragment at base, the end of the buffer, in a context
// of its own that shares the document's heading ids.
func (t *transformer) parse(p *Page, pc parser.Context, base int) ast.Node {
	r := text.NewReader(p.buf)
	r.SetPosition(0, text.NewSegment(base, base))
	r.AdvanceLine()
	sub := parser.NewContext(parser.WithIDs(pc.IDs()))
	Set(sub, p)
	return t.e.fragments().Parse(r, parser.WithContext(sub))
}

// fragment finds and reads the fragment an include names, from the file
// holding the include line (the end of chain), or says why not.
func (p *Page) fragment(inc *Include, chain []string) (string, *file) {
	ref := strings.TrimSpace(inc.Path)
	target := path.Join(path.Dir(chain[len(chain)-1]), ref)
	if strings.HasPrefix(ref, "/") {
		target = path.Clean(strings.TrimLeft(ref, "/"))
	}
	switch {
	case target == ".." || strings.HasPrefix(target, "../") || !fs.ValidPath(target) || target == ".":
		p.report(inc.start, false, "::include[%s] points outside the source folder", ref)
		return "", nil
	case slices.Contains(chain, target):
		names := make([]string, 0, len(chain)+1)
		for _, c := range append(slices.Clone(chain[slices.Index(chain, target):]), target) {
			names = append(names, p.display(c))
		}
		p.report(inc.start, false, "include cycle: %s", strings.Join(names, " → "))
		return "", nil
	case len(chain) > maxDepth:
		p.report(inc.start, false, "::include[%s]: includes nest more than %d deep", ref, maxDepth)
		return "", nil
	}
	f := p.read(target)
	switch {
	case errors.Is(f.err, fs.ErrNotExist):
		p.report(inc.start, false, "::include[%s]: there is no file %s", ref, p.display(target))
	case f.err != nil:
		p.report(inc.start, false, "::include[%s]: cannot read %s: %v", ref, p.display(target), f.err)
	case p.total+len(f.body) > maxIncluded:
		if !p.overflow {
			p.report(inc.start, false, "includes add more than %d MB to this page: include less, or fewer times", maxIncluded>>20)
		}
		p.overflow = true
	default:
		if !IsFragment(target) {
			p.report(inc.start, true, "::include[%s]: %s is not in a folder whose name starts with _, so it is also published as an article; move it into one, such as _shared/", ref, p.display(target))
		}
		p.total += len(f.body)
		return target, f
	}
	return "", nil
}

// read reads a fragment once per page: its body after any front matter,
// with Windows line ends made plain.
func (p *Page) read(target string) *file {
	if f, ok := p.files[target]; ok {
		return f
	}
	if p.files == nil {
		p.files = map[string]*file{}
	}
	p.Included = append(p.Included, target)
	f := &file{line: 1}
	p.files[target] = f
	if p.FS == nil {
		f.err = fs.ErrNotExist
		return f
	}
	data, err := fs.ReadFile(p.FS, target)
	switch {
	case err != nil:
		f.err = err
		return f
	case len(data) > frontmatter.MaxFile:
		f.err = errors.New("it is larger than an article may be")
		return f
	}
	data = bytes.ReplaceAll(bytes.TrimPrefix(data, []byte("\uFEFF")), []byte("\r\n"), []byte("\n"))
	if _, body, line, format, err := frontmatter.Split(data); format == frontmatter.YAML && err == nil {
		data, f.line = body, line
	}
	f.body = data
	return f
}

// relink makes the relative links and images of a fragment, written from
// the fragment's folder, lead from the page's.
func (p *Page) relink(frag ast.Node, target string) {
	from, to := path.Dir(target), path.Dir(p.Path)
	if from == to {
		return
	}
	_ = ast.Walk(frag, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *ast.Link:
				n.Destination = rebase(n.Destination, from, to)
			case *ast.Image:
				n.Destination = rebase(n.Destination, from, to)
			}
		}
		return ast.WalkContinue, nil
	})
}

// rebase turns a link written in a file of the folder from into one to
// the same place from a file of the folder to. Addresses with a scheme,
// site-absolute paths and links within the page stay as they are.
func rebase(dest []byte, from, to string) []byte {
	s := string(dest)
	end := strings.IndexAny(s, "?#")
	if end < 0 {
		end = len(s)
	}
	p := s[:end]
	first, _, _ := strings.Cut(p, "/")
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(first, ":") {
		return dest
	}
	return []byte(relative(to, path.Join(from, p)) + s[end:])
}

// relative is the path of the file at to as seen from the folder from,
// both clean slash paths from the source folder.
func relative(from, to string) string {
	var dirs []string
	if from != "." {
		dirs = strings.Split(from, "/")
	}
	ts := strings.Split(to, "/")
	i := 0
	for i < len(dirs) && i < len(ts)-1 && dirs[i] == ts[i] {
		i++
	}
	return strings.Repeat("../", len(dirs)-i) + strings.Join(ts[i:], "/")
}
