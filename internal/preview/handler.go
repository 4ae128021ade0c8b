package preview

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"net/http"
	"time"

	"deskbook/internal/host"
)

// liveJS is the live-reload script serve adds to every page it sends;
// it is never part of a built site.
//
//go:embed live.js
var liveJS []byte

// handler serves the site, the live-reload script and its event stream.
func (s *server) handler() http.Handler {
	site := host.Handler(s.live.File, func(page string, b []byte) []byte {
		tag := fmt.Sprintf(`<script src="/.deskbook/live.js" data-gen="%d" data-page="%s"></script>`, s.hub.generation(), page)
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
			events(w, r, s.hub)
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
