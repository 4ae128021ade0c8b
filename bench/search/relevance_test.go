package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"deskbook/internal/chrome/chrometest"

	"github.com/go-rod/rod/lib/proto"
)

// floors are the lowest success@1 per group that TestRelevance accepts:
// just under what the client reaches now (issue 19, 2026-12-04), so a
// ranking change that loses answers fails the test. pasted-message is
// under the 0.9: most of the messages it misses share no words
// with the explanation they belong to, which quotes no message (see
// bench/README.md).
var floors = map[string]float64{
	"exact-code":     0.95,
	"pasted-message": 0.65,
	"pasted-error":   0.95,
	"natural":        0.8,
	"typo":           0.95,
	"inflected":      0.8,
	"layout":         0.86,
	"translit":       0.93,
	"surzhyk":        0.89,
}

// TestRelevance builds the corpus site with deskbook, types every query of
// the relevance set into the real client in Chromium and checks success@1
// per group against the floors. It logs the table and every miss.
func TestRelevance(t *testing.T) {
	corpora := filepath.Join("..", "..", "..", "shared", "corpora")
	if !haveCorpora(corpora) {
		t.Skipf("corpora not found in %s", corpora)
	}
	qs, err := loadQueries(relevancePath)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src, out := filepath.Join(dir, "content"), filepath.Join(dir, "out")
	if err := makeSource(corpora, src); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(src, out, filepath.Join(dir, "cache")); err != nil {
		t.Fatal(err)
	}
	// Every expected article exists, so a typo in the set cannot pass as a miss.
	for _, q := range qs {
		for i := range q.Want {
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(q.wantURL(i)), "index.html")); err != nil {
				t.Errorf("%s:%d: expected article %s is not in the site", relevancePath, q.Line, q.wantURL(i))
			}
		}
	}
	b := chrometest.Browser(t)
	if err := (proto.SecuritySetIgnoreCertificateErrors{Ignore: true}).Call(b); err != nil {
		t.Fatal(err)
	}
	srv, err := serve(out)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	r := newDeskbookRanker(b.Browser, srv.URL)
	defer r.close()
	ranks, results, err := rankAll(r, qs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range qs {
		if ranks[i] != 1 {
			t.Logf("miss %s:%d [%s %s] %q: rank %d, want %s, got %s", relevancePath, q.Line, q.Group, q.Lang, trunc(q.Text, 60), ranks[i],
				strings.Join(q.Want, ","), strings.Join(results[i][:min(3, len(results[i]))], " "))
		}
	}
	sc := scores(qs, ranks)
	var tab strings.Builder
	fmt.Fprintf(&tab, "%-16s %4s %6s %6s\n", "group", "n", "s@1", "MRR")
	for _, g := range append(slices.Clone(groupOrder), "all") {
		if s := sc[g]; s != nil {
			fmt.Fprintf(&tab, "%-16s %4d %6.2f %6.2f\n", g, s.N, s.S1(), s.MRR())
		}
	}
	t.Logf("relevance of deskbook search on the corpus site:\n%s", tab.String())
	for _, g := range groupOrder {
		s := sc[g]
		if s == nil {
			t.Errorf("group %s has no queries", g)
			continue
		}
		if s.S1() < floors[g] {
			t.Errorf("%s: success@1 %.2f, below the floor %.2f", g, s.S1(), floors[g])
		}
	}
}

func TestParseQueries(t *testing.T) {
	qs, err := parseQueries(strings.NewReader("# c\n\nnatural uk faq/a,faq/b як це\npasted-error en x \"a\\nb\"\n"), "t")
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 2 || qs[0].Text != "як це" || len(qs[0].Want) != 2 || qs[1].Text != "a\nb" || qs[0].Line != 3 {
		t.Fatalf("%+v", qs)
	}
	if r := qs[0].rank([]string{"/uk/x/", "/uk/faq/b/"}); r != 2 {
		t.Errorf("rank %d", r)
	}
	for _, bad := range []string{"natural uk x\n", "weird uk x q\n", "natural uk x \"open\n"} {
		if _, err := parseQueries(strings.NewReader(bad), "t"); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	at := func(ms int) time.Time { return time.Unix(0, 0).Add(time.Duration(ms) * time.Millisecond) }
	hs := []hit{{Start: at(0), End: at(1000)}, {Start: at(500), End: at(1200)}, {Start: at(1100), End: at(2000)}, {Start: at(2500), End: at(3000)}}
	if w := hitWaves(hs); w != 3 {
		t.Errorf("waves %d, want 3", w)
	}
	if p := sitePath("http://127.0.0.1:8080/en/faq/x/index.html#a"); p != "/en/faq/x/" {
		t.Errorf("sitePath %q", p)
	}
}
