// Package ledger reads, checks and writes the URL ledger
// (published-urls.txt): every URL a site has published, with the ID of the
// article it belongs to. It is meant to be committed with the content,
// like a lock file. With it, renaming or moving an article turns its old
// URL into a redirect, and a URL that would simply vanish stops the build.
// The builder says what a build publishes (Published); this package
// compares that with the ledger and writes the ledger that follows.
package ledger

import (
	"bytes"
	"cmp"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"deskbook/internal/diag"
)

// File is the ledger's name in the source folder.
const File = "published-urls.txt"

const header = `# deskbook URL ledger: every URL this knowledge base has published, and the
# id of the article it leads to. "deskbook publish" keeps it up to date;
# commit it with the content. When an article moves, its old URL here
# becomes a redirect. When a URL would vanish, the build stops: restore the
# article, or write "removed" instead of the id to say the URL may go.
`

// Entry is one line of the ledger.
type Entry struct {
	URL     string // site-relative, with a trailing slash
	ID      int    // 0 when Removed
	Removed bool
	Line    int // in the file; 0 for an entry this build adds
}

// IDs lists the article ids a ledger names, whatever else is wrong with it.
func IDs(data []byte) []int {
	var ids []int
	for _, e := range Parse(data, File, &diag.Collector{}) {
		ids = append(ids, e.ID)
	}
	return ids
}

// Parse reads the ledger's lines. A line it cannot use (a file name with a
// line break once split one in two) is a warning and is left out of the
// ledger written next: it names no URL the site can have published, and a
// build must not fail on it forever.
func Parse(data []byte, disp string, d *diag.Collector) (entries []Entry) {
	seen := map[string]int{}
	for i, raw := range strings.Split(string(data), "\n") {
		n, line := i+1, strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		e, msg := parseLine(line, n)
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

// parseLine reads one line of the ledger, or says what is wrong with it.
func parseLine(line string, n int) (Entry, string) {
	f := strings.Fields(line)
	if len(f) != 2 {
		return Entry{}, fmt.Sprintf("want a URL and an article id (or \"removed\"), got %.80q", line)
	}
	u, ok := URL(f[0])
	if !ok {
		return Entry{}, fmt.Sprintf("%.80q is not a site URL like en/errors/disk-full/", f[0])
	}
	e := Entry{URL: u, Line: n}
	if f[1] == "removed" {
		e.Removed = true
	} else if id, err := strconv.Atoi(f[1]); err == nil && id > 0 {
		e.ID = id
	} else {
		return Entry{}, fmt.Sprintf("id %.20q: want a positive whole number or \"removed\"", f[1])
	}
	return e, ""
}

// URL normalises a ledger URL and rejects what cannot be a page of a
// site: schemes, "..", query strings.
func URL(s string) (string, bool) {
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

// Alias is the site-relative URL an alias from front matter publishes.
func Alias(alias string) string {
	return strings.Trim(path.Clean("/"+alias), "/") + "/"
}

// Published is what one build publishes itself.
type Published struct {
	Owner map[string]int  // URL → article ID: articles and their aliases
	Pages map[string]bool // URLs of the pages deskbook makes (homes, categories)
	// Has says whether the article an entry names still exists, so that
	// its URL can redirect to it.
	Has func(Entry) bool
}

// Check compares the ledger with what a build publishes. Moved are the
// entries whose article is elsewhere now (sorted by URL): their URLs
// become redirects. Vanished are those whose article is gone; with
// allowRemoved they are marked removed instead. Next is the entries to
// keep in the ledger besides the URLs the build publishes.
func Check(entries []Entry, p Published, allowRemoved bool) (moved, vanished []Entry, next map[string]Entry) {
	next = map[string]Entry{}
	for _, e := range entries {
		switch {
		case p.Owner[e.URL] != 0:
			// Published by this build again, perhaps by another article.
		case e.Removed:
			next[e.URL] = e
		case p.Pages[e.URL]:
			// A page deskbook makes took the URL over; it still leads
			// somewhere. The entry stays, in case that page goes too.
			next[e.URL] = e
		case p.Has(e):
			moved = append(moved, e)
			next[e.URL] = e
		case allowRemoved:
			next[e.URL] = Entry{URL: e.URL, Removed: true}
		default:
			vanished = append(vanished, e)
		}
	}
	slices.SortFunc(moved, func(x, y Entry) int { return cmp.Compare(x.URL, y.URL) })
	return moved, vanished, next
}

// Write is the ledger after a build: the entries Check kept and every URL
// the build published (owner), sorted. It also counts the URLs the old
// ledger (entries) did not list.
func Write(entries []Entry, next map[string]Entry, owner map[string]int) (data []byte, added int) {
	listed := make(map[string]bool, len(entries))
	for _, e := range entries {
		listed[e.URL] = true
	}
	for u, id := range owner {
		next[u] = Entry{URL: u, ID: id}
		if !listed[u] {
			added++
		}
	}
	var b bytes.Buffer
	b.WriteString(header)
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
	return b.Bytes(), added
}
