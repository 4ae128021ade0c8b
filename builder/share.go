package builder

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"deskbook/internal/reply"
)

// ShortLink is the article's agent link, /a/<id>/ (/a/<id>/<lang>/ on a
// site of several languages): absolute when the site has an absolute base
// URL, so it can be pasted into a reply as it is; else relative, and the
// page's script makes it absolute.
func (v *View) ShortLink() string {
	if v.Article == nil || v.Article.Meta.ID == 0 {
		return ""
	}
	p := v.r.site.shortPath(v.Article)
	if b := absBase(v.r.baseURL); b != "" {
		return b + p
	}
	return v.URL(p)
}

// shortPath is an article's short link from the site root: a/<id>/, or
// on a site of several languages a/<id>/<lang>/, which opens the version
// the agent copied it from, whatever the reader's browser prefers.
func (s *Site) shortPath(a *Article) string {
	if len(s.Config.Languages) > 1 {
		return "a/" + strconv.Itoa(a.Meta.ID) + "/" + a.Lang + "/"
	}
	return "a/" + strconv.Itoa(a.Meta.ID) + "/"
}

// SupportLink is the site's support contact, prefilled with this article's
// ID and title so the customer tells support what they already read.
// site.yaml's support may be a mailto: address, which gets a subject and
// body, or a URL with {id}, {title} and {url} placeholders.
func (v *View) SupportLink() string {
	s := v.Site.Support
	if s == "" || v.Article == nil {
		return s
	}
	id := strconv.Itoa(v.Article.Meta.ID)
	subject := strings.NewReplacer("{id}", id, "{title}", v.Article.Meta.Title).Replace(v.T.SupportSubject)
	body := strings.NewReplacer("{title}", v.Article.Meta.Title, "{url}", v.ShortLink()).Replace(v.T.SupportBody)
	if strings.HasPrefix(s, "mailto:") {
		sep := "?"
		if strings.Contains(s, "?") {
			sep = "&"
		}
		// Mail clients read %20, not +, as a space.
		return s + sep + "subject=" + url.PathEscape(subject) + "&body=" + url.PathEscape(body+"\n\n")
	}
	return strings.NewReplacer("{id}", url.QueryEscape(id), "{title}", url.QueryEscape(v.Article.Meta.Title), "{url}", url.QueryEscape(v.ShortLink())).Replace(s)
}

// uiScript is the interface text that site.js shows on the pages of a
// language, as a script each of them loads from the assets, cached once
// instead of repeated in every page: the words of the controls it adds
// (text size, the phone's menu, Copy link and Copy reply, the What's new
// banner with its counts in the language's plural forms), the month
// names of "Printed on", and the language's reply template (site.yaml's
// replies:, else the built-in one).
func (r *siteRenderer) uiScript(lang string) []byte {
	t := r.ui[lang]
	rep := reply.Default
	if x, ok := r.site.Config.Replies[lang]; ok {
		rep = x.Or()
	}
	news := make([]string, newsLength)
	for i := range news {
		news[i] = t.NewChanges.Format(lang, i+1)
	}
	b, _ := json.Marshal(struct { // strings only; <, > and & come out escaped
		Menu, TextSize, TextNormal, TextLarge, TextLarger        string
		CopyLink, CopyReply, LinkCopied, ReplyCopied, CopyByHand string
		WhatsNew, Dismiss                                        string
		NewChanges, Months                                       []string
		Reply                                                    reply.Template
	}{t.Menu, t.TextSize, t.TextNormal, t.TextLarge, t.TextLarger, t.CopyLink, t.CopyReply, t.LinkCopied, t.ReplyCopied, t.CopyByHand,
		t.WhatsNew, t.Dismiss, news, t.MonthNames, rep})
	return append(append([]byte("var deskbookUI = "), b...), ";\n"...)
}

// newsLength is how many of the newest changelog entries the What's new
// banner knows.
const newsLength = 5

// newsPath is the script with the newest changelog entries of a language,
// for the What's new banner. Its name stays: a new entry changes this
// file and no page.
func newsPath(lang string) string { return lang + "/whatsnew.js" }

// NewsScript is the link to the script with the newest changelog entries
// of the page's language, or "" when it has none.
func (v *View) NewsScript() string {
	if len(v.Changes) == 0 || v.Absolute {
		return ""
	}
	return v.URL(newsPath(v.Lang.Code))
}

// newsItem is a changelog entry as the "What's new" banner's script reads it.
type newsItem struct {
	Date    string `json:"d"`
	Version string `json:"v,omitempty"`
	Title   string `json:"t"`
	URL     string `json:"u"`
}

// newsScript is the script of newsPath: the entries with links from the
// script's own folder, which site.js resolves against the script's address.
func (r *siteRenderer) newsScript(lang string, changes []*Article) outFile {
	items := make([]newsItem, len(changes))
	for i, a := range changes {
		items[i] = newsItem{a.Meta.Date.Format("2006-01-02"), a.Meta.Version, a.Meta.Title, r.link(relURL(lang+"/", a.URL))}
	}
	b, _ := json.Marshal(items) // plain strings only
	return outFile{Path: newsPath(lang), Data: fmt.Appendf(nil, "var deskbookNews = {lang: %q, src: document.currentScript && document.currentScript.src, changes: %s};\n", lang, b)}
}
