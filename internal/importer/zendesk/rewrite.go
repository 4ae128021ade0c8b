package zendesk

import (
	"cmp"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Zendesk's URL forms: an article (/hc/en-us/articles/360-Slug, or
// /hc/articles/360 without a locale), and an attachment
// (/hc/article_attachments/1428/logo.png, or without the name).
var (
	articlePath    = regexp.MustCompile(`^/hc/(?:[A-Za-z-]+/)?articles/([0-9]+)(?:-[^/]*)?/?$`)
	attachmentPath = regexp.MustCompile(`^/hc/(?:[A-Za-z-]+/)?article_attachments/([0-9]+)(?:/([^/]+))?/?$`)
)

// rewrite changes an article's links, images and callouts in place before
// it is converted: links between articles become relative links to their
// files, attachments local files, other links of the old help centre full
// addresses, callout boxes callouts.
func (imp *importer) rewrite(v *version, root *html.Node) {
	var links, images, callouts []*html.Node
	for n := range root.Descendants() {
		switch {
		case n.Type != html.ElementNode:
		case n.DataAtom == atom.A && attr(n, "href") != "":
			links = append(links, n)
		case n.DataAtom == atom.Img:
			images = append(images, n)
		}
		if n.Type == html.ElementNode && calloutKind(n) != "" {
			callouts = append(callouts, n)
		}
	}
	for _, n := range callouts {
		setAttr(n, calloutAttr, calloutKind(n))
		imp.rep.Callouts++
	}
	for _, n := range links {
		imp.rewriteLink(v, n)
	}
	for _, n := range images {
		imp.rewriteImage(v, n)
	}
}

// own reports whether an address is of the old help centre (or of none:
// a path), and gives its path and fragment.
func (imp *importer) own(raw string) (p, frag string, ok bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", "", false
	}
	if u.Scheme != "" || u.Host != "" {
		if imp.host == nil || !strings.EqualFold(u.Host, imp.host.Host) {
			return "", "", false
		}
	}
	return u.Path, u.Fragment, true
}

// rewriteLink decides what one link becomes.
func (imp *importer) rewriteLink(v *version, n *html.Node) {
	href := attr(n, "href")
	p, frag, ok := imp.own(href)
	switch {
	case !ok:
		return // another site, mailto:, tel:
	case p == "" && frag != "":
		if a, ok := v.anchors[frag]; ok {
			setAttr(n, "href", "#"+a)
		} else {
			imp.warnf(v.src, "%s: link %q: no heading has that id; kept as its text", articleLabel(v), href)
			unwrap(n)
		}
	case p == "":
	case articlePath.MatchString(p):
		id, _ := strconv.ParseInt(articlePath.FindStringSubmatch(p)[1], 10, 64)
		imp.linkArticle(v, n, id, frag, href)
	case attachmentPath.MatchString(p):
		if dest, ok := imp.attachment(v, p, href); ok {
			setAttr(n, "href", dest)
		} else {
			imp.toOld(n, p, frag)
		}
	case strings.HasPrefix(p, "/"):
		imp.toOld(n, p, frag)
		if imp.host == nil {
			imp.warnf(v.src, "%s: link %q leads to a page of the old help centre, whose address is unknown; kept as its text (give --help-centre)", articleLabel(v), href)
			unwrap(n)
		}
	default:
		imp.warnf(v.src, "%s: relative link %q cannot be followed; kept as its text", articleLabel(v), href)
		unwrap(n)
	}
}

// toOld points a link at the old help centre's full address, for pages
// that are not articles (sections, request forms, the community).
func (imp *importer) toOld(n *html.Node, p, frag string) {
	if u := imp.oldURL(p, frag); u != "" {
		setAttr(n, "href", u)
		imp.rep.LinksToOld++
	}
}

// oldURL is the full address of a path of the old help centre, or "" when
// its address is unknown.
func (imp *importer) oldURL(p, frag string) string {
	if imp.host == nil {
		return ""
	}
	u := *imp.host
	u.Path, u.Fragment = p, frag
	return u.String()
}

// linkArticle points a link at an imported article: its file in the same
// language, or its short link /a/<id>/ when that language lacks it.
func (imp *importer) linkArticle(v *version, n *html.Node, id int64, frag, href string) {
	d := imp.byID[id]
	if d == nil {
		if imp.host != nil {
			imp.warnf(v.src, "%s: link %q: article %d is not in the export; the link goes to the old help centre", articleLabel(v), href, id)
			p, _, _ := imp.own(href)
			imp.toOld(n, p, frag)
			return
		}
		imp.warnf(v.src, "%s: link %q: article %d is not in the export; kept as its text", articleLabel(v), href, id)
		unwrap(n)
		return
	}
	t := d.versions[v.lang]
	dest := ""
	if t != nil && !t.draft {
		dest = relFile(path.Dir(v.out), t.out)
	} else if t = imp.published(d); t != nil {
		dest = "/a/" + strconv.FormatInt(id, 10) + "/"
	} else {
		imp.warnf(v.src, "%s: link %q: article %d is a draft in every language; kept as its text", articleLabel(v), href, id)
		unwrap(n)
		return
	}
	if frag != "" {
		if a, ok := t.anchors[frag]; ok {
			dest += "#" + a
		} else {
			imp.warnf(v.src, "%s: link %q: article %d has no heading with that id; the link goes to the top of the article", articleLabel(v), href, id)
		}
	}
	setAttr(n, "href", dest)
	imp.rep.LinksRewritten++
}

// published is a version of an article that is not a draft, in the
// site's language order, or nil.
func (imp *importer) published(d *doc) *version {
	for _, l := range imp.langs {
		if v := d.versions[l]; v != nil && !v.draft {
			return v
		}
	}
	return nil
}

// rewriteImage points an image at its copied attachment, or at the old
// help centre when the file is missing or it is another page of it.
func (imp *importer) rewriteImage(v *version, n *html.Node) {
	src := attr(n, "src")
	p, _, ok := imp.own(src)
	switch {
	case !ok || p == "":
		return
	case attachmentPath.MatchString(p):
		if dest, ok := imp.attachment(v, p, src); ok {
			setAttr(n, "src", dest)
			return
		}
	}
	if imp.host == nil {
		imp.warnf(v.src, "%s: image %q is on the old help centre, whose address is unknown; removed (give --help-centre)", articleLabel(v), src)
		n.Parent.RemoveChild(n)
		return
	}
	setAttr(n, "src", imp.oldURL(p, ""))
}

// attachment copies the attachment at an /hc/article_attachments/ path
// beside the version's file and returns the relative link to it. A
// missing file is a warning naming the article and the URL.
func (imp *importer) attachment(v *version, p, raw string) (string, bool) {
	m := attachmentPath.FindStringSubmatch(p)
	id, name := m[1], m[2]
	if n, err := url.PathUnescape(name); err == nil {
		name = n
	}
	file := imp.findAttachment(id, name)
	if file == "" {
		imp.rep.AttachmentsMissing++
		imp.warnf(v.src, "%s: attachment %s is not in the export's attachments folder (attachments/%s/%s); the link to the old help centre is kept", articleLabel(v), raw, id, cmp.Or(name, "<file name>"))
		return "", false
	}
	out := imp.langDir(v.lang) + v.doc.folder.name + "/attachments/" + id + "-" + safeName(path.Base(file))
	imp.copies[out] = file
	imp.rep.LinksRewritten++
	return relFile(path.Dir(v.out), out), true
}

// findAttachment finds an attachment's file in the export:
// attachments/<id>/<name>, attachments/<name>, the one file in
// attachments/<id>/, or attachments/<id> with or without an extension.
func (imp *importer) findAttachment(id, name string) string {
	isFile := func(p string) bool {
		fi, err := fs.Stat(imp.src, p)
		return err == nil && fi.Mode().IsRegular()
	}
	if name != "" {
		for _, p := range []string{"attachments/" + id + "/" + name, "attachments/" + name} {
			if isFile(p) {
				return p
			}
		}
	}
	if entries, err := fs.ReadDir(imp.src, "attachments/"+id); err == nil && len(entries) == 1 && entries[0].Type().IsRegular() {
		return "attachments/" + id + "/" + entries[0].Name()
	}
	if isFile("attachments/" + id) {
		return "attachments/" + id
	}
	if m, _ := fs.Glob(imp.src, "attachments/"+id+".*"); len(m) == 1 && isFile(m[0]) {
		return m[0]
	}
	return ""
}

// safeName keeps a file name to letters, digits, dots, hyphens and
// underscores, so links to it need no escaping.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '-' || r == '_' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') {
			return r
		}
		return '-'
	}, s)
}

// relFile is the relative path from folder dir to file p, escaped as a URL.
func relFile(dir, p string) string {
	rel, err := filepath.Rel(filepath.FromSlash(dir), filepath.FromSlash(p))
	if err != nil {
		rel = p // cannot happen: both are paths inside the output folder
	}
	return (&url.URL{Path: filepath.ToSlash(rel)}).String()
}
