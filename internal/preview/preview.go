// Package preview is deskbook serve: it keeps a site built in memory by
// builder.Live, serves it on loopback the way a static host would, watches
// the source and theme folders, rebuilds what each change reaches, and
// tells open pages to reload (or to show the build's errors) over
// Server-Sent Events. A build with errors leaves the last good site in
// place. Nothing is ever written into the user's output folder.
package preview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"deskbook/builder"
)

// Options are what serve needs beyond a build's Config.
type Options struct {
	SourceDir string // the folder behind Config.Source, watched for changes
	ThemeDir  string // the folder behind Config.Theme; "" for the built-in theme (not watched)
	// Ready, when set, is called with the site's address once it is served.
	Ready func(url string)
	// LateDelay is how long edits must pause before the work they do not
	// need to be served (print books, search index) starts; 0 means
	// 100ms. A newer edit cancels that work anyway (late.go).
	LateDelay time.Duration
	// hold, when set, is called as late work starts, before it uses the
	// engine: a test holds the late work there (as a print book of a huge
	// site would take its time) to see that edits never wait for it.
	hold func(ctx context.Context)
}

// Serve builds the site, serves it on ln and keeps it up to date until ctx
// is done. The terminal (log) hears what each rebuild did.
func Serve(ctx context.Context, cfg builder.Config, opts Options, ln net.Listener, log io.Writer) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var src *folder
	if opts.SourceDir != "" {
		var err error
		if src, err = openFolder(opts.SourceDir); err != nil {
			return fmt.Errorf("--source %s: %w", opts.SourceDir, err)
		}
		cfg.Source = src
	}
	s := newServer(cfg, opts, log)
	s.src = src
	var w *watcher
	if opts.SourceDir != "" {
		var err error
		if w, err = newWatcher(opts.SourceDir, opts.ThemeDir, s.logf); err != nil {
			return fmt.Errorf("watching %s: %w", opts.SourceDir, err)
		}
	}
	if !s.first(ctx) {
		return nil
	}
	url := "http://" + ln.Addr().String() + "/"
	s.logf("deskbook: serving %s on %s (Ctrl-C stops)", cfg.SourceName, url)

	srv := &http.Server{Handler: s.handler(ln.Addr().String()), ReadHeaderTimeout: 10 * time.Second}
	var wg sync.WaitGroup
	if w != nil {
		batches := make(chan watchBatch, 1)
		wg.Go(func() { w.run(ctx, batches) })
		wg.Go(func() { s.follow(ctx, batches) })
	}
	go func() {
		<-ctx.Done()
		s.hub.close()
		shut, stop := context.WithTimeout(context.Background(), 2*time.Second)
		defer stop()
		_ = srv.Shutdown(shut)
	}()
	if opts.Ready != nil {
		opts.Ready(url)
	}
	err := srv.Serve(ln)
	cancel()
	wg.Wait()
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// server is one running serve: the engine, the pages listening, and the
// terminal.
type server struct {
	src   *folder // the source folder when it is watched, read again when it comes back
	live  *builder.Live
	hub   *hub
	logMu sync.Mutex
	log   io.Writer
	good  bool          // a site without errors has been built: it is what is served
	bad   bool          // the latest build had errors
	delay time.Duration // Options.LateDelay
	hold  func(ctx context.Context)
}

func newServer(cfg builder.Config, opts Options, log io.Writer) *server {
	s := &server{hub: newHub(), log: log, live: builder.NewLive(cfg), delay: opts.LateDelay, hold: opts.hold}
	if s.delay == 0 {
		s.delay = 100 * time.Millisecond
	}
	return s
}

// logf writes one line to the terminal; rebuilds and the index report from
// different goroutines.
func (s *server) logf(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.log, format+"\n", args...)
}

// first builds the whole site, search index included, before anything is
// served. It reports false when ctx was cancelled meanwhile.
func (s *server) first(ctx context.Context) bool {
	res := s.live.Update(ctx, builder.Change{All: true})
	if errors.Is(res.Err, context.Canceled) {
		return false
	}
	s.hub.result(res, nil)
	s.good = res.Err == nil
	s.report(res, nil)
	if res.Err == nil {
		if _, err := s.live.Indexer()(ctx); errors.Is(err, context.Canceled) {
			return false
		} else if err != nil {
			s.logf("deskbook: search index: %v", err)
		}
	}
	return true
}

// follow rebuilds after every batch of changes the watcher sends, until ctx
// is done; once the batches pause, it starts the late work of the last
// good rebuild, which the next batch cancels (late.go).
func (s *server) follow(ctx context.Context, batches chan watchBatch) {
	var run *lateRun // the latest late work started
	defer func() { run.stop() }()
	owe := false // a good rebuild changed the site since the last run started
	pause := time.NewTimer(time.Hour)
	pause.Stop()
	defer pause.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case b := <-batches:
			// Fold in whatever else is waiting.
			for more := true; more; {
				select {
				case nb := <-batches:
					b.add(nb)
				default:
					more = false
				}
			}
			run.release()
			res, ok := s.rebuild(ctx, b)
			if !ok {
				return
			}
			// After errors the late work waits for the fix: the engine then
			// holds the broken site, and the late pages go with the last
			// good one.
			pause.Stop()
			if res.Err == nil {
				owe = owe || res.Full || len(res.Changed) > 0
				pause.Reset(s.delay)
			}
		case <-pause.C:
			if owe || !run.complete() {
				run, owe = s.startLate(ctx, run), false
			}
		}
	}
}

// rebuild applies one batch of changes and tells open pages; the late
// work follows once batches pause. It reports false when ctx was
// cancelled.
func (s *server) rebuild(ctx context.Context, b watchBatch) (builder.LiveResult, bool) {
	switch {
	case b.gone && s.src != nil:
		s.logf("deskbook: the source folder %s was deleted or moved away; the last good site is served until it is back", s.src.path)
		s.src.gone()
		b.All = true
	case b.back && s.src != nil:
		s.logf("deskbook: the source folder %s is back; building it again", s.src.path)
		if err := s.src.reopen(); err != nil {
			s.logf("deskbook: reading %s: %v", s.src.path, err)
		}
		b.All = true
	}
	before := s.live.Assets()
	res := s.live.Rebuild(ctx, b.Change)
	if errors.Is(res.Err, context.Canceled) {
		return res, false
	}
	var css map[string]string
	if b.theme.cssOnly() && res.Err == nil {
		css = changedAssets(before, s.live.Assets())
	}
	s.good = s.good || res.Err == nil
	// The terminal first, then the pages: what a reloaded page shows is
	// already explained there.
	s.report(res, b.Paths)
	s.hub.result(res, css)
	return res, true
}

// changedAssets lists the theme stylesheets whose hashed names changed.
func changedAssets(before, after map[string]string) map[string]string {
	out := map[string]string{}
	for name, p := range after {
		if before[name] != p && strings.HasSuffix(name, ".css") {
			out[name] = p
		}
	}
	return out
}
