package builder

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// ReleasesOptions configures ImportReleases.
type ReleasesOptions struct {
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

// ReleasesReport says what ImportReleases made.
type ReleasesReport struct {
	Entries  int
	Oldest   string // version
	Newest   string
	Warnings []string
}

// release is one version's notes.
type release struct {
	version string
	date    time.Time
	body    string
	from    string // file:line, for warnings
}

// versionHeading matches the heading that starts a version's notes in the
// common changelog styles: "Version 1.83.0 (2024-11-28)" (Rust, setext or
// ATX), "## [1.2.0] - 2024-01-01" (keepachangelog), "## v1.2.0 (2024-01-01)".
var versionHeading = regexp.MustCompile(`^(?:#{1,3}\s+)?(?:[Vv]ersion\s+|\[)?v?([0-9]+(?:\.[0-9]+)+(?:-[0-9A-Za-z.]+)?)\]?\s*(?:\(\s*|[-–—]\s*)?([0-9]{4}-[0-9]{2}-[0-9]{2})?\)?\s*$`)

// rawAnchor is an empty HTML anchor, as release notes put before
// headings; deskbook gives every heading an id itself, and would otherwise
// show the escaped tag as text.
var rawAnchor = regexp.MustCompile(`<a\s+(?:id|name)="[^"]*"\s*>\s*</a>`)

// ImportReleases turns release notes into a deskbook content folder with
// one changelog entry per version, oldest first in id order, so the
// changelog page and its feeds work at once.
func ImportReleases(src fs.FS, dst string, opt ReleasesOptions) (ReleasesReport, error) {
	var rep ReleasesReport
	if err := zolaCheckEmptyDir(dst); err != nil {
		return rep, err
	}
	if opt.FirstID <= 0 {
		opt.FirstID = 1
	}
	if opt.Lang == "" {
		opt.Lang = "en"
	}
	var rels []release
	for _, name := range opt.Files {
		data, err := fs.ReadFile(src, name)
		if err != nil {
			return rep, err
		}
		got, warns := splitReleases(name, string(data))
		rels = append(rels, got...)
		rep.Warnings = append(rep.Warnings, warns...)
	}
	if len(rels) == 0 {
		return rep, errors.New("no version headings found (like \"Version 1.2.0 (2024-01-31)\" or \"## [1.2.0] - 2024-01-31\")")
	}
	slices.SortStableFunc(rels, func(a, b release) int {
		return cmp.Or(a.date.Compare(b.date), compareVersions(a.version, b.version))
	})
	seen := map[string]string{}
	rels = slices.DeleteFunc(rels, func(r release) bool {
		if prev, ok := seen[r.version]; ok {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: version %s again (first at %s); kept the first", r.from, r.version, prev))
			return true
		}
		seen[r.version] = r.from
		return false
	})

	files := map[string][]byte{}
	title := cmp.Or(opt.Title, "Release notes")
	site := map[string]any{"title": title, "languages": []map[string]string{{"code": opt.Lang, "name": langName(opt.Lang)}}}
	if opt.Product != "" {
		site["product"] = opt.Product
		site["version"] = rels[len(rels)-1].version
	}
	y, err := yaml.Marshal(site)
	if err != nil {
		return rep, err
	}
	files["site.yaml"] = y
	files["changelog/_category.yaml"] = []byte("title: \"Release notes\"\ndescription: \"What changed in each version, newest first.\"\n")
	slugs := map[string]bool{}
	for i, r := range rels {
		slug := strings.NewReplacer(".", "-", "+", "-").Replace(strings.ToLower(r.version))
		if slugs[slug] {
			slug = fmt.Sprintf("%s-%d", slug, i)
		}
		slugs[slug] = true
		t := "Version " + r.version
		if opt.Product != "" {
			t = opt.Product + " " + r.version
		}
		fm := struct {
			Title   string `yaml:"title"`
			ID      int    `yaml:"id"`
			Kind    string `yaml:"kind"`
			Version string `yaml:"version"`
			Summary string `yaml:"summary"`
		}{t, opt.FirstID + i, "changelog", r.version, releaseSummary(r.body)}
		var b bytes.Buffer
		b.WriteString("---\n")
		fy, err := yaml.Marshal(fm)
		if err != nil {
			return rep, err
		}
		b.Write(fy)
		if !r.date.IsZero() {
			fmt.Fprintf(&b, "date: %s\n", r.date.Format("2006-01-02"))
		} else {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s: version %s has no date; the entry needs one before it builds", r.from, r.version))
		}
		b.WriteString("---\n")
		b.WriteString(r.body)
		files["changelog/"+slug+".md"] = b.Bytes()
	}
	if err := writeFolder(dst, func(_ string, put func(string, []byte) error) error {
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

// compareVersions orders dotted version numbers numerically.
func compareVersions(a, b string) int {
	as, bs := strings.FieldsFunc(a, isVersionSep), strings.FieldsFunc(b, isVersionSep)
	for i := 0; i < len(as) && i < len(bs); i++ {
		var x, y int
		_, ex := fmt.Sscan(as[i], &x)
		_, ey := fmt.Sscan(bs[i], &y)
		if ex == nil && ey == nil && x != y {
			return cmp.Compare(x, y)
		}
		if ex != nil || ey != nil {
			if c := strings.Compare(as[i], bs[i]); c != 0 {
				return c
			}
		}
	}
	return cmp.Compare(len(as), len(bs))
}

func isVersionSep(r rune) bool { return r == '.' || r == '-' }

// langName is a language's own name for the languages deskbook knows well.
func langName(code string) string {
	switch code {
	case "en":
		return "English"
	case "uk":
		return "Українська"
	case "ru":
		return "Русский"
	}
	return code
}

// writeFolder makes the folder dst: fill writes into a sibling temporary
// folder (with put, or directly into dir), which is renamed into place at
// the end, so an interrupted import leaves nothing half-made. dst must not
// exist or be empty; the importers refuse a non-empty one before.
func writeFolder(dst string, fill func(dir string, put func(rel string, data []byte) error) error) (err error) {
	parent := filepath.Dir(filepath.Clean(dst))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dst)+".import-")
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	put := func(rel string, data []byte) error {
		p := filepath.Join(tmp, filepath.FromSlash(path.Clean(rel)))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("writing %s: %w", rel, err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", rel, err)
		}
		return nil
	}
	if err := fill(tmp, put); err != nil {
		return err
	}
	if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("output %s: %w", dst, err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return fmt.Errorf("output %s: %w", dst, err)
	}
	return nil
}
