package builder

import (
	"testing"
)

// bodyOf is an article's HTML, wherever the build kept it.
func bodyOf(t testing.TB, a *Article) string {
	t.Helper()
	html, err := a.HTML()
	if err != nil {
		t.Fatal(err)
	}
	return string(html)
}
