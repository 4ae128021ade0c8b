package builder

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"deskbook/search"
)

// The engine's output: the served files in memory, and the search index
// built in the background.

// indexer builds the search index in the background: after a pause in
// changes, from the latest site, one build at a time; a build that a newer
// change overtook is still applied (it is newer than what is served) and
// then followed by another.
type indexer struct {
	mu      sync.Mutex
	docs    []search.Doc // waiting to be indexed; nil: nothing waits
	running bool
	timer   *time.Timer
	idle    *sync.Cond

	delay time.Duration
	store *store
	done  func(changed []string, err error) // called after an index is applied
}

// post hands the indexer the current site.
func (x *indexer) post(site *Site) {
	docs := make([]search.Doc, len(site.Articles))
	for i, a := range site.Articles {
		docs[i] = searchDoc(a)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.idle == nil {
		x.idle = sync.NewCond(&x.mu)
	}
	x.docs = docs
	if x.delay == 0 {
		if !x.running {
			x.running = true
			go x.run()
		}
		return
	}
	if x.timer != nil {
		x.timer.Stop()
	}
	x.timer = time.AfterFunc(x.delay, func() {
		x.mu.Lock()
		defer x.mu.Unlock()
		if !x.running && x.docs != nil {
			x.running = true
			go x.run()
		}
	})
}

func (x *indexer) run() {
	x.mu.Lock()
	for x.docs != nil {
		docs := x.docs
		x.docs = nil
		x.mu.Unlock()
		idx, err := search.Build(docs)
		var changed []string
		if err == nil {
			put := make(map[string][]byte, len(idx.Files))
			for _, f := range idx.Files {
				put[f.Path] = f.Data
			}
			del := x.store.paths(func(p string) bool {
				_, ok := put[p]
				return strings.HasPrefix(p, "search/") && !ok
			})
			changed = x.store.apply(put, del, true)
		}
		x.mu.Lock()
		if x.done != nil {
			x.done(changed, err)
		}
	}
	x.running = false
	x.idle.Broadcast()
	x.mu.Unlock()
}

// wait blocks until the index of the latest site is applied.
func (x *indexer) wait() {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.idle == nil {
		return
	}
	if x.timer != nil && x.docs != nil && !x.running {
		x.timer.Stop()
		x.running = true
		go x.run()
	}
	for x.running || x.docs != nil {
		x.idle.Wait()
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

// has reports whether the output has a file.
func (s *store) has(p string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.files[p]
	return ok
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

// snapshot copies the output, for tests.
func (s *store) snapshot() map[string][]byte {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return maps.Clone(s.files)
}
