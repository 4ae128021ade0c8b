package builder

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/internal/diag"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

// ledgerSite is a small site whose articles get renamed, moved and deleted.
const ledgerSite = `
-- site.yaml --
title: "Help"
base_url: "https://help.example/docs/"
-- errors/disk-full.md --
---
title: "Disk full"
id: 10
---
## Free some space

Delete old backups.
-- errors/printer.md --
---
title: "Printer offline"
id: 11
---
See [the disk article](disk-full.md#free-some-space).
`

// ledgerBuilder rebuilds one source FS over and over, feeding each
// build's ledger back into the source as the CLI does.
type ledgerBuilder struct {
	t   *testing.T
	src fstest.MapFS
	out string
}

func (lb *ledgerBuilder) build(allowRemoved bool) (*Result, error) {
	lb.t.Helper()
	res, err := Build(context.Background(), Config{Source: lb.src, SourceName: "content", Theme: themes.Default(), Out: lb.out, AllowRemoved: allowRemoved})
	if err == nil && res.LedgerChanged {
		lb.src[LedgerFile] = &fstest.MapFile{Data: res.Ledger}
	}
	return res, err
}

func (lb *ledgerBuilder) mustBuild() *Result {
	lb.t.Helper()
	res, err := lb.build(false)
	if err != nil {
		lb.t.Fatalf("build: %v", err)
	}
	return res
}

func (lb *ledgerBuilder) move(from, to string) {
	lb.src[to] = lb.src[from]
	delete(lb.src, from)
}

// redirectTarget reads the page at URL u in the output and returns where it
// redirects, or "" when it is a real page.
func redirectTarget(t *testing.T, out, u string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(u), "index.html"))
	if err != nil {
		t.Fatalf("/%s does not exist: %v", u, err)
	}
	page := string(b)
	_, after, ok := strings.Cut(page, `http-equiv="refresh" content="0; url=`)
	if !ok {
		return ""
	}
	target, _, _ := strings.Cut(after, `"`)
	return target
}

// TestLedgerRenameSequence renames an article, renames it back, deletes it
// and restores it, checking after each build that every URL ever
// published still leads to the article.
func TestLedgerRenameSequence(t *testing.T) {
	lb := &ledgerBuilder{t: t, src: sitetest.FS(t, ledgerSite), out: filepath.Join(t.TempDir(), "public")}
	res := lb.mustBuild()
	if !res.LedgerChanged {
		t.Fatal("first build made no ledger")
	}
	ledger := string(lb.src[LedgerFile].Data)
	for _, line := range []string{"en/errors/disk-full/ 10\n", "en/errors/printer/ 11\n"} {
		if !strings.Contains(ledger, line) {
			t.Errorf("ledger lacks %q:\n%s", line, ledger)
		}
	}

	// Rename: the old URL redirects to the new one, relative, keeping the anchor by script.
	lb.move("errors/disk-full.md", "errors/storage-full.md")
	lb.src["errors/printer.md"].Data = []byte(strings.Replace(string(lb.src["errors/printer.md"].Data), "disk-full.md", "storage-full.md", 1))
	res = lb.mustBuild()
	if got := redirectTarget(t, lb.out, "en/errors/disk-full/"); got != "../storage-full/" {
		t.Errorf("after rename, /en/errors/disk-full/ redirects to %q, want ../storage-full/", got)
	}
	if got := redirectTarget(t, lb.out, "en/errors/storage-full/"); got != "" {
		t.Errorf("the new URL is a redirect to %q", got)
	}
	page := sitetest.Read(t, lb.out, "en/errors/disk-full/index.html")
	sitetest.Contains(t, "redirect page", page, `location.replace("../storage-full/" + location.hash)`, `<link rel="canonical" href="https://help.example/docs/en/errors/storage-full/">`,
		`<a href="../storage-full/">Disk full</a>`)
	sitetest.Contains(t, "_redirects", sitetest.Read(t, lb.out, "_redirects"), "/docs/en/errors/disk-full/ /docs/en/errors/storage-full/ 301\n")
	if !res.LedgerChanged || !strings.Contains(string(lb.src[LedgerFile].Data), "en/errors/storage-full/ 10\n") {
		t.Errorf("ledger did not record the new URL:\n%s", lb.src[LedgerFile].Data)
	}

	// Move to another category, then a second rename: both earlier URLs
	// redirect straight to the newest one, never through each other.
	lb.move("errors/storage-full.md", "storage/full.md")
	lb.src["errors/printer.md"].Data = []byte(strings.Replace(string(lb.src["errors/printer.md"].Data), "storage-full.md", "../storage/full.md", 1))
	lb.mustBuild()
	for _, old := range []string{"en/errors/disk-full/", "en/errors/storage-full/"} {
		if got := redirectTarget(t, lb.out, old); got != "../../storage/full/" {
			t.Errorf("/%s redirects to %q, want ../../storage/full/", old, got)
		}
	}

	// Rename back: the original URL is a real page again, the others redirect to it.
	lb.move("storage/full.md", "errors/disk-full.md")
	lb.src["errors/printer.md"].Data = []byte(strings.Replace(string(lb.src["errors/printer.md"].Data), "../storage/full.md", "disk-full.md", 1))
	lb.mustBuild()
	if got := redirectTarget(t, lb.out, "en/errors/disk-full/"); got != "" {
		t.Errorf("renamed back, /en/errors/disk-full/ is still a redirect to %q", got)
	}
	for old, want := range map[string]string{"en/errors/storage-full/": "../disk-full/", "en/storage/full/": "../../errors/disk-full/"} {
		if got := redirectTarget(t, lb.out, old); got != want {
			t.Errorf("/%s redirects to %q, want %q", old, got, want)
		}
	}

	// Delete: the build refuses, names every vanishing URL, and leaves the output alone.
	before := snapshot(t, lb.out)
	ledgerBefore := slices.Clone(lb.src[LedgerFile].Data)
	deleted := lb.src["errors/disk-full.md"]
	delete(lb.src, "errors/disk-full.md")
	lb.src["errors/printer.md"].Data = []byte("---\ntitle: \"Printer offline\"\nid: 11\n---\nNo links now.\n")
	_, err := lb.build(false)
	var ce *diag.ContentError
	if !errors.As(err, &ce) {
		t.Fatalf("deleting a published article: err = %v, want a content error", err)
	}
	for _, u := range []string{"/en/errors/disk-full/", "/en/errors/storage-full/", "/en/storage/full/"} {
		if !strings.Contains(ce.Error(), "content/published-urls.txt:") || !strings.Contains(ce.Error(), u+" was published for article 10") {
			t.Errorf("diagnostics do not name %s:\n%s", u, ce.Error())
		}
	}
	if diff := compareTrees(before, snapshot(t, lb.out)); diff != "" {
		t.Errorf("failed build changed the output: %s", diff)
	}
	if !slices.Equal(ledgerBefore, lb.src[LedgerFile].Data) {
		t.Error("failed build changed the ledger")
	}

	// Restore: the build passes again and every URL leads to the article.
	lb.src["errors/disk-full.md"] = deleted
	lb.mustBuild()
	if got := redirectTarget(t, lb.out, "en/storage/full/"); got != "../../errors/disk-full/" {
		t.Errorf("restored: /en/storage/full/ redirects to %q", got)
	}

	// Deleting on purpose: --allow-removed marks the URLs removed, and the
	// next build no longer asks.
	delete(lb.src, "errors/disk-full.md")
	if _, err := lb.build(true); err != nil {
		t.Fatalf("--allow-removed: %v", err)
	}
	ledger = string(lb.src[LedgerFile].Data)
	for _, line := range []string{"en/errors/disk-full/ removed\n", "en/errors/storage-full/ removed\n", "en/storage/full/ removed\n"} {
		if !strings.Contains(ledger, line) {
			t.Errorf("ledger lacks %q:\n%s", line, ledger)
		}
	}
	if _, err := lb.build(false); err != nil {
		t.Errorf("build after removal was recorded: %v", err)
	}
	if _, err := os.Stat(filepath.Join(lb.out, "en/errors/disk-full")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("removed URL still in the output: %v", err)
	}
}

// TestLedgerStable checks that an unchanged site leaves the ledger alone
// and a ledger written by hand in another order is only normalised.
func TestLedgerStable(t *testing.T) {
	lb := &ledgerBuilder{t: t, src: sitetest.FS(t, ledgerSite), out: filepath.Join(t.TempDir(), "public")}
	lb.mustBuild()
	if res := lb.mustBuild(); res.LedgerChanged {
		t.Errorf("second build of the same site changed the ledger")
	}
	lb.src[LedgerFile] = &fstest.MapFile{Data: []byte("en/errors/printer/ 11\n\n# my note\n/en/errors/disk-full 10\n")}
	res := lb.mustBuild()
	if !res.LedgerChanged || !strings.HasPrefix(string(res.Ledger), "# deskbook URL ledger") || !strings.Contains(string(res.Ledger), "\nen/errors/disk-full/ 10\nen/errors/printer/ 11\n") {
		t.Errorf("hand-written ledger not normalised:\n%s", res.Ledger)
	}
}

// TestDemoRenamesKeepURLs moves and renames demo articles (fixing the
// links to them, as a writer would) and checks that every URL the demo
// published before is still a page or a redirect to the same article.
func TestDemoRenamesKeepURLs(t *testing.T) {
	src := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../content"), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join("../content", p))
		src[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	delete(src, LedgerFile)
	lb := &ledgerBuilder{t: t, src: src, out: filepath.Join(t.TempDir(), "public")}
	first := lb.mustBuild()
	published := map[string]int{}
	for _, a := range first.Site.Articles {
		published[a.URL] = a.Meta.ID
	}

	// Rename one article in every language and move another to a new category.
	renames := map[string]string{}
	for _, l := range []string{"en", "uk", "ru"} {
		for _, p := range slices.Sorted(maps.Keys(src)) {
			if strings.HasPrefix(p, l+"/errors/") && strings.HasSuffix(p, ".md") && renames[l+"e"] == "" {
				renames[l+"e"] = p
			}
			if strings.HasPrefix(p, l+"/devices/") && strings.HasSuffix(p, ".md") && renames[l+"d"] == "" {
				renames[l+"d"] = p
			}
		}
	}
	moves := map[string]string{}
	for k, p := range renames {
		if k[2] == 'e' {
			moves[p] = strings.TrimSuffix(p, ".md") + "-renamed.md"
		} else {
			moves[p] = p[:3] + "hardware/" + filepath.Base(p)
		}
	}
	for from, to := range moves {
		lb.move(from, to)
	}
	// Fix Markdown links to the moved files, as a writer's editor would.
	for p, f := range src {
		if !strings.HasSuffix(p, ".md") {
			continue
		}
		body := string(f.Data)
		for from, to := range moves {
			if filepath.Dir(p) == filepath.Dir(from) {
				rel, _ := filepath.Rel(filepath.Dir(p), to)
				body = strings.ReplaceAll(body, "("+filepath.Base(from), "("+rel)
			}
			rel, _ := filepath.Rel(filepath.Dir(p), from)
			relTo, _ := filepath.Rel(filepath.Dir(p), to)
			body = strings.ReplaceAll(body, "("+rel, "("+relTo)
		}
		f.Data = []byte(body)
	}
	res, err := lb.build(false)
	if err != nil {
		t.Fatalf("build after renames: %v", err)
	}
	now := map[int]map[string]string{} // id → lang → URL
	for _, a := range res.Site.Articles {
		if now[a.Meta.ID] == nil {
			now[a.Meta.ID] = map[string]string{}
		}
		now[a.Meta.ID][a.Lang] = a.URL
	}
	redirects := 0
	for u, id := range published {
		target := redirectTarget(t, lb.out, u)
		want := now[id][urlLang(res.Site, u)]
		switch {
		case target == "" && u != want:
			t.Errorf("/%s is a page, but article %d is now at /%s", u, id, want)
		case target != "":
			redirects++
			if got := resolveRel(u, target); got != want {
				t.Errorf("/%s redirects to /%s, want /%s", u, got, want)
			}
		}
	}
	t.Logf("%d articles moved or renamed, %d published URLs redirect", len(moves), redirects)
	if redirects != len(moves) || len(moves) != 6 {
		t.Errorf("%d redirects for %d moved articles", redirects, len(moves))
	}
}

// resolveRel resolves a relative link from the page at site URL from.
func resolveRel(from, rel string) string {
	parts := strings.Split(strings.TrimSuffix(from, "/"), "/")
	for strings.HasPrefix(rel, "../") {
		parts, rel = parts[:len(parts)-1], rel[3:]
	}
	return strings.Join(append(parts, strings.TrimSuffix(rel, "/")), "/") + "/"
}
