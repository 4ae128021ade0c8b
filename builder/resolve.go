package builder

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"deskbook/internal/diag"
	"deskbook/internal/parallel"
	"deskbook/internal/slug"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// checkLinks checks links to headings and the IDs named in front matter.
// It returns the articles to parse again: those linking by the anchor
// GitHub, MkDocs, Docusaurus or DocFX gives a heading, to link by ours.
func checkLinks(site *Site, srcName string, d *diag.Collector) (redo []*Article) {
	// Worked out afresh on every call: serve calls it after each edit.
	site.changedBy = map[int][]*Article{}
	for _, a := range site.parsed {
		for _, l := range a.links {
			if l.anchor == "" {
				continue
			}
			t := cmp.Or(l.target, a)
			id := t.anchor(l.anchor)
			if id == "" {
				where := "this article"
				if t != a {
					where = join(srcName, t.Path)
				}
				d.Brokenf(join(srcName, a.Path), l.line, "broken link %q: %s has no heading #%s", l.raw, where, l.anchor)
			} else if id != l.anchor || l.wrote != id { // another tool's anchor, kept for every parse from now on
				if site.anchors[t.Path+"#"+l.anchor] = id; l.wrote != id {
					redo = append(redo, a)
				}
			}
		}
		for _, id := range a.Meta.Affects {
			if len(site.byID[id]) == 0 {
				d.Errorf(join(srcName, a.Path), a.line("affects"), "affects: no article has id %d", id)
				continue
			}
			site.changedBy[id] = append(site.changedBy[id], a)
		}
	}
	return slices.Compact(redo)
}

// arrange links translations, orders categories and articles, and works out
// previous/next and related articles.
func arrange(ctx context.Context, site *Site, srcName string, d *diag.Collector) error {
	translate(site, srcName, d)

	// Titles sort the way readers of each language expect (Ukrainian і and ї
	// in their places, not after я).
	cols := collators(site.Config.Languages)
	slices.SortFunc(site.Categories, func(x, y *Category) int {
		return cmp.Or(cmp.Compare(x.Lang, y.Lang), cmp.Compare(x.Order, y.Order), cols[x.Lang].CompareString(x.Title, y.Title), cmp.Compare(x.Name, y.Name))
	})
	// Collators are not safe for concurrent use, so categories sort one by one.
	for _, c := range site.Categories {
		orderCategory(c, cols[c.Lang])
	}
	return relate(ctx, site)
}

// collators make titles sort the way readers of each language expect.
func collators(langs []Language) map[string]*collate.Collator {
	cols := map[string]*collate.Collator{}
	for _, l := range langs {
		cols[l.Code] = collate.New(language.Make(l.Code), collate.IgnoreCase)
	}
	return cols
}

// orderCategory sorts a category's articles the way readers of its
// language expect, and links each to its previous and next.
func orderCategory(c *Category, col *collate.Collator) {
	slices.SortFunc(c.Articles, func(x, y *Article) int {
		if x.Meta.Kind == KindChangelog || y.Meta.Kind == KindChangelog {
			// Changes read newest first.
			if r := y.Meta.Date.Compare(x.Meta.Date); r != 0 {
				return r
			}
		}
		return cmp.Or(compareOrder(x.Meta.Order, y.Meta.Order), col.CompareString(x.Meta.Title, y.Meta.Title), cmp.Compare(x.Path, y.Path))
	})
	slices.SortFunc(c.Fallbacks, func(x, y *Article) int {
		return cmp.Or(col.CompareString(x.Meta.Title, y.Meta.Title), cmp.Compare(x.Path, y.Path))
	})
	for i, a := range c.Articles {
		a.Prev, a.Next = nil, nil
		if i > 0 {
			a.Prev = c.Articles[i-1]
		}
		if i+1 < len(c.Articles) {
			a.Next = c.Articles[i+1]
		}
	}
}

// compareOrder puts articles with an order: first, lowest first.
func compareOrder(x, y *int) int {
	switch {
	case x != nil && y != nil:
		return cmp.Compare(*x, *y)
	case x != nil:
		return -1
	case y != nil:
		return 1
	}
	return 0
}

// translate links the versions of an article in different languages (they
// share an ID) and, unless site.yaml says untranslated: hide, lists each
// article in the languages that lack it.
func translate(site *Site, srcName string, d *diag.Collector) {
	order := map[string]int{}
	for i, l := range site.Config.Languages {
		order[l.Code] = i
	}
	ids := make([]int, 0, len(site.byID))
	for id := range site.byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	cats := map[string]*Category{}
	for _, c := range site.Categories {
		cats[c.Lang+"/"+c.Name] = c
	}
	list := site.Config.Untranslated != "hide"
	for _, id := range ids {
		group := slices.Clone(site.byID[id])
		slices.SortFunc(group, func(x, y *Article) int { return cmp.Compare(order[x.Lang], order[y.Lang]) })
		first := group[0]
		for _, a := range group {
			if a.Meta.Kind != first.Meta.Kind {
				d.Errorf(join(srcName, a.Path), a.line("kind"), "kind %s differs from the %s version %s (kind %s): translations share their kind",
					a.Meta.Kind, first.Lang, join(srcName, first.Path), first.Meta.Kind)
			}
			for _, b := range group {
				if b != a {
					a.Translations = append(a.Translations, b)
				}
			}
		}
		if !list || len(site.Config.Languages) < 2 {
			continue
		}
		// The version readers of a missing language get: the default
		// language's when there is one, else the first in site order.
		for _, l := range site.Config.Languages {
			if slices.ContainsFunc(group, func(a *Article) bool { return a.Lang == l.Code }) {
				continue
			}
			fb := first
			c := cats[l.Code+"/"+fb.Category.Name]
			if c == nil {
				c = &Category{Lang: l.Code, Name: fb.Category.Name, Title: fb.Category.Title, Description: fb.Category.Description,
					Order: fb.Category.Order, URL: l.Code + "/", Virtual: true}
				if c.Name != "" {
					c.URL += c.Name + "/"
				}
				cats[l.Code+"/"+c.Name] = c
				site.Categories = append(site.Categories, c)
			}
			c.Fallbacks = append(c.Fallbacks, fb)
		}
	}
}

// anchor is the id of a's heading a fragment names, by ours or another tool's anchor; "" for none.
func (a *Article) anchor(frag string) string {
	if a.hasAnchor(frag) {
		return frag
	}
	if i, ok := slug.Foreign(len(a.Headings), func(i int) string { return a.Headings[i].Text })[frag]; ok {
		return a.Headings[i].ID
	}
	return ""
}

func (a *Article) hasAnchor(id string) bool {
	for _, h := range a.Headings {
		if h.ID == id {
			return true
		}
	}
	// Footnote anchors are made by goldmark, not headings.
	return strings.HasPrefix(id, "fn:") || strings.HasPrefix(id, "fnref:")
}

// relate picks up to five articles sharing the most tags with each article,
// in the same language. An inverted index keeps this linear in the number
// of (article, tag) pairs rather than quadratic in articles.
func relate(ctx context.Context, site *Site) error {
	const maxRelated = 5
	type langTag struct{ lang, tag string }
	byTag := map[langTag][]*Article{}
	for _, a := range site.Articles {
		for _, t := range a.Meta.Tags {
			k := langTag{a.Lang, strings.ToLower(t)}
			byTag[k] = append(byTag[k], a)
		}
	}
	return parallel.CPU(ctx, len(site.Articles), func(i int) {
		a := site.Articles[i]
		score := map[*Article]int{}
		for _, t := range a.Meta.Tags {
			peers := byTag[langTag{a.Lang, strings.ToLower(t)}]
			if len(peers) > 200 {
				continue // a tag on everything relates nothing
			}
			for _, b := range peers {
				if b != a && b.Meta.Kind != KindChangelog {
					score[b]++
				}
			}
		}
		if len(score) == 0 {
			return
		}
		rel := make([]*Article, 0, len(score))
		for b := range score {
			rel = append(rel, b)
		}
		slices.SortFunc(rel, func(x, y *Article) int {
			return cmp.Or(cmp.Compare(score[y], score[x]), cmp.Compare(x.Path, y.Path))
		})
		a.Related = rel[:min(len(rel), maxRelated)]
	})
}
