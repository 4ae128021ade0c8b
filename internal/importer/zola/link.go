package zola

import (
	"cmp"
	"deskbook/internal/importer/scan"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// shortLinkRE is the form of deskbook's short links, /a/<id>/, which a
// built site reads as a link to the article with that id.
var shortLinkRE = regexp.MustCompile(`^/a/([0-9]+)/?$`)

// link decides what a link destination becomes: kept, rewritten to the
// imported page or file, or turned into its text when its target is not
// imported, since a link that leads nowhere is worse than none.
func (c *conv) link(raw string, pos int) (string, action) {
	d := strings.TrimSpace(raw)
	if d == "" {
		c.plainf(pos, "a link with no target is kept as its text")
		return "", linkPlain
	}
	if rest, ok := strings.CutPrefix(d, "@/"); ok {
		p, frag, _ := strings.Cut(rest, "#")
		if f, err := url.PathUnescape(frag); err == nil {
			frag = f // as url.Parse gives it for the other links
		}
		return c.internal(p, frag, d, pos)
	}
	u, err := url.Parse(d)
	if err != nil {
		c.plainf(pos, "link %q cannot be read (%v); kept as its text", d, err)
		return "", linkPlain
	}
	if u.Scheme != "" || u.Host != "" {
		return "", linkKeep
	}
	if u.Path == "" {
		if u.Fragment != "" && c.check && !anchorIn(c.v.anchors, u.Fragment) {
			c.plainf(pos, "link %q: this page has no heading #%s; kept as its text", d, u.Fragment)
			return "", linkPlain
		}
		return "", linkKeep
	}
	if strings.HasPrefix(u.Path, "/") {
		return c.absolute(u, d, pos)
	}
	return c.relative(u, d, pos)
}

// absolute resolves a link to a path of the Zola site, /faq/app/: a page,
// a file or a top-level section.
func (c *conv) absolute(u *url.URL, d string, pos int) (string, action) {
	p := strings.Trim(u.Path, "/")
	if p == "" {
		return "", linkKeep // the home page
	}
	if id, ok := c.imp.urls[p]; ok {
		return c.byID(id, u.Fragment, d, pos)
	}
	if c.imp.files[p] {
		return c.file(p, u.Fragment), linkRewrite
	}
	if c.imp.isCategory(p) && !strings.Contains(p, "/") {
		c.t.rewritten++
		return "/" + c.v.lang + "/" + c.imp.outPath(p) + "/", linkRewrite
	}
	if dest, act, ok := c.sectionRedirect(p, u.Fragment, d, pos); ok {
		return dest, act
	}
	if shortLinkRE.MatchString(u.Path) {
		// deskbook reads /a/<n>/ as a link to the article with id n.
		c.plainf(pos, "link %q is not a page of this site and looks like a deskbook short link; kept as its text", d)
		return "", linkPlain
	}
	c.warnf(pos, "link %q is not a page of this site; left as it is (it will not work unless the site is served beside it)", d)
	return "", linkKeep
}

// relative resolves a link relative to the page's URL, which is its key;
// for a plain page, writers sometimes mean its folder, which is tried next.
func (c *conv) relative(u *url.URL, d string, pos int) (string, action) {
	for _, base := range []string{c.v.page.key, path.Dir(c.v.src)} {
		p := path.Join(base, u.Path)
		if p == ".." || strings.HasPrefix(p, "../") {
			continue
		}
		if strings.HasSuffix(p, ".md") {
			if dest, act, found := c.internalPage(p, u.Fragment, d, pos); found {
				return dest, act
			}
			continue
		}
		if pg := c.imp.pages[p]; pg != nil {
			return c.byID(pg.id, u.Fragment, d, pos)
		}
		if c.imp.files[p] {
			return c.file(p, u.Fragment), linkRewrite
		}
		if c.imp.isCategory(p) && !strings.Contains(p, "/") {
			c.t.rewritten++
			return "/" + c.v.lang + "/" + c.imp.outPath(p) + "/", linkRewrite
		}
		if dest, act, ok := c.sectionRedirect(p, u.Fragment, d, pos); ok {
			return dest, act
		}
	}
	c.plainf(pos, "link %q: no page or file there; kept as its text", d)
	return "", linkPlain
}

// plainf reports a link that is turned into its text.
func (c *conv) plainf(pos int, format string, args ...any) {
	c.t.unresolved++
	c.warnf(pos, format, args...)
}

// anchorIn reports whether a page with the heading ids ids has the
// anchor frag. Footnote anchors are made by the build, not by headings.
func anchorIn(ids map[string]bool, frag string) bool {
	return ids[frag] || strings.HasPrefix(frag, "fn:") || strings.HasPrefix(frag, "fnref:")
}

// internal resolves a Zola internal link, @/path/index.md#anchor.
func (c *conv) internal(p, frag, raw string, pos int) (string, action) {
	dest, act, found := c.internalPage(p, frag, raw, pos)
	if !found {
		c.plainf(pos, "link %q: there is no page %s; kept as its text", raw, p)
		return "", linkPlain
	}
	return dest, act
}

// internalPage resolves the path of a Markdown file or other file of the
// source. found is false, and nothing is reported, when there is none.
func (c *conv) internalPage(p, frag, raw string, pos int) (dest string, act action, found bool) {
	p = path.Clean(strings.TrimPrefix(p, "/"))
	if !strings.HasSuffix(p, ".md") {
		if c.imp.files[p] {
			return c.file(p, frag), linkRewrite, true
		}
		return "", linkPlain, false
	}
	dir, name := path.Split(p)
	dir = path.Clean(dir)
	stem, _ := c.imp.splitName(name)
	switch stem {
	case "_index":
		if dir == "." {
			c.t.rewritten++
			return "/" + c.v.lang + "/", linkRewrite, true
		}
		if !strings.Contains(dir, "/") && c.imp.isCategory(dir) {
			c.t.rewritten++
			return "/" + c.v.lang + "/" + c.imp.outPath(dir) + "/", linkRewrite, true
		}
		return c.sectionRedirect(dir, frag, raw, pos)
	case "index":
		p = dir
	default:
		p = path.Join(dir, stem)
	}
	pg := c.imp.pages[p]
	if pg == nil {
		return "", linkPlain, false
	}
	dest, act = c.byID(pg.id, frag, raw, pos)
	return dest, act, true
}

// byID links to a page by its id; deskbook picks the version in the
// reader's language.
func (c *conv) byID(id int, frag, raw string, pos int) (string, action) {
	t := c.imp.target(id, c.v.lang)
	if t == nil {
		c.plainf(pos, "link %q: the page is a draft or not in an imported language; kept as its text", raw)
		return "", linkPlain
	}
	dest := "/a/" + strconv.Itoa(id) + "/"
	if frag != "" {
		if c.check && !anchorIn(t.anchors, frag) {
			c.t.anchors++
			c.warnf(pos, "link %q: %s has no heading #%s; the link goes to the top of the page", raw, c.imp.shown(t.src), frag)
		} else {
			dest += "#" + frag
		}
	}
	c.t.rewritten++
	return dest, linkRewrite
}

// file links to a file of the source, copied into this page's language.
func (c *conv) file(p, frag string) string {
	out := c.imp.assetOut(c.v.lang, p)
	c.imp.copies[out] = p
	c.t.rewritten++
	rel := relFile(path.Dir(c.v.out), out)
	if frag != "" {
		rel += "#" + frag
	}
	return rel
}

// relFile is the relative path from folder dir to file p, escaped as a URL.
func relFile(dir, p string) string {
	rel, err := filepath.Rel(filepath.FromSlash(dir), filepath.FromSlash(p))
	if err != nil {
		rel = p // cannot happen: both are paths inside the output folder
	}
	return (&url.URL{Path: filepath.ToSlash(rel)}).String()
}

// image decides what an image becomes: kept, pointed at the copied file,
// or removed when its file is missing.
func (c *conv) image(start, end, ds, de int, raw string) {
	dest, ok := c.imageDest(raw, start)
	switch {
	case !ok:
		c.replace(start, end, "")
	case dest != "":
		c.replace(ds, de, scan.MarkdownDest(dest))
	}
}

// imageDest returns the new source of an image ("" to keep it as it is),
// or false when the image must go.
func (c *conv) imageDest(raw string, pos int) (string, bool) {
	d := strings.TrimSpace(raw)
	if d == "" {
		c.t.missing++
		c.warnf(pos, "an image with no file was removed")
		return "", false
	}
	u, err := url.Parse(d)
	if err != nil {
		c.t.missing++
		c.warnf(pos, "image %q cannot be read (%v); removed", d, err)
		return "", false
	}
	if u.Scheme != "" || u.Host != "" {
		return "", true
	}
	var cands []string
	switch {
	case strings.HasPrefix(u.Path, "@/"):
		cands = []string{path.Clean(u.Path[2:])}
	case strings.HasPrefix(u.Path, "/"):
		cands = []string{path.Clean(u.Path[1:])}
	default:
		cands = []string{path.Join(c.v.page.key, u.Path), path.Join(path.Dir(c.v.src), u.Path)}
	}
	for _, p := range cands {
		if c.imp.files[p] {
			out := c.imp.assetOut(c.v.lang, p)
			c.imp.copies[out] = p
			return relFile(path.Dir(c.v.out), out), true
		}
	}
	c.t.missing++
	c.warnf(pos, "image %q is not in the source folder; removed", d)
	return "", false
}

// shortcode converts {{ screenshot(src=..., alt=...) }} into a Markdown
// image and counts the others, which stay in the text; replaced says it
// changed the text.
func (c *conv) shortcode(start, end int, name, args string, inline bool) (replaced bool) {
	if !inline || name != "screenshot" {
		c.t.shortcode(name, false)
		return false
	}
	kw, ok := shortcodeArgs(args)
	src := kw["src"]
	if !ok || src == "" {
		c.t.shortcode(name, false)
		c.warnf(start, "screenshot shortcode without a src; left as text")
		return false
	}
	c.t.shortcode(name, true)
	dest, keep := c.imageDest(src, start)
	if !keep {
		c.replace(start, end, "")
		return true
	}
	if dest == "" {
		dest = src
	}
	alt := strings.Join(strings.Fields(kw["alt"]), " ")
	if alt == "" {
		alt = c.v.meta.title
	}
	alt = strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`).Replace(alt)
	c.replace(start, end, "!["+alt+"]("+scan.MarkdownDest(dest)+")")
	return true
}

// shortcodeArgs reads Tera keyword arguments: name="text", n=3, b=true.
func shortcodeArgs(s string) (map[string]string, bool) {
	kw := map[string]string{}
	i := 0
	space := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == ',') {
			i++
		}
	}
	for space(); i < len(s); space() {
		j := i
		for i < len(s) && (s[i] == '_' || unicode.IsLetter(rune(s[i])) || unicode.IsDigit(rune(s[i]))) {
			i++
		}
		name := s[j:i]
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if name == "" || i >= len(s) || s[i] != '=' {
			return kw, false
		}
		i++
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			i++
		}
		if i < len(s) && strings.IndexByte("\"'`", s[i]) >= 0 {
			q := s[i]
			end := strings.IndexByte(s[i+1:], q)
			if end < 0 {
				return kw, false
			}
			kw[name] = s[i+1 : i+1+end]
			i += end + 2
			continue
		}
		j = i
		for i < len(s) && s[i] != ',' && s[i] != ' ' && s[i] != '\n' {
			i++
		}
		kw[name] = s[j:i]
	}
	return kw, true
}

// sectionRedirect resolves a link to a section below a top-level one,
// which has no page in deskbook: when its _index.md says redirect_to a
// page of the site, as Zola's own documentation does, the link goes to
// that page. found is false, and nothing is reported, otherwise.
func (c *conv) sectionRedirect(dir, frag, raw string, pos int) (dest string, act action, found bool) {
	src, ok := c.imp.sectionSrc[dir]
	if !ok {
		return "", linkPlain, false
	}
	for _, f := range c.imp.peekFields(src) {
		to, ok := f.Text()
		if f.Key != "redirect_to" || !ok {
			continue
		}
		u, err := url.Parse(strings.TrimSpace(to))
		if err != nil || u.Scheme != "" || u.Host != "" {
			return "", linkPlain, false
		}
		if id, ok := c.imp.urls[strings.Trim(u.Path, "/")]; ok {
			dest, act = c.byID(id, cmp.Or(frag, u.Fragment), raw, pos)
			return dest, act, true
		}
	}
	return "", linkPlain, false
}
