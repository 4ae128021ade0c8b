package builder

import (
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"deskbook/internal/diag"
	"deskbook/internal/slug"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Translations share an article's ID; its original is its version in the
// first language of site.yaml that has it. Here: what deskbook check says
// of translations, the notice of an outdated one, and the outline of an
// original for deskbook new --translate.

// TranslationReport is what deskbook check lists about translations.
// Missing ones are normal while a site grows, so they are a report, not
// warnings; translations older than their original are warnings.
type TranslationReport struct {
	// Articles counts the site's articles once, whatever their languages.
	Articles int
	// Languages has every language of site.yaml, in its order; it is
	// empty on a site with one language.
	Languages []TranslationGaps
}

// TranslationGaps is what one language lacks.
type TranslationGaps struct {
	Lang    string
	Missing []*Article     // the originals of the articles it has no version of, by ID
	Drafts  map[int]string // by ID, the source path of a missing one's draft in this language
}

// translationReport lists, per language, the articles it lacks.
func translationReport(site *Site) TranslationReport {
	langs := site.Config.Languages
	if len(langs) < 2 {
		return TranslationReport{}
	}
	ids := slices.Sorted(maps.Keys(site.byID))
	rep := TranslationReport{Articles: len(ids), Languages: make([]TranslationGaps, len(langs))}
	for i, l := range langs {
		rep.Languages[i] = TranslationGaps{Lang: l.Code, Drafts: map[int]string{}}
	}
	for _, id := range ids {
		group := site.byID[id]
		orig := site.original(group[0])
		for i, l := range langs {
			if in := func(a *Article) bool { return a.Lang == l.Code }; !slices.ContainsFunc(group, in) {
				rep.Languages[i].Missing = append(rep.Languages[i].Missing, orig)
				if j := slices.IndexFunc(site.drafts[id], in); j >= 0 {
					rep.Languages[i].Drafts[id] = site.drafts[id][j].Path
				}
			}
		}
	}
	return rep
}

// langRank is the place of a language in site.yaml; an unknown code comes last.
func (s *Site) langRank(code string) int {
	for i, l := range s.Config.Languages {
		if l.Code == code {
			return i
		}
	}
	return len(s.Config.Languages)
}

// original is the version of a in the first language of site.yaml that
// has it: a itself, or one of its translations.
func (s *Site) original(a *Article) *Article {
	best, rank := a, s.langRank(a.Lang)
	for _, t := range a.Translations {
		if r := s.langRank(t.Lang); r < rank {
			best, rank = t, r
		}
	}
	return best
}

// outdated returns the original of a translation whose updated: date is
// earlier than the original's, or nil. A version without a date is never
// outdated: nothing says when it was written.
func (s *Site) outdated(a *Article) *Article {
	o := s.original(a)
	if o.Lang == a.Lang || a.Meta.Updated.IsZero() || !a.Meta.Updated.Before(o.Meta.Updated) {
		return nil
	}
	return o
}

// checkTranslations warns about translations older than their original
// and about categories a language has no _category.yaml for while
// another language has one (the category would show its folder name). It
// reads only what is loaded, so serve runs it after every edit.
func checkTranslations(site *Site, srcName string, d *diag.Collector) {
	const day = "2006-01-02"
	for _, a := range site.Articles {
		if o := site.outdated(a); o != nil {
			d.Findingf(join(srcName, a.Path), a.line("updated"), "translation is older than the original %s (updated %s < %s); update it and its updated: date",
				join(srcName, o.Path), a.Meta.Updated.Format(day), o.Meta.Updated.Format(day))
		}
	}
	if len(site.Config.Languages) < 2 {
		return
	}
	described := map[string]*Category{} // folder name → its version with a _category.yaml in the first language that has one
	for _, c := range site.Categories {
		if prev := described[c.Name]; c.meta != "" && (prev == nil || site.langRank(c.Lang) < site.langRank(prev.Lang)) {
			described[c.Name] = c
		}
	}
	for _, c := range site.Categories {
		o := described[c.Name]
		if c.Name == "" || c.Virtual || c.meta != "" || o == nil {
			continue
		}
		d.Findingf(join(srcName, path.Join(c.Lang, c.Name, "_category.yaml")), 0,
			"missing, so this category is called %q here; %s gives it its title in %s: copy it here and translate it", c.Title, join(srcName, o.meta), o.Lang)
	}
}

// OutdatedNotice tells the reader of a translation older than its
// original that it may be out of date, and where the original is.
type OutdatedNotice struct {
	Original *Article
	Lang     Language // the original's language
	URL      string   // a link from this page to the original
	// Before and After are the notice's text around the original's date
	// (the {date} of the interface string outdated_text).
	Before, After string
}

// Outdated is the notice an outdated translation shows, or nil. It is
// worked out as the page is made, from the site as it is then: serve
// keeps a page's View while the site's structure stands, and a changed
// updated: date does not change the structure.
func (v *View) Outdated() *OutdatedNotice {
	if v.Article == nil {
		return nil
	}
	o := v.r.site.outdated(v.Article)
	if o == nil {
		return nil
	}
	before, after, _ := strings.Cut(v.T.OutdatedText, "{date}")
	return &OutdatedNotice{Original: o, Lang: v.r.site.language(o.Lang), URL: v.URL(o.URL), Before: before, After: after}
}

// Outline is the shape of an article's Markdown body, as a translation of
// it starts: whether text comes before the first heading, and the
// headings.
type Outline struct {
	Intro    bool
	Headings []OutlineHeading
}

// OutlineHeading is one heading of an article.
type OutlineHeading struct {
	Level int
	// ID is the anchor the article's page gives the heading: the writer's
	// {#id}, or the one made from its text, numbered as a build numbers
	// it. A translation that keeps it keeps links with anchors working in
	// every language.
	ID string
	// Markdown is the heading's text as written, without its {#id}.
	Markdown string
}

// OutlineOf reads the outline of an article's body (the Markdown after its
// front matter). theme is the theme the site is built with: its pages'
// own ids are taken, so a heading "Main" is #main-1, as in a build.
func OutlineOf(body []byte, theme fs.FS) Outline {
	md := goldmark.New(goldmark.WithExtensions(syntaxExtensions()...), goldmark.WithParserOptions(syntaxOptions()...))
	ids := slug.NewIDs()
	for id := range themeIDs(theme) {
		ids.Put([]byte(id))
	}
	doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(parser.NewContext(parser.WithIDs(ids))))
	var out Outline
	if first := doc.FirstChild(); first != nil && first.Kind() != ast.KindHeading {
		out.Intro = true
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		var words []string
		for i := range h.Lines().Len() {
			seg := h.Lines().At(i)
			words = append(words, strings.TrimSpace(string(seg.Value(body))))
		}
		out.Headings = append(out.Headings, OutlineHeading{Level: h.Level, ID: string(idb), Markdown: strings.Join(words, " ")})
		return ast.WalkSkipChildren, nil
	})
	return out
}
