// Package cache finds the folder deskbook keeps build state in: for each
// output folder, the stage folder (the output before last), the manifest
// of what was written, the lock that keeps two builds apart, and the PDFs
// deskbook pdf printed; and, for every output, the smaller copies of
// screenshots (Pictures).
//
// None of it lives beside or inside the output, which is exactly what gets
// published: a web root must not serve the previous site from a hidden
// folder, nor a list of every file. Like Hugo's cacheDir, the folder is the
// user's cache folder (os.UserCacheDir), or DESKBOOK_CACHE when set, and
// everything in it can be deleted at any time: a build then starts clean.
package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
)

// Env is the environment variable that moves the cache folder, e.g. onto
// the disk of the output so the swap stays atomic, or into a CI cache.
const Env = "DESKBOOK_CACHE"

// Dir returns the cache folder: $DESKBOOK_CACHE, else deskbook/ in the
// user's cache folder, else (no home folder, as in some containers) a
// folder in the system's temporary folder.
func Dir() string {
	if d := os.Getenv(Env); d != "" {
		if a, err := filepath.Abs(d); err == nil {
			return a
		}
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "deskbook")
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("deskbook-cache-%d", os.Getuid()))
}

// Pictures is the folder in the cache folder dir that keeps the smaller
// copies of wide images, by the hash of the original: every output of
// this user shares it.
func Pictures(dir string) string { return filepath.Join(dir, "pictures") }

// Output is the state of one output folder.
type Output struct {
	Dir   string // the state folder
	Out   string // the output folder, absolute
	Cache string // the cache folder that holds Dir
}

// outputsDir holds one state folder per output folder.
const outputsDir = "outputs"

// recordFile, in a state folder, names its output folder, so that Prune
// can tell when the output is gone.
const recordFile = "output"

// For returns the state of the output folder out, in the cache folder
// dir. The state folder's name is the output's base name, for a person
// looking into the cache, and a hash of its absolute path, so two outputs
// never share one.
func For(dir, out string) (Output, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return Output{}, err
	}
	sum := sha256.Sum256([]byte(abs))
	name := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, filepath.Base(abs))
	if len(name) > 40 {
		name = name[:40]
	}
	return Output{Dir: filepath.Join(dir, outputsDir, name+"-"+hex.EncodeToString(sum[:6])), Out: abs, Cache: dir}, nil
}

// ForOutput is For in the cache folder Dir returns.
func ForOutput(out string) (Output, error) { return For(Dir(), out) }

// Stage is the folder the next output is made in.
func (o Output) Stage() string { return filepath.Join(o.Dir, "stage") }

// Manifest is the file that lists what a folder of this output holds;
// role is "live" (the output) or "stage".
func (o Output) Manifest(role string) string { return filepath.Join(o.Dir, role+".manifest") }

// Lock is the lock file two builds of this output share.
func (o Output) Lock() string { return filepath.Join(o.Dir, "lock") }

// PDFs is the store of the PDFs printed for this output.
func (o Output) PDFs() string { return filepath.Join(o.Dir, "pdf") }

// Make creates the state folder and records which output it belongs to.
func (o Output) Make() error {
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return fmt.Errorf("cache folder: %w (set %s to a folder you can write to)", err, Env)
	}
	rec := filepath.Join(o.Dir, recordFile)
	if data, err := os.ReadFile(rec); err == nil && string(data) == o.Out+"\n" {
		now := time.Now()
		return os.Chtimes(rec, now, now) // Prune keeps what was used lately
	}
	return os.WriteFile(rec, []byte(o.Out+"\n"), 0o644)
}

// Prune removes the state of outputs that no longer exist and that were
// last built more than grace ago: test runs and scratch builds would
// otherwise leave a copy of their site behind each time. It never fails
// a build; what it cannot remove stays for the next time.
func Prune(dir string, grace time.Duration, now time.Time) (removed int) {
	entries, err := os.ReadDir(filepath.Join(dir, outputsDir))
	if err != nil {
		return 0
	}
	for _, e := range entries {
		state := filepath.Join(dir, outputsDir, e.Name())
		rec := filepath.Join(state, recordFile)
		fi, err := os.Stat(rec)
		if err != nil || now.Sub(fi.ModTime()) < grace {
			continue
		}
		data, err := os.ReadFile(rec)
		if err != nil {
			continue
		}
		out := strings.TrimSuffix(string(data), "\n")
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			continue
		}
		if os.RemoveAll(state) == nil {
			removed++
		}
	}
	return removed
}
