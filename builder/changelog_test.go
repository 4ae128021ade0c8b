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
