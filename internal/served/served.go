// Package served holds what deskbook serve shows: the built site's files
// in memory, changed a batch at a time, with the search index files a
// change removed kept reachable until the next one (a page loaded before
// may still ask for them).
package served

import (
	"maps"
	"slices"
	"sync"
)

// Files is the served output, in memory: every file by its path. It is
// safe for concurrent use.
type Files struct {
	mu    sync.RWMutex
	files map[string][]byte
	// retired holds index files the last index change removed: a page
	// loaded before it may still ask for them.
	retired map[string][]byte
}

// New makes an empty output.
func New() *Files { return &Files{files: map[string][]byte{}} }

// Get returns a file of the output, or one the last retiring change
// removed.
func (s *Files) Get(p string) ([]byte, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.files[p]
	if !ok {
		b, ok = s.retired[p]
	}
	return b, ok
}

// Apply writes and removes files, returning the paths whose bytes changed.
// With retire, the removed files stay reachable (Get) until the next
// retiring change: a page loaded before may still ask for them.
func (s *Files) Apply(put map[string][]byte, del []string, retire bool) []string {
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

// Paths lists the output's paths that keep returns true for.
func (s *Files) Paths(keep func(string) bool) []string {
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

// Snapshot copies the output.
func (s *Files) Snapshot() map[string][]byte {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return maps.Clone(s.files)
}
