package stash

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRoundTrip checks that what one build puts, the next one gets, and
// that entries the next build does not use are dropped at its Save.
func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.stash")
	a, b := KeyOf("highlight", "Go", "package a"), KeyOf("highlight", "Go", "package b")
	s := Open(path)
	if s == nil {
		t.Skip("this program cannot be told apart from others (no build ID, no executable)")
	}
	if _, ok := s.Get(a); ok {
		t.Fatal("a new stash has an entry")
	}
	s.Put(a, []byte("A"))
	s.Put(b, []byte("B"))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Get(a); ok || s.Put(b, []byte("B")) {
		t.Error("a saved stash still holds or takes entries; it lets go of them")
	}
	s = Open(path)
	if v, ok := s.Get(a); !ok || string(v) != "A" {
		t.Fatalf("Get(a) = %q, %v after a save", v, ok)
	}
	if err := s.Save(); err != nil { // b was not used: dropped
		t.Fatal(err)
	}
	s = Open(path)
	if _, ok := s.Get(b); ok {
		t.Error("an entry the last build did not use was kept")
	}
	if v, ok := s.Get(a); !ok || string(v) != "A" {
		t.Errorf("Get(a) = %q, %v after the second save", v, ok)
	}
}

// TestKeyParts checks that parts count with their lengths.
func TestKeyParts(t *testing.T) {
	if KeyOf("ab", "c") == KeyOf("a", "bc") || KeyOf("a") == KeyOf("a", "") {
		t.Error("different parts made one key")
	}
}

// TestDamagedFileIsEmpty checks that every kind of damage gives an empty
// stash, never wrong bytes or a crash.
func TestDamagedFileIsEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.stash")
	k := KeyOf("k")
	s := Open(path)
	if s == nil {
		t.Skip("this program cannot be told apart from others")
	}
	s.Put(k, []byte("value"))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	other := append([]byte(nil), good...)
	other[len(magic)] ^= 1 // another program's
	flipped := append([]byte(nil), good...)
	flipped[len(good)-40] ^= 0x20 // a byte of the value
	for name, data := range map[string][]byte{
		"empty": {}, "cut short": good[:len(good)/2], "a byte changed": flipped,
		"another program's": other, "not a stash": []byte("hello"),
	} {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if v, ok := Open(path).Get(k); ok {
			t.Errorf("%s: Get = %q from a damaged file", name, v)
		}
	}
}

// TestNilStashKeepsNothing checks the stash of a program that cannot be
// told apart: it answers and saves nothing.
func TestNilStashKeepsNothing(t *testing.T) {
	var s *Stash
	if s.Put(KeyOf("k"), []byte("v")) {
		t.Error("a nil stash took an entry")
	}
	if _, ok := s.Get(KeyOf("k")); ok {
		t.Error("a nil stash kept an entry")
	}
	if err := s.Save(); err != nil {
		t.Error(err)
	}
}

// TestStream checks a stream: what is put goes to the next file (and is
// not found again before Save), what Get found is written at Save, a
// dropped entry can be put again with new bytes, and a build that found
// everything and put nothing leaves the file as it was.
func TestStream(t *testing.T) {
	path := filepath.Join(t.TempDir(), "parsed.stash")
	a, b, c := KeyOf("a"), KeyOf("b"), KeyOf("c")
	s := OpenStream(path)
	if s == nil {
		t.Skip("this program cannot be told apart from others (no build ID, no executable)")
	}
	s.Put(a, []byte("A"))
	s.Put(b, []byte("B"))
	if _, ok := s.Get(a); ok {
		t.Error("a stream found an entry put in the same build")
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	s = OpenStream(path)
	if v, ok := s.Get(a); !ok || string(v) != "A" {
		t.Fatalf("Get(a) = %q, %v", v, ok)
	}
	if _, ok := s.Get(b); !ok {
		t.Fatal("b was not kept")
	}
	s.Drop(b) // no longer holds: put again
	s.Put(b, []byte("B2"))
	s.Put(c, []byte("C"))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	s = OpenStream(path)
	for k, want := range map[Key]string{a: "A", b: "B2", c: "C"} {
		if v, ok := s.Get(k); !ok || string(v) != want {
			t.Errorf("after the second build: %q, %v; want %q", v, ok, want)
		}
	}
	before, _ := os.Stat(path)
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if !os.SameFile(before, after) {
		t.Error("a build that found every entry and put none wrote the file again")
	}
}

// TestEntry checks Enc and Dec, and that Dec finds an entry cut short, one
// with bytes left over and one whose length runs past its end.
func TestEntry(t *testing.T) {
	var e Enc
	e.Num(-3)
	e.Str("x", "")
	e.Bool(true)
	e.List([]string{"a", "bc"})
	d := NewDec(e.Bytes())
	if n, x, empty, ok, list := d.Num(), d.Str(), d.Str(), d.Bool(), d.List(); n != -3 || x != "x" || empty != "" || !ok || len(list) != 2 || list[1] != "bc" || d.Err() != nil {
		t.Fatalf("read back %d %q %q %t %q %v", n, x, empty, ok, list, d.Err())
	}
	for name, b := range map[string][]byte{
		"cut short":     e.Bytes()[:len(e.Bytes())-1],
		"left over":     append(e.Bytes(), 0),
		"long a length": {0x05, 0x7f, 'a'},
	} {
		d := NewDec(b)
		d.Num()
		d.Str()
		d.Str()
		d.Bool()
		d.List()
		if d.Err() == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
