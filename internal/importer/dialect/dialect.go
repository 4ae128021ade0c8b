// Package dialect converts one Markdown file written for another tool —
// GitHub, MkDocs (Material), Docusaurus, DocFX, YFM (Diplodoc) or Hugo —
// into deskbook's own syntax: notes (:::note[Title]), collapsible sections
// (:::details[Label]), tabs (:::tabs with ::tab[Label]), includes
// (::include[path]) and variables ({{name}}); GitHub alerts stay as they
// are. Whatever it does not understand becomes a Problem with its line and
// a short construct name, and the text is kept readable: no template tag
// of another tool is left in the body, outside code.
//
// The converter reads the body line by line, once: a stack of open
// containers decides which lines belong to which, fenced and indented code
// is copied untouched, and each dialect's rules turn its markers into
// deskbook's. The colons of a container are counted only when the whole
// body is read, so an outer container always has more than the ones it
// holds. Everything is linear in the size of the body: nothing is
// searched twice, and containers nest at most maxBoxes deep in the output.
package dialect

import (
	"fmt"
	"slices"
	"strings"
)

// Dialect names the tool a folder of Markdown was written for.
type Dialect string

// The dialects Convert knows.
const (
	GitHub     Dialect = "github"
	MkDocs     Dialect = "mkdocs"
	Docusaurus Dialect = "docusaurus"
	DocFX      Dialect = "docfx"
	YFM        Dialect = "yfm"
	Hugo       Dialect = "hugo"
)

// All lists every dialect, in the order Detect tries their marker files.
func All() []Dialect { return []Dialect{YFM, DocFX, MkDocs, Docusaurus, Hugo, GitHub} }

// Known tells whether d is one of the dialects Convert knows.
func Known(d Dialect) bool { return slices.Contains(All(), d) }

// Problem is something a conversion could not carry over exactly: Line is
// a line of the body given to Convert (1-based; 0 for the whole file),
// Construct a short stable name such as "yfm:anchor" that the import
// report counts, Msg what happened in the writer's words.
type Problem struct {
	Line      int
	Construct string
	Msg       string
}

// String formats the problem as "line: message (construct)".
func (p Problem) String() string { return fmt.Sprintf("%d: %s (%s)", p.Line, p.Msg, p.Construct) }

// Result is one converted body.
type Result struct {
	Body []byte
	// Includes are the fragments the body now includes, as written in its
	// ::include[...] lines: relative to the file, in order, each once.
	Includes []string
	// Variables are those the dialect defines for the file's folder. None
	// of the six dialects defines variables inside a body, so Convert
	// leaves it nil; YFM's presets.yaml is read by the importer.
	Variables map[string]string
	Problems  []Problem
}

// Convert converts one body (the file without its front matter) written in
// dialect d into deskbook's syntax. file is the file's path, slash
// separated, relative to the folder being imported (for Hugo, a leading
// "content/" is allowed); it resolves Hugo's site-absolute references.
// titles gives the title of the file a link points to (the link's target
// as written, relative to file), for YFM's [{#T}](file.md); for Hugo's
// ref shortcodes it also tells whether a path relative to the page names
// a file. titles may be nil. An unknown dialect is read as GitHub's, with
// a problem saying so.
func Convert(d Dialect, file string, src []byte, titles func(target string) (string, bool)) (res Result) {
	defer func() {
		// Odd input must never take an import down: the body is kept.
		if r := recover(); r != nil {
			res = Result{Body: src, Problems: []Problem{{Construct: string(d) + ":internal",
				Msg: fmt.Sprintf("internal error while converting this file (%v); its text is kept as it was", r)}}}
		}
	}()
	return convert(d, file, src, titles)
}

// convert is Convert without the recovery, for the fuzz test to see panics.
func convert(d Dialect, file string, src []byte, titles func(string) (string, bool)) Result {
	if titles == nil {
		titles = func(string) (string, bool) { return "", false }
	}
	var early []Problem
	if !Known(d) {
		early = append(early, Problem{Construct: "dialect", Msg: fmt.Sprintf("unknown dialect %q: the file is read as GitHub Markdown", d)})
		d = GitHub
	}
	c := newConv(d, file, titles, 0)
	c.problems = early
	lines := splitLines(string(src))
	if d == YFM {
		lines = c.liquid(lines)
	}
	c.run(lines)
	return c.result()
}

// splitLines cuts a body into lines numbered from 1, without their line
// ends (\n, \r\n or a lone \r).
func splitLines(s string) []srcLine {
	lines := make([]srcLine, 0, strings.Count(s, "\n")+1)
	for no := 1; s != ""; no++ {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			lines = append(lines, srcLine{s, no})
			break
		}
		lines = append(lines, srcLine{s[:i], no})
		if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
			i++
		}
		s = s[i+1:]
	}
	return lines
}

// srcLine is one line of the body and its number.
type srcLine struct {
	text string
	no   int
}
