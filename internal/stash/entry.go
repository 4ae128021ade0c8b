package stash

import (
	"encoding/binary"

	"deskbook/internal/diag"
)

// Enc writes the fields of an entry: numbers as varints, strings and
// lists with their lengths first. A caller's entry is a sequence of them,
// read back in the same order by Dec.
type Enc struct{ b []byte }

// Bytes is the entry written so far.
func (e *Enc) Bytes() []byte { return e.b }

// Num writes a number.
func (e *Enc) Num(n int) { e.b = binary.AppendVarint(e.b, int64(n)) }

// Bool writes a truth value.
func (e *Enc) Bool(v bool) {
	if v {
		e.Num(1)
	} else {
		e.Num(0)
	}
}

// Str writes strings, each with its length.
func (e *Enc) Str(ss ...string) {
	for _, s := range ss {
		e.Num(len(s))
		e.b = append(e.b, s...)
	}
}

// List writes a list of strings with its length.
func (e *Enc) List(ss []string) {
	e.Num(len(ss))
	e.Str(ss...)
}

// Diags writes diagnostics, which entries of a build's work carry: what
// made them is not run again, so they are reported from here.
func (e *Enc) Diags(ds diag.List) {
	e.Num(len(ds))
	for _, d := range ds {
		e.Str(d.Path, d.Msg)
		e.Num(d.Line)
		e.Num(int(d.Severity))
		e.Bool(d.Broken)
	}
}

// Dec reads what Enc wrote. After anything that makes no sense (the
// bytes run out, a length longer than what is left) it reads zeros and
// Err reports it: an entry of another format or a damaged one is never
// trusted.
type Dec struct {
	b   []byte
	bad bool
}

// NewDec reads the entry b.
func NewDec(b []byte) *Dec { return &Dec{b: b} }

// Err reports whether the entry was not read whole and exactly.
func (d *Dec) Err() error {
	if d.bad || len(d.b) > 0 {
		return errDamaged
	}
	return nil
}

// Num reads a number.
func (d *Dec) Num() int {
	n, w := binary.Varint(d.b)
	if w <= 0 {
		d.bad, d.b = true, nil
		return 0
	}
	d.b = d.b[w:]
	return int(n)
}

// Bool reads a truth value.
func (d *Dec) Bool() bool { return d.Num() == 1 }

// Count reads a length: never more than the bytes left could hold.
func (d *Dec) Count() int {
	n := d.Num()
	if n < 0 || n > len(d.b) {
		d.bad, d.b = true, nil
		return 0
	}
	return n
}

// Str reads a string.
func (d *Dec) Str() string {
	n := d.Count()
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// List reads a list of strings.
func (d *Dec) List() []string {
	out := Make[string](d.Count())
	for i := range out {
		out[i] = d.Str()
	}
	return out
}

// Diags reads diagnostics.
func (d *Dec) Diags() diag.List {
	out := Make[diag.Diagnostic](d.Count())
	for i := range out {
		out[i] = diag.Diagnostic{Path: d.Str(), Msg: d.Str(), Line: d.Num(), Severity: diag.Severity(d.Num()), Broken: d.Bool()}
	}
	return out
}

// Make makes a list of n for a decoder to fill, nil for none: as the
// code that made the entry leaves a list it added nothing to.
func Make[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return make([]T, n)
}
