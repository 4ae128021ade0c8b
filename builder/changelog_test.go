package builder

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"deskbook/internal/sitetest"

	"github.com/mmcdole/gofeed"
)

const changelogSite = `
-- site.yaml --
title: "Help"
base_url: "https://help.example/kb/"
product: "Till"
-- errors/printer.md --
---
title: "Printer offline"
id: 10
---
## Check the cable

Plug it in.
-- changelog/2-0-0.md --
---
title: "Till 2.0.0"
id: 100
kind: changelog
version: "2.0.0"
date: 2026-01-10
summary: "The first big release."
affects: [10]
---
Intro text.

## Added

- Printing, see [printer](../errors/printer.md#check-the-cable).

## Fixed

- A crash.
-- changelog/2-1-0-sync.md --
---
title: "Sync in 2.1.0"
id: 101
kind: changelog
version: "2.1.0"
date: 2026-03-01
summary: "Sync runs by itself."
---
## Changed

- Sync is automatic.
-- changelog/2-1-0-print.md --
---
title: "Printing in 2.1.0"
id: 102
kind: changelog
version: "2.1.0"
date: 2026-03-01
affects: [10]
---
## Security

- Receipts hide card numbers. ![A receipt](receipt.png)
-- changelog/receipt.png --
PNG
-- changelog/notes.md --
---
title: "How we write release notes"
id: 103
---
Plainly.
`

// TestChangelog checks the changelog page, the "changed in" notes on
// affected articles and the three feeds, read back with a feed library.
func TestChangelog(t *testing.T) {
	_, out := mustBuild(t, changelogSite)
	page := sitetest.Read(t, out, "en/changelog/index.html")
	// Newest version first; the two 2.1.0 entries share one group.
	i21, i20 := strings.Index(page, `<h2 id="v2-1-0">2.1.0`), strings.Index(page, `<h2 id="v2-0-0">2.0.0`)
	if i21 < 0 || i20 < 0 || i21 > i20 {
		t.Errorf("versions missing or out of order (2.1.0 at %d, 2.0.0 at %d)", i21, i20)
	}
	sitetest.Contains(t, "changelog page", page,
		`<h3 id="e101"><a href="2-1-0-sync/">Sync in 2.1.0</a></h3>`,
		`<p class="entry-title"><a href="2-0-0/">Till 2.0.0</a></p>`,
		`<div class="change change-added">`,
		`<div class="change change-security">`,
		`<h4 id="e102-security">Security</h4>`,
		// Links and images start from the changelog page, not the entry's.
		`<a href="../errors/printer/#check-the-cable">printer</a>`,
		`<img src="receipt.png" alt="A receipt">`,
		// The category's other article stays reachable.
		`<a href="notes/">How we write release notes</a>`,
		`<a href="atom.xml" type="application/atom&#43;xml">Atom</a>`)
	if strings.Contains(page, `class="anchor"`) {
		t.Error("heading link icons of entries leaked into the changelog page")
	}

	art := sitetest.Read(t, out, "en/errors/printer/index.html")
	sitetest.Contains(t, "affected article", art,
		`<li><a href="../../changelog/2-1-0-print/">Changed in 2.1.0</a> (<time datetime="2026-03-01">1 March 2026</time>)</li>`,
		`<li><a href="../../changelog/2-0-0/">Changed in 2.0.0</a>`)
	sitetest.Contains(t, "entry", sitetest.Read(t, out, "en/changelog/2-0-0/index.html"), `<a href="../../errors/printer/">Printer offline</a>`)
	sitetest.Contains(t, "home", sitetest.Read(t, out, "en/index.html"), `<link rel="alternate" type="application/atom&#43;xml" title="Atom" href="changelog/atom.xml">`)

	fp := gofeed.NewParser()
	for _, name := range []string{"atom.xml", "rss.xml", "feed.json"} {
		f, err := os.Open(filepath.Join(out, "en/changelog", name))
		if err != nil {
			t.Fatal(err)
		}
		feed, err := fp.Parse(f)
		f.Close()
		if err != nil {
			t.Errorf("%s does not parse: %v", name, err)
			continue
		}
		if len(feed.Items) != 3 {
			t.Errorf("%s: %d items, want 3", name, len(feed.Items))
			continue
		}
		first := feed.Items[0]
		if !strings.HasPrefix(first.Title, "Sync in 2.1.0") && !strings.HasPrefix(first.Title, "Printing in 2.1.0") {
			t.Errorf("%s: first item %q is not a 2.1.0 entry", name, first.Title)
		}
		last := feed.Items[2]
		if last.Link != "https://help.example/kb/en/changelog/2-0-0/" || last.PublishedParsed == nil || last.PublishedParsed.Format("2006-01-02") != "2026-01-10" {
			t.Errorf("%s: last item link %q, published %v", name, last.Link, last.PublishedParsed)
		}
		body := last.Content
		if body == "" {
			body = last.Description
		}
		if !strings.Contains(body, `href="https://help.example/kb/en/errors/printer/#check-the-cable"`) {
			t.Errorf("%s: item content lacks the absolute link:\n%s", name, body)
		}
		if feed.Language != "en" {
			t.Errorf("%s: language %q", name, feed.Language)
		}
	}
}

// TestChangelogWithoutBaseURL: feeds need absolute links, so a site
// without base_url gets the page but no feeds, and one whose base_url is
// a path gets a warning too.
func TestChangelogWithoutBaseURL(t *testing.T) {
	res, out := mustBuild(t, strings.Replace(changelogSite, `base_url: "https://help.example/kb/"`, "", 1))
	sitetest.Read(t, out, "en/changelog/index.html")
	if _, err := os.Stat(filepath.Join(out, "en/changelog/atom.xml")); err == nil {
		t.Error("feeds made with no base URL")
	}
	if strings.Contains(fmt.Sprint(res.Diagnostics), "base_url") {
		t.Errorf("a site with no address yet: %v", res.Diagnostics)
	}
	res, _ = mustBuild(t, strings.Replace(changelogSite, `base_url: "https://help.example/kb/"`, `base_url: "/kb/"`, 1))
	if !strings.Contains(fmt.Sprint(res.Diagnostics.Warnings()), `content/site.yaml: warning: base_url "/kb/" is a path, so the changelog has no feeds`) {
		t.Errorf("no warning about feeds: %v", res.Diagnostics)
	}
}

// TestChangelogPastReleases: the newest FullReleases releases are shown in
// full, older ones as a list of their entries, each linked to its page
// where the full text stays, so years of releases do not make the page a
// download of megabytes.
func TestChangelogPastReleases(t *testing.T) {
	var b strings.Builder
	b.WriteString("-- site.yaml --\ntitle: \"Help\"\n")
	n := FullReleases + 3
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "-- changelog/r%d.md --\n---\ntitle: \"Release %d\"\nid: %d\nkind: changelog\nversion: \"1.%d.0\"\ndate: 2025-01-%02d\nsummary: \"Summary %d.\"\n---\n## Fixed\n\n- Note of release %d.\n",
			i, i, 100+i, i, i, i, i)
	}
	_, out := mustBuild(t, b.String())
	page := sitetest.Read(t, out, "en/changelog/index.html")
	for i := 1; i <= n; i++ {
		full := i > n-FullReleases
		if got := strings.Contains(page, fmt.Sprintf("Note of release %d.<", i)); got != full {
			t.Errorf("release %d: its note on the page is %v, want %v", i, got, full)
		}
		// Every release keeps its heading (and anchor) and a link to its entry.
		sitetest.Contains(t, "changelog page", page, fmt.Sprintf(`<h2 id="v1-%d-0">1.%d.0`, i, i), fmt.Sprintf(`<a href="r%d/">Release %d</a>`, i, i))
	}
	sitetest.Contains(t, "changelog page", page, `<section class="release release-past" aria-labelledby="v1-3-0">`, `<a href="r3/">Release 3</a>: Summary 3.</li>`)
	sitetest.Contains(t, "entry page", sitetest.Read(t, out, "en/changelog/r1/index.html"), "Note of release 1.")
}
