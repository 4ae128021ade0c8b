// Package parallel runs index-addressed work on several goroutines: the
// build's stages and the output writer share it. Callers write results
// into slices by index, so what they make never depends on scheduling.
package parallel

import (
	"context"
	"runtime"

	"golang.org/x/sync/errgroup"
)

// Each calls f(0) … f(n-1), at most limit at a time, and returns once
// they have all returned. When ctx is done it starts no more calls and
// returns ctx's error, so a cancelled build stops within one item per
// worker.
func Each(ctx context.Context, limit, n int, f func(i int)) error {
	var g errgroup.Group
	g.SetLimit(limit)
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			f(i)
			return nil
		})
	}
	_ = g.Wait() // the calls return no errors
	return ctx.Err()
}

// CPU is Each on all cores, for work that keeps the CPU busy.
func CPU(ctx context.Context, n int, f func(i int)) error {
	return Each(ctx, runtime.GOMAXPROCS(0), n, f)
}

// IO is Each for work that waits on the disk rather than the CPU, so it
// runs more calls at once than there are cores.
func IO(ctx context.Context, n int, f func(i int)) error {
	return Each(ctx, 16, n, f)
}
