// Package chrometest starts Chromium for browser tests: a test that needs a
// browser gets one, or, on a machine without one, skips with a message (and
// fails in CI, which installs Chromium).
package chrometest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"deskbook/internal/chrome"
	"deskbook/internal/sitetest"

	"github.com/go-rod/rod"
)

// Browser starts a browser for a test, or stops the test with a clear
// message when there is none on this machine (sitetest.Missing: a skip, or
// a failure in CI). The browser is closed when the test ends.
func Browser(t testing.TB) *chrome.Browser {
	t.Helper()
	b, err := chrome.Launch(context.Background(), Bin(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Logf("closing the browser: %v", err)
		}
	})
	return b
}

// Bin is the browser binary for a test that starts it itself, or stops
// the test as Browser does when there is none.
func Bin(t testing.TB) string {
	t.Helper()
	bin, err := chrome.Find()
	if errors.Is(err, chrome.ErrNotFound) {
		sitetest.Missing(t, "browser test skipped: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// ProcessesMentioning lists the running processes whose command line
// contains s, as "pid: command line". Tests use it with a browser's temp
// folder to check that no browser outlived its run.
func ProcessesMentioning(s string) []string {
	var out []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		cmd, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err == nil && bytes.Contains(cmd, []byte(s)) {
			out = append(out, e.Name()+": "+string(bytes.ReplaceAll(cmd, []byte{0}, []byte{' '})))
		}
	}
	return out
}

// WaitFor waits until js, a function, returns true in the page (errors
// while the page navigates count as false), or fails the test after
// timeout.
func WaitFor(t testing.TB, page *rod.Page, timeout time.Duration, what, js string) {
	t.Helper()
	sitetest.Eventually(t, timeout, what, func() bool {
		res, err := page.Eval(js)
		return err == nil && res.Value.Bool()
	})
}

// WaitString waits until js, a function, returns a non-empty string in
// the page, and returns it; it fails the test after timeout.
func WaitString(t testing.TB, page *rod.Page, timeout time.Duration, what, js string) string {
	t.Helper()
	var got string
	sitetest.Eventually(t, timeout, what, func() bool {
		if res, err := page.Eval(js); err == nil {
			got = res.Value.Str()
		}
		return got != ""
	})
	return got
}
