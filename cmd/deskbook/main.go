// Command deskbook builds a static knowledge-base and FAQ site from a folder
// of Markdown articles.
//
// Usage:
//
//	deskbook init    [DIR] [--product NAME] [--lang en,uk,…] [--base-url URL]
//	deskbook build   [--source DIR] [--out DIR] [--base-url URL] [--drafts] [--offline] [--allow-removed] [--theme DIR] [--changes FILE] [--links warn|strict]
//	deskbook publish [the flags of build but --drafts] [--pdf] [--chrome PATH] [--paper a4|letter]
//	deskbook serve  [--source DIR] [--addr 127.0.0.1:8080] [--open] [--theme DIR] [--drafts] [--links warn|strict]
//	deskbook check  [--source DIR] [--theme DIR] [--strict] [--links warn|strict]
//	deskbook new    [--source DIR] [--category NAME] [--lang CODE] KIND "Title"
//	deskbook new    [--source DIR] --translate ID --lang CODE [--from CODE]
//	deskbook import zola|zendesk|releases|markdown --from DIR --out DIR [flags]
//	deskbook theme export DIR
//	deskbook pdf    [--source DIR] [--out DIR] [--chrome PATH] [--paper a4|letter] [--article ID,…] [--lang CODE,…] [--tabs N]
//	deskbook version
//
// Exit status: 0 ok, 1 content errors (each listed as path:line: message),
// 2 usage errors.
package main

import (
	"context"
	"deskbook/internal/heap"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit statuses: what scripts and CI read of a run.
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

const usage = `deskbook builds a knowledge-base and FAQ site from Markdown articles.

Usage:
  deskbook init    [DIR] [--product NAME] [--lang en,uk,…] [--base-url URL]
                   start a help centre: settings, example articles, a GitHub Pages workflow
  deskbook build   [--source DIR] [--out DIR] [--base-url URL] [--drafts] [--offline] [--allow-removed] [--theme DIR] [--changes FILE]
                   [--links warn|strict]
                   a trial build: writes the output folder, nothing else; --links warn lets broken links through while migrating
  deskbook publish [the flags of build but --drafts] [--pdf] [--chrome PATH] [--paper a4|letter]
                   build what gets published and record its URLs in published-urls.txt; --pdf prints the PDFs first
  deskbook serve   [--source DIR] [--addr 127.0.0.1:8080] [--open] [--theme DIR] [--drafts] [--links warn|strict]
                   preview on loopback, rebuilt as you edit
  deskbook check   [--source DIR] [--theme DIR] [--strict] [--links warn|strict]     validate and lint only, write nothing
  deskbook new     [--source DIR] [--category NAME] [--lang CODE] KIND "Title"
                   KIND is error, howto, checklist, changelog or article
  deskbook new     [--source DIR] --translate ID --lang CODE [--from CODE]
                   start the translation of article ID into language CODE
  deskbook pdf     [--source DIR] [--out DIR] [--chrome PATH] [--paper a4|letter] [--article ID,…] [--lang CODE,…] [--tabs N]
                   print the FAQ (and large print) or articles to PDF with Chromium
  deskbook theme export DIR
                   write the built-in theme into DIR, to keep the files you change
  deskbook import zola --from DIR --out DIR [--lang en,uk,ru] [--title T] [--config FILE] [--unsafe-html]
  deskbook import zendesk --from EXPORT --out DIR [--lang en-us=en,uk,…] [--title T] [--help-centre URL]
  deskbook import releases --from FILE|DIR --out DIR [--product NAME] [--first-id N] [--lang CODE] [--title T]
  deskbook import markdown --from DIR --out DIR [--lang en,uk,…] [--dialect auto|github|mkdocs|docusaurus|docfx|yfm|hugo]
                   [--ids FILE|DIR] [--old-base /docs/] [--title T]
                   Markdown written for GitHub, MkDocs, Docusaurus, DocFX, YFM or Hugo
  deskbook version

Without --source, a command uses the folder holding site.yaml (here, above, or in ./content).
Run "deskbook COMMAND --help" for the flags of a command.
Exit status: 0 ok, 1 content errors, 2 usage errors.
`

func main() {
	if len(os.Args) > 1 && os.Args[1] != "serve" {
		// A one-shot command holds its whole site to the end: its heap is
		// kept near that until the process exits (serve keeps Go's
		// defaults, for quick edits).
		heap.Bound()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: tests call it with their own writers.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "init":
		err = cmdInit(rest, stdout, stderr)
	case "build":
		err = cmdBuild(ctx, rest, stdout, stderr)
	case "publish":
		err = cmdPublish(ctx, rest, stdout, stderr)
	case "serve":
		err = cmdServe(ctx, rest, stdout, stderr)
	case "check":
		err = cmdCheck(ctx, rest, stdout, stderr)
	case "new":
		err = cmdNew(rest, stdout, stderr)
	case "import":
		err = cmdImport(ctx, rest, stdout, stderr)
	case "pdf":
		err = cmdPDF(ctx, rest, stdout, stderr)
	case "theme":
		err = cmdTheme(rest, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, versionString())
		return exitOK
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "deskbook: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
	return exitCode(err, stderr)
}

// usageError marks a mistake in the command line rather than in the content.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errReported means the command already printed what went wrong.
var errReported = errors.New("reported")

func exitCode(err error, stderr io.Writer) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "deskbook: %s\n", ue.msg)
		return exitUsage
	case errors.Is(err, errReported):
		return exitContent
	default:
		fmt.Fprintf(stderr, "deskbook: %v\n", err)
		return exitContent
	}
}

// newFlags makes a flag set that reports errors instead of exiting.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: deskbook %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning a bad flag into a usage error.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}
