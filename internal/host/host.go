// Package host serves a built site the way a static host does: index.html
// for a folder (never a listing), 404.html for what does not exist,
// nothing outside the site and no hidden files. The preview server serves
// its in-memory site with it, and deskbook pdf lets Chromium read the
// built folder through it, so both see what readers will see.
package host

import (
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// Get returns a file of the site by its slash path, or false.
type Get func(p string) ([]byte, bool)

// Inject changes an HTML page as it is sent (the preview adds its
// live-reload script); page is its path in the site.
type Inject func(page string, b []byte) []byte

// Folder serves a built site folder. Only regular files are served: a
// symbolic link in the folder could lead out of it.
func Folder(root string) http.Handler {
	return Handler(func(p string) ([]byte, bool) {
		full := filepath.Join(root, filepath.FromSlash(p))
		if fi, err := os.Lstat(full); err != nil || !fi.Mode().IsRegular() {
			return nil, false
		}
		b, err := os.ReadFile(full)
		return b, err == nil
	}, nil)
}

// Handler serves the site get reads, never from a cache (a preview changes
// under the reader). inject, when set, changes every HTML page as it is
// sent.
func Handler(get Get, inject Inject) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		page, b, status, redirect := find(get, r.URL.Path)
		if redirect {
			u := *r.URL
			u.Path += "/"
			http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
			return
		}
		ctype := ContentType(page, b)
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

// find looks a request path up: the file, a folder's index.html, or the
// nearest 404 page. redirect says the path names a folder without its
// trailing slash, which a static host redirects.
func find(get Get, urlPath string) (page string, b []byte, status int, redirect bool) {
	clean := path.Clean("/" + urlPath)
	p := strings.TrimPrefix(clean, "/")
	ok := !strings.Contains(clean, "/.")
	if ok {
		switch {
		case p == "":
			page = "index.html"
		case strings.HasSuffix(urlPath, "/"):
			page = p + "/index.html"
		default:
			if b, ok = get(p); ok {
				page = p
			} else if _, ok = get(p + "/index.html"); ok {
				// A folder is a page only through its index.html.
				return "", nil, 0, true
			}
		}
	}
	if ok && b == nil {
		b, ok = get(page)
	}
	if ok {
		return page, b, http.StatusOK, false
	}
	return notFound(get, p)
}

// notFound finds the 404 page for a missing path: the nearest 404.html in
// its folder or a folder above, as Cloudflare Pages does, so a site's
// languages each have their own.
func notFound(get Get, p string) (string, []byte, int, bool) {
	for dir := path.Dir(p); ; dir = path.Dir(dir) {
		page := path.Join(dir, "404.html")
		if b, ok := get(page); ok {
			return page, b, http.StatusNotFound, false
		}
		if dir == "." || dir == "/" {
			break
		}
	}
	b := []byte("<!doctype html>\n<title>Not found</title>\n<body><h1>Not found</h1></body>\n")
	return "404.html", b, http.StatusNotFound, false
}

// ContentType names a site file's type by its extension.
func ContentType(name string, data []byte) string {
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
