// Package markdown imports a folder of Markdown written for another
// generator (plain GitHub Markdown, MkDocs, Docusaurus, DocFX, YFM or
// Hugo) into a deskbook content folder. Every page gets an id that a
// later import keeps; its title comes from front matter or its first
// heading, shown once; the generator's navigation becomes the order of
// categories and articles; index pages become category introductions;
// the URLs the old site had become aliases, so its links keep working;
// links, images and includes are rewritten to the new files.
//
// The dialect's own body syntax (notes, tabs, includes, variables) is
// turned into deskbook's by a Converter the caller gives; this package
// does everything around it, and reports what the converter could not
// convert, counted per construct.
package markdown

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"deskbook/internal/diag"
	"deskbook/internal/importer/dialect"
	"deskbook/internal/importer/folder"
)

// Dialect names the generator a folder of Markdown was written for; the
// names are internal/importer/dialect's, which converts their bodies.
type Dialect = dialect.Dialect

// The dialects Import knows. Each has its navigation file, its index
// pages and its URL scheme, which the README describes.
const (
	GitHub     = dialect.GitHub
	MkDocs     = dialect.MkDocs
	Docusaurus = dialect.Docusaurus
	DocFX      = dialect.DocFX
	YFM        = dialect.YFM
	Hugo       = dialect.Hugo
)

// Dialects lists every dialect, for usage messages.
var Dialects = []Dialect{GitHub, MkDocs, Docusaurus, DocFX, YFM, Hugo}

// ParseDialect reads the --dialect flag: a dialect's name, or "" or
// "auto" for the one Detect finds.
func ParseDialect(s string) (Dialect, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || s == "auto" {
		return "", nil
	}
	for _, d := range Dialects {
		if string(d) == s {
			return d, nil
		}
	}
	return "", fmt.Errorf("%w: unknown dialect %q; want auto, github, mkdocs, docusaurus, docfx, yfm or hugo", ErrOptions, s)
}

// Converter turns the body of one file from a dialect's syntax into
// deskbook's (internal/importer/dialect does this). file is the file's
// path in the source folder; titles gives the title of the page a link
// target names (relative to file), for syntax that shows it (YFM's
// {#T}).
type Converter interface {
	Convert(d Dialect, file string, src []byte, titles func(target string) (string, bool)) Result
}

// Result is a converted body.
type Result struct {
	Body []byte
	// Includes are the fragments the body now includes with
	// ::include[path], as paths relative to the file; Import copies them
	// into a folder that is never published and rewrites the paths.
	Includes []string
	// Variables are the dialect's variables the body uses, by name; they
	// go into site.yaml's variables:.
	Variables map[string]string
	// Problems are what could not be converted.
	Problems []Problem
}

// Problem is a piece of a body the converter could not turn into
// deskbook's syntax. Line counts from 1 in the body it was given;
// Construct is a short, stable name the import report counts by.
type Problem struct {
	Line      int
	Construct string
	Msg       string
}

// Plain is the Converter that leaves every body as it is: for plain
// GitHub Markdown, and for callers that convert nothing.
type Plain struct{}

// Convert returns src unchanged.
func (Plain) Convert(_ Dialect, _ string, src []byte, _ func(string) (string, bool)) Result {
	return Result{Body: src}
}

// Options configures Import.
type Options struct {
	// Dialect is the generator the source was written for; "" detects it.
	Dialect Dialect
	// Languages lists the languages to import, the default first. A
	// top-level folder or a file-name suffix is a language only when it
	// is listed here; when empty, any known language code is one (see
	// the README), and the default language is English.
	Languages []string
	// Title is the site title; "" takes the generator's, else "Help centre".
	Title string
	// IDs is the id file of an earlier import (IDsFile), or the folder
	// holding it: pages found there keep their ids. "" starts from 1.
	IDs string
	// OldBase is the path the old site was served under ("/docs/"), put
	// before every old URL; "" takes the generator's setting, else "/".
	OldBase string
	// SourceName is how warnings name the source folder, e.g. "docs".
	SourceName string
	// Converter converts the dialect's body syntax; nil is Converted.
	Converter Converter
}

// IDsFile is the file, at the top of the imported folder, that records
// the id of every imported page by its path in the source. It is hidden,
// so deskbook never publishes it; keep it with the content, and give it
// to the next import with --ids.
const IDsFile = ".import-ids.yaml"

// Report says what Import did, for the writer to check before the first
// build.
type Report struct {
	Dialect    Dialect
	Languages  []Count // articles per language, default language first
	Skipped    []Count // Markdown files in languages that were not imported
	Articles   int     // distinct articles; translations share one id
	Categories int     // categories, each with a _category.yaml per language
	Intros     int     // category introductions (index.md) written
	Fragments  int     // include fragments copied
	Assets     int     // images and other files copied
	Aliases    int     // old URLs kept as aliases
	IDsKept    int     // articles that kept the id an earlier import gave them
	NotInNav   int     // pages the navigation does not list, placed by folder
	Unlisted   int     // YFM pages its toc.yaml does not list, left out as YFM does

	LinksRewritten  int // links now pointing at an imported file
	LinksUnresolved int // links to nothing imported, now plain text
	AnchorsFixed    int // #anchors renamed to the heading ids deskbook gives
	AnchorsDropped  int // #anchors no heading has, dropped
	ImagesMissing   int // images whose file is missing, removed

	KeysLeft   []Count // front matter keys deskbook has no use for, by how many files had them
	Constructs []Count // syntax the converter could not convert, by construct
	Variables  int     // variables written to site.yaml

	// Warnings lists every problem with the file and line it is on.
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

// Import converts the Markdown folder src into a deskbook content folder
// at dst, which must not exist or be empty. The output is made in a
// sibling folder and renamed into place, so an import that fails writes
// nothing.
func Import(src fs.FS, dst string, opt Options) (Report, error) {
	if err := folder.CheckEmpty(dst); err != nil {
		return Report{}, err
	}
	imp, err := newImporter(src, opt)
	if err != nil {
		return Report{}, err
	}
	steps := []func() error{imp.configure, imp.scan, imp.readIDs, imp.read, imp.navigate, imp.convertAll, imp.layout, imp.number}
	for _, step := range steps {
		if err := step(); err != nil {
			return Report{}, err
		}
	}
	imp.oldURLs()
	imp.rewriteAll()
	if err := folder.Write(dst, imp.fill); err != nil {
		return Report{}, err
	}
	imp.finishReport()
	return imp.rep, nil
}

// warnf reports a problem with the source file p, at a line of it or at
// 0 for the whole file.
func (imp *importer) warnf(p string, line int, format string, args ...any) {
	imp.warns.Warnf(imp.shown(p), line, format, args...)
}

// shown is a source path as the writer knows it: the source folder's
// name and the path inside it.
func (imp *importer) shown(p string) string {
	if imp.srcName == "" || imp.srcName == "." {
		return p
	}
	return path.Join(imp.srcName, p)
}
