package search

import (
	"bytes"
	"encoding/json"
	"html"
	"strings"
	"testing"
)

// attr returns the value of the first name="…" attribute in page.
func attr(t *testing.T, page, name string) string {
	t.Helper()
	_, rest, ok := strings.Cut(page, " "+name+`="`)
	if !ok {
		t.Fatalf("no %s attribute in %.200q", name, page)
	}
	v, _, _ := strings.Cut(rest, `"`)
	return html.UnescapeString(v)
}

// TestWidgetFiles: widget.html names the client and every language's
// bootstrap with the widget's words in that language, escaped for an
// attribute, the same bytes on every call; widget.js is the element.
func TestWidgetFiles(t *testing.T) {
	boot := BootFiles([]string{"en", "uk", "pt-BR"})
	files := Widget("assets/search.abc.js", boot, "uk")
	if len(files) != 2 || files[0].Path != "widget.js" || files[1].Path != "widget.html" {
		t.Fatalf("files %v, want widget.js and widget.html", files)
	}
	js, page := string(files[0].Data), string(files[1].Data)
	if !strings.Contains(js, `customElements.define("deskbook-search"`) || strings.Contains(js, "\n//") {
		t.Errorf("widget.js is not the stripped element script:\n%.300s", js)
	}
	if got := attr(t, page, "src"); got != "assets/search.abc.js" {
		t.Errorf("the frame loads the client from %q", got)
	}
	if got := attr(t, page, "data-default"); got != "uk" {
		t.Errorf("data-default %q, want uk", got)
	}
	var langs map[string]struct {
		Boot  string
		Words widgetWords
	}
	if err := json.Unmarshal([]byte(attr(t, page, "data-langs")), &langs); err != nil {
		t.Fatalf("data-langs: %v", err)
	}
	for code, path := range boot {
		if langs[code].Boot != path {
			t.Errorf("%s: bootstrap %q, want %q", code, langs[code].Boot, path)
		}
	}
	if len(langs) != len(boot) {
		t.Errorf("%d languages in the frame, want %d", len(langs), len(boot))
	}
	if langs["uk"].Words != WidgetStrings["uk"] || langs["pt-BR"].Words != WidgetStrings["en"] {
		t.Errorf("words: uk %+v, pt-BR %+v; want Ukrainian, and English for a language without its own", langs["uk"].Words, langs["pt-BR"].Words)
	}
	script := page[strings.Index(page, "<script>")+len("<script>"):]
	if strings.Index(script, "</script") != strings.LastIndex(script, "</script") || strings.Contains(script, "<!--") {
		t.Error("the inline frame script would end the <script> element early")
	}
	if again := Widget("assets/search.abc.js", boot, "uk"); !bytes.Equal(again[1].Data, files[1].Data) {
		t.Error("widget.html differs between two calls with the same input")
	}
}

// TestWidgetStringsComplete: every language of the widget has all its words.
func TestWidgetStringsComplete(t *testing.T) {
	for lang, w := range WidgetStrings {
		if w.Label == "" || w.NewTab == "" || w.Keys == "" {
			t.Errorf("%s: a widget word is missing: %+v", lang, w)
		}
		if _, ok := UIStrings[lang]; !ok {
			t.Errorf("%s has widget words but no search words", lang)
		}
	}
	for lang := range UIStrings {
		if _, ok := WidgetStrings[lang]; !ok {
			t.Errorf("%s has search words but no widget words", lang)
		}
	}
}
