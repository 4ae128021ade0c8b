package builder

import (
	"io/fs"

	"deskbook/internal/diag"
	"deskbook/internal/words"
)

// Strings is the theme's interface words in one language
// (internal/words), with the words for the kinds of article.
type Strings struct{ words.Strings }

// Kind returns the badge text of an article kind.
func (s *Strings) Kind(k Kind) string {
	switch k {
	case KindError:
		return s.KindError
	case KindHowTo:
		return s.KindHowTo
	case KindChecklist:
		return s.KindChecklist
	case KindChangelog:
		return s.KindChangelog
	}
	return s.KindArticle
}

// loadTheme reads what the theme gives every page besides its templates:
// the interface strings, and the backgrounds the brand's colours must
// read on (a warning for each that does not).
func loadTheme(cfg *Config, conf *SiteConfig, d *diag.Collector) map[string]*Strings {
	ui := loadStrings(cfg.Theme, cfg.ThemeName, conf.Languages, d)
	if conf.brand != nil {
		css, _ := fs.ReadFile(cfg.Theme, "static/style.css")
		brandDiags(conf.brand.Contrast(css), conf, join(cfg.SourceName, "site.yaml"), d)
	}
	return ui
}

// loadStrings reads the theme's words for each site language.
func loadStrings(theme fs.FS, themeName string, langs []Language, d *diag.Collector) map[string]*Strings {
	ls := make([]words.Lang, len(langs))
	for i, l := range langs {
		ls[i] = words.Lang{Code: l.Code, Name: l.Name}
	}
	out := map[string]*Strings{}
	for code, w := range words.Load(theme, themeName, ls, d) {
		out[code] = &Strings{*w}
	}
	return out
}
