package builder

import (
	"html"
	"net/url"
	"strings"
	"testing"

	"deskbook/internal/sitetest"
)

// TestSupportLink checks the prefilled support contact for a mailto:
// address and for a web form with placeholders.
func TestSupportLink(t *testing.T) {
	for _, tc := range []struct {
		support string
		check   func(t *testing.T, link string)
	}{
		{"mailto:help@example.com", func(t *testing.T, link string) {
			u, err := url.Parse(link)
			if err != nil || u.Scheme != "mailto" || u.Opaque != "help@example.com" {
				t.Fatalf("link %q", link)
			}
			q := u.Query()
			if q.Get("subject") != "Question about article 10: Disk full" {
				t.Errorf("subject %q", q.Get("subject"))
			}
			if !strings.Contains(q.Get("body"), `I read "Disk full" (https://help.example/docs/a/10/)`) {
				t.Errorf("body %q", q.Get("body"))
			}
			if strings.Contains(link, "+") {
				t.Errorf("spaces as + are shown literally by mail clients: %q", link)
			}
		}},
		{"https://desk.example/new?article={id}&title={title}&from={url}", func(t *testing.T, link string) {
			if want := "https://desk.example/new?article=10&title=Disk+full&from=https%3A%2F%2Fhelp.example%2Fdocs%2Fa%2F10%2F"; link != want {
				t.Errorf("link %q, want %q", link, want)
			}
		}},
	} {
		_, out := mustBuild(t, strings.Replace(ledgerSite, "title: \"Help\"\n", "title: \"Help\"\nsupport: \""+tc.support+"\"\n", 1))
		page := sitetest.Read(t, out, "en/errors/disk-full/index.html")
		_, after, ok := strings.Cut(page, `<p class="ask-support"><a href="`)
		if !ok {
			t.Fatalf("no support link for %s", tc.support)
		}
		link, _, _ := strings.Cut(after, `"`)
		tc.check(t, html.UnescapeString(link))
	}
}
