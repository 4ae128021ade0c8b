package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"deskbook/internal/diag"
	"deskbook/internal/importer/zendesk"
)

// cmdImportZendesk turns the JSON a Zendesk help centre's API returns,
// with its attachments, into a deskbook content folder.
func cmdImportZendesk(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("import zendesk", "import zendesk --from EXPORT --out DIR [--lang en-us=en,uk,…] [--title T] [--help-centre URL]", stderr)
	from := fl.String("from", "", "the export folder: categories.json, sections.json, articles.json (or articles-1.json, …), translations/, attachments/")
	out := fl.String("out", "", "the deskbook content folder to create (must not exist or be empty)")
	langs := fl.String("lang", "", "locales to import, the default first, each LOCALE or LOCALE=CODE, e.g. en-us=en,uk (default: every locale, en-us as en)")
	title := fl.String("title", "", `the site title for site.yaml (default "Help centre")`)
	host := fl.String("help-centre", "", "the old help centre's address, e.g. https://help.example.com (default: from the export's html_url)")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	switch {
	case fl.NArg() > 0:
		return usageError{fmt.Sprintf("import zendesk takes no more arguments, got %q", fl.Args())}
	case *from == "" || *out == "":
		return usageError{"import zendesk needs --from EXPORT and --out DIR"}
	}
	if fi, err := os.Stat(*from); err != nil || !fi.IsDir() {
		return usageError{fmt.Sprintf("--from %s: not a folder", *from)}
	}
	if abs(*out) == abs(*from) || strings.HasPrefix(abs(*out), abs(*from)+string(filepath.Separator)) {
		return usageError{"--out must not be the --from folder or inside it"}
	}
	codes := splitList(*langs)
	if err := ctx.Err(); err != nil {
		return err
	}
	rep, err := zendesk.Import(os.DirFS(*from), *out, zendesk.Options{
		Languages: codes, Title: *title, HelpCentre: *host, SourceName: filepath.ToSlash(filepath.Clean(*from)),
	})
	if errors.Is(err, zendesk.ErrOptions) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	printZendeskReport(rep, *from, *out, stdout, stderr)
	return nil
}

// printZendeskReport lists up to 20 warnings on stderr and a summary on
// stdout.
func printZendeskReport(rep zendesk.Report, from, out string, stdout, stderr io.Writer) {
	printImportWarnings(stderr, rep.Warnings)
	var per, locales []string
	for _, l := range rep.Languages {
		per = append(per, fmt.Sprintf("%s %d", l.Name, l.Count))
	}
	for _, l := range rep.Locales {
		locales = append(locales, l.Name)
	}
	fmt.Fprintf(stdout, "deskbook: imported %d articles from %s → %s\n", rep.Articles, from, out)
	fmt.Fprintf(stdout, "  articles per language: %s (locales %s); %s missing, %s\n",
		strings.Join(per, ", "), strings.Join(locales, ", "), diag.Count(rep.Untrans, "translation", "translations"), diag.Count(rep.Drafts, "draft", "drafts"))
	fmt.Fprintf(stdout, "  %d sections of %d categories, now deskbook categories; %d callouts\n", rep.Sections, rep.Categories, rep.Callouts)
	fmt.Fprintf(stdout, "  links rewritten %d, sent to the old help centre %d; attachments copied %d, missing %d; %d old article URLs kept as aliases\n",
		rep.LinksRewritten, rep.LinksToOld, rep.AttachmentsCopied, rep.AttachmentsMissing, rep.Aliases)
	if len(rep.Warnings) > 0 {
		fmt.Fprintf(stdout, "  %s\n", diag.Count(len(rep.Warnings), "warning", "warnings"))
	}
	fmt.Fprintf(stdout, "next: deskbook build --source %s\n", out)
}
