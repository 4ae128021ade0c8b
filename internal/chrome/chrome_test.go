package chrome_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"deskbook/internal/chrome"
	"deskbook/internal/chrome/chrometest"
	"deskbook/internal/sitetest"
)

func TestLaunchRendersAndCleansUp(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>t</title><p id="p">Привіт</p><script>document.getElementById("p").dataset.js = "ran"</script>`)
	}))
	defer srv.Close()
	b := chrometest.Browser(t)
	page := b.MustPage(srv.URL).MustWaitLoad()
	if got := page.MustElement("#p").MustText(); got != "Привіт" {
		t.Errorf("text = %q", got)
	}
	if got := *page.MustElement("#p").MustAttribute("data-js"); got != "ran" {
		t.Errorf("script did not run: %q", got)
	}
	dir := b.Dir()
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("profile folder %s left behind", dir)
	}
}

// TestSweepsProfilesOfKilledRuns: a deskbook killed with SIGKILL cannot
// remove its browser profile; the next launch does, as soon as the process
// that made it is gone, while a live process's profile stays.
func TestSweepsProfilesOfKilledRuns(t *testing.T) {
	if _, err := os.Stat("/proc/self"); err != nil {
		t.Skip("needs /proc")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Skip(err)
	}
	stale := filepath.Join(tmp, "deskbook-chrome-"+strconv.Itoa(gone.Process.Pid)+"-123")
	live := filepath.Join(tmp, "deskbook-chrome-"+strconv.Itoa(os.Getppid())+"-456")
	for _, d := range []string{stale, live} {
		if err := os.MkdirAll(filepath.Join(d, "profile"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	b := chrometest.Browser(t)
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the profile of a process that is gone was kept")
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("the profile of a live process was removed")
	}
	if !strings.HasPrefix(filepath.Base(b.Dir()), "deskbook-chrome-"+strconv.Itoa(os.Getpid())+"-") {
		t.Errorf("profile folder %s is not named by its process", b.Dir())
	}
}

// TestHangingBrowserTimesOut: a --chrome that never starts a browser (a
// wrong binary, a wrapper that hangs) stops deskbook pdf with an error
// naming it, after the start-up deadline, and leaves no process behind.
func TestHangingBrowserTimesOut(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "fake-chrome")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\nexec sleep 300\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := chrome.LaunchWithin(context.Background(), bin, 2*time.Second)
	if err == nil || !strings.Contains(err.Error(), bin+" did not start within 2s") {
		t.Fatalf("err = %v, want one naming the binary and the deadline", err)
	}
	if !sitetest.Within(10*time.Second, func() bool { return len(chrometest.ProcessesMentioning(bin)) == 0 }) {
		t.Errorf("left running: %v", chrometest.ProcessesMentioning(bin))
	}
}

// TestChromiumTempFoldersStayInTheProfile: Chromium's own temporary
// folders (org.chromium.Chromium.*) go inside the profile folder, which
// Close removes and the next run sweeps after a kill, never into the
// system's temporary folder.
func TestChromiumTempFoldersStayInTheProfile(t *testing.T) {
	tmp, err := os.MkdirTemp("", "dc") // short: Chromium's socket path must fit in 100 bytes
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	t.Setenv("TMPDIR", tmp)
	b := chrometest.Browser(t)
	b.MustPage("about:blank").MustWaitLoad()
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(tmp)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "deskbook-chrome-") {
			t.Errorf("%s left in the temporary folder", e.Name())
		}
	}
}
