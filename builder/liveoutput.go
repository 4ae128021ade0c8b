package builder

import (
	"context"
	"slices"
	"strings"
	"sync"

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
		del := e.store.paths(func(p string) bool {
			_, ok := put[p]
			return strings.HasPrefix(p, "search/") && !ok
		})
		return e.store.apply(put, del, true), nil
	}
}

// store is the served output, in memory: every file by its path.
type store struct {
	mu    sync.RWMutex
	files map[string][]byte
	// retired holds index files the last index change removed: a page
	// loaded before it may still ask for them.
	retired map[string][]byte
}

func newStore() *store { return &store{files: map[string][]byte{}} }

// get returns a file of the output.
func (s *store) get(p string) ([]byte, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.files[p]
	if !ok {
		b, ok = s.retired[p]
	}
	return b, ok
}

// apply writes and removes files, returning the paths whose bytes changed.
// With retire, the removed files stay reachable (get) until the next
// retiring change: a page loaded before may still ask for them.
func (s *store) apply(put map[string][]byte, del []string, retire bool) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if retire {
		s.retired = map[string][]byte{}
	}
	var changed []string
	for p, b := range put {
		if old, ok := s.files[p]; !ok || string(old) != string(b) {
			changed = append(changed, p)
			s.files[p] = b
		}
	}
	for _, p := range del {
		if b, ok := s.files[p]; ok {
			delete(s.files, p)
			changed = append(changed, p)
			if retire {
				s.retired[p] = b
			}
		}
	}
	slices.Sort(changed)
	return changed
}

// paths lists the output's paths that keep returns true for.
func (s *store) paths(keep func(string) bool) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []string
	for p := range s.files {
		if keep(p) {
			out = append(out, p)
		}
	}
	return out
}
