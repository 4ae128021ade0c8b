package feed

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

// TestEncodeEveryFormat reads each format back and finds the entries, the
// newest first, with the entry's last change as the feed's date.
func TestEncodeEveryFormat(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	f := Feed{Lang: "uk", Title: "Зміни", URL: "https://example.com/uk/changelog/", Author: "Tillbook", Entries: []Entry{
		{URL: "https://example.com/uk/changelog/2/", Title: "2.0 <new>", HTML: "<p>a & b</p>", Published: day(5), Updated: day(9)},
		{URL: "https://example.com/uk/changelog/1/", Title: "1.0", HTML: "<p>c</p>", Published: day(1)},
	}}
	for _, name := range Names {
		data, err := Encode(f, name)
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		if strings.HasSuffix(name, ".json") {
			var jf jsonFeed
			err = json.Unmarshal(data, &jf)
			for _, it := range jf.Items {
				titles = append(titles, it.Title)
			}
		} else {
			var doc struct {
				Updated string   `xml:"updated"`
				Titles  []string `xml:"entry>title"`
				Items   []string `xml:"channel>item>title"`
			}
			err = xml.Unmarshal(data, &doc)
			titles = append(doc.Titles, doc.Items...)
			if name == "atom.xml" && doc.Updated != "2026-03-09T00:00:00Z" {
				t.Errorf("atom updated %q, want the newest change", doc.Updated)
			}
		}
		if err != nil || strings.Join(titles, "|") != "2.0 <new>|1.0" {
			t.Errorf("%s: titles %q, %v:\n%s", name, titles, err, data)
		}
	}
	if _, err := Encode(f, "feed.txt"); err == nil {
		t.Error("an unknown format was encoded")
	}
}
