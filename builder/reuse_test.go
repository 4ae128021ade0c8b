package builder

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"deskbook/internal/cache"
	"deskbook/internal/diag"
)

// TestRebuildEqualsFresh edits a site at random, as TestIncrementalEqualsFull
// does, and builds it after every edit twice: into one output with one
// cache folder, so the build reuses what the last one parsed, indexed and
// wrote, and into a fresh output with an empty cache. Both must report
// the same diagnostics and write the same bytes. Every seventh step the
// reused cache is damaged first.
func TestRebuildEqualsFresh(t *testing.T) {
	steps, seeds := 60, []uint64{1, 4}
	if testing.Short() {
		steps, seeds = 20, seeds[:1]
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			m := newModel(seed)
			src, theme := m.fs(), themeFS(t)
			warm := Config{Source: src, SourceName: "content", Theme: theme, AllowRemoved: true,
				Out: filepath.Join(t.TempDir(), "public"), Cache: t.TempDir()}
			var parsed, reparsed, made, files int
			for step := 0; step <= steps; step++ {
				what := "first build"
				if step > 0 {
					what, _ = m.step(src, theme)
				}
				if step%5 == 2 {
					what += ", " + editTheme(theme, step)
				}
				if step%7 == 6 {
					what += ", cache damaged: " + damageCache(t, warm, step/7)
				}
				fresh := warm
				fresh.Out, fresh.Cache = filepath.Join(t.TempDir(), "public"), t.TempDir()
				fres, ferr := Build(context.Background(), fresh)
				wres, werr := Build(context.Background(), warm)
				if (ferr == nil) != (werr == nil) {
					t.Fatalf("step %d (%s): fresh build error %v, rebuild error %v", step, what, ferr, werr)
				}
				if ferr != nil {
					if !slices.Equal(fres.Diagnostics, wres.Diagnostics) {
						t.Fatalf("step %d (%s): diagnostics differ\nfresh:   %v\nrebuild: %v", step, what, fres.Diagnostics, wres.Diagnostics)
					}
					continue
				}
				if !slices.Equal(fres.Diagnostics, wres.Diagnostics) {
					t.Fatalf("step %d (%s): diagnostics differ\nfresh:   %v\nrebuild: %v", step, what, fres.Diagnostics, wres.Diagnostics)
				}
				if diff := compareOutput(readTree(t, fresh.Out), readTree(t, warm.Out)); diff != "" {
					t.Fatalf("step %d (%s): the rebuild's output differs from a fresh build's: %s", step, what, diff)
				}
				if step > 0 && step%5 != 2 && step%7 != 6 { // a theme edit or damage costs a whole build
					parsed += wres.Reused.Parsed
					reparsed += len(wres.Site.parsed) - wres.Reused.Parsed
					made += wres.Write.Made
					files += wres.Files
				}
				if step%9 == 0 && wres.LedgerChanged { // the writer publishes: the ledger gets the URLs
					src[LedgerFile] = &fstest.MapFile{Data: wres.Ledger, Mode: 0o644}
				}
			}
			t.Logf("%d steps: %d articles taken from the parse cache, %d parsed; %d of %d files made (but after theme edits and damage)", steps, parsed, reparsed, made, files)
			// The edits touch one or two articles at a time: most must come
			// from the cache, or it is not being used.
			if parsed < 2*reparsed {
				t.Errorf("the rebuilds parsed %d articles and took only %d from the cache", reparsed, parsed)
			}
			if made*2 > files {
				t.Errorf("the rebuilds made %d of %d files: pages were not reused", made, files)
			}
		})
	}
}

// editTheme changes what the theme shows: a page template's markup, or
// a word of the interface, which the parse uses too (heading links).
func editTheme(theme fstest.MapFS, step int) string {
	edit := func(p, old, new string) {
		theme[p] = &fstest.MapFile{Data: bytes.Replace(theme[p].Data, []byte(old), []byte(new), 1), Mode: 0o644}
	}
	if step%10 == 2 {
		edit("layouts/article.html", "<article", fmt.Sprintf("<article data-step=\"%d\"", step))
		return "theme: article template"
	}
	edit("i18n/en.yaml", `section_link: "`, fmt.Sprintf(`section_link: "%d `, step))
	return "theme: interface words"
}

// damageCache spoils one file of the build state in cfg's cache folder
// (or of its output), in one of several ways, the i-th pair of the two,
// and says what it did.
func damageCache(t *testing.T, cfg Config, i int) string {
	t.Helper()
	state, err := cache.For(cfg.Cache, cfg.Out)
	if err != nil {
		t.Fatal(err)
	}
	targets := []string{
		filepath.Join(state.Dir, "parsed.stash"),
		filepath.Join(state.Dir, "index.stash"),
		filepath.Join(state.Dir, "header.stash"),
		state.Manifest("live"),
		state.Manifest("stage"),
		filepath.Join(cfg.Cache, "highlight.stash"),
		filepath.Join(cfg.Out, "en", "index.html"),
	}
	target := targets[i%len(targets)]
	how := damages[(i/len(targets))%len(damages)]
	data, err := os.ReadFile(target)
	if err != nil {
		return filepath.Base(target) + " missing already"
	}
	if err := os.WriteFile(target, how.spoil(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return how.name + " " + filepath.Base(target)
}

var damages = []struct {
	name  string
	spoil func([]byte) []byte
}{
	{"cut in half", func(b []byte) []byte { return b[:len(b)/2] }},
	{"a byte changed in", func(b []byte) []byte {
		c := slices.Clone(b)
		if len(c) > 0 {
			c[len(c)*2/3] ^= 0x20
		}
		return c
	}},
	{"garbage written over", func(b []byte) []byte { return []byte("deskbook stash 2\n\x00\x01garbage") }},
	{"emptied", func([]byte) []byte { return nil }},
}

// TestDamagedCacheOnlyCostsTime builds a site cold, then again: the second
// build takes every article from the parse cache, the index from the index
// cache and makes only the files it cannot know. Then, for each file of
// the build state and each way of damaging it, a build with the damage
// writes exactly what the cold build wrote.
func TestDamagedCacheOnlyCostsTime(t *testing.T) {
	m := newModel(9)
	src := m.fs()
	cfg := Config{Source: src, SourceName: "content", Theme: themeFS(t), Out: filepath.Join(t.TempDir(), "public"), Cache: t.TempDir()}
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	cold := readTree(t, cfg.Out)
	res, err := Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Reused.Parsed != len(res.Site.parsed) || !res.Reused.Index {
		t.Errorf("a build with nothing changed took %d of %d articles from the parse cache (index: %t)", res.Reused.Parsed, len(res.Site.parsed), res.Reused.Index)
	}
	if res.Write.Made > res.Files/4 {
		t.Errorf("a build with nothing changed made %d of %d files", res.Write.Made, res.Files)
	}
	if diff := compareOutput(cold, readTree(t, cfg.Out)); diff != "" {
		t.Fatalf("the warm build wrote other bytes than the cold one: %s", diff)
	}
	for i := range 7 * len(damages) { // every file of damageCache, every way
		what := damageCache(t, cfg, i)
		res, err := Build(context.Background(), cfg)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if diff := compareOutput(cold, readTree(t, cfg.Out)); diff != "" {
			t.Errorf("%s: the output differs from the cold build's: %s", what, diff)
		}
		if errs := res.Diagnostics.Errors(); len(errs) > 0 {
			t.Errorf("%s: %v", what, diag.List(errs))
		}
	}
}
