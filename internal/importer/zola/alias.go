package zola

import (
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"deskbook/internal/importer/folder"
	"deskbook/internal/slug"

	"golang.org/x/text/unicode/norm"
)

// datedName is Zola's dated file name, 2024-05-01-hello or
// 2024-05-01_hello: the date is the page's date when it has none, and
// the rest its slug.
var datedName = regexp.MustCompile(`^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]))(?:T[0-9:.]+(?:Z|[+-][0-9]{2}:[0-9]{2}))?(?:\s?[_-](.+))?$`)

// zolaURL is the URL Zola gave a version of a page, as a site path
// without its slashes: path: as written, or the folders above the page,
// its slug and, for a language other than the default, the language first.
func (imp *importer) zolaURL(v *version) string {
	if p := strings.TrimSpace(v.meta.path); p != "" {
		return strings.Trim(p, "/")
	}
	name := path.Base(v.page.key)
	s := name
	if m := datedName.FindStringSubmatch(name); m != nil && m[2] != "" && !imp.cfg.keepDates {
		s = m[2]
	}
	if v.meta.slug != "" {
		s = v.meta.slug
	}
	u := imp.slugify(s)
	if dir := path.Dir(v.page.key); dir != "." {
		u = dir + "/" + u
	}
	if v.lang != imp.srcLang {
		u = imp.zolaCode[v.lang] + "/" + u
	}
	return u
}

// slugify makes a page's slug as Zola does for [slugify] paths: "on"
// (the default) makes lowercase ASCII words joined by hyphens, "safe"
// only removes what a file name cannot hold, "off" keeps it as written.
// Zola transliterates other scripts with its own tables; deskbook's
// tables are used instead, so such a slug may differ in a letter.
func (imp *importer) slugify(s string) string {
	switch imp.cfg.slugify {
	case "off":
		return s
	case "safe":
		s = strings.TrimRight(s, " .")
		return strings.Map(func(r rune) rune {
			if strings.ContainsRune(`<>:"/\|?*`, r) {
				return -1
			}
			return r
		}, s)
	}
	var b strings.Builder
	for _, r := range strings.ToLower(slug.Transliterate(s, imp.srcLang)) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return strings.Join(strings.FieldsFunc(b.String(), func(r rune) bool { return r == '-' }), "-")
}

// aliasPath is an old URL as the site path deskbook's redirects use,
// without slashes at either end, or a reason it cannot be one. The forms
// Zola accepts are all read: with or without slashes, percent-escaped,
// a whole address, an .html file.
func aliasPath(raw string) (string, string) {
	s := strings.TrimSpace(raw)
	if u, err := url.Parse(s); err == nil && (u.Scheme != "" || u.Host != "") {
		s = u.EscapedPath()
	}
	if strings.ContainsAny(s, "?#") {
		return "", "has a ? or # part, which a redirect page cannot have"
	}
	if p, err := url.PathUnescape(s); err == nil {
		s = p
	}
	if strings.ContainsFunc(s, unicode.IsControl) || strings.Contains(s, `\`) {
		return "", "is not a URL path"
	}
	p := norm.NFC.String(strings.Trim(path.Clean("/"+s), "/"))
	if p == "" {
		return "", "is the home page"
	}
	return p, ""
}

// aliasClaim is one old URL a version of a page wants to keep.
type aliasClaim struct {
	url  string // site path, without slashes at the ends
	line int
	own  bool // the page's Zola URL rather than an entry of its front matter
}

// placeAliases decides the aliases: of every version: its aliases: and
// path: entries and its Zola URL, less those that are its deskbook URL
// anyway, and those deskbook would refuse (another page's URL, one of the
// pages deskbook makes, an alias two pages claim), each with a warning.
// It runs after place, when every version has its output path.
func (imp *importer) placeAliases() {
	taken := imp.madeURLs()
	for _, v := range imp.versions {
		own := deskbookURL(v)
		seen := map[string]bool{}
		for _, c := range imp.claims(v) {
			switch {
			case c.url == own:
				if !c.own {
					imp.rep.Aliases.Same++
				}
			case seen[c.url]:
			case folder.Reserved(c.url):
				if !c.own {
					imp.rep.Aliases.Dropped++
					imp.warnf(v.src, c.line, "alias /%s/ left out: deskbook keeps /a/, /e/, /assets/ and its top files (404.html, sitemap.xml, …) for itself", c.url)
				}
			case taken[c.url] != "":
				if !c.own {
					imp.rep.Aliases.Dropped++
					imp.warnf(v.src, c.line, "alias /%s/ left out: it is the URL of %s", c.url, taken[c.url])
				}
			default:
				taken[c.url] = imp.shown(v.src)
				v.aliases = append(v.aliases, "/"+c.url+"/")
				if c.own {
					imp.rep.Aliases.OwnURL++
				} else {
					imp.rep.Aliases.Kept++
				}
				if strings.HasSuffix(c.url, ".html") {
					imp.rep.Aliases.HTMLEnding++
				}
			}
			seen[c.url] = true
		}
	}
}

// claims lists the old URLs of a version: its aliases: entries, its path:
// and its Zola URL, counting the entries of its front matter.
func (imp *importer) claims(v *version) []aliasClaim {
	var out []aliasClaim
	add := func(raw string, line int, own bool) {
		if !own {
			imp.rep.Aliases.Source++
		}
		p, why := aliasPath(raw)
		if why != "" {
			if !own {
				imp.rep.Aliases.Dropped++
				imp.warnf(v.src, line, "alias %q left out: it %s", raw, why)
			}
			return
		}
		out = append(out, aliasClaim{url: p, line: line, own: own})
	}
	for _, a := range v.meta.aliases {
		add(a.url, a.line, false)
	}
	if v.meta.path != "" {
		add(v.meta.path, v.meta.pathLine, false) // the page's Zola URL
	} else {
		add(imp.zolaURL(v), 0, true)
	}
	return out
}

// madeURLs lists the URLs the imported site's pages and deskbook's own
// pages take, and what takes them, so that no alias replaces one.
func (imp *importer) madeURLs() map[string]string {
	taken := map[string]string{}
	for _, v := range imp.versions {
		taken[deskbookURL(v)] = imp.shown(v.src)
	}
	const made = "a page deskbook makes"
	for _, l := range imp.langs {
		for _, p := range []string{"", "/search", "/changelog", "/print"} {
			taken[l+p] = made
		}
		for _, dir := range slices.Sorted(maps.Keys(imp.cats)) {
			taken[l+"/"+imp.outPath(dir)] = "a category page deskbook makes"
		}
	}
	taken["a"], taken["assets"] = made, made
	return taken
}

// deskbookURL is the URL the built site gives a version, without slashes
// at the ends: its language, then its output path without .md or
// /index.md.
func deskbookURL(v *version) string {
	rel := strings.TrimSuffix(strings.TrimSuffix(v.page.out, ".md"), "/index")
	return norm.NFC.String(v.lang + "/" + rel)
}
