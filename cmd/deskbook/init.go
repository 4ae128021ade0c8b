package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"deskbook/internal/lang"
	"deskbook/internal/scaffold"
)

const initSynopsis = "init [DIR] [--product NAME] [--lang en,uk,…] [--base-url URL]"

// cmdInit makes a new help centre: a content folder with example articles
// in every language, a .gitignore and a GitHub Pages workflow, then says
// what to do next.
func cmdInit(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("init", initSynopsis, stderr)
	product := fl.String("product", "", `the product's name, e.g. "Parcelbox" (default: from the folder's name)`)
	langs := fl.String("lang", "en", "the languages, the main one first, e.g. en,uk,ru")
	baseURL := fl.String("base-url", "", "the address the help centre will have, e.g. https://help.example.com/ (default: none yet)")
	dirs, err := parseWithArgs(fl, args)
	if err != nil {
		return err
	}
	dir := "."
	switch len(dirs) {
	case 0:
	case 1:
		dir = dirs[0]
	default:
		return usageError{fmt.Sprintf("init takes one folder, got %q", dirs)}
	}
	if !flagSet(fl, "product") {
		if *product = productFromFolder(dir); *product == "" {
			return usageError{`init needs the product's name: deskbook init --product "Parcelbox"`}
		}
	}
	files, err := scaffold.Init(dir, scaffold.InitOptions{
		Product: *product, Languages: splitList(*langs), BaseURL: *baseURL, Today: time.Now(),
	})
	if oe := (*scaffold.OptionError)(nil); errors.As(err, &oe) {
		return usageError{oe.Msg}
	}
	if err != nil {
		return err
	}
	printNext(stdout, dir, strings.TrimSpace(*product), files)
	return nil
}

// parseWithArgs parses flags that may come before or after the
// arguments (deskbook init help --product X), returning the arguments.
func parseWithArgs(fl *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := parseFlags(fl, args); err != nil {
			return nil, err
		}
		args = fl.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest, args = append(rest, args[0]), args[1:]
	}
}

func flagSet(fl *flag.FlagSet, name string) bool {
	set := false
	fl.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// productFromFolder guesses the product's name from the folder the help
// centre goes into: "parcelbox-help" is Parcelbox. It is empty when the
// name says nothing but "help".
func productFromFolder(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	var words []string
	for w := range strings.FieldsFuncSeq(filepath.Base(abs), func(r rune) bool { return r == '-' || r == '_' || r == ' ' || r == '.' }) {
		switch strings.ToLower(w) {
		case "help", "docs", "kb", "faq", "support", "site", "centre", "center":
			continue
		}
		r, n := utf8.DecodeRuneInString(w)
		words = append(words, string(unicode.ToUpper(r))+w[n:])
	}
	return strings.Join(words, " ")
}

// printNext says what was made and the commands to try next, as lines
// that can be pasted into a shell.
func printNext(w io.Writer, dir, product string, files []scaffold.File) {
	articles := 0
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".md") {
			articles++
		}
	}
	fmt.Fprintf(w, "deskbook: made the %s help centre in %s, with %d example articles\n", product, dir, articles)
	fmt.Fprintf(w, "  %-31s %s\n", "content/site.yaml", "the settings, each explained in a comment")
	fmt.Fprintf(w, "  %-31s %s\n", ".github/workflows/deskbook.yml", "checks and publishes the site on GitHub Pages")
	for _, f := range files {
		if code, ok := strings.CutPrefix(f.Path, "theme/i18n/"); ok {
			name := lang.Name(strings.TrimSuffix(code, ".yaml"))
			fmt.Fprintf(w, "  %-31s %s\n", f.Path, "the interface texts in "+name+", in English until you translate them")
		}
	}
	fmt.Fprintln(w, "Next:")
	if filepath.Clean(dir) != "." {
		fmt.Fprintf(w, "  cd %s\n", shellQuote(dir))
	}
	fmt.Fprintln(w, "  deskbook serve    # a preview at http://127.0.0.1:8080/, updated as you save")
	fmt.Fprintf(w, "  deskbook new error %q    # a new article; also howto, checklist, article, changelog\n", scaffold.CodePrefix(product)+"-1002: Not enough space")
	fmt.Fprintln(w, "  deskbook build    # the whole site in public/, to try it")
	fmt.Fprintln(w, `  To publish, push the folder to GitHub: see "Publish" in deskbook's README.`)
}

// shellQuote quotes a folder name for a shell command line when it needs
// it, so the printed command can be pasted.
func shellQuote(s string) string {
	if !strings.ContainsAny(s, " '\"$&;|()<>*?`\\!#~{}[]") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
