package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// parseScript splits an index file into its key and JSON data.
func parseScript(t testing.TB, b []byte) (string, json.RawMessage) {
	t.Helper()
	s := string(b)
	if !strings.HasPrefix(s, "deskbookSearch.add(") || !strings.HasSuffix(s, ");\n") {
		t.Fatalf("not an index script: %.60q", s)
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "deskbookSearch.add("), ");\n")
	var key string
	dec := json.NewDecoder(strings.NewReader(s))
	if err := dec.Decode(&key); err != nil {
		t.Fatal(err)
	}
	rest := strings.TrimPrefix(strings.TrimSpace(s[dec.InputOffset():]), ",")
	if !json.Valid([]byte(rest)) {
		t.Fatalf("%s: invalid JSON", key)
	}
	return key, json.RawMessage(rest)
}

type bootData struct {
	V    int               `json:"v"`
	Lang string            `json:"lang"`
	L    string            `json:"l"`
	Stem string            `json:"stem"`
	T    []string          `json:"t"`
	M    string            `json:"m"`
	C    []string          `json:"c"`
	G    int               `json:"g"`
	N    int               `json:"n"`
	S    string            `json:"s"`
	W    string            `json:"w"`
	I18n map[string]any    `json:"i18n"`
	X    map[string]string `json:"-"`
}

type shardData struct {
	T []string `json:"t"`
	P []string `json:"p"`
}

// reader reads a built index the way the client does.
type reader struct {
	t     testing.TB
	files map[string][]byte
}

func newReader(t testing.TB, idx *Index) *reader {
	r := &reader{t: t, files: map[string][]byte{}}
	for _, f := range idx.Files {
		r.files[f.Path] = f.Data
	}
	return r
}

func (r *reader) load(path, wantKey string, v any) {
	r.t.Helper()
	b, ok := r.files[path]
	if !ok {
		r.t.Fatalf("missing %s", path)
	}
	key, data := parseScript(r.t, b)
	if key != wantKey {
		r.t.Fatalf("%s: key %q, want %q", path, key, wantKey)
	}
	if contentHash(b) != path[strings.LastIndex(path, "-")+1:len(path)-3] {
		r.t.Fatalf("%s: name is not the content hash", path)
	}
	if err := json.Unmarshal(data, v); err != nil {
		r.t.Fatal(err)
	}
}

// lookup returns the postings of term in a language, as the client finds
// them: binary search in the bootstrap's shard keys, then in the shard.
func (r *reader) lookup(b bootData, term string) []Posting {
	r.t.Helper()
	n := len(b.T) / 2
	i := sort.Search(n, func(i int) bool { return utf16Cmp(b.T[2*i], term) > 0 }) - 1
	var sh shardData
	r.load("search/"+b.L+"/t-"+b.T[2*i+1]+".js", fmt.Sprintf("%s/t%d", b.L, i), &sh)
	j := sort.Search(len(sh.T), func(j int) bool { return utf16Cmp(sh.T[j], term) >= 0 })
	if j == len(sh.T) || sh.T[j] != term {
		return nil
	}
	ps, ok := DecodePostings(sh.P[j])
	if !ok {
		r.t.Fatalf("bad postings for %q", term)
	}
	return ps
}

func (r *reader) doc(b bootData, id int) []any {
	r.t.Helper()
	var meta struct{ G []string }
	r.load("search/"+b.L+"/m-"+b.M+".js", b.L+"/m", &meta)
	var grp [][]any
	g := id / b.G
	r.load("search/"+b.L+"/r-"+meta.G[g]+".js", fmt.Sprintf("%s/r%d", b.L, g), &grp)
	return grp[id%b.G]
}

func boots(t testing.TB, idx *Index) map[string]bootData {
	out := map[string]bootData{}
	for lang, raw := range idx.Boot {
		var b bootData
		if err := json.Unmarshal(raw, &b); err != nil {
			t.Fatal(err)
		}
		out[lang] = b
	}
	return out
}

func TestShardRoundTrip(t *testing.T) {
	idx, err := Build(fixtureDocs())
	if err != nil {
		t.Fatal(err)
	}
	r := newReader(t, idx)
	bs := boots(t, idx)
	if len(bs) != 3 {
		t.Fatalf("boots for %d languages", len(bs))
	}
	for _, c := range []struct{ lang, word, url string }{
		{"en", "printers", "en/howto/printer-setup/"},
		{"en", "0x80070005", "en/errors/access-denied/"},
		{"en", "err_connection_refused", "en/errors/connection-refused/"},
		{"uk", "помилкою", "uk/errors/print-error/"},
		{"uk", "принтерів", "uk/howto/printer/"},
		{"ru", "паролем", "ru/howto/password/"},
	} {
		b := bs[c.lang]
		ps := r.lookup(b, Stem(c.lang, Normalize(c.word)))
		if len(ps) == 0 {
			t.Errorf("%s %q: no postings", c.lang, c.word)
			continue
		}
		found := false
		for _, p := range ps {
			d := r.doc(b, p.Doc)
			if d[0] == c.url {
				found = true
				if p.Section > len(d[5].([]any)) || p.Impact < 0 || p.Impact > 63 {
					t.Errorf("%q: bad posting %+v", c.word, p)
				}
			}
		}
		if !found {
			t.Errorf("%s %q: %s not in postings %v", c.lang, c.word, c.url, ps)
		}
	}
	// Best section: "proxy" lives under the heading #proxy (section 1).
	ps := r.lookup(bs["en"], "proxi")
	if len(ps) != 1 || ps[0].Section != 1 {
		t.Errorf("proxy postings %+v", ps)
	}
	// The exact-code table: one shard here, keyed as the client keys it.
	var codes map[string][][]any
	r.load("search/c-"+bs["en"].C[0]+".js", "c0", &codes)
	for _, k := range []string{"0x80070005", "80070005", "err_connection_refused", "http 403", "tb-sync-409", "e0382", "system.io.ioexception", "the file was"} {
		if len(codes[k]) == 0 {
			t.Errorf("code table lacks %q", k)
		}
	}
	if e := codes["the file was"]; len(e) == 0 || len(e[0]) != 5 || e[0][4] != "the file was changed on the server while uploading" {
		t.Errorf("error text entry %v", e)
	}
	if e := codes["0x80070005"]; len(e) != 2 || e[0][2].(float64) != 3 {
		t.Errorf("0x80070005 entries %v", e)
	}
}

func TestShardsSortedAndCut(t *testing.T) {
	docs := syntheticDocs(600)
	idx, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	r := newReader(t, idx)
	for lang, b := range boots(t, idx) {
		n := len(b.T) / 2
		if n < 2 {
			t.Errorf("%s: %d shards; want several", lang, n)
		}
		prevLast := ""
		for i := range n {
			var sh shardData
			r.load("search/"+b.L+"/t-"+b.T[2*i+1]+".js", fmt.Sprintf("%s/t%d", b.L, i), &sh)
			if len(sh.T) == 0 || len(sh.T) != len(sh.P) {
				t.Fatalf("%s shard %d: %d terms, %d postings", lang, i, len(sh.T), len(sh.P))
			}
			key := b.T[2*i]
			if i > 0 && !(utf16Cmp(prevLast, key) < 0 && utf16Cmp(key, sh.T[0]) <= 0) {
				t.Errorf("%s shard %d: key %q not between %q and %q", lang, i, key, prevLast, sh.T[0])
			}
			for j := 1; j < len(sh.T); j++ {
				if utf16Cmp(sh.T[j-1], sh.T[j]) >= 0 {
					t.Errorf("%s shard %d: %q before %q", lang, i, sh.T[j-1], sh.T[j])
				}
			}
			for j, p := range sh.P {
				ps, ok := DecodePostings(p)
				if !ok || len(ps) == 0 || len(ps) > maxPostings {
					t.Fatalf("%s %q: bad postings", lang, sh.T[j])
				}
			}
			prevLast = sh.T[len(sh.T)-1]
		}
		if len(idx.Boot[lang]) > 4096 {
			t.Errorf("%s bootstrap is %d bytes", lang, len(idx.Boot[lang]))
		}
	}
}

func TestBuildDeterministic(t *testing.T) {
	docs := append(fixtureDocs(), syntheticDocs(200)...)
	a, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	shuffled := append([]Doc(nil), docs...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b, err := Build(shuffled)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d vs %d files", len(a.Files), len(b.Files))
	}
	for i := range a.Files {
		if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			t.Fatalf("file %d differs: %s vs %s", i, a.Files[i].Path, b.Files[i].Path)
		}
	}
	for l := range a.Boot {
		if !bytes.Equal(a.Boot[l], b.Boot[l]) {
			t.Errorf("boot %s differs", l)
		}
	}
}

func TestBuildBadInput(t *testing.T) {
	idx, err := Build(nil)
	if err != nil || len(idx.Boot) != 0 {
		t.Fatalf("empty: %v %v", idx, err)
	}
	long := strings.Repeat("lorem ipsum 0xDEADBEEF dolor ", 20000)
	idx, err = Build([]Doc{
		{Lang: "", URL: ""},
		{Lang: "xx-weird/../", URL: "a/", Title: "<script>alert(1)</script>", Sections: []Section{{Text: "\u2028\u2029 \"quotes\" \\"}}},
		{Lang: "en", URL: "big/", Title: "Big", Sections: []Section{{Text: long}, {Anchor: "a", Heading: "?!", Text: "…"}}},
		{Lang: "en", URL: "big/", Title: "Big", Errors: []string{"", "   ", "?!"}},
		{Lang: "EN", URL: "upper/", Title: "Upper-case language code"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range idx.Files {
		if strings.Contains(f.Path, "..") || strings.Count(f.Path, "/") > 2 {
			t.Errorf("bad path %q", f.Path)
		}
		if bytes.Contains(f.Data, []byte("</script")) || bytes.Contains(f.Data, []byte("\u2028")) {
			t.Errorf("%s: unescaped script content", f.Path)
		}
		parseScript(t, f.Data)
	}
	for l, b := range idx.Boot {
		if bytes.Contains(b, []byte("</")) || !json.Valid(b) {
			t.Errorf("boot %q not safe to inline", l)
		}
	}
	if len(idx.Boot) != 4 {
		t.Errorf("boots: %d", len(idx.Boot))
	}
}

func TestClientAsset(t *testing.T) {
	c := Client()
	if bytes.Contains(c, []byte("/*UK_RULES*/")) || !bytes.Contains(c, []byte(`"vowels"`)) {
		t.Error("Ukrainian rules not filled in")
	}
	if !bytes.Contains(c, []byte("deskbookSearch")) {
		t.Error("client lacks its global")
	}
}

// syntheticDocs makes n articles in en, uk and ru: about 300 words each,
// drawn with a Zipf distribution from a vocabulary of real words and
// generated ones (inflected in uk and ru), some numbers and error codes.
func syntheticDocs(n int) []Doc {
	pools := map[string][]string{
		"en": strings.Fields("the a to of and in is for on with your you it printer install license account password sync conflict upload server client network proxy connection refused denied access permission folder file report error warning update driver restart settings device portal browser page user role admin backup restore mail calendar meeting"),
		"uk": strings.Fields("і в на з не що до як це для принтер помилка друк налаштування пароль ліцензія сервер мережа файл папка доступ оновлення драйвер користувач синхронізація звіт пошта календар"),
		"ru": strings.Fields("и в на с не что к как это для принтер ошибка печать настройка пароль лицензия сервер сеть файл папка доступ обновление драйвер пользователь синхронизация отчет почта календарь"),
	}
	syll := map[string][]string{
		"en": strings.Fields("con fig ser ver net work print sta tus log in stall man age ment ac count re new sync hro nize file up load down re port e rror dri ver"),
		"uk": strings.Fields("при нт ер по ми лка дру ку ва ти на ла шту ва нн я па ро ль ме ре жа фа йл зві т ко ри сту ва ч"),
		"ru": strings.Fields("при нт ер о ши бка пе ча ть на ст ро йка па ро ль се ть фа йл от че т по льзо ва те ль"),
	}
	ends := map[string][]string{
		"en": {"", "", "s", "ed", "ing", "er"},
		"uk": {"", "а", "и", "ою", "ів", "ам", "ах", "ові", "і", "у"},
		"ru": {"", "а", "ы", "ой", "ов", "ам", "ах", "е", "у", "ами"},
	}
	langs := []string{"en", "uk", "ru"}
	rng := rand.New(rand.NewPCG(7, 11))
	vocab := map[string][]string{}
	for _, l := range langs {
		v := append([]string(nil), pools[l]...)
		for len(v) < 6000 {
			w := ""
			for k := 2 + rng.IntN(3); k > 0; k-- {
				w += syll[l][rng.IntN(len(syll[l]))]
			}
			v = append(v, w)
		}
		vocab[l] = v
	}
	text := func(l string, n int) string {
		var b strings.Builder
		z := rand.NewZipf(rng, 1.07, 2, uint64(len(vocab[l])-1))
		for i := range n {
			if i > 0 {
				b.WriteByte(' ')
			}
			if rng.IntN(50) == 0 {
				fmt.Fprintf(&b, "%d", rng.IntN(1000))
				continue
			}
			b.WriteString(vocab[l][z.Uint64()])
			b.WriteString(ends[l][rng.IntN(len(ends[l]))])
			if rng.IntN(12) == 0 {
				b.WriteString(".")
			}
		}
		return b.String()
	}
	docs := make([]Doc, n)
	for i := range docs {
		lang := langs[i%3]
		d := Doc{
			Lang: lang, URL: fmt.Sprintf("%s/cat%d/article-%d/", lang, i%40, i), Title: text(lang, 6),
			Category: fmt.Sprintf("Category %d", i%40), Kind: "article", Summary: text(lang, 20),
		}
		code := ""
		if i%4 == 0 {
			d.Kind = "error"
			code = fmt.Sprintf("0x%08X", 0x80070000+i)
			d.Errors = []string{code, fmt.Sprintf("APP-%d", i), text(lang, 6)}
		}
		for s := range 4 {
			t := text(lang, 65)
			if s == 1 && code != "" {
				t += " " + code
			}
			d.Sections = append(d.Sections, Section{Anchor: fmt.Sprintf("s%d", s), Heading: text(lang, 4), Text: t})
		}
		docs[i] = d
	}
	return docs
}

func BenchmarkBuild(b *testing.B) {
	docs := syntheticDocs(10000)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		idx, err := Build(docs)
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for _, f := range idx.Files {
			size += len(f.Data)
		}
	}
	b.ReportMetric(float64(size)/1e6, "MB-index")
}

func TestAppendClipped(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"  one   two\nthree ", 100, "one two three"},
		{"one two three", 9, "one two…"},
		{"one two three", 7, "one two…"},
		{"abcdefgh", 4, "abcd…"},
		{"x", 0, ""},
		{`<a href="x">&`, 50, `<a href="x">&`},
	} {
		b, _ := appendClipped(nil, c.in, c.n)
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%q: %v (%s)", c.in, err, b)
		}
		if got != c.want {
			t.Errorf("clip(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}

func TestNFKCFastPath(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if r < 0x80 || !nfkcStable(r) && !(r >= 0x400 && r <= 0x45f) && !(r >= 0xc0 && r <= 0xff) {
			continue
		}
		s := string(r)
		if got := norm.NFKC.String(s); got != s {
			t.Errorf("U+%04X is not NFKC-stable", r)
		}
		if p := norm.NFKC.PropertiesString(s); p.CCC() != 0 {
			t.Errorf("U+%04X combines", r)
		}
		for _, base := range []string{"a", "е", "и", "A", "І"} {
			if got := norm.NFKC.String(base + s); got != base+s {
				t.Errorf("U+%04X composes with %q", r, base)
			}
		}
	}
	for _, s := range []string{"plain ASCII", "Привіт, ґанок — «лапки»", "e\u0301", "ﬁ", "и\u0306"} {
		if got, want := nfkc(s), norm.NFKC.String(s); got != want {
			t.Errorf("nfkc(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestBootFiles checks that pages can name the bootstrap without the index:
// BootFiles gives the paths Build writes, for the same languages.
func TestBootFiles(t *testing.T) {
	docs := []Doc{{Lang: "uk", URL: "uk/a/", Title: "Привіт"}, {Lang: "en", URL: "en/a/", Title: "Hello"},
		{Lang: "en-x", URL: "en-x/a/", Title: "Hi"}, {Lang: "EN-X", URL: "EN-X/a/", Title: "Hi"}}
	idx, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range idx.Files {
		files[f.Path] = f.Data
	}
	paths := BootFiles([]string{"uk", "en", "EN-X", "en-x", "en"})
	if len(paths) != 4 {
		t.Fatalf("BootFiles: %v", paths)
	}
	seen := map[string]bool{}
	for lang, p := range paths {
		data, ok := files[p]
		if !ok {
			t.Errorf("%s: Build wrote no %s", lang, p)
			continue
		}
		if key, raw := parseScript(t, data); key != "boot" || !bytes.Equal(raw, idx.Boot[lang]) {
			t.Errorf("%s: %s is %q, not the bootstrap", lang, p, key)
		}
		if seen[p] {
			t.Errorf("two languages share %s", p)
		}
		seen[p] = true
	}
}

// TestCodeShardsByFirstWord builds a code table of many shards and checks
// that every key is in the shard the client looks in, and that the runs of
// a pasted text that start at the same word need one shard between them.
func TestCodeShardsByFirstWord(t *testing.T) {
	var docs []Doc
	for i := range 3000 {
		docs = append(docs, Doc{Lang: "en", URL: fmt.Sprintf("en/errors/e%04d/", i), Title: fmt.Sprintf("Error E%04d", i),
			Errors:   []string{fmt.Sprintf("E%04d", i), fmt.Sprintf("volume%d cannot open file number %d on the server", i, i)},
			Sections: []Section{{Text: "What to do about it."}}})
	}
	idx, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	r := newReader(t, idx)
	b := boots(t, idx)["en"]
	if len(b.C) < 4 {
		t.Fatalf("%d code shards; the test wants several", len(b.C))
	}
	keys := 0
	for i, h := range b.C {
		var codes map[string][][]any
		r.load("search/c-"+h+".js", fmt.Sprint("c", i), &codes)
		for k := range codes {
			keys++
			if s := codeShardOf(k, len(b.C)); s != i {
				t.Errorf("%q is in shard %d; the client looks in %d", k, i, s)
			}
		}
	}
	if keys < 6000 {
		t.Errorf("%d keys in the code table, want E0000… and the error texts", keys)
	}
	if codeShardOf("volume7 cannot open", len(b.C)) != codeShardOf("volume7", len(b.C)) {
		t.Errorf("runs that start with the same word are in different shards")
	}
}

// TestLeadFlags checks the title and summary flags of postings: a word of
// the title is flagged Title, one of the summary or error texts Summary,
// one of the body neither.
func TestLeadFlags(t *testing.T) {
	idx, err := Build(fixtureDocs())
	if err != nil {
		t.Fatal(err)
	}
	r := newReader(t, idx)
	b := boots(t, idx)["en"]
	for _, c := range []struct {
		word, url      string
		title, summary bool
	}{
		{"renew", "en/howto/license-renew/", true, true},
		{"year", "en/howto/license-renew/", false, true},
		{"mail", "en/howto/license-renew/", false, false},
		{"denied", "en/errors/access-denied/", true, true}, // the title, and an error text
	} {
		found := false
		for _, p := range r.lookup(b, Stem("en", c.word)) {
			if r.doc(b, p.Doc)[0] == c.url {
				found = true
				if p.Title != c.title || p.Summary != c.summary {
					t.Errorf("%q in %s: title %v summary %v, want %v %v", c.word, c.url, p.Title, p.Summary, c.title, c.summary)
				}
			}
		}
		if !found {
			t.Errorf("%q: %s not in its postings", c.word, c.url)
		}
	}
}

// TestChangelogPrior checks that a release note weighs less than another
// article with the same text, and that tags are indexed like the summary.
func TestChangelogPrior(t *testing.T) {
	text := []Section{{Text: "Offline maps download faster over a slow connection."}}
	idx, err := Build([]Doc{
		{Lang: "en", URL: "en/a/", Title: "Faster downloads", Kind: "howto", Sections: text},
		{Lang: "en", URL: "en/b/", Title: "Faster downloads", Kind: "changelog", Sections: text},
		{Lang: "en", URL: "en/c/", Title: "Other", Tags: []string{"battery-saving"}, Sections: []Section{{Text: "Nothing here."}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := newReader(t, idx)
	b := boots(t, idx)["en"]
	ps := r.lookup(b, Stem("en", "offline"))
	if len(ps) != 2 || ps[0].Impact <= ps[1].Impact {
		t.Errorf("offline: the changelog should weigh less: %+v", ps)
	}
	if ps := r.lookup(b, Stem("en", "battery")); len(ps) != 1 || !ps[0].Summary {
		t.Errorf("a tag's word: %+v", ps)
	}
	if b.N != 3 || !strings.Contains(" "+b.S+" ", " the ") {
		t.Errorf("boot: n %d, stop words %q", b.N, b.S)
	}
}

// TestPlainWordFilter checks the bootstrap's filter of the plain words that
// begin code-table keys: the first words of error texts are in it, other
// words mostly not, and a table of codes only has none.
func TestPlainWordFilter(t *testing.T) {
	idx, err := Build(fixtureDocs())
	if err != nil {
		t.Fatal(err)
	}
	if boots(t, idx)["en"].W == "" {
		t.Fatal("no filter, though error texts begin keys")
	}
	has := func(w string) bool { return plainWordIn(t, idx, w) }
	for _, w := range []string{"access", "the", "http"} {
		if !has(w) {
			t.Errorf("%q: not in the filter", w)
		}
	}
	miss := 0
	for _, w := range readWords(t, "en")[:500] {
		if !has(Normalize(w)) {
			miss++
		}
	}
	if miss < 400 {
		t.Errorf("only %d of 500 other words are kept out of the filter", miss)
	}
	only, err := Build([]Doc{{Lang: "en", URL: "en/x/", Title: "E1234 in the log", Errors: []string{"E1234"}}})
	if err != nil {
		t.Fatal(err)
	}
	if w := boots(t, only)["en"].W; w != "" {
		t.Errorf("codes only: filter %q, want none", w)
	}
}

// TestDocsKeySeesEveryField: the key by which the builder keeps an index
// changes with every field Build reads, so a kept index is never another
// documents' one.
func TestDocsKeySeesEveryField(t *testing.T) {
	base := func() []Doc {
		return []Doc{{Lang: "en", URL: "en/a/", Title: "T", Category: "C", Kind: "error", Summary: "S",
			Errors: []string{"E1"}, Tags: []string{"t"}, Sections: []Section{{Anchor: "x", Heading: "H", Text: "body"}}}}
	}
	if n := reflect.TypeFor[Doc]().NumField(); n != 9 {
		t.Fatalf("Doc has %d fields: DocsKey must hash the new one, and this test change it", n)
	}
	want := DocsKey(base())
	if DocsKey(base()) != want {
		t.Fatal("the same documents have two keys")
	}
	edits := map[string]func(d *Doc){
		"lang": func(d *Doc) { d.Lang = "uk" }, "url": func(d *Doc) { d.URL = "en/b/" },
		"title": func(d *Doc) { d.Title = "U" }, "category": func(d *Doc) { d.Category = "D" },
		"kind": func(d *Doc) { d.Kind = "howto" }, "summary": func(d *Doc) { d.Summary = "R" },
		"errors": func(d *Doc) { d.Errors = append(d.Errors, "E2") }, "tags": func(d *Doc) { d.Tags = nil },
		"anchor": func(d *Doc) { d.Sections[0].Anchor = "y" }, "heading": func(d *Doc) { d.Sections[0].Heading = "I" },
		"text":              func(d *Doc) { d.Sections[0].Text = "bodies" },
		"a tag into errors": func(d *Doc) { d.Errors, d.Tags = []string{"E1", "t"}, nil },
	}
	for name, edit := range edits {
		docs := base()
		edit(&docs[0])
		if DocsKey(docs) == want {
			t.Errorf("%s: the key did not change", name)
		}
	}
}
