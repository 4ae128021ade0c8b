package search

import (
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"deskbook/internal/chrome"
	"deskbook/internal/chrome/chrometest"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/input"
	"github.com/go-rod/rod/lib/proto"
)

// searchPage is one open search page whose console errors and uncaught
// exceptions are collected.
type searchPage struct {
	t        *testing.T
	page     *rod.Page
	mu       sync.Mutex
	errs     []string
	barriers int         // console markers sent by noErrors
	seen     chan string // the markers, as the event handler sees them
}

func openSearch(t *testing.T, b *chrome.Browser, u string) *searchPage {
	t.Helper()
	sp := &searchPage{t: t, page: b.MustPage(""), seen: make(chan string, 16)}
	t.Cleanup(func() { sp.page.Close() })
	_ = proto.RuntimeEnable{}.Call(sp.page)
	_ = proto.LogEnable{}.Call(sp.page)
	go sp.page.EachEvent(
		func(e *proto.RuntimeExceptionThrown) {
			sp.add("exception: " + e.ExceptionDetails.Text + " " + e.ExceptionDetails.Exception.Description)
		},
		func(e *proto.RuntimeConsoleAPICalled) {
			if e.Type == proto.RuntimeConsoleAPICalledTypeError || e.Type == proto.RuntimeConsoleAPICalledTypeAssert {
				sp.add("console error")
			}
			if e.Type == proto.RuntimeConsoleAPICalledTypeDebug && len(e.Args) > 0 {
				sp.seen <- e.Args[0].Value.Str()
			}
		},
		func(e *proto.LogEntryAdded) {
			if e.Entry.Level == proto.LogLogEntryLevelError {
				sp.add("log: " + e.Entry.Text + " " + e.Entry.URL)
			}
		},
	)()
	sp.page.MustNavigate(u).MustWaitLoad()
	sp.page.MustWait(`() => window.deskbookSearch !== undefined`)
	return sp
}

func (sp *searchPage) add(s string) {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	sp.errs = append(sp.errs, s)
}

// noErrors fails the test on any console error or page exception so far.
// It writes a marker to the console and waits for the event handler to
// see it: the browser sends events in order, so every error before the
// marker has been handled by then.
func (sp *searchPage) noErrors() {
	sp.t.Helper()
	sp.barriers++
	marker := "deskbook-test-barrier-" + strconv.Itoa(sp.barriers)
	sp.page.MustEval(`(m) => console.debug(m)`, marker)
	for waiting := true; waiting; {
		select {
		case m := <-sp.seen:
			waiting = m != marker
		case <-time.After(10 * time.Second):
			sp.t.Fatal("the page's console events stopped")
		}
	}
	sp.mu.Lock()
	defer sp.mu.Unlock()
	for _, e := range sp.errs {
		sp.t.Errorf("browser error: %s", e)
	}
	sp.errs = nil
}

type shownResult struct {
	Href, Title, Heading, Excerpt, Exact, Marks string
	Pinned                                      bool
}

type shownState struct {
	Status  string
	Results []shownResult
}

// search types q into the box and waits for its results.
func (sp *searchPage) search(q string) shownState {
	sp.t.Helper()
	p := sp.page
	p.MustEval(`() => { const i = document.getElementById("search-q"); i.value = ""; i.dispatchEvent(new Event("input")); }`)
	p.MustEval(`() => document.getElementById("search-results").setAttribute("data-query", "")`)
	if q != "" {
		p.MustElement("#search-q").MustInput(q)
	}
	if strings.TrimSpace(q) != "" {
		p.Timeout(10 * time.Second).MustWait(`() => { const l = document.getElementById("search-results"); return l.getAttribute("data-query") === document.getElementById("search-q").value }`)
	} else {
		// Nothing to search for: the results and the status clear.
		chrometest.WaitFor(sp.t, p, 10*time.Second, "an empty query to clear the results",
			`() => document.querySelectorAll("#search-results li").length === 0 && document.getElementById("search-status").textContent === ""`)
	}
	return sp.state()
}

func (sp *searchPage) state() shownState {
	raw := sp.page.MustEval(`() => JSON.stringify({
		Status: document.getElementById("search-status").textContent,
		Results: Array.from(document.querySelectorAll("#search-results li.search-result")).map(li => ({
			Href: li.querySelector("a").getAttribute("href"),
			Title: li.querySelector(".search-title").textContent,
			Heading: (li.querySelector(".search-heading") || {}).textContent || "",
			Excerpt: (li.querySelector(".search-excerpt") || {}).textContent || "",
			Exact: (li.querySelector(".search-exact") || {}).textContent || "",
			Marks: Array.from(li.querySelectorAll("mark")).map(m => m.textContent).join("|"),
			Pinned: li.classList.contains("search-pinned"),
		})),
	})`).Str()
	var st shownState
	if err := json.Unmarshal([]byte(raw), &st); err != nil {
		sp.t.Fatal(err)
	}
	return st
}

func (sp *searchPage) expectFirst(q, hrefPart string) shownState {
	sp.t.Helper()
	st := sp.search(q)
	if len(st.Results) == 0 {
		sp.t.Errorf("%q: no results (status %q)", q, st.Status)
		return st
	}
	if !strings.Contains(st.Results[0].Href, hrefPart) {
		sp.t.Errorf("%q: first result %s (%q), want %s; all: %+v", q, st.Results[0].Href, st.Results[0].Title, hrefPart, st.Results)
	}
	return st
}

func serveSite(t *testing.T) (*httptest.Server, string) {
	dir := t.TempDir()
	writeSite(t, dir, fixtureDocs())
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv, dir
}

// idxOf is the index of the browser tests' articles.
func idxOf(t *testing.T) *Index {
	t.Helper()
	idx, err := Build(fixtureDocs())
	if err != nil {
		t.Fatal(err)
	}
	return idx
}

// plainWordIn reports whether the English bootstrap's filter has w.
func plainWordIn(t *testing.T, idx *Index, w string) bool {
	f := boots(t, idx)["en"].W
	if f == "" {
		return false
	}
	m := 64
	for m < len(f)*6-6 {
		m *= 2
	}
	for _, h := range wordHashes(w) {
		i := h % uint32(m)
		if digitValue[f[i/6]]&(1<<(i%6)) == 0 {
			return false
		}
	}
	return true
}

func TestBrowserSearch(t *testing.T) {
	b := chrometest.Browser(t)
	srv, _ := serveSite(t)

	t.Run("en", func(t *testing.T) {
		sp := openSearch(t, b, srv.URL+"/en/search/")
		// Typo'd word.
		st := sp.expectFirst("pritner", "en/howto/printer-setup/")
		if len(st.Results) > 0 && !strings.Contains(strings.ToLower(st.Results[0].Marks), "printer") {
			t.Errorf("pritner: no highlighted printer in %+v", st.Results[0])
		}
		// Search as you type: prefix of the last word.
		sp.expectFirst("renew lic", "en/howto/license-renew/")
		// Exact code pinned and labelled, in this language first.
		st = sp.expectFirst("0x80070005", "en/errors/access-denied/")
		if len(st.Results) > 0 && (!st.Results[0].Pinned || st.Results[0].Exact != "Exact match") {
			t.Errorf("0x80070005 not pinned/labelled: %+v", st.Results[0])
		}
		sp.expectFirst("80070005", "en/errors/access-denied/")
		sp.expectFirst("ERR_CONNECTION_REFUSED", "en/errors/connection-refused/")
		sp.expectFirst("net::err_connection_refused", "en/errors/connection-refused/")
		sp.expectFirst("e0382", "en/articles/e0382/")
		sp.expectFirst("http 403", "en/errors/http-403/")
		sp.expectFirst("System.IO.IOException", "en/errors/io-exception/")
		// A pasted log line with a code, and an error text without one.
		st = sp.expectFirst("2024-05-01 10:22:13 ERROR [SyncService] TB-SYNC-409: The file was changed on the server while uploading report.xlsx (attempt 3 of 5)", "en/errors/sync-conflict/")
		if len(st.Results) > 0 && !st.Results[0].Pinned {
			t.Errorf("pasted TB-SYNC-409 line: not pinned: %+v", st.Results[0])
		}
		st = sp.expectFirst("Upload failed: The file was changed on the server while uploading. Retry later", "en/errors/sync-conflict/")
		if len(st.Results) > 0 && !st.Results[0].Pinned {
			t.Errorf("pasted error text: not pinned: %+v", st.Results[0])
		}
		// A pasted message that an article quotes in an example, with the
		// customer's own file name: that article comes before one whose
		// title has more of the message's words.
		sp.expectFirst("error: cannot open workbook `Budget 2027.xlsx` for writing", "en/howto/export-reports/")
		sp.expectFirst("cannot open workbook for writing", "en/howto/export-reports/")
		sp.expectFirst("2026-12-04 10:22:13 [export] box-17: error: cannot open workbook `march.xlsx` for writing", "en/howto/export-reports/")
		sp.expectFirst("$ reports export --to plan.xlsx\nerror: cannot open workbook `plan.xlsx` for writing\n", "en/howto/export-reports/")
		// Soft AND: a pasted message whose words are not all in the article.
		sp.expectFirst("Windows says access is denied when I save my spreadsheet to the shared folder", "en/errors/access-denied/")
		// Unknown code: say so, never correct digits.
		st = sp.search("0x80070006")
		if !strings.Contains(st.Status, "No exact match for “0x80070006”") {
			t.Errorf("0x80070006: status %q", st.Status)
		}
		for _, r := range st.Results {
			if r.Pinned {
				t.Errorf("0x80070006 pinned %+v", r)
			}
		}
		// Link to the best heading, excerpt from it.
		st = sp.expectFirst("proxy setting", "en/errors/connection-refused/#proxy")
		if len(st.Results) > 0 && (st.Results[0].Heading != "Check the proxy" || !strings.Contains(st.Results[0].Marks, "proxy")) {
			t.Errorf("heading/marks: %+v", st.Results[0])
		}
		// Wrong keyboard layout on an English page.
		sp.expectFirst("зкштеук", "en/howto/printer-setup/")
		// Function words weigh nothing beside the words that matter.
		sp.expectFirst("how do I renew my license", "en/howto/license-renew/")
		// The client asks the code table only for runs whose first plain
		// word the bootstrap's filter has, as the build put them there.
		idx := idxOf(t)
		for _, w := range append([]string{"access", "the", "http"}, readWords(t, "en")[:200]...) {
			w = Normalize(w)
			if !isPlainWord(w) {
				continue
			}
			got := sp.page.MustEval(`(w) => window.deskbookSearch._.codeWord(w + " x")`, w).Bool()
			if want := plainWordIn(t, idx, w); got != want {
				t.Errorf("codeWord(%q) = %v, the build's filter says %v", w, got, want)
			}
		}
		sp.noErrors()
	})

	t.Run("uk", func(t *testing.T) {
		sp := openSearch(t, b, srv.URL+"/uk/search/")
		sp.expectFirst("помилкою друку", "uk/errors/print-error/")
		sp.expectFirst("принтером", "uk/howto/printer/")
		sp.expectFirst("паролем", "uk/howto/password/")
		sp.expectFirst("ghbynth", "uk/howto/printer/")
		sp.expectFirst("gfhjkm", "uk/howto/password/")
		st := sp.expectFirst("0x80070005", "uk/errors/access-denied/")
		if len(st.Results) < 2 || st.Results[0].Exact != "Точний збіг" || !st.Results[1].Pinned {
			t.Errorf("uk 0x80070005: want the uk article then the en one, both pinned: %+v", st.Results)
		}
		if !strings.Contains(st.Status, "результат") {
			t.Errorf("uk status %q", st.Status)
		}
		sp.expectFirst("памʼять принтера", "uk/")
		// Ukrainian typed in Latin letters, and Russian spellings.
		sp.expectFirst("nalashtuvaty prynter", "uk/howto/printer/")
		sp.expectFirst("zminyty parol", "uk/howto/password/")
		sp.expectFirst("принтэр", "uk/howto/printer/")
		// An app's message the article quotes, pasted with its label.
		sp.expectFirst("Помилка: Пристрій «Canon-2» не відповідає на запит", "uk/howto/phone-print/")
		sp.noErrors()
	})

	t.Run("ru", func(t *testing.T) {
		sp := openSearch(t, b, srv.URL+"/ru/search/")
		sp.expectFirst("паролем", "ru/howto/password/")
		sp.expectFirst("синхронизации", "ru/howto/sync/")
		sp.expectFirst("jib,rf", "ru/errors/printer/")
		sp.expectFirst("ошибкой принтера", "ru/errors/printer/")
		sp.expectFirst("ОШИБКА ПЕЧАТИ", "ru/errors/printer/")
		sp.expectFirst("smenit parol", "ru/howto/password/")
		sp.expectFirst("oshibka pechati", "ru/errors/printer/")
		sp.expectFirst("как сменить пароль", "ru/howto/password/")
		// A noun made from the article's verb: обновлении (обновлен-)
		// finds обновить (обнов-), three letters shorter.
		sp.expectFirst("сбой при обновлении", "ru/howto/update/")
		sp.noErrors()
	})

	t.Run("bad input", func(t *testing.T) {
		sp := openSearch(t, b, srv.URL+"/en/search/")
		if st := sp.search(""); len(st.Results) != 0 || st.Status != "" {
			t.Errorf("empty query: %+v", st)
		}
		if st := sp.search("?!…,;:()[]{}--//\\"); len(st.Results) != 0 || st.Status != "No results" {
			t.Errorf("punctuation: %+v", st)
		}
		var log strings.Builder
		for i := 0; log.Len() < 10<<10; i++ {
			log.WriteString("2024-05-01 10:22:13.123 INFO [worker-7] heartbeat ok id=af93c2e1 latency=12ms\n")
			if i == 40 {
				log.WriteString("2024-05-01 10:22:14.001 ERROR [installer] Access is denied (0x80070005) writing C:\\Program Files\\App\\app.dll\n")
			}
		}
		start := time.Now()
		st := sp.expectFirst(log.String(), "en/errors/access-denied/")
		if time.Since(start) > 5*time.Second {
			t.Errorf("10 KB log took %v", time.Since(start))
		}
		if len(st.Results) > 0 && !st.Results[0].Pinned {
			t.Errorf("10 KB log: the code in it is not pinned: %+v", st.Results[0])
		}
		// Mixed scripts, emoji, combining marks, ligatures and full-width
		// letters around a code: the code still finds its article.
		st = sp.expectFirst("принтер printer 0x80070005 ошибка 😀 e\u0301 ﬁle ＥＲＲ", "en/errors/access-denied/")
		if len(st.Results) > 0 && !st.Results[0].Pinned {
			t.Errorf("mixed query: the code is not pinned: %+v", st.Results[0])
		}
		// Quotes are punctuation, not syntax.
		sp.expectFirst("\"access denied\" folder", "en/errors/access-denied/")
		// A 5,000-letter word matches nothing, and says so.
		if st := sp.search(strings.Repeat("a", 5000)); len(st.Results) != 0 || st.Status != "No results" {
			t.Errorf("5,000 letters: want no results and \"No results\", got %+v", st)
		}
		// The names of JavaScript's object properties are words like any
		// other: whatever they find is an article of the site, never
		// something of the index's own objects.
		st = sp.search("constructor __proto__ toString hasOwnProperty")
		for _, r := range st.Results {
			if !strings.Contains(r.Href, "/en/") || r.Title == "" || r.Pinned || strings.Contains(r.Title+r.Excerpt, "function") {
				t.Errorf("object property names found %+v", r)
			}
		}
		sp.noErrors()
	})

	t.Run("keyboard", func(t *testing.T) {
		sp := openSearch(t, b, srv.URL+"/en/search/")
		st := sp.search("page")
		if len(st.Results) < 2 {
			t.Fatalf("page: want 2+ results, got %+v", st)
		}
		kb := sp.page.Keyboard
		active := func() string {
			return sp.page.MustEval(`() => { const a = document.activeElement; return a.id || a.getAttribute("href") || a.tagName }`).Str()
		}
		kb.MustType(input.ArrowDown)
		if got := active(); got != st.Results[0].Href {
			t.Errorf("ArrowDown: focus on %q, want %q", got, st.Results[0].Href)
		}
		kb.MustType(input.ArrowDown)
		if got := active(); got != st.Results[1].Href {
			t.Errorf("ArrowDown 2: focus on %q, want %q", got, st.Results[1].Href)
		}
		kb.MustType(input.ArrowUp)
		kb.MustType(input.ArrowUp)
		if got := active(); got != "search-q" {
			t.Errorf("ArrowUp to input: focus on %q", got)
		}
		kb.MustType(input.Escape)
		if v := sp.page.MustEval(`() => document.getElementById("search-q").value + "|" + document.querySelectorAll("#search-results li").length`).Str(); v != "|0" {
			t.Errorf("Escape: %q", v)
		}
		sp.search("printer")
		wait := sp.page.WaitNavigation(proto.PageLifecycleEventNameLoad)
		kb.MustType(input.Enter)
		wait()
		if u := sp.page.MustInfo().URL; !strings.Contains(u, "/en/howto/printer-setup/") {
			t.Errorf("Enter opened %s", u)
		}
	})

	t.Run("deep link", func(t *testing.T) {
		sp := openSearch(t, b, srv.URL+"/en/search/?q="+url.QueryEscape("pritner"))
		sp.page.Timeout(10 * time.Second).MustWait(`() => document.querySelectorAll("#search-results li.search-result").length > 0`)
		st := sp.state()
		if !strings.Contains(st.Results[0].Href, "en/howto/printer-setup/") {
			t.Errorf("deep link: %+v", st.Results)
		}
		if !strings.Contains(st.Status, "result") {
			t.Errorf("deep link status %q", st.Status)
		}
		sp.noErrors()
	})
}

// TestBrowserFileURL opens the search page from file://, as an --offline
// build on a USB stick is opened.
func TestBrowserFileURL(t *testing.T) {
	b := chrometest.Browser(t)
	dir := t.TempDir()
	writeSite(t, dir, fixtureDocs())
	u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "uk", "search", "index.html"))}).String()
	sp := openSearch(t, b, u)
	st := sp.expectFirst("помилкою друку", "uk/errors/print-error/")
	if len(st.Results) > 0 && !strings.HasSuffix(strings.SplitN(st.Results[0].Href, "#", 2)[0], "/index.html") {
		t.Errorf("file:// link without index.html: %s", st.Results[0].Href)
	}
	sp.expectFirst("0x80070005", "uk/errors/access-denied/")
	sp.noErrors()
}

// TestStemAgreement runs the client's tokenizer and stemmers in Chromium
// on the word lists and sample texts and compares them with Go's.
func TestStemAgreement(t *testing.T) {
	b := chrometest.Browser(t)
	srv, _ := serveSite(t)
	sp := openSearch(t, b, srv.URL+"/en/search/")

	var pairs [][2]string
	for _, lang := range []string{"en", "ru", "uk"} {
		for _, w := range readWords(t, lang) {
			for _, s := range []string{"en", "ru", "uk"} {
				pairs = append(pairs, [2]string{s, Normalize(w)})
			}
		}
	}
	raw := sp.page.MustEval(`(ps) => JSON.stringify(ps.map(([s, w]) => deskbookSearch._.stem(s, w)))`, pairs).Str()
	var js []string
	if err := json.Unmarshal([]byte(raw), &js); err != nil {
		t.Fatal(err)
	}
	bad := 0
	for i, p := range pairs {
		if g := Stem(p[0], p[1]); g != js[i] {
			if bad++; bad <= 20 {
				t.Errorf("stem(%s, %q): Go %q, JS %q", p[0], p[1], g, js[i])
			}
		}
	}
	t.Logf("%d stems compared, %d differ", len(pairs), bad)

	// Tokenizer, normalisation and compounds on texts.
	texts := tokenizerSamples()
	// Random mixtures of the characters the tokenizer treats specially.
	alphabet := []rune("aZ09_.-'’ʼ` \t\n:/ПрИїЄґЁё́\u0306ΣςİﬁＡ²😀x0X_HTTP \"“”«»ㅁㅣ가\u0301")
	rng := rand.New(rand.NewPCG(3, 5))
	for range 400 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	for _, d := range fixtureDocs() {
		texts = append(texts, d.Title, d.Summary, strings.Join(d.Errors, " "))
		for _, s := range d.Sections {
			texts = append(texts, s.Heading, s.Text)
		}
	}
	type jsTok struct {
		Index, Query [][]any
		Norm         string
		Comp         []string
		Shards       []int // of the compounds' runs of one to three, in a 29-shard code table
		Shape        []string
	}
	raw = sp.page.MustEval(`(ts) => JSON.stringify(ts.map(s => {
		const cs = deskbookSearch._.compounds(s), sh = [];
		for (let i = 0; i < cs.length; i++) for (let n = 1; n <= 3 && i + n <= cs.length; n++) sh.push(deskbookSearch._.codeShardOf(cs.slice(i, i + n).join(" "), 29));
		return {Index: deskbookSearch._.tokenize(s, false), Query: deskbookSearch._.tokenize(s, true),
		Norm: deskbookSearch._.norm(s), Comp: cs, Shards: sh, Shape: deskbookSearch._.shape(s)};
	}))`, texts).Str()
	var got []jsTok
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatal(err)
	}
	flat := func(ts [][]any) string {
		var b strings.Builder
		for _, t := range ts {
			b.WriteString(t[0].(string))
			b.WriteString("/")
			b.WriteString(string(rune('0' + int(t[1].(float64)))))
			if t[2].(bool) {
				b.WriteString("k")
			}
			b.WriteString(" ")
		}
		return b.String()
	}
	goFlat := func(ts []Token) string {
		var b strings.Builder
		for _, t := range ts {
			b.WriteString(t.Text + "/" + string(rune('0'+int(t.Kind))))
			if t.Key {
				b.WriteString("k")
			}
			b.WriteString(" ")
		}
		return b.String()
	}
	for i, s := range texts {
		if g, j := goFlat(Tokenize(s)), flat(got[i].Index); g != j {
			t.Errorf("Tokenize(%q):\n Go %s\n JS %s", s, g, j)
		}
		if g, j := goFlat(TokenizeQuery(s)), flat(got[i].Query); g != j {
			t.Errorf("TokenizeQuery(%q):\n Go %s\n JS %s", s, g, j)
		}
		if g := Normalize(s); g != got[i].Norm {
			t.Errorf("Normalize(%q): Go %q, JS %q", s, g, got[i].Norm)
		}
		if g := compounds(s); strings.Join(g, "\x00") != strings.Join(got[i].Comp, "\x00") {
			t.Errorf("compounds(%q): Go %q, JS %q", s, g, got[i].Comp)
		}
		if g := messageShape(s); strings.Join(g, " ") != strings.Join(got[i].Shape, " ") {
			t.Errorf("messageShape(%q): Go %q, JS %q", s, g, got[i].Shape)
		}
		cs := compounds(s)
		var shards []int
		for i := range cs {
			for n := 1; n <= 3 && i+n <= len(cs); n++ {
				shards = append(shards, codeShardOf(strings.Join(cs[i:i+n], " "), 29))
			}
		}
		if !slices.Equal(shards, got[i].Shards) {
			t.Errorf("code shards of %q: Go %v, JS %v", s, shards, got[i].Shards)
		}
	}
	sp.noErrors()
}
