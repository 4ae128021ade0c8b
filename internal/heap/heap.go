// Package heap keeps a one-shot command's memory near what it holds.
//
// Go's collector lets the heap grow to twice its live size before it
// collects again (GOGC=100). A build holds what the whole site needs
// (article bodies, the search index, the manifests) until it ends, so its
// peak is about twice that. Bound lowers the headroom on big heaps only: after
// every collection it sets the runtime's soft memory limit to the live
// heap plus half of it plus a fixed allowance, so a big build peaks near
// 1.5× what it holds, for a few percent more collector time, while a small
// one is left to GOGC. The limit is soft: the runtime never stops the
// program for it, and spends at most about half the CPU on collecting
// when the live heap itself grows past it.
package heap

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// Allowance is what the limit leaves above the live heap and its half: the
// runtime's own memory (stacks, metadata) and room for short-lived
// allocations between collections.
const Allowance = 64 << 20

// liveMetric is the heap the last collection found reachable.
const liveMetric = "/gc/heap/live:bytes"

// Bound follows the live heap with the soft memory limit until stop is
// called, which lifts the limit again. It does nothing when the user set
// GOGC or GOMEMLIMIT: theirs is the choice.
func Bound() (stop func()) {
	b := start(nil)
	if b == nil {
		return func() {}
	}
	return func() {
		b.stopped.Store(true)
		debug.SetMemoryLimit(math.MaxInt64)
	}
}

// start arms the first token, or returns nil when the user chose the
// collector's settings. set, when not nil, is told each limit set.
func start(set func(int64)) *bound {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	b := &bound{sample: []metrics.Sample{{Name: liveMetric}}, set: set}
	b.arm()
	return b
}

// bound is the state Bound's cleanups share. Cleanups run one at a time
// on the runtime's cleanup goroutine, so sample needs no lock.
type bound struct {
	stopped atomic.Bool
	sample  []metrics.Sample
	set     func(int64)
}

// token is an object made only to be collected: its cleanup tells bound
// that a collection ran. It is big enough and holds a pointer, so it is
// never one of the tiny objects the runtime packs together (whose cleanups
// may never run).
type token struct {
	_ *token
	_ [56]byte
}

// arm makes a token whose cleanup, run after the collection that finds
// it unreachable, sets the limit and arms the next one.
func (b *bound) arm() {
	runtime.AddCleanup(new(token), func(b *bound) {
		if b.stopped.Load() {
			return
		}
		limit := Limit(b.live())
		debug.SetMemoryLimit(limit)
		if b.set != nil {
			b.set(limit)
		}
		b.arm()
	}, b)
}

// live is the live heap the last collection measured.
func (b *bound) live() uint64 {
	metrics.Read(b.sample)
	if b.sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return b.sample[0].Value.Uint64()
}

// Limit is the soft memory limit for a live heap of live bytes.
func Limit(live uint64) int64 {
	return int64(min(live+live/2+Allowance, math.MaxInt64/2))
}
