package builder

import (
	"context"
	"runtime"

	"golang.org/x/sync/errgroup"
)

// forEach calls f(0) … f(n-1), at most limit at a time, and returns once
// they have all returned. When ctx is done it starts no more calls and
// returns ctx's error, so a cancelled build stops within one item per
// worker. Callers write results into index-addressed slices, so output
// never depends on scheduling.
func forEach(ctx context.Context, limit, n int, f func(i int)) error {
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

// parallel is forEach on all cores, for work that keeps the CPU busy.
func parallel(ctx context.Context, n int, f func(i int)) error {
	return forEach(ctx, runtime.GOMAXPROCS(0), n, f)
}

// ioParallel is forEach for work that waits on the disk rather than the
// CPU, so it runs more calls at once than there are cores.
func ioParallel(ctx context.Context, n int, f func(i int)) error {
	return forEach(ctx, 16, n, f)
}
