package preview

import (
	"io"
	"net/http"
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
