package markdown

import (
	"maps"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"deskbook/internal/directive"
	"deskbook/internal/importer/scan"
	"deskbook/internal/slug"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// action is what becomes of a link.
type action int

const (
	linkKeep    action = iota // unchanged
	linkRewrite               // a new destination
	linkPlain                 // the link's text alone (a link), nothing (an image)
)

// rewriteAll rewrites the links, images and includes of every page and
// fragment to the new files, once every page's place and heading ids
// are known, and takes each page's summary.
func (imp *importer) rewriteAll() {
	for _, pg := range imp.pages {
		for _, v := range pg.versions {
			v.anchors = imp.headingIDs(v.conv)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(imp.frags)) {
		fr := imp.frags[k]
		fr.out = imp.fragmentOut(fr)
	}
	for _, pg := range imp.ordered() {
		for _, l := range slices.Sorted(maps.Keys(pg.versions)) {
			v := pg.versions[l]
			r := &rewriter{imp: imp, file: v.src, lang: v.lang, out: v.out, oldURL: v.oldURL, anchors: v.anchors, bodyLine: v.bodyLine}
			vars := imp.varsIn(v.lang)
			v.result = imp.settleVars(v.src, r.run(v.conv), vars, v.meta.params)
			// Front matter is not Markdown: its variables are filled in here.
			v.title, v.summary = fillVars(v.title, vars), fillVars(v.meta.description, vars)
			if v.summary == "" {
				v.summary = imp.firstSentence(v.result, vars)
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(imp.frags)) {
		fr := imp.frags[k]
		r := &rewriter{imp: imp, file: fr.src, lang: fr.lang, out: fr.out, bodyLine: fr.bodyLine}
		fr.result = imp.settleVars(fr.src, r.run(fr.conv), imp.varsIn(fr.lang), nil)
	}
}

// settleVars makes every variable of a converted body one that site.yaml
// defines in its language, so that an imported page builds. A value with
// Markdown in it (a YFM preset "[Locale](…)") is written in where it is
// used, as the old generator put it before reading the Markdown: a
// deskbook variable is plain text. A Hugo
// parameter is the page's own (params: in its front matter), written in
// as text, or the site's, which becomes a variable of every language. A
// variable defined nowhere is kept as text, as YFM and Hugo show it, with
// a warning.
func (imp *importer) settleVars(file, body string, vars, page map[string]string) string {
	if !strings.Contains(body, "{{") {
		return body // most pages: no second parse
	}
	warned := map[string]bool{}
	out := directive.ReplaceVars([]byte(body), func(name, whole string) (string, bool) {
		if v, ok := vars[name]; ok {
			return v, markupRE.MatchString(v) && !strings.Contains(v, "\n")
		}
		if v, ok := lookupFold(page, name); ok {
			return v, true
		}
		if v, ok := lookupFold(imp.site.params, name); ok {
			for _, c := range imp.langs {
				imp.addVariable(file, c, name, v)
			}
			vars[name] = v
			return "", false
		}
		if !warned[name] {
			warned[name] = true
			imp.warnf(file, 0, "{{%s}} is defined nowhere in the source; kept as text: define %s under variables: in site.yaml and write {{%s}} to use it", name, name, name)
			imp.constructs["undefined-variable"]++
		}
		return `\` + whole, true
	})
	return string(out)
}

// markupRE matches a value with Markdown or HTML in it: a link, emphasis,
// code or a tag.
var markupRE = regexp.MustCompile("\\[[^\\]]*\\]\\([^)]*\\)|\\*\\*|`|<[a-zA-Z/!]")

// lookupFold finds a Hugo parameter by name: Hugo's keys ignore case.
func lookupFold(m map[string]string, name string) (string, bool) {
	if v, ok := m[name]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

// headingIDs parses a body the way deskbook does and returns the ids its
// headings get.
func (imp *importer) headingIDs(body string) map[string]bool {
	ids := map[string]bool{}
	src := []byte(body)
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

// rewriter rewrites one body.
type rewriter struct {
	imp      *importer
	file     string // the source file
	lang     string
	out      string // its output path
	oldURL   string
	anchors  map[string]bool // the body's own heading ids; nil for a fragment
	bodyLine int
	body     string
	ed       editor
}

// run rewrites the body and returns it.
func (r *rewriter) run(body string) string {
	r.body, r.ed = body, editor{body: body}
	scanBody(body, r.link, r.include)
	return r.ed.apply()
}

// warnf reports a problem at the byte pos of the body.
func (r *rewriter) warnf(pos int, format string, args ...any) {
	line := r.bodyLine + strings.Count(r.body[:min(pos, len(r.body))], "\n")
	r.imp.warnf(r.file, line, format, args...)
}

// link rewrites one link, image or reference definition.
func (r *rewriter) link(s linkSite) {
	var dest string
	var act action
	if s.image {
		dest, act = r.image(s.dest, s.ds)
	} else {
		dest, act = r.resolve(s.dest, s.ds)
	}
	switch {
	case act == linkRewrite:
		r.ed.replace(s.ds, s.de, scan.MarkdownDest(dest))
	case act == linkPlain && (s.image || s.refDef):
		r.ed.replace(s.start, s.end, "")
	case act == linkPlain:
		r.ed.replace(s.start, s.start+1, "")
		r.ed.replace(s.close, s.end, "")
	}
}

// include points an include line at the fragment's new place, or drops
// the line when the fragment could not be read.
func (r *rewriter) include(s includeSite) {
	inc, _, _ := strings.Cut(s.path, "#") // a part of a file: the whole file
	p := path.Join(path.Dir(r.file), inc)
	fr := r.imp.frags[fragKey{p, r.lang}.String()]
	if fr == nil || fr.out == "" {
		r.ed.replace(s.start, s.end, "")
		return
	}
	r.ed.replace(s.ps, s.pe, relFile(path.Dir(r.out), fr.out))
}

// resolve decides what a link destination becomes: kept, rewritten to
// the imported page or file, or its text alone when it leads nowhere,
// since deskbook fails a build on a broken link.
func (r *rewriter) resolve(raw string, pos int) (string, action) {
	d := strings.TrimSpace(raw)
	if rest, ok := strings.CutPrefix(d, "xref:"); ok {
		return r.xref(rest, d, pos)
	}
	if rest, ok := strings.CutPrefix(d, "~/"); ok {
		d = "/" + path.Join(r.imp.site.root, rest) // DocFX: from the docs root
		return r.relative(strings.TrimPrefix(d, "/"), "", d, pos, true)
	}
	u, err := url.Parse(d)
	if err != nil || d == "" {
		return r.plainf(pos, "link %q cannot be read; kept as its text", d)
	}
	if u.Scheme != "" || u.Host != "" {
		return "", linkKeep
	}
	if u.Path == "" {
		if r.anchors == nil {
			return "", linkKeep
		}
		a, ok := r.imp.fixAnchor(u.Fragment, r.anchors)
		switch {
		case !ok:
			return r.plainf(pos, "link %q: this page has no such heading; kept as its text", d)
		case a != u.Fragment:
			return "#" + a, linkRewrite
		}
		return "", linkKeep
	}
	if strings.HasPrefix(u.Path, "/") {
		return r.absolute(u.Path, u.Fragment, d, pos)
	}
	return r.relative(path.Join(path.Dir(r.file), u.Path), u.Fragment, d, pos, strings.HasSuffix(u.Path, "/"))
}

// plainf reports a link that is turned into its text.
func (r *rewriter) plainf(pos int, format string, args ...any) (string, action) {
	r.imp.rep.LinksUnresolved++
	r.warnf(pos, format, args...)
	return "", linkPlain
}

// relative resolves a path in the source: a page by its file, with or
// without its ending, a folder by its index page or category, a file;
// else, for generators whose links are URLs, against the page's old URL.
func (r *rewriter) relative(target, frag, raw string, pos int, folder bool) (string, action) {
	if target == ".." || strings.HasPrefix(target, "../") {
		return r.plainf(pos, "link %q points outside the source folder; kept as its text", raw)
	}
	if !folder {
		for _, cand := range pageCandidates(target) {
			if f := r.imp.byPath[cand]; f != nil && r.imp.pages[f.key] != nil && r.imp.pages[f.key].versions[f.lang] != nil {
				return r.toPage(r.imp.pages[f.key], frag, raw, pos)
			}
		}
		if r.imp.assets[target] {
			return r.toFile(target, frag), linkRewrite
		}
	}
	if dest, act, ok := r.folder(target, frag, raw, pos); ok {
		return dest, act
	}
	if v := r.byOldURL(raw); v != nil {
		return r.toPage(v.page, frag, raw, pos)
	}
	return r.plainf(pos, "link %q: no page or file there; kept as its text", raw)
}

// byOldURL finds the page a relative link names as a URL, the way
// Hugo and Docusaurus links are written: against the page's old URL, or
// against its folder, as writers also mean.
func (r *rewriter) byOldURL(raw string) *version {
	ref, err := url.Parse(strings.TrimPrefix(raw, "./"))
	if r.oldURL == "" || err != nil {
		return nil
	}
	page := &url.URL{Path: r.oldURL}
	folder := &url.URL{Path: path.Dir(strings.TrimSuffix(r.oldURL, "/")) + "/"}
	for _, base := range []*url.URL{page, folder} {
		if v := r.imp.oldURL[normURL(base.ResolveReference(ref).Path)]; v != nil {
			return v
		}
	}
	return nil
}

// pageCandidates are the files a link to target may mean: the file, or
// the page without its ending, or with .html for .md.
func pageCandidates(target string) []string {
	out := []string{target}
	stem := strings.TrimSuffix(target, ".html")
	for _, ext := range mdExts {
		out = append(out, stem+ext)
	}
	return out
}

// folder resolves a link to a folder: its category when the folder is
// one, else its index page. ok is false when it is neither.
func (r *rewriter) folder(target, frag, raw string, pos int) (string, action, bool) {
	target = strings.TrimSuffix(target, "/")
	for _, name := range []string{"index.md", "README.md", "readme.md", "_index.md", "index.mdx"} {
		f := r.imp.byPath[path.Join(target, name)]
		if f == nil {
			continue
		}
		if pg := r.imp.pages[f.key]; pg != nil {
			dest, act := r.toPage(pg, frag, raw, pos)
			return dest, act, true
		}
	}
	if target == r.imp.langRoot(r.lang) || target == r.imp.site.root {
		r.imp.rep.LinksRewritten++
		return "/" + r.lang + "/", linkRewrite, true
	}
	for _, c := range r.imp.cats {
		if c.src != "" && (path.Join(r.imp.langRoot(r.lang), c.src) == target || path.Join(r.imp.site.root, c.src) == target) {
			r.imp.rep.LinksRewritten++
			return "/" + r.lang + "/" + c.dir + "/", linkRewrite, true
		}
	}
	return "", linkKeep, false
}

// absolute resolves a site-absolute path: a page by the URL it had, or a
// file served at the site root; anything else is left as it is, since it
// may be a part of the site the import does not hold.
func (r *rewriter) absolute(p, frag, raw string, pos int) (string, action) {
	for _, cand := range []string{p, r.imp.site.base + strings.TrimPrefix(p, "/")} {
		if v := r.imp.oldURL[normURL(cand)]; v != nil {
			return r.toPage(v.page, frag, raw, pos)
		}
	}
	if f := r.imp.rootFile(p); f != "" {
		return r.toFile(f, frag), linkRewrite
	}
	r.warnf(pos, "link %q is not a page of this import; left as it is", raw)
	return "", linkKeep
}

// rootFile is the file a site-absolute path names: in the folder served
// at the site root (Docusaurus's and Hugo's static/) or in the docs
// folder; "" when there is none.
func (imp *importer) rootFile(p string) string {
	p = strings.TrimPrefix(p, "/")
	if rest, ok := strings.CutPrefix("/"+p, imp.site.base); ok && imp.site.base != "/" {
		p = rest
	}
	for _, dir := range []string{imp.site.static, imp.site.root} {
		if dir == "" {
			continue
		}
		if f := path.Join(dir, p); imp.assets[f] {
			return f
		}
	}
	return ""
}

// xref resolves a DocFX cross-reference to the page with that uid.
func (r *rewriter) xref(ref, raw string, pos int) (string, action) {
	uid, frag, _ := strings.Cut(ref, "#")
	if u, err := url.PathUnescape(uid); err == nil {
		uid = u
	}
	uid, _, _ = strings.Cut(uid, "?")
	if pg := r.imp.uids[uid]; pg != nil && r.imp.pages[pg.key] == pg {
		return r.toPage(pg, frag, raw, pos)
	}
	return r.plainf(pos, "link %q: no page has uid %s; kept as its text", raw, uid)
}

// toPage links to a page: its version in the link's language, else the
// default language's, else any that is not a draft; a category's
// introduction is linked as its category.
func (r *rewriter) toPage(pg *page, frag, raw string, pos int) (string, action) {
	t := pg.versions[r.lang]
	for _, l := range append([]string{r.imp.defLang}, slices.Sorted(maps.Keys(pg.versions))...) {
		if t == nil || t.meta.draft {
			t = pg.versions[l]
		}
	}
	if t == nil || t.meta.draft {
		return r.plainf(pos, "link %q: the page is a draft; kept as its text", raw)
	}
	if frag != "" {
		a, ok := r.imp.fixAnchor(frag, t.anchors)
		if !ok {
			r.imp.rep.AnchorsDropped++
			r.warnf(pos, "link %q: %s has no heading #%s; the link goes to the top of the page", raw, r.imp.shown(t.src), frag)
		}
		frag = a
	}
	r.imp.rep.LinksRewritten++
	var dest string
	if pg.intro && pg.cat != nil {
		dest = "/" + t.lang + "/" + pg.cat.dir + "/"
	} else {
		dest = relFile(path.Dir(r.out), t.out)
	}
	if frag != "" {
		dest += "#" + frag
	}
	return dest, linkRewrite
}

// fixAnchor finds the heading an anchor means: itself, or the heading
// whose deskbook id it becomes when written the way GitHub, MkDocs and
// others write theirs (#step-1---enable-it, #my_var). ok is false when
// no heading matches.
func (imp *importer) fixAnchor(frag string, ids map[string]bool) (string, bool) {
	if ids[frag] || strings.HasPrefix(frag, "fn:") || strings.HasPrefix(frag, "fnref:") {
		return frag, true
	}
	if a := slug.Anchor(frag); ids[a] {
		imp.rep.AnchorsFixed++
		return a, true
	}
	return "", false
}

// toFile links to a file of the source, copied beside the pages of the
// link's language.
func (r *rewriter) toFile(p, frag string) string {
	out := r.imp.assetOut(r.lang, p)
	r.imp.copies[out] = p
	r.imp.rep.LinksRewritten++
	rel := relFile(path.Dir(r.out), out)
	if frag != "" {
		rel += "#" + frag
	}
	return rel
}

// image decides what an image becomes: pointed at the copied file,
// kept (on another site), or removed when its file is missing.
func (r *rewriter) image(raw string, pos int) (string, action) {
	d := strings.TrimSpace(raw)
	u, err := url.Parse(d)
	if err != nil || d == "" {
		r.imp.rep.ImagesMissing++
		r.warnf(pos, "image %q cannot be read; removed", d)
		return "", linkPlain
	}
	if u.Scheme != "" || u.Host != "" {
		return "", linkKeep
	}
	var p string
	switch {
	case strings.HasPrefix(u.Path, "~/"):
		p = path.Join(r.imp.site.root, u.Path[2:])
	case strings.HasPrefix(u.Path, "/"):
		p = r.imp.rootFile(u.Path)
	default:
		p = path.Join(path.Dir(r.file), u.Path)
	}
	if !r.imp.assets[p] {
		r.imp.rep.ImagesMissing++
		r.warnf(pos, "image %q is not in the source folder; removed", d)
		return "", linkPlain
	}
	out := r.imp.assetOut(r.lang, p)
	r.imp.copies[out] = p
	return relFile(path.Dir(r.out), out), linkRewrite
}

// assetOut is where a file of the source is copied for a language: its
// path below the language's folder, the docs folder or the folder served
// at the site root.
func (imp *importer) assetOut(code, p string) string {
	rel := p
	for _, dir := range []string{imp.langRoot(code), imp.site.root, imp.site.static} {
		if dir == "" || dir == "." {
			continue
		}
		if rest, ok := strings.CutPrefix(p, dir+"/"); ok {
			rel = rest
			break
		}
	}
	return imp.langDir(code) + path.Join(imp.outPath(path.Dir(rel)), path.Base(rel))
}

// relFile is the relative path from folder dir to file p, escaped as a URL.
func relFile(dir, p string) string {
	rel, err := filepath.Rel(filepath.FromSlash(dir), filepath.FromSlash(p))
	if err != nil {
		rel = p // cannot happen: both are paths inside the output folder
	}
	return (&url.URL{Path: filepath.ToSlash(rel)}).String()
}
