package builder

import (
	"errors"
	"io/fs"
	"strings"

	"deskbook/internal/diag"
	"deskbook/internal/ledger"
)

// LedgerFile is the URL ledger in the source folder (internal/ledger):
// every URL the site has published, with the ID of the article it belongs
// to, committed with the content like a lock file.
const LedgerFile = ledger.File

// ledgerRedirect is a published URL that now redirects to its article.
type ledgerRedirect struct {
	From string
	To   *Article
}

// loadLedger reads and parses the ledger; a missing file is an empty one.
func loadLedger(fsys fs.FS, srcName string, d *diag.Collector) (data []byte, entries []ledger.Entry) {
	data, err := fs.ReadFile(fsys, LedgerFile)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			d.Errorf(join(srcName, LedgerFile), 0, "cannot read: %v", err)
		}
		return nil, nil
	}
	return data, ledger.Parse(data, join(srcName, LedgerFile), d)
}

// LedgerIDs lists the article ids the URL ledger names, whatever else is
// wrong with it.
func LedgerIDs(fsys fs.FS) []int {
	data, err := fs.ReadFile(fsys, LedgerFile)
	if err != nil {
		return nil
	}
	return ledger.IDs(data)
}

// applyLedger checks the ledger against the site: every URL it lists must
// still lead somewhere. URLs whose article moved become redirects. It
// returns those redirects and the ledger as it should be after this build.
// allowRemoved turns "would vanish" errors into "removed" entries. It
// also counts the URLs the ledger does not list yet.
func applyLedger(site *Site, entries []ledger.Entry, srcName string, allowRemoved bool, d *diag.Collector) ([]ledgerRedirect, []byte, int) {
	redirects, next, owner := ledgerRedirects(site, entries, srcName, allowRemoved, d)
	data, added := ledger.Write(entries, next, owner)
	return redirects, data, added
}

// ledgerRedirects is the part of applyLedger serve needs: the redirects and
// the diagnostics, plus the entries to keep and the URLs this build
// publishes, from which applyLedger writes the ledger again.
func ledgerRedirects(site *Site, entries []ledger.Entry, srcName string, allowRemoved bool, d *diag.Collector) ([]ledgerRedirect, map[string]ledger.Entry, map[string]int) {
	pub := published(site)
	moved, vanished, next := ledger.Check(entries, pub, allowRemoved)
	for _, e := range vanished {
		d.Errorf(join(srcName, LedgerFile), e.Line, "/%s was published for article %d, which no longer exists: restore the article, give another article this URL in aliases:, or write \"removed\" instead of %d on this line (or build with --allow-removed)",
			e.URL, e.ID, e.ID)
	}
	var redirects []ledgerRedirect
	for _, e := range moved {
		redirects = append(redirects, ledgerRedirect{From: e.URL, To: site.article(e.ID, urlLang(site, e.URL))})
	}
	return redirects, next, pub.Owner
}

// published is what this build publishes itself, by URL: articles and
// their aliases (with the article's id), and the pages deskbook makes.
func published(site *Site) ledger.Published {
	p := ledger.Published{Owner: map[string]int{}, Pages: map[string]bool{"": true},
		Has: func(e ledger.Entry) bool { return site.article(e.ID, urlLang(site, e.URL)) != nil }}
	for _, l := range site.Config.Languages {
		for _, s := range []string{"", "search/", "changelog/"} {
			p.Pages[l.Code+"/"+s] = true
		}
	}
	for _, c := range site.Categories {
		p.Pages[c.URL] = true
	}
	for _, a := range site.Articles {
		if a.Meta.ID == 0 {
			if a.broken {
				p.Pages[a.URL] = true // its header's error says all; its URL is still there
			}
			continue
		}
		p.Owner[a.URL] = a.Meta.ID
		for _, al := range a.Meta.Aliases {
			if u := ledger.Alias(al); p.Owner[u] == 0 {
				p.Owner[u] = a.Meta.ID
			}
		}
	}
	return p
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
