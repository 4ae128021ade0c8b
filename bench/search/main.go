// Command search compares deskbook's search with Pagefind on the same
// site, in real Chromium: bytes and round trips of a first query, index
// build time and size, and success@1 and MRR on the relevance set
// (search/testdata/relevance.txt). bench/search/run.sh installs Pagefind
// and runs it; see bench/README.md for the method.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"

	"deskbook/builder"
	"deskbook/internal/chrome"
	"deskbook/internal/diag"
	"deskbook/themes"

	"github.com/go-rod/rod/lib/proto"
)

// firstQueries are the fixed queries whose first-query cost is measured:
// a code, a pasted message, typos, natural questions and inflected forms
// in the three languages.
var firstQueries = [][2]string{
	{"en", "E0382"},
	{"en", "borrow of moved value: `config`"},
	{"en", "cant downlaod maps"},
	{"en", "how do I add a missing shop to the map"},
	{"uk", "не чути голосових підказок"},
	{"uk", "побудова маршрутів"},
	{"ru", "не скачиваются карты"},
	{"ru", "импортированными треками"},
}

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bench/search:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("search", flag.ContinueOnError)
	fl.SetOutput(stderr)
	corpora := fl.String("corpora", "../shared/corpora", "the shared corpora folder")
	pagefind := fl.String("pagefind", "", "the pagefind binary (empty: deskbook only)")
	queries := fl.String("queries", "search/testdata/relevance.txt", "the relevance set")
	rounds := fl.Int("rounds", 3, "timed build rounds per engine")
	nFirst := fl.Int("first", len(firstQueries), "how many of the fixed first queries to measure")
	relevance := fl.Bool("relevance", true, "run the relevance set")
	verbose := fl.Bool("v", false, "log every relevance query")
	work := fl.String("work", "", "work folder (default: a temporary folder, removed at the end)")
	source := fl.String("source", "", "an existing deskbook content folder to measure instead of the corpus site (bench/compare); implies -relevance=false")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if !haveCorpora(*corpora) {
		fmt.Fprintf(stderr, "bench/search: skipped: corpora not found in %s (want %s)\n", *corpora, strings.Join(corpusDirs, ", "))
		return nil
	}
	qs, err := loadQueries(*queries)
	if err != nil {
		return err
	}
	dir := *work
	if dir == "" {
		if dir, err = os.MkdirTemp("", "deskbook-bench-search-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	logf := func(format string, a ...any) { fmt.Fprintf(stderr, "bench/search: "+format+"\n", a...) }

	src := filepath.Join(dir, "content")
	if *source != "" {
		// The relevance set names articles of the corpus site only.
		src, *relevance = *source, false
	} else {
		os.RemoveAll(src)
		logf("making the corpus site in %s", src)
		if err := makeSource(*corpora, src); err != nil {
			return err
		}
	}

	// deskbook: rounds of full builds, each into an empty folder with an
	// empty cache, as Pagefind starts from nothing.
	var dbFull, dbIndex []time.Duration
	out := filepath.Join(dir, "out")
	var res *builder.Result
	for r := range *rounds + 1 {
		o, cache := filepath.Join(dir, fmt.Sprintf("out-%d", r)), filepath.Join(dir, "cache")
		os.RemoveAll(o)
		os.RemoveAll(cache)
		res, err = buildSite(src, o, cache)
		if err != nil {
			return err
		}
		if r > 0 { // the first is a warm-up
			dbFull = append(dbFull, res.Duration)
			dbIndex = append(dbIndex, stageTime(res, "index"))
		}
		if r < *rounds {
			os.RemoveAll(o)
		} else {
			os.RemoveAll(out)
			if err := os.Rename(o, out); err != nil {
				return err
			}
		}
	}
	articles := len(res.Site.Articles)
	logf("deskbook: %d articles, %d pages, build %v (index stage %v)", articles, res.Pages, median(dbFull), median(dbIndex))
	dbSize, err := deskbookIndexSize(out)
	if err != nil {
		return err
	}

	// Pagefind over the same output: rounds, each from scratch.
	var pfTimes []time.Duration
	var pfSize indexSize
	if *pagefind != "" {
		for r := range *rounds + 1 {
			os.RemoveAll(filepath.Join(out, "pagefind"))
			t0 := time.Now()
			cmd := exec.Command(*pagefind, "--site", out, "--root-selector", "article.article", "--quiet")
			if b, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("pagefind: %v\n%s", err, b)
			}
			if r > 0 {
				pfTimes = append(pfTimes, time.Since(t0))
			}
		}
		if pfSize, err = pagefindIndexSize(filepath.Join(out, "pagefind")); err != nil {
			return err
		}
		logf("pagefind: index %v", median(pfTimes))
	}

	srv, err := serve(out)
	if err != nil {
		return err
	}
	defer srv.Close()
	bin, err := chrome.Find()
	if err != nil {
		return err
	}
	b, err := chrome.Launch(context.Background(), bin)
	if err != nil {
		return err
	}
	defer b.Close()
	if err := (proto.SecuritySetIgnoreCertificateErrors{Ignore: true}).Call(b); err != nil {
		return err
	}

	// First queries.
	var dbFirst, pfFirst []firstQuery
	for _, fq := range firstQueries[:min(max(*nFirst, 0), len(firstQueries))] {
		if _, err := os.Stat(filepath.Join(out, fq[0], "index.html")); err != nil {
			logf("first query %s %q: skipped, the site has no %s pages", fq[0], fq[1], fq[0])
			continue
		}
		logf("first query %s %q", fq[0], fq[1])
		d, err := deskbookFirstQuery(b.Browser, srv, fq[0], fq[1])
		if err != nil {
			return fmt.Errorf("deskbook %q: %w", fq[1], err)
		}
		dbFirst = append(dbFirst, d)
		if *verbose {
			dumpRequests(stderr, "deskbook", d.Hits)
		}
		if *pagefind != "" {
			p, err := pagefindFirstQuery(b.Browser, srv, fq[0], fq[1])
			if err != nil {
				return fmt.Errorf("pagefind %q: %w", fq[1], err)
			}
			pfFirst = append(pfFirst, p)
			if *verbose {
				dumpRequests(stderr, "pagefind", p.Hits)
			}
		}
	}

	// Relevance.
	if !*relevance {
		qs = nil
	}
	logf("relevance: %d queries", len(qs))
	var progress func(q query)
	if *verbose {
		progress = func(q query) { logf("query %s:%d %q", *queries, q.Line, q.Text) }
	}
	dr := newDeskbookRanker(b.Browser, srv.URL)
	dbRanks, _, err := rankAll(dr, qs, progress)
	dr.close()
	if err != nil {
		return err
	}
	var pfRanks []int
	if *pagefind != "" {
		pr := &pagefindRanker{*newDeskbookRanker(b.Browser, srv.URL)}
		pfRanks, _, err = rankAll(pr, qs, progress)
		pr.close()
		if err != nil {
			return err
		}
	}

	// The table.
	w := stdout
	fmt.Fprintf(w, "deskbook search vs Pagefind, %s, %d CPUs\n", time.Now().Format("2006-01-02"), runtime.NumCPU())
	what := "Organic Maps en/uk/ru + rustc error codes"
	if *source != "" {
		what = *source
	}
	fmt.Fprintf(w, "site: %d articles (%s), %d pages\n\n", articles, what, res.Pages)

	fmt.Fprintf(w, "First query (fresh browser context; slow network emulated by the server: 300 ms per request, one 1.6 Mbit/s link)\n")
	fmt.Fprintf(w, "%-4s %-42s %9s %4s %3s %7s | %9s %4s %3s %7s | %6s %5s\n", "lang", "query", "db bytes", "req", "RT", "db ms", "pf bytes", "req", "RT", "pf ms", "bytes", "ms")
	var sumDB, sumPF, maxRTdb, maxRTpf int
	for i, d := range dbFirst {
		fmt.Fprintf(w, "%-4s %-42s %9d %4d %3d %7.0f |", d.Lang, trunc(d.Query, 42), d.Bytes, d.Requests, d.Waves, d.Millis)
		sumDB += d.Bytes
		maxRTdb = max(maxRTdb, d.Waves)
		if i < len(pfFirst) {
			p := pfFirst[i]
			fmt.Fprintf(w, " %9d %4d %3d %7.0f | %6.2f %5.2f", p.Bytes, p.Requests, p.Waves, p.Millis, ratio(d.Bytes, p.Bytes), d.Millis/max(p.Millis, 1))
			sumPF += p.Bytes
			maxRTpf = max(maxRTpf, p.Waves)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "deskbook bytes include its client script and bootstrap (%d bytes gzip, loaded with the page); RT: sequential request waves (server log)\n", dbFirst[0].ClientB)
	if len(pfFirst) > 0 {
		fmt.Fprintf(w, "total bytes: deskbook %d, Pagefind %d (ratio %.2f); most round trips: deskbook %d, Pagefind %d\n", sumDB, sumPF, ratio(sumDB, sumPF), maxRTdb, maxRTpf)
	}

	fmt.Fprintf(w, "\nIndex (median of %d builds after a warm-up)\n", *rounds)
	fmt.Fprintf(w, "%-30s %12s %12s %8s\n", "", "deskbook", "pagefind", "ratio")
	pfT := median(pfTimes)
	fmt.Fprintf(w, "%-30s %12s %12s %8s\n", "index build time", ms(median(dbIndex)), ms(pfT), fratio(median(dbIndex), pfT))
	fmt.Fprintf(w, "%-30s %12s %12s %8s\n", "(deskbook whole build)", ms(median(dbFull)), "", fratio(median(dbFull), pfT))
	fmt.Fprintf(w, "%-30s %12d %12d %8.2f\n", "index files", dbSize.Files, pfSize.Files, ratio(dbSize.Files, pfSize.Files))
	fmt.Fprintf(w, "%-30s %12d %12d %8.2f\n", "index bytes on disk", dbSize.Raw, pfSize.Raw, ratio(dbSize.Raw, pfSize.Raw))
	fmt.Fprintf(w, "%-30s %12d %12d %8.2f\n", "index bytes gzip", dbSize.Gzip, pfSize.Gzip, ratio(dbSize.Gzip, pfSize.Gzip))
	if dbSize.Pages > 0 {
		fmt.Fprintf(w, "deskbook: search/ + client + the bootstrap inlined in %d pages (%d bytes); ", dbSize.Pages, dbSize.BootRaw)
	} else {
		fmt.Fprintf(w, "deskbook: search/ (with each language's boot.js) + client; ")
	}
	fmt.Fprintf(w, "Pagefind: pagefind/ without its UI bundles (%d bytes more)\n", pfSize.UIRaw)

	if len(qs) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\nRelevance (%d queries; MRR over the first 10 results)\n", len(qs))
	fmt.Fprintf(w, "%-16s %4s %8s %8s %8s %8s\n", "group", "n", "db s@1", "db MRR", "pf s@1", "pf MRR")
	ds := scores(qs, dbRanks)
	var ps map[string]*groupScore
	if pfRanks != nil {
		ps = scores(qs, pfRanks)
	}
	for _, g := range append(slices.Clone(groupOrder), "all") {
		d := ds[g]
		if d == nil {
			continue
		}
		fmt.Fprintf(w, "%-16s %4d %8.2f %8.2f", g, d.N, d.S1(), d.MRR())
		if p := ps[g]; p != nil {
			fmt.Fprintf(w, " %8.2f %8.2f", p.S1(), p.MRR())
		}
		fmt.Fprintln(w)
	}
	return nil
}

// buildSite builds the site in src into out, keeping the build's state in
// cache (the user's cache folder when "").
func buildSite(src, out, cache string) (*builder.Result, error) {
	res, err := builder.Build(context.Background(), builder.Config{Source: os.DirFS(src), SourceName: src, Theme: themes.Default(), Out: out, Cache: cache})
	var ce *diag.ContentError
	if errors.As(err, &ce) {
		var b strings.Builder
		for i, d := range ce.Diagnostics {
			if i == 20 {
				break
			}
			fmt.Fprintln(&b, d)
		}
		return nil, fmt.Errorf("building the corpus site: %w\n%s", err, b.String())
	}
	return res, err
}

func stageTime(r *builder.Result, name string) time.Duration {
	for _, s := range r.Stages {
		if s.Name == name {
			return s.Duration
		}
	}
	return 0
}

type indexSize struct {
	Files, Raw, Gzip int
	Pages, BootRaw   int // deskbook: pages with an inline bootstrap, and its bytes in them
	UIRaw            int // Pagefind: its UI bundles, not counted
}

// deskbookIndexSize adds up search/, the client asset and the bootstrap
// inlined in every page.
func deskbookIndexSize(out string) (indexSize, error) {
	var s indexSize
	gz := map[string]int{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		switch {
		case strings.HasPrefix(rel, "search/") || strings.HasPrefix(rel, "assets/search."):
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			s.Files++
			s.Raw += len(b)
			s.Gzip += len(gzipBytes(b))
		case strings.HasSuffix(rel, ".html"):
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if _, after, ok := strings.Cut(string(b), `id="search-boot">`); ok {
				boot, _, _ := strings.Cut(after, "</script>")
				s.Pages++
				s.BootRaw += len(boot)
				s.Raw += len(boot)
				if gz[boot] == 0 {
					gz[boot] = len(gzipBytes([]byte(boot)))
				}
				s.Gzip += gz[boot] // on its own: an upper bound of its share of a gzip-served page
			}
		}
		return nil
	})
	return s, err
}

func pagefindIndexSize(dir string) (indexSize, error) {
	var s indexSize
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		name := filepath.Base(p)
		if strings.Contains(name, "-ui.") || strings.HasPrefix(name, "pagefind-highlight") {
			s.UIRaw += len(b)
			return nil
		}
		s.Files++
		s.Raw += len(b)
		s.Gzip += len(gzipBytes(b))
		return nil
	})
	return s, err
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ms(d time.Duration) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func fratio(a, b time.Duration) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}

func trunc(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func dumpRequests(w io.Writer, engine string, hs []hit) {
	if len(hs) == 0 {
		return
	}
	t0 := hs[0].Start
	for _, h := range hs {
		if h.Start.Before(t0) {
			t0 = h.Start
		}
	}
	for _, h := range hs {
		fmt.Fprintf(w, "  %-8s %6d ms → %6d ms %7d B %s\n", engine, h.Start.Sub(t0).Milliseconds(), h.End.Sub(t0).Milliseconds(), h.Bytes, h.Path)
	}
}
