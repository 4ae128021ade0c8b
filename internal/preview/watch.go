package preview

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"deskbook/builder"

	"github.com/fsnotify/fsnotify"
)

// watcher turns file system events in the source and theme folders into
// changes for the engine: paths relative to the source folder, collected
// until the events pause (an editor's save is several events: a temporary
// file written, renamed over the article, its folder touched).
type watcher struct {
	fw     *fsnotify.Watcher
	source string // absolute
	theme  string // absolute; "" for the built-in theme
	quiet  time.Duration
	// maxWait bounds how long a steady stream of events delays a rebuild.
	maxWait time.Duration
	log     func(format string, args ...any)
}

// themeChange says which theme files a change touched, relative to the
// theme folder.
type themeChange struct{ paths []string }

// cssOnly reports whether the theme change touched only stylesheets.
func (t themeChange) cssOnly() bool {
	return len(t.paths) > 0 && !slices.ContainsFunc(t.paths, func(p string) bool {
		return !strings.HasPrefix(p, "static/") || !strings.HasSuffix(p, ".css")
	})
}

// watchBatch is one debounced batch of events.
type watchBatch struct {
	builder.Change
	theme themeChange
	// gone and back say the source folder itself was removed (or moved
	// away), or made again; back after gone means read it afresh.
	gone, back bool
}

// add folds a later batch into b.
func (b *watchBatch) add(later watchBatch) {
	b.Paths = append(b.Paths, later.Paths...)
	b.theme.paths = append(b.theme.paths, later.theme.paths...)
	b.All = b.All || later.All
	b.Theme = b.Theme || later.Theme
	b.gone = (b.gone || later.gone) && !later.back
	b.back = b.back || later.back
}

func newWatcher(source, theme string, log func(string, ...any)) (*watcher, error) {
	fw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, err
	}
	w := &watcher{fw: fw, quiet: 10 * time.Millisecond, maxWait: 300 * time.Millisecond, log: log}
	if w.source, err = filepath.Abs(source); err != nil {
		fw.Close()
		return nil, err
	}
	if err := w.addTree(w.source); err != nil {
		fw.Close()
		return nil, err
	}
	// The folder above the source tells when the source folder itself is
	// deleted or made again.
	if err := fw.Add(filepath.Dir(w.source)); err != nil {
		log("deskbook: watching %s: %v (serve will not notice the source folder being deleted and made again)", filepath.Dir(w.source), err)
	}
	if theme != "" {
		if w.theme, err = filepath.Abs(theme); err != nil {
			fw.Close()
			return nil, err
		}
		if err := w.addTree(w.theme); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder below it that a build looks into.
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // gone already, or unreadable: its own event follows
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if err := w.fw.Add(p); err != nil && p == dir {
			return err
		}
		return nil
	})
}

// run sends a batch for every pause in events until ctx is done.
func (w *watcher) run(ctx context.Context, out chan<- watchBatch) {
	defer w.fw.Close()
	var (
		batch   watchBatch
		seen    = map[string]bool{}
		timer   = time.NewTimer(time.Hour)
		first   time.Time
		pending bool
	)
	timer.Stop()
	flush := func() {
		if !pending {
			return
		}
		select {
		case out <- batch:
		case <-ctx.Done():
		}
		batch, seen, pending = watchBatch{}, map[string]bool{}, false
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if !w.note(ev, &batch, seen) {
				continue
			}
			if !pending {
				pending, first = true, time.Now()
			}
			wait := w.quiet
			if left := w.maxWait - time.Since(first); left < wait {
				wait = max(left, 0)
			}
			timer.Reset(wait)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: read everything again.
				batch.All, pending = true, true
				timer.Reset(w.quiet)
				continue
			}
			w.log("deskbook: watching: %v", err)
		case <-timer.C:
			flush()
		}
	}
}

// note adds one event to the batch and reports whether it matters.
func (w *watcher) note(ev fsnotify.Event, b *watchBatch, seen map[string]bool) bool {
	if ev.Op == fsnotify.Chmod || ev.Name == "" {
		return false // permissions only: the content is the same
	}
	if ev.Name == w.source {
		return w.noteSource(ev, b)
	}
	if filepath.Dir(ev.Name) == filepath.Dir(w.source) && !within(w.source, ev.Name) && (w.theme == "" || !within(w.theme, ev.Name)) {
		return false // a neighbour of the source folder
	}
	if seen[ev.Name] {
		return true
	}
	seen[ev.Name] = true
	if ev.Has(fsnotify.Create) {
		// A new folder (or one renamed in): watch it and what it holds. Its
		// files are read when the engine walks it.
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			if err := w.addTree(ev.Name); err != nil {
				w.log("deskbook: watching %s: %v", ev.Name, err)
			}
		}
	}
	if w.theme != "" && within(w.theme, ev.Name) {
		rel, _ := filepath.Rel(w.theme, ev.Name)
		b.theme.paths = append(b.theme.paths, filepath.ToSlash(rel))
		b.Theme = true
		return true
	}
	if within(w.source, ev.Name) {
		rel, _ := filepath.Rel(w.source, ev.Name)
		b.Paths = append(b.Paths, filepath.ToSlash(rel))
		return true
	}
	return false
}

// noteSource handles an event of the source folder itself: deleted or
// moved away, or made again (by a checkout, a sync tool, an undo).
func (w *watcher) noteSource(ev fsnotify.Event, b *watchBatch) bool {
	switch {
	case ev.Has(fsnotify.Create):
		if err := w.addTree(w.source); err != nil {
			w.log("deskbook: watching %s: %v", w.source, err)
		}
		b.back, b.gone, b.All = true, false, true
		return true
	case ev.Has(fsnotify.Remove), ev.Has(fsnotify.Rename):
		b.gone, b.back = true, false
		return true
	}
	return false
}

// within reports whether p is dir or below it.
func within(dir, p string) bool {
	return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
}
