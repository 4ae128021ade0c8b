package pdf

import (
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfcpu "github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Layout is what deskbook needs to know of a printed PDF: how many pages it
// has and on which page each named destination is. Chromium writes a named
// destination for every element that a link in the document points to, so
// the page of each article in the print book is the page of the
// destination its table-of-contents entry links to.
type Layout struct {
	Pages int
	Dests map[string]int // destination name, unescaped → page, from 1
}

var noConfigDir sync.Once

// ReadLayout reads the page count and named destinations of a PDF.
//
// A printed book is mostly its tags: Chromium writes an object for every
// element of the page (20,000 of the 24,000 objects of the 500-article
// book), and reading them all takes pdfcpu half a second per book. The
// layout needs the catalog, the page tree and the destinations, a few
// hundred objects: where the file has a plain cross-reference table, as
// Chromium's have, only those are read (pdfcpu parses each); any other
// file is read whole.
func ReadLayout(data []byte) (Layout, error) {
	// pdfcpu otherwise writes a configuration folder into the user's home
	// on first use; deskbook needs none of it.
	noConfigDir.Do(api.DisableConfigDir)
	if ctx, ok := lazyContext(data); ok {
		if l, err := readLayout(ctx); err == nil {
			return l, nil
		}
	}
	return readWhole(data)
}

// readWhole reads the layout of a PDF read whole.
func readWhole(data []byte) (Layout, error) {
	ctx, err := pdfcpu.Read(bytes.NewReader(data), model.NewDefaultConfiguration())
	if err != nil {
		return Layout{}, fmt.Errorf("reading the printed PDF: %w", err)
	}
	return readLayout(ctx)
}

// readLayout reads the layout of a PDF read by pdfcpu, whole or lazily.
func readLayout(ctx *model.Context) (Layout, error) {
	pages, err := pageNumbers(ctx)
	if err != nil {
		return Layout{}, err
	}
	l := Layout{Pages: len(pages), Dests: map[string]int{}}
	add := func(name string, o types.Object) error {
		arr, err := destArray(ctx, o)
		if err != nil || len(arr) == 0 {
			return nil // not a page destination; nothing deskbook links to
		}
		ref, ok := arr[0].(types.IndirectRef)
		if !ok {
			return nil
		}
		if n, ok := pages[ref.ObjectNumber.Value()]; ok {
			if u, err := url.PathUnescape(name); err == nil {
				name = u
			}
			l.Dests[name] = n
		}
		return nil
	}
	root, err := ctx.Catalog()
	if err != nil {
		return Layout{}, err
	}
	// PDF 1.1 keeps named destinations in a dictionary in the catalog (this
	// is what Chromium writes); later writers use a name tree.
	if o, ok := root.Find("Dests"); ok {
		d, err := ctx.DereferenceDict(o)
		if err != nil {
			return Layout{}, err
		}
		for name, v := range d {
			if err := add(name, v); err != nil {
				return Layout{}, err
			}
		}
	}
	if err := ctx.LocateNameTree("Dests", false); err == nil && ctx.Names["Dests"] != nil {
		err := ctx.Names["Dests"].Process(ctx.XRefTable, func(_ *model.XRefTable, name string, o *types.Object) error {
			return add(name, *o)
		})
		if err != nil {
			return Layout{}, err
		}
	}
	return l, nil
}

// destArray is the [page /XYZ …] array of a destination, which may also
// be given as a dictionary with a D entry.
func destArray(ctx *model.Context, o types.Object) (types.Array, error) {
	o, err := ctx.Dereference(o)
	if err != nil {
		return nil, err
	}
	switch v := o.(type) {
	case types.Array:
		return v, nil
	case types.Dict:
		if d, ok := v.Find("D"); ok {
			return ctx.DereferenceArray(d)
		}
	}
	return nil, nil
}

// pageNumbers maps the object number of every page to its page number,
// walking the page tree once in order.
func pageNumbers(ctx *model.Context) (map[int]int, error) {
	root, err := ctx.Pages()
	if err != nil {
		return nil, err
	}
	out := map[int]int{}
	var walk func(ref types.IndirectRef, depth int) error
	walk = func(ref types.IndirectRef, depth int) error {
		if depth > 64 {
			return fmt.Errorf("page tree too deep")
		}
		d, err := ctx.DereferenceDict(ref)
		if err != nil {
			return err
		}
		if t := d.Type(); t != nil && *t == "Page" {
			out[ref.ObjectNumber.Value()] = len(out) + 1
			return nil
		}
		kids, err := ctx.DereferenceArray(d["Kids"])
		if err != nil {
			return err
		}
		for _, k := range kids {
			if kr, ok := k.(types.IndirectRef); ok {
				if err := walk(kr, depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk(*root, 0); err != nil {
		return nil, fmt.Errorf("reading the printed PDF's pages: %w", err)
	}
	return out, nil
}

// xrefEntry is where an object in use starts in the file.
type xrefEntry struct {
	offset int64
	gen    int
}

// xrefTable reads a plain cross-reference table and its trailer: where
// every object in use starts. ok is false for any other file: a
// cross-reference stream, an incremental update, an encrypted file.
func xrefTable(data []byte) (map[int]xrefEntry, types.Dict, bool) {
	end := bytes.LastIndex(data, []byte("startxref"))
	if end < 0 {
		return nil, nil, false
	}
	f := bytes.Fields(data[end+len("startxref"):])
	if len(f) == 0 {
		return nil, nil, false
	}
	start, err := strconv.ParseInt(string(f[0]), 10, 64)
	if err != nil || start < 0 || start >= int64(end) || !bytes.HasPrefix(data[start:end], []byte("xref")) {
		return nil, nil, false
	}
	section := data[start+int64(len("xref")) : end]
	t := bytes.Index(section, []byte("trailer"))
	if t < 0 {
		return nil, nil, false
	}
	entries, ok := xrefEntries(bytes.Fields(section[:t]))
	if !ok {
		return nil, nil, false
	}
	s := string(section[t+len("trailer"):])
	o, err := model.ParseObject(&s)
	trailer, isDict := o.(types.Dict)
	if err != nil || !isDict || trailer["Prev"] != nil || trailer["Encrypt"] != nil || trailer["XRefStm"] != nil {
		return nil, nil, false
	}
	return entries, trailer, true
}

// xrefEntries reads the subsections of a cross-reference table: "first
// count" and then count entries "offset generation n|f".
func xrefEntries(f [][]byte) (map[int]xrefEntry, bool) {
	entries := map[int]xrefEntry{}
	for k := 0; k < len(f); {
		if k+2 > len(f) {
			return nil, false
		}
		first, err1 := strconv.Atoi(string(f[k]))
		count, err2 := strconv.Atoi(string(f[k+1]))
		k += 2
		if err1 != nil || err2 != nil || first < 0 || count < 0 || k+3*count > len(f) {
			return nil, false
		}
		for j := range count {
			off, err1 := strconv.ParseInt(string(f[k]), 10, 64)
			gen, err2 := strconv.Atoi(string(f[k+1]))
			kind := string(f[k+2])
			k += 3
			if err1 != nil || err2 != nil || (kind != "n" && kind != "f") {
				return nil, false
			}
			if kind == "n" {
				entries[first+j] = xrefEntry{off, gen}
			}
		}
	}
	return entries, true
}

// lazy reads the objects of a PDF one by one, as they are asked for, into
// a pdfcpu context whose table holds only those.
type lazy struct {
	ctx     *model.Context
	entries map[int]xrefEntry
}

// lazyContext reads of a PDF with a plain cross-reference table only
// what readLayout looks at: the catalog, the page tree and the named
// destinations. ok is false for a file it cannot read so, which is then
// read whole: no such table, destinations in a name tree, a page count
// that does not add up.
func lazyContext(data []byte) (*model.Context, bool) {
	entries, trailer, ok := xrefTable(data)
	if !ok {
		return nil, false
	}
	ctx, err := model.NewContext(bytes.NewReader(data), model.NewDefaultConfiguration())
	root := trailer.IndirectRefEntry("Root")
	if err != nil || root == nil {
		return nil, false
	}
	l := lazy{ctx: ctx, entries: entries}
	cat, err := l.dict(*root)
	if err != nil || cat == nil || cat["Names"] != nil {
		return nil, false
	}
	ctx.Root = root
	pages := cat.IndirectRefEntry("Pages")
	if pages == nil {
		return nil, false
	}
	tree, err := l.dict(*pages)
	if err != nil || tree == nil {
		return nil, false
	}
	n, err := l.pageTree(*pages, 0)
	if err != nil || tree.IntEntry("Count") == nil || *tree.IntEntry("Count") != n {
		return nil, false
	}
	if err := l.dests(cat["Dests"]); err != nil {
		return nil, false
	}
	return ctx, true
}

// load reads the object ref points to, once.
func (l lazy) load(ref types.IndirectRef) (types.Object, error) {
	nr := ref.ObjectNumber.Value()
	if e, ok := l.ctx.Table[nr]; ok {
		return e.Object, nil
	}
	e, ok := l.entries[nr]
	if !ok {
		return nil, fmt.Errorf("no object %d", nr)
	}
	o, err := pdfcpu.ParseObject(l.ctx, e.offset, nr, e.gen)
	if err != nil {
		return nil, err
	}
	l.ctx.Table[nr] = &model.XRefTableEntry{Offset: &e.offset, Generation: &e.gen, Object: o}
	return o, nil
}

// dict loads a dictionary.
func (l lazy) dict(ref types.IndirectRef) (types.Dict, error) {
	o, err := l.load(ref)
	if err != nil {
		return nil, err
	}
	d, ok := o.(types.Dict)
	if !ok {
		return nil, fmt.Errorf("object %d is not a dictionary", ref.ObjectNumber.Value())
	}
	return d, nil
}

// pageTree loads the page tree under ref and counts its pages.
func (l lazy) pageTree(ref types.IndirectRef, depth int) (int, error) {
	if depth > 64 {
		return 0, fmt.Errorf("page tree too deep")
	}
	d, err := l.dict(ref)
	if err != nil {
		return 0, err
	}
	if t := d.Type(); t != nil && *t == "Page" {
		return 1, nil
	}
	kids := d["Kids"]
	if r, ok := kids.(types.IndirectRef); ok {
		if kids, err = l.load(r); err != nil {
			return 0, err
		}
	}
	arr, _ := kids.(types.Array)
	n := 0
	for _, k := range arr {
		kr, ok := k.(types.IndirectRef)
		if !ok {
			return 0, fmt.Errorf("a page that is not an object of its own")
		}
		m, err := l.pageTree(kr, depth+1)
		if err != nil {
			return 0, err
		}
		n += m
	}
	return n, nil
}

// dests loads the catalog's named destinations: the dictionary, each
// destination, and the array of one given as a dictionary.
func (l lazy) dests(o types.Object) error {
	if o == nil {
		return nil
	}
	if r, ok := o.(types.IndirectRef); ok {
		d, err := l.dict(r)
		if err != nil {
			return err
		}
		o = d
	}
	d, ok := o.(types.Dict)
	if !ok {
		return fmt.Errorf("the destinations are not a dictionary")
	}
	for _, v := range d {
		if r, ok := v.(types.IndirectRef); ok {
			var err error
			if v, err = l.load(r); err != nil {
				return err
			}
		}
		if vd, ok := v.(types.Dict); ok {
			if r, ok := vd["D"].(types.IndirectRef); ok {
				if _, err := l.load(r); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
