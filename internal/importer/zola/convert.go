package zola

import (
	"cmp"
	"maps"
	"regexp"
	"slices"
	"strings"

	"deskbook/internal/diag"
	"deskbook/internal/directive"
	"deskbook/internal/importer/scan"
	"deskbook/internal/slug"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// convertAll rewrites every body twice: the first pass learns the heading
// ids of the converted pages, the second checks links to them.
func (imp *importer) convertAll() {
	for pass := range 2 {
		t := newTally()
		check := pass == 1
		for _, v := range imp.versions {
			v.result = imp.convert(v, t, check)
		}
		if !check {
			for _, v := range imp.versions {
				v.anchors = imp.headingIDs(v)
			}
		}
		imp.tall = t
	}
}

// headingIDs parses a converted body the way deskbook does and returns the
// ids its headings get.
func (imp *importer) headingIDs(v *version) (ids map[string]bool) {
	ids = map[string]bool{}
	defer func() {
		if r := recover(); r != nil {
			imp.warnf(v.src, 0, "could not read the headings of this page: %v", r)
		}
	}()
	src := []byte(v.result)
	pc := parser.NewContext(parser.WithIDs(slug.NewIDs()))
	doc := imp.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if id, ok := h.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					ids[string(b)] = true
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return ids
}

// target is the version of a page that a link from a page in the language
// code reaches, as deskbook picks it for /a/<id>/: the same language, else
// the default language, else the first in path order. Drafts are not
// built, so they do not count.
func (imp *importer) target(id int, code string) *version {
	pg := imp.byID[id]
	if pg == nil {
		return nil
	}
	ok := func(l string) *version {
		if v := pg.versions[l]; v != nil && !v.meta.draft {
			return v
		}
		return nil
	}
	if v := ok(code); v != nil {
		return v
	}
	if v := ok(imp.defLang); v != nil {
		return v
	}
	for _, l := range slices.Sorted(maps.Keys(pg.versions)) {
		if v := ok(l); v != nil {
			return v
		}
	}
	return nil
}

// isCategory tells whether a top-level folder has pages, so deskbook makes
// a category page for it.
func (imp *importer) isCategory(dir string) bool { return imp.cats[dir] }

// tally counts what one conversion pass did.
type tally struct {
	shortcodes map[string]*[2]int // name → converted, left as text
	rewritten  int
	unresolved int
	anchors    int
	missing    int
	warnings   *diag.Collector
}

// newTally starts the counts of a conversion pass.
func newTally() *tally {
	return &tally{shortcodes: map[string]*[2]int{}, warnings: &diag.Collector{}}
}

// shortcode counts one use of a shortcode.
func (t *tally) shortcode(name string, converted bool) {
	c := t.shortcodes[name]
	if c == nil {
		c = &[2]int{}
		t.shortcodes[name] = c
	}
	if converted {
		c[0]++
	} else {
		c[1]++
	}
}

// edit replaces body[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// conv converts one page version's body.
type conv struct {
	imp   *importer
	v     *version
	t     *tally
	check bool // check anchors (the second pass)
	body  string
	edits []edit
}

// convert rewrites one version's body: its shortcodes, links and images,
// outside code. check is for the second pass, when the anchors of every
// page are known.
func (imp *importer) convert(v *version, t *tally, check bool) (out string) {
	c := &conv{imp: imp, v: v, t: t, check: check, body: v.body}
	defer func() {
		// Odd input must never take the import down; the page keeps its text.
		if r := recover(); r != nil {
			c.warnf(-1, "internal error while converting this page (%v); its text is kept as it was", r)
			out = v.body
		}
	}()
	for _, seg := range scan.Prose(c.body) {
		c.segment(seg[0], seg[1])
	}
	slices.SortStableFunc(c.edits, func(a, b edit) int { return cmp.Compare(a.start, b.start) })
	var b strings.Builder
	at := 0
	for _, e := range c.edits {
		if e.start < at {
			continue // overlapping edits cannot happen; never apply one twice
		}
		b.WriteString(c.body[at:e.start])
		b.WriteString(e.text)
		at = e.end
	}
	b.WriteString(c.body[at:])
	// Zola's Markdown has no variables or directives: "{{ x }}" and ":::"
	// left in its text are words to show, never deskbook's syntax.
	return string(directive.Escape([]byte(b.String())))
}

// warnf reports a problem at the byte pos of the body, or with the whole
// page when pos is negative.
func (c *conv) warnf(pos int, format string, args ...any) {
	line := 0
	if pos >= 0 {
		line = c.v.bodyLine + strings.Count(c.body[:min(pos, len(c.body))], "\n")
	}
	c.t.warnings.Warnf(c.imp.shown(c.v.src), line, format, args...)
}

// replace asks for body[start:end] to be replaced with text; convert
// makes the replacements at the end, so positions stay those of the source.
func (c *conv) replace(start, end int, text string) {
	c.edits = append(c.edits, edit{start, end, text})
}

// shortcodeRE matches an inline shortcode, {{ name(args) }};
// blockShortcodeRE the opening of a block one, {% name(args) %}.
var (
	shortcodeRE      = regexp.MustCompile(`\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(([^{}]*?)\)\s*-?\}\}`)
	blockShortcodeRE = regexp.MustCompile(`\{%-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(([^{}%]*?)\)\s*-?%\}`)
)

// segment converts one stretch of prose: shortcodes, reference
// definitions, inline links and images. Code spans are left alone.
func (c *conv) segment(s, e int) {
	skip := scan.CodeSpans(c.body, s, e)
	var shorts [][2]int
	for _, re := range []*regexp.Regexp{shortcodeRE, blockShortcodeRE} {
		for _, m := range re.FindAllStringSubmatchIndex(c.body[s:e], -1) {
			start, end := s+m[0], s+m[1]
			if scan.Inside(skip, start) {
				continue
			}
			name, args := c.body[s+m[2]:s+m[3]], c.body[s+m[4]:s+m[5]]
			// A shortcode kept as its text is text to the build, whose
			// links are read across it ("[{{t(]()}}" links to nothing).
			if c.shortcode(start, end, name, args, re == shortcodeRE) {
				shorts = append(shorts, [2]int{start, end})
			}
		}
	}
	skip = append(skip, shorts...)
	slices.SortFunc(skip, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })

	for _, d := range scan.Defs(c.body, s, e, skip) {
		raw := strings.TrimSuffix(strings.TrimPrefix(c.body[d.DS:d.DE], "<"), ">")
		dest, act := c.link(raw, d.DS)
		switch act {
		case linkRewrite:
			c.replace(d.DS, d.DE, scan.MarkdownDest(dest))
		case linkPlain:
			c.replace(d.Start, d.End, "")
		}
	}
	c.inline(s, e, skip)
}

// action is what becomes of a link.
type action int

const (
	linkKeep    action = iota // unchanged
	linkRewrite               // new destination
	linkPlain                 // the link text alone (a link), nothing (an image)
)

// opener is a [ that may start a link, or an image with ![.
type opener struct {
	pos   int
	image bool
}

// inline finds [text](dest) links and ![alt](src) images in body[s:e],
// skipping code spans and shortcodes.
func (c *conv) inline(s, e int, skip [][2]int) {
	var open []opener
	k := 0
	for i := s; i < e; i++ {
		for k < len(skip) && skip[k][1] <= i {
			k++
		}
		if k < len(skip) && i >= skip[k][0] {
			i = skip[k][1] - 1
			continue
		}
		switch c.body[i] {
		case '\\':
			i++
		case '[':
			open = append(open, opener{pos: i, image: i > s && c.body[i-1] == '!' && (i-1 == s || c.body[i-2] != '\\')})
		case ']':
			if len(open) == 0 {
				continue
			}
			o := open[len(open)-1]
			open = open[:len(open)-1]
			if i+1 >= e || c.body[i+1] != '(' {
				continue
			}
			ds, de, close, ok := scan.InlineDest(c.body, i+2, e)
			if !ok {
				continue
			}
			raw := strings.TrimSuffix(strings.TrimPrefix(c.body[ds:de], "<"), ">")
			if o.image {
				c.image(o.pos-1, close+1, ds, de, raw)
			} else {
				dest, act := c.link(raw, ds)
				switch act {
				case linkRewrite:
					c.replace(ds, de, scan.MarkdownDest(dest))
				case linkPlain:
					c.replace(o.pos, o.pos+1, "")
					c.replace(i, close+1, "")
					// The link kept an earlier [ from opening one around
					// it ([[a]()](b) is text, a link, text); with the link
					// gone that [ is escaped, or it would.
					for _, x := range open {
						if !x.image {
							c.replace(x.pos, x.pos, `\`)
						}
					}
				}
				open = open[:0] // links do not nest
			}
			i = close
		}
	}
}
