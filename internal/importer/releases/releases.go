// Package releases turns release notes into deskbook changelog entries:
// one entry per version, from a CHANGELOG.md or RELEASES.md split at its
// version headings or from one file per version, so a product's history
// gets its changelog page and feeds without being retyped.
package releases

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"deskbook/internal/directive"
	"deskbook/internal/frontmatter"
	"deskbook/internal/importer/folder"
	"deskbook/internal/lang"

	"go.yaml.in/yaml/v3"
)

// Options configures Import.
type Options struct {
	// Files are the release-note files to read from the source FS. One
	// file may hold many versions (a CHANGELOG.md or RELEASES.md, split at
	// each version heading) or one version each.
	Files []string
	// Product names the product in titles ("Rust 1.83.0"); titles are
	// "Version 1.83.0" when empty.
	Product string
	// Title is the site title for site.yaml; "Release notes" when empty.
	Title string
	// FirstID is the id of the oldest entry; the others count up by date.
	FirstID int
	// Lang is the language code of the notes; "en" when empty.
	Lang string
}

// Report says what Import made.
type Report struct {
	Entries  int
	Oldest   string // version
	Newest   string
	Warnings []string // "file:line: message", one for each problem found
}

// release is one version's notes.
type release struct {
	version string
	date    time.Time
	yanked  bool   // withdrawn after release (keepachangelog's [YANKED])
	note    string // other text after the version on its heading line
	body    string
	from    string // file:line, for warnings
}

// versionHeading matches the heading that starts a version's notes in the
// common changelog styles: "Version 1.83.0 (2024-11-28)" (Rust, setext or
// ATX), "## [1.2.0] - 2024-01-01" (keepachangelog), "## v1.2.0 (2024-01-01)".
// Text after the date ("[YANKED]", "(security release)") is kept: the
// third group.
var versionHeading = regexp.MustCompile(`^(?:#{1,3}\s+)?(?:[Vv]ersion\s+|\[)?v?([0-9]+(?:\.[0-9]+)+(?:-[0-9A-Za-z.]+)?)\]?\s*(?:\(\s*|[-–—]\s*)?([0-9]{4}-[0-9]{2}-[0-9]{2})?\)?\s*(.*?)\s*$`)

// yankedTag is keepachangelog's mark of a release withdrawn after it was
// published.
var yankedTag = regexp.MustCompile(`(?i)^\[?yanked\]?$`)

// rawAnchor is an empty HTML anchor, as release notes put before
// headings; deskbook gives every heading an id itself, and would otherwise
// show the escaped tag as text.
var rawAnchor = regexp.MustCompile(`<a\s+(?:id|name)="[^"]*"\s*>\s*</a>`)

// Import turns release notes into a deskbook content folder at dst, which
// must not exist or be empty, with one changelog entry per version, oldest
// first in id order, so the changelog page and its feeds work at once. The
// folder is written whole or not at all.
func Import(src fs.FS, dst string, opt Options) (Report, error) {
	var rep Report
	if err := folder.CheckEmpty(dst); err != nil {
		return rep, err
	}
	if opt.FirstID <= 0 {
		opt.FirstID = 1
	}
	if opt.Lang == "" {
		opt.Lang = "en"
	}
	rels, err := readAll(src, opt.Files, &rep)
	if err != nil {
		return rep, err
	}
	rels = inOrder(rels, &rep)
	files, err := contentFiles(rels, opt, &rep)
	if err != nil {
		return rep, err
	}
	if err := folder.Write(dst, func(_ string, put func(string, []byte) error) error {
		for _, rel := range slices.Sorted(maps.Keys(files)) {
			if err := put(rel, files[rel]); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return rep, err
	}
	rep.Entries, rep.Oldest, rep.Newest = len(rels), rels[0].version, rels[len(rels)-1].version
	return rep, nil
}

// readAll reads every file's versions. Finding none at all is an error:
// the headings are in a style the importer does not know.
func readAll(src fs.FS, names []string, rep *Report) ([]release, error) {
	var rels []release
	for _, name := range names {
		data, err := fs.ReadFile(src, name)
		if err != nil {
			return nil, err
		}
		got, warns := splitReleases(name, string(data))
		rels = append(rels, got...)
		rep.Warnings = append(rep.Warnings, warns...)
	}
	if len(rels) == 0 {
		return nil, errors.New("no version headings found (like \"Version 1.2.0 (2024-01-31)\" or \"## [1.2.0] - 2024-01-31\")")
	}
	return rels, nil
}

// inOrder sorts the versions oldest first, by date and then by version
// for those of one day, and keeps the first of a version given twice.
func inOrder(rels []release, rep *Report) []release {
	slices.SortStableFunc(rels, func(a, b release) int {
		return cmp.Or(a.date.Compare(b.date), compareVersions(a.version, b.version))
	})
	seen := map[string]string{}
	return slices.DeleteFunc(rels, func(r release) bool {
		if prev, ok := seen[r.version]; ok {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: version %s again (first at %s); kept the first", r.from, r.version, prev))
			return true
		}
		seen[r.version] = r.from
		return false
	})
}

// siteFile is the site.yaml an import writes.
type siteFile struct {
	Languages []siteLanguage `yaml:"languages"`
	Product   string         `yaml:"product,omitempty"`
	Title     string         `yaml:"title"`
	Version   string         `yaml:"version,omitempty"`
}

type siteLanguage struct {
	Code string `yaml:"code"`
	Name string `yaml:"name"`
}

// contentFiles makes the content folder's files, by path: site.yaml, the
// changelog category and one entry per version.
func contentFiles(rels []release, opt Options, rep *Report) (map[string][]byte, error) {
	files := map[string][]byte{}
	site := siteFile{Title: cmp.Or(opt.Title, "Release notes"), Languages: []siteLanguage{{opt.Lang, lang.Name(opt.Lang)}}}
	if opt.Product != "" {
		site.Product, site.Version = opt.Product, rels[len(rels)-1].version
	}
	y, err := yaml.Marshal(site)
	if err != nil {
		return nil, err
	}
	files["site.yaml"] = y
	files["changelog/_category.yaml"] = []byte("title: \"Release notes\"\ndescription: \"What changed in each version, newest first.\"\n")
	names := map[string]bool{}
	for i, r := range rels {
		name := strings.NewReplacer(".", "-", "+", "-").Replace(strings.ToLower(r.version))
		if names[name] {
			name = fmt.Sprintf("%s-%d", name, i)
		}
		names[name] = true
		data, err := entry(r, opt.Product, opt.FirstID+i, rep)
		if err != nil {
			return nil, err
		}
		files["changelog/"+name+".md"] = data
	}
	return files, nil
}

// entry is the Markdown file of one version's changelog entry.
func entry(r release, product string, id int, rep *Report) ([]byte, error) {
	title := "Version " + r.version
	if product != "" {
		title = product + " " + r.version
	}
	body := r.body
	if r.note != "" {
		body = r.note + "\n\n" + body
	}
	if r.yanked {
		// A withdrawn release is still history: it stays, marked.
		title += " (yanked)"
		body = "> [!CAUTION]\n> This version was withdrawn after its release (yanked): do not install it.\n\n" + body
	}
	if len(body) > frontmatter.MaxFile {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: the notes of version %s are %.1f MB; the build refuses articles over %d MB: split them", r.from, r.version, float64(len(body))/(1<<20), frontmatter.MaxFile>>20))
	}
	fm := struct {
		Title   string `yaml:"title"`
		ID      int    `yaml:"id"`
		Kind    string `yaml:"kind"`
		Version string `yaml:"version"`
		Summary string `yaml:"summary"`
	}{title, id, "changelog", r.version, releaseSummary(body)}
	fy, err := yaml.Marshal(fm)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	b.Write(fy)
	if !r.date.IsZero() {
		fmt.Fprintf(&b, "date: %s\n", r.date.Format("2006-01-02"))
	} else {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: version %s has no date; the entry needs one before it builds", r.from, r.version))
	}
	b.WriteString("---\n")
	b.Write(directive.Escape([]byte(body))) // "{{ and }}" in old notes is text, not a variable
	return b.Bytes(), nil
}

// splitReleases cuts one file at its version headings. Text before the
// first heading (a file title, an introduction) is left out.
func splitReleases(name, text string) ([]release, []string) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var out []release
	var warns []string
	var cur *release
	var body []string
	end := func() {
		if cur != nil {
			cur.body = strings.TrimSpace(strings.Join(body, "\n")) + "\n"
			out = append(out, *cur)
		}
		body = nil
	}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		setext := i+1 < len(lines) && len(strings.TrimSpace(lines[i+1])) >= 3 && strings.Trim(strings.TrimSpace(lines[i+1]), "=") == ""
		atx := strings.HasPrefix(line, "#")
		if m := versionHeading.FindStringSubmatch(strings.TrimSpace(line)); m != nil && (setext || atx) {
			end()
			cur = &release{version: m[1], from: fmt.Sprintf("%s:%d", name, i+1)}
			switch rest := strings.TrimSpace(m[3]); {
			case yankedTag.MatchString(rest):
				cur.yanked = true
			case rest != "":
				cur.note = rest
				warns = append(warns, fmt.Sprintf("%s:%d: %q after version %s kept as the first line of its notes", name, i+1, rest, m[1]))
			}
			if m[2] != "" {
				d, err := time.Parse("2006-01-02", m[2])
				if err != nil {
					warns = append(warns, fmt.Sprintf("%s:%d: date %q: %v", name, i+1, m[2], err))
				}
				cur.date = d
			}
			if setext {
				i++
			}
			continue
		}
		if cur == nil {
			continue
		}
		if rawAnchor.MatchString(line) {
			if line = rawAnchor.ReplaceAllString(line, ""); strings.TrimSpace(line) == "" {
				continue
			}
		}
		body = append(body, line)
	}
	end()
	return out, warns
}

// releaseSummary names the sections of a version's notes, for listings.
func releaseSummary(body string) string {
	var names []string
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "## "):
			names = append(names, strings.TrimSpace(strings.TrimPrefix(t, "## ")))
		case i+1 < len(lines) && t != "" && len(strings.TrimSpace(lines[i+1])) >= 3 && strings.Trim(strings.TrimSpace(lines[i+1]), "-") == "" && !strings.HasPrefix(t, "-"):
			names = append(names, t)
		}
	}
	switch len(names) {
	case 0:
		return "What changed in this version."
	case 1:
		return "Changes: " + names[0] + "."
	}
	return "Changes: " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + "."
}
