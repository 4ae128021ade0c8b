package main

import (
	"bytes"
	"compress/gzip"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// server serves a built site on 127.0.0.1 as a static host would:
// folders by their index.html, text files gzip-compressed when the
// browser asks (compressed once and kept), every response with its
// Content-Length, so a page's network events tell the bytes on the wire.
type server struct {
	dir string
	srv *http.Server
	URL string

	mu    sync.Mutex
	cache map[string]*served
}

type served struct {
	raw, gz []byte
	ctype   string
}

func serve(dir string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{dir: dir, URL: "http://" + ln.Addr().String(), cache: map[string]*served{}}
	s.srv = &http.Server{Handler: s}
	go s.srv.Serve(ln)
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
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}
