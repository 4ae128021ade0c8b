package pdf

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"deskbook/builder"
	"deskbook/internal/cache"
)

// The PDF store. deskbook pdf prints PDFs from a built site, but the build
// replaces its output folder whole every time, so a PDF put into it from
// outside would be gone after the next build. PDFs therefore live in a
// store in the output's state folder in the cache (internal/cache), each
// with the fingerprint of what it shows. Every build reads the store
// (builder.PDFStore) and copies each PDF whose fingerprint still matches
// the content and theme into <lang>/print/, and only then links to it from
// the pages; a PDF of older content is left out, with a warning, rather
// than offered as current.

const storeIndex = "index.json"

// fileName is the shape of the names the store gives PDFs; a name from a
// damaged or hand-edited index that has another shape is never read.
var fileName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*\.pdf$`)

// Store is a folder of printed PDFs with an index of what each shows.
type Store struct {
	Dir  string // the folder
	Name string // how diagnostics name the folder; Dir when empty
}

// StoreFor is the store of the PDFs of an output folder, in its state
// folder in the cache.
func StoreFor(out string) (*Store, error) {
	state, err := cache.ForOutput(out)
	if err != nil {
		return nil, err
	}
	return &Store{Dir: state.PDFs()}, nil
}

type index struct {
	Docs []builder.PDFDoc `json:"docs"`
}

// String is how diagnostics name the store.
func (s *Store) String() string {
	if s.Name != "" {
		return s.Name
	}
	return s.Dir
}

// Docs lists the PDFs in the store; none when there is no store yet.
func (s *Store) Docs() ([]builder.PDFDoc, error) {
	data, err := os.ReadFile(filepath.Join(s.Dir, storeIndex))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var idx index
	if err := json.Unmarshal(data, &idx); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(s.String(), storeIndex), err)
	}
	return idx.Docs, nil
}

// Read returns a stored PDF.
func (s *Store) Read(doc builder.PDFDoc) ([]byte, error) {
	if err := checkName(doc); err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(s.Dir, doc.Lang, doc.File))
}

// checkName refuses a name the store would not have given: a PDF's place
// in the site is made of its language and file name.
func checkName(doc builder.PDFDoc) error {
	if !fileName.MatchString(doc.File) || !fs.ValidPath(doc.Lang) || strings.Contains(doc.Lang, "/") {
		return fmt.Errorf("bad PDF name %s/%s", doc.Lang, doc.File)
	}
	return nil
}

// Save puts a PDF into the store, replacing an older one of the same
// name. The file and then the index are each replaced in one rename, so
// an interrupted save leaves the store as it was or with the new PDF.
func (s *Store) Save(doc builder.PDFDoc, data []byte) error {
	if err := checkName(doc); err != nil {
		return err
	}
	doc.Bytes = int64(len(data))
	if err := os.MkdirAll(filepath.Join(s.Dir, doc.Lang), 0o755); err != nil {
		return err
	}
	if err := writeAtomic(filepath.Join(s.Dir, doc.Lang, doc.File), data); err != nil {
		return err
	}
	docs, err := s.Docs()
	if err != nil {
		docs = nil // a broken index is replaced; the PDFs it named are printed again when asked for
	}
	docs = slices.DeleteFunc(docs, func(d builder.PDFDoc) bool { return d.Lang == doc.Lang && d.File == doc.File })
	docs = append(docs, doc)
	slices.SortFunc(docs, func(a, b builder.PDFDoc) int {
		return strings.Compare(a.Lang+"/"+a.File, b.Lang+"/"+b.File)
	})
	idx, err := json.MarshalIndent(index{Docs: docs}, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(s.Dir, storeIndex), append(idx, '\n'))
}

// writeAtomic replaces a file in one rename.
func writeAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(f.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(f.Name(), name)
	}
	if werr != nil {
		os.Remove(f.Name())
	}
	return werr
}
