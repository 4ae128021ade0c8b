package builder

import (
	"cmp"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path/filepath"

	"deskbook/internal/cache"
	"deskbook/internal/diag"
	"deskbook/internal/spill"
	"deskbook/internal/stash"
	"deskbook/search"

	"github.com/zeebo/xxh3"
)

// The parse cache keeps what parsing made of each article (its HTML for
// the page, the print book and the changelog, headings, links, search
// text, diagnostics) in a stash in the output's cache folder, so a
// rebuild parses only what changed.
//
// An entry is found by the article's path, URL, language and the bytes
// of its file, under the stamp of everything else a parse reads of the
// whole site (parseEnv) and the program (the stash's own). It is used only
// while everything else its parse read still reads the same: every name
// it looked up in the site finds the same article or file (the lookups
// serve checks, graph.go), every image it showed has the same size, and
// every fragment it included has the same bytes. Anything else (missing,
// damaged, from another site or program) is parsed again: the cache only
// ever costs time.

// parseCache is one build's view of the stash; nil keeps nothing.
type parseCache struct {
	st  *stash.Stash
	env string
}

// parseEnv stamps what every parse reads beyond its article: site.yaml
// (variables, raw HTML, languages), the theme (interface words, its own
// ids), the options, and how diagnostics name the source and grade
// findings.
func (b *pipeline) parseEnv() string {
	f := newFingerprint(nil)
	data, _ := fs.ReadFile(b.cfg.Source, "site.yaml")
	f.str(string(data))
	f.str(b.themeHash)
	f.str(fmt.Sprintf("%q %t %t %q %t %t", b.base, b.cfg.Offline, b.cfg.Drafts, b.cfg.SourceName, b.d.Strict, b.d.LinksWarn))
	s := f.sum().Bytes()
	return hex.EncodeToString(s[:])
}

func (pc *parseCache) key(a *Article) stash.Key {
	src := a.keys[sourceKey].Bytes()
	return stash.KeyOf("parsed", pc.env, a.Path, a.URL, a.Lang, string(src[:]))
}

// get fills a from the cache and reports its diagnostics to d; false when
// the cache has nothing for a that still holds.
func (pc *parseCache) get(site *Site, a *Article, d *diag.Collector) bool {
	if pc == nil {
		return false
	}
	k := pc.key(a)
	data, ok := pc.st.Get(k)
	if !ok {
		return false
	}
	var p parsed
	if err := p.decode(data); err != nil || !p.holds(site, a) {
		pc.st.Drop(k)
		return false
	}
	p.fill(site, a)
	d.Add(p.diags...)
	return true
}

// put keeps what parsing made of a, with the diagnostics it gave.
func (pc *parseCache) put(site *Site, a *Article, diags diag.List) {
	if pc == nil {
		return
	}
	pc.st.Put(pc.key(a), parsedOf(site, a, diags).encode())
}

// openParseCache opens the parse cache of the build's output; nil for a
// check, which has no output.
func (b *pipeline) openParseCache() *parseCache {
	if st := b.stateStash("parsed.stash", stash.OpenStream); st != nil {
		return &parseCache{st: st, env: b.parseEnv()}
	}
	return nil
}

// stateStash opens a stash kept with the output's build state (nil for a
// check, which has no output) by open.
func (b *pipeline) stateStash(name string, open func(string) *stash.Stash) *stash.Stash {
	if dir := b.stateDir(); dir != "" {
		return open(filepath.Join(dir, name))
	}
	return nil
}

// stateDir is the folder of the output's build state; "" for a check.
func (b *pipeline) stateDir() string {
	if b.cfg.Out == "" {
		return ""
	}
	state, err := cache.For(cmp.Or(b.cfg.Cache, cache.Dir()), b.cfg.Out)
	if err != nil {
		return ""
	}
	return state.Dir
}

// parsed is a cache entry: what parsing set of an article (body,
// print, Change, Headings, links, images, insecure, tasks, sections,
// lookups, includes), and what it read.
type parsed struct {
	Article
	linkTargets []string // by link: "" for none, "." for the article itself, else the target's path
	pictures    []string // by asset lookup: what the parse read of the file (pictureFacts)
	included    []string // by include: the fragment's bytes, hashed (includeStamp)
	diags       diag.List
}

// parsedOf makes the entry of a freshly parsed article.
func parsedOf(site *Site, a *Article, diags diag.List) *parsed {
	p := &parsed{Article: *a, diags: diags}
	for _, l := range a.links {
		switch {
		case l.target == nil:
			p.linkTargets = append(p.linkTargets, "")
		case l.target == a:
			p.linkTargets = append(p.linkTargets, ".")
		default:
			p.linkTargets = append(p.linkTargets, l.target.Path)
		}
	}
	for _, l := range a.lookups {
		if l.kind == lookupAsset {
			p.pictures = append(p.pictures, pictureFacts(site, l.key))
		}
	}
	for _, inc := range a.includes {
		p.included = append(p.included, includeStamp(site, inc))
	}
	return p
}

// pictureFacts is what parsing reads of a file an article links to or
// shows: whether it is there, and an image's format and sizes.
func pictureFacts(site *Site, p string) string {
	if as := site.assetAt[p]; as != nil {
		return as.pic.Facts().String()
	}
	return ""
}

// includeStamp is the hash of a fragment's bytes; "-" when it cannot be read.
func includeStamp(site *Site, p string) string {
	data, err := fs.ReadFile(site.fsys, p)
	if err != nil {
		return "-"
	}
	s := xxh3.Hash128(data).Bytes()
	return string(s[:])
}

// holds reports whether everything the parse read reads the same now.
func (p *parsed) holds(site *Site, a *Article) bool {
	for _, l := range p.linkTargets {
		if l != "" && l != "." && site.byPath[l] == nil {
			return false
		}
	}
	p.Path, p.Lang = a.Path, a.Lang
	if !site.stillHolds(&p.Article) {
		return false
	}
	n := 0
	for _, l := range p.lookups {
		if l.kind == lookupAsset {
			if n >= len(p.pictures) || pictureFacts(site, l.key) != p.pictures[n] {
				return false
			}
			n++
		}
	}
	for i, inc := range p.includes {
		if includeStamp(site, inc) != p.included[i] {
			return false
		}
	}
	return n == len(p.pictures)
}

// fill gives a what its parse made.
func (p *parsed) fill(site *Site, a *Article) {
	a.body, a.print, a.Change = p.body, p.print, p.Change
	a.Headings, a.images, a.insecure, a.tasks = p.Headings, p.images, p.insecure, p.tasks
	a.sections, a.lookups, a.includes = p.sections, p.lookups, p.includes
	a.links = p.links
	for i := range a.links {
		switch t := p.linkTargets[i]; t {
		case "":
			a.links[i].target = nil
		case ".":
			a.links[i].target = a
		default:
			a.links[i].target = site.byPath[t]
		}
	}
	setSelfKey(a)
}

// parsedFormat is the version of the entry's encoding.
const parsedFormat = 1

var errParsed = errors.New("not a parse cache entry")

// encode writes the entry: each field in turn, strings and lists with
// their lengths first.
func (p *parsed) encode() []byte {
	var e stash.Enc
	e.Num(parsedFormat)
	for _, t := range []spill.Text{p.body, p.print} {
		s, _ := t.Read() // in memory: an entry is put before the bodies are spilled
		e.Str(s)
	}
	encodeChange(&e, p.Change)
	e.Num(len(p.Headings))
	for _, h := range p.Headings {
		e.Num(h.Level)
		e.Str(h.ID, h.Text)
	}
	e.Num(len(p.links))
	for i, l := range p.links {
		e.Num(l.line)
		e.Str(p.linkTargets[i], l.anchor, l.wrote, l.raw)
	}
	for _, refs := range [][]lintRef{p.images, p.insecure} {
		e.Num(len(refs))
		for _, r := range refs {
			e.Num(r.line)
			e.Str(r.target)
		}
	}
	e.Num(p.tasks)
	e.Num(len(p.sections))
	for _, s := range p.sections {
		e.Str(s.Anchor, s.Heading, s.Text)
	}
	e.Num(len(p.lookups))
	for _, l := range p.lookups {
		e.Num(int(l.kind))
		e.Str(l.key, l.found.path, l.found.url)
		e.Num(l.found.id)
		e.Bool(l.found.inBook)
		e.Num(int(l.found.rev))
	}
	e.List(p.pictures)
	e.List(p.includes)
	e.List(p.included)
	e.Diags(p.diags)
	return e.Bytes()
}

// decode reads what encode wrote; anything else is errParsed.
func (p *parsed) decode(data []byte) error {
	d := stash.NewDec(data)
	if d.Num() != parsedFormat {
		return errParsed
	}
	p.body, p.print = spill.Mem(d.Str()), spill.Mem(d.Str())
	p.Change = decodeChange(d)
	p.Headings = stash.Make[Heading](d.Count())
	for i := range p.Headings {
		p.Headings[i] = Heading{Level: d.Num(), ID: d.Str(), Text: d.Str()}
	}
	n := d.Count()
	p.links, p.linkTargets = stash.Make[linkRef](n), stash.Make[string](n)
	for i := range n {
		line := d.Num()
		p.linkTargets[i] = d.Str()
		p.links[i] = linkRef{line: line, anchor: d.Str(), wrote: d.Str(), raw: d.Str()}
	}
	for _, refs := range []*[]lintRef{&p.images, &p.insecure} {
		*refs = stash.Make[lintRef](d.Count())
		for i := range *refs {
			(*refs)[i] = lintRef{line: d.Num(), target: d.Str()}
		}
	}
	p.tasks = d.Num()
	p.sections = stash.Make[search.Section](d.Count())
	for i := range p.sections {
		p.sections[i] = search.Section{Anchor: d.Str(), Heading: d.Str(), Text: d.Str()}
	}
	p.lookups = stash.Make[lookup](d.Count())
	for i := range p.lookups {
		l := lookup{kind: lookupKind(d.Num()), key: d.Str()}
		l.found = found{path: d.Str(), url: d.Str(), id: d.Num(), inBook: d.Bool(), rev: uint64(d.Num())}
		p.lookups[i] = l
	}
	p.pictures, p.includes, p.included = d.List(), d.List(), d.List()
	p.diags = d.Diags()
	if d.Err() != nil || len(p.includes) != len(p.included) {
		return errParsed
	}
	return nil
}

func encodeChange(e *stash.Enc, c *ChangeBody) {
	e.Bool(c != nil)
	if c == nil {
		return
	}
	e.Str(string(c.Intro), string(c.Feed))
	e.Num(len(c.Sections))
	for _, s := range c.Sections {
		e.Str(s.Kind, s.Title, s.ID, string(s.HTML))
	}
}

func decodeChange(d *stash.Dec) *ChangeBody {
	if !d.Bool() {
		return nil
	}
	c := &ChangeBody{Intro: template.HTML(d.Str()), Feed: template.HTML(d.Str())}
	c.Sections = stash.Make[ChangeSection](d.Count())
	for i := range c.Sections {
		c.Sections[i] = ChangeSection{Kind: d.Str(), Title: d.Str(), ID: d.Str(), HTML: template.HTML(d.Str())}
	}
	return c
}
