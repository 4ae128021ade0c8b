package chrome

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

func TestLaunchRendersAndCleansUp(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>t</title><p id="p">Привіт</p><script>document.getElementById("p").dataset.js = "ran"</script>`)
	}))
	defer srv.Close()
	b := ForTest(t)
	page := b.MustPage(srv.URL).MustWaitLoad()
	if got := page.MustElement("#p").MustText(); got != "Привіт" {
		t.Errorf("text = %q", got)
	}
	if got := *page.MustElement("#p").MustAttribute("data-js"); got != "ran" {
		t.Errorf("script did not run: %q", got)
	}
	dir := b.dir
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("profile folder %s left behind", dir)
	}
}
