package preview

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"deskbook/builder"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

// served is a running Serve for a test.
type served struct {
	t    testing.TB
	base string
	done chan error
	stop context.CancelFunc
	log  *syncBuffer // what Serve told the terminal
}

// syncBuffer is a buffer Serve's goroutines can write while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func startServe(t testing.TB, cfg builder.Config, opts Options) *served {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{t: t, base: "http://" + ln.Addr().String(), done: make(chan error, 1), stop: cancel, log: &syncBuffer{}}
	ready := make(chan struct{})
	opts.Ready = func(string) { close(ready) }
	if opts.LateDelay == 0 {
		opts.LateDelay = time.Millisecond
	}
	go func() { s.done <- Serve(ctx, cfg, opts, ln, s.log) }()
	select {
	case <-ready:
	case err := <-s.done:
		t.Fatalf("Serve: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("Serve did not start")
	}
	t.Cleanup(func() { s.close() })
	return s
}

// close stops the server and checks that it stops cleanly.
func (s *served) close() {
	s.stop()
	select {
	case err := <-s.done:
		if err != nil {
			s.t.Errorf("Serve: %v", err)
		}
		s.done <- nil
	case <-time.After(5 * time.Second):
		s.t.Error("Serve did not stop on cancel")
	}
}

func (s *served) get(p string) (int, string, http.Header) {
	s.t.Helper()
	resp, err := http.Get(s.base + p)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// mustBuild builds a txtar site into a fresh output folder.
func mustBuild(t testing.TB, archive string) (*builder.Result, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := builder.Build(context.Background(), builder.Config{Source: sitetest.FS(t, archive), SourceName: "content", Theme: themes.Default(), Out: out})
	if err != nil {
		t.Fatalf("build failed: %v", err)
	}
	return res, out
}

// event is one Server-Sent Event.
type event struct {
	name string
	data map[string]any
}

// listen follows the event stream as a page's script does.
func (s *served) listen() <-chan event {
	s.t.Helper()
	resp, err := http.Get(s.base + "/.deskbook/events")
	if err != nil {
		s.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		s.t.Fatalf("events: Content-Type %q", ct)
	}
	out := make(chan event, 100)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev.data)
			case line == "" && ev.name != "":
				out <- ev
				ev = event{}
			}
		}
	}()
	s.t.Cleanup(func() { resp.Body.Close() })
	return out
}

// next waits for the next event that is not about the search index.
func next(t testing.TB, events <-chan event) event {
	t.Helper()
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatal("event stream closed")
			}
			if ev.name != "index" && !lateOnly(ev) {
				return ev
			}
		case <-time.After(10 * time.Second):
			t.Fatal("no event")
		}
	}
}

// lateOnly reports a reload of late pages alone (print books, changelog
// pages), which follows the reload of the pages an edit reached once edits
// pause (late.go).
func lateOnly(ev event) bool {
	if ev.name != "reload" {
		return false
	}
	pages := pagesOf(ev)
	return len(pages) > 0 && !slices.ContainsFunc(pages, func(p string) bool { return !latePage(p) })
}

// latePage reports a page serve makes as late work.
func latePage(p string) bool {
	return strings.HasSuffix(p, "/print/index.html") || strings.HasSuffix(p, "/changelog/index.html")
}

func pagesOf(ev event) []string {
	var out []string
	ps, _ := ev.data["pages"].([]any) // null when only files that are not pages changed
	for _, p := range ps {
		out = append(out, p.(string))
	}
	return out
}

func TestServe(t *testing.T) {
	s := startServe(t, builder.Config{Source: sitetest.FS(t, sitetest.Small), SourceName: "content", Theme: themes.Default()}, Options{})
	code, body, h := s.get("/en/errors/disk-full/")
	if code != 200 || !strings.Contains(body, "Error E42") || h.Get("Cache-Control") != "no-store" || h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("article: %d %q %q", code, h.Get("Cache-Control"), h.Get("Content-Type"))
	}
	// Only serve adds the live-reload script, just before </body>.
	if !strings.Contains(body, `<script src="/.deskbook/live.js" data-gen="1" data-page="en/errors/disk-full/index.html"></script>`+"\n</body>") {
		t.Errorf("article without the live-reload script")
	}
	_, out := mustBuild(t, sitetest.Small)
	if built := sitetest.Read(t, out, "en/errors/disk-full/index.html"); strings.Contains(built, "deskbook/live.js") {
		t.Errorf("the live-reload script is in built output")
	}
	if code, body, _ := s.get("/en/nothing-here/"); code != 404 || !strings.Contains(body, "Page not found") || !strings.Contains(body, "live.js") {
		t.Errorf("missing page: %d", code)
	}
	if code, _, _ := s.get("/../../etc/passwd"); code != 404 {
		t.Errorf("path outside the site: %d", code)
	}
	// Folders without an index page are not listed.
	for _, p := range []string{"/a/", "/assets/", "/a"} {
		if code, body, _ := s.get(p); code != 404 || strings.Contains(body, "<pre>") {
			t.Errorf("%s: %d, want 404 and no listing", p, code)
		}
	}
	if code, _, _ := s.get("/.deskbook-output"); code != 404 {
		t.Errorf("hidden file served: %d", code)
	}
	// A folder's address without its slash is redirected to it.
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(s.base + "/en/errors")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/en/errors/" {
		t.Errorf("folder without slash: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	for p, want := range map[string]string{
		"/sitemap.xml":          "application/xml; charset=utf-8",
		"/robots.txt":           "text/plain; charset=utf-8",
		"/search/en/boot.js":    "text/javascript; charset=utf-8",
		"/.deskbook/live.js":    "text/javascript; charset=utf-8",
		"/en/search/index.html": "text/html; charset=utf-8",
	} {
		if code, _, h := s.get(p); code != 200 || h.Get("Content-Type") != want || h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %d %q, want 200 %q", p, code, h.Get("Content-Type"), want)
		}
	}
	st, err := os.ReadDir(filepath.Join(out, "assets"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range st {
		want := map[string]string{".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}[filepath.Ext(e.Name())]
		if code, _, h := s.get("/assets/" + e.Name()); code != 200 || h.Get("Content-Type") != want {
			t.Errorf("%s: %d %q", e.Name(), code, h.Get("Content-Type"))
		}
	}
	req, _ := http.NewRequest(http.MethodPost, s.base+"/en/", nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %v %v", err, resp.StatusCode)
	}
	// A page listening is told the state at once.
	if ev := next(t, s.listen()); ev.name != "hello" || ev.data["gen"] != 1.0 {
		t.Errorf("first event %+v", ev)
	}
}

// TestServeWatch edits a real source folder the ways writers and their
// editors do, and checks what the open pages are told and what is served.
func TestServeWatch(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	sitetest.WriteTree(t, src, sitetest.Small)
	s := startServe(t, builder.Config{Source: os.DirFS(src), SourceName: "content", Theme: themes.Default()}, Options{SourceDir: src})
	events := s.listen()
	if ev := next(t, events); ev.name != "hello" {
		t.Fatalf("first event %+v", ev)
	}
	article := filepath.Join(src, "errors", "disk-full.md")
	orig, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	expect := func(what string, want ...string) event {
		t.Helper()
		ev := next(t, events)
		if ev.name != "reload" {
			t.Fatalf("%s: event %s %v, want reload", what, ev.name, ev.data)
		}
		got := pagesOf(ev)
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: reload of %v, want %s among them", what, got, w)
			}
		}
		return ev
	}
	served := func(p, want string) {
		t.Helper()
		if code, body, _ := s.get(p); code != 200 || !strings.Contains(body, want) {
			t.Errorf("%s: %d, want %q in it", p, code, want)
		}
	}

	// An edit in place.
	sitetest.WriteFile(t, article, strings.Replace(string(orig), "The app stopped writing.", "The app stopped writing at once.", 1))
	if ev := expect("edit", "en/errors/disk-full/index.html"); len(pagesOf(ev)) != 1 {
		t.Errorf("a body edit reloads only its page, got %v", pagesOf(ev))
	}
	served("/en/errors/disk-full/", "stopped writing at once")
	// The print book holds every article's text: it follows right after.
	if !sitetest.Within(5*time.Second, func() bool {
		_, body, _ := s.get("/en/print/")
		return strings.Contains(body, "stopped writing at once")
	}) {
		t.Errorf("the print book does not follow the edit")
	}

	// An editor's atomic save: a temporary file renamed over the article.
	tmp := filepath.Join(src, "errors", ".disk-full.md.swp")
	sitetest.WriteFile(t, tmp, strings.Replace(string(orig), "Error E42: disk is full", "Error E42: the disk is full", 1))
	if err := os.Rename(tmp, article); err != nil {
		t.Fatal(err)
	}
	expect("atomic save", "en/errors/disk-full/index.html", "en/errors/index.html", "en/index.html")
	served("/en/errors/", "Error E42: the disk is full")

	// A new article.
	sitetest.WriteFile(t, filepath.Join(src, "errors", "e43.md"), "---\ntitle: \"Error E43: no network\"\nid: 43\n---\nCheck the cable.\n")
	expect("create", "en/errors/e43/index.html", "en/errors/index.html")
	served("/en/errors/e43/", "Check the cable.")
	served("/a/43/", "en/errors/e43/")

	// A rename: the old page goes, the new one comes.
	if err := os.Rename(filepath.Join(src, "errors", "e43.md"), filepath.Join(src, "errors", "e43-network.md")); err != nil {
		t.Fatal(err)
	}
	expect("rename", "en/errors/e43-network/index.html", "en/errors/e43/index.html")
	served("/en/errors/e43-network/", "Check the cable.")
	if code, _, _ := s.get("/en/errors/e43/"); code != 404 {
		t.Errorf("renamed article still served at its old address: %d", code)
	}

	// A new folder with articles in it, made in one go.
	sitetest.WriteFile(t, filepath.Join(dir, "new", "printing", "jam.md"), "---\ntitle: \"Paper jam\"\nid: 50\n---\nOpen the tray.\n")
	if err := os.Rename(filepath.Join(dir, "new", "printing"), filepath.Join(src, "printing")); err != nil {
		t.Fatal(err)
	}
	expect("new folder", "en/printing/jam/index.html", "en/printing/index.html")
	served("/en/printing/jam/", "Open the tray.")
	// A file created in the new folder afterwards (it is watched too).
	sitetest.WriteFile(t, filepath.Join(src, "printing", "toner.md"), "---\ntitle: \"Low toner\"\nid: 51\n---\nShake the cartridge.\n")
	expect("file in new folder", "en/printing/toner/index.html")
	served("/en/printing/toner/", "Shake the cartridge.")

	// A deletion.
	if err := os.Remove(filepath.Join(src, "printing", "toner.md")); err != nil {
		t.Fatal(err)
	}
	expect("delete", "en/printing/toner/index.html")
	if code, _, _ := s.get("/en/printing/toner/"); code != 404 {
		t.Errorf("deleted article still served: %d", code)
	}

	// A mistake: the page is told where and what; the last good site stays.
	sitetest.WriteFile(t, article, "---\ntitle: \"Error E42\"\nid: 42\nkind: eror\n---\nBody\n")
	ev := next(t, events)
	errs, _ := ev.data["errors"].([]any)
	if ev.name != "failed" || len(errs) == 0 {
		t.Fatalf("broken article: event %s %v, want failed", ev.name, ev.data)
	}
	first := errs[0].(map[string]any)
	if first["path"] != "content/errors/disk-full.md" || first["line"] != 4.0 || !strings.Contains(first["msg"].(string), `kind "eror"`) {
		t.Errorf("error reported as %v", first)
	}
	served("/en/errors/disk-full/", "Error E42: the disk is full")
	// A page opened now is told at once.
	if ev := next(t, s.listen()); ev.name != "hello" || ev.data["errors"] == nil {
		t.Errorf("hello while failing: %+v", ev)
	}
	// Fixing it clears the error and reloads.
	sitetest.WriteFile(t, article, string(orig))
	expect("fixed", "en/errors/disk-full/index.html")
	served("/en/errors/", "Error E42: disk is full")

	// Removing a whole folder.
	if err := os.RemoveAll(filepath.Join(src, "printing")); err != nil {
		t.Fatal(err)
	}
	expect("folder removed", "en/printing/jam/index.html")
	if code, _, _ := s.get("/en/printing/"); code != 404 {
		t.Errorf("removed folder still served: %d", code)
	}
}

// TestServeStylesheetOnly: with --theme, a change to a stylesheet alone
// swaps it in open pages without reloading them.
func TestServeStylesheetOnly(t *testing.T) {
	dir := t.TempDir()
	src, theme := filepath.Join(dir, "content"), filepath.Join(dir, "theme")
	sitetest.WriteTree(t, src, sitetest.Small)
	if err := os.CopyFS(theme, themes.Default()); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, builder.Config{Source: os.DirFS(src), SourceName: "content", Theme: os.DirFS(theme)}, Options{SourceDir: src, ThemeDir: theme})
	events := s.listen()
	next(t, events)
	css := filepath.Join(theme, "static", "style.css")
	b, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(css, append(b, "\nbody { outline: 1px solid red }\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	ev := next(t, events)
	names, _ := ev.data["names"].(map[string]any)
	newCSS, _ := names["style.css"].(string)
	if ev.name != "css" || !strings.HasPrefix(newCSS, "assets/style.") {
		t.Fatalf("stylesheet change: event %s %v, want css", ev.name, ev.data)
	}
	if code, body, _ := s.get("/" + newCSS); code != 200 || !strings.Contains(body, "outline: 1px solid red") {
		t.Errorf("new stylesheet %s: %d", newCSS, code)
	}
	// A template change renders every page again and reloads those that
	// changed.
	layout := filepath.Join(theme, "layouts", "home.html")
	b, _ = os.ReadFile(layout)
	if err := os.WriteFile(layout, []byte(strings.Replace(string(b), `class="home-title"`, `class="home-title changed"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if ev := next(t, events); ev.name != "reload" || !slices.Equal(pagesOf(ev), []string{"en/index.html"}) {
		t.Errorf("template change: event %s %v, want reload of the home page", ev.name, ev.data)
	}
}

// TestServeStartsBroken: a site with errors from the start is still
// served, so an open page can show the errors; fixing them builds it.
func TestServeStartsBroken(t *testing.T) {
	src := filepath.Join(t.TempDir(), "content")
	article := filepath.Join(src, "errors", "a.md")
	sitetest.WriteFile(t, article, "---\ntitle: \"A\"\nid: 1\nkind: nope\n---\nHello\n")
	s := startServe(t, builder.Config{Source: os.DirFS(src), SourceName: "content", Theme: themes.Default()}, Options{SourceDir: src})
	code, body, _ := s.get("/en/")
	if code != 404 || !strings.Contains(body, "/.deskbook/live.js") {
		t.Errorf("page of a broken site: %d, want 404 with the live-reload script", code)
	}
	events := s.listen()
	ev := next(t, events)
	if errs, _ := ev.data["errors"].([]any); ev.name != "hello" || len(errs) != 1 {
		t.Fatalf("hello: %+v", ev)
	}
	sitetest.WriteFile(t, article, "---\ntitle: \"A\"\nid: 1\nkind: error\n---\nHello\n")
	if ev := next(t, events); ev.name != "reload" || !slices.Contains(pagesOf(ev), "en/errors/a/index.html") {
		t.Fatalf("after the fix: %+v", ev)
	}
	if code, body, _ := s.get("/en/errors/a/"); code != 200 || !strings.Contains(body, "Hello") {
		t.Errorf("fixed page: %d", code)
	}
	// The terminal said what was wrong, in words, and that it is fixed.
	for _, want := range []string{"deskbook: 1 error; pages show them until they are fixed:", "content/errors/a.md:4:", "deskbook: the errors are fixed; serving the new site"} {
		if !strings.Contains(s.log.String(), want) {
			t.Errorf("the terminal was not told %q:\n%s", want, s.log.String())
		}
	}
}
