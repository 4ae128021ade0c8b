package builder

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
)

// ShortLink is the article's agent link, /a/<id>/: absolute when the site
// has an absolute base URL, so it can be pasted into a reply as it is;
// else relative, and the page's script makes it absolute.
func (v *View) ShortLink() string {
	if v.Article == nil || v.Article.Meta.ID == 0 {
		return ""
	}
	p := "a/" + strconv.Itoa(v.Article.Meta.ID) + "/"
	if b := absBase(v.r.baseURL); b != "" {
		return b + p
	}
	return v.URL(p)
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

// newsItem is a changelog entry as the "What's new" banner's script reads it.
type newsItem struct {
	Date    string `json:"d"`
	Version string `json:"v,omitempty"`
	Title   string `json:"t"`
	URL     string `json:"u"`
}

// WhatsNew is the newest changelog entries of the page's language as JSON,
// for the banner that tells a returning reader what changed since their
// last visit. Empty when the language has no entries.
func (v *View) WhatsNew() string {
	if len(v.Changes) == 0 || v.Absolute {
		return ""
	}
	var data struct {
		Changes []newsItem `json:"c"`
		Counts  []string   `json:"n"` // "n changes since…" for n = 1, 2, …, in the page's plural rules
	}
	for i, a := range v.Changes {
		data.Changes = append(data.Changes, newsItem{a.Meta.Date.Format("2006-01-02"), a.Meta.Version, a.Meta.Title, v.URL(a.URL)})
		data.Counts = append(data.Counts, v.Plural(v.T.NewChanges, i+1))
	}
	b, _ := json.Marshal(data) // plain strings only
	return string(b)
}
