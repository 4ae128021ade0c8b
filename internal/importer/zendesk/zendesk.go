// Package zendesk imports a Zendesk help centre from the JSON its Help
// Center API returns (categories, sections, articles, their translations)
// and a folder of attachments. Articles become deskbook articles with
// their Zendesk ids, sections become categories, the HTML bodies become
// Markdown, links between articles and to attachments are rewritten, and
// the old article URLs become aliases, so that links people saved still
// lead somewhere. What cannot be carried over is a warning naming the
// article, so the writer can check the result before the first build.
package zendesk

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"deskbook/internal/diag"
	"deskbook/internal/importer/folder"
	"deskbook/internal/lang"
)

// Options configures Import.
type Options struct {
	// Languages lists the locales to import, the default language first,
	// each as the locale ("uk") or the locale and the deskbook code it
	// becomes ("en-us=en"). When empty, every locale is imported; each
	// becomes its language ("en-us" → "en") unless two share one, and the
	// default language is the source locale most articles have.
	Languages []string
	// Title is the site title written to site.yaml; "Help centre" when empty.
	Title string
	// SourceName is how warnings name the export folder.
	SourceName string
	// HelpCentre is the old help centre's address, https://help.example.com,
	// to recognise its full URLs in links and to send links the import
	// cannot carry over back to it. By default, the address of the
	// html_url fields of the export.
	HelpCentre string
}

// Report says what Import did, for the writer to check before the first
// build.
type Report struct {
	Languages  []Count // articles per language, default language first
	Locales    []Count // Zendesk locale → how many article versions it had; Name is "en-us → en"
	Articles   int     // distinct articles; translations share one id
	Drafts     int     // article versions imported as draft: true
	Untrans    int     // article versions missing: an article lacks a language the site has
	Categories int     // Zendesk categories that have articles
	Sections   int     // Zendesk sections, each now a deskbook category
	Callouts   int     // callout boxes now [!NOTE]-style callouts

	LinksRewritten     int // links between articles and to attachments, now relative
	LinksToOld         int // links to pages of the old help centre that are not articles (sections, forms)
	AttachmentsCopied  int // attachment files copied (once per language that uses them)
	AttachmentsMissing int // attachment URLs with no file in the export: the link is kept
	Aliases            int // old article URLs now aliases

	Warnings diag.List
}

// Count is a number of things with one name.
type Count struct {
	Name  string
	Count int
}

// ErrOptions is wrapped by the errors Import returns for options that
// cannot work, such as an unknown language code.
var ErrOptions = errors.New("bad import options")

// Import converts the Zendesk export in src into a deskbook content folder
// at dst, which must not exist or be empty. The output is made in a
// sibling folder and moved into place, so a failed import writes nothing.
// An export with missing or broken files is an *ExportError.
func Import(src fs.FS, dst string, opt Options) (Report, error) {
	if err := folder.CheckEmpty(dst); err != nil {
		return Report{}, err
	}
	ex, err := readExport(src, opt.SourceName)
	if err != nil {
		return Report{}, err
	}
	imp, err := newImporter(src, ex, opt)
	if err != nil {
		return Report{}, err
	}
	imp.plan()
	imp.convertAll()
	if err := folder.Write(dst, imp.fill); err != nil {
		return Report{}, err
	}
	imp.finishReport()
	return imp.rep, nil
}

// importer is the state of one import.
type importer struct {
	src     fs.FS
	ex      *export
	srcName string
	title   string
	host    *url.URL          // the old help centre, or nil
	langOf  map[string]string // Zendesk locale, lowercase → deskbook code
	langs   []string          // deskbook codes, default first
	chosen  bool              // the caller chose the locales

	folders []*folderInfo
	docs    []*doc
	byID    map[int64]*doc
	copies  map[string]string // output path → export path of an attachment

	rep   Report
	warns diag.Collector
}

// newImporter checks the options and decides the languages.
func newImporter(src fs.FS, ex *export, opt Options) (*importer, error) {
	imp := &importer{
		src: src, ex: ex, srcName: opt.SourceName, title: opt.Title,
		langOf: map[string]string{}, byID: map[int64]*doc{}, copies: map[string]string{},
	}
	if imp.title == "" {
		imp.title = "Help centre"
	}
	if opt.HelpCentre != "" {
		u, err := url.Parse(opt.HelpCentre)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("%w: help centre %q is not an address like https://help.example.com", ErrOptions, opt.HelpCentre)
		}
		imp.host = u
	} else {
		imp.host = guessHost(ex)
	}
	for _, l := range opt.Languages {
		locale, code, ok := strings.Cut(strings.TrimSpace(l), "=")
		locale = strings.ToLower(locale)
		if !ok {
			code = locale
		}
		if !lang.Valid(code) {
			return nil, fmt.Errorf("%w: language %q is not a code like en, uk or pt-br (write en-us=en to import the locale en-us as en)", ErrOptions, code)
		}
		if _, dup := imp.langOf[locale]; dup {
			return nil, fmt.Errorf("%w: locale %q listed twice", ErrOptions, locale)
		}
		imp.langOf[locale] = code
		imp.langs = append(imp.langs, code)
		imp.chosen = true
	}
	if !imp.chosen {
		imp.chooseLanguages()
	}
	return imp, nil
}

// guessHost is the address of the help centre the export came from: the
// scheme and host of the first html_url.
func guessHost(ex *export) *url.URL {
	var urls []string
	for _, a := range ex.articles {
		urls = append(urls, a.HTMLURL)
	}
	for _, c := range ex.categories {
		urls = append(urls, c.HTMLURL)
	}
	for _, s := range urls {
		if u, err := url.Parse(s); err == nil && u.Host != "" && (u.Scheme == "https" || u.Scheme == "http") {
			return &url.URL{Scheme: u.Scheme, Host: u.Host}
		}
	}
	return nil
}

// warnf reports a problem with an export file, naming what it is about.
func (imp *importer) warnf(file string, format string, args ...any) {
	p := file
	if imp.srcName != "" && imp.srcName != "." {
		p = imp.srcName + "/" + file
	}
	imp.warns.Warnf(p, 0, format, args...)
}
