package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"deskbook/builder"
	"deskbook/internal/diag"
	"deskbook/internal/pdf"
)

// buildFlags are the flags of the commands that write a site: build,
// publish and pdf.
type buildFlags struct {
	site         siteFlags
	out          string
	baseURL      string
	offline      bool
	allowRemoved bool
	changes      string
}

func (bf *buildFlags) register(fl *flag.FlagSet) {
	bf.site.register(fl)
	fl.StringVar(&bf.out, "out", "", "the output folder, replaced whole on success, untouched on failure (default: public beside the content folder)")
	fl.StringVar(&bf.baseURL, "base-url", "", "the site's public URL (overrides base_url in site.yaml)")
	fl.BoolVar(&bf.offline, "offline", false, "make a folder that works from file:// (links end in index.html)")
	fl.BoolVar(&bf.allowRemoved, "allow-removed", false, "let URLs listed in "+builder.LedgerFile+" vanish (they are marked removed)")
	fl.StringVar(&bf.changes, "changes", "", "write the paths this build changed (+ path) and removed (- path) to this file, for uploads")
}

// config checks the flags and makes the build's configuration.
func (bf *buildFlags) config(stderr io.Writer) (builder.Config, error) {
	cfg, err := bf.site.config()
	if err != nil {
		return cfg, err
	}
	if bf.out, err = bf.site.outFolder(bf.out); err != nil {
		return cfg, err
	}
	if err := builder.CheckBaseURL(bf.baseURL); err != nil {
		return cfg, usageError{"--base-url " + err.Error()}
	}
	if bf.changes != "" {
		if c := abs(bf.changes); c == abs(bf.out) || strings.HasPrefix(c, abs(bf.out)+string(filepath.Separator)) {
			return cfg, usageError{"--changes: the list must be written outside the output folder"}
		}
	}
	cfg.Out, cfg.BaseURL, cfg.Offline, cfg.AllowRemoved = bf.out, bf.baseURL, bf.offline, bf.allowRemoved
	// PDFs from "deskbook pdf" stay in the site while they are current.
	if cfg.PDFs, err = pdf.StoreFor(bf.out); err != nil {
		return cfg, err
	}
	cfg.Progress = progressLine(stderr)
	return cfg, nil
}

// cmdBuild is a trial build: it writes the output folder and nothing
// else. It checks the URL ledger but does not add to it: only what gets
// published (deskbook publish) is recorded.
func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("build", "build [--source DIR] [--out DIR] [--base-url URL] [--drafts] [--offline] [--allow-removed] [--theme DIR] [--changes FILE] [--links warn|strict]", stderr)
	var bf buildFlags
	bf.register(fl)
	drafts := fl.Bool("drafts", false, "include articles with draft: true")
	links := linksFlag(fl)
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return usageError{fmt.Sprintf("build takes no arguments, got %q", fl.Args())}
	}
	cfg, err := bf.config(stderr)
	if err != nil {
		return err
	}
	cfg.Drafts = *drafts
	if cfg.Links, err = linksMode(*links); err != nil {
		return err
	}
	res, err := builder.Build(ctx, cfg)
	clearProgress(stderr)
	return report(res, err, stdout, stderr, 20, func() error {
		printBuilt(stdout, res, bf.out)
		if res.NewURLs > 0 && !*drafts {
			fmt.Fprintf(stdout, "  %s not in %s yet: deskbook publish records them when you publish\n", diag.Count(res.NewURLs, "new URL is", "new URLs are"), builder.LedgerFile)
		}
		return writeChanges(bf.changes, res)
	})
}

// printBuilt is the one-screen summary of a build that wrote a site.
func printBuilt(stdout io.Writer, res *builder.Result, out string) {
	fmt.Fprintf(stdout, "deskbook: built %s in %s → %s\n", summary(res), round(res.Duration), out)
	fmt.Fprintf(stdout, "  %s: %d written, %d unchanged, %d removed\n", diag.Count(res.Files, "file", "files"), res.Write.Written, res.Write.Unchanged, res.Write.Removed)
	if res.Write.InPlace {
		fmt.Fprintf(stdout, "  the cache folder is on another disk than the output, so files were replaced one by one; set DESKBOOK_CACHE to a folder on the output's disk for a swap in one step\n")
	}
}

// writeChanges writes the paths a build changed and removed, one per
// line, "+ path" or "- path", for upload scripts and CDN purges.
func writeChanges(name string, res *builder.Result) error {
	if name == "" {
		return nil
	}
	var b strings.Builder
	for _, p := range res.Write.Changed {
		b.WriteString("+ " + p + "\n")
	}
	for _, p := range res.Write.Gone {
		b.WriteString("- " + p + "\n")
	}
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("--changes: %w", err)
	}
	return nil
}

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("check", "check [--source DIR] [--theme DIR] [--strict] [--links warn|strict]", stderr)
	var sf siteFlags
	sf.register(fl)
	strict := fl.Bool("strict", false, "make the content linter's warnings errors (exit 1), e.g. in CI")
	links := linksFlag(fl)
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
	if cfg.Links, err = linksMode(*links); err != nil {
		return err
	}
	res, err := builder.Build(ctx, cfg)
	err = report(res, err, stdout, stderr, -1, func() error {
		fmt.Fprintf(stdout, "deskbook: checked %s in %s: no errors\n", summary(res), round(res.Duration))
		return nil
	})
	if err == nil {
		printTranslations(stdout, res.Translations, cfg.SourceName)
	}
	return err
}
