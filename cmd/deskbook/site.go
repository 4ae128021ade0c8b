package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"deskbook/builder"
)

// siteFlags are the flags every command that reads content shares.
type siteFlags struct {
	source string
	theme  string
}

func (f *siteFlags) register(fl interface {
	StringVar(*string, string, string, string)
}) {
	fl.StringVar(&f.source, "source", "", "the content folder (default: the folder holding site.yaml, here or above, else ./content)")
	fl.StringVar(&f.theme, "theme", "", "a theme folder laid over the built-in theme (overrides theme: in site.yaml)")
}

// linksFlag adds --links to a command that builds: how links, anchors and
// images that lead nowhere count while a site moves from another tool.
func linksFlag(fl *flag.FlagSet) *string {
	return fl.String("links", "", "warn: links, anchors and images that lead nowhere are warnings, listed at the end, while a site migrates; strict: errors (default: links: in site.yaml, else strict)")
}

// linksMode checks the value of --links.
func linksMode(s string) (string, error) {
	if s != "" && s != "warn" && s != "strict" {
		return "", usageError{fmt.Sprintf("--links %s: want warn or strict", s)}
	}
	return s, nil
}

// locate fills in the content folder when --source was not given: the
// folder of the nearest site.yaml, so that every command works from
// anywhere inside a site, as git does.
func (f *siteFlags) locate() error {
	if f.source != "" {
		return nil
	}
	src, err := findSource()
	f.source = src
	return err
}

// findSource looks for site.yaml in the current folder and each folder
// above it, and in each one's content/ folder (a site made by deskbook
// init keeps its articles there); else it takes ./content.
func findSource() (string, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := cwd; ; {
		for _, cand := range []string{dir, filepath.Join(dir, "content")} {
			if fi, err := os.Stat(filepath.Join(cand, builder.SiteFile)); err == nil && fi.Mode().IsRegular() {
				return relToCwd(cwd, cand), nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	if fi, err := os.Stat("content"); err == nil && fi.IsDir() {
		return "content", nil
	}
	return "", usageError{fmt.Sprintf(`no site found: there is no %s in %s or any folder above it, and no content folder here.
  To start a help centre here:  deskbook init
  To use a site elsewhere:      --source DIR (the folder holding %s)`, builder.SiteFile, cwd, builder.SiteFile)}
}

// relToCwd is how messages name a folder: relative to the current folder
// when it is inside it or near, else absolute.
func relToCwd(cwd, p string) string {
	rel, err := filepath.Rel(cwd, p)
	if err != nil || strings.Count(rel, "..") > 3 {
		return p
	}
	return rel
}

// config turns the flags into a builder configuration.
func (f *siteFlags) config() (builder.Config, error) {
	if err := f.locate(); err != nil {
		return builder.Config{}, err
	}
	fi, err := os.Stat(f.source)
	if err != nil || !fi.IsDir() {
		return builder.Config{}, usageError{fmt.Sprintf("--source %s: not a folder", f.source)}
	}
	// An os.Root confines every read to the folder: a symbolic link in it
	// that leads out, directly or through another folder, cannot be read.
	src, err := os.OpenRoot(f.source)
	if err != nil {
		return builder.Config{}, fmt.Errorf("--source %s: %w", f.source, err)
	}
	cfg := builder.Config{Source: src.FS(), SourceName: filepath.ToSlash(filepath.Clean(f.source))}
	err = f.openTheme(&cfg)
	return cfg, err
}

// outFolder is the output folder: --out, else public beside the content
// folder. It refuses an output that is, holds or sits inside the content
// folder: the next build would read the site back as content, or the
// swap would take the content with it.
func (f *siteFlags) outFolder(out string) (string, error) {
	if out == "" {
		out = f.defaultOut()
	}
	o, s := abs(out), abs(f.source)
	sep := string(filepath.Separator)
	switch {
	case o == s || strings.HasPrefix(s, o+sep):
		return "", usageError{fmt.Sprintf("--out %s: must not be the content folder %s or hold it (every build replaces the output whole)", out, f.source)}
	case strings.HasPrefix(o, s+sep):
		return "", usageError{fmt.Sprintf("--out %s: is inside the content folder %s, so the next build would read the site as content; build beside it, e.g. --out %s",
			out, f.source, f.defaultOut())}
	}
	if fi, err := os.Stat(out); err == nil && !fi.IsDir() {
		return "", usageError{fmt.Sprintf("--out %s: is a file, not a folder", out)}
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("--out %s: %w", out, err)
	}
	return out, nil
}

// defaultOut is public beside the content folder.
func (f *siteFlags) defaultOut() string {
	cwd, _ := os.Getwd()
	return relToCwd(cwd, filepath.Join(filepath.Dir(abs(f.source)), "public"))
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}
