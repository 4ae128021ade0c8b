package search

import (
	"bytes"
	_ "embed"
	"sync"
)

//go:embed client/search.js
var clientJS []byte

var clientOnce = sync.OnceValue(func() []byte {
	// The Ukrainian rules are data shared with stemUk; comment-only lines
	// and indentation are dropped to save bytes.
	return strip(bytes.Replace(clientJS, []byte("/*UK_RULES*/null"), bytes.TrimSpace(ukRulesJSON), 1))
})

// strip drops a script's comment-only lines, empty lines and indentation,
// to save bytes; the client scripts are written so that this keeps them
// working (no block comments, no multi-line strings).
func strip(src []byte) []byte {
	var out bytes.Buffer
	for _, line := range bytes.Split(src, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if len(t) == 0 || bytes.HasPrefix(t, []byte("//")) {
			continue
		}
		out.Write(t)
		out.WriteByte('\n')
	}
	return out.Bytes()
}

// Client returns the browser script (search/client/search.js with the
// Ukrainian stemmer rules filled in). The builder writes it as a hashed
// asset and every page loads it with <script src=… defer>.
func Client() []byte { return bytes.Clone(clientOnce()) }
