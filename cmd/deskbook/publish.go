package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"deskbook/builder"
	"deskbook/internal/diag"
	"deskbook/internal/pdf"
)

const publishSynopsis = "publish [--source DIR] [--out DIR] [--base-url URL] [--offline] [--allow-removed] [--theme DIR] [--changes FILE] [--pdf] [--chrome PATH] [--paper a4|letter] [--date YYYY-MM-DD] [--tabs N] [--force]"

// cmdPublish builds the site that gets published and records its URLs in
// the URL ledger in the source folder, the one thing deskbook writes
// there: a trial build must not make later builds demand redirects for
// URLs nobody ever saw. With --pdf it prints the PDFs first, so a site
// built on a fresh machine (CI) has current ones rather than none.
func cmdPublish(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("publish", publishSynopsis, stderr)
	var bf buildFlags
	var pf printFlags
	bf.register(fl)
	withPDF := fl.Bool("pdf", false, "print the PDFs with Chromium first, so the site has current ones")
	pf.register(fl)
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return usageError{fmt.Sprintf("publish takes no arguments, got %q", fl.Args())}
	}
	if err := pf.check(); err != nil {
		return err
	}
	bin, err := pf.publishBrowser(*withPDF)
	if err != nil {
		return err
	}
	cfg, err := bf.config(stderr)
	if err != nil {
		return err
	}
	closed := func() error { return nil }
	if *withPDF {
		if closed, err = printPDFs(ctx, cfg, bin, &pf, stdout, stderr); err != nil {
			return err
		}
	}
	var ledger *pendingFile
	cfg.BeforeWrite = func(res *builder.Result) error {
		if !res.LedgerChanged {
			return nil
		}
		var err error
		ledger, err = prepareFile(filepath.Join(bf.site.source, builder.LedgerFile), res.Ledger)
		if err != nil {
			return fmt.Errorf("cannot save the URL ledger, so nothing was written: %w", err)
		}
		return nil
	}
	res, err := builder.Build(ctx, cfg)
	clearProgress(stderr)
	if err != nil && ledger != nil {
		ledger.discard()
	}
	closeErr := closed()
	return cmp.Or(report(res, err, stdout, stderr, 20, func() error {
		printBuilt(stdout, res, bf.out)
		if ledger != nil {
			if err := ledger.commit(); err != nil {
				return fmt.Errorf("saving the URL ledger: %w", err)
			}
			what := "updated " + ledger.name
			if res.NewURLs > 0 {
				what = fmt.Sprintf("recorded %s in %s", diag.Count(res.NewURLs, "new URL", "new URLs"), ledger.name)
			}
			fmt.Fprintf(stdout, "  %s: commit it with the content\n", what)
		}
		if !strings.Contains(cmp.Or(bf.baseURL, res.Site.Config.BaseURL), "://") {
			fmt.Fprintf(stdout, "  no full address (base_url in site.yaml, or --base-url): the site has no changelog feeds, canonical links or sitemap addresses\n")
		}
		if res.PDFs == 0 && !*withPDF {
			fmt.Fprintf(stdout, "  no PDFs in this site: deskbook publish --pdf prints them (it needs Chromium)\n")
		}
		return writeChanges(bf.changes, res)
	}), closeErr)
}

// publishBrowser is the browser publish --pdf prints with, found before
// anything is built; "" without --pdf.
func (pf *printFlags) publishBrowser(withPDF bool) (string, error) {
	if !withPDF {
		return "", nil
	}
	bin, err := pdf.FindBrowser(pf.browser)
	if err != nil {
		return "", fmt.Errorf("publish --pdf needs Chromium: %w; publish without --pdf leaves the PDFs out", err)
	}
	return bin, nil
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
