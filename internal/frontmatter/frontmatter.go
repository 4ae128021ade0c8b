// Package frontmatter reads the header of a Markdown file: the YAML
// between --- lines that deskbook articles start with, and the TOML
// between +++ lines of other generators' pages, which importers read.
// Either is given as top-level fields with their file lines and typed
// readers, so every reader of front matter reports a wrong value the same
// way, with the line it is on.
package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"
)

// MaxFile is the largest Markdown file deskbook reads, as an article or
// as a page to import. Real support articles are a few kilobytes; a
// multi-megabyte one is a pasted log or a mistake, and would make every
// page that lists it slow.
const MaxFile = 2 << 20

// Format is the syntax of a front matter block.
type Format int

const (
	// None means the file has no front matter.
	None Format = iota
	// YAML is a header between --- lines.
	YAML
	// TOML is a header between +++ lines (Hugo, Zola).
	TOML
)

// ErrUnclosed is returned by Split for a header that opens and never closes.
var ErrUnclosed = errors.New("the front matter opened on line 1 is never closed")

// Split separates the front matter from the body of a file. It returns the
// header without its delimiter lines, the body, and the file line the body
// starts on, so that later diagnostics point at the right line of the
// file. A file without a header is all body, from line 1. A YAML header
// may also end with "...", as YAML documents do; CRLF line ends are read
// as LF.
func Split(data []byte) (header, body []byte, bodyLine int, format Format, err error) {
	first, rest, found := bytes.Cut(data, []byte("\n"))
	open := string(bytes.TrimRight(first, " \t\r"))
	alt := open // YAML documents may also end with "..."
	switch open {
	case "---":
		format, alt = YAML, "..."
	case "+++":
		format = TOML
	}
	if !found || format == None {
		return nil, data, 1, None, nil
	}
	line := 2
	for off := 0; off <= len(rest); line++ {
		end := bytes.IndexByte(rest[off:], '\n')
		next := off + end + 1
		if end < 0 {
			end, next = len(rest)-off, len(rest)+1
		}
		if t := string(bytes.TrimRight(rest[off:off+end], " \t\r")); t == open || t == alt {
			return rest[:off], rest[min(next, len(rest)):], line + 1, format, nil
		}
		off = next
	}
	return nil, data, 1, format, ErrUnclosed
}

// Error is a header that cannot be read, at a line of the file.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Parse reads a header's top-level fields in the order they are written.
// first is the file line of the header's first line (2 after a --- line),
// so fields and errors carry file lines. A header that does not parse is
// one *Error: the caller reports it once and nothing else about the file's
// header, since every later complaint would follow from it.
func Parse(format Format, header []byte, first int) ([]Field, error) {
	switch format {
	case YAML:
		return parseYAML(header, first)
	case TOML:
		return parseTOML(header, first)
	}
	return nil, nil
}

// BadUTF8Line is the line of the first byte of data that is not UTF-8, or
// 0 when it is all UTF-8 text.
func BadUTF8Line(data []byte) int {
	if utf8.Valid(data) {
		return 0
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return 1 + bytes.Count(data[:i], []byte("\n"))
		}
		i += n
	}
	return 0
}
