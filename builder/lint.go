package builder

import (
	"cmp"
	"encoding/binary"
	"hash/maphash"
	"net/url"
	"strings"
	"time"

	"deskbook/internal/diag"
)

// LintConfig is site.yaml's lint: section, the limits of the content
// linter. Zero values take the defaults.
type LintConfig struct {
	MaxImageWidth int `yaml:"max_image_width"` // pixels; default 1600
	MaxImageKB    int `yaml:"max_image_kb"`    // kilobytes; default 500
	StaleDays     int `yaml:"stale_days"`      // days since updated: before an article counts as stale; 0: not checked
}

// lintRef is a place in an article the linter looks at again.
type lintRef struct {
	line   int
	target string // an image's source path, or a link's URL
}

// noteInsecure remembers a link to a plain-http page for the linter.
func (p *pageCtx) noteInsecure(dest string, line int) {
	if u, err := url.Parse(dest); err == nil && strings.EqualFold(u.Scheme, "http") {
		p.article.insecure = append(p.article.insecure, lintRef{line: line, target: dest})
	}
}

// lint checks what makes an article hard for customers to use, beyond what
// breaks the build: screenshots too wide or heavy for a phone, no summary
// for lists and replies, an error article that names no error text, a
// checklist with nothing to tick, links to unencrypted pages, titles two
// articles share, articles nobody has looked at for a long time. Missing
// alt text is found while parsing. Findings are warnings, or errors with
// Config.Strict.
//
// serve keeps a cache between edits (nil is a build's: nothing is kept).
// Image files are read once, by their assets (picture.File).
func lint(site *Site, srcName string, now time.Time, cache *lintCache, d *diag.Collector) {
	if cache == nil {
		cache = &lintCache{seed: maphash.MakeSeed()}
	}
	cache.articles(site, srcName, now, d)
	cache.sharedTitles(site, srcName, d)
	lintImages(site, srcName, d)
}

// articles reports what each article's own text and front matter give
// rise to, worked out once per revision of the article.
func (c *lintCache) articles(site *Site, srcName string, now time.Time, d *diag.Collector) {
	next := make(map[*Article]lintEntry, len(site.Articles))
	for _, a := range site.Articles {
		e, ok := c.byArticle[a]
		if !ok || e.rev != a.rev || e.day != now.YearDay() {
			ad := &diag.Collector{Strict: d.Strict}
			if !a.broken { // an unreadable header is one error, not a list of findings
				lintArticle(a, join(srcName, a.Path), site.Config.Lint.StaleDays, now, ad)
			}
			e = lintEntry{rev: a.rev, day: now.YearDay(), diags: ad.List()}
		}
		next[a] = e
		d.Add(e.diags...)
	}
	c.byArticle = next
}

// sharedTitles reports titles two articles share. They change only with a
// title, a path or the set of articles, which a hash tells before they are
// all compared again.
func (c *lintCache) sharedTitles(site *Site, srcName string, d *diag.Collector) {
	if h := c.titlesKey(site); h != c.titlesHash || !c.titlesOK {
		td := &diag.Collector{Strict: d.Strict}
		lintTitles(site, srcName, td)
		c.titlesHash, c.titles, c.titlesOK = h, td.List(), true
	}
	d.Add(c.titles...)
}

// titlesKey hashes what lintTitles looks at: each article's listing key
// (serve's hash of its path, language and title, among others) and the
// line of its title.
func (c *lintCache) titlesKey(site *Site) uint64 {
	var h maphash.Hash
	h.SetSeed(c.seed)
	var buf [24]byte
	for _, a := range site.Articles {
		binary.LittleEndian.PutUint64(buf[:8], a.keys[listingKey].Hi)
		binary.LittleEndian.PutUint64(buf[8:16], a.keys[listingKey].Lo)
		binary.LittleEndian.PutUint64(buf[16:], uint64(a.line("title")))
		h.Write(buf[:])
	}
	return h.Sum64()
}

// lintTitles reports titles two articles of one language share.
func lintTitles(site *Site, srcName string, d *diag.Collector) {
	type langTitle struct{ lang, title string }
	titles := make(map[langTitle]*Article, len(site.Articles))
	for _, a := range site.Articles {
		key := langTitle{a.Lang, strings.ToLower(strings.TrimSpace(a.Meta.Title))}
		if prev, ok := titles[key]; ok {
			d.Findingf(join(srcName, a.Path), a.line("title"), "title %q is also the title of %s: readers cannot tell them apart in lists and search", a.Meta.Title, join(srcName, prev.Path))
		} else {
			titles[key] = a
		}
	}
}

// lintCache keeps each article's own findings and the shared titles
// between serve's rebuilds.
type lintCache struct {
	seed       maphash.Seed
	byArticle  map[*Article]lintEntry
	titlesHash uint64
	titles     diag.List
	titlesOK   bool // titles holds the findings for titlesHash
}

type lintEntry struct {
	rev   uint64
	day   int // staleness is counted in days
	diags diag.List
}

// lintArticle checks what depends on the article alone.
func lintArticle(a *Article, disp string, stale int, now time.Time, d *diag.Collector) {
	if strings.TrimSpace(a.Meta.Summary) == "" {
		d.Findingf(disp, 1, "no summary: add a one-line summary: for lists, search results and reply snippets")
	}
	if a.Meta.Kind == KindError && len(a.Meta.Errors) == 0 {
		d.Findingf(disp, a.line("kind"), "an error article without errors: list the exact texts or codes customers see, so search finds them")
	}
	if a.Meta.Kind == KindChecklist && a.tasks == 0 {
		d.Findingf(disp, a.line("kind"), "a checklist with nothing to tick: write its steps as a task list (- [ ] step)")
	}
	for _, l := range a.insecure {
		d.Findingf(disp, l.line, "link to %s uses http://: browsers warn about such pages; use https:// when the site has it", l.target)
	}
	if stale > 0 && a.Meta.Kind != KindChangelog && !a.Meta.Updated.IsZero() {
		if days := int(now.Sub(a.Meta.Updated).Hours() / 24); days > stale {
			d.Findingf(disp, a.line("updated"), "not updated for %d days (limit %d): check it still matches the product, then set updated:", days, stale)
		}
	}
}

// lintImages checks the images articles show: their files' size and
// width, and whether they can be read at all.
func lintImages(site *Site, srcName string, d *diag.Collector) {
	lc := site.Config.Lint
	maxW := cmp.Or(lc.MaxImageWidth, 1600)
	maxKB := cmp.Or(lc.MaxImageKB, 500)
	seen := map[string]bool{} // unreadable images reported on
	for _, a := range site.Articles {
		disp := join(srcName, a.Path)
		for _, img := range a.images {
			im := site.assetAt[img.target].pic.Facts()
			switch {
			case im.Missing: // the copy in render reports it
			case im.Err != nil:
				if !seen[img.target] {
					d.Findingf(disp, img.line, "image %s: cannot read it as an image (%v); it is shown as it is, without its size", img.target, im.Err)
				}
				seen[img.target] = true
			case im.Huge:
				d.Findingf(disp, img.line, "image %s is %d×%d px: too large to decode safely, so phones get no smaller copy; scale it down", img.target, im.Width, im.Height)
			case im.Width > maxW:
				d.Findingf(disp, img.line, "image %s is %d px wide (limit %d): crop it to the part that matters, or scale it down", img.target, im.Width, maxW)
			}
			if kb := im.Bytes / 1024; kb > int64(maxKB) {
				d.Findingf(disp, img.line, "image %s is %d KB (limit %d): on a slow phone it takes long to load; save it as PNG with fewer colours or as JPEG", img.target, kb, maxKB)
			}
		}
	}
}

// lintNow is the clock the staleness check reads; Config.Now overrides it.
func lintNow(t time.Time) time.Time {
	if t.IsZero() {
		return time.Now()
	}
	return t
}
