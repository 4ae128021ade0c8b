package builder

import (
	"context"
	"encoding/json"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"deskbook/internal/sitetest"
	"deskbook/themes"
)

var (
	jsonLDRE = regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`)
	ogRE     = regexp.MustCompile(`<meta property="([^"]+)" content="([^"]*)">`)
)

// ldItem is what the test reads of a JSON-LD block.
type ldItem struct {
	Context       string `json:"@context"`
	Type          string `json:"@type"`
	Headline      string `json:"headline"`
	Name          string `json:"name"`
	InLanguage    string `json:"inLanguage"`
	URL           string `json:"url"`
	DateModified  string `json:"dateModified"`
	DatePublished string `json:"datePublished"`
	IsPartOf      struct {
		Type, Name, URL string
	} `json:"isPartOf"`
	Publisher struct{ Type, Name string } `json:"publisher"`
	Items     []struct {
		Type     string `json:"@type"`
		Position int    `json:"position"`
		Name     string `json:"name"`
		Item     string `json:"item"`
	} `json:"itemListElement"`
}

// TestJSONLDOfDemo parses every JSON-LD block of the built demo as JSON
// and checks its @type and the fields search engines require, and that
// every article has its link preview tags and a TechArticle naming it.
func TestJSONLDOfDemo(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Config{Source: os.DirFS("../content"), SourceName: "content", Theme: themes.Default(), Out: out})
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]int{}
	articles := map[string]ldItem{} // page path → its TechArticle
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(out, p)
		for _, m := range jsonLDRE.FindAllSubmatch(data, -1) {
			var it ldItem
			if err := json.Unmarshal(m[1], &it); err != nil {
				t.Errorf("%s: JSON-LD does not parse: %v\n%s", rel, err, m[1])
				continue
			}
			types[it.Type]++
			if msg := checkLD(it); msg != "" {
				t.Errorf("%s: %s: %s", rel, it.Type, msg)
			}
			if it.Type == "TechArticle" {
				articles[filepath.ToSlash(rel)] = it
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range res.Site.Articles {
		page := a.URL + "index.html"
		it, ok := articles[page]
		if !ok || it.Headline != a.Meta.Title || it.InLanguage != a.Lang || it.URL != res.Site.Config.BaseURL+a.URL {
			t.Errorf("%s: TechArticle %+v does not name the article", page, it)
		}
		og := map[string]string{}
		for _, m := range ogRE.FindAllStringSubmatch(sitetest.Read(t, out, page), -1) {
			og[m[1]] = html.UnescapeString(m[2])
		}
		if og["og:title"] != a.Meta.Title || og["og:description"] != a.Meta.Summary || og["og:url"] != it.URL || og["og:type"] != "article" {
			t.Errorf("%s: OpenGraph tags %v", page, og)
		}
	}
	t.Logf("JSON-LD blocks by type: %v", types)
	if types["WebSite"] != 3 || types["CollectionPage"] < 10 || types["BreadcrumbList"] != types["TechArticle"]+types["CollectionPage"] {
		t.Errorf("blocks by type: %v; want a WebSite per language home, breadcrumbs for every article and category", types)
	}
}

// checkLD says what a JSON-LD block lacks, or "".
func checkLD(it ldItem) string {
	if it.Context != "https://schema.org" {
		return "@context " + it.Context
	}
	switch it.Type {
	case "TechArticle":
		if it.Headline == "" || it.InLanguage == "" || it.URL == "" || it.DateModified == "" || it.IsPartOf.Name == "" || it.Publisher.Name == "" {
			return "lacks headline, inLanguage, url, dateModified, isPartOf or publisher"
		}
	case "CollectionPage", "WebSite":
		if it.Name == "" || it.InLanguage == "" || it.URL == "" {
			return "lacks name, inLanguage or url"
		}
	case "BreadcrumbList":
		if len(it.Items) < 2 {
			return "fewer than two steps"
		}
		for i, li := range it.Items {
			if li.Type != "ListItem" || li.Position != i+1 || li.Name == "" || !strings.HasPrefix(li.Item, "https://") {
				return "a step lacks its type, position, name or absolute item"
			}
		}
	default:
		return "unexpected @type"
	}
	return ""
}
