package chrome_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"deskbook/internal/chrome/chrometest"

	"github.com/go-rod/rod/lib/proto"
)

// TestBrowserRunsOnlyItsPages: the browser loads no page of its own beside
// the ones deskbook opens (headless Chromium otherwise loads the address
// bar's suggestion popup, a web page that takes a core for a second while
// a book is printed).
func TestBrowserRunsOnlyItsPages(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>t</title><p>text</p>`)
	}))
	defer srv.Close()
	b := chrometest.Browser(t)
	b.MustPage(srv.URL).MustWaitLoad()
	targets, err := proto.TargetGetTargets{}.Call(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, ti := range targets.TargetInfos {
		if ti.Type != proto.TargetTargetInfoTypePage || ti.URL != srv.URL+"/" {
			t.Errorf("the browser runs a %s target of its own: %s", ti.Type, ti.URL)
		}
	}
}
