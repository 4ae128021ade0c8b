package builder

import (
	"bytes"
	"context"
	"deskbook/internal/diag"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ServeOptions are what serve needs beyond a build's Config.
type ServeOptions struct {
	SourceDir string // the folder behind Config.Source, watched for changes
	ThemeDir  string // the folder behind Config.Theme; "" for the built-in theme (not watched)
	// Ready, when set, is called with the site's address once it is served.
	Ready func(url string)
	// IndexDelay is how long the search index waits for changes to pause
	// before it is built again; 0 means 250ms.
	IndexDelay time.Duration
}

// Serve builds the site into memory (never into the user's output folder),
// serves it on ln and keeps it up to date until ctx is done: it watches
// the source and theme folders, rebuilds what each change reaches, and
// tells open pages to reload (or to show the build's errors) over
// Server-Sent Events. A build with errors leaves the last good site in
// place.
func Serve(ctx context.Context, cfg Config, opts ServeOptions, ln net.Listener, log io.Writer) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var logMu sync.Mutex
	logf := func(format string, args ...any) {
		logMu.Lock()
		defer logMu.Unlock()
		fmt.Fprintf(log, format+"\n", args...)
	}
	st := newStore()
	hub := newHub()
	delay := opts.IndexDelay
	if delay == 0 {
		delay = 250 * time.Millisecond
	}
	e := newLive(cfg, st, delay)
	e.index.done = func(gen int, changed []string, err error) {
		if err != nil {
			logf("deskbook: search index: %v", err)
			return
		}
		hub.send("index", map[string]any{"files": len(changed)})
	}

	var w *watcher
	if opts.SourceDir != "" {
		var err error
		if w, err = newWatcher(opts.SourceDir, opts.ThemeDir, logf); err != nil {
			return fmt.Errorf("watching %s: %w", opts.SourceDir, err)
		}
	}
	res := e.update(ctx, change{all: true})
	if errors.Is(res.Err, context.Canceled) {
		return nil
	}
	hub.result(res, nil)
	good := res.Err == nil // a site is being served
	report(logf, res, nil, good)
	if res.Err == nil {
		e.reindex()
		e.index.wait() // the first site is whole, search included
	}
	url := "http://" + ln.Addr().String() + "/"
	logf("deskbook: serving %s on %s (Ctrl-C stops)", cfg.SourceName, url)

	srv := &http.Server{Handler: serveHandler(st, hub), ReadHeaderTimeout: 10 * time.Second}
	var wg sync.WaitGroup
	if w != nil {
		batches := make(chan watchBatch, 1)
		wg.Go(func() { w.run(ctx, batches) })
		wg.Go(func() {
			for {
				select {
				case <-ctx.Done():
					return
				case b := <-batches:
					// Fold in whatever else is waiting.
					for more := true; more; {
						select {
						case nb := <-batches:
							b.paths = append(b.paths, nb.paths...)
							b.theme.paths = append(b.theme.paths, nb.theme.paths...)
							b.all = b.all || nb.all
							b.change.theme = b.change.theme || nb.change.theme
						default:
							more = false
						}
					}
					before := maps.Clone(e.r.assets)
					res := e.updateFirst(ctx, b.change)
					if errors.Is(res.Err, context.Canceled) {
						return
					}
					var css map[string]string
					if b.theme.cssOnly() && res.Err == nil {
						css = changedAssets(before, e.r.assets)
					}
					hub.result(res, css)
					good = good || res.Err == nil
					report(logf, res, b.paths, good)
					if res.Err == nil {
						// The print books, once the edited page is reloading.
						if late := e.finish(); late.Err != nil || len(late.Changed) > 0 {
							hub.result(late, nil)
						}
						e.reindex()
					}
				}
			}
		})
	}
	go func() {
		<-ctx.Done()
		hub.close()
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
	e.index.wait()
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
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

// report tells the terminal what a rebuild did; served says whether a
// good site is being served.
func report(logf func(string, ...any), res liveResult, paths []string, served bool) {
	ms := res.Duration.Round(100 * time.Microsecond)
	if res.Err != nil {
		var ce *diag.ContentError
		if !errors.As(res.Err, &ce) {
			logf("deskbook: build failed: %v", res.Err)
			return
		}
		errs := res.Diagnostics.Errors()
		if served {
			logf("deskbook: %d error(s); still serving the last good site:", len(errs))
		} else {
			logf("deskbook: %d error(s); pages show them until they are fixed:", len(errs))
		}
		for i, d := range errs {
			if i == 20 {
				logf("  … and %d more", len(errs)-20)
				break
			}
			logf("  %s", d)
		}
		return
	}
	for _, d := range res.Diagnostics.Warnings() {
		if res.Full || slices.ContainsFunc(paths, func(p string) bool { return strings.HasSuffix(d.Path, p) }) {
			logf("  %s", d)
		}
	}
	what := "rebuilt"
	if res.Full {
		what = "built everything"
	}
	logf("deskbook: %s in %s: %d page(s) rendered, %d file(s) changed", what, ms, res.Rendered, len(res.Changed))
}

// hub tells every open page what a rebuild did.
type hub struct {
	mu      sync.Mutex
	clients map[chan []byte]bool
	gen     int               // successful builds that changed something
	failed  []diag.Diagnostic // the errors of the latest build, if it failed
	closed  bool
}

func newHub() *hub { return &hub{clients: map[chan []byte]bool{}} }

// diagJSON is a diagnostic as the page's script shows it.
type diagJSON struct {
	Path string `json:"path"`
	Line int    `json:"line,omitempty"`
	Msg  string `json:"msg"`
}

func errorsJSON(ds diag.List) []diagJSON {
	out := []diagJSON{}
	for _, d := range ds.Errors() {
		out = append(out, diagJSON{d.Path, d.Line, d.Msg})
	}
	return out
}

// result announces a rebuild: reload (with the pages that changed), css
// (new stylesheet names), failed (the errors) or ok (nothing to do).
func (h *hub) result(res liveResult, css map[string]string) {
	h.mu.Lock()
	if res.Err != nil {
		var ce *diag.ContentError
		if errors.As(res.Err, &ce) {
			h.failed = ce.Diagnostics
		} else {
			h.failed = diag.List{{Path: "deskbook", Severity: diag.Error, Msg: res.Err.Error()}}
		}
		failed := h.failed
		h.mu.Unlock()
		h.send("failed", map[string]any{"errors": errorsJSON(failed)})
		return
	}
	h.failed = nil
	if len(res.Changed) > 0 {
		h.gen++
	}
	gen := h.gen
	h.mu.Unlock()
	var pages []string
	for _, p := range res.Changed {
		if strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
	}
	switch {
	case len(css) > 0:
		h.send("css", map[string]any{"gen": gen, "names": css})
	case len(res.Changed) > 0:
		h.send("reload", map[string]any{"gen": gen, "pages": pages, "all": res.Full})
	default:
		h.send("ok", map[string]any{"gen": gen})
	}
}

// send broadcasts one event.
func (h *hub) send(event string, data any) {
	b, _ := json.Marshal(data)
	msg := fmt.Appendf(nil, "event: %s\ndata: %s\n\n", event, b)
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- msg:
		default:
			// A page that does not keep up is dropped; its script
			// reconnects and is told the current state.
			delete(h.clients, c)
			close(c)
		}
	}
}

// subscribe adds a page; the first message is the current state.
func (h *hub) subscribe() (chan []byte, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	c := make(chan []byte, 64)
	hello := map[string]any{"gen": h.gen}
	if h.failed != nil {
		hello["errors"] = errorsJSON(h.failed)
	}
	b, _ := json.Marshal(hello)
	c <- fmt.Appendf(nil, "retry: 500\nevent: hello\ndata: %s\n\n", b)
	h.clients[c] = true
	return c, true
}

func (h *hub) unsubscribe(c chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients[c] {
		delete(h.clients, c)
		close(c)
	}
}

// close ends every event stream, so the server can stop.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		delete(h.clients, c)
		close(c)
	}
}

func (h *hub) generation() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.gen
}

//go:embed serve.js
var liveJS []byte

// serveHandler serves the site in the store, the live-reload script and
// its event stream.
func serveHandler(st *store, h *hub) http.Handler {
	site := fileHandler(st.get, func(page string, b []byte) []byte {
		tag := fmt.Sprintf(`<script src="/.deskbook/live.js" data-gen="%d" data-page="%s"></script>`, h.generation(), page)
		i := bytes.LastIndex(b, []byte("</body>"))
		if i < 0 {
			i = len(b)
		}
		out := make([]byte, 0, len(b)+len(tag)+1)
		out = append(out, b[:i]...)
		out = append(out, tag...)
		out = append(out, '\n')
		return append(out, b[i:]...)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/.deskbook/live.js":
			w.Header().Set("Cache-Control", "no-store")
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
			w.Write(liveJS)
		case "/.deskbook/events":
			events(w, r, h)
		default:
			site.ServeHTTP(w, r)
		}
	})
}

// events streams a hub's messages to one page.
func events(w http.ResponseWriter, r *http.Request, h *hub) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c, ok := h.subscribe()
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer h.unsubscribe(c)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	keep := time.NewTicker(20 * time.Second)
	defer keep.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg, ok := <-c:
			if !ok {
				return
			}
			if _, err := w.Write(msg); err != nil {
				return
			}
			fl.Flush()
		case <-keep.C:
			if _, err := io.WriteString(w, ": keep-alive\n\n"); err != nil {
				return
			}
			fl.Flush()
		}
	}
}

// siteHandler serves a built site folder the way serve serves its own.
func siteHandler(root string) http.Handler {
	return fileHandler(func(p string) ([]byte, bool) {
		full := filepath.Join(root, filepath.FromSlash(p))
		if fi, err := os.Lstat(full); err != nil || !fi.Mode().IsRegular() {
			return nil, false
		}
		b, err := os.ReadFile(full)
		return b, err == nil
	}, nil)
}

// fileHandler serves a site's files the way a static host would:
// index.html for folders (which are never listed), 404.html for what does
// not exist, nothing outside the site and no hidden files, and never a
// cached copy. inject, when set, adds serve's script to every page.
func fileHandler(get func(string) ([]byte, bool), inject func(page string, b []byte) []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		clean := path.Clean("/" + r.URL.Path)
		p := strings.TrimPrefix(clean, "/")
		var page string
		var b []byte
		ok := !strings.Contains(clean, "/.")
		if ok {
			switch {
			case p == "":
				page = "index.html"
			case strings.HasSuffix(r.URL.Path, "/"):
				page = p + "/index.html"
			default:
				if b, ok = get(p); ok {
					page = p
				} else if _, ok = get(p + "/index.html"); ok {
					// A folder is a page only through its index.html.
					u := *r.URL
					u.Path += "/"
					http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
					return
				}
			}
		}
		if ok && b == nil {
			b, ok = get(page)
		}
		status := http.StatusOK
		if !ok {
			status, page = http.StatusNotFound, "404.html"
			if b, ok = get(page); !ok {
				b = []byte("<!doctype html>\n<title>Not found</title>\n<body><h1>Not found</h1></body>\n")
			}
		}
		ctype := contentType(page, b)
		if inject != nil && strings.HasSuffix(page, ".html") {
			b = inject(page, b)
		}
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(b)
		}
	})
}

// contentType names a site file's type by its extension.
func contentType(name string, data []byte) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".txt", ".md":
		return "text/plain; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return http.DetectContentType(data)
}
