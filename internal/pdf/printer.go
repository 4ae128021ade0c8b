package pdf

import (
	"context"
	"net"
	"net/http"
	"time"

	"deskbook/builder"
	"deskbook/internal/chrome"
	"deskbook/internal/host"
)

// Printer is a browser started for printing before there is anything to
// print: the command line starts it, builds the site meanwhile (Chromium
// takes a few hundred milliseconds to start), prints, and lets it shut
// down while it builds the site again with the PDFs.
type Printer struct {
	ready chan struct{} // closed when the browser has started, or failed to
	b     *chrome.Browser
	err   error
	took  time.Duration // starting it
	start time.Time
}

// Start starts the browser bin in the background. Close must be called
// whatever happens: it shuts the browser down and removes its profile.
func Start(ctx context.Context, bin string) *Printer {
	p := &Printer{ready: make(chan struct{}), start: time.Now()}
	go func() {
		defer close(p.ready)
		p.b, p.err = chrome.Launch(ctx, bin)
		p.took = time.Since(p.start)
	}()
	return p
}

// Close shuts the browser down and removes its profile, once it has
// started; calling it again does nothing.
func (p *Printer) Close() error {
	<-p.ready
	if p.b == nil {
		return nil
	}
	return p.b.Close()
}

// Print prints what of docs is not up to date into the store, once the
// browser has started.
func (p *Printer) Print(ctx context.Context, docs []builder.Printable, opt Options) ([]Done, error) {
	opt = opt.defaults()
	done, todo, err := sortOut(docs, opt)
	if err != nil || len(todo) == 0 {
		return done, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return done, err
	}
	srv := &http.Server{Handler: host.Folder(opt.Site), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	waitFrom := time.Now()
	select {
	case <-p.ready:
	case <-ctx.Done():
		return done, ctx.Err()
	}
	if p.err != nil {
		return done, p.err
	}
	opt.logf("pdf: Chromium started in %s (waited %s for it)", p.took.Round(time.Millisecond), time.Since(waitFrom).Round(time.Millisecond))
	printed, err := printAll(ctx, p.b, "http://"+ln.Addr().String()+"/", todo, opt)
	if err == nil {
		var ph Phases
		for _, d := range printed {
			ph.add(d.Phases)
		}
		// One line with every phase, for bench/pdf.sh.
		opt.logf("pdf: phases: start %.2fs, load %.2fs, measure %.2fs, final %.2fs, read %.2fs (summed over %d documents in %d tabs)",
			p.took.Seconds(), ph.Load.Seconds(), ph.Measure.Seconds(), ph.Final.Seconds(), ph.Read.Seconds(), len(printed), tabsFor(opt.Tabs, len(todo)))
	}
	if err != nil {
		return nil, err
	}
	return append(done, printed...), nil
}
