package chrome

import (
	"context"
	"errors"
	"testing"
)

// ForTest starts a browser for a test, or skips the test with a clear
// message when there is none on this machine. CI installs Chromium, so
// there the tests run.
func ForTest(t testing.TB) *Browser {
	t.Helper()
	bin, err := Find()
	if errors.Is(err, ErrNotFound) {
		t.Skipf("browser test skipped: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	b, err := Launch(context.Background(), bin)
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
