package builder

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"deskbook/themes"
)

func TestServe(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, Config{Source: siteFS(t, smallSite), Theme: themes.Default()}, ln, io.Discard)
	}()
	base := "http://" + ln.Addr().String()
	get := func(p string) (int, string, http.Header) {
		var resp *http.Response
		for range 50 { // the build runs before the server answers
			if resp, err = http.Get(base + p); err == nil {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header
	}
	if code, body, h := get("/en/errors/disk-full/"); code != 200 || !strings.Contains(body, "Error E42") || h.Get("Cache-Control") != "no-store" {
		t.Errorf("article: %d %q", code, h.Get("Cache-Control"))
	}
	if code, body, _ := get("/en/nothing-here/"); code != 404 || !strings.Contains(body, "Page not found") {
		t.Errorf("missing page: %d", code)
	}
	if code, _, _ := get("/../../etc/passwd"); code != 404 {
		t.Errorf("path outside the site: %d", code)
	}
	// Folders without an index page are not listed.
	for _, p := range []string{"/a/", "/assets/", "/a"} {
		if code, body, _ := get(p); code != 404 || strings.Contains(body, "<pre>") {
			t.Errorf("%s: %d, want 404 and no listing", p, code)
		}
	}
	if code, _, _ := get("/.deskbook-output"); code != 404 {
		t.Errorf("hidden file served: %d", code)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("Serve did not stop on cancel")
	}
}
