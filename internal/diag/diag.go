// Package diag is how deskbook reports problems in content: a Diagnostic
// is one problem pinned to a file and line, in the writer's words. Every
// stage of a build, and every importer, collects them instead of stopping
// at the first, so a writer sees and fixes all of them in one go.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Severity tells an error, which fails a build, from a warning, which does not.
type Severity int

const (
	// Error fails the build; nothing is written.
	Error Severity = iota
	// Warning is reported but the build goes on.
	Warning
)

// A Diagnostic is one problem found in the content, pinned to a file and line.
type Diagnostic struct {
	Path     string // path as the writer knows it, e.g. "content/errors/e1001.md"
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Severity Severity
	Msg      string
	// Broken marks a link, anchor or image that leads nowhere: an error,
	// or a warning while a site migrates (Collector.LinksWarn).
	Broken bool
}

// String formats the diagnostic as "path:line: message", the form editors
// and CI parse.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(d.Line))
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// List is a set of diagnostics, usually sorted by file and line.
type List []Diagnostic

// Errors returns only the diagnostics that fail the build.
func (l List) Errors() List {
	return slices.DeleteFunc(slices.Clone(l), func(d Diagnostic) bool { return d.Severity != Error })
}

// Warnings returns only the diagnostics that do not fail the build.
func (l List) Warnings() List {
	return slices.DeleteFunc(slices.Clone(l), func(d Diagnostic) bool { return d.Severity != Warning })
}

// Broken returns the diagnostics about links, anchors and images that
// lead nowhere.
func (l List) Broken() List {
	return slices.DeleteFunc(slices.Clone(l), func(d Diagnostic) bool { return !d.Broken })
}

// HasErrors reports whether any diagnostic fails the build.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}

// Sorted returns the diagnostics by file, line, severity and message, each
// once, so that output is the same whatever order parallel work finished in.
func (l List) Sorted() List {
	out := slices.Clone(l)
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Severity, b.Severity), cmp.Compare(a.Msg, b.Msg))
	})
	return slices.Compact(out)
}

// Collector gathers diagnostics; it is safe for concurrent use, so stages
// that run in parallel report into one.
type Collector struct {
	// Strict makes findings (Findingf) errors instead of warnings: a
	// linter's advice becomes a gate, as deskbook check --strict asks.
	Strict bool
	// LinksWarn makes broken links, anchors and images (Brokenf) warnings
	// instead of errors, for the weeks a migration from another tool
	// takes (deskbook build --links warn).
	LinksWarn bool

	mu   sync.Mutex
	list List
}

// Errorf reports an error.
func (c *Collector) Errorf(path string, line int, format string, args ...any) {
	c.Add(Diagnostic{Path: path, Line: line, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf reports a warning.
func (c *Collector) Warnf(path string, line int, format string, args ...any) {
	c.Add(Diagnostic{Path: path, Line: line, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Findingf reports advice about content that works but could serve its
// readers better: a warning, or an error when the collector is Strict.
func (c *Collector) Findingf(path string, line int, format string, args ...any) {
	sev := Warning
	if c.Strict {
		sev = Error
	}
	c.Add(Diagnostic{Path: path, Line: line, Severity: sev, Msg: fmt.Sprintf(format, args...)})
}

// Brokenf reports a link, anchor or image that leads nowhere: an error,
// or a warning when the collector is LinksWarn.
func (c *Collector) Brokenf(path string, line int, format string, args ...any) {
	sev := Error
	if c.LinksWarn {
		sev = Warning
	}
	c.Add(Diagnostic{Path: path, Line: line, Severity: sev, Msg: fmt.Sprintf(format, args...), Broken: true})
}

// Add reports diagnostics found elsewhere, as they are.
func (c *Collector) Add(ds ...Diagnostic) {
	c.mu.Lock()
	c.list = append(c.list, ds...)
	c.mu.Unlock()
}

// HasErrors reports whether an error was reported.
func (c *Collector) HasErrors() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.list.HasErrors()
}

// List returns what was reported, in the order it came.
func (c *Collector) List() List {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.list)
}

// Sorted returns what was reported, sorted (see List.Sorted).
func (c *Collector) Sorted() List {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.list.Sorted()
}

// ContentError is the error of a build that found errors in the content. It
// carries every diagnostic, warnings included, so the writer can fix all
// of them in one go.
type ContentError struct {
	Diagnostics List
}

func (e *ContentError) Error() string {
	errs := e.Diagnostics.Errors()
	lines := make([]string, len(errs))
	for i, d := range errs {
		lines[i] = d.String()
	}
	what := "1 content error"
	if len(errs) != 1 {
		what = fmt.Sprintf("%d content errors", len(errs))
	}
	return what + ":\n" + strings.Join(lines, "\n")
}

// Count says n things in words, "1 error" or "3 errors", as every message
// of deskbook counts: a reader should not have to read "1 error(s)".
func Count(n int, one, other string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + other
}
