package search

import (
	"context"
	"errors"
	"testing"
)

// TestBuildContextCancelled: a cancelled build stops with the context's
// error and makes no index (serve drops an index a newer edit made
// stale); one that is not cancelled makes Build's index.
func TestBuildContextCancelled(t *testing.T) {
	docs := syntheticDocs(300)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if idx, err := BuildContext(ctx, docs); !errors.Is(err, context.Canceled) || idx != nil {
		t.Errorf("cancelled: %v, index %v", err, idx != nil)
	}
	want, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	got, err := BuildContext(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Files) != len(want.Files) {
		t.Fatalf("%d files, want %d", len(got.Files), len(want.Files))
	}
	for i, f := range want.Files {
		if got.Files[i].Path != f.Path || string(got.Files[i].Data) != string(f.Data) {
			t.Errorf("%s differs from Build's", f.Path)
		}
	}
}
