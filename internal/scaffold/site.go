package scaffold

import (
	"bytes"
	"cmp"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode"

	"deskbook/builder"
	"deskbook/internal/lang"
	"deskbook/internal/slug"
	"deskbook/themes"
)

// siteFiles are the files deskbook init writes, as templates: site.yaml,
// .gitignore, the GitHub workflow, and per language of the example texts
// (en, uk, ru) the categories and one example article of every kind. The
// example articles share their ids and heading anchors across languages.
//
//go:embed all:site
var siteFiles embed.FS

// Version is the product version a new site starts at: site.yaml's
// version and the example release note's.
const Version = "1.1.0"

// InitOptions is what deskbook init is told about the help centre to make.
type InitOptions struct {
	Product   string    // the product's name, e.g. "Parcelbox"; required
	Languages []string  // language codes, the main one first; none means English
	BaseURL   string    // the site's address; empty leaves base_url out
	Today     time.Time // the date of the example articles and release note
}

// OptionError is a mistake in InitOptions: the command line's, not the
// folder's, so the CLI reports it as a usage error.
type OptionError struct{ Msg string }

func (e *OptionError) Error() string { return e.Msg }

// File is one file of a new site: its slash-separated path inside the
// site's folder, and its contents.
type File struct {
	Path string
	Data []byte
}

// textLangs are the languages the example texts are written in; any other
// language gets the English texts in its folder, to translate.
var textLangs = map[string]bool{"en": true, "uk": true, "ru": true}

// pageData is what an example text is filled with. Product is escaped for
// Markdown text, ProductQ for the inside of a double-quoted YAML string,
// ProductText is as written (for code blocks, where nothing is special).
type pageData struct {
	Product, ProductQ, ProductText string
	Code, Prefix, Today, Version   string
	Multi                          bool
	Lang, Dir                      string
}

// Site makes the files of a new help centre in memory: content/ with
// site.yaml, categories and example articles in every language,
// .gitignore and .github/workflows/deskbook.yml, and theme/i18n/<code>.yaml
// for a language the default theme has no interface texts for. It writes
// nothing; a mistake in opts is an *OptionError.
func Site(opts InitOptions) ([]File, error) {
	product, codes, err := checkOptions(opts)
	if err != nil {
		return nil, err
	}
	multi := len(codes) > 1
	base := pageData{
		Product: escapeMarkdown(product), ProductQ: quoteYAML(product), ProductText: product,
		Prefix: CodePrefix(product), Today: opts.Today.Format("2006-01-02"), Version: Version, Multi: multi,
	}
	base.Code = base.Prefix + "-1001"
	var files []File
	needTheme := false
	for _, code := range codes {
		d := base
		d.Lang, d.Dir = code, "content"
		if multi {
			d.Dir = "content/" + code
		}
		more, err := languageFiles(d)
		if err != nil {
			return nil, err
		}
		files = append(files, more...)
		if texts, ok := missingStrings(code); ok {
			files = append(files, texts)
			needTheme = true
		}
	}
	top, err := topFiles(product, codes, opts.BaseURL, needTheme)
	if err != nil {
		return nil, err
	}
	return append(top, files...), nil
}

// checkOptions returns the product's name and the language codes, or what
// is wrong with them.
func checkOptions(opts InitOptions) (string, []string, error) {
	product := strings.TrimSpace(opts.Product)
	switch {
	case product == "":
		return "", nil, &OptionError{`--product: the product's name is empty; say it like --product "Parcelbox"`}
	case strings.ContainsFunc(product, unicode.IsControl):
		return "", nil, &OptionError{fmt.Sprintf("--product %q: the name has a line break or another control character", product)}
	}
	if err := builder.CheckBaseURL(opts.BaseURL); err != nil {
		return "", nil, &OptionError{"--base-url " + err.Error()}
	}
	codes := []string{}
	seen := map[string]bool{}
	for _, c := range opts.Languages {
		c = strings.ToLower(strings.TrimSpace(c))
		switch {
		case c == "":
			continue
		case !lang.Valid(c):
			return "", nil, &OptionError{fmt.Sprintf("--lang %s: not a language code like en, uk or pt-br", c)}
		case seen[c]:
			return "", nil, &OptionError{fmt.Sprintf("--lang %s: listed twice", c)}
		}
		seen[c] = true
		codes = append(codes, c)
	}
	if len(codes) == 0 {
		codes = []string{"en"}
	}
	return product, codes, nil
}

// textsOf is the language whose example texts a language's folder gets.
func textsOf(code string) string {
	if textLangs[code] {
		return code
	}
	return "en"
}

// languageFiles fills one language's categories and articles: every file
// under site/<texts>/ but title.txt, renamed for the product's error code
// and the version.
func languageFiles(d pageData) ([]File, error) {
	root := "site/" + textsOf(d.Lang)
	var files []File
	err := fs.WalkDir(siteFiles, root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || p == root+"/title.txt" {
			return err
		}
		data, err := fill(p, d)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, root+"/")
		rel = strings.Replace(rel, "CODE", strings.ToLower(d.Code), 1)
		rel = strings.Replace(rel, "VERSION", strings.ReplaceAll(d.Version, ".", "-"), 1)
		files = append(files, File{Path: path.Join(d.Dir, rel), Data: data})
		return nil
	})
	return files, err
}

// missingStrings is theme/i18n/<code>.yaml for a language the default
// theme has no interface texts for: the English ones, with a note to
// translate them. Without it every build would warn that the language has
// no interface translation.
func missingStrings(code string) (File, bool) {
	theme := themes.Default()
	if _, err := fs.Stat(theme, "i18n/"+code+".yaml"); err == nil {
		return File{}, false
	}
	en, err := fs.ReadFile(theme, "i18n/en.yaml")
	if err != nil {
		panic(err) // the embedded default theme always has English
	}
	name := lang.Name(code)
	head := fmt.Sprintf(`# The interface texts of the help centre in %s (%s): the buttons, menus,
# headings and messages every page shows. For now they are a copy of the
# English ones: translate the text in quotes on each line. Keep the words
# before the colons as they are, and keep %%d, {id}, {title}, {url}, {page}
# and {pages}: deskbook fills them in. If %s has more plural forms than
# English, add few: and many: beside one: and other:.

`, name, code, name)
	return File{Path: "theme/i18n/" + code + ".yaml", Data: append([]byte(head), en...)}, true
}

// siteData fills site.yaml.
type siteData struct {
	TitleQ, ProductQ, Version, BaseURL, BaseURLQ, Slug string
	Languages                                          []siteLang
	Multi, Theme                                       bool
}

type siteLang struct{ Code, NameQ, TitleQ string }

// topFiles are the files outside the language folders: site.yaml,
// .gitignore and the workflow. The site's title is the first language's;
// another language gets a title of its own when its texts differ.
func topFiles(product string, codes []string, baseURL string, theme bool) ([]File, error) {
	d := siteData{
		ProductQ: quoteYAML(product), Version: Version, BaseURL: baseURL, BaseURLQ: quoteYAML(baseURL),
		Slug: cmp.Or(asciiSlug(product), "example"), Multi: len(codes) > 1, Theme: theme,
	}
	first := textsOf(codes[0])
	for _, code := range codes {
		title, err := fill("site/"+textsOf(code)+"/title.txt", pageData{ProductText: product})
		if err != nil {
			return nil, err
		}
		l := siteLang{Code: code, NameQ: quoteYAML(lang.Name(code))}
		t := quoteYAML(strings.TrimSpace(string(title)))
		if code == codes[0] {
			d.TitleQ = t
		} else if textsOf(code) != first {
			l.TitleQ = t
		}
		d.Languages = append(d.Languages, l)
	}
	site, err := fill("site/site.yaml", d)
	if err != nil {
		return nil, err
	}
	flow, err := fillWith("site/deskbook.yml", "[[", "]]", struct{ Product, BaseURL string }{product, baseURL})
	if err != nil {
		return nil, err
	}
	ignore, err := fs.ReadFile(siteFiles, "site/gitignore")
	if err != nil {
		return nil, err
	}
	return []File{
		{Path: ".github/workflows/deskbook.yml", Data: flow},
		{Path: ".gitignore", Data: ignore},
		{Path: "content/site.yaml", Data: site},
	}, nil
}

// fill executes an embedded template. Templates of Markdown and YAML use
// {{ }}; the workflow uses [[ ]], because GitHub's own expressions are
// ${{ }}.
func fill(name string, data any) ([]byte, error) { return fillWith(name, "{{", "}}", data) }

func fillWith(name, left, right string, data any) ([]byte, error) {
	src, err := fs.ReadFile(siteFiles, name)
	if err != nil {
		return nil, err
	}
	t, err := template.New(path.Base(name)).Delims(left, right).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	return b.Bytes(), nil
}

// CodePrefix makes the letters of the example error code from the
// product's name, the way products name their codes: the initials of the
// first two words ("Parcel Box": PB), or the first two letters of a
// one-word name ("Parcelbox": PA). A name without Latin letters, even
// after transliteration, gets APP.
func CodePrefix(product string) string {
	var words []string
	for w := range strings.SplitSeq(asciiSlug(product), "-") {
		w = strings.TrimLeftFunc(w, unicode.IsDigit)
		if w != "" {
			words = append(words, w)
		}
	}
	switch {
	case len(words) >= 2:
		return strings.ToUpper(words[0][:1] + words[1][:1])
	case len(words) == 1 && len(words[0]) >= 2:
		return strings.ToUpper(words[0][:2])
	}
	return "APP"
}

// asciiSlug is the product's name as a slug of Latin letters and digits
// only ("Parcelbox" → "parcelbox"), for example addresses and folder names.
func asciiSlug(product string) string {
	var words []string
	for w := range strings.SplitSeq(slug.Make(slug.Transliterate(product, "")), "-") {
		if w != "" && !strings.ContainsFunc(w, func(r rune) bool { return r > unicode.MaxASCII }) {
			words = append(words, w)
		}
	}
	return strings.Join(words, "-")
}

// SuggestName is a folder name for a product's help centre, such as
// parcelbox-help.
func SuggestName(product string) string {
	return cmp.Or(asciiSlug(product), "new") + "-help"
}

// quoteYAML escapes s for the inside of a double-quoted YAML string. Go's
// escapes (\", \\, \n, \xNN, \uNNNN) are YAML's too.
func quoteYAML(s string) string {
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}

// escapeMarkdown puts a backslash before every ASCII punctuation mark, so
// a product named like "Box*" or "<App>" reads as written in Markdown text.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < unicode.MaxASCII && unicode.IsPunct(r) || strings.ContainsRune("`^|~<>=+$", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
