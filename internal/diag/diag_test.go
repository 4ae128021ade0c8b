package diag

import "testing"

// TestBrokenf: a link that leads nowhere is an error, or, while a site
// migrates (LinksWarn), a warning; either way Broken marks it, so the
// command line can list them apart.
func TestBrokenf(t *testing.T) {
	for _, warn := range []bool{false, true} {
		c := &Collector{LinksWarn: warn}
		c.Brokenf("a.md", 3, "broken link %q", "x.md")
		c.Warnf("a.md", 1, "no summary")
		l := c.Sorted()
		if got := l.Broken(); len(got) != 1 || got[0].Line != 3 || got[0].Msg != `broken link "x.md"` {
			t.Fatalf("LinksWarn %v: Broken() = %v", warn, got)
		}
		want := `a.md:3: broken link "x.md"`
		if warn {
			want = `a.md:3: warning: broken link "x.md"`
		}
		if got := l.Broken()[0].String(); got != want || l.HasErrors() == warn {
			t.Errorf("LinksWarn %v: %q (HasErrors %v), want %q", warn, got, l.HasErrors(), want)
		}
	}
}

// TestCount: one thing is said without a plural, and nothing is "(s)".
func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0 errors", 1: "1 error", 2: "2 errors", 11: "11 errors"} {
		if got := Count(n, "error", "errors"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}
