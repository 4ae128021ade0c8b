package preview

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"deskbook/builder"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

// burstEdits are the articles a burst edits in turn, with the page each
// reloads.
var burstEdits = []struct{ file, page string }{
	{"errors/disk-full.md", "en/errors/disk-full/index.html"},
	{"checks/zebra.md", "en/checks/zebra/index.html"},
	{"checks/before-you-call.md", "en/checks/before-you-call/index.html"},
	{"changelog/v1-2.md", "en/changelog/v1-2/index.html"}, // the changelog page and feeds are late too
}

// burstEdit appends a sentence with a word of its own to the k-th
// article of the burst, and returns the page that must reload.
func burstEdit(t *testing.T, src string, k int) string {
	t.Helper()
	e := burstEdits[k%len(burstEdits)]
	p := filepath.Join(src, filepath.FromSlash(e.file))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	sitetest.WriteFile(t, p, fmt.Sprintf("%s\n\nSaved again, as burst word quokka%c.\n", bytes.TrimRight(b, "\n"), 'a'+k))
	return e.page
}

// awaitReload waits for the reload that names page. Unless late work may
// finish meanwhile, any other event but a reload or ok is late work
// reaching the pages in front of the edit, and fails the test.
func awaitReload(t *testing.T, events <-chan event, page string, late bool) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatal("event stream closed")
			}
			if late && (ev.name == "index" || lateOnly(ev)) {
				continue
			}
			if ev.name != "reload" && ev.name != "ok" {
				t.Fatalf("waiting for the reload of %s: event %s %v", page, ev.name, ev.data)
			}
			if ev.name == "reload" && !late && slices.ContainsFunc(pagesOf(ev), latePage) {
				t.Fatalf("waiting for the reload of %s: late pages were made first: %v", page, pagesOf(ev))
			}
			if ev.name == "reload" && slices.Contains(pagesOf(ev), page) {
				return
			}
		case <-deadline:
			t.Fatalf("no reload of %s", page)
		}
	}
}

// TestServeBurstDoesNotWaitForLateWork saves edits back to back while the
// late work (print book, search index) is held as a slow print book of a
// huge site would hold it: each edit's page must still be reloaded, the
// late work being cancelled rather than waited for, and none of it may
// reach the pages during the burst. A save that changes nothing cancels
// it too, and it starts again. Once the edits stop and the late work is
// let go, it completes: the print book and the search index are those a
// full build of the last source makes.
func TestServeBurstDoesNotWaitForLateWork(t *testing.T) {
	src := filepath.Join(t.TempDir(), "content")
	sitetest.WriteTree(t, src, sitetest.Small)
	var holding, cancelled atomic.Int32
	free := make(chan struct{}) // closed: late work runs freely
	hold := func(ctx context.Context) {
		holding.Add(1)
		defer holding.Add(-1)
		select {
		case <-ctx.Done():
			cancelled.Add(1)
		case <-free:
		}
	}
	s := startServe(t, builder.Config{Source: os.DirFS(src), SourceName: "content", Theme: themes.Default()}, Options{SourceDir: src, hold: hold})
	events := s.listen()
	if ev := next(t, events); ev.name != "hello" {
		t.Fatalf("first event %+v", ev)
	}
	const edits = 6
	for k := range edits {
		page := burstEdit(t, src, k)
		awaitReload(t, events, page, false)
		if k > 0 && cancelled.Load() < int32(k) {
			t.Fatalf("edit %d was served with %d late run(s) cancelled, want at least %d", k, cancelled.Load(), k)
		}
		// The late work of this edit starts, and is held.
		sitetest.Eventually(t, 10*time.Second, "late work to start", func() bool { return holding.Load() == 1 })
	}
	// A save that changes nothing cancels the held run too: the late work
	// it owes starts again.
	before := cancelled.Load()
	p := filepath.Join(src, "checks", "zebra.md")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	sitetest.WriteFile(t, p, string(b))
	sitetest.Eventually(t, 10*time.Second, "the late work to start again", func() bool {
		return cancelled.Load() > before && holding.Load() == 1
	})
	close(free)
	for book, index := false, false; !book || !index; {
		switch ev := nextAny(t, events); {
		case ev.name == "index":
			index = true
		case lateOnly(ev):
			book = true
		case ev.name != "ok":
			t.Fatalf("after the burst: event %s %v, want the print book and the index", ev.name, ev.data)
		}
	}
	assertWhole(t, s, src)
}

// TestServeBurstCompletes saves edits back to back with the late work
// free to run, so that edits meet it at whatever point it has reached
// (cancelled while it makes the print book, or while it builds the
// index): once they stop, the site must become whole, the print book and
// the search index those of a full build of the last source.
func TestServeBurstCompletes(t *testing.T) {
	src := filepath.Join(t.TempDir(), "content")
	sitetest.WriteTree(t, src, sitetest.Small)
	s := startServe(t, builder.Config{Source: os.DirFS(src), SourceName: "content", Theme: themes.Default()}, Options{SourceDir: src})
	events := s.listen()
	if ev := next(t, events); ev.name != "hello" {
		t.Fatalf("first event %+v", ev)
	}
	for k := range 12 {
		awaitReload(t, events, burstEdit(t, src, k), true)
	}
	want := fullBuild(t, src)
	sitetest.Eventually(t, 20*time.Second, "the print book and the search index of the last edit", func() bool {
		return whole(s, want) == ""
	})
}

// nextAny waits for the next event of any kind.
func nextAny(t *testing.T, events <-chan event) event {
	t.Helper()
	select {
	case ev, ok := <-events:
		if !ok {
			t.Fatal("event stream closed")
		}
		return ev
	case <-time.After(20 * time.Second):
		t.Fatal("no event")
	}
	return event{}
}

// assertWhole checks that every file served (the print book, the
// changelog and its feeds, the search index among them) is what a full
// build of src makes.
func assertWhole(t *testing.T, s *served, src string) {
	t.Helper()
	if diff := whole(s, fullBuild(t, src)); diff != "" {
		t.Error(diff)
	}
}

// fullBuild builds src in full: the files it makes, by path.
func fullBuild(t *testing.T, src string) map[string][]byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := builder.Build(context.Background(), builder.Config{Source: os.DirFS(src), SourceName: "content", Theme: themes.Default(), Out: out}); err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if err != nil || d.IsDir() {
			return err
		}
		want[rel], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if want["en/print/index.html"] == nil || !bytes.Contains(want["search/en/boot.js"], []byte("boot")) {
		t.Fatalf("the full build has no print book or search index: %d files", len(want))
	}
	return want
}

// whole compares what is served with a full build's files (without the
// live-reload script serve adds to pages); it returns what differs, or "".
func whole(s *served, want map[string][]byte) string {
	for p, w := range want {
		resp, err := http.Get(s.base + "/" + p)
		if err != nil {
			return err.Error()
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err.Error()
		}
		if strings.HasSuffix(p, ".html") {
			got = withoutLiveTag(got)
		}
		if !bytes.Equal(got, w) {
			return fmt.Sprintf("%s differs from a full build's (%d bytes served, %d built)", p, len(got), len(w))
		}
	}
	return ""
}

// withoutLiveTag removes the live-reload script serve adds to a page.
func withoutLiveTag(page []byte) []byte {
	i := bytes.LastIndex(page, []byte(`<script src="/.deskbook/live.js"`))
	if i < 0 {
		return page
	}
	j := bytes.Index(page[i:], []byte("</script>\n"))
	if j < 0 {
		return page
	}
	return slices.Concat(page[:i], page[i+j+len("</script>\n"):])
}
