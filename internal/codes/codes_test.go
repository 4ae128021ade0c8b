package codes

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestIsCode(t *testing.T) {
	for text, want := range map[string]bool{
		"TB-1001": true, "0x80070005": true, "LIC-EXPIRED": true, "E_ACCESSDENIED": true, "ERR/42": true, "Ошибка-5": true,
		"HTTP 403": false, "Database is locked": false, "": false, "TB-1001\t": false,
	} {
		if got := IsCode(text); got != want {
			t.Errorf("IsCode(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	for _, tc := range []struct {
		code, slug string
		ok         bool
	}{
		{"TB-1001", "tb-1001", true},
		{"0x80070005", "0x80070005", true},
		{"E_ACCESSDENIED", "e_accessdenied", true},
		{"v2.4.0", "v2.4.0", true},
		{"ERR/42", "err-42", false},
		{"Ошибка-5", "oshibka-5", false},
		{"Помилка#7", "pomilka-7", false}, // the same address in every language: the letters choose the table
		{"-TB-1", "tb-1", false},
		{"..", "", false},
		{"?!", "", false},
	} {
		s, ok := Slug(tc.code)
		if s != tc.slug || ok != tc.ok {
			t.Errorf("Slug(%q) = %q, %v; want %q, %v", tc.code, s, ok, tc.slug, tc.ok)
		}
	}
}

// TestCollect: messages are left out, translations share their codes,
// an unsafe code gets a slug and one warning, two articles on one address
// are an error at the second naming the first.
func TestCollect(t *testing.T) {
	claims := []Claim{
		{ID: 1, Path: "content/en/errors/a.md", Line: 6, Texts: []string{"TB-1001", "Database is locked", "ERR/42"}},
		{ID: 2, Path: "content/en/errors/b.md", Line: 5, Texts: []string{"LIC-EXPIRED", "tb-1001"}},
		{ID: 1, Path: "content/uk/errors/a.md", Line: 6, Texts: []string{"TB-1001", "ERR/42", "Базу заблоковано"}},
		{ID: 3, Path: "content/en/errors/c.md", Line: 7, Texts: []string{"ERR-42", "???", "LIC-EXPIRED"}},
	}
	codes, problems := Collect(claims)
	want := []Code{{"TB-1001", "tb-1001", 1}, {"ERR/42", "err-42", 1}, {"LIC-EXPIRED", "lic-expired", 2}}
	if !slices.Equal(codes, want) {
		t.Errorf("codes = %v, want %v", codes, want)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	wantProblems := []string{
		`content/en/errors/a.md:6: warning: error code "ERR/42" is not safe in a URL: its address is /e/err-42/`,
		`content/en/errors/b.md:5: error code "tb-1001" gets the address /e/tb-1001/ of "TB-1001", claimed by article 1 (content/en/errors/a.md:6): an address can lead to one article only; remove or rename one of the codes`,
		`content/en/errors/c.md:7: error code "ERR-42" gets the address /e/err-42/ of "ERR/42", claimed by article 1 (content/en/errors/a.md:6): an address can lead to one article only; remove or rename one of the codes`,
		`content/en/errors/c.md:7: warning: error code "???" has no letters or digits to make an address of: it gets no /e/ page`,
		`content/en/errors/c.md:7: error code "LIC-EXPIRED" is claimed by article 2 too (content/en/errors/b.md:5): /e/lic-expired/ can lead to one article only; remove the code from one of them (translations share an id)`,
	}
	if !slices.Equal(got, wantProblems) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantProblems, "\n"))
	}
}

// TestIndexJSON: errors.json is sorted by code and language whatever the
// order of the map's making, and reads back as it was.
func TestIndexJSON(t *testing.T) {
	x := Index{Codes: map[string]Entry{
		"TB-2": {ID: 2, URL: "/e/tb-2/", Articles: map[string]Version{"uk": {"Б", "/uk/b/"}, "en": {"B", "/en/b/"}}},
		"TB-1": {ID: 1, URL: "/e/tb-1/", Articles: map[string]Version{"en": {"A </script>", "/en/a/"}}},
	}}
	data := string(x.JSON())
	// Keys in order: TB-1 before TB-2, en before uk.
	order := []string{`"TB-1"`, `"A \u003c/script\u003e"`, `"TB-2"`, `"en"`, `"uk"`}
	last := -1
	for _, k := range order {
		i := strings.Index(data[last+1:], k)
		if i < 0 {
			t.Fatalf("%s is not in order in:\n%s", k, data)
		}
		last += 1 + i
	}
	var back Index
	if err := json.Unmarshal([]byte(data), &back); err != nil || back.Codes["TB-1"].Articles["en"].Title != "A </script>" || back.Codes["TB-2"].ID != 2 {
		t.Errorf("read back %+v, %v", back, err)
	}
	if empty := string(Index{}.JSON()); empty != "{\n  \"codes\": {}\n}\n" {
		t.Errorf("an empty index is %q", empty)
	}
}
