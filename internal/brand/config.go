package brand

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Config is site.yaml's brand: what a help centre changes to look like
// its company's own without copying the theme.
type Config struct {
	Logo       string `yaml:"logo"`        // an image in the content folder, shown in the header
	Favicon    string `yaml:"favicon"`     // an image in the content folder, the pages' icon
	Accent     string `yaml:"accent"`      // links and buttons in the light scheme
	AccentDark string `yaml:"accent_dark"` // the same in the dark scheme
	Footer     Text   `yaml:"footer"`      // a line in every page's footer
	Intro      Text   `yaml:"intro"`       // the home page's introduction
}

// Holds reports whether p, a path in the content folder, is one of the
// brand's files or a folder holding one.
func (c Config) Holds(p string) bool {
	for _, f := range []string{c.Logo, c.Favicon} {
		if f != "" && (f == p || strings.HasPrefix(f, p+"/")) {
			return true
		}
	}
	return false
}

// Text is a text in every language, written once, or a text per language
// code (en: …, uk: …).
type Text struct {
	all string
	by  map[string]string
	bad bool // neither: Load reports it
}

// UnmarshalYAML reads a text or a mapping of language codes to texts;
// anything else is kept to be reported with its line.
func (t *Text) UnmarshalYAML(unmarshal func(any) error) error {
	*t = Text{}
	if unmarshal(&t.all) == nil || unmarshal(&t.by) == nil {
		return nil
	}
	*t = Text{bad: true}
	return nil
}

// In is the text in a language, or "" when there is none.
func (t Text) In(lang string) string {
	if t.by != nil {
		return t.by[lang]
	}
	return t.all
}

// File is an image of the brand, read and checked.
type File struct {
	Name string // the path in the content folder
	Data []byte
	Type string // its media type, e.g. image/svg+xml
}

// Brand is a checked brand, ready to apply to pages.
type Brand struct {
	Logo, Favicon      *File   // nil: none
	Accent, AccentDark *Colour // nil: the theme's own
	Footer, Intro      Text
}

// Problem is something wrong with the brand, at a key under brand: in
// site.yaml (accent, footer.de).
type Problem struct {
	Key     string
	Msg     string
	Warning bool
}

// maxImage is the largest logo or icon read: every page loads them, and a
// file of many megabytes is a mistake (a print-quality original).
const maxImage = 5 << 20

// Load checks c and reads its images from the content folder fsys, which
// messages call srcName. langs are the site's language codes.
func Load(c Config, fsys fs.FS, srcName string, langs []string) (*Brand, []Problem) {
	b := &Brand{Footer: c.Footer, Intro: c.Intro}
	var ps []Problem
	add := func(key, format string, args ...any) {
		ps = append(ps, Problem{Key: key, Msg: "brand." + key + ": " + fmt.Sprintf(format, args...)})
	}
	for _, img := range []struct {
		key, name string
		to        **File
	}{{"logo", c.Logo, &b.Logo}, {"favicon", c.Favicon, &b.Favicon}} {
		if img.name == "" {
			continue
		}
		f, err := readImage(fsys, srcName, img.name)
		if err != nil {
			add(img.key, "%v", err)
			continue
		}
		*img.to = f
	}
	for _, col := range []struct {
		key, value string
		to         **Colour
	}{{"accent", c.Accent, &b.Accent}, {"accent_dark", c.AccentDark, &b.AccentDark}} {
		if col.value == "" {
			continue
		}
		cl, err := ParseColour(col.value)
		if err != nil {
			add(col.key, "%v", err)
			continue
		}
		*col.to = &cl
	}
	ps = append(ps, checkText("footer", c.Footer, langs, "its pages show none")...)
	ps = append(ps, checkText("intro", c.Intro, langs, "its home page shows the theme's")...)
	return b, ps
}

// readImage reads one of the brand's images and checks that it is one.
func readImage(fsys fs.FS, srcName, name string) (*File, error) {
	if !fs.ValidPath(name) || name == "." {
		return nil, fmt.Errorf("%q: want a path inside the content folder, like images/logo.svg", name)
	}
	shown := path.Join(srcName, name)
	fi, err := fs.Stat(fsys, name)
	switch {
	case err != nil:
		return nil, fmt.Errorf("%s does not exist or cannot be read", shown)
	case fi.IsDir():
		return nil, fmt.Errorf("%s is a folder: want an image file", shown)
	case fi.Size() > maxImage:
		return nil, fmt.Errorf("%s is %d MB: every page loads it, so keep it well under 1 MB", shown, fi.Size()>>20)
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("%s cannot be read: %w", shown, err)
	}
	typ, err := Image(name, data)
	if err != nil {
		return nil, fmt.Errorf("%s %w", shown, err)
	}
	return &File{Name: name, Data: data, Type: typ}, nil
}

// checkText reports a text that is neither a text nor a mapping, codes
// that are not the site's languages, and the site's languages it lacks.
func checkText(key string, t Text, langs []string, without string) []Problem {
	var ps []Problem
	if t.bad {
		return []Problem{{Key: key, Msg: "brand." + key + ": want a text, or a text per language code (en: …, uk: …)"}}
	}
	if t.by == nil {
		return nil
	}
	codes := make([]string, 0, len(t.by))
	for code := range t.by {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		if !slices.Contains(langs, code) {
			ps = append(ps, Problem{Key: key + "." + code, Msg: fmt.Sprintf("brand.%s: %q is not a language of this site (%s)", key, code, strings.Join(langs, ", "))})
		}
	}
	for _, l := range langs {
		if _, ok := t.by[l]; !ok {
			ps = append(ps, Problem{Key: key, Msg: fmt.Sprintf("brand.%s has no text for %s: %s", key, l, without), Warning: true})
		}
	}
	return ps
}

// minContrast is what links and the text of buttons need on their
// background (WCAG 2, level AA for text).
const minContrast = 4.5

// Contrast warns about an accent that does not read on the backgrounds of
// its scheme in the theme's stylesheet (ReadPalette), naming the first
// one it fails on (the page's own background, --bg, comes first). The
// theme puts links in the accent on those backgrounds and the background
// colour on the accent in buttons: either way it is the same contrast.
func (b *Brand) Contrast(themeCSS []byte) []Problem {
	p := ReadPalette(themeCSS)
	var ps []Problem
	for _, s := range []struct {
		key, scheme, fix string
		c                *Colour
		bgs              []Background
	}{{"accent", "light", "darker", b.Accent, p.Light}, {"accent_dark", "dark", "lighter", b.AccentDark, p.Dark}} {
		if s.c == nil {
			continue
		}
		i := slices.IndexFunc(s.bgs, func(bg Background) bool { return Contrast(*s.c, bg.Colour) < minContrast })
		if i < 0 {
			continue
		}
		bg, r := s.bgs[i], Contrast(*s.c, s.bgs[i].Colour) // the first, so the page background when it is one
		where := "background"
		if bg.Name != "--bg" {
			where = "background " + bg.Name
		}
		ps = append(ps, Problem{Key: s.key, Warning: true, Msg: fmt.Sprintf(
			"brand.%s %s has a contrast of %s on the %s %s (%s); links and the text of buttons need %s: choose a %s colour",
			s.key, s.c, Ratio(r), s.scheme, where, bg.Colour, Ratio(minContrast), s.fix)})
	}
	return ps
}

// CSS is the stylesheet with the brand's accents, or nil when it has
// none. With only the light accent, the dark scheme gets it lightened
// until it reads on the theme's dark backgrounds as the theme's own
// links do (7:1), so dark mode follows the brand too.
func (b *Brand) CSS(themeCSS []byte) []byte {
	if b.Accent == nil && b.AccentDark == nil {
		return nil
	}
	dark := b.AccentDark
	if dark == nil {
		d := ForDark(*b.Accent, ReadPalette(themeCSS).Dark, 7)
		dark = &d
	}
	return CSS(b.Accent, dark)
}

// Asset is a file the brand adds to a site.
type Asset struct {
	Role string // logo, favicon or css: what pages link it as
	Name string // its name before hashing, e.g. logo.svg
	Type string // its media type
	Data []byte
}

// Assets are the brand's files for a site whose theme has the stylesheet
// themeCSS: its images and the stylesheet of its colours (CSS).
func (b *Brand) Assets(themeCSS []byte) []Asset {
	var out []Asset
	for _, f := range []struct {
		role string
		file *File
	}{{"logo", b.Logo}, {"favicon", b.Favicon}} {
		if f.file != nil {
			out = append(out, Asset{f.role, f.role + strings.ToLower(path.Ext(f.file.Name)), f.file.Type, f.file.Data})
		}
	}
	if css := b.CSS(themeCSS); css != nil {
		out = append(out, Asset{"css", "brand.css", "text/css", css})
	}
	return out
}

// Text is the brand's footer or intro (key) in a language; "" when it has
// none, or for a nil Brand.
func (b *Brand) Text(key, lang string) string {
	switch {
	case b == nil:
		return ""
	case key == "intro":
		return b.Intro.In(lang)
	}
	return b.Footer.In(lang)
}
