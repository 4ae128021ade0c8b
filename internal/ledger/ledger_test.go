package ledger

import (
	"testing"

	"deskbook/internal/diag"
)

// FuzzLedger feeds arbitrary text to the URL ledger parser and checks that
// whatever it accepts survives a round trip through the written ledger.
func FuzzLedger(f *testing.F) {
	f.Add("en/errors/disk-full/ 10\nen/old/ removed\n# note\n")
	f.Add("/en/a 1\n\nen/a/ 2\nbad line here\n")
	f.Add("en/../x/ 3\nen/x/?q 4\n")
	f.Fuzz(func(t *testing.T, text string) {
		d := &diag.Collector{}
		entries := Parse([]byte(text), File, d)
		seen := map[string]bool{}
		for _, e := range entries {
			if seen[e.URL] {
				t.Fatalf("URL %q accepted twice", e.URL)
			}
			seen[e.URL] = true
			if u, ok := URL(e.URL); !ok || u != e.URL {
				t.Fatalf("accepted URL %q does not normalise to itself", e.URL)
			}
			if e.Removed == (e.ID > 0) {
				t.Fatalf("entry %+v is neither removed nor has an id", e)
			}
		}
		// A site that publishes nothing, built with --allow-removed.
		_, _, next := Check(entries, Published{Has: func(Entry) bool { return false }}, true)
		written, _ := Write(entries, next, nil)
		again := Parse(written, File, &diag.Collector{})
		if len(again) != len(entries) {
			t.Fatalf("round trip kept %d of %d entries:\n%s", len(again), len(entries), written)
		}
	})
}
