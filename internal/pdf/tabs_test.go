package pdf

import (
	"slices"
	"testing"

	"deskbook/builder"
)

// TestTabsTakeTheirPages: a tab prints the large-print book of the page it
// has loaded rather than load it again, tabs start on different languages,
// and a tab with nothing of its own left takes what is left.
func TestTabsTakeTheirPages(t *testing.T) {
	book := func(lang string, large bool) builder.Printable {
		file := "faq.pdf"
		if large {
			file = "faq-large.pdf"
		}
		return builder.Printable{PDFDoc: builder.PDFDoc{Lang: lang, File: file, Large: large}, Page: lang + "/print/", Book: true}
	}
	name := func(d builder.Printable) string { return d.Lang + "/" + d.File }
	for _, tc := range []struct {
		name  string
		todo  []builder.Printable
		tabs  int
		turns []int    // which tab asks next
		want  []string // what each turn gets
	}{
		{"one language, two tabs", []builder.Printable{book("en", false), book("en", true)}, 2,
			[]int{0, 1}, []string{"en/faq.pdf", "en/faq-large.pdf"}},
		{"three languages, two tabs", []builder.Printable{book("en", false), book("en", true), book("uk", false), book("uk", true), book("ru", false), book("ru", true)}, 2,
			[]int{0, 1, 1, 0, 0, 1}, []string{"en/faq.pdf", "uk/faq.pdf", "uk/faq-large.pdf", "en/faq-large.pdf", "ru/faq.pdf", "ru/faq-large.pdf"}},
		{"a tab whose language is done takes another's", []builder.Printable{book("en", false), book("en", true), book("uk", false)}, 2,
			[]int{0, 1, 1}, []string{"en/faq.pdf", "uk/faq.pdf", "en/faq-large.pdf"}},
		{"one tab, in order", []builder.Printable{book("en", false), book("en", true), book("uk", false), book("uk", true)}, 1,
			[]int{0, 0, 0, 0}, []string{"en/faq.pdf", "en/faq-large.pdf", "uk/faq.pdf", "uk/faq-large.pdf"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &printer{todo: tc.todo, taken: make([]bool, len(tc.todo))}
			for range tc.tabs {
				p.tabs = append(p.tabs, &tab{})
			}
			var got []string
			for _, who := range tc.turns {
				if i := p.take(p.tabs[who]); i >= 0 {
					got = append(got, name(tc.todo[i]))
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v\nwant %v", got, tc.want)
			}
			for _, tb := range p.tabs {
				if i := p.take(tb); i >= 0 {
					t.Errorf("%s was left for after the last turn", name(tc.todo[i]))
				}
			}
		})
	}
}

// TestTabsFor: one tab per core when not told, never more tabs than
// documents.
func TestTabsFor(t *testing.T) {
	if got := tabsFor(0, 100); got != AutoTabs() || got < 1 || got > maxAutoTabs {
		t.Errorf("tabsFor(0, 100) = %d, AutoTabs() = %d", got, AutoTabs())
	}
	for _, tc := range []struct{ tabs, n, want int }{{1, 5, 1}, {3, 2, 2}, {2, 1, 1}, {0, 1, 1}, {4, 0, 1}} {
		if got := tabsFor(tc.tabs, tc.n); got != tc.want {
			t.Errorf("tabsFor(%d, %d) = %d, want %d", tc.tabs, tc.n, got, tc.want)
		}
	}
}
