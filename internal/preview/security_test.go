package preview

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"deskbook/builder"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

// TestLiveReloadTagEscapesFileNames: a file name is the writer's to
// choose, quotes included; the live-reload tag serve adds must keep it
// inside its attribute, or the name becomes script in every preview.
func TestLiveReloadTagEscapesFileNames(t *testing.T) {
	site := sitetest.Small + "-- errors/x\" onload=\"alert(1).md --\n---\ntitle: \"Odd name\"\nid: 77\n---\nBody.\n"
	s := startServe(t, builder.Config{Source: sitetest.FS(t, site), SourceName: "content", Theme: themes.Default()}, Options{})
	code, body, _ := s.get("/en/errors/x%22%20onload=%22alert(1)/")
	if code != 200 || !strings.Contains(body, "Odd name") {
		t.Fatalf("the page: %d", code)
	}
	i := strings.Index(body, `<script src="/.deskbook/live.js"`)
	if i < 0 {
		t.Fatal("no live-reload tag")
	}
	tag := body[i : i+strings.Index(body[i:], ">")+1]
	if strings.Contains(tag, `onload="`) || !strings.Contains(tag, `data-page="en/errors/x&#34; onload=&#34;alert(1)/index.html"`) {
		t.Errorf("the file name leaves its attribute: %s", tag)
	}
}

// TestServeAnswersOnlyThisMachine: a web page the writer visits can point
// its own domain at 127.0.0.1 (DNS rebinding) and read the preview, or
// open its event stream; serve answers only its loopback names, and its
// event stream only its own pages.
func TestServeAnswersOnlyThisMachine(t *testing.T) {
	s := startServe(t, builder.Config{Source: sitetest.FS(t, sitetest.Small), SourceName: "content", Theme: themes.Default()}, Options{})
	port := s.base[strings.LastIndex(s.base, ":")+1:]
	for _, tc := range []struct {
		host, origin, path string
		want               int
	}{
		{"127.0.0.1:" + port, "", "/en/", 200},
		{"localhost:" + port, "", "/en/", 200},
		{"LOCALHOST:" + port, "", "/en/", 200},
		{"[::1]:" + port, "", "/en/", 200},
		{"evil.example:" + port, "", "/en/", 403},
		{"evil.example", "", "/.deskbook/live.js", 403},
		{"127.0.0.1:" + port, "http://evil.example", "/.deskbook/events", 403},
		{"127.0.0.1:" + port, "http://127.0.0.1:" + port + ".evil.example", "/.deskbook/events", 403},
		{"127.0.0.1:" + port, "http://127.0.0.1:" + port, "/en/", 200},
	} {
		req, _ := http.NewRequest(http.MethodGet, s.base+tc.path, nil)
		req.Host = tc.host
		if tc.origin != "" {
			req.Header.Set("Origin", tc.origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("Host %s, Origin %q, %s: %d, want %d", tc.host, tc.origin, tc.path, resp.StatusCode, tc.want)
		}
	}
}

// TestServeRecoversWhenTheSourceFolderComesBack: a checkout or a sync
// tool deletes the source folder and makes it again; serve keeps the last
// good site while it is gone, says so, reads the new folder when it comes
// back, and follows edits in it afterwards.
func TestServeRecoversWhenTheSourceFolderComesBack(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	sitetest.WriteTree(t, src, sitetest.Small)
	s := startServe(t, builder.Config{Source: os.DirFS(src), SourceName: "content", Theme: themes.Default()}, Options{SourceDir: src})
	events := s.listen()
	if ev := next(t, events); ev.name != "hello" {
		t.Fatalf("first event %+v", ev)
	}
	if err := os.RemoveAll(src); err != nil {
		t.Fatal(err)
	}
	if ev := next(t, events); ev.name != "failed" || !strings.Contains(fmt.Sprint(ev.data), "the folder is gone") {
		t.Errorf("after deleting the folder: %+v", ev)
	}
	if code, body, _ := s.get("/en/errors/disk-full/"); code != 200 || !strings.Contains(body, "Error E42") {
		t.Errorf("the last good site is not served while the folder is gone: %d", code)
	}
	// Made again in one step, as a checkout does: written aside, renamed in.
	staged := filepath.Join(dir, "staged")
	sitetest.WriteTree(t, staged, strings.Replace(sitetest.Small, "The app stopped writing.", "The app stopped writing (restored).", 1))
	if err := os.Rename(staged, src); err != nil {
		t.Fatal(err)
	}
	if ev := next(t, events); ev.name != "reload" {
		t.Errorf("after the folder came back: %+v", ev)
	}
	if _, body, _ := s.get("/en/errors/disk-full/"); !strings.Contains(body, "(restored)") {
		t.Error("the restored folder is not served")
	}
	sitetest.WriteFile(t, filepath.Join(src, "errors", "disk-full.md"), strings.Replace(sitetest.Read(t, src, "errors/disk-full.md"), "(restored)", "(edited after)", 1))
	if ev := next(t, events); ev.name != "reload" || !slices.Contains(pagesOf(ev), "en/errors/disk-full/index.html") {
		t.Errorf("an edit in the restored folder: %+v", ev)
	}
	for _, want := range []string{"was deleted or moved away", "is back; building it again"} {
		if !strings.Contains(s.log.String(), want) {
			t.Errorf("the terminal was not told %q:\n%s", want, s.log.String())
		}
	}
}
