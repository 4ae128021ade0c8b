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
	"deskbook/internal/importer/markdown"
	"deskbook/internal/lang"
)

const importMarkdownSynopsis = `import markdown --from DIR --out DIR [--lang en,uk,…] [--dialect auto|github|mkdocs|docusaurus|docfx|yfm|hugo] [--ids FILE|DIR] [--old-base /docs/] [--title T]`

// cmdImportMarkdown imports a folder of Markdown written for another
// generator.
func cmdImportMarkdown(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := newFlags("import markdown", importMarkdownSynopsis, stderr)
	from := fl.String("from", "", "the folder of Markdown (a docs folder, or the project holding mkdocs.yml, docusaurus.config.js, docfx.json, toc.yaml or hugo.toml)")
	out := fl.String("out", "", "the deskbook content folder to create (must not exist or be empty)")
	langs := fl.String("lang", "", "languages to import, the default first, e.g. en,uk (default: every language found, en first)")
	dialect := fl.String("dialect", "auto", "the generator the Markdown was written for: auto, github, mkdocs, docusaurus, docfx, yfm or hugo")
	ids := fl.String("ids", "", "the "+markdown.IDsFile+" of an earlier import (or its folder): pages keep their ids")
	oldBase := fl.String("old-base", "", "the path the old site was served under, e.g. /docs/ (default: the generator's setting, else /)")
	title := fl.String("title", "", "the site title for site.yaml (default: the generator's, else \"Help centre\")")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	switch {
	case fl.NArg() > 0:
		return usageError{fmt.Sprintf("import markdown takes no more arguments, got %q", fl.Args())}
	case *from == "" || *out == "":
		return usageError{"import markdown needs --from DIR and --out DIR"}
	case abs(*out) == abs(*from) || strings.HasPrefix(abs(*out), abs(*from)+string(filepath.Separator)):
		return usageError{"--out must not be the --from folder or inside it"}
	}
	d, err := markdown.ParseDialect(*dialect)
	if err != nil {
		return usageError{err.Error()}
	}
	if fi, err := os.Stat(*from); err != nil || !fi.IsDir() {
		return fmt.Errorf("--from %s: not a folder", *from)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	rep, err := markdown.Import(os.DirFS(*from), *out, markdown.Options{
		Dialect: d, Languages: splitList(*langs), Title: *title, IDs: *ids, OldBase: *oldBase,
		SourceName: filepath.ToSlash(filepath.Clean(*from)),
	})
	if errors.Is(err, markdown.ErrOptions) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	printMarkdownReport(rep, *from, *out, stdout, stderr)
	return nil
}

// printMarkdownReport lists up to 20 warnings on stderr and what was
// imported on stdout.
func printMarkdownReport(rep markdown.Report, from, out string, stdout, stderr io.Writer) {
	printImportWarnings(stderr, rep.Warnings)
	var per []string
	for _, l := range rep.Languages {
		per = append(per, fmt.Sprintf("%s %d", lang.Name(l.Name), l.Count))
	}
	fmt.Fprintf(stdout, "deskbook: imported %s (%s) from %s → %s\n", diag.Count(rep.Articles, "article", "articles"), rep.Dialect, from, out)
	fmt.Fprintf(stdout, "  articles per language: %s\n", strings.Join(per, ", "))
	if len(rep.Skipped) > 0 {
		fmt.Fprintf(stdout, "  left out, in languages not imported: %s\n", countList(rep.Skipped))
	}
	fmt.Fprintf(stdout, "  categories %d (with an introduction %d), include fragments %d, files copied %d\n", rep.Categories, rep.Intros, rep.Fragments, rep.Assets)
	fmt.Fprintf(stdout, "  old URLs kept as aliases: %d\n", rep.Aliases)
	fmt.Fprintf(stdout, "  ids: %d kept from the earlier import, %d new; recorded in %s\n", rep.IDsKept, rep.Articles-rep.IDsKept, filepath.Join(out, markdown.IDsFile))
	fmt.Fprintf(stdout, "  links rewritten %d, turned into text %d; anchors renamed %d, dropped %d; missing images removed %d\n",
		rep.LinksRewritten, rep.LinksUnresolved, rep.AnchorsFixed, rep.AnchorsDropped, rep.ImagesMissing)
	if rep.NotInNav > 0 {
		fmt.Fprintf(stdout, "  not in the navigation, placed by folder after the rest: %d\n", rep.NotInNav)
	}
	if rep.Unlisted > 0 {
		fmt.Fprintf(stdout, "  not in toc.yaml, left out as YFM leaves them: %d\n", rep.Unlisted)
	}
	if rep.Variables > 0 {
		fmt.Fprintf(stdout, "  variables written to site.yaml: %d\n", rep.Variables)
	}
	if len(rep.KeysLeft) > 0 {
		fmt.Fprintf(stdout, "  front matter left out (key: files): %s\n", countList(rep.KeysLeft))
	}
	if len(rep.Constructs) > 0 {
		fmt.Fprintf(stdout, "  syntax not converted (construct: uses): %s\n", countList(rep.Constructs))
	}
	if len(rep.Warnings) > 0 {
		fmt.Fprintf(stdout, "  %s\n", diag.Count(len(rep.Warnings), "warning", "warnings"))
	}
	fmt.Fprintf(stdout, "next: deskbook build --source %s\n", out)
}

// countList writes counts as "name n, name n".
func countList(cs []markdown.Count) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%s %d", c.Name, c.Count)
	}
	return strings.Join(parts, ", ")
}
