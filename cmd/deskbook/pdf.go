package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"deskbook/builder"
	"deskbook/internal/cache"
	"deskbook/internal/pdf"
)

const pdfSynopsis = "pdf [--source DIR] [--out DIR] [--base-url URL] [--theme DIR] [--chrome PATH] [--paper a4|letter] [--article ID,…] [--lang CODE,…] [--date YYYY-MM-DD] [--tabs N] [--force]"

// printFlags are the flags of printing, shared by pdf and publish --pdf.
type printFlags struct {
	browser string
	paper   pdf.Paper
	ids     []int
	langs   []string
	date    time.Time
	force   bool
	tabs    int

	paperName, articles, langList, dateText string
}

func (pf *printFlags) register(fl *flag.FlagSet) {
	fl.StringVar(&pf.browser, "chrome", "", "the Chromium or Chrome binary (default: $DESKBOOK_CHROME, else chromium or google-chrome on the PATH)")
	fl.StringVar(&pf.paperName, "paper", "a4", "paper size: a4 or letter")
	fl.StringVar(&pf.dateText, "date", "", `the "printed on" date, YYYY-MM-DD (default today)`)
	fl.BoolVar(&pf.force, "force", false, "print again even what is up to date")
	fl.IntVar(&pf.tabs, "tabs", pdf.AutoTabs(), "documents to print at once, each in its own tab of the one browser (default: one per CPU core, at most 4)")
}

// check reads the flags' values, refusing what cannot work.
func (pf *printFlags) check() error {
	if pf.tabs < 1 || pf.tabs > 8 {
		return usageError{"--tabs: want 1 to 8"}
	}
	var err error
	if pf.paper, err = pdf.PaperNamed(pf.paperName); err != nil {
		return usageError{"--paper: " + err.Error()}
	}
	for _, s := range splitList(pf.articles) {
		id, err := strconv.Atoi(s)
		if err != nil || id <= 0 {
			return usageError{fmt.Sprintf("--article: %q is not an article ID", s)}
		}
		pf.ids = append(pf.ids, id)
	}
	if pf.dateText != "" {
		if pf.date, err = time.Parse("2006-01-02", pf.dateText); err != nil {
			return usageError{fmt.Sprintf("--date %s: want YYYY-MM-DD", pf.dateText)}
		}
	}
	pf.langs = splitList(pf.langList)
	return nil
}

// cmdPDF prints the site's PDFs with Chromium into the PDF store (in the
// cache), then builds the site into its output folder with them, so its
// pages link to them.
func cmdPDF(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("pdf", pdfSynopsis, stderr)
	var bf buildFlags
	var pf printFlags
	bf.site.register(fl)
	fl.StringVar(&bf.out, "out", "", "the output folder; the PDFs go to <out>/<lang>/print/ (default: public beside the content folder)")
	fl.StringVar(&bf.baseURL, "base-url", "", "the site's public URL (overrides base_url in site.yaml)")
	pf.register(fl)
	fl.StringVar(&pf.articles, "article", "", "print these articles (IDs, comma-separated) instead of the whole FAQ")
	fl.StringVar(&pf.langList, "lang", "", "only these languages (codes, comma-separated); default all")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return usageError{fmt.Sprintf("pdf takes no arguments, got %q", fl.Args())}
	}
	if err := pf.check(); err != nil {
		return err
	}
	// No browser, no PDFs: say so before building anything.
	bin, err := pdf.FindBrowser(pf.browser)
	if err != nil {
		return fmt.Errorf("pdf needs Chromium: %w", err)
	}
	cfg, err := bf.config(stderr)
	if err != nil {
		return err
	}
	closed, err := printPDFs(ctx, cfg, bin, &pf, stdout, stderr)
	if err != nil {
		return err
	}
	res, err := builder.Build(ctx, cfg)
	clearProgress(stderr)
	return cmp.Or(report(res, err, stdout, stderr, 20, func() error {
		printBuilt(stdout, res, bf.out)
		return nil
	}), closed())
}

// printPDFs builds the site into a scratch folder in the cache, serves it
// to Chromium and prints what is not up to date into the PDF store. The
// output folder is not touched: the build that follows puts the PDFs in.
// The browser starts while the site is built, and shuts down while the
// caller builds the output: closed waits for that, and must be called
// when printPDFs succeeds (when it fails, the browser is shut down).
func printPDFs(ctx context.Context, cfg builder.Config, bin string, pf *printFlags, stdout, stderr io.Writer) (closed func() error, err error) {
	state, err := cache.ForOutput(cfg.Out)
	if err != nil {
		return nil, err
	}
	pr := pdf.Start(ctx, bin)
	defer func() {
		if err != nil {
			pr.Close()
		}
	}()
	store, _ := cfg.PDFs.(*pdf.Store)
	out := cfg.Out
	cfg.Out = filepath.Join(state.Dir, "print-site")
	res, err := builder.Build(ctx, cfg)
	clearProgress(stderr)
	if err != nil {
		return nil, report(res, err, stdout, stderr, 20, nil)
	}
	fmt.Fprintf(stderr, "pdf: site built for printing in %s\n", round(res.Duration))
	docs, err := pf.documents(res)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	done, err := pr.Print(ctx, docs, pdf.Options{
		Site: cfg.Out, Store: store, Browser: bin, Paper: pf.paper, Date: pf.date,
		BaseURL: publicBase(cmp.Or(cfg.BaseURL, res.Site.Config.BaseURL)), Force: pf.force, Tabs: pf.tabs, Log: stderr,
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, errors.New("pdf: interrupted; the browser was shut down and nothing half-printed was kept")
		}
		return nil, err
	}
	for _, d := range done {
		state := "printed"
		if d.Skipped {
			state = "up to date"
		}
		fmt.Fprintf(stdout, "deskbook: %s: %d pages, %d articles, %s, %s (%s)\n", filepath.Join(out, d.Lang, "print", d.File), d.Pages, d.Articles, sizeString(d.Bytes), state, d.Paper)
	}
	fmt.Fprintf(stdout, "deskbook: PDFs done in %s\n", round(time.Since(start)))
	closing := make(chan error, 1)
	go func() { closing <- pr.Close() }()
	return func() error {
		if err := <-closing; err != nil && ctx.Err() == nil {
			return fmt.Errorf("closing the browser: %w", err)
		}
		return nil
	}, nil
}

// documents lists what to print of a built site: the articles asked for,
// or the print books, in the languages asked for.
func (pf *printFlags) documents(res *builder.Result) ([]builder.Printable, error) {
	docs, err := res.Printables(pf.ids...)
	if err != nil {
		return nil, usageError{"--article: " + err.Error()}
	}
	if len(pf.langs) > 0 {
		for _, l := range pf.langs {
			if !slices.ContainsFunc(res.Site.Config.Languages, func(sl builder.Language) bool { return sl.Code == l }) {
				return nil, usageError{fmt.Sprintf("--lang: the site has no language %q", l)}
			}
		}
		docs = slices.DeleteFunc(docs, func(d builder.Printable) bool { return !slices.Contains(pf.langs, d.Lang) })
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
