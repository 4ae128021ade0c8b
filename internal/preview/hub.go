package preview

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"deskbook/builder"
	"deskbook/internal/diag"
)

// The events open pages hear (live.js reads them by these names and JSON
// fields).
type (
	// helloEvent is the first message of every stream: the build
	// generation the page should show, and the errors when the latest
	// build failed.
	helloEvent struct {
		Gen    int       `json:"gen"`
		Errors []errJSON `json:"errors,omitempty"`
	}
	// reloadEvent says which pages changed; All means every page did.
	reloadEvent struct {
		Gen   int      `json:"gen"`
		Pages []string `json:"pages"`
		All   bool     `json:"all"`
	}
	// cssEvent gives the new hashed names of changed stylesheets, which a
	// page swaps in without reloading.
	cssEvent struct {
		Gen   int               `json:"gen"`
		Names map[string]string `json:"names"`
	}
	// okEvent says a rebuild changed nothing (and cleared any errors).
	okEvent struct {
		Gen int `json:"gen"`
	}
	// failedEvent carries the errors a page shows over itself.
	failedEvent struct {
		Errors []errJSON `json:"errors"`
	}
	// indexEvent says the search index changed.
	indexEvent struct {
		Files int `json:"files"`
	}
)

// errJSON is a diagnostic as the page's script shows it.
type errJSON struct {
	Path string `json:"path"`
	Line int    `json:"line,omitempty"`
	Msg  string `json:"msg"`
}

func errorsJSON(ds diag.List) []errJSON {
	out := []errJSON{}
	for _, d := range ds.Errors() {
		out = append(out, errJSON{d.Path, d.Line, d.Msg})
	}
	return out
}

// hub tells every open page what a rebuild did.
type hub struct {
	mu      sync.Mutex
	clients map[chan []byte]bool
	gen     int       // successful builds that changed something
	failed  diag.List // the errors of the latest build, if it failed
	closed  bool
}

func newHub() *hub { return &hub{clients: map[chan []byte]bool{}} }

// result announces a rebuild: reload (with the pages that changed), css
// (new stylesheet names), failed (the errors) or ok (nothing to do).
func (h *hub) result(res builder.LiveResult, css map[string]string) {
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
		h.send("failed", failedEvent{Errors: errorsJSON(failed)})
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
		h.send("css", cssEvent{Gen: gen, Names: css})
	case len(res.Changed) > 0:
		h.send("reload", reloadEvent{Gen: gen, Pages: pages, All: res.Full})
	default:
		h.send("ok", okEvent{Gen: gen})
	}
}

// send broadcasts one event.
func (h *hub) send(event string, data any) {
	b, _ := json.Marshal(data) // the event types above hold only strings and numbers
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
	hello := helloEvent{Gen: h.gen}
	if h.failed != nil {
		hello.Errors = errorsJSON(h.failed)
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
