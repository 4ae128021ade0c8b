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
	"deskbook/internal/importer/releases"
	"deskbook/internal/importer/zola"
)

const importSynopsis = `import zola --from DIR --out DIR [--lang en,uk,ru] [--title T] [--config FILE] [--unsafe-html]
       deskbook import zendesk --from EXPORT --out DIR [--lang en-us=en,…] [--title T] [--help-centre URL]
       deskbook import releases --from FILE|DIR --out DIR [--product NAME] [--first-id N] [--lang CODE] [--title T]
       deskbook ` + importMarkdownSynopsis

// cmdImport converts another generator's content folder, or release notes,
// into a deskbook content folder.
func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "releases" {
		return cmdImportReleases(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "markdown" {
		return cmdImportMarkdown(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "zendesk" {
		return cmdImportZendesk(ctx, args[1:], stdout, stderr)
	}
	fl := newFlags("import", importSynopsis, stderr)
	from := fl.String("from", "", "the Zola site (the folder with config.toml and content/) or its content folder")
	out := fl.String("out", "", "the deskbook content folder to create (must not exist or be empty)")
	langs := fl.String("lang", "", "languages to import, the default first, e.g. en,uk,ru (default: every language found, en first)")
	title := fl.String("title", "", `the site title for site.yaml (default: config.toml's title, else "Help centre")`)
	config := fl.String("config", "", "the site's config.toml (default: config.toml in --from or the folder above it)")
	unsafe := fl.Bool("unsafe-html", false, "write unsafe_html: true into site.yaml, so pages with raw HTML show it as HTML")

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
		return usageError{fmt.Sprintf("import: unknown format %q; want zola, zendesk, releases or markdown", format)}
	case fl.NArg() > 0:
		return usageError{fmt.Sprintf("import takes no more arguments, got %q", fl.Args())}
	case *from == "" || *out == "":
		return usageError{"import needs --from DIR and --out DIR"}
	}
	if fi, err := os.Stat(*from); err != nil || !fi.IsDir() {
		return usageError{fmt.Sprintf("--from %s: not a folder", *from)}
	}
	content, cfgPath := zolaFolders(*from, *config)
	var cfg []byte
	if cfgPath != "" {
		var err error
		if cfg, err = os.ReadFile(cfgPath); err != nil {
			return usageError{fmt.Sprintf("--config: %v", err)}
		}
	}
	if abs(*out) == abs(*from) || strings.HasPrefix(abs(*out), abs(*from)+string(filepath.Separator)) {
		return usageError{"--out must not be the --from folder or inside it"}
	}
	codes := splitList(*langs)
	if err := ctx.Err(); err != nil {
		return err
	}
	rep, err := zola.Import(os.DirFS(content), *out, zola.Options{
		Languages:  codes,
		Title:      *title,
		SourceName: filepath.ToSlash(filepath.Clean(content)),
		Config:     cfg,
		ConfigName: filepath.ToSlash(cfgPath),
		UnsafeHTML: *unsafe,
	})
	if errors.Is(err, zola.ErrOptions) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	printZolaReport(rep, content, *out, stdout, stderr)
	return nil
}

// zolaFolders finds the content folder and config.toml of a Zola site
// from --from, which may be the site (with config.toml and content/) or
// its content folder (with config.toml above it). A --config given wins.
func zolaFolders(from, config string) (content, cfg string) {
	content = from
	if fi, err := os.Stat(filepath.Join(from, "content")); err == nil && fi.IsDir() {
		if _, err := os.Stat(filepath.Join(from, "config.toml")); err == nil {
			content = filepath.Join(from, "content")
		}
	}
	if config != "" {
		return content, config
	}
	for _, p := range []string{filepath.Join(content, "config.toml"), filepath.Join(filepath.Dir(filepath.Clean(content)), "config.toml")} {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return content, p
		}
	}
	return content, ""
}

// printZolaReport lists up to 20 warnings on stderr and a short summary on
// stdout.
func printZolaReport(rep zola.Report, from, out string, stdout, stderr io.Writer) {
	printImportWarnings(stderr, rep.Warnings)
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
	fmt.Fprintf(stdout, "  links rewritten %d, turned into text %d, anchors dropped %d; missing images removed %d\n",
		rep.LinksRewritten, rep.LinksUnresolved, rep.AnchorsDropped, rep.ImagesMissing)
	printZolaURLs(rep, stdout)
	if len(rep.Warnings) > 0 {
		fmt.Fprintf(stdout, "  %s\n", diag.Count(len(rep.Warnings), "warning", "warnings"))
	}
	fmt.Fprintf(stdout, "next: deskbook build --source %s\n", out)
}

// printZolaURLs says what became of the old URLs, the order of the
// sections, and which pages have raw HTML.
func printZolaURLs(rep zola.Report, stdout io.Writer) {
	a := rep.Aliases
	fmt.Fprintf(stdout, "  old URLs: %d aliases and paths in the source, %d kept as aliases, %d already the page's URL, %d left out (see the warnings); %d Zola page URLs kept as aliases\n",
		a.Source, a.Kept, a.Same, a.Dropped, a.OwnURL)
	if len(rep.LanguagesGuessed) > 0 {
		fmt.Fprintf(stdout, "  no config.toml: languages taken from index.<code>.md file names: %s (give --config to use the site's)\n", strings.Join(rep.LanguagesGuessed, ", "))
	}
	if rep.DateSorted > 0 {
		fmt.Fprintf(stdout, "  %d pages of sections sorted by date became dated entries (kind: changelog), listed newest first\n", rep.DateSorted)
	}
	if rep.WeightOrdered > 0 {
		fmt.Fprintf(stdout, "  %d pages of sections sorted by weight keep their order (order:)\n", rep.WeightOrdered)
	}
	if len(rep.RawHTML) == 0 {
		return
	}
	if rep.UnsafeHTML {
		fmt.Fprintf(stdout, "  site.yaml has unsafe_html: true (--unsafe-html): %d pages have raw HTML, shown as it is; check it:\n", len(rep.RawHTML))
	} else {
		fmt.Fprintf(stdout, "  %d pages have raw HTML, shown as text unless site.yaml says unsafe_html: true (or import with --unsafe-html):\n", len(rep.RawHTML))
	}
	for i, d := range rep.RawHTML {
		if i == 10 {
			fmt.Fprintf(stdout, "    … and %d more\n", len(rep.RawHTML)-10)
			break
		}
		fmt.Fprintf(stdout, "    %s:%d\n", d.Path, d.Line)
	}
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

// printImportWarnings lists an import's first 20 warnings on stderr, and
// how many more there are: the report after them says what was done, and
// a build lists every warning again.
func printImportWarnings(stderr io.Writer, warns diag.List) {
	const most = 20
	for i, d := range warns {
		if i == most {
			fmt.Fprintf(stderr, "… and %s\n", diag.Count(len(warns)-most, "more warning", "more warnings"))
			break
		}
		fmt.Fprintln(stderr, d)
	}
}
