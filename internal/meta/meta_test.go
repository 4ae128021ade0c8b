package meta

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestLocale(t *testing.T) {
	for code, want := range map[string]string{"en": "en_US", "uk": "uk_UA", "ru": "ru_RU", "pt-br": "pt_BR", "de": "de_DE", "zh-hant": "zh_TW", "x-klingon": "x-klingon"} {
		if got := Locale(code); got != want {
			t.Errorf("Locale(%q) = %q, want %q", code, got, want)
		}
	}
}

// TestOpenGraph: og:url only with an address; an article's dates; the
// alternates' locales; a page of no kind gets tags but no JSON-LD.
func TestOpenGraph(t *testing.T) {
	p := &Page{Kind: Article, Title: "T", SiteName: "S", Lang: "uk", Alternates: []string{"en", "ru"},
		Modified: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}
	var got []string
	for _, tag := range p.OpenGraph() {
		got = append(got, tag.Property+"="+tag.Content)
	}
	want := "og:type=article og:title=T og:site_name=S og:locale=uk_UA og:locale:alternate=en_US og:locale:alternate=ru_RU article:modified_time=2026-10-01"
	if strings.Join(got, " ") != want {
		t.Errorf("tags:\n%s\nwant:\n%s", strings.Join(got, " "), want)
	}
	p.Kind = Other
	if ld := p.JSONLD(); len(ld) != 0 {
		t.Errorf("a page of no kind has JSON-LD %v", ld)
	}
}

// TestJSONLDCannotEndItsScript: text from front matter cannot close the
// script element it is in, and reads back as written.
func TestJSONLDCannotEndItsScript(t *testing.T) {
	title := `</script><script>alert(1)</script> & "quotes"`
	p := &Page{Kind: Article, Title: title, Lang: "en", Link: "./", Home: "../", Crumbs: []Crumb{{"Home", "../"}, {title, "./"}}}
	blocks := p.JSONLD()
	if len(blocks) != 2 {
		t.Fatalf("%d blocks, want TechArticle and BreadcrumbList", len(blocks))
	}
	for _, b := range blocks {
		if strings.Contains(strings.ToLower(string(b)), "</script") || strings.Contains(string(b), "<") {
			t.Errorf("block holds a tag: %s", b)
		}
	}
	var back struct{ Headline string }
	if err := json.Unmarshal([]byte(blocks[0]), &back); err != nil || back.Headline != title {
		t.Errorf("read back %q, %v", back.Headline, err)
	}
}
