package builder

import (
	"path/filepath"
	"strings"
	"testing"

	"deskbook/internal/sitetest"
)

// TestTrackConfigErrors: a feedback or analytics address that is not
// https (or mailto for feedback), an unknown provider or a missing id is
// an error at its line of site.yaml, and nothing is built.
func TestTrackConfigErrors(t *testing.T) {
	cases := []struct{ yaml, want string }{
		{"feedback: http://forms.example.com/x\n", "content/site.yaml:2: feedback: \"http://forms.example.com/x\": want an https:// address"},
		{"feedback: forms@example.com\n", "content/site.yaml:2: feedback: \"forms@example.com\": want an https:// address that takes the answers (a POST), or an e-mail address (mailto:help@example.com)"},
		{"analytics:\n  provider: matomo\n  id: \"3\"\n", "content/site.yaml:3: analytics: provider: \"matomo\": want plausible, umami, ga4 or endpoint"},
		{"analytics:\n  provider: plausible\n", "content/site.yaml:2: analytics: id: missing: the site's domain as Plausible knows it"},
		{"analytics:\n  provider: endpoint\n  endpoint: http://stats.example.com/c\n", "content/site.yaml:4: analytics: endpoint: \"http://stats.example.com/c\": want an https:// address"},
		{"analytics:\n  provider: umami\n  id: x\n  script: http://stats.example.com/s.js\n", "content/site.yaml:5: analytics: script: \"http://stats.example.com/s.js\": want an https:// address"},
		{"analytics:\n  id: G-1\n", "content/site.yaml:2: analytics: provider: missing: want plausible, umami, ga4 or endpoint"},
	}
	for _, c := range cases {
		_, _, err := build(t, "-- site.yaml --\ntitle: T\n"+c.yaml+"-- a/x.md --\n---\ntitle: X\nid: 1\nsummary: S.\n---\nText.\n")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("site.yaml %q:\n got %v\nwant %s", c.yaml, err, c.want)
		}
	}
}

// TestTrackHeadTags: each provider's script in every page's head, with
// track.js; an endpoint loads no script but track.js.
func TestTrackHeadTags(t *testing.T) {
	cases := []struct {
		yaml    string
		scripts int // the text size's, the interface text's, site.js, search.js and the index's, and these
		want    []string
	}{
		{"analytics:\n  provider: umami\n  id: 4fb7fa4c-5b46-438d-94b3-3a8fb9bc2e8b\n  script: https://stats.example.com/u.js\n", 7, []string{
			`<script defer data-website-id="4fb7fa4c-5b46-438d-94b3-3a8fb9bc2e8b" src="https://stats.example.com/u.js"></script>`,
			`defer data-lang="en" data-provider="umami" data-id="4fb7fa4c-5b46-438d-94b3-3a8fb9bc2e8b"></script>`}},
		{"analytics:\n  provider: ga4\n  id: G-ABC123\n", 7, []string{
			`<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>`,
			`defer data-lang="en" data-provider="ga4" data-id="G-ABC123"></script>`}},
		{"analytics:\n  provider: endpoint\n  endpoint: https://stats.example.com/collect\n", 6, []string{
			`defer data-lang="en" data-provider="endpoint" data-id="" data-endpoint="https://stats.example.com/collect"></script>`}},
		{"feedback: mailto:docs@example.com\n", 6, []string{`<script src="../assets/track.`, `defer data-lang="en"></script>`}},
	}
	for _, c := range cases {
		_, out := mustBuild(t, "-- site.yaml --\ntitle: T\n"+c.yaml+"-- a/x.md --\n---\ntitle: X\nid: 1\nsummary: S.\n---\nText.\n")
		home := sitetest.Read(t, out, "en/index.html")
		sitetest.Contains(t, c.yaml, home, c.want...)
		if n := strings.Count(home, "<script") - strings.Count(home, `<script type="application/ld+json"`); n != c.scripts {
			t.Errorf("%s: %d scripts, want %d", c.yaml, n, c.scripts)
		}
	}
}

// TestTrackScriptOnlyWhenSet: track.js is published only for a site that
// sets feedback: or analytics:, and then linked from every page.
func TestTrackScriptOnlyWhenSet(t *testing.T) {
	for _, c := range []struct {
		yaml string
		want bool
	}{{"", false}, {"feedback: mailto:docs@example.com\n", true}, {"analytics:\n  provider: umami\n  id: x\n", true}} {
		_, out := mustBuild(t, "-- site.yaml --\ntitle: T\n"+c.yaml+"-- a/x.md --\n---\ntitle: X\nid: 1\nsummary: S.\n---\nText.\n")
		found, _ := filepath.Glob(filepath.Join(out, "assets", "track.*.js"))
		home := sitetest.Read(t, out, "en/index.html")
		if got := len(found) == 1 && strings.Contains(home, "../assets/"+filepath.Base(found[0])); got != c.want || !c.want && len(found) > 0 {
			t.Errorf("site.yaml %q: track.js %v, linked %v; want %v", c.yaml, found, got, c.want)
		}
	}
}
