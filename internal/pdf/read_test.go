package pdf

import (
	"fmt"
	"maps"
	"strings"
	"testing"
)

// pdfOf makes a PDF of objects (1 is the catalog), with a plain
// cross-reference table and the trailer entries extra.
func pdfOf(objects []string, extra string) []byte {
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	start := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R%s>>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, extra, start)
	return []byte(b.String())
}

// TestReadLayoutInPartOrWhole: a PDF like Chromium's is read in part and
// one that is not is read whole, with the same pages and destinations:
// destinations as arrays or as dictionaries, a page tree of several
// levels, destinations in a name tree, an updated file.
func TestReadLayoutInPartOrWhole(t *testing.T) {
	page := "<</Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]>>"
	want := Layout{Pages: 3, Dests: map[string]int{"a1": 1, "a 2": 2, "a3": 3}}
	for _, tc := range []struct {
		name    string
		objects []string
		extra   string
		inPart  bool
	}{
		{"arrays", []string{"<</Type /Catalog /Pages 2 0 R /Dests 6 0 R>>", "<</Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3>>", page, page, page,
			"<</a1 [3 0 R /XYZ 0 792 0] /a#202 [4 0 R /XYZ 0 700 0] /a3 7 0 R>>", "[5 0 R /Fit]"}, "", true},
		{"dictionaries", []string{"<</Type /Catalog /Pages 2 0 R /Dests <</a1 <</D [3 0 R /Fit]>> /a#202 6 0 R /a3 <</D 7 0 R>>>>>>", "<</Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3>>", page, page, page,
			"<</D [4 0 R /Fit]>>", "[5 0 R /Fit]"}, "", true},
		{"levels", []string{"<</Type /Catalog /Pages 2 0 R /Dests 6 0 R>>", "<</Type /Pages /Kids [7 0 R 5 0 R] /Count 3>>", "<</Type /Page /Parent 7 0 R>>", "<</Type /Page /Parent 7 0 R>>", page,
			"<</a1 [3 0 R /Fit] /a#202 [4 0 R /Fit] /a3 [5 0 R /Fit]>>", "<</Type /Pages /Parent 2 0 R /Kids 8 0 R /Count 2>>", "[3 0 R 4 0 R]"}, "", true},
		{"name tree", []string{"<</Type /Catalog /Pages 2 0 R /Names <</Dests 6 0 R>>>>", "<</Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3>>", page, page, page,
			"<</Kids [7 0 R]>>", "<</Limits [(a 2) (a3)] /Names [(a 2) [4 0 R /Fit] (a1) [3 0 R /Fit] (a3) [5 0 R /Fit]]>>"}, "", false},
		{"page count that does not add up", []string{"<</Type /Catalog /Pages 2 0 R /Dests 6 0 R>>", "<</Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 2>>", page, page, page,
			"<</a1 [3 0 R /Fit] /a#202 [4 0 R /Fit] /a3 [5 0 R /Fit]>>"}, "", false},
		{"updated", []string{"<</Type /Catalog /Pages 2 0 R /Dests 6 0 R>>", "<</Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3>>", page, page, page,
			"<</a1 [3 0 R /Fit] /a#202 [4 0 R /Fit] /a3 [5 0 R /Fit]>>"}, " /Prev 9", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := pdfOf(tc.objects, tc.extra)
			if _, ok := lazyContext(data); ok != tc.inPart {
				t.Errorf("read in part: %v, want %v", ok, tc.inPart)
			}
			got, err := ReadLayout(data)
			if tc.extra != "" { // the whole reader decides what an update with a broken /Prev holds
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// pdfcpu, reading whole, does not open a name tree of
			// destinations without validating the file; Chromium writes
			// none.
			if got.Pages != want.Pages || (tc.name != "name tree" && !maps.Equal(got.Dests, want.Dests)) {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
}
