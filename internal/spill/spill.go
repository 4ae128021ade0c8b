// Package spill keeps large texts a build made on disk until it needs
// them again: the article bodies a build holds from the parse to the
// write stage are most of its memory at 100,000 articles, and most of them
// are read once more (a page made, the print book), some never (a page
// whose file is as the last build left it).
//
// A File is an unnamed temporary file (removed as soon as it is made, on
// systems that allow it), appended to from many goroutines and read back
// by offset; it is closed when nothing refers to it any more, so a Text
// stays readable for as long as it is kept, after the build too.
package spill

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"sync"
)

// File is a spill file; the nil File keeps texts in memory.
type File struct {
	mu  sync.Mutex
	f   *os.File
	w   *bufio.Writer
	off int64
	err error // the first failed write: texts put since stay in memory
}

// Create makes a spill file in dir; nil (texts stay in memory) when dir
// is "" or the file cannot be made.
func Create(dir string) *File {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil
	}
	f, err := os.CreateTemp(dir, ".spill-*")
	if err != nil {
		return nil
	}
	name := f.Name()
	removed := os.Remove(name) == nil
	s := &File{f: f, w: bufio.NewWriterSize(f, 1<<16)}
	runtime.AddCleanup(s, func(f *os.File) {
		f.Close()
		if !removed {
			os.Remove(f.Name())
		}
	}, f)
	return s
}

// Text is a text in memory, or where a File keeps it.
type Text struct {
	s   string
	at  *File
	off int64
	n   int
}

// Mem is a text kept in memory.
func Mem(s string) Text { return Text{s: s} }

// Keep spills a text held in memory; one spilled already, or a nil
// File, leaves it as it is.
func (f *File) Keep(t Text) Text {
	if t.at != nil {
		return t
	}
	return f.Put(t.s)
}

// Put writes s to the file and returns it as a Text that reads it back;
// on a nil File, or after a failed write, s stays in memory.
func (f *File) Put(s string) Text {
	if f == nil || len(s) == 0 {
		return Mem(s)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err == nil {
		_, f.err = f.w.WriteString(s)
	}
	if f.err != nil {
		return Mem(s)
	}
	t := Text{at: f, off: f.off, n: len(s)}
	f.off += int64(len(s))
	return t
}

// Read reads the text (from the file when it was spilled); an error only
// when the disk fails to give back what was written.
func (t Text) Read() (string, error) {
	if t.at == nil {
		return t.s, nil
	}
	b, err := t.at.read(t.off, t.n)
	if err != nil {
		return "", fmt.Errorf("reading back a text the build kept on disk: %w", err)
	}
	return string(b), nil
}

func (f *File) read(off int64, n int) ([]byte, error) {
	f.mu.Lock()
	err := f.w.Flush()
	f.mu.Unlock()
	if err != nil {
		return nil, err
	}
	b := make([]byte, n)
	_, err = f.f.ReadAt(b, off)
	return b, err
}
