package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"deskbook/builder"
	"deskbook/internal/diag"
	"deskbook/internal/pdf"
)

// siteFlags are the flags every command that reads content shares.
type siteFlags struct {
	source string
	theme  string
}

func (f *siteFlags) register(fl interface {
	StringVar(*string, string, string, string)
}) {
	fl.StringVar(&f.source, "source", "content", "the content folder")
	fl.StringVar(&f.theme, "theme", "", "a theme folder laid over the built-in theme (overrides theme: in site.yaml)")
}

// config turns the flags into a builder configuration.
func (f *siteFlags) config() (builder.Config, error) {
	fi, err := os.Stat(f.source)
	if err != nil || !fi.IsDir() {
		return builder.Config{}, usageError{fmt.Sprintf("--source %s: not a folder", f.source)}
	}
	// An os.Root confines every read to the folder: a symbolic link in it
	// that leads out, directly or through another folder, cannot be read.
	src, err := os.OpenRoot(f.source)
	if err != nil {
		return builder.Config{}, fmt.Errorf("--source %s: %w", f.source, err)
	}
	cfg := builder.Config{Source: src.FS(), SourceName: filepath.ToSlash(filepath.Clean(f.source))}
	err = f.openTheme(&cfg)
	return cfg, err
}

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("build", "build [--source DIR] [--out DIR] [--base-url URL] [--drafts] [--offline] [--allow-removed] [--theme DIR]", stderr)
	var sf siteFlags
	sf.register(fl)
	out := fl.String("out", "public", "the output folder (replaced whole on success, untouched on failure)")
	baseURL := fl.String("base-url", "", "the site's public URL (overrides base_url in site.yaml)")
	drafts := fl.Bool("drafts", false, "include articles with draft: true")
	offline := fl.Bool("offline", false, "make a folder that works from file:// (links end in index.html)")
	allowRemoved := fl.Bool("allow-removed", false, "let URLs listed in "+builder.LedgerFile+" vanish (they are marked removed)")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return usageError{fmt.Sprintf("build takes no arguments, got %q", fl.Args())}
	}
	cfg, err := sf.config()
	if err != nil {
		return err
	}
	if err := builder.CheckBaseURL(*baseURL); err != nil {
		return usageError{"--base-url " + err.Error()}
	}
	if abs(*out) == abs(sf.source) || strings.HasPrefix(abs(sf.source), abs(*out)+string(filepath.Separator)) {
		return usageError{"--out must not be the content folder or contain it"}
	}
	cfg.Out, cfg.BaseURL, cfg.Drafts, cfg.Offline, cfg.AllowRemoved = *out, *baseURL, *drafts, *offline, *allowRemoved
	cfg.PDFs = pdf.StoreFor(*out) // PDFs from "deskbook pdf" stay in the site while they are current
	cfg.Progress = progressLine(stderr)
	// Drafts are not published, so a drafts build does not record them.
	var ledger *pendingFile
	if !*drafts {
		cfg.BeforeWrite = func(res *builder.Result) error {
			if !res.LedgerChanged {
				return nil
			}
			var err error
			ledger, err = prepareFile(filepath.Join(sf.source, builder.LedgerFile), res.Ledger)
			if err != nil {
				return fmt.Errorf("cannot save the URL ledger, so nothing was written: %w", err)
			}
			return nil
		}
	}
	res, err := builder.Build(ctx, cfg)
	clearProgress(stderr)
	if err != nil && ledger != nil {
		ledger.discard()
	}
	var ledgerErr error
	err = report(res, err, stdout, stderr, 20, func() {
		fmt.Fprintf(stdout, "deskbook: built %s in %s → %s\n", summary(res), round(res.Duration), *out)
		fmt.Fprintf(stdout, "  files %d: %d written, %d unchanged, %d removed\n", res.Files, res.Write.Written, res.Write.Unchanged, res.Write.Removed)
		if ledger != nil {
			if ledgerErr = ledger.commit(); ledgerErr == nil {
				fmt.Fprintf(stdout, "  updated %s: commit it with the content\n", ledger.name)
			}
		}
	})
	if err == nil && ledgerErr != nil {
		return fmt.Errorf("saving the URL ledger: %w", ledgerErr)
	}
	return err
}

// pendingFile is a file written beside its final name, to be renamed
// into place (commit) or removed (discard).
type pendingFile struct {
	name, tmp string
}

// prepareFile writes data beside name. Writing it before the site is
// swapped in means a source folder that cannot take the file (read-only,
// full) fails the build while the output is still the previous one; the
// rename that follows cannot fail for want of room or permission.
func prepareFile(name string, data []byte) (*pendingFile, error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".published-urls-*")
	if err != nil {
		return nil, err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	return &pendingFile{name: name, tmp: tmp.Name()}, nil
}

func (f *pendingFile) commit() error { return os.Rename(f.tmp, f.name) }

func (f *pendingFile) discard() { os.Remove(f.tmp) }

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("check", "check [--source DIR] [--theme DIR] [--strict]", stderr)
	var sf siteFlags
	sf.register(fl)
	strict := fl.Bool("strict", false, "make the content linter's warnings errors (exit 1), e.g. in CI")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return usageError{fmt.Sprintf("check takes no arguments, got %q", fl.Args())}
	}
	cfg, err := sf.config()
	if err != nil {
		return err
	}
	cfg.Strict = *strict
	res, err := builder.Build(ctx, cfg)
	return report(res, err, stdout, stderr, -1, func() {
		fmt.Fprintf(stdout, "deskbook: checked %s in %s: no errors\n", summary(res), round(res.Duration))
	})
}

// report prints diagnostics and the one-screen summary. Errors are always
// listed in full; warnings up to maxWarn (all when negative).
func report(res *builder.Result, err error, stdout, stderr io.Writer, maxWarn int, ok func()) error {
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
	warns, errs := ds.Warnings(), ds.Errors()
	for i, d := range warns {
		if maxWarn >= 0 && i == maxWarn {
			fmt.Fprintf(stderr, "… and %d more warnings (deskbook check lists them all)\n", len(warns)-maxWarn)
			break
		}
		fmt.Fprintln(stderr, d)
	}
	for _, d := range errs {
		fmt.Fprintln(stderr, d)
	}
	if ce != nil {
		fmt.Fprintf(stderr, "deskbook: %d error(s), %d warning(s); nothing was written\n", len(errs), len(warns))
		return errReported
	}
	ok()
	if len(warns) > 0 {
		fmt.Fprintf(stdout, "  %d warning(s)\n", len(warns))
	}
	return nil
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

func summary(res *builder.Result) string {
	langs := make([]string, len(res.Site.Config.Languages))
	for i, l := range res.Site.Config.Languages {
		langs[i] = l.Code
	}
	s := fmt.Sprintf("%d articles in %d categories, %d language(s) (%s)", len(res.Site.Articles), countCategories(res.Site), len(langs), strings.Join(langs, ", "))
	if res.Pages > 0 {
		s = fmt.Sprintf("%d pages: ", res.Pages) + s
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

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}
