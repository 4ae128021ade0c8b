package builder

import (
	"cmp"
	"fmt"

	"deskbook/internal/cache"
	"deskbook/internal/output"
)

// outFile is one file of the finished site, held in memory until write.
type outFile = output.File

// WriteStats says what the write stage changed in the output folder.
type WriteStats = output.Stats

// ErrOutputBusy is returned when another build is writing the same output
// folder.
var ErrOutputBusy = output.ErrBusy

// indexFiles waits for the search index and gives its files, which the
// write stage asks for once the pages are in place.
func (b *pipeline) indexFiles() ([]outFile, error) {
	idx, err := b.searchIndex()
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	files := make([]outFile, len(idx.Files))
	for i, f := range idx.Files {
		files[i] = outFile{Path: f.Path, Data: f.Data}
	}
	b.res.Files += len(files)
	return files, nil
}

// write puts the site into the output folder (internal/output), with
// its state in the cache folder, never beside or inside the output.
func (b *pipeline) write() error {
	if b.cfg.BeforeWrite != nil {
		if err := b.cfg.BeforeWrite(b.res); err != nil {
			return err
		}
	}
	state, err := cache.For(cmp.Or(b.cfg.Cache, cache.Dir()), b.cfg.Out)
	if err != nil {
		return err
	}
	st, err := output.Write(b.ctx, b.cfg.Out, state, b.files, b.indexFiles)
	b.res.Write = st
	if err != nil {
		return fmt.Errorf("writing %s: %w", b.cfg.Out, err)
	}
	return nil
}
