// Package folder is how an importer hands over its result: a new content
// folder that appears whole or not at all. An import that stops half way,
// on a bad file or a full disk, must not leave a folder that looks like a
// finished site, and must never mix its files with the writer's own.
package folder

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// ErrNotEmpty is returned by CheckEmpty for a folder that already has
// files: an import never writes over a writer's work.
var ErrNotEmpty = errors.New("folder exists and is not empty")

// CheckEmpty refuses an output folder that an import could not make its
// own: one that has files in it, or a file in its place. A folder that does
// not exist yet, or is empty, is accepted. Importers call it before reading
// their source, so a mistyped --out is reported before any work is done.
func CheckEmpty(dst string) error {
	if dst == "" {
		return errors.New("no output folder given")
	}
	fi, err := os.Stat(dst)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("output %s: exists and is not a folder", dst)
	}
	entries, err := os.ReadDir(dst)
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("output %s: %w", dst, ErrNotEmpty)
	}
	return nil
}

// Write makes the folder dst. fill writes the import into a temporary
// folder beside dst, either with put (a slash-separated path inside the
// folder and the file's contents) or directly into dir; the temporary
// folder is then renamed to dst. Being beside dst keeps the rename on one
// file system, where it is atomic, so an import that fails or is
// interrupted leaves nothing half-made, and its temporary folder is
// removed. dst must not exist or be empty (see CheckEmpty).
func Write(dst string, fill func(dir string, put func(rel string, data []byte) error) error) (err error) {
	parent := filepath.Dir(filepath.Clean(dst))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dst)+".import-")
	if err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	// MkdirTemp makes the folder readable by its owner only; the site is
	// meant to be read by others, like any folder the writer makes.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("output folder: %w", err)
	}
	if err := fill(tmp, putter(tmp)); err != nil {
		return err
	}
	// An empty dst would make the rename fail; CheckEmpty let it through.
	if err := os.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("output %s: %w", dst, err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return fmt.Errorf("output %s: %w", dst, err)
	}
	return nil
}

// putter writes files below dir, making the folders they are in.
func putter(dir string) func(rel string, data []byte) error {
	return func(rel string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(path.Clean(rel)))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("writing %s: %w", rel, err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", rel, err)
		}
		return nil
	}
}

// Date is a date an importer writes into front matter: a plain YAML date,
// 2026-01-04, unquoted, as a writer types it (a Go string would be quoted).
type Date string

// MarshalYAML writes the date without quotes.
func (d Date) MarshalYAML() (any, error) {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: string(d)}, nil
}
