package spill

import (
	"fmt"
	"os"
	"sync"
	"testing"
)

// TestKeepReadsBack: texts spilled from many goroutines read back as they
// were, the folder keeps no file, and a nil File keeps texts in memory.
func TestKeepReadsBack(t *testing.T) {
	dir := t.TempDir()
	f := Create(dir)
	if f == nil {
		t.Fatal("no spill file")
	}
	texts := make([]Text, 200)
	var wg sync.WaitGroup
	for i := range texts {
		wg.Go(func() { texts[i] = f.Keep(Mem(fmt.Sprintf("<p>body %d</p>", i))) })
	}
	wg.Wait()
	for i, tx := range texts {
		if tx.at == nil {
			t.Fatalf("text %d stayed in memory", i)
		}
		if s, err := tx.Read(); err != nil || s != fmt.Sprintf("<p>body %d</p>", i) {
			t.Fatalf("text %d read back as %q, %v", i, s, err)
		}
		if f.Keep(tx) != tx {
			t.Fatal("a spilled text was spilled again")
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the spill file has a name in the folder: %v", entries)
	}
	var none *File
	if s, err := none.Keep(Mem("x")).Read(); s != "x" || err != nil {
		t.Errorf("a nil File: %q, %v", s, err)
	}
	if Create("") != nil {
		t.Error("no folder, yet a spill file")
	}
}
