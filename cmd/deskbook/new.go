package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"deskbook/builder"
	"deskbook/internal/scaffold"
)

func cmdNew(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("new", `new [--source DIR] [--category NAME] [--lang CODE] KIND "Title"`+"\n   or: deskbook new [--source DIR] --translate ID --lang CODE [--from CODE]", stderr)
	var sf siteFlags
	fl.StringVar(&sf.source, "source", "", "the content folder (default: the folder holding site.yaml, here or above, else ./content)")
	category := fl.String("category", "", "the category folder (default: by kind, e.g. errors, changelog)")
	lang := fl.String("lang", "", "the language folder, on a site with several languages; with --translate, the language to translate into")
	translate := fl.String("translate", "", "instead of KIND and title: start the translation of the article with this id")
	from := fl.String("from", "", "with --translate: the language to translate from (default: the first in site.yaml that has the article)")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	id, err := newArgs(fl, *translate, *from, *category)
	if err != nil {
		return err
	}
	if err := sf.locate(); err != nil {
		return err
	}
	source := &sf.source
	if fi, err := os.Stat(*source); err != nil || !fi.IsDir() {
		return usageError{fmt.Sprintf("--source %s: not a folder", *source)}
	}
	var d scaffold.Draft
	if id > 0 {
		d, err = newTranslation(&sf, id, *lang, *from)
	} else if d, err = scaffold.New(os.DirFS(*source), builder.Kind(fl.Arg(0)), fl.Arg(1), *category, *lang, time.Now()); err != nil {
		err = usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	dst := filepath.Join(*source, filepath.FromSlash(d.Path))
	if err := createNew(dst, d.Data); errors.Is(err, fs.ErrExist) && id > 0 {
		return fmt.Errorf("%s already exists, with another article: rename it, or translate into another file and set its id: %d", dst, id)
	} else if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; choose another title or edit that file", dst)
	} else if err != nil {
		return err
	}
	fmt.Fprintln(stdout, dst)
	if *translate == "" {
		translateHint(fl, stderr, d)
	} else {
		fmt.Fprintln(stderr, "a draft until you delete its draft: line; deskbook serve --drafts shows it meanwhile")
	}
	return nil
}

// newArgs checks the arguments of deskbook new: KIND and title, or with
// --translate none; it returns the id to translate (0: a new article).
func newArgs(fl *flag.FlagSet, translate, from, category string) (int, error) {
	if translate == "" {
		if from != "" {
			return 0, usageError{"--from goes with --translate ID: the language to translate from"}
		}
		if fl.NArg() != 2 {
			return 0, usageError{`new wants KIND and "Title", e.g.: deskbook new error "Error TB-1001: cannot connect"`}
		}
		return 0, nil
	}
	if fl.NArg() > 0 {
		return 0, usageError{fmt.Sprintf("--translate takes no KIND or title (got %q): the translation has its original's kind, and its title is the original's to translate", fl.Args())}
	}
	if category != "" {
		return 0, usageError{"--category does not go with --translate: a translation is in its original's category"}
	}
	id, err := strconv.Atoi(translate)
	if err != nil || id <= 0 {
		return 0, usageError{fmt.Sprintf("--translate %s: want the id of an article, a number like 1004", translate)}
	}
	return id, nil
}

// newTranslation makes the start of a translation (deskbook new
// --translate ID), with the heading ids the site's theme leaves free.
func newTranslation(sf *siteFlags, id int, lang, from string) (scaffold.Draft, error) {
	cfg, err := sf.config()
	if err != nil {
		return scaffold.Draft{}, err
	}
	source := sf.source
	d, err := scaffold.Translation(cfg.Source, cfg.Theme, id, lang, from, time.Now())
	var exists *scaffold.ExistsError
	switch {
	case errors.As(err, &exists):
		return d, fmt.Errorf("article %d already has a version in %s: %s; edit that file", id, exists.Lang, filepath.Join(source, filepath.FromSlash(exists.Path)))
	case err != nil:
		return d, usageError{err.Error()}
	}
	return d, nil
}

// createNew writes a new file, never over an existing one (an error that
// is fs.ErrExist), whole or not at all.
func createNew(dst string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst) // a file cut short is worse than none
		return err
	}
	return nil
}

// translateHint tells the writer of a new article on a site of several
// languages how to start its translations. It goes to stderr: stdout is
// the new file's name alone, for scripts and editors.
func translateHint(fl *flag.FlagSet, stderr io.Writer, d scaffold.Draft) {
	if len(d.Others) == 0 {
		return
	}
	src := ""
	fl.Visit(func(f *flag.Flag) {
		if f.Name == "source" {
			src = " --source " + shellWord(f.Value.String())
		}
	})
	cmds := make([]string, len(d.Others))
	for i, l := range d.Others {
		cmds[i] = fmt.Sprintf("deskbook new%s --translate %d --lang %s", src, d.ID, l)
	}
	fmt.Fprintf(stderr, "to translate it: %s\n", strings.Join(cmds, "\n                 "))
}

// shellWord quotes a word for a POSIX shell when it needs it.
func shellWord(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-_./+,:@%", r)
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
