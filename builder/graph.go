package builder

import (
	"context"
	"encoding/binary"
	"strconv"

	"deskbook/internal/parallel"
	"deskbook/internal/spill"

	"github.com/zeebo/xxh3"
)

// The dependency graph of serve's incremental rebuilds.
//
// Every file the render stage makes is a pageJob with a deps function: it
// feeds a fingerprint with the facts the page shows. After an edit, serve
// works out every page's fingerprint again (cheap: no template runs) and
// makes again only the pages whose fingerprint changed. The edges of the
// graph are thus written once, per page kind, next to the code that makes
// the page; there is no reverse index to keep in step.
//
// The facts are nodes at three grains, so that an edit touches few pages:
//
//	self(a)     everything about article a itself: the bytes of its file
//	            (front matter and body) and what parsing made of them (the
//	            page, print and changelog HTML, which hold all the parse
//	            read of other files: link targets, image sizes, fragments)
//	listing(a)  what a list entry for a shows: path, URL, language, title,
//	            summary, kind, version, dates
//	loc(a)      where a is: path, URL, language, updated (sitemap, language
//	            switcher)
//
// plus categories (their own fields, or with the listings of all their
// articles) and files copied as they are. A page kind is added with its
// rule: a function returning the deps of one page. Leaving deps nil is
// always correct (the page is made after every change) and the way to
// start; TestIncrementalEqualsFull, which compares serve's output with a
// full build after random edits, catches a rule that forgets a fact.
//
// What the whole site shares (site.yaml, the theme, the interface strings,
// the options) is not a node: a change to any of them rebuilds everything.
//
// The hash is fixed (xxh3, 128 bits), not seeded per process, so a
// fingerprint means the same in the next run: the build keeps each page's
// fingerprint, mixed with what the site shares (siteStamp), in the write
// stage's manifest, and a later build makes again only the pages whose
// fingerprint or file changed.

// stamp is a fingerprint's value.
type stamp = xxh3.Uint128

// fingerprint hashes the facts one page shows.
type fingerprint struct {
	h   *xxh3.Hasher128
	buf [8]byte
	// cats holds the fingerprints (category) of the site's categories,
	// worked out once per rebuild, since many pages list them.
	cats map[*Category]stamp
}

func newFingerprint(cats map[*Category]stamp) *fingerprint {
	return &fingerprint{h: xxh3.New128(), cats: cats}
}

// sum is the fingerprint of what was added since the last reset.
func (f *fingerprint) sum() stamp { return f.h.Sum128() }

func (f *fingerprint) stamp(s stamp) {
	f.num(s.Hi)
	f.num(s.Lo)
}

func (f *fingerprint) str(s string) {
	f.num(uint64(len(s)))
	f.h.WriteString(s)
}

func (f *fingerprint) num(n uint64) {
	binary.LittleEndian.PutUint64(f.buf[:], n)
	f.h.Write(f.buf[:])
}

// self adds everything about the article itself.
func (f *fingerprint) self(a *Article) {
	f.str(a.Path)
	f.stamp(a.keys[selfKey])
}

// listing adds what a list entry for the article shows; nil is a fact too.
func (f *fingerprint) listing(a *Article) {
	if a == nil {
		f.num(0)
		return
	}
	f.stamp(a.keys[listingKey])
}

// loc adds where the article is.
func (f *fingerprint) loc(a *Article) {
	f.stamp(a.keys[locKey])
}

// Article keys: hashes of an article's facts. The listing and loc keys
// are worked out once the article is loaded (they depend on nothing
// else); the source key too, from the file's bytes, and the self key from
// it and the HTML once the article is parsed.
const (
	listingKey = iota
	locKey
	sourceKey
	selfKey
)

// setKeys works out an article's listing and loc keys.
func setKeys(a *Article) {
	f := newFingerprint(nil)
	f.str(a.Path)
	f.str(a.URL)
	f.str(a.Lang)
	f.num(uint64(a.Meta.Updated.Unix()))
	a.keys[locKey] = f.sum()
	m := &a.Meta
	f.str(m.Title)
	f.str(m.Summary)
	f.str(string(m.Kind))
	f.str(m.Version)
	f.num(uint64(m.Date.Unix()))
	a.keys[listingKey] = f.sum()
}

// setSelfKey works out the self key of a parsed article: its file's bytes
// and the HTML made of them, which holds everything the parse read of
// other files and of the site.
func setSelfKey(a *Article) {
	f := newFingerprint(nil)
	f.stamp(a.keys[sourceKey])
	for _, t := range []spill.Text{a.body, a.print} {
		s, _ := t.Read() // in memory: the key is made before the bodies are spilled
		f.str(s)
	}
	if c := a.Change; c != nil {
		f.str(string(c.Intro))
		f.str(string(c.Feed))
		f.num(uint64(len(c.Sections)))
		for _, s := range c.Sections {
			f.str(s.Kind)
			f.str(s.Title)
			f.str(s.ID)
			f.str(string(s.HTML))
		}
	}
	a.keys[selfKey] = f.sum()
}

// categoryHead adds a category's own fields.
func (f *fingerprint) categoryHead(c *Category) {
	if c == nil {
		f.str("")
		return
	}
	f.str(c.Lang)
	f.str(c.Name)
	f.str(c.Title)
	f.str(c.Description)
	f.str(c.URL)
	f.num(uint64(c.Order))
	if c.Intro != nil { // its page and print versions, and its file
		f.stamp(c.Intro.keys[selfKey])
	}
}

// category adds a category with the listings of all its articles.
func (f *fingerprint) category(c *Category) {
	if k, ok := f.cats[c]; ok {
		f.stamp(k)
		return
	}
	f.categoryHead(c)
	f.num(uint64(len(c.Articles)))
	for _, a := range c.Articles {
		f.listing(a)
	}
	f.num(uint64(len(c.Fallbacks)))
	for _, a := range c.Fallbacks {
		f.listing(a)
	}
}

// stamps works out the fingerprint of every page with deps, beginning
// with shared (what the whole site shares, or nothing); a page without
// deps gets the zero stamp.
func stamps(ctx context.Context, site *Site, jobs []pageJob, shared stamp) ([]stamp, error) {
	cats := make(map[*Category]stamp, len(site.Categories))
	for _, c := range site.Categories {
		f := newFingerprint(nil)
		f.category(c)
		cats[c] = f.sum()
	}
	fps := make([]stamp, len(jobs))
	const block = 512 // jobs per fingerprint, which is reset between them
	err := parallel.CPU(ctx, (len(jobs)+block-1)/block, func(b int) {
		f := newFingerprint(cats)
		for i := b * block; i < min(len(jobs), (b+1)*block); i++ {
			if j := jobs[i]; j.deps != nil {
				f.h.Reset()
				f.stamp(shared)
				f.str(j.out)
				j.deps(f)
				fps[i] = f.sum()
			}
		}
	})
	return fps, err
}

// noDeps is the rule of pages that show only what the whole site shares.
func noDeps(*fingerprint) {}

// articleDeps: the article, its category's name, the articles it links to
// by title (previous, next, related, the ones a changelog entry affects)
// and where its translations are.
func articleDeps(site *Site, a *Article, c *Category) func(*fingerprint) {
	return func(f *fingerprint) {
		f.self(a)
		f.categoryHead(c)
		f.listing(a.Prev)
		f.listing(a.Next)
		f.num(uint64(len(a.Related)))
		for _, r := range a.Related {
			f.listing(r)
		}
		f.num(uint64(len(a.Translations)))
		for _, t := range a.Translations {
			f.loc(t)
		}
		// An outdated translation names its original (its updated: date is
		// in loc above, which says whether the notice shows).
		if o := site.outdated(a); o != nil {
			f.listing(o)
		}
		f.num(uint64(len(a.Meta.Affects)))
		for _, id := range a.Meta.Affects {
			f.listing(site.article(id, a.Lang))
		}
		// "Changed in" badges: the entries naming the article in affects:.
		by := site.changedBy[a.Meta.ID]
		f.num(uint64(len(by)))
		for _, e := range by {
			f.listing(site.article(e.Meta.ID, a.Lang))
		}
	}
}

// categoryDeps: the category with its articles, and where the category is
// in the other languages (the language switcher).
func categoryDeps(site *Site, c *Category) func(*fingerprint) {
	return func(f *fingerprint) {
		f.category(c)
		for _, o := range site.Categories {
			if o.Name == c.Name && o != c {
				f.str(o.Lang)
				f.str(o.URL)
			}
		}
	}
}

// homeDeps: every category of the language with its first articles, and
// the latest changes.
func homeDeps(cats []*Category, changes []*Article) func(*fingerprint) {
	return func(f *fingerprint) {
		for _, c := range cats {
			f.category(c)
		}
		f.num(uint64(len(changes)))
		for _, a := range changes {
			f.listing(a)
			f.categoryHead(a.Category)
		}
	}
}

// withChanges adds to a file's deps the latest changes of its language,
// which the "What's new" banner of every page lists (newsScript).
func withChanges(changes []*Article, deps func(*fingerprint)) func(*fingerprint) {
	return func(f *fingerprint) {
		f.num(uint64(len(changes)))
		for _, a := range changes {
			f.listing(a)
		}
		deps(f)
	}
}

// redirectsDeps: the _redirects file lists every alias and earlier URL with
// where it leads.
func redirectsDeps(moved []ledgerRedirect) func(*fingerprint) {
	return func(f *fingerprint) {
		f.num(uint64(len(moved)))
		for _, m := range moved {
			f.str(m.From)
			f.str(m.To.URL)
		}
	}
}

// changelogDeps: the changelog page and feeds show every entry of the
// language in full, with the articles it affects, and the changelog
// category's title and other articles when there is one; which other
// languages have a changelog.
func changelogDeps(site *Site, lang string) func(*fingerprint) {
	return func(f *fingerprint) {
		for _, a := range site.Articles {
			if a.Meta.Kind != KindChangelog {
				continue
			}
			if a.Lang != lang {
				// Which languages have a changelog: the language switcher.
				f.str(a.Lang)
				continue
			}
			f.self(a)
			f.num(uint64(len(a.Meta.Affects)))
			for _, id := range a.Meta.Affects {
				f.listing(site.article(id, lang))
			}
		}
		for _, c := range site.Categories {
			switch {
			case c.Lang == lang && c.URL == lang+"/changelog/":
				f.category(c) // its other articles are listed too
			case c.URL == c.Lang+"/changelog/":
				f.str(c.URL)
			}
		}
	}
}

// printDeps: the print book shows every article of the language in full,
// by category.
func printDeps(site *Site, lang string) func(*fingerprint) {
	return func(f *fingerprint) {
		for _, c := range site.Categories {
			if c.Lang != lang {
				continue
			}
			f.categoryHead(c)
			f.num(uint64(len(c.Articles)))
			for _, a := range c.Articles {
				f.self(a)
			}
		}
	}
}

// categoryListDeps: the names of categories (the 404 page).
func categoryListDeps(cats []*Category) func(*fingerprint) {
	return func(f *fingerprint) {
		for _, c := range cats {
			f.categoryHead(c)
		}
	}
}

// redirectDeps: short links and aliases show the article's title and lead
// to it or one of its translations.
func redirectDeps(a *Article) func(*fingerprint) {
	return func(f *fingerprint) {
		f.listing(a)
		for _, t := range a.Translations {
			f.loc(t)
		}
	}
}

// assetDeps: a file copied as it is.
func assetDeps(as Asset) func(*fingerprint) {
	return func(f *fingerprint) {
		f.str(as.Path)
		f.num(as.rev)
	}
}

// sitemapDeps: where every article, its translations and every category are.
func sitemapDeps(site *Site) func(*fingerprint) {
	return func(f *fingerprint) {
		for _, a := range site.Articles {
			f.loc(a)
			for _, t := range a.Translations {
				f.str(t.Lang)
				f.str(t.URL)
			}
		}
		for _, c := range site.Categories {
			f.str(c.Lang)
			f.str(c.Name)
			f.str(c.URL)
		}
	}
}

// lookup is one name an article's Markdown looked up in the site while it
// was parsed, and what it found. While every lookup finds the same again,
// the article's HTML still holds after other articles change.
type lookup struct {
	kind  lookupKind
	key   string // a Markdown path, an ID, a file's path or a page URL
	found found
}

// lookupKind is what a lookup looked for.
type lookupKind uint8

const (
	lookupPath  lookupKind = iota // a link's path: the article there (ref)
	lookupID                      // an ID in /a/<id>/: the article in the linking article's language (ref)
	lookupAsset                   // a file: its URL
	lookupURL                     // a page URL the print book links to: the article there (bookRef)
)

// found is what a lookup found, by the facts the parse used: an article's
// path and URL, and for the print book whether it is in the book and its
// ID (anchors in the book name it); a file's URL. The zero value is
// nothing.
type found struct {
	path, url string
	inBook    bool
	id        int
	rev       uint64 // a file's: what parsing read of it (an image's size) changes with it
}

// ref names an article for a lookup: its path and URL.
func (a *Article) ref() found {
	if a == nil {
		return found{}
	}
	return found{path: a.Path, url: a.URL}
}

// ref names a file for a lookup: its URL and revision.
func (as *Asset) ref() found {
	if as == nil {
		return found{}
	}
	return found{url: as.URL, rev: as.rev}
}

// bookRef names a link target of the print book: it links into itself for
// articles that are in it, by their IDs.
func bookRef(t *Article) found {
	if t == nil {
		return found{}
	}
	return found{path: t.Path, url: t.URL, inBook: inBook(t), id: t.Meta.ID}
}

// stillHolds reports whether every lookup a's parse made finds the same in
// site.
func (site *Site) stillHolds(a *Article) bool {
	for _, l := range a.lookups {
		var f found
		switch l.kind {
		case lookupPath:
			f = site.byPath[l.key].ref()
		case lookupID:
			id, _ := strconv.Atoi(l.key)
			f = site.article(id, a.Lang).ref()
		case lookupAsset:
			f = site.assetAt[l.key].ref()
		case lookupURL:
			f = bookRef(site.byURL[l.key])
		}
		if f != l.found {
			return false
		}
	}
	return true
}
