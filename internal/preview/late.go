package preview

import (
	"context"
	"errors"
	"sync/atomic"
)

// Late work is what an edit does not need to be served: the print books
// (builder.Live.Finish: every article in full) and the search index
// (Live.Indexer). It waits until edits pause (Options.LateDelay) and runs
// beside the watcher; a newer edit cancels it, is served first, and starts
// it again, so a writer who saves again and again never waits behind it.
// When the edits stop, the last run is not cancelled and the whole site
// follows the last edit.
//
// The engine is not safe for use by two goroutines at once: a run owns it
// from its start until it has read the articles for the index and made
// the print books (owned is closed then), and the rebuild that cancels it
// waits for that, which is at most one write of a page away (builder's
// ctxBuffer). The index is built without the engine, beside the print
// books and then beside the rebuild, until it sees the cancellation. Runs
// end in the order they started (each waits for the one before), so an
// index a newer edit cancelled is never put into the output after the
// newer one's.
type lateRun struct {
	cancel context.CancelFunc
	owned  chan struct{} // closed when the run no longer uses the engine
	done   chan struct{} // closed when the run has ended
	whole  atomic.Bool   // the print books and the index were put into the output
}

// startLate starts the late work of the last good rebuild, after prev
// (nil for the first run) has ended.
func (s *server) startLate(ctx context.Context, prev *lateRun) *lateRun {
	ctx, cancel := context.WithCancel(ctx)
	r := &lateRun{cancel: cancel, owned: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(r.done)
		if prev != nil {
			select {
			case <-prev.done:
			case <-ctx.Done():
			}
		}
		if s.hold != nil {
			s.hold(ctx)
		}
		if ctx.Err() != nil {
			close(r.owned)
			return
		}
		// The index needs the engine only to read the articles, so it is
		// built beside the print books, on the other processors.
		index := s.live.Indexer()
		indexed := make(chan bool, 1)
		go func() { indexed <- s.index(ctx, index) }()
		book := s.finish(ctx)
		close(r.owned)
		if <-indexed && book {
			r.whole.Store(true)
		}
	}()
	return r
}

// finish makes the print books and tells open pages. It reports false
// when ctx was cancelled first; the late pages then stay to do (Finish
// keeps them pending). Pages made are told of even if ctx was cancelled
// just after: they are in the output.
func (s *server) finish(ctx context.Context) bool {
	res := s.live.Finish(ctx)
	if errors.Is(res.Err, context.Canceled) {
		return false
	}
	if res.Err != nil || len(res.Changed) > 0 {
		s.hub.result(res, nil)
	}
	return true
}

// index builds the search index, puts it into the output and tells open
// pages. It reports false when it failed or ctx was cancelled first.
func (s *server) index(ctx context.Context, build func(context.Context) ([]string, error)) bool {
	changed, err := build(ctx)
	switch {
	case errors.Is(err, context.Canceled):
		return false // a newer edit made this index stale; its own run follows
	case err != nil:
		s.logf("deskbook: search index: %v", err)
		return false
	}
	s.hub.send("index", indexEvent{Files: len(changed)})
	return true
}

// complete reports whether the run finished its work; a nil run (none
// since the first build, which did it all) has.
func (r *lateRun) complete() bool { return r == nil || r.whole.Load() }

// release cancels the run and waits until it no longer uses the engine.
// A nil run has nothing to release.
func (r *lateRun) release() {
	if r == nil {
		return
	}
	r.cancel()
	<-r.owned
}

// stop cancels the run and waits for its end.
func (r *lateRun) stop() {
	if r == nil {
		return
	}
	r.cancel()
	<-r.done
}
