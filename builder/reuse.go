package builder

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"slices"

	"deskbook/internal/stash"
)

// A build reuses the pages of the last one. Each page gets a key: its
// fingerprint (graph.go) begun with the site's stamp, everything every
// page may show beyond its own deps. The write stage keeps each file's key
// in its manifest beside the hash of its bytes, and does not make a page
// again whose key and file are as they were (internal/output). A key
// that misses only costs the time of making the page: the stamp leaves
// nothing out that a page could show, and when deskbook cannot tell
// which program it is, nothing matches.

// pageKeys gives every page with deps its key, and "" to the rest: pages
// that show anything (deps nil) and files whose deps hold only within one
// serve session.
func pageKeys(ctx context.Context, site *Site, jobs []pageJob, shared stamp) ([]string, error) {
	fps, err := stamps(ctx, site, jobs, shared)
	if err != nil {
		return nil, err
	}
	keys := make([]string, len(jobs))
	for i, j := range jobs {
		if j.deps != nil && !j.session {
			b := fps[i].Bytes()
			keys[i] = hex.EncodeToString(b[:])
		}
	}
	return keys, nil
}

// siteStamp hashes what the whole site shares: deskbook itself, the
// options, site.yaml, the URL ledger, the theme (every file of it), and
// what the renderer hands every page: the names of the theme's and the
// brand's files (hashed by their bytes), the search scripts, and per
// language whether there is a print book, feeds, news and which PDFs.
func (b *pipeline) siteStamp(r *siteRenderer) stamp {
	f := newFingerprint(nil)
	f.str(program())
	f.str(fmt.Sprintf("%q %t %t %t", b.base, b.cfg.Offline, b.cfg.Drafts, b.cfg.AllowRemoved))
	for _, name := range []string{"site.yaml", LedgerFile} {
		data, _ := fs.ReadFile(b.cfg.Source, name) // a missing file is a fact too
		f.str(string(data))
	}
	f.str(b.themeHash)
	for _, m := range []map[string]string{r.assets, r.boot} {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			f.str(k)
			f.str(m[k])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(r.brand)) {
		f.str(fmt.Sprintf("%s %+v", k, r.brand[k]))
	}
	for _, s := range sharedFacts(b.site, r) {
		f.str(fmt.Sprintf("%+v", s))
	}
	for _, k := range slices.Sorted(maps.Keys(r.print.pdfs)) {
		f.str(fmt.Sprintf("%s %+v", k, r.print.pdfs[k]))
	}
	return f.sum()
}

// program names the deskbook that runs (its Go build ID, as the stash
// tells it). A rebuilt deskbook makes every page again; one that cannot
// be told gets a name no other run has.
func program() string {
	if k := stash.Program(); k != (stash.Key{}) {
		return hex.EncodeToString(k[:])
	}
	return rand.Text()
}

// langShare is what every page shows of one language: whether it has a
// print book and changelog feeds to link to, and changelog entries for
// the What's new banner (newsScript).
type langShare struct {
	code              string
	book, feeds, news bool
}

// sharedFacts lists, per language, what every page shows of it.
func sharedFacts(site *Site, r *siteRenderer) []langShare {
	out := make([]langShare, len(site.Config.Languages))
	for i, l := range site.Config.Languages {
		out[i] = langShare{l.Code, r.print.books[l.Code] != nil, r.feeds[l.Code], len(site.changes(l.Code, 1)) > 0}
	}
	return out
}
