package zola

import (
	"cmp"
	"math"
	"path"
	"slices"
	"strings"
)

// weightOrder keeps the order of the sections Zola sorts by weight.
// deskbook lists a category's articles with an order: first, lowest
// first, so each page of such a section gets its place in its category:
// by the weights of the sections between the category and its own (a
// nested section's pages stay together, in its sibling order), then by
// its own weight, then by path. A page without a weight comes after those
// with one, as Zola leaves it out of the sorted list.
func (imp *importer) weightOrder() {
	type placed struct {
		key []int
		pg  *page
	}
	byCat := map[string][]placed{}
	weights := map[string]int{} // section folder → its weight, read once
	for _, pg := range imp.pages {
		sec := imp.sectionOf(pg)
		if sec == "." || imp.sorts[sec] != "weight" {
			continue
		}
		cat, _, _ := strings.Cut(sec, "/")
		key := append(imp.sectionWeights(cat, sec, weights), imp.pageWeight(pg))
		byCat[cat] = append(byCat[cat], placed{key, pg})
	}
	for _, ps := range byCat {
		slices.SortFunc(ps, func(a, b placed) int {
			return cmp.Or(slices.Compare(a.key, b.key), strings.Compare(a.pg.key, b.pg.key))
		})
		for i, p := range ps {
			for _, v := range p.pg.versions {
				n := i + 1
				v.order = &n
			}
		}
		imp.rep.WeightOrdered += len(ps)
	}
}

// sectionWeights is the weight of each section from below the category
// cat down to sec, as its _index.md gives it (none: after those with
// one); seen keeps those read.
func (imp *importer) sectionWeights(cat, sec string, seen map[string]int) []int {
	var ws []int
	for d := sec; d != cat && d != "."; d = path.Dir(d) {
		w, ok := seen[d]
		if !ok {
			w = math.MaxInt
			for _, f := range imp.peekFields(imp.sectionSrc[d]) {
				if n, ok := order(f); ok {
					w = n
				}
			}
			seen[d] = w
		}
		ws = append(ws, w)
	}
	slices.Reverse(ws)
	return ws
}

// pageWeight is a page's weight in the default language's version, else
// in any; none: after those with one.
func (imp *importer) pageWeight(pg *page) int {
	if v := pg.versions[imp.defLang]; v != nil && v.meta.order != nil {
		return *v.meta.order
	}
	for _, l := range imp.langs {
		if v := pg.versions[l]; v != nil && v.meta.order != nil {
			return *v.meta.order
		}
	}
	return math.MaxInt
}
