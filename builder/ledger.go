package builder

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"deskbook/internal/diag"
)

// LedgerFile is the URL ledger in the source folder: every URL the site has
// published, with the ID of the article it belongs to. It is meant to be
// committed with the content, like a lock file. With it, renaming or moving
// an article turns its old URL into a redirect, and a URL that would simply
// vanish stops the build.
const LedgerFile = "published-urls.txt"

const ledgerHeader = `# deskbook URL ledger: every URL this knowledge base has published, and the
# id of the article it leads to. "deskbook publish" keeps it up to date;
# commit it with the content. When an article moves, its old URL here
# becomes a redirect. When a URL would vanish, the build stops: restore the
# article, or write "removed" instead of the id to say the URL may go.
`

// ledgerEntry is one line of the ledger.
type ledgerEntry struct {
	URL     string // site-relative, with a trailing slash
	ID      int    // 0 when Removed
	Removed bool
	line    int
}

// ledgerRedirect is a published URL that now redirects to its article.
type ledgerRedirect struct {
	From string
	To   *Article
}

// loadLedger reads and parses the ledger; a missing file is an empty one.
func loadLedger(fsys fs.FS, srcName string, d *diag.Collector) (data []byte, entries []ledgerEntry) {
	data, err := fs.ReadFile(fsys, LedgerFile)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			d.Errorf(join(srcName, LedgerFile), 0, "cannot read: %v", err)
		}
		return nil, nil
	}
	return data, parseLedger(data, join(srcName, LedgerFile), d)
}

// LedgerIDs lists the article ids the URL ledger names, whatever else is
// wrong with it.
func LedgerIDs(fsys fs.FS) []int {
	data, err := fs.ReadFile(fsys, LedgerFile)
	if err != nil {
		return nil
	}
	var ids []int
	for _, e := range parseLedger(data, LedgerFile, &diag.Collector{}) {
		ids = append(ids, e.ID)
	}
	return ids
}

// parseLedger reads the ledger's lines. A line it cannot use (a file name
// with a line break once split one in two) is a warning and is left out
// of the ledger written next: it names no URL the site can have
// published, and a build must not fail on it forever.
func parseLedger(data []byte, disp string, d *diag.Collector) (entries []ledgerEntry) {
	seen := map[string]int{}
	for i, raw := range strings.Split(string(data), "\n") {
		n, line := i+1, strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		e, msg := ledgerLine(line, n)
		if prev, ok := seen[e.URL]; ok && msg == "" {
			msg = fmt.Sprintf("%s is listed twice (also on line %d)", e.URL, prev)
		}
		if msg != "" {
			d.Warnf(disp, n, "%s; the line is left out of the ledger", msg)
			continue
		}
		seen[e.URL] = n
		entries = append(entries, e)
	}
	return entries
}

// ledgerLine reads one line of the ledger, or says what is wrong with it.
func ledgerLine(line string, n int) (ledgerEntry, string) {
	f := strings.Fields(line)
	if len(f) != 2 {
		return ledgerEntry{}, fmt.Sprintf("want a URL and an article id (or \"removed\"), got %.80q", line)
	}
	u, ok := ledgerURL(f[0])
	if !ok {
		return ledgerEntry{}, fmt.Sprintf("%.80q is not a site URL like en/errors/disk-full/", f[0])
	}
	e := ledgerEntry{URL: u, line: n}
	if f[1] == "removed" {
		e.Removed = true
	} else if id, err := strconv.Atoi(f[1]); err == nil && id > 0 {
		e.ID = id
	} else {
		return ledgerEntry{}, fmt.Sprintf("id %.20q: want a positive whole number or \"removed\"", f[1])
	}
	return e, ""
}

// ledgerURL normalises a ledger URL and rejects what cannot be a page of
// this site: schemes, "..", query strings.
func ledgerURL(s string) (string, bool) {
	s = strings.TrimPrefix(s, "/")
	if s == "" || strings.ContainsAny(s, "?#\\:") || strings.Contains(s, "//") || strings.ContainsFunc(s, unicode.IsControl) {
		return "", false
	}
	for seg := range strings.SplitSeq(strings.TrimSuffix(s, "/"), "/") {
		if seg == "." || seg == ".." || seg == "" {
			return "", false
		}
	}
	return strings.TrimSuffix(s, "/") + "/", true
}

// aliasURL is the site-relative URL an alias from front matter publishes.
func aliasURL(alias string) string {
	return strings.Trim(path.Clean("/"+alias), "/") + "/"
}

// applyLedger checks the ledger against the site: every URL it lists must
// still lead somewhere. URLs whose article moved become redirects. It
// returns those redirects and the ledger as it should be after this build.
// allowRemoved turns "would vanish" errors into "removed" entries. It
// also counts the URLs the ledger does not list yet.
func applyLedger(site *Site, entries []ledgerEntry, srcName string, allowRemoved bool, d *diag.Collector) ([]ledgerRedirect, []byte, int) {
	redirects, next, owner := ledgerRedirects(site, entries, srcName, allowRemoved, d)
	listed := make(map[string]bool, len(entries))
	for _, e := range entries {
		listed[e.URL] = true
	}
	added := 0
	for u, id := range owner {
		next[u] = ledgerEntry{URL: u, ID: id}
		if !listed[u] {
			added++
		}
	}

	var b bytes.Buffer
	b.WriteString(ledgerHeader)
	urls := make([]string, 0, len(next))
	for u := range next {
		urls = append(urls, u)
	}
	slices.Sort(urls)
	for _, u := range urls {
		if e := next[u]; e.Removed {
			fmt.Fprintf(&b, "%s removed\n", u)
		} else {
			fmt.Fprintf(&b, "%s %d\n", u, e.ID)
		}
	}
	return redirects, b.Bytes(), added
}

// ledgerRedirects is the part of applyLedger serve needs: the redirects and
// the diagnostics, plus the entries to keep and the URLs this build
// publishes, from which applyLedger writes the ledger again.
func ledgerRedirects(site *Site, entries []ledgerEntry, srcName string, allowRemoved bool, d *diag.Collector) ([]ledgerRedirect, map[string]ledgerEntry, map[string]int) {
	disp := join(srcName, LedgerFile)
	// What this build publishes itself, by URL: articles and their aliases
	// (with the article's id), and the pages deskbook makes.
	owner := map[string]int{}
	pages := map[string]bool{"": true}
	for _, l := range site.Config.Languages {
		for _, p := range []string{"", "search/", "changelog/"} {
			pages[l.Code+"/"+p] = true
		}
	}
	for _, c := range site.Categories {
		pages[c.URL] = true
	}
	for _, a := range site.Articles {
		if a.Meta.ID == 0 {
			if a.broken {
				pages[a.URL] = true // its header's error says all; its URL is still there
			}
			continue
		}
		owner[a.URL] = a.Meta.ID
		for _, al := range a.Meta.Aliases {
			if u := aliasURL(al); owner[u] == 0 {
				owner[u] = a.Meta.ID
			}
		}
	}

	var redirects []ledgerRedirect
	next := map[string]ledgerEntry{}
	for _, e := range entries {
		switch {
		case owner[e.URL] != 0:
			// Published by this build again, perhaps by another article.
		case e.Removed:
			next[e.URL] = e
		case pages[e.URL]:
			// A page deskbook makes took the URL over; it still leads
			// somewhere. The entry stays, in case that page goes too.
			next[e.URL] = e
		case site.article(e.ID, urlLang(site, e.URL)) != nil:
			redirects = append(redirects, ledgerRedirect{From: e.URL, To: site.article(e.ID, urlLang(site, e.URL))})
			next[e.URL] = e
		case allowRemoved:
			next[e.URL] = ledgerEntry{URL: e.URL, Removed: true}
		default:
			d.Errorf(disp, e.line, "/%s was published for article %d, which no longer exists: restore the article, give another article this URL in aliases:, or write \"removed\" instead of %d on this line (or build with --allow-removed)",
				e.URL, e.ID, e.ID)
		}
	}
	slices.SortFunc(redirects, func(x, y ledgerRedirect) int { return cmp.Compare(x.From, y.From) })
	return redirects, next, owner
}

// urlLang is the language a site URL belongs to: its first segment.
func urlLang(site *Site, u string) string {
	first, _, _ := strings.Cut(u, "/")
	for _, l := range site.Config.Languages {
		if l.Code == first {
			return first
		}
	}
	return site.DefaultLang()
}
