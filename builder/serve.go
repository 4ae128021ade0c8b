package builder

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Serve builds the site into a private temporary folder (never the user's
// output folder) and serves it on ln until ctx is done. Watching and live
// reload build on this (issue 6).
func Serve(ctx context.Context, cfg Config, ln net.Listener, log io.Writer) error {
	dir, err := os.MkdirTemp("", "deskbook-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfg.Out = filepath.Join(dir, "site")
	res, err := Build(ctx, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "deskbook: built %d pages in %s; serving on http://%s/\n", res.Pages, res.Duration.Round(time.Millisecond), ln.Addr())
	srv := &http.Server{Handler: siteHandler(cfg.Out), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// siteHandler serves a built site folder the way a static host would:
// index.html for folders, 404.html for what does not exist, and nothing
// outside the folder. Previews must never be cached.
func siteHandler(root string) http.Handler {
	files := http.FileServer(http.Dir(root))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		p := path.Clean("/" + r.URL.Path)
		full := filepath.Join(root, filepath.FromSlash(p))
		fi, err := os.Stat(full)
		if err == nil && fi.IsDir() {
			// A folder is a page only through its index.html; never list it.
			_, err = os.Stat(filepath.Join(full, "index.html"))
			if err == nil && !strings.HasSuffix(r.URL.Path, "/") {
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
				return
			}
		}
		if err != nil || strings.Contains(p, "/.") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			if page, err := os.ReadFile(filepath.Join(root, "404.html")); err == nil {
				w.Write(page)
			}
			return
		}
		files.ServeHTTP(w, r)
	})
}
