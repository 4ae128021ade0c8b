package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"deskbook/builder"
	"deskbook/internal/diag"
)

// report prints diagnostics and the one-screen summary. Errors are always
// listed in full; warnings up to maxWarn (all when negative).
func report(res *builder.Result, err error, stdout, stderr io.Writer, maxWarn int, ok func() error) error {
	var ce *diag.ContentError
	if err != nil && !errors.As(err, &ce) {
		return err
	}
	var ds diag.List
	switch {
	case ce != nil:
		ds = ce.Diagnostics
	case res != nil:
		ds = res.Diagnostics
	}
	warns, errs, broken := ds.Warnings(), ds.Errors(), ds.Warnings().Broken()
	warns = slices.DeleteFunc(warns, func(d diag.Diagnostic) bool { return d.Broken })
	for i, d := range warns {
		if maxWarn >= 0 && i == maxWarn {
			fmt.Fprintf(stderr, "… and %s (deskbook check lists them all)\n", diag.Count(len(warns)-maxWarn, "more warning", "more warnings"))
			break
		}
		fmt.Fprintln(stderr, d)
	}
	for _, d := range errs {
		fmt.Fprintln(stderr, d)
	}
	if ce != nil {
		printMigrating(stderr, broken)
		fmt.Fprintf(stderr, "deskbook: %s, %s; nothing was written\n", diag.Count(len(errs), "error", "errors"), diag.Count(len(warns)+len(broken), "warning", "warnings"))
		return errReported
	}
	if err := ok(); err != nil {
		return err
	}
	if len(warns) > 0 {
		fmt.Fprintf(stdout, "  %s\n", diag.Count(len(warns), "warning", "warnings"))
	}
	printMigrating(stderr, broken)
	return nil
}

// printMigrating lists, at the end of the output, the links, anchors and
// images that lead nowhere which links: warn let through, by file (a
// blank line between files), each as path:line: message: the to-do list
// of a migration.
func printMigrating(w io.Writer, broken diag.List) {
	if len(broken) == 0 {
		return
	}
	files := 0
	for i, d := range broken {
		if i == 0 || d.Path != broken[i-1].Path {
			files++
		}
	}
	fmt.Fprintf(w, "deskbook: %s while migrating (links: warn), in %s:\n", diag.Count(len(broken), "broken link", "broken links"), diag.Count(files, "file", "files"))
	for i, d := range broken {
		if i > 0 && d.Path != broken[i-1].Path {
			fmt.Fprintln(w)
		}
		d.Severity = diag.Error // the heading says they are let through
		fmt.Fprintln(w, d)
	}
}

// progressLine shows a stage's progress on one rewritten terminal line, and
// nothing when stderr is not a terminal (CI logs, pipes).
func progressLine(w io.Writer) func(string, int, int) {
	if !isTerminal(w) {
		return nil
	}
	return func(stage string, done, total int) {
		fmt.Fprintf(w, "\r\033[K%s %d/%d", stage, done, total)
	}
}

func clearProgress(w io.Writer) {
	if isTerminal(w) {
		fmt.Fprint(w, "\r\033[K")
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// summary says what a site holds: "12 articles (en 6, uk 6) in 5
// categories, 2 languages".
func summary(res *builder.Result) string {
	langs := res.Site.Config.Languages
	s := diag.Count(len(res.Site.Articles), "article", "articles")
	if len(langs) > 1 {
		per := map[string]int{}
		for _, a := range res.Site.Articles {
			per[a.Lang]++
		}
		parts := make([]string, len(langs))
		for i, l := range langs {
			parts[i] = fmt.Sprintf("%s %d", l.Code, per[l.Code])
		}
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	s += " in " + diag.Count(countCategories(res.Site), "category", "categories")
	if len(langs) > 1 {
		s += ", " + diag.Count(len(langs), "language", "languages")
	}
	if res.Pages > 0 {
		s = diag.Count(res.Pages, "page", "pages") + ": " + s
	}
	return s
}

func countCategories(s *builder.Site) int {
	n := 0
	for _, c := range s.Categories {
		if c.Name != "" {
			n++
		}
	}
	return n
}

func round(d time.Duration) time.Duration {
	if d > time.Second {
		return d.Round(10 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}
