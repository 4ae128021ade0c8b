package search

import (
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/zeebo/xxh3"
)

// Doc is one article in one language.
type Doc struct {
	Lang     string // "en", "uk", "ru", or any code (unknown languages: no stemming)
	URL      string // site-relative URL of the article, e.g. "en/errors/lic-expired/"
	Title    string
	Category string // category title
	Kind     string // error | howto | checklist | changelog | article
	Summary  string
	Errors   []string  // exact error codes/texts from front matter
	Tags     []string  // the article's tags: words its writer chose to file it under
	Sections []Section // the body split at headings; the first may have no heading
}

// DocsKey hashes everything Build reads of docs, in their order: a build
// whose documents have the key of an earlier one's makes the same files,
// so a caller may keep them by it.
func DocsKey(docs []Doc) [16]byte {
	h := xxh3.New128()
	var n [binary.MaxVarintLen64]byte
	str := func(ss ...string) {
		for _, s := range ss {
			h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
			h.Write([]byte(s))
		}
	}
	for _, d := range docs {
		str(d.Lang, d.URL, d.Title, d.Category, d.Kind, d.Summary)
		for _, list := range [][]string{d.Errors, d.Tags} {
			str(fmt.Sprint(len(list)))
			str(list...)
		}
		str(fmt.Sprint(len(d.Sections)))
		for _, s := range d.Sections {
			str(s.Anchor, s.Heading, s.Text)
		}
	}
	return h.Sum128().Bytes()
}

// Section is the plain text under one heading.
type Section struct {
	Anchor  string // heading id ("" for the text before the first heading)
	Heading string
	Text    string
}

// File is one file of the index, written under the site root.
type File struct {
	Path string // site-relative, e.g. "search/en/t-3f2a9c01.js"; name content-hashed
	Data []byte
}

// Index is everything Build makes.
type Index struct {
	Files []File
	// Boot is, per language, the small bootstrap (JSON). Files holds it as
	// the script search/<l>/boot.js (see BootFiles), which every page of
	// the language loads right after the client. Paths inside it are
	// site-relative; the client resolves them against the form's data-root.
	Boot map[string][]byte
}

// Fields, in the order of the per-field arrays.
const (
	fTitle = iota
	fErrors
	fHeading
	fSummary
	fBody
	nFields
)

// BM25F parameters: field weights and length normalisation.
var (
	fieldWeight = [nFields]float64{6, 8, 3, 2, 1}
	fieldB      = [nFields]float64{0.5, 0.3, 0.5, 0.5, 0.75}
)

const (
	// bm25K1 is BM25's term-frequency saturation. Field weights multiply
	// the counts, so a k1 above the usual 1.2 keeps a word in the title
	// (weight 6) worth clearly more than the same word said a few times
	// in a long body; 2 measured best on bench/search's relevance set.
	bm25K1 = 2
	// maxPostings caps a term's postings at its highest impacts: a word in
	// every article ("the", "и") adds little to a ranking and would make
	// its shard large.
	maxPostings = 1000
	// groupSize is the number of articles per result-data file.
	groupSize = 4
	// shardMin is the smallest target size of a term shard (uncompressed);
	// a language is cut into at most about shardMaxCount shards.
	shardMin      = 10 << 10
	shardMaxCount = 256
	codeShardSize = 12 << 10
	// Excerpt sources: per section and per article, in characters.
	excerptSection = 500
	excerptDoc     = 1600
	maxCodeEntries = 20
	// impactStep is the ratio between neighbouring quantised impacts.
	impactStep = 1.1
)

type docPosting struct {
	term string
	tf   [nFields]uint16
	sec  uint16
}

type docCode struct {
	key      string
	full     string // whole error text when longer than the key
	strength int    // 3: errors, 2: title, 1: elsewhere
}

type analysed struct {
	lens  [nFields]int32
	terms []docPosting
	codes []docCode
	msgs  []string // shapes of its error texts and quoted messages
	prior float64  // kindPrior of the article
}

// Build makes the search index of docs. The result depends only on the
// set of docs, not on their order.
func Build(docs []Doc) (*Index, error) { return BuildContext(context.Background(), docs) }

// BuildContext is Build that stops early with ctx's error once ctx is
// done: deskbook serve drops an index that a newer edit made stale rather
// than let it take the processor from the edit.
func BuildContext(ctx context.Context, docs []Doc) (*Index, error) {
	docs = slices.Clone(docs)
	slices.SortStableFunc(docs, func(a, b Doc) int {
		return cmp.Or(strings.Compare(a.Lang, b.Lang), strings.Compare(a.URL, b.URL),
			strings.Compare(a.Title, b.Title), strings.Compare(a.Summary, b.Summary))
	})
	// Languages and their path names.
	type langDocs struct {
		lang, dir string
		docs      []Doc
		stem      string
		start     int // index into docs
	}
	var langs []*langDocs
	var langCodes []string
	for _, d := range docs {
		if len(langCodes) == 0 || langCodes[len(langCodes)-1] != d.Lang {
			langCodes = append(langCodes, d.Lang)
		}
	}
	dirs := langDirs(langCodes)
	for i, d := range docs {
		if len(langs) == 0 || langs[len(langs)-1].lang != d.Lang {
			langs = append(langs, &langDocs{lang: d.Lang, dir: dirs[d.Lang], stem: stemmerFor(d.Lang), start: i})
		}
		l := langs[len(langs)-1]
		l.docs = append(l.docs, d)
	}
	for _, l := range langs {
		l.docs = docs[l.start : l.start+len(l.docs)] // share analyse's NFKC texts
	}
	// Analyse every article in parallel.
	res := make([]analysed, len(docs))
	stems := make([]string, len(docs))
	for _, l := range langs {
		for i := range l.docs {
			stems[l.start+i] = l.stem
		}
	}
	shared := map[string]*sync.Map{}
	for _, l := range langs {
		if shared[l.stem] == nil {
			shared[l.stem] = new(sync.Map)
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), max(1, len(docs)/16))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := newAnalyser()
			a.shared = shared
			for {
				i := int(next.Add(1)) - 1
				if i >= len(docs) || ctx.Err() != nil {
					return
				}
				res[i] = a.analyse(&docs[i], stems[i])
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	idx := &Index{Boot: map[string][]byte{}}
	add := func(path string, data []byte) {
		idx.Files = append(idx.Files, File{Path: path, Data: data})
	}
	codes := map[string]map[codeRef]docCode{}
	type bootParts struct {
		shards []string
		meta   string
		msgs   string // hash of the message table, "" when it has none
	}
	boots := make([]bootParts, len(langs))
	// Groups and shards of all languages, in parallel.
	type langOut struct {
		groups [][]byte
		shards []shard
	}
	outs := make([]langOut, len(langs))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var lwg sync.WaitGroup
	for li, l := range langs {
		lwg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			outs[li].shards = buildShards(res[l.start : l.start+len(l.docs)])
		})
		lwg.Go(func() { outs[li].groups = buildGroups(l.docs) })
	}
	lwg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for li, l := range langs {
		groups, shards := outs[li].groups, outs[li].shards
		var groupHashes []string
		for g, data := range groups {
			file := wrapScript(fmt.Sprintf("%s/r%d", l.dir, g), data)
			h := contentHash(file)
			groupHashes = append(groupHashes, h)
			add("search/"+l.dir+"/r-"+h+".js", file)
		}
		meta, _ := json.Marshal(map[string]any{"g": groupHashes})
		mfile := wrapScript(l.dir+"/m", meta)
		boots[li].meta = contentHash(mfile)
		add("search/"+l.dir+"/m-"+boots[li].meta+".js", mfile)

		if data := buildMessages(res[l.start : l.start+len(l.docs)]); data != nil {
			file := wrapScript(l.dir+"/e", data)
			boots[li].msgs = contentHash(file)
			add("search/"+l.dir+"/e-"+boots[li].msgs+".js", file)
		}
		for s, sh := range shards {
			file := wrapScript(fmt.Sprintf("%s/t%d", l.dir, s), sh.data)
			h := contentHash(file)
			boots[li].shards = append(boots[li].shards, sh.first, h)
			add("search/"+l.dir+"/t-"+h+".js", file)
		}
		for i := range l.docs {
			for _, c := range res[l.start+i].codes {
				m := codes[c.key]
				if m == nil {
					m = map[codeRef]docCode{}
					codes[c.key] = m
				}
				ref := codeRef{dir: l.dir, doc: i, group: groupHashes[i/groupSize]}
				if old, ok := m[ref]; !ok || c.strength > old.strength || (c.strength == old.strength && c.full < old.full) {
					m[ref] = c
				}
			}
		}
	}
	codeFiles := buildCodeShards(codes)
	wordFilter := plainWordFilter(codes)
	var codeHashes []string
	for k, data := range codeFiles {
		file := wrapScript(fmt.Sprintf("c%d", k), data)
		h := contentHash(file)
		codeHashes = append(codeHashes, h)
		add("search/c-"+h+".js", file)
	}
	for li, l := range langs {
		boot := map[string]any{
			"v":    1,
			"lang": l.lang,
			"l":    l.dir,
			"stem": l.stem,
			"t":    boots[li].shards,
			"m":    boots[li].meta,
			"e":    boots[li].msgs,
			"c":    codeHashes,
			"w":    wordFilter,
			"g":    groupSize,
			"n":    len(l.docs),
			"s":    stopList(l.lang),
			"i18n": uiStrings(l.lang),
		}
		b, err := json.Marshal(boot)
		if err != nil {
			return nil, err
		}
		idx.Boot[l.lang] = b
		add(bootPath(l.dir), wrapScript("boot", b))
	}
	slices.SortFunc(idx.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return idx, nil
}

// BootFiles returns, for each of langs, the site-relative path of the
// bootstrap script Build writes for it ("search/en/boot.js"). The path
// depends only on the set of languages, never on the index, so a page that
// loads it does not change when the index does.
func BootFiles(langs []string) map[string]string {
	langs = slices.Clone(langs)
	slices.Sort(langs)
	dirs := langDirs(slices.Compact(langs))
	out := make(map[string]string, len(dirs))
	for l, d := range dirs {
		out[l] = bootPath(d)
	}
	return out
}

func bootPath(dir string) string { return "search/" + dir + "/boot.js" }

// langDirs gives each of the sorted, distinct language codes its path
// segment, numbering codes that would share one.
func langDirs(codes []string) map[string]string {
	out := make(map[string]string, len(codes))
	used := map[string]bool{}
	for _, c := range codes {
		dir := langDir(c)
		for n := 2; used[dir]; n++ {
			dir = fmt.Sprintf("%s-%d", langDir(c), n)
		}
		used[dir] = true
		out[c] = dir
	}
	return out
}

// langDir turns a language code into a path segment.
func langDir(lang string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(lang) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

type codeRef struct {
	dir   string
	doc   int
	group string
}

// analyser holds one worker's scratch state: interned terms (so a term
// string is allocated once per worker, not once per article), stem caches
// per stemmer, and per-article accumulators indexed by term id.
type analyser struct {
	ids   map[string]int32
	strs  []string
	surf  map[string]map[string]int32 // stemmer → surface word → term id
	acc   []termAcc
	used  []int32
	doc   int32
	codes map[string]docCode
	// shared is the stem cache of all workers, per stemmer.
	shared map[string]*sync.Map
}

type termAcc struct {
	doc                 int32 // article serial the counts belong to
	tf                  [nFields]uint16
	curSec, bestSec     int32
	curScore, bestScore float32
}

func newAnalyser() *analyser {
	return &analyser{ids: map[string]int32{}, surf: map[string]map[string]int32{}, codes: map[string]docCode{}}
}

func (a *analyser) intern(b []byte) int32 {
	if id, ok := a.ids[string(b)]; ok {
		return id
	}
	s := string(b)
	id := int32(len(a.strs))
	a.ids[s] = id
	a.strs = append(a.strs, s)
	a.acc = append(a.acc, termAcc{doc: -1})
	return id
}

// analyse tokenizes one article. It puts the article's texts in NFKC in
// place (d is Build's own copy), so buildGroups need not normalise again.
func (a *analyser) analyse(d *Doc, stemmer string) analysed {
	d.Title, d.Summary = nfkc(d.Title), nfkc(d.Summary)
	d.Sections = slices.Clone(d.Sections)
	for i := range d.Sections {
		d.Sections[i].Heading, d.Sections[i].Text = nfkc(d.Sections[i].Heading), nfkc(d.Sections[i].Text)
	}
	clear(a.codes)
	a.used = a.used[:0]
	a.doc++
	surf := a.surf[stemmer]
	if surf == nil {
		surf = map[string]int32{}
		a.surf[stemmer] = surf
	}
	out := analysed{prior: kindPrior(d.Kind), msgs: docMessages(d)}
	var field, sec int
	emit := func(k Kind, key bool, text []byte) {
		var id int32
		if k == Word && stemmer != "" {
			var ok bool
			if id, ok = surf[string(text)]; !ok {
				w := string(text)
				var st string
				if v, ok := a.shared[stemmer].Load(w); ok {
					st = v.(string)
				} else {
					st = stemWith(stemmer, w)
					a.shared[stemmer].Store(w, st)
				}
				id = a.intern([]byte(st))
				surf[w] = id
			}
		} else {
			id = a.intern(text)
		}
		out.lens[field]++
		c := &a.acc[id]
		if c.doc != a.doc {
			*c = termAcc{doc: a.doc, curSec: -1}
			a.used = append(a.used, id)
		}
		if c.tf[field] < math.MaxUint16 {
			c.tf[field]++
		}
		if sec > 0 {
			if c.curSec != int32(sec) {
				c.curSec, c.curScore = int32(sec), 0
			}
			if field == fHeading {
				c.curScore += 3
			} else {
				c.curScore++
			}
			if c.curScore > c.bestScore {
				c.bestScore, c.bestSec = c.curScore, int32(sec)
			}
		}
		if key {
			strength := 1
			switch field {
			case fTitle:
				strength = 2
			case fErrors:
				strength = 3
			}
			// A code-like word met only in the body (some_func,
			// std.fmt.Display) is found through the term index as well;
			// the exact-code table keeps such words only when they carry
			// digits (E0499, 0x80070005), which typo matching never touches.
			if old, ok := a.codes[string(text)]; (!ok || old.strength < strength) && (strength > 1 || hasDigit(text)) {
				a.addCode(string(text), "", strength)
			}
		}
	}
	add := func(f, s int, text string) {
		field, sec = f, s
		tokenizeNFKC(text, false, emit)
	}
	add(fTitle, 0, d.Title)
	for _, e := range d.Errors {
		add(fErrors, 0, nfkc(e))
		cs := compounds(e)
		switch {
		case len(cs) == 0:
		case len(cs) <= 3:
			a.addCode(strings.Join(cs, " "), "", 3)
		default:
			a.addCode(strings.Join(cs[:3], " "), strings.Join(cs, " "), 3)
		}
		if len(cs) == 1 && strings.HasPrefix(cs[0], "0x") && len(cs[0]) >= 6 && isHex(cs[0][2:]) {
			a.addCode(cs[0][2:], "", 3)
		}
	}
	add(fSummary, 0, d.Summary)
	// Tags and the category say what the article is about in the writer's
	// own words: tags weigh as the summary, the category as a heading.
	for _, t := range d.Tags {
		add(fSummary, 0, nfkc(strings.ReplaceAll(t, "-", " ")))
	}
	add(fHeading, 0, nfkc(d.Category))
	for i, s := range d.Sections {
		add(fHeading, i+1, s.Heading)
		add(fBody, i+1, s.Text)
	}
	out.terms = make([]docPosting, len(a.used))
	for i, id := range a.used {
		c := &a.acc[id]
		out.terms[i] = docPosting{term: a.strs[id], tf: c.tf, sec: uint16(min(c.bestSec, 1<<15))}
	}
	for _, c := range a.codes {
		out.codes = append(out.codes, c)
	}
	slices.SortFunc(out.codes, func(x, y docCode) int {
		return cmp.Or(strings.Compare(x.key, y.key), strings.Compare(x.full, y.full))
	})
	return out
}

func (a *analyser) addCode(key, full string, strength int) {
	if key == "" || utf8.RuneCountInString(key) > 200 {
		return
	}
	k := key
	if full != "" {
		k = key + "\x00" + full
	}
	if old, ok := a.codes[k]; ok && old.strength >= strength {
		return
	}
	a.codes[k] = docCode{key: key, full: full, strength: strength}
}

type shard struct {
	first string
	data  []byte
}

type posting struct {
	doc    int32
	impact float32
	sec    uint16
	lead   uint8 // leadTitle, leadSummary: where else the term is
}

// Lead flags of a posting, the low two bits of its section number: the
// term is in the title, or in the summary or error texts. The client
// weighs a result by how much of the query its title and summary hold,
// which BM25's saturation cannot: a title word counts little more than
// the same word said often in a long body.
const (
	leadTitle   = 1
	leadSummary = 2
)

// changelogPrior scales the impacts of release notes. A release note
// lists dozens of changes in one long page, so it holds most words of any
// question about the product, yet it is seldom the answer: the article
// about the feature is. Measured on the relevance set of bench/search.
const changelogPrior = 0.3

// kindPrior is the factor of an article's impacts by its kind.
func kindPrior(kind string) float64 {
	if kind == "changelog" {
		return changelogPrior
	}
	return 1
}

// buildShards computes BM25F impacts and cuts the sorted vocabulary of
// one language into term-range shards.
func buildShards(docs []analysed) []shard {
	n := len(docs)
	var avg [nFields]float64
	for _, d := range docs {
		for f := range nFields {
			avg[f] += float64(d.lens[f])
		}
	}
	for f := range avg {
		avg[f] = max(avg[f]/float64(max(n, 1)), 1)
	}
	// Pass 1: term ids and document frequencies.
	ids := map[string]int32{}
	var terms []string
	var df []int32
	tids := make([][]int32, len(docs))
	for di := range docs {
		d := &docs[di]
		tids[di] = make([]int32, len(d.terms))
		for j, p := range d.terms {
			id, ok := ids[p.term]
			if !ok {
				id = int32(len(terms))
				ids[p.term] = id
				terms = append(terms, p.term)
				df = append(df, 0)
			}
			df[id]++
			tids[di][j] = id
		}
	}
	// Pass 2: impacts into one flat array, sliced per term.
	offs := make([]int, len(terms)+1)
	for id, c := range df {
		offs[id+1] = offs[id] + int(c)
	}
	flat := make([]posting, offs[len(terms)])
	fill := slices.Clone(offs[:len(terms)])
	idf := make([]float64, len(terms))
	for id, c := range df {
		idf[id] = math.Log(1 + (float64(n)-float64(c)+0.5)/(float64(c)+0.5))
	}
	maxImpact := 0.0
	for di := range docs {
		d := &docs[di]
		var norm [nFields]float64
		for f := range nFields {
			norm[f] = fieldWeight[f] / (1 - fieldB[f] + fieldB[f]*float64(d.lens[f])/avg[f])
		}
		for j, p := range d.terms {
			id := tids[di][j]
			var tf float64
			for f := range nFields {
				if p.tf[f] != 0 {
					tf += float64(p.tf[f]) * norm[f]
				}
			}
			imp := d.prior * idf[id] * tf / (bm25K1 + tf)
			maxImpact = max(maxImpact, imp)
			var lead uint8
			if p.tf[fTitle] != 0 {
				lead |= leadTitle
			}
			if p.tf[fSummary] != 0 || p.tf[fErrors] != 0 {
				lead |= leadSummary
			}
			flat[fill[id]] = posting{doc: int32(di), impact: float32(imp), sec: p.sec, lead: lead}
			fill[id]++
		}
	}
	lists := make([][]posting, len(terms))
	for id := range lists {
		l := flat[offs[id]:offs[id+1]]
		if len(l) > maxPostings {
			slices.SortFunc(l, func(a, b posting) int { return cmp.Or(cmp.Compare(b.impact, a.impact), cmp.Compare(a.doc, b.doc)) })
			l = l[:maxPostings]
			slices.SortFunc(l, func(a, b posting) int { return cmp.Compare(a.doc, b.doc) })
		}
		lists[id] = l
	}
	order := make([]int32, len(terms))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return utf16Cmp(terms[a], terms[b]) })

	// Encode postings, then cut.
	enc := make([][]byte, len(terms))
	total := 0
	logStep, logMax := math.Log(impactStep), math.Log(maxImpact)
	var buf []byte
	for _, id := range order {
		buf = buf[:0]
		prev := int32(-1)
		for _, p := range lists[id] {
			delta := p.doc
			if prev >= 0 {
				delta = p.doc - prev
			}
			prev = p.doc
			buf = appendVarint(buf, uint32(delta))
			q := 63 + int(math.Round((math.Log(float64(p.impact))-logMax)/logStep))
			buf = append(buf, digits64[min(max(q, 0), 63)])
			buf = appendVarint(buf, uint32(p.sec)<<2|uint32(p.lead))
		}
		enc[id] = slices.Clone(buf)
		total += len(buf) + len(terms[id]) + 6
	}
	target := max(shardMin, total/shardMaxCount)
	var out []shard
	var tb, pb []byte
	size, first := 0, 0
	emit := func(end int) {
		if end == first {
			return
		}
		data := make([]byte, 0, len(tb)+len(pb)+16)
		data = append(data, `{"t":[`...)
		data = append(data, tb...)
		data = append(data, `],"p":[`...)
		data = append(data, pb...)
		data = append(data, "]}"...)
		key := ""
		if len(out) > 0 {
			key = separator(terms[order[first-1]], terms[order[first]])
		}
		out = append(out, shard{first: key, data: data})
		tb, pb, size = tb[:0], pb[:0], 0
		first = end
	}
	for i, id := range order {
		if size > 0 {
			tb = append(tb, ',')
			pb = append(pb, ',')
		}
		tb = appendJSString(tb, terms[id])
		pb = append(pb, '"')
		pb = append(pb, enc[id]...)
		pb = append(pb, '"')
		size += len(terms[id]) + len(enc[id]) + 6
		if size >= target {
			emit(i + 1)
		}
	}
	emit(len(order))
	if len(out) == 0 {
		out = append(out, shard{data: []byte(`{"t":[],"p":[]}`)})
	}
	return out
}

// separator is the shortest prefix of next that sorts after prev.
func separator(prev, next string) string {
	for i := range next {
		if i > 0 && utf16Cmp(next[:i], prev) > 0 {
			return next[:i]
		}
	}
	return next
}

// buildGroups makes the per-result data files of one language (texts
// already in NFKC): groups of groupSize articles in document order, each
// [url, title, category, kind, summary, [[anchor, heading, text], …]].
func buildGroups(docs []Doc) [][]byte {
	out := make([][]byte, (len(docs)+groupSize-1)/groupSize)
	var wg sync.WaitGroup
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), len(out)) {
		wg.Go(func() {
			for {
				g := int(next.Add(1)) - 1
				if g >= len(out) {
					return
				}
				out[g] = buildGroup(docs[g*groupSize : min((g+1)*groupSize, len(docs))])
			}
		})
	}
	wg.Wait()
	return out
}

func buildGroup(docs []Doc) []byte {
	size := 16
	for _, d := range docs {
		size += len(d.URL) + len(d.Title) + len(d.Category) + len(d.Summary) + 32
		for _, s := range d.Sections {
			size += len(s.Anchor) + len(s.Heading) + min(len(s.Text), 4*excerptSection) + 16
		}
	}
	b := make([]byte, 0, size)
	b = append(b, '[')
	for i, d := range docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for _, s := range []string{d.URL, d.Title, d.Category, d.Kind} {
			b = appendJSString(b, s)
			b = append(b, ',')
		}
		b, _ = appendClipped(b, d.Summary, excerptSection)
		b = append(b, ",["...)
		budget := excerptDoc
		for j, s := range d.Sections {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = appendJSString(b, s.Anchor)
			b = append(b, ',')
			b = appendJSString(b, s.Heading)
			b = append(b, ',')
			var n int
			b, n = appendClipped(b, s.Text, min(excerptSection, budget))
			budget -= n
			b = append(b, ']')
		}
		b = append(b, "]]"...)
	}
	return append(b, ']')
}

// appendClipped appends s as a JSON string with white space collapsed,
// cut to at most n characters at a space (then ending in "…"). It returns
// the number of characters written.
func appendClipped(b []byte, s string, n int) ([]byte, int) {
	if n <= 0 {
		return append(b, `""`...), 0
	}
	b = append(b, '"')
	start := len(b)
	count, space, cutB, cutN := 0, false, -1, 0
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\v', 0xa0:
			space = len(b) > start
			continue
		}
		if space {
			if count >= n {
				return append(append(b, "…"...), '"'), count + 1
			}
			cutB, cutN = len(b), count
			b = append(b, ' ')
			count++
			space = false
		}
		if count >= n {
			if cutB < 0 {
				return append(append(b, "…"...), '"'), count + 1
			}
			return append(append(b[:cutB], "…"...), '"'), cutN + 1
		}
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r < 0x20 || r == '<' || r == '>' || r == '&' || r == 0x2028 || r == 0x2029:
			b = fmt.Appendf(b, `\u%04x`, r)
		default:
			b = utf8.AppendRune(b, r)
		}
		count++
	}
	return append(b, '"'), count
}

// buildCodeShards writes the exact-code table: key → entries
// [dir, doc, strength, group hash(, full text)], strongest first, split
// into shards of about codeShardSize by FNV-1a of the key's first word
// (codeShardOf). The client looks up every one-, two- and three-word run
// of a query, since a pasted error text may start anywhere in it; the runs
// that start at the same word share a shard, so a ten-word query loads at
// most ten shards, not up to twenty-seven.
func buildCodeShards(codes map[string]map[codeRef]docCode) [][]byte {
	keys := make([]string, 0, len(codes))
	for k := range codes {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, utf16Cmp)
	type entry struct {
		ref codeRef
		c   docCode
	}
	enc := make([][]byte, len(keys))
	total := 0
	for i, k := range keys {
		var es []entry
		for ref, c := range codes[k] {
			es = append(es, entry{ref, c})
		}
		slices.SortFunc(es, func(a, b entry) int {
			return cmp.Or(cmp.Compare(b.c.strength, a.c.strength), strings.Compare(a.ref.dir, b.ref.dir),
				cmp.Compare(a.ref.doc, b.ref.doc), strings.Compare(a.c.full, b.c.full))
		})
		if len(es) > maxCodeEntries {
			es = es[:maxCodeEntries]
		}
		b := appendJSString(nil, k)
		b = append(b, ":["...)
		for j, e := range es {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = appendJSString(b, e.ref.dir)
			b = fmt.Appendf(b, ",%d,%d,", e.ref.doc, e.c.strength)
			b = appendJSString(b, e.ref.group)
			if e.c.full != "" {
				b = append(b, ',')
				b = appendJSString(b, e.c.full)
			}
			b = append(b, ']')
		}
		b = append(b, ']')
		enc[i] = b
		total += len(b) + 1
	}
	k := max(1, (total+codeShardSize-1)/codeShardSize)
	parts := make([][]byte, k)
	for i := range parts {
		parts[i] = []byte{'{'}
	}
	for i, key := range keys {
		s := codeShardOf(key, k)
		if len(parts[s]) > 1 {
			parts[s] = append(parts[s], ',')
		}
		parts[s] = append(parts[s], enc[i]...)
	}
	for i := range parts {
		parts[i] = append(parts[i], '}')
	}
	return parts
}

// plainWordFilter is a Bloom filter of the plain words (letters only)
// that begin a key of the code table, in digits64 characters, 6 bits
// each: "" when there are none. Most keys begin with a code (e0382,
// 0x80070005); a key begins with a plain word only when an error text
// does ("printer offline") or a "HTTP 403" pair. The client looks up a run
// of a query that begins with a plain word only when the filter has that
// word, so a question in words loads no code shard at all: on bench/search
// that was three shards, 9 KB gzipped, of a first query.
func plainWordFilter(codes map[string]map[codeRef]docCode) string {
	words := map[string]bool{}
	for k := range codes {
		first, _, _ := strings.Cut(k, " ")
		if isPlainWord(first) {
			words[first] = true
		}
	}
	if len(words) == 0 {
		return ""
	}
	m := 64
	for m < 10*len(words) {
		m *= 2
	}
	bits := make([]byte, m/6+1)
	for w := range words {
		for _, h := range wordHashes(w) {
			i := h % uint32(m)
			bits[i/6] |= 1 << (i % 6)
		}
	}
	for i, b := range bits {
		bits[i] = digits64[b]
	}
	return string(bits)
}

// wordHashes are the two bit positions (before the modulus) of a word in
// plainWordFilter, as the client's codeWord computes them.
func wordHashes(w string) [2]uint32 { return [2]uint32{fnv1a(w), fnv1a(w + "#")} }

// isPlainWord reports whether w is letters only (the client's /^\p{L}+$/u).
func isPlainWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

// codeShardOf is the shard of the exact-code table that holds key, of n:
// by its first word, as the client's codeShard finds it.
func codeShardOf(key string, n int) int {
	first, _, _ := strings.Cut(key, " ")
	return int(fnv1a(first) % uint32(n))
}

func hasDigit(b []byte) bool {
	for _, c := range b {
		if '0' <= c && c <= '9' {
			return true
		}
	}
	return false
}
