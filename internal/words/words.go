// Package words holds a theme's interface words: every piece of text
// its pages show that is not content ("Skip to content", "Updated", the
// words of notes and warnings), per language, read from the theme's
// i18n/<lang>.yaml files, with English filling what a translation lacks.
package words

import (
	"cmp"
	"errors"
	"io/fs"
	"path"
	"reflect"
	"strconv"
	"strings"

	"deskbook/internal/diag"
	"deskbook/internal/frontmatter"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Strings is every piece of interface text the theme shows, in one
// language. The theme's i18n/<lang>.yaml files fill it; English is the
// fallback for any string a translation lacks.
type Strings struct {
	Home          string   `yaml:"home"`
	SkipToContent string   `yaml:"skip_to_content"`
	Categories    string   `yaml:"categories"`
	OnThisPage    string   `yaml:"on_this_page"`
	Updated       string   `yaml:"updated"`
	Previous      string   `yaml:"previous"`
	Next          string   `yaml:"next"`
	Related       string   `yaml:"related"`
	ErrorBox      string   `yaml:"error_box"`
	SectionLink   string   `yaml:"section_link"`
	LatestChanges string   `yaml:"latest_changes"`
	AllChanges    string   `yaml:"all_changes"`
	Version       string   `yaml:"version"`
	Released      string   `yaml:"released"`
	Affects       string   `yaml:"affects"`
	NotFound      string   `yaml:"not_found"`
	NotFoundText  string   `yaml:"not_found_text"`
	Redirecting   string   `yaml:"redirecting"`
	Breadcrumbs   string   `yaml:"breadcrumbs"`
	Contact       string   `yaml:"contact"`
	NoArticles    string   `yaml:"no_articles"`
	MonthNames    []string `yaml:"months"`
	NoTranslation string   `yaml:"no_translation"`
	AvailableIn   string   `yaml:"available_in"`
	Language      string   `yaml:"language"`
	AllArticles   Plural   `yaml:"all_articles"`
	ArticleCount  Plural   `yaml:"article_count"`
	HomeIntro     string   `yaml:"home_intro"`
	Search        string   `yaml:"search"`
	SearchButton  string   `yaml:"search_button"`
	SearchNoJS    string   `yaml:"search_nojs"`
	OtherLangs    string   `yaml:"other_languages"`
	Changelog     string   `yaml:"changelog"`
	ChangedIn     string   `yaml:"changed_in"`
	Subscribe     string   `yaml:"subscribe"`
	OtherArticles string   `yaml:"other_articles"`

	// The notice on a translation older than its original (translations.go).
	OutdatedTitle string `yaml:"outdated_title"`
	OutdatedText  string `yaml:"outdated_text"`
	ReadOriginal  string `yaml:"read_original"`

	CopyLink       string `yaml:"copy_link"`
	CopyReply      string `yaml:"copy_reply"`
	LinkCopied     string `yaml:"link_copied"`
	ReplyCopied    string `yaml:"reply_copied"`
	CopyByHand     string `yaml:"copy_by_hand"`
	AskSupport     string `yaml:"ask_support"`
	SupportSubject string `yaml:"support_subject"`
	SupportBody    string `yaml:"support_body"`
	WhatsNew       string `yaml:"whats_new"`
	NewChanges     Plural `yaml:"new_changes"`
	Dismiss        string `yaml:"dismiss"`

	KindError     string `yaml:"kind_error"`
	KindHowTo     string `yaml:"kind_howto"`
	KindChecklist string `yaml:"kind_checklist"`
	KindChangelog string `yaml:"kind_changelog"`
	KindArticle   string `yaml:"kind_article"`

	Note      string `yaml:"note"`
	Tip       string `yaml:"tip"`
	Warning   string `yaml:"warning"`
	Important string `yaml:"important"`
	Caution   string `yaml:"caution"`

	// Print and PDF (print.go, pdfstore.go).
	TextSize   string `yaml:"text_size"`
	TextNormal string `yaml:"text_normal"`
	TextLarge  string `yaml:"text_large"`
	TextLarger string `yaml:"text_larger"`
	Print      string `yaml:"print"`
	PrintFAQ   string `yaml:"print_faq"`
	PrintNote  string `yaml:"print_note"`
	PrintedOn  string `yaml:"printed_on"`
	ShortLink  string `yaml:"short_link"`
	ScanToOpen string `yaml:"scan_to_open"`
	FAQOnline  string `yaml:"faq_online"`
	Contents   string `yaml:"contents"`
	PageOf     string `yaml:"page_of"`
	PDFFAQ     string `yaml:"pdf_faq"`
	PDFLarge   string `yaml:"pdf_large"`
	PDFArticle string `yaml:"pdf_article"`
	Pages      Plural `yaml:"pages"`
	OnPaper    string `yaml:"on_paper"`

	Menu string `yaml:"menu"` // the phone header's menu button (base.html, site.js)
	// Markdown's collapsible section without a label (internal/directive).
	Details string `yaml:"details"`
	// Feedback under articles (track.js) and enlarged images (site.js).
	FeedbackQuestion string `yaml:"feedback_question"`
	FeedbackYes      string `yaml:"feedback_yes"`
	FeedbackNo       string `yaml:"feedback_no"`
	FeedbackComment  string `yaml:"feedback_comment"`
	FeedbackSend     string `yaml:"feedback_send"`
	FeedbackThanks   string `yaml:"feedback_thanks"`
	FeedbackFailed   string `yaml:"feedback_failed"`
	Enlarge          string `yaml:"enlarge"`
	Close            string `yaml:"close"`
}

// Plural is a text with a number in it, in the plural forms a language
// has (CLDR: English has one and other; Ukrainian and Russian one, few,
// many). "%d" stands for the number.
type Plural struct {
	One   string `yaml:"one"`
	Few   string `yaml:"few"`
	Many  string `yaml:"many"`
	Other string `yaml:"other"`
}

// Format picks the form for n by the language's plural rules.
func (p Plural) Format(lang string, n int) string {
	form := p.Other
	switch plural.Cardinal.MatchPlural(language.Make(lang), n, 0, 0, 0, 0) {
	case plural.One:
		form = cmp.Or(p.One, p.Other)
	case plural.Few:
		form = cmp.Or(p.Few, p.Other)
	case plural.Many:
		form = cmp.Or(p.Many, p.Other)
	}
	return strings.ReplaceAll(form, "%d", strconv.Itoa(n))
}

// Callout returns the title of a callout type, or the word for a
// collapsible section ("details").
func (s *Strings) Callout(typ string) string {
	switch typ {
	case "details":
		return s.Details
	case "tip":
		return s.Tip
	case "warning":
		return s.Warning
	case "important":
		return s.Important
	case "caution":
		return s.Caution
	}
	return s.Note
}

// Lang is a language the words are read for: its code and its name.
type Lang struct{ Code, Name string }

// Load reads the theme's words for each language. A word missing in a
// translation falls back to English with a warning; a missing English
// file is a broken theme. themeName is how diagnostics name the user's
// theme folder ("" for the built-in theme).
func Load(theme fs.FS, themeName string, langs []Lang, d *diag.Collector) map[string]*Strings {
	en, found, _ := readStrings(theme, themeName, "en", d)
	if !found {
		d.Errorf(Path(theme, themeName, "i18n/en.yaml"), 0, "missing: English is every language's fallback")
	}
	out := map[string]*Strings{"en": en}
	for _, l := range langs {
		if l.Code == "en" {
			continue
		}
		s, found, ok := readStrings(theme, themeName, l.Code, d)
		disp := path.Join(cmp.Or(themeName, "theme"), "i18n", l.Code+".yaml")
		switch {
		case !found:
			d.Warnf(disp, 0, "no interface translation for %s; using English", l.Name)
			s = en
		case !ok:
			s = en
		default:
			for _, name := range fillMissing(s, en) {
				d.Warnf(disp, 0, "missing %s; using English", name)
			}
		}
		out[l.Code] = s
	}
	return out
}

// readStrings reads a language's strings from every layer of the theme
// that has the file (themes.Overlay), each over the one below, so a layer
// changes only the keys it has. found says some layer has it; ok, that
// every one that has it could be read (the problems are reported at their
// lines, in the layer's folder).
func readStrings(theme fs.FS, themeName, lang string, d *diag.Collector) (s *Strings, found, ok bool) {
	s, ok = &Strings{}, true
	rel := "i18n/" + lang + ".yaml"
	layers := Layers(theme)
	for i, l := range layers {
		data, err := fs.ReadFile(l, rel)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		found = true
		disp := "theme/" + rel
		if i == len(layers)-1 && themeName != "" {
			disp = path.Join(themeName, rel)
		}
		if err != nil {
			d.Errorf(disp, 0, "cannot read: %v", err)
			ok = false
			continue
		}
		_, problems := frontmatter.Decode(data, s)
		for _, p := range problems {
			d.Errorf(disp, p.Line, "%s", p.Msg)
			ok = false
		}
	}
	return s, found, ok
}

// Layers is the folders a theme is made of, bottom first: those of an
// overlay (themes.Overlay), or the theme itself.
func Layers(theme fs.FS) []fs.FS {
	if l, ok := theme.(interface{ Layers() []fs.FS }); ok {
		return l.Layers()
	}
	return []fs.FS{theme}
}

// Path names a theme file in diagnostics: in the user's theme folder
// (themeName) when its top layer holds the file, else in the built-in
// theme.
func Path(theme fs.FS, themeName, rel string) string {
	layers := Layers(theme)
	if _, err := fs.Stat(layers[len(layers)-1], rel); err == nil && themeName != "" {
		return path.Join(themeName, rel)
	}
	return "theme/" + rel
}

// fillMissing copies every empty field of s from en and names the fields it
// filled, by their YAML keys.
func fillMissing(s, en *Strings) []string {
	var missing []string
	sv, ev := reflect.ValueOf(s).Elem(), reflect.ValueOf(en).Elem()
	for i := range sv.NumField() {
		f := sv.Field(i)
		if f.IsZero() {
			f.Set(ev.Field(i))
			missing = append(missing, sv.Type().Field(i).Tag.Get("yaml"))
		}
	}
	return missing
}
