package builder

import (
	"html"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

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

// TestLanguageShortLinks: on a site of several languages, /a/<id>/<lang>/
// leads straight to that language's version, or lets the browser choose
// when the language lacks one; the article's short link, its printed one
// and its QR code use the page's language; /a/<id>/ still chooses.
func TestLanguageShortLinks(t *testing.T) {
	_, out := mustBuild(t, threeLangs)
	direct := sitetest.Read(t, out, "a/42/uk/index.html")
	sitetest.Contains(t, "/a/42/uk/", direct, `<meta http-equiv="refresh" content="0; url=../../../uk/errors/disk-full/">`, `<html lang="uk">`)
	if strings.Contains(direct, "navigator.languages") {
		t.Errorf("/a/42/uk/ chooses by the browser's languages:\n%s", direct)
	}
	sitetest.Contains(t, "/a/42/uk/", direct, `<script>location.replace("../../../uk/errors/disk-full/" + location.hash)</script>`)
	// Article 7 has no Russian version: its Russian short link chooses.
	sitetest.Contains(t, "/a/7/ru/", sitetest.Read(t, out, "a/7/ru/index.html"), `navigator.languages`, `})([{"l":"en","u":"../../../en/guides/free-space/"},{"l":"uk"`)
	sitetest.Contains(t, "/a/42/", sitetest.Read(t, out, "a/42/index.html"), `navigator.languages`)
	page := sitetest.Read(t, out, "uk/errors/disk-full/index.html")
	sitetest.Contains(t, "uk article", page,
		`<p class="shortlink">Коротке посилання: <a href="https://help.acme.example/a/42/uk/">https://help.acme.example/a/42/uk/</a></p>`,
		`<p>Коротке посилання: <span class="url">https://help.acme.example/a/42/uk/</span></p>`)
	// One language: the short link stays /a/<id>/, with no language pages.
	_, out = mustBuild(t, ledgerSite)
	sitetest.Contains(t, "one language", sitetest.Read(t, out, "en/errors/disk-full/index.html"), `<p class="shortlink">Short link: <a href="https://help.example/docs/a/10/">`)
	if _, err := os.Stat(filepath.Join(out, "a", "10", "en")); err == nil {
		t.Error("a one-language site has /a/10/en/")
	}
}

// repliesSite has reply templates in English and Ukrainian, not Russian.
var repliesSite = strings.Replace(threeLangs, "  - code: ru\n    name: Русский\n", `  - code: ru
    name: Русский
replies:
  en: {greeting: "Hello,", body: "this article should help: {title}\n{summary}\n{link}", closing: "Kind regards, the Acme team"}
  uk:
    greeting: "Добрий день!"
    body: "Ось відповідь: {title} ({link})"
`, 1)

// TestRepliesConfig: each part of a language's reply goes to the Copy reply
// button, through the language's interface script; a language without one keeps the built-in words; a reply without
// a body gets the built-in body; hide_agent_tools leaves the short link
// and buttons out and keeps the printed short link.
func TestRepliesConfig(t *testing.T) {
	_, out := mustBuild(t, repliesSite)
	sitetest.Contains(t, "ui-en.js", readAsset(t, out, "ui-en."),
		`"Reply":{"Greeting":"Hello,","Body":"this article should help: {title}\n{summary}\n{link}","Closing":"Kind regards, the Acme team"}`)
	sitetest.Contains(t, "ui-uk.js", readAsset(t, out, "ui-uk."),
		`"Reply":{"Greeting":"Добрий день!","Body":"Ось відповідь: {title} ({link})","Closing":""}`, `"CopyReply":"Копіювати відповідь"`)
	sitetest.Contains(t, "ui-ru.js", readAsset(t, out, "ui-ru."), `"Reply":{"Greeting":"","Body":"{title}\n{summary}\n{link}","Closing":""}`)
	sitetest.Contains(t, "en article", sitetest.Read(t, out, "en/errors/disk-full/index.html"), `<script src="../../../assets/ui-en.`)

	_, out = mustBuild(t, strings.Replace(threeLangs, "title: \"Acme Help\"\n", "title: \"Acme Help\"\nhide_agent_tools: true\n", 1))
	page := sitetest.Read(t, out, "en/errors/disk-full/index.html")
	for _, hidden := range []string{`class="share"`, `copy-reply`, `class="shortlink"`} {
		if strings.Contains(page, hidden) {
			t.Errorf("hide_agent_tools: the page still has %s", hidden)
		}
	}
	sitetest.Contains(t, "printed", page, `<p>Short link: <span class="url">https://help.acme.example/a/42/en/</span></p>`)
}

// TestRepliesBadInput: a language the site lacks, an unknown placeholder
// and an unknown key are errors at their lines of site.yaml.
func TestRepliesBadInput(t *testing.T) {
	src := fstest.MapFS{"site.yaml": {Data: []byte(`title: "Help"
languages:
  - code: en
    name: English
replies:
  en:
    greeting: "Hi {name},"
    body: "{title} {link}"
    signature: "Acme"
  de: {body: "{link}"}
`)}}
	_, ds := ReadSiteConfig(src, "content")
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	for _, want := range []string{
		`content/site.yaml:7: replies.en.greeting: unknown placeholder {name}: use {title}, {summary} or {link}`,
		`content/site.yaml:9: unknown key "replies.en.signature"`,
		`content/site.yaml:10: replies: "de" is not a language of this site (en)`,
	} {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, want) }) {
			t.Errorf("diagnostics lack %q:\n%s", want, strings.Join(got, "\n"))
		}
	}
	if len(got) != 3 {
		t.Errorf("%d diagnostics, want 3:\n%s", len(got), strings.Join(got, "\n"))
	}
}

// TestDemoRepliesExample: the demo's site.yaml shows replies: commented
// out; without its #s it is a valid setting for the demo's languages.
func TestDemoRepliesExample(t *testing.T) {
	data, err := os.ReadFile("../content/site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for line := range strings.Lines(string(data)) {
		if line == "# replies:\n" || strings.HasPrefix(line, "#   ") {
			line = line[2:]
		}
		b.WriteString(line)
	}
	cfg, ds := ReadSiteConfig(fstest.MapFS{"site.yaml": {Data: []byte(b.String())}}, "content")
	if len(ds) != 0 || len(cfg.Replies) != 3 || !strings.Contains(cfg.Replies["uk"].Body, "{link}") {
		t.Errorf("the example reads as %+v, %v", cfg.Replies, ds)
	}
}
