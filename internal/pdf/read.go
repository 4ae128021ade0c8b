package pdf

import (
	"bytes"
	"fmt"
	"net/url"
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
func ReadLayout(data []byte) (Layout, error) {
	// pdfcpu otherwise writes a configuration folder into the user's home
	// on first use; deskbook needs none of it.
	noConfigDir.Do(api.DisableConfigDir)
	ctx, err := pdfcpu.Read(bytes.NewReader(data), model.NewDefaultConfiguration())
	if err != nil {
		return Layout{}, fmt.Errorf("reading the printed PDF: %w", err)
	}
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
