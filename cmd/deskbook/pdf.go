package main

import (
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

// cmdPDF builds the site, prints its PDFs with Chromium into the PDF store
// beside the output folder, and builds again so that the PDFs are in the
// site and its pages link to them.
func cmdPDF(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("pdf", pdfSynopsis, stderr)
	var sf siteFlags
	sf.register(fl)
	out := fl.String("out", "public", "the output folder; the PDFs go to <out>/<lang>/print/")
	baseURL := fl.String("base-url", "", "the site's public URL (overrides base_url in site.yaml)")
	browser := fl.String("chrome", "", "the Chromium or Chrome binary (default: $DESKBOOK_CHROME, else Debian's chromium)")
	paperName := fl.String("paper", "a4", "paper size: a4 or letter")
	articles := fl.String("article", "", "print these articles (IDs, comma-separated) instead of the whole FAQ")
	langs := fl.String("lang", "", "only these languages (codes, comma-separated); default all")
	date := fl.String("date", "", `the "printed on" date, YYYY-MM-DD (default today)`)
	force := fl.Bool("force", false, "print again even what is up to date")
	tabs := fl.Int("tabs", 1, "documents to print at once, each in its own tab of the one browser (2 uses both cores of a 2-core machine)")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return usageError{fmt.Sprintf("pdf takes no arguments, got %q", fl.Args())}
	}
	if *tabs < 1 || *tabs > 8 {
		return usageError{"--tabs: want 1 to 8"}
	}
	paper, err := pdf.PaperNamed(*paperName)
	if err != nil {
		return usageError{"--paper: " + err.Error()}
	}
	var ids []int
	for _, s := range splitList(*articles) {
		id, err := strconv.Atoi(s)
		if err != nil || id <= 0 {
			return usageError{fmt.Sprintf("--article: %q is not an article ID", s)}
		}
		ids = append(ids, id)
	}
	var when time.Time
	if *date != "" {
		if when, err = time.Parse("2006-01-02", *date); err != nil {
			return usageError{fmt.Sprintf("--date %s: want YYYY-MM-DD", *date)}
		}
	}
	// No browser, no PDFs: say so before building anything.
	bin, err := pdf.FindBrowser(*browser)
	if err != nil {
		return fmt.Errorf("pdf needs Chromium: %w", err)
	}
	cfg, err := sf.config()
	if err != nil {
		return err
	}
	if abs(*out) == abs(sf.source) || strings.HasPrefix(abs(sf.source), abs(*out)+string(filepath.Separator)) {
		return usageError{"--out must not be the content folder or contain it"}
	}
	store := pdf.StoreFor(*out)
	cfg.Out, cfg.BaseURL, cfg.PDFs = *out, *baseURL, store
	cfg.Progress = progressLine(stderr)

	res, err := builder.Build(ctx, cfg)
	clearProgress(stderr)
	if err != nil {
		return report(res, err, stdout, stderr, 20, nil)
	}
	docs, err := res.Printables(ids...)
	if err != nil {
		return usageError{"--article: " + err.Error()}
	}
	if want := splitList(*langs); len(want) > 0 {
		for _, l := range want {
			if !slices.ContainsFunc(res.Site.Config.Languages, func(sl builder.Language) bool { return sl.Code == l }) {
				return usageError{fmt.Sprintf("--lang: the site has no language %q", l)}
			}
		}
		docs = slices.DeleteFunc(docs, func(d builder.Printable) bool { return !slices.Contains(want, d.Lang) })
	}
	if len(docs) == 0 {
		return errors.New("nothing to print: the site has no print book (no articles, or a theme without layouts/print.html)")
	}
	public := res.Site.Config.BaseURL
	if *baseURL != "" {
		public = *baseURL
	}
	if !strings.Contains(public, "://") {
		public = "" // links out of a PDF need a full address; without one they become text
	} else {
		public = strings.TrimSuffix(public, "/") + "/"
	}

	start := time.Now()
	done, err := pdf.Print(ctx, docs, pdf.Options{
		Site: *out, Store: store, Browser: bin, Paper: paper, Date: when,
		BaseURL: public, Force: *force, Tabs: *tabs, Log: stderr,
	})
	if err != nil {
		if ctx.Err() != nil {
			return errors.New("pdf: interrupted; the browser was shut down and nothing half-printed was kept")
		}
		return err
	}
	printed := slices.ContainsFunc(done, func(d pdf.Done) bool { return !d.Skipped })
	if printed {
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
		fmt.Fprintf(stdout, "deskbook: %s: %d pages, %d articles, %s, %s (%s)\n", filepath.Join(*out, d.Lang, "print", d.File), d.Pages, d.Articles, sizeString(d.Bytes), state, d.Paper)
	}
	fmt.Fprintf(stdout, "deskbook: pdf done in %s\n", round(time.Since(start)))
	return nil
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
