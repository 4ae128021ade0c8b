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
//
// A stream (OpenStream) holds entries too large to keep a build's worth
// of in memory, such as whole parsed articles: they are written to the
// next file as they are put, and at Save appended to the file read when
// little of it is dead, so a rebuild after one edit writes one entry
// rather than the whole site's again.
package stash

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/zeebo/xxh3"
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

	// A stream (OpenStream) writes what is put straight into the next
	// file instead of keeping it.
	stream  bool
	next    *writer
	written map[Key]bool
	err     error // the first write that failed: Save keeps no file

	// raw is the file as read, and info its identity then, when it was a
	// whole stash: a stream's Save may append to it (see appendSave).
	raw  []byte
	info os.FileInfo
}

// magic starts every stash file; the number is the file format's.
const magic = "deskbook stash 2\n"

// sumSize is the size of the hash that ends a stash file: 128-bit xxh3,
// which finds a file damaged or cut short at memory speed (the file of
// parsed articles is about 9 KB an article).
const sumSize = 16

// Open reads the stash file path; a file that is missing or unreadable
// gives an empty stash that will be written at Save. When the running
// program cannot be told apart from others, it returns nil, a stash that
// keeps nothing.
func Open(path string) *Stash {
	s := &Stash{path: path, program: programID(), used: map[Key][]byte{}}
	if s.program == (Key{}) {
		return nil
	}
	if data, info, err := readFile(path); err == nil {
		var derr error
		if s.old, derr = decode(data, s.program); derr == nil {
			s.raw, s.info = data, info
		}
	}
	return s
}

// readFile is os.ReadFile that also returns what the file was.
func readFile(path string) ([]byte, os.FileInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	data := make([]byte, info.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, nil, err
	}
	return data, info, nil
}

// OpenStream is Open for a stash whose entries are large and each put
// once a build, such as whole parsed pages: Put writes an entry straight
// into the next file instead of keeping it in memory, and Get does not
// find it again before Save. Entries Get found are written at Save, from
// the file read.
func OpenStream(path string) *Stash {
	s := Open(path)
	if s != nil {
		s.stream, s.written = true, map[Key]bool{}
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
	if _, ok := s.used[k]; ok || s.written[k] {
		return true
	}
	s.changed = true
	if !s.stream {
		s.used[k] = v
		return true
	}
	s.written[k] = true
	return s.write(k, v) == nil
}

// begin starts the next file, once.
func (s *Stash) begin() {
	if s.next == nil && s.err == nil {
		s.next, s.err = startWriter(s.path, s.program)
	}
}

// write adds an entry to the next file.
func (s *Stash) write(k Key, v []byte) error {
	s.begin()
	if s.err == nil {
		s.err = s.next.entry(k, v)
	}
	return s.err
}

// Drop forgets what Get found under k, so that Put can store another
// value there: the caller found it no longer holds.
func (s *Stash) Drop(k Key) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.used[k]; ok {
		delete(s.used, k)
		s.changed = true
	}
}

// Program names the running program as the stash does (its Go build ID);
// the zero Key when it cannot be told apart from others.
func Program() Key { return programID() }

// Save writes the entries this build used, in one rename, when they are
// not what the file holds already, then lets go of them all (a build's
// worth of code is tens of megabytes): the stash is empty afterwards.
func (s *Stash) Save() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() { s.old, s.used, s.raw, s.saved = nil, map[Key][]byte{}, nil, true }()
	if s.saved || !s.changed && len(s.used) == len(s.old) || s.appendSave() {
		if s.next != nil {
			s.next.abort()
		}
		return nil
	}
	s.begin()
	for k, v := range s.used {
		if s.write(k, v) != nil {
			break
		}
	}
	if s.err == nil {
		s.err = s.next.commit(s.path)
	}
	if s.err != nil {
		if s.next != nil {
			s.next.abort()
		}
		return fmt.Errorf("saving %s: %w", s.path, s.err)
	}
	return nil
}

// appendSave saves a stream by appending what this build put to the file
// it read, when that file is still there as read and at most a quarter of
// the result would be entries no build uses any more: after one edit, a
// rebuild then writes one article's entry, not every article's again. It
// reports whether it saved. The file is changed in place, so a build
// killed while appending leaves it damaged, which the next build reads as
// empty: a cache only costs time. The output's lock keeps other builds
// off a stream's file meanwhile (the shared stashes are not streams).
func (s *Stash) appendSave() bool {
	if !s.stream || s.raw == nil || s.err != nil {
		return false
	}
	head := len(magic) + len(s.program)
	live := head + sumSize
	for k, v := range s.used {
		if ov, ok := s.old[k]; ok && len(ov) == len(v) && (len(v) == 0 || &ov[0] == &v[0]) {
			live += recordSize(v)
		}
	}
	var added int64
	if s.next != nil {
		if s.next.w.Flush() != nil {
			return false
		}
		end, err := s.next.f.Seek(0, io.SeekCurrent)
		if err != nil {
			return false
		}
		added = end - int64(head)
	}
	if dead := int64(len(s.raw) - live); dead*4 > int64(len(s.raw))+added {
		return false // rewrite it whole, without them
	}
	var add []byte
	if added > 0 {
		data, err := os.ReadFile(s.next.f.Name())
		if err != nil || len(data) < head {
			return false
		}
		add = data[head:]
	}
	return appendTo(s.path, s.info, s.raw, add) == nil
}

// recordSize is the bytes an entry of v takes in a stash file.
func recordSize(v []byte) int {
	var n [binary.MaxVarintLen64]byte
	return len(Key{}) + binary.PutUvarint(n[:], uint64(len(v))) + len(v)
}

// appendTo writes entries (as a stash file holds them) over the hash that
// ends raw, the file at path as it was read (info), and a new hash after
// them. It changes nothing when the file is not what was read.
func appendTo(path string, info os.FileInfo, raw, entries []byte) error {
	if len(entries) == 0 {
		return nil // what is left is raw, whole
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	now, err := f.Stat()
	if err != nil {
		return err
	}
	if !os.SameFile(now, info) || now.Size() != int64(len(raw)) || !now.ModTime().Equal(info.ModTime()) {
		return errDamaged // another program wrote it since
	}
	h := xxh3.New128()
	h.Write(raw[:len(raw)-sumSize])
	h.Write(entries)
	sum := h.Sum128().Bytes()
	at := int64(len(raw) - sumSize)
	if _, err := f.WriteAt(entries, at); err != nil {
		return err
	}
	_, err = f.WriteAt(sum[:], at+int64(len(entries)))
	return err
}

// writer writes a stash file beside its final name: magic, program, then
// each entry as its key, a length and the bytes, then a hash of all that
// came before; commit renames it into place.
type writer struct {
	f *os.File
	w *bufio.Writer
	h *xxh3.Hasher128
}

func startWriter(path string, program Key) (*writer, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".stash-*")
	if err != nil {
		return nil, err
	}
	w := &writer{f: f, w: bufio.NewWriterSize(f, 1<<16), h: xxh3.New128()}
	w.out([]byte(magic))
	w.out(program[:])
	return w, nil
}

func (w *writer) out(b []byte) {
	w.w.Write(b) // a failed write shows at Flush
	w.h.Write(b)
}

func (w *writer) entry(k Key, v []byte) error {
	var n [binary.MaxVarintLen64]byte
	w.out(k[:])
	w.out(n[:binary.PutUvarint(n[:], uint64(len(v)))])
	w.out(v)
	return nil
}

func (w *writer) commit(path string) error {
	sum := w.h.Sum128().Bytes()
	w.w.Write(sum[:])
	err := w.w.Flush()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(w.f.Name(), path)
	}
	return err
}

func (w *writer) abort() {
	w.f.Close()
	os.Remove(w.f.Name())
}

// errDamaged is any file that is not a whole stash of this program.
var errDamaged = errors.New("not a whole stash of this program")

// decode reads a file encode wrote; the entries share data's memory.
func decode(data []byte, program Key) (map[Key][]byte, error) {
	head := len(magic) + len(program)
	if len(data) < head+sumSize || !bytes.HasPrefix(data, []byte(magic)) || !bytes.Equal(data[len(magic):head], program[:]) {
		return nil, errDamaged
	}
	body, sum := data[:len(data)-sumSize], data[len(data)-sumSize:]
	if got := xxh3.Hash128(body).Bytes(); !bytes.Equal(got[:], sum) {
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
