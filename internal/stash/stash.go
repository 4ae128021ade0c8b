// Package stash keeps bytes that a build derives from its input, such as
// highlighted code, in the cache folder from one build to the next.
//
// Highlighting is most of the cost of parsing a site full of code, and a
// rebuild mostly highlights the same blocks again. A stash is one file,
// read whole when a build starts and written whole (only when it changed)
// when the build's parsing ends, holding the entries that build used:
// it never grows past one site's worth, and one file is far cheaper to
// read than thousands. Entries are found by a key the caller makes from
// everything the bytes depend on; the program itself is part of every
// key, so a new deskbook (another highlighter, another formatter) starts
// afresh. Anything wrong with the file (missing, cut short, damaged, from
// another program) makes an empty stash: a cache only ever costs time.
package stash

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Key names one entry: a hash of everything its bytes depend on.
type Key [sha256.Size]byte

// Stash is one stash file and the entries a build used. It is safe for
// concurrent use; the zero value is an empty stash that keeps nothing.
type Stash struct {
	path    string
	program Key
	mu      sync.Mutex
	old     map[Key][]byte // as read
	used    map[Key][]byte // found or put by this build
	changed bool           // a miss was put
	saved   bool           // Save let go of the entries
}

// magic starts every stash file; the number is the file format's.
const magic = "deskbook stash 1\n"

// Open reads the stash file path; a file that is missing or unreadable
// gives an empty stash that will be written at Save. When the running
// program cannot be told apart from others, it returns nil, a stash that
// keeps nothing.
func Open(path string) *Stash {
	s := &Stash{path: path, program: programID(), used: map[Key][]byte{}}
	if s.program == (Key{}) {
		return nil
	}
	if data, err := os.ReadFile(path); err == nil {
		s.old, _ = decode(data, s.program)
	}
	return s
}

// KeyOf makes the key of bytes that depend on parts (each part counts with
// its length, so ("ab","c") and ("a","bc") differ).
func KeyOf(parts ...string) Key {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, p := range parts {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(p)))])
		h.Write([]byte(p))
	}
	var k Key
	h.Sum(k[:0])
	return k
}

// Get returns the bytes stored under k by this build or the one before.
func (s *Stash) Get(k Key) ([]byte, bool) {
	if s == nil {
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.used[k]; ok {
		return v, true
	}
	v, ok := s.old[k]
	if ok {
		s.used[k] = v
	}
	return v, ok
}

// Put stores v under k for the next build, and reports whether it did:
// after Save, or in a nil stash, it keeps nothing. v must not change
// afterwards.
func (s *Stash) Put(k Key, v []byte) bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.saved {
		return false
	}
	if _, ok := s.used[k]; !ok {
		s.used[k] = v
		s.changed = true
	}
	return true
}

// Save writes the entries this build used, in one rename, when they are
// not what the file holds already, then lets go of them all (a build's
// worth of code is tens of megabytes): the stash is empty afterwards.
func (s *Stash) Save() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() { s.old, s.used, s.saved = nil, map[Key][]byte{}, true }()
	if s.saved || !s.changed && len(s.used) == len(s.old) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(s.path), ".stash-*")
	if err != nil {
		return err
	}
	err = encode(f, s.program, s.used)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), s.path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("saving %s: %w", s.path, err)
	}
	return nil
}

// encode writes the file: magic, program, then each entry as its key, a
// length and the bytes, then a hash of all that came before.
func encode(f *os.File, program Key, entries map[Key][]byte) error {
	h := sha256.New()
	w := bufio.NewWriterSize(f, 1<<16)
	out := func(b []byte) {
		w.Write(b)
		h.Write(b)
	}
	out([]byte(magic))
	out(program[:])
	var n [binary.MaxVarintLen64]byte
	for k, v := range entries {
		out(k[:])
		out(n[:binary.PutUvarint(n[:], uint64(len(v)))])
		out(v)
	}
	w.Write(h.Sum(nil))
	return w.Flush()
}

// errDamaged is any file that is not a whole stash of this program.
var errDamaged = errors.New("not a whole stash of this program")

// decode reads a file encode wrote; the entries share data's memory.
func decode(data []byte, program Key) (map[Key][]byte, error) {
	head := len(magic) + len(program)
	if len(data) < head+sha256.Size || !bytes.HasPrefix(data, []byte(magic)) || !bytes.Equal(data[len(magic):head], program[:]) {
		return nil, errDamaged
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, errDamaged
	}
	entries := map[Key][]byte{}
	for rest := body[head:]; len(rest) > 0; {
		if len(rest) < len(Key{}) {
			return nil, errDamaged
		}
		var k Key
		copy(k[:], rest)
		n, w := binary.Uvarint(rest[len(k):])
		rest = rest[len(k)+max(w, 0):]
		if w <= 0 || n > uint64(len(rest)) {
			return nil, errDamaged
		}
		entries[k], rest = rest[:n:n], rest[n:]
	}
	return entries, nil
}

// programID names the running program: its Go build ID, which changes
// with any change to its code or its dependencies, else its size, time
// and path.
func programID() Key {
	exe, err := os.Executable()
	if err != nil {
		return Key{}
	}
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if sec := f.Section(".note.go.buildid"); sec != nil {
			if id, err := sec.Data(); err == nil && len(id) > 0 {
				return sha256.Sum256(id)
			}
		}
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return Key{}
	}
	return sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%d", exe, fi.Size(), fi.ModTime().UnixNano()))
}
