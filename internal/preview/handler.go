package preview

import (
	"bytes"
	_ "embed"
	"html/template"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"deskbook/internal/host"
)

// liveJS is the live-reload script serve adds to every page it sends;
// it is never part of a built site.
//
//go:embed live.js
var liveJS []byte

// liveTag is the script element serve adds to a page. html/template
// escapes the page's path for its attribute: a file name is the writer's
// to choose, and may hold quotes.
var liveTag = template.Must(template.New("live").Parse(
	`<script src="/.deskbook/live.js" data-gen="{{.Gen}}" data-page="{{.Page}}"></script>`))

// handler serves the site, the live-reload script and its event stream,
// to this machine only (see allowed).
func (s *server) handler(addr string) http.Handler {
	site := host.Handler(s.live.File, func(page string, b []byte) []byte {
		var tag bytes.Buffer
		if err := liveTag.Execute(&tag, struct {
			Gen  int
			Page string
		}{s.hub.generation(), page}); err != nil {
			return b // a page without live reload, never a broken one
		}
		i := bytes.LastIndex(b, []byte("</body>"))
		if i < 0 {
			i = len(b)
		}
		out := make([]byte, 0, len(b)+tag.Len()+1)
		out = append(out, b[:i]...)
		out = append(out, tag.Bytes()...)
		out = append(out, '\n')
		return append(out, b[i:]...)
	})
	hosts := allowedHosts(addr)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowed(r, hosts) {
			http.Error(w, "deskbook serve answers only this machine (http://127.0.0.1, http://localhost)", http.StatusForbidden)
			return
		}
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

// allowedHosts are the Host headers serve answers on a loopback address:
// loopback names with its port. Any other name reaching a loopback server
// is a web page in the writer's own browser that pointed its domain at
// 127.0.0.1 (DNS rebinding) to read the preview. On an address the writer
// chose to open to other machines (serve warns about it) any name is
// answered, and nil says so.
func allowedHosts(addr string) map[string]bool {
	host, port, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		return nil
	}
	hosts := map[string]bool{}
	for _, h := range []string{host, "127.0.0.1", "localhost", "::1"} {
		hosts[net.JoinHostPort(h, port)] = true
	}
	return hosts
}

// allowed reports whether a request comes to this server by one of its
// names and, when a page sent it, from one of its own pages: the event
// stream would otherwise tell any site what is being written.
func allowed(r *http.Request, hosts map[string]bool) bool {
	host := strings.ToLower(r.Host)
	if hosts != nil && !hosts[host] {
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Scheme == "http" && strings.ToLower(u.Host) == host
}
