package builder

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Severity tells an error, which fails the build, from a warning, which does not.
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
}

// String formats the diagnostic as "path:line: message", the form editors and CI parse.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// Diagnostics is every problem a build found, sorted by file and line.
type Diagnostics []Diagnostic

// Errors returns only the diagnostics that fail the build.
func (ds Diagnostics) Errors() Diagnostics {
	return slices.DeleteFunc(slices.Clone(ds), func(d Diagnostic) bool { return d.Severity != Error })
}

// Warnings returns only the diagnostics that do not fail the build.
func (ds Diagnostics) Warnings() Diagnostics {
	return slices.DeleteFunc(slices.Clone(ds), func(d Diagnostic) bool { return d.Severity != Warning })
}

// ContentError is returned by Build when the content has errors. It carries
// every diagnostic, so the writer can fix all of them in one go.
type ContentError struct {
	Diagnostics Diagnostics
}

func (e *ContentError) Error() string {
	errs := e.Diagnostics.Errors()
	lines := make([]string, len(errs))
	for i, d := range errs {
		lines[i] = d.String()
	}
	return fmt.Sprintf("%d content error(s):\n%s", len(errs), strings.Join(lines, "\n"))
}

// diags collects diagnostics from stages that run in parallel.
type diags struct {
	mu     sync.Mutex
	list   Diagnostics
	strict bool // lint findings are errors (deskbook check --strict)
}

func (c *diags) add(sev Severity, path string, line int, format string, args ...any) {
	d := Diagnostic{Path: path, Line: line, Severity: sev, Msg: fmt.Sprintf(format, args...)}
	c.mu.Lock()
	c.list = append(c.list, d)
	c.mu.Unlock()
}

func (c *diags) errorf(path string, line int, format string, args ...any) {
	c.add(Error, path, line, format, args...)
}

func (c *diags) warnf(path string, line int, format string, args ...any) {
	c.add(Warning, path, line, format, args...)
}

// lintf reports a content linter finding: a warning, or an error in
// strict mode.
func (c *diags) lintf(path string, line int, format string, args ...any) {
	sev := Warning
	if c.strict {
		sev = Error
	}
	c.add(sev, path, line, format, args...)
}

func (c *diags) hasErrors() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.ContainsFunc(c.list, func(d Diagnostic) bool { return d.Severity == Error })
}

// sorted returns the diagnostics in a stable order, so that output is the
// same whatever order the parallel stages finished in.
func (c *diags) sorted() Diagnostics {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := slices.Clone(c.list)
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Severity, b.Severity), cmp.Compare(a.Msg, b.Msg))
	})
	return slices.Compact(out)
}
