package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

// relevancePath is the relevance set, relative to this folder.
const relevancePath = "../../search/testdata/relevance.txt"

// groupOrder is the order of the query groups in tables.
var groupOrder = []string{"exact-code", "pasted-message", "pasted-error", "natural", "typo", "inflected", "layout", "translit", "surzhyk"}

// query is one line of the relevance set.
type query struct {
	Line  int
	Group string
	Lang  string
	Want  []string // URL paths under the language, e.g. "faq/app/crash"
	Text  string
}

// loadQueries reads the relevance set (see its header for the format).
func loadQueries(path string) ([]query, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseQueries(f, path)
}

func parseQueries(r io.Reader, name string) ([]query, error) {
	var qs []query
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var fields []string
		rest := line
		for range 3 {
			f, r, ok := strings.Cut(rest, " ")
			if !ok {
				return nil, fmt.Errorf("%s:%d: want GROUP LANG WANT QUERY", name, n)
			}
			fields = append(fields, f)
			rest = strings.TrimSpace(r)
		}
		if strings.HasPrefix(rest, `"`) {
			u, err := strconv.Unquote(rest)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: quoted query: %w", name, n, err)
			}
			rest = u
		}
		if !slices.Contains(groupOrder, fields[0]) {
			return nil, fmt.Errorf("%s:%d: unknown group %q", name, n, fields[0])
		}
		if rest == "" {
			return nil, fmt.Errorf("%s:%d: empty query", name, n)
		}
		qs = append(qs, query{Line: n, Group: fields[0], Lang: fields[1], Want: strings.Split(fields[2], ","), Text: rest})
	}
	return qs, sc.Err()
}

// wantURL is the site path of an expected article, "/en/faq/app/crash/".
func (q query) wantURL(i int) string { return "/" + q.Lang + "/" + strings.Trim(q.Want[i], "/") + "/" }

// rank is the 1-based position of the first expected article in results
// (site paths, fragment removed), or 0 when none is among them.
func (q query) rank(results []string) int {
	for i, r := range results {
		for w := range q.Want {
			if r == q.wantURL(w) {
				return i + 1
			}
		}
	}
	return 0
}

// groupScore is success@1 and MRR (over the first 10 results) of a group.
type groupScore struct {
	N     int
	Hits1 int
	RR    float64
}

func (g groupScore) S1() float64  { return float64(g.Hits1) / float64(max(g.N, 1)) }
func (g groupScore) MRR() float64 { return g.RR / float64(max(g.N, 1)) }

// scores sums ranks (0: not found) per group, plus "all".
func scores(qs []query, ranks []int) map[string]*groupScore {
	out := map[string]*groupScore{}
	for i, q := range qs {
		for _, g := range []string{q.Group, "all"} {
			s := out[g]
			if s == nil {
				s = &groupScore{}
				out[g] = s
			}
			s.N++
			if r := ranks[i]; r > 0 && r <= 10 {
				s.RR += 1 / float64(r)
				if r == 1 {
					s.Hits1++
				}
			}
		}
	}
	return out
}

// sitePath turns a result link into a site path: no scheme, host, query,
// fragment or trailing index.html.
func sitePath(href string) string {
	if i := strings.Index(href, "://"); i >= 0 {
		href = href[i+3:]
		if j := strings.IndexByte(href, '/'); j >= 0 {
			href = href[j:]
		} else {
			href = "/"
		}
	}
	if i := strings.IndexAny(href, "?#"); i >= 0 {
		href = href[:i]
	}
	return strings.TrimSuffix(href, "index.html")
}
