package builder

import (
	"context"
	"strings"

	"deskbook/search"
)

// The engine's output: the served files in memory, and the search index
// put into it.

// Indexer returns the work of bringing the search index up to date with
// the site as it is now. The articles are read at once, on the engine's
// goroutine; the function returned builds the index and puts it into the
// output, and may run on another goroutine while the engine rebuilds. It
// puts nothing when ctx is done first (serve cancels an index that a newer
// edit made stale, and asks for another once edits pause), and returns
// the index files it changed.
func (e *Live) Indexer() func(context.Context) ([]string, error) {
	docs := make([]search.Doc, len(e.site.Articles))
	for i, a := range e.site.Articles {
		docs[i] = searchDoc(a)
	}
	return func(ctx context.Context) ([]string, error) {
		idx, err := search.BuildContext(ctx, docs)
		if err != nil {
			return nil, err
		}
		put := make(map[string][]byte, len(idx.Files))
		for _, f := range idx.Files {
			put[f.Path] = f.Data
		}
		del := e.store.Paths(func(p string) bool {
			_, ok := put[p]
			return strings.HasPrefix(p, "search/") && !ok
		})
		return e.store.Apply(put, del, true), nil
	}
}
