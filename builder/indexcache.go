package builder

import (
	"context"

	"deskbook/internal/stash"
	"deskbook/search"
)

// The index cache keeps the search index's files in the output's cache
// folder under the hash of the documents they were built from: a rebuild
// in which no article's title, summary, codes, tags or text changed takes
// them from there instead of building the index again. The stash checks
// the file whole and names the program, so a damaged cache or a new
// deskbook builds the index again.

// indexCache is one build's view of the stash; nil keeps nothing.
type indexCache struct {
	st  *stash.Stash
	put func() // keeps a newly built index: done after the build, off its path
}

// openIndexCache opens the index cache of the build's output; nil for a
// check, which has no output.
func (b *pipeline) openIndexCache() *indexCache {
	if st := b.stateStash("index.stash", stash.Open); st != nil {
		return &indexCache{st: st}
	}
	return nil
}

// build is search.BuildContext(ctx, docs), or its files as the cache
// keeps them (cached says which).
func (ic *indexCache) build(ctx context.Context, docs []search.Doc) (idx *search.Index, cached bool, err error) {
	if ic == nil {
		idx, err = search.BuildContext(ctx, docs)
		return idx, false, err
	}
	dk := search.DocsKey(docs)
	k := stash.KeyOf("index", string(dk[:]))
	if data, ok := ic.st.Get(k); ok {
		if files, err := decodeIndex(data); err == nil {
			return &search.Index{Files: files}, true, nil
		}
		ic.st.Drop(k)
	}
	idx, err = search.BuildContext(ctx, docs)
	if err == nil {
		ic.put = func() { ic.st.Put(k, encodeIndex(idx.Files)) }
	}
	return idx, false, err
}

// save keeps the index just built for the next build; one that cannot be
// saved costs that build time.
func (ic *indexCache) save() {
	if ic == nil {
		return
	}
	if ic.put != nil {
		ic.put()
	}
	_ = ic.st.Save()
}

func encodeIndex(files []search.File) []byte {
	var e stash.Enc
	e.Num(len(files))
	for _, f := range files {
		e.Str(f.Path, string(f.Data))
	}
	return e.Bytes()
}

func decodeIndex(data []byte) ([]search.File, error) {
	d := stash.NewDec(data)
	files := stash.Make[search.File](d.Count())
	for i := range files {
		files[i] = search.File{Path: d.Str(), Data: []byte(d.Str())}
	}
	return files, d.Err()
}
