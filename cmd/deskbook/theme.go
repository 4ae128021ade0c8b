package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"deskbook/builder"
	"deskbook/internal/diag"
	"deskbook/internal/importer/folder"
	"deskbook/themes"
)

// openTheme sets the theme a command builds with: the folder --theme
// names, else the one site.yaml's theme: names (relative to the folder
// holding site.yaml), laid over the built-in theme file by file; the
// built-in theme alone when neither names one. f.theme becomes the folder
// used, so that serve watches it.
func (f *siteFlags) openTheme(cfg *builder.Config) error {
	cfg.Theme = themes.Default()
	dir := f.theme
	if dir == "" {
		// The build reports whatever else is wrong with site.yaml.
		site, _ := builder.ReadSiteConfig(cfg.Source, cfg.SourceName)
		if site.Theme == "" {
			return nil
		}
		dir = filepath.FromSlash(site.Theme)
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(f.source, dir)
		}
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return fmt.Errorf("%s:%d: theme: %q: there is no folder %s (a theme folder is named relative to the folder holding site.yaml)",
				path.Join(cfg.SourceName, "site.yaml"), site.Line("theme"), site.Theme, dir)
		}
	} else if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return usageError{fmt.Sprintf("--theme %s: not a folder", dir)}
	}
	// Like the source, the theme folder is read through an os.Root: a
	// symbolic link in it cannot lead out of it.
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("theme %s: %w", dir, err)
	}
	cfg.Theme = themes.Overlay(themes.Default(), root.FS())
	cfg.ThemeName = filepath.ToSlash(filepath.Clean(dir))
	f.theme = dir
	return nil
}

// cmdTheme is "deskbook theme export DIR": the built-in theme written out
// as a start for a theme folder of one's own.
func cmdTheme(args []string, stdout, stderr io.Writer) error {
	const synopsis = "theme export DIR"
	if len(args) == 0 || args[0] != "export" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
			fmt.Fprintf(stdout, "Usage: deskbook %s\n", synopsis)
			return nil
		}
		return usageError{"theme wants a subcommand: deskbook " + synopsis}
	}
	fl := newFlags("theme export", synopsis, stderr)
	if err := parseFlags(fl, args[1:]); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return usageError{fmt.Sprintf("theme export wants one folder, got %q", fl.Args())}
	}
	dir := fl.Arg(0)
	files, err := themeFiles()
	if err != nil {
		return err
	}
	if err := folder.CheckEmpty(dir); err != nil {
		return refuseExport(dir, files, err)
	}
	err = folder.Write(dir, func(_ string, put func(string, []byte) error) error {
		for _, p := range files {
			data, err := fs.ReadFile(themes.Default(), p)
			if err == nil {
				err = put(p, data)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("theme export: nothing was written: %w", err)
	}
	fmt.Fprintf(stdout, "deskbook: wrote the built-in theme to %s (%d files: layouts/, static/, i18n/)\n", dir, len(files))
	fmt.Fprintf(stdout, "  keep only the files you change and delete the rest: the build lays this folder over\n")
	fmt.Fprintf(stdout, "  the built-in theme file by file (interface strings key by key), so what you delete\n")
	fmt.Fprintf(stdout, "  follows deskbook's updates. Use it with --theme %s, or theme: in site.yaml.\n", dir)
	return nil
}

// themeFiles lists the built-in theme's files.
func themeFiles() ([]string, error) {
	var files []string
	err := fs.WalkDir(themes.Default(), ".", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			files = append(files, p)
		}
		return err
	})
	return files, err
}

// refuseExport says why a folder cannot take the theme, naming the files
// it would overwrite.
func refuseExport(dir string, files []string, err error) error {
	if !errors.Is(err, folder.ErrNotEmpty) {
		return usageError{"theme export: " + err.Error()}
	}
	var clash []string
	for _, p := range files {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p))); err == nil {
			clash = append(clash, p)
		}
	}
	if len(clash) == 0 {
		return usageError{fmt.Sprintf("theme export: %s is not empty; export into a new or empty folder", dir)}
	}
	return usageError{fmt.Sprintf("theme export: %s is not empty and would lose %s of its own: %s; export into a new or empty folder",
		dir, diag.Count(len(clash), "file", "files"), strings.Join(clash, ", "))}
}
