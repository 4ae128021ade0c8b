package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"log"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// server serves a built site on 127.0.0.1 as a static host would: over
// HTTPS with HTTP/2 (so parallel requests share one connection rather
// than queue for HTTP/1.1's six), folders by their index.html, text files
// gzip-compressed when the browser asks (compressed once and kept). The
// certificate is self-signed: the browser is told to accept it.
type server struct {
	dir string
	srv *httptest.Server
	URL string

	mu    sync.Mutex
	cache map[string]*served

	// A slow network, when set: each response waits latency, then its
	// body shares one link of rate bytes/s with every other response.
	netMu    sync.Mutex
	latency  time.Duration
	rate     float64
	linkFree time.Time
	hits     []hit
}

// hit is one request as the server saw it. The server's log, not the
// page's CDP events, is what counts: Pagefind fetches from a SharedWorker,
// whose requests a page's network events do not show.
type hit struct {
	Path       string
	Bytes      int // body bytes sent (compressed when gzip)
	Start, End time.Time
}

// slow sets the emulated network (zero: as fast as loopback).
func (s *server) slow(latency time.Duration, bitsPerSecond float64) {
	s.netMu.Lock()
	defer s.netMu.Unlock()
	s.latency, s.rate = latency, bitsPerSecond/8
}

// mark is the number of requests logged so far.
func (s *server) mark() int {
	s.netMu.Lock()
	defer s.netMu.Unlock()
	return len(s.hits)
}

// since returns the requests logged after mark (waiting briefly for
// responses still being sent).
func (s *server) since(mark int) []hit {
	time.Sleep(50 * time.Millisecond)
	s.netMu.Lock()
	defer s.netMu.Unlock()
	return append([]hit(nil), s.hits[mark:]...)
}

type served struct {
	raw, gz []byte
	ctype   string
}

func serve(dir string) (*server, error) {
	s := &server{dir: dir, cache: map[string]*served{}}
	s.srv = httptest.NewUnstartedServer(s)
	s.srv.EnableHTTP2 = true
	s.srv.Config.ErrorLog = log.New(io.Discard, "", 0) // handshakes before the browser accepts the certificate
	s.srv.StartTLS()
	s.URL = s.srv.URL
	return s, nil
}

func (s *server) Close() { s.srv.Close() }

// compressible types get gzip; Pagefind's index files are gzip already.
var compressible = map[string]bool{".html": true, ".js": true, ".css": true, ".json": true, ".svg": true, ".xml": true, ".txt": true}

func (s *server) file(p string) (*served, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.cache[p]; ok {
		return f, true
	}
	full := filepath.Join(s.dir, filepath.FromSlash(p))
	if fi, err := os.Stat(full); err == nil && fi.IsDir() {
		full = filepath.Join(full, "index.html")
		p = path.Join(p, "index.html")
	}
	b, err := os.ReadFile(full)
	if err != nil {
		return nil, false
	}
	ext := path.Ext(p)
	f := &served{raw: b, ctype: mime.TypeByExtension(ext)}
	switch ext {
	case ".js":
		f.ctype = "text/javascript; charset=utf-8"
	case ".json":
		f.ctype = "application/json"
	case "":
		f.ctype = "application/octet-stream"
	}
	if f.ctype == "" {
		f.ctype = "application/octet-stream"
	}
	if compressible[ext] {
		f.gz = gzipBytes(b)
	}
	s.cache[p] = f
	return f, true
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := path.Clean("/" + r.URL.Path)
	f, ok := s.file(p)
	if !ok {
		http.NotFound(w, r)
		return
	}
	body := f.raw
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("Cache-Control", "max-age=3600")
	if f.gz != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		body = f.gz
		h.Set("Content-Encoding", "gzip")
		h.Set("Vary", "Accept-Encoding")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	start := time.Now()
	s.netMu.Lock()
	latency, rate := s.latency, s.rate
	s.netMu.Unlock()
	time.Sleep(latency)
	if r.Method != http.MethodHead {
		if rate == 0 {
			w.Write(body)
		}
		for off := 0; rate > 0 && off < len(body); off += 4096 {
			chunk := body[off:min(off+4096, len(body))]
			s.netMu.Lock()
			at := s.linkFree
			if now := time.Now(); now.After(at) {
				at = now
			}
			at = at.Add(time.Duration(float64(len(chunk)) / rate * float64(time.Second)))
			s.linkFree = at
			s.netMu.Unlock()
			time.Sleep(time.Until(at))
			w.Write(chunk)
		}
	}
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	s.netMu.Lock()
	s.hits = append(s.hits, hit{Path: p, Bytes: len(body), Start: start, End: time.Now()})
	s.netMu.Unlock()
}

// hitWaves counts sequential request waves in the server's log: a request
// is in wave 1 when no other request of the set had been answered before
// it arrived, else one wave after the latest wave that had. With a
// latency well above the clients' own work, requests a script sends
// together land in one wave, and one that needed an earlier answer in the
// next.
func hitWaves(hs []hit) int {
	hs = slices.Clone(hs)
	slices.SortFunc(hs, func(a, b hit) int { return a.Start.Compare(b.Start) })
	w := make([]int, len(hs))
	most := 0
	for i, h := range hs {
		w[i] = 1
		for j := range i {
			if !hs[j].End.After(h.Start) {
				w[i] = max(w[i], w[j]+1)
			}
		}
		most = max(most, w[i])
	}
	return most
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}
