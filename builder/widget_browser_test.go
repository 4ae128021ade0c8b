package builder

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"deskbook/internal/chrome/chrometest"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/input"
	"github.com/go-rod/rod/lib/proto"
)

// productPage is a contact form on another origin than the help site, as a
// product team would write it: one script tag and one element. %[1]s is the
// page's <html lang>, %[2]s the element's attributes, %[3]s the help site.
const productPage = `<!doctype html>
<html lang="%[1]s"><head><meta charset="utf-8"><title>Contact us</title>
<script src="%[3]s/widget.js" defer></script></head>
<body><form><label for="subject">Subject</label> <input id="subject" name="subject">
<deskbook-search for="subject"%[2]s></deskbook-search>
<label for="message">Message</label> <textarea id="message"></textarea> <button>Send</button></form></body></html>
`

// TestWidget puts the deflection widget on a product page served from
// another origin than the built demo (two servers on two ports, no CORS
// headers anywhere) and types into it as a customer would: an error code,
// a misspelled phrase, the keyboard, other languages.
func TestWidget(t *testing.T) {
	b := chrometest.Browser(t)
	help := demoSite(t)
	product := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		attrs := ""
		if l := r.URL.Query().Get("el"); l != "" {
			attrs = ` lang="` + html.EscapeString(l) + `"`
		}
		fmt.Fprintf(w, productPage, html.EscapeString(r.URL.Query().Get("lang")), attrs, help.URL)
	}))
	defer product.Close()
	noCORS(t, help.URL+"/widget.js", help.URL+"/widget.html", help.URL+"/search/en/boot.js", product.URL+"/")

	page := b.MustPage("")
	defer page.MustClose()
	w := watchPage(page, "http://127.0.0.1:") // both servers, nothing else
	page.MustNavigate(product.URL + "/?lang=en").MustWaitLoad()
	if got := widgetSearch(t, page, "TB-1001"); !strings.HasPrefix(got[0], help.URL+"/en/errors/tb-1001-database-locked/") {
		t.Errorf("TB-1001: first article %q, want the TB-1001 article on the help site", got)
	}
	if s := page.MustEval(`() => document.querySelector("deskbook-search").shadowRoot.querySelector("[role=status]").textContent`).Str(); !strings.Contains(s, "result") {
		t.Errorf("the status read to screen readers is %q", s)
	}
	widgetAxe(t, page)
	widgetKeyboard(t, page)
	if got := widgetSearch(t, page, "databse lokced"); !strings.HasPrefix(got[0], help.URL+"/en/errors/tb-1001-database-locked/") {
		t.Errorf("a misspelled phrase: articles %q, want the TB-1001 article first", got)
	}
	if got := page.MustEval(`() => document.cookie + "|" + localStorage.length + "|" + sessionStorage.length`).Str(); got != "|0|0" {
		t.Errorf("the product page has cookies or storage: %q", got)
	}
	// The frame answers a well-formed question and nothing else. Every
	// message here would be answered at once (an empty question), in order,
	// so any answer to a bad one would come before the answer to 9004.
	if got := page.MustEval(`async () => {
		const f = document.querySelector("iframe"), w = f.contentWindow, o = new URL(f.src).origin, got = [];
		addEventListener("message", e => { if (e.source === w) got.push(e.data.id); });
		w.postMessage({deskbook: "search", id: 9001, q: 42}, o);
		w.postMessage({deskbook: "navigate", id: 9002, q: "", url: "https://example.com/"}, o);
		w.postMessage({deskbook: "search", id: "9003", q: ""}, o);
		w.postMessage({deskbook: "search", id: 9004, q: ""}, o);
		await new Promise(done => { const t = setInterval(() => { if (got.includes(9004)) { clearInterval(t); done(); } }, 20); });
		return got.join(",");
	}`).Str(); got != "9004" {
		t.Errorf("the frame answered messages %s, want only the well-formed search 9004", got)
	}
	w.check(t, "the widget in English")

	// The page's language, also with a region; the element's own language.
	for _, tc := range []struct{ query, q, want string }{
		{"?lang=uk", "папір застряг", "/uk/errors/prn-e04-paper-jam/"},
		{"?lang=uk-UA", "ліцензією", "/uk/errors/lic-expired/"},
		{"?lang=en&el=ru", "бумага застряла", "/ru/errors/prn-e04-paper-jam/"},
		{"?lang=de", "paper jam", "/en/errors/prn-e04-paper-jam/"}, // no German: the site's default
	} {
		page.MustNavigate(product.URL + "/" + tc.query).MustWaitLoad()
		if got := widgetSearch(t, page, tc.q); !strings.HasPrefix(got[0], help.URL+tc.want) {
			t.Errorf("%s %q: articles %q, want %s first", tc.query, tc.q, got, tc.want)
		}
		w.check(t, tc.query)
	}
}

// widgetSearch types q into the product page's field and returns the links
// the widget shows once they are for q.
func widgetSearch(t *testing.T, page *rod.Page, q string) []string {
	t.Helper()
	field := page.MustElement("#subject")
	field.MustSelectAllText().MustInput("")
	field.MustInput(q)
	js, _ := json.Marshal(q)
	hrefs := chrometest.WaitString(t, page, 10*time.Second, "the widget's articles for "+q, `() => {
		const r = document.querySelector("deskbook-search").shadowRoot, p = r.querySelector("[part=panel]");
		if (p.hidden || p.dataset.query !== `+string(js)+`) return "";
		return [...r.querySelectorAll("a[part=link]")].map(a => a.href).join("\n");
	}`)
	return strings.Split(hrefs, "\n")
}

// widgetKeyboard: ArrowDown from the field goes into the list and through
// it, ArrowUp back to the field, Enter opens the focused article in a new
// tab of the help site, Escape closes the list and returns to the field.
func widgetKeyboard(t *testing.T, page *rod.Page) {
	t.Helper()
	focused := func() string {
		return page.MustEval(`() => {
			const a = document.activeElement, r = a.shadowRoot;
			return r && r.activeElement ? r.activeElement.href : a.id;
		}`).Str()
	}
	links := page.MustEval(`() => [...document.querySelector("deskbook-search").shadowRoot.querySelectorAll("a")].map(a => a.href)`).Arr()
	if len(links) < 2 {
		t.Fatalf("%d articles for TB-1001, want at least 2 to walk through", len(links))
	}
	page.MustElement("#subject").MustFocus()
	page.Keyboard.MustType(input.ArrowDown, input.ArrowDown)
	if got := focused(); got != links[1].Str() {
		t.Errorf("two ArrowDowns focus %q, want the second article %q", got, links[1].Str())
	}
	page.Keyboard.MustType(input.ArrowUp, input.ArrowUp)
	if got := focused(); got != "subject" {
		t.Errorf("ArrowUp from the first article focuses %q, want the field", got)
	}
	page.Keyboard.MustType(input.ArrowDown)
	wait := page.MustWaitOpen() // the link opens a new tab: the customer's form stays
	page.Keyboard.MustType(input.Enter)
	tab := wait()
	got := chrometest.WaitString(t, tab, 10*time.Second, "the opened article", `() => document.readyState === "complete" ? location.href : ""`)
	tab.MustClose()
	if got != links[0].Str() {
		t.Errorf("Enter opened %q, want %q", got, links[0].Str())
	}
	page.MustActivate()
	page.Keyboard.MustType(input.Escape)
	if got, open := focused(), page.MustEval(`() => !document.querySelector("deskbook-search").shadowRoot.querySelector("[part=panel]").hidden`).Bool(); got != "subject" || open {
		t.Errorf("Escape in the list: focus on %q, list open %v; want the field, closed", got, open)
	}
}

// noCORS checks that the servers send no CORS headers: the widget must work
// from a static host that sends none.
func noCORS(t *testing.T, urls ...string) {
	t.Helper()
	for _, u := range urls {
		res, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %s", u, res.Status)
		}
		for k := range res.Header {
			if strings.HasPrefix(k, "Access-Control-") {
				t.Errorf("%s sends %s: the test must run without CORS headers", u, k)
			}
		}
	}
}

// widgetAxe runs axe-core on the widget, in its shadow root, with its
// results showing, in light and dark: it sits in someone else's page, so
// only its own markup is checked.
func widgetAxe(t *testing.T, page *rod.Page) {
	t.Helper()
	page.MustEval(`js => { if (!window.axe) (0, eval)(js) }`, axeSource(t))
	for _, scheme := range []string{"light", "dark"} {
		if err := (proto.EmulationSetEmulatedMedia{Features: []*proto.EmulationMediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}).Call(page); err != nil {
			t.Fatal(err)
		}
		res := page.MustEval(`async () => {
			const r = await axe.run({include: [["deskbook-search"]]}, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}});
			if (!r.passes.some(p => p.nodes.some(n => n.target.some(Array.isArray)))) return "axe checked nothing in the shadow root";
			return r.violations.map(v => v.id + ": " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")).join("\n");
		}`).Str()
		if res != "" {
			t.Errorf("the widget, %s: axe violations:\n%s", scheme, res)
		}
	}
}
