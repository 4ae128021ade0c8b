package markdown

import (
	"fmt"
	"io/fs"
	"strings"

	"deskbook/internal/diag"
	"deskbook/internal/inline"
	"deskbook/internal/lang"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// importer is the state of one import, filled in by its steps in order.
type importer struct {
	src      fs.FS
	srcName  string
	opt      Options
	conv     Converter
	listed   map[string]bool // languages the caller listed
	explicit bool            // the caller listed languages

	dialect Dialect
	site    siteInfo
	defLang string
	langs   []string // imported languages, default first
	// langDirs are the source folders of languages kept in folders of their own.
	langDirs map[string]string

	files     []*srcFile // Markdown files in imported languages, in path order
	byPath    map[string]*srcFile
	assets    map[string]bool              // every other file of the source, by path
	pages     map[string]*page             // by key: the path below the language root, without a language
	frags     map[string]*fragment         // by fragKey
	navTops   []*navNode                   // the default language's navigation, top level
	navs      map[string][]*navNode        // every language's navigation, for category titles
	cats      []*category                  // in order
	rootPages []*page                      // pages outside every category, in order
	oldIDs    map[string]int               // key → id, from an earlier import
	uids      map[string]*page             // DocFX uid → page
	oldURL    map[string]*version          // old URL path, normalised → the version that had it
	vars      map[string]map[string]string // variable → language → value
	copies    map[string]string            // output path → source path of a file to copy

	md         goldmark.Markdown // to find titles, first paragraphs and heading ids
	rep        Report
	warns      *diag.Collector
	keys       map[string]int // front matter keys left out, by how many files had them
	constructs map[string]int
}

// srcFile is a Markdown file of the source in an imported language.
type srcFile struct {
	path string // in the source folder
	key  string // below its language root, without a language suffix: "guide/install.md"
	lang string
	frag bool // in a _ folder or named _x.md: a fragment for includes, never an article
}

// page is an article in all its languages.
type page struct {
	key      string
	versions map[string]*version
	id       int
	out      string // output path below the language folder
	cat      *category
	order    int  // place in its category, from 1; 0 outside navigation order
	intro    bool // its category's introduction: written as index.md
	inNav    bool
	navTitle string // the navigation's name for it, a title when the page has none
}

// version is one language of a page.
type version struct {
	page     *page
	lang     string
	src      string
	meta     meta
	title    string
	body     string // after front matter, the title heading blanked
	bodyLine int    // the file line the body starts on
	conv     string // converted body
	includes []string
	anchors  map[string]bool
	result   string // with links rewritten
	summary  string
	aliases  []string
	oldURL   string // the URL it had on the old site, "" when unknown
	out      string // output path, language folder included
}

// fragment is an included file, copied into a folder deskbook never
// publishes, once per language that includes it.
type fragment struct {
	src      string
	lang     string
	out      string
	body     string
	bodyLine int
	conv     string
	includes []string
	result   string
}

// category is a top-level folder of the output.
type category struct {
	dir    string            // folder name below the language folder
	src    string            // the source folder it keeps; "" for one made from a navigation group
	titles map[string]string // language → title
	order  int
	intro  *page
	pages  []*page
}

// newImporter checks the options and starts an import.
func newImporter(src fs.FS, opt Options) (*importer, error) {
	imp := &importer{
		src: src, srcName: opt.SourceName, opt: opt, conv: opt.Converter,
		listed: map[string]bool{}, byPath: map[string]*srcFile{}, assets: map[string]bool{},
		langDirs: map[string]string{}, pages: map[string]*page{}, frags: map[string]*fragment{}, navs: map[string][]*navNode{},
		oldIDs: map[string]int{}, uids: map[string]*page{}, oldURL: map[string]*version{},
		vars: map[string]map[string]string{}, copies: map[string]string{},
		warns: &diag.Collector{}, keys: map[string]int{}, constructs: map[string]int{},
		// As the builder's parser, whose heading ids it predicts; with
		// inline's parsers, so no page takes time in the square of its size.
		md: goldmark.New(
			goldmark.WithExtensions(extension.GFM, extension.Footnote, inline.Extension()),
			goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		),
	}
	if imp.conv == nil {
		imp.conv = Converted{}
	}
	for _, l := range opt.Languages {
		code := strings.ToLower(strings.TrimSpace(l))
		if !lang.Valid(code) {
			return nil, fmt.Errorf("%w: language %q is not a code like en, uk or pt-br", ErrOptions, l)
		}
		if imp.listed[code] {
			return nil, fmt.Errorf("%w: language %q listed twice", ErrOptions, code)
		}
		imp.listed[code] = true
		imp.langs = append(imp.langs, code)
	}
	imp.explicit = len(imp.langs) > 0
	return imp, nil
}

// langDir is the folder of a language in the output: deskbook reads a
// site of one language from the top of its folder, and several from
// <lang>/.
func (imp *importer) langDir(code string) string {
	if len(imp.langs) == 1 {
		return ""
	}
	return code + "/"
}
