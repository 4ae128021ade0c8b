package heap

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestLimitFollowsLiveHeap holds 256 MB, collects, and checks that the
// limit set after the collection is the live heap (at least what is held)
// plus half of it plus the allowance; stopping lifts the limit.
func TestLimitFollowsLiveHeap(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetMemoryLimit(math.MaxInt64)
	held := make([]byte, 256<<20)
	for i := range held {
		held[i] = byte(i)
	}
	limits := make(chan int64, 16)
	b := start(func(l int64) { limits <- l })
	if b == nil {
		t.Fatal("start did nothing with GOGC and GOMEMLIMIT unset")
	}
	runtime.GC()
	var limit int64
	select {
	case limit = <-limits:
	case <-time.After(30 * time.Second):
		t.Fatal("no limit was set after a collection")
	}
	if want := Limit(uint64(len(held))); limit < want {
		t.Errorf("limit %d after a collection that found %d bytes held, want at least %d", limit, len(held), want)
	}
	if got := debug.SetMemoryLimit(-1); got == math.MaxInt64 || got < Limit(uint64(len(held))) {
		t.Errorf("the runtime's limit is %d, want the one set after the collection (%d)", got, limit)
	}
	runtime.KeepAlive(held)
	b.stopped.Store(true)
	debug.SetMemoryLimit(math.MaxInt64)
}

// TestUserSettingsWin leaves the collector alone when the user set GOGC or
// GOMEMLIMIT.
func TestUserSettingsWin(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "200")
			if b := start(nil); b != nil {
				t.Errorf("with %s set, the bound started", env)
			}
		})
	}
}

// TestLimit checks the arithmetic, and that a huge live heap does not
// overflow the limit.
func TestLimit(t *testing.T) {
	if got, want := Limit(200<<20), int64(300<<20+Allowance); got != want {
		t.Errorf("Limit(200 MiB) = %d, want %d", got, want)
	}
	if got := Limit(math.MaxUint64 / 2); got <= 0 {
		t.Errorf("Limit of a huge heap = %d, want positive", got)
	}
}
