package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"deskbook/internal/importer/releases"
	"deskbook/internal/importer/zola"
)

const importSynopsis = `import zola --from DIR --out DIR [--lang en,uk,ru] [--title T]
       deskbook import releases --from FILE|DIR --out DIR [--product NAME] [--first-id N] [--lang CODE] [--title T]`

// cmdImport converts another generator's content folder, or release notes,
// into a deskbook content folder.
func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "releases" {
		return cmdImportReleases(ctx, args[1:], stdout, stderr)
	}
	fl := newFlags("import", importSynopsis, stderr)
	from := fl.String("from", "", "the Zola content folder (the one with _index.md)")
	out := fl.String("out", "", "the deskbook content folder to create (must not exist or be empty)")
	langs := fl.String("lang", "", "languages to import, the default first, e.g. en,uk,ru (default: every language found, en first)")
	title := fl.String("title", "", `the site title for site.yaml (default "Help centre")`)

	format := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		format, args = args[0], args[1:]
	}
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	switch {
	case format == "":
		return usageError{"import wants a format: deskbook " + importSynopsis}
	case format != "zola":
		return usageError{fmt.Sprintf("import: unknown format %q; want zola or releases", format)}
	case fl.NArg() > 0:
		return usageError{fmt.Sprintf("import takes no more arguments, got %q", fl.Args())}
	case *from == "" || *out == "":
		return usageError{"import needs --from DIR and --out DIR"}
	}
	if fi, err := os.Stat(*from); err != nil || !fi.IsDir() {
		return usageError{fmt.Sprintf("--from %s: not a folder", *from)}
	}
	if abs(*out) == abs(*from) || strings.HasPrefix(abs(*out), abs(*from)+string(filepath.Separator)) {
		return usageError{"--out must not be the --from folder or inside it"}
	}
	var codes []string
	for c := range strings.SplitSeq(*langs, ",") {
		if c = strings.TrimSpace(c); c != "" {
			codes = append(codes, c)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	rep, err := zola.Import(os.DirFS(*from), *out, zola.Options{
		Languages:  codes,
		Title:      *title,
		SourceName: filepath.ToSlash(filepath.Clean(*from)),
	})
	if errors.Is(err, zola.ErrOptions) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	printZolaReport(rep, *from, *out, stdout, stderr)
	return nil
}

// printZolaReport lists up to 20 warnings on stderr and a short summary on
// stdout.
func printZolaReport(rep zola.Report, from, out string, stdout, stderr io.Writer) {
	const maxWarn = 20
	for i, d := range rep.Warnings {
		if i == maxWarn {
			fmt.Fprintf(stderr, "… and %d more warnings\n", len(rep.Warnings)-maxWarn)
			break
		}
		fmt.Fprintln(stderr, d)
	}
	var per []string
	for _, l := range rep.Languages {
		per = append(per, fmt.Sprintf("%s %d", l.Name, l.Count))
	}
	fmt.Fprintf(stdout, "deskbook: imported %d pages from %s → %s\n", rep.Pages, from, out)
	fmt.Fprintf(stdout, "  pages per language: %s\n", strings.Join(per, ", "))
	if len(rep.Skipped) > 0 {
		n := 0
		var names []string
		for _, s := range rep.Skipped {
			n += s.Count
			names = append(names, s.Name)
		}
		fmt.Fprintf(stdout, "  left out: %d files in %d other languages (%s)\n", n, len(rep.Skipped), strings.Join(names, ", "))
	}
	fmt.Fprintf(stdout, "  %d section files read, %d category files written, %d files copied\n", rep.Sections, rep.Categories, rep.Assets)
	var conv, left []string
	for _, s := range rep.Shortcodes {
		if s.Converted > 0 {
			conv = append(conv, fmt.Sprintf("%s %d", s.Name, s.Converted))
		}
		if s.Left > 0 {
			left = append(left, fmt.Sprintf("%s %d", s.Name, s.Left))
		}
	}
	if len(conv) > 0 {
		fmt.Fprintf(stdout, "  shortcodes converted: %s\n", strings.Join(conv, ", "))
	}
	if len(left) > 0 {
		fmt.Fprintf(stdout, "  shortcodes left as text: %s\n", strings.Join(left, ", "))
	}
	fmt.Fprintf(stdout, "  links rewritten %d, turned into text %d, anchors dropped %d; missing images removed %d; aliases dropped %d\n",
		rep.LinksRewritten, rep.LinksUnresolved, rep.AnchorsDropped, rep.ImagesMissing, rep.AliasesDropped)
	if len(rep.Warnings) > 0 {
		fmt.Fprintf(stdout, "  %s\n", count(len(rep.Warnings), "warning", "warnings"))
	}
	fmt.Fprintf(stdout, "next: deskbook build --source %s\n", out)
}

// cmdImportReleases turns release notes (one CHANGELOG.md or RELEASES.md,
// or a folder of one file per version) into changelog entries.
func cmdImportReleases(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("import releases", "import releases --from FILE|DIR --out DIR [--product NAME] [--first-id N] [--lang CODE] [--title T]", stderr)
	from := fl.String("from", "", "a changelog file split at its version headings, or a folder of one Markdown file per version")
	out := fl.String("out", "", "the deskbook content folder to create (must not exist or be empty)")
	product := fl.String("product", "", `the product name for titles, e.g. "Rust" makes "Rust 1.83.0"`)
	firstID := fl.Int("first-id", 1, "the id of the oldest entry; later ones count up")
	lang := fl.String("lang", "en", "the language code of the notes")
	title := fl.String("title", "", `the site title for site.yaml (default "Release notes")`)
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	switch {
	case fl.NArg() > 0:
		return usageError{fmt.Sprintf("import releases takes no more arguments, got %q", fl.Args())}
	case *from == "" || *out == "":
		return usageError{"import releases needs --from FILE|DIR and --out DIR"}
	case *firstID <= 0:
		return usageError{"--first-id must be a positive number"}
	}
	fi, err := os.Stat(*from)
	if err != nil {
		return usageError{fmt.Sprintf("--from %s: %v", *from, err)}
	}
	dir, files := *from, []string{}
	if fi.IsDir() {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".md") {
				files = append(files, e.Name())
			}
		}
	} else {
		dir, files = filepath.Dir(*from), []string{filepath.Base(*from)}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	rep, err := releases.Import(os.DirFS(dir), *out, releases.Options{
		Files: files, Product: *product, Title: *title, FirstID: *firstID, Lang: *lang,
	})
	if err != nil {
		return err
	}
	for _, w := range rep.Warnings {
		fmt.Fprintln(stderr, w)
	}
	fmt.Fprintf(stdout, "deskbook: imported %d changelog entries (%s … %s) from %s → %s\n", rep.Entries, rep.Oldest, rep.Newest, *from, *out)
	fmt.Fprintf(stdout, "next: deskbook build --source %s\n", *out)
	return nil
}
