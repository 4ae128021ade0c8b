package markdown_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"deskbook/internal/importer/markdown"
	"deskbook/internal/sitetest"
)

// suffixSite has languages in file names, and dots that are not.
const suffixSite = `
-- Update-on-crates.io-incident.md --
# Update on the crates.io incident
-- notes.v2.md --
# Notes, second version
-- page.md --
# Page
-- page.ru.md --
# Страница
-- guide.md --
# Guide
-- guide.uk-UA.md --
# Посібник
-- faq.fr.md --
# Foire aux questions
`

func TestLanguagesFromSuffixes(t *testing.T) {
	for _, tc := range []struct {
		name    string
		langs   []string
		want    []string // languages imported, default first
		skipped []string // languages recognised and left out
		files   []string // output files that must exist
	}{
		{
			name: "every language found", want: []string{"en", "ru", "uk-ua"},
			files: []string{"en/Update-on-crates.io-incident.md", "en/notes.v2.md", "ru/page.md", "uk-ua/guide.md", "en/faq.fr.md"},
		},
		{
			name: "listed languages", langs: []string{"en", "ru"}, want: []string{"en", "ru"}, skipped: []string{"uk-ua"},
			files: []string{"en/Update-on-crates.io-incident.md", "ru/page.md", "en/guide.md", "en/faq.fr.md"},
		},
		{
			name: "a listed language needs no sibling", langs: []string{"en", "fr"}, want: []string{"en", "fr"}, skipped: []string{"ru", "uk-ua"},
			files: []string{"fr/faq.md", "en/notes.v2.md"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, rep := importFixture(t, sitetest.FS(t, suffixSite), markdown.Options{Languages: tc.langs})
			if got := names(rep.Languages); !slices.Equal(got, tc.want) {
				t.Errorf("languages %v, want %v", got, tc.want)
			}
			if got := names(rep.Skipped); !slices.Equal(got, tc.skipped) {
				t.Errorf("left out %v, want %v", got, tc.skipped)
			}
			for _, f := range tc.files {
				if _, err := os.Stat(filepath.Join(out, f)); err != nil {
					t.Errorf("%s: %v", f, err)
				}
			}
			for _, f := range []string{"en/Update-on-crates.md", "io-incident", "v2"} {
				if _, err := os.Stat(filepath.Join(out, f)); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("%s exists: a dot in a name was read as a language", f)
				}
			}
		})
	}
}

// folderSite keeps languages in folders; id/ is a folder of the default
// language, not Indonesian, once --lang says which languages there are.
const folderSite = `
-- en/start.md --
# Start
-- ru/start.md --
# Старт
-- en/id/cards.md --
# ID cards
-- id/badges.md --
# Badges
`

func TestLanguagesFromFolders(t *testing.T) {
	out, rep := importFixture(t, sitetest.FS(t, folderSite), markdown.Options{Languages: []string{"en", "ru"}})
	if got := names(rep.Languages); !slices.Equal(got, []string{"en", "ru"}) {
		t.Errorf("languages %v", got)
	}
	for _, f := range []string{"en/start.md", "ru/start.md", "en/id/cards.md", "en/id/badges.md"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	ids := readIDs(t, out)
	if ids["start.md"] == 0 || len(ids) != 3 {
		t.Errorf("ids %v: want start.md shared by both languages, and the two id pages", ids)
	}
}

// names are the names of counts.
func names(cs []markdown.Count) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}
