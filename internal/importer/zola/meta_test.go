package zola

import (
	"slices"
	"testing"

	"deskbook/internal/diag"
	"deskbook/internal/frontmatter"
)

// field is the first field of a YAML header.
func field(t *testing.T, header string) frontmatter.Field {
	t.Helper()
	fields, err := frontmatter.Parse(frontmatter.YAML, []byte(header), 2)
	if err != nil || len(fields) == 0 {
		t.Fatalf("%q: %v", header, err)
	}
	return fields[0]
}

// TestFrontMatterDates checks that a date is the day as written, whether
// YAML reads it as a timestamp or as text.
func TestFrontMatterDates(t *testing.T) {
	for in, want := range map[string]string{
		"2026-01-04": "2026-01-04", "2025-10-07T07:20:28+00:00": "2025-10-07", "2024-06-20 10:00:00": "2024-06-20",
		"2025-10-07T23:20:28-05:00": "2025-10-07", // not the next day in UTC
		"yesterday":                 "", "2024-13-01": "", "2024-06-20x": "",
	} {
		for _, header := range []string{"date: " + in + "\n", "date: \"" + in + "\"\n"} {
			got, ok := day(field(t, header))
			if got != want || ok != (want != "") {
				t.Errorf("day(%q) = %q, %v; want %q", header, got, ok, want)
			}
		}
	}
}

// TestFrontMatterNumbers checks the weights and orders Zola themes write.
func TestFrontMatterNumbers(t *testing.T) {
	for header, want := range map[string]int{
		"weight: 3\n": 3, "weight: \"5\"\n": 5, "weight: 4.0\n": 4, "extra:\n  order: 7\n": 7,
		"weight: 2.5\n": -1, "weight: [1]\n": -1, "weight: x\n": -1, "extra:\n  other: 1\n": -1,
	} {
		n, ok := order(field(t, header))
		if ok != (want >= 0) || (ok && n != want) {
			t.Errorf("order(%q) = %d, %v; want %d", header, n, ok, want)
		}
	}
}

// TestTaxonomies checks that the terms of every taxonomy become tags, each
// once, in the order of the taxonomies' names, and that an empty term is
// none.
func TestTaxonomies(t *testing.T) {
	imp := &importer{warns: &diag.Collector{}}
	var m meta
	f := field(t, "taxonomies:\n  tags: [b, a, ~, \"\"]\n  faq: [a, c]\n  none:\n")
	if want := imp.taxonomies(&m, "p.md", f); want != "" {
		t.Errorf("taxonomies = %q", want)
	}
	if !slices.Equal(m.tags, []string{"a", "c", "b"}) {
		t.Errorf("tags = %q, want [a c b]", m.tags)
	}
	if w := imp.warns.List(); len(w) > 0 {
		t.Errorf("warnings: %v", w)
	}
}
