package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"deskbook/builder"
	"deskbook/internal/pdf"
)

const pdfSynopsis = "pdf [--source DIR] [--out DIR] [--base-url URL] [--theme DIR] [--chrome PATH] [--paper a4|letter] [--article ID,…] [--lang CODE,…] [--date YYYY-MM-DD] [--tabs N] [--force]"

// pdfRun is one deskbook pdf: its flags, parsed.
type pdfRun struct {
	site    siteFlags
	out     string
	baseURL string
	browser string
	paper   pdf.Paper
	ids     []int
	langs   []string
	date    time.Time
	force   bool
	tabs    int
}

// cmdPDF builds the site, prints its PDFs with Chromium into the PDF store
// beside the output folder, and builds again so that the PDFs are in the
// site and its pages link to them.
func cmdPDF(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	run, err := parsePDFFlags(args, stderr)
	if err != nil {
		return err
	}
	// No browser, no PDFs: say so before building anything.
	bin, err := pdf.FindBrowser(run.browser)
	if err != nil {
		return fmt.Errorf("pdf needs Chromium: %w", err)
	}
	cfg, err := run.site.config()
	if err != nil {
		return err
	}
	if abs(run.out) == abs(run.site.source) || strings.HasPrefix(abs(run.site.source), abs(run.out)+string(filepath.Separator)) {
		return usageError{"--out must not be the content folder or contain it"}
	}
	store := pdf.StoreFor(run.out)
	cfg.Out, cfg.BaseURL, cfg.PDFs = run.out, run.baseURL, store
	cfg.Progress = progressLine(stderr)
	res, err := builder.Build(ctx, cfg)
	clearProgress(stderr)
	if err != nil {
		return report(res, err, stdout, stderr, 20, nil)
	}
	docs, err := run.documents(res)
	if err != nil {
		return err
	}
	start := time.Now()
	done, err := pdf.Print(ctx, docs, pdf.Options{
		Site: run.out, Store: store, Browser: bin, Paper: run.paper, Date: run.date,
		BaseURL: publicBase(cmp.Or(run.baseURL, res.Site.Config.BaseURL)), Force: run.force, Tabs: run.tabs, Log: stderr,
	})
	if err != nil {
		if ctx.Err() != nil {
			return errors.New("pdf: interrupted; the browser was shut down and nothing half-printed was kept")
		}
		return err
	}
	if slices.ContainsFunc(done, func(d pdf.Done) bool { return !d.Skipped }) {
		// Build again: the PDFs go into the site and pages link to them.
		cfg.Progress = nil
		res, err = builder.Build(ctx, cfg)
		if err := report(res, err, stdout, stderr, 20, func() {}); err != nil {
			return err
		}
	}
	for _, d := range done {
		state := "printed"
		if d.Skipped {
			state = "up to date"
		}
		fmt.Fprintf(stdout, "deskbook: %s: %d pages, %d articles, %s, %s (%s)\n", filepath.Join(run.out, d.Lang, "print", d.File), d.Pages, d.Articles, sizeString(d.Bytes), state, d.Paper)
	}
	fmt.Fprintf(stdout, "deskbook: pdf done in %s\n", round(time.Since(start)))
	return nil
}

// parsePDFFlags reads deskbook pdf's flags, refusing what cannot work.
func parsePDFFlags(args []string, stderr io.Writer) (*pdfRun, error) {
	run := &pdfRun{}
	fl := newFlags("pdf", pdfSynopsis, stderr)
	run.site.register(fl)
	fl.StringVar(&run.out, "out", "public", "the output folder; the PDFs go to <out>/<lang>/print/")
	fl.StringVar(&run.baseURL, "base-url", "", "the site's public URL (overrides base_url in site.yaml)")
	fl.StringVar(&run.browser, "chrome", "", "the Chromium or Chrome binary (default: $DESKBOOK_CHROME, else Debian's chromium)")
	paperName := fl.String("paper", "a4", "paper size: a4 or letter")
	articles := fl.String("article", "", "print these articles (IDs, comma-separated) instead of the whole FAQ")
	langs := fl.String("lang", "", "only these languages (codes, comma-separated); default all")
	date := fl.String("date", "", `the "printed on" date, YYYY-MM-DD (default today)`)
	fl.BoolVar(&run.force, "force", false, "print again even what is up to date")
	fl.IntVar(&run.tabs, "tabs", 1, "documents to print at once, each in its own tab of the one browser (2 uses both cores of a 2-core machine)")
	if err := parseFlags(fl, args); err != nil {
		return nil, err
	}
	if fl.NArg() > 0 {
		return nil, usageError{fmt.Sprintf("pdf takes no arguments, got %q", fl.Args())}
	}
	if run.tabs < 1 || run.tabs > 8 {
		return nil, usageError{"--tabs: want 1 to 8"}
	}
	var err error
	if run.paper, err = pdf.PaperNamed(*paperName); err != nil {
		return nil, usageError{"--paper: " + err.Error()}
	}
	for _, s := range splitList(*articles) {
		id, err := strconv.Atoi(s)
		if err != nil || id <= 0 {
			return nil, usageError{fmt.Sprintf("--article: %q is not an article ID", s)}
		}
		run.ids = append(run.ids, id)
	}
	if *date != "" {
		if run.date, err = time.Parse("2006-01-02", *date); err != nil {
			return nil, usageError{fmt.Sprintf("--date %s: want YYYY-MM-DD", *date)}
		}
	}
	run.langs = splitList(*langs)
	if err := builder.CheckBaseURL(run.baseURL); err != nil {
		return nil, usageError{"--base-url " + err.Error()}
	}
	return run, nil
}

// documents lists what to print of a built site: the articles asked for,
// or the print books, in the languages asked for.
func (run *pdfRun) documents(res *builder.Result) ([]builder.Printable, error) {
	docs, err := res.Printables(run.ids...)
	if err != nil {
		return nil, usageError{"--article: " + err.Error()}
	}
	if len(run.langs) > 0 {
		for _, l := range run.langs {
			if !slices.ContainsFunc(res.Site.Config.Languages, func(sl builder.Language) bool { return sl.Code == l }) {
				return nil, usageError{fmt.Sprintf("--lang: the site has no language %q", l)}
			}
		}
		docs = slices.DeleteFunc(docs, func(d builder.Printable) bool { return !slices.Contains(run.langs, d.Lang) })
	}
	if len(docs) == 0 {
		return nil, errors.New("nothing to print: the site has no print book (no articles, or a theme without layouts/print.html)")
	}
	return docs, nil
}

// publicBase is the address links out of a PDF lead to: the site's base
// URL when it is a full address, else "" (such links become text).
func publicBase(u string) string {
	if !strings.Contains(u, "://") {
		return ""
	}
	return strings.TrimSuffix(u, "/") + "/"
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func sizeString(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1<<9)>>10)
}
