package served

import (
	"slices"
	"testing"
)

// TestApplyRetires: a change reports the paths whose bytes changed; files
// a retiring change removes stay reachable until the next retiring change.
func TestApplyRetires(t *testing.T) {
	s := New()
	if got := s.Apply(map[string][]byte{"a": []byte("1"), "search/x.js": []byte("x")}, nil, false); !slices.Equal(got, []string{"a", "search/x.js"}) {
		t.Errorf("first change: %v", got)
	}
	if got := s.Apply(map[string][]byte{"a": []byte("1")}, nil, false); len(got) != 0 {
		t.Errorf("the same bytes again changed %v", got)
	}
	s.Apply(map[string][]byte{"search/y.js": []byte("y")}, []string{"search/x.js"}, true)
	if b, ok := s.Get("search/x.js"); !ok || string(b) != "x" {
		t.Error("a retired index file is gone before the next change")
	}
	if paths := s.Paths(func(p string) bool { return p == "search/x.js" }); len(paths) != 0 {
		t.Errorf("a retired file is still listed: %v", paths)
	}
	s.Apply(nil, nil, true)
	if _, ok := s.Get("search/x.js"); ok {
		t.Error("a retired file outlived the next retiring change")
	}
	if snap := s.Snapshot(); len(snap) != 2 {
		t.Errorf("snapshot: %v", snap)
	}
}
