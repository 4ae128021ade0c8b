package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"deskbook/builder"
	"deskbook/internal/scaffold"
)

func cmdNew(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("new", `new [--source DIR] [--category NAME] [--lang CODE] KIND "Title"`, stderr)
	var sf siteFlags
	fl.StringVar(&sf.source, "source", "", "the content folder (default: the folder holding site.yaml, here or above, else ./content)")
	category := fl.String("category", "", "the category folder (default: by kind, e.g. errors, changelog)")
	lang := fl.String("lang", "", "the language folder, on a site with several languages")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if fl.NArg() != 2 {
		return usageError{`new wants KIND and "Title", e.g.: deskbook new error "Error TB-1001: cannot connect"`}
	}
	if err := sf.locate(); err != nil {
		return err
	}
	source := &sf.source
	if fi, err := os.Stat(*source); err != nil || !fi.IsDir() {
		return usageError{fmt.Sprintf("--source %s: not a folder", *source)}
	}
	rel, data, err := scaffold.Article(os.DirFS(*source), builder.Kind(fl.Arg(0)), fl.Arg(1), *category, *lang, time.Now())
	if err != nil {
		return usageError{err.Error()}
	}
	dst := filepath.Join(*source, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; choose another title or edit that file", dst)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintln(stdout, dst)
	return nil
}
