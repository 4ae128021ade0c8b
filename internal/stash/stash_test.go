package stash

import (
	"fmt"
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

// TestStreamAppends checks that a stream's Save appends what a build put
// to the file it read while little of that file is dead, rewrites it
// whole once a quarter would be, and never appends to a file that
// another program replaced meanwhile.
func TestStreamAppends(t *testing.T) {
	path := filepath.Join(t.TempDir(), "parsed.stash")
	keys := make([]Key, 100)
	s := OpenStream(path)
	if s == nil {
		t.Skip("this program cannot be told apart from others (no build ID, no executable)")
	}
	for i := range keys {
		keys[i] = KeyOf(fmt.Sprint(i))
		s.Put(keys[i], []byte(fmt.Sprintf("value %d", i)))
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	first, _ := os.Stat(path)

	// One edit: every entry found, one dropped and put again.
	s = OpenStream(path)
	for _, k := range keys {
		s.Get(k)
	}
	s.Drop(keys[7])
	s.Put(keys[7], []byte("value 7, edited"))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	second, _ := os.Stat(path)
	if !os.SameFile(first, second) || second.Size() <= first.Size() || second.Size() > first.Size()+64 {
		t.Errorf("one edit: file %d → %d bytes, same file %t; want one entry appended", first.Size(), second.Size(), os.SameFile(first, second))
	}
	s = OpenStream(path)
	if v, ok := s.Get(keys[7]); !ok || string(v) != "value 7, edited" {
		t.Errorf("after the append: %q, %v", v, ok)
	}
	if v, ok := s.Get(keys[8]); !ok || string(v) != "value 8" {
		t.Errorf("an entry before the append: %q, %v", v, ok)
	}

	// Half the articles gone: rewritten whole, without them.
	for _, k := range keys[:50] {
		s.Get(k)
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	third, _ := os.Stat(path)
	if os.SameFile(second, third) || third.Size() >= second.Size()*2/3 {
		t.Errorf("half used: %d → %d bytes, same file %t; want a smaller new file", second.Size(), third.Size(), os.SameFile(second, third))
	}
	s = OpenStream(path)
	if _, ok := s.Get(keys[60]); ok {
		t.Error("an entry no build used survived the rewrite")
	}

	// Another program replaces the file between this build's Open and Save.
	s.Get(keys[1])
	s.Put(KeyOf("new"), []byte("new"))
	other := OpenStream(path)
	other.Put(KeyOf("other"), []byte("other"))
	if err := other.Save(); err != nil {
		t.Fatal(err)
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	s = OpenStream(path)
	if v, ok := s.Get(KeyOf("new")); !ok || string(v) != "new" {
		t.Errorf("after a replaced file: %q, %v", v, ok)
	}
	if v, ok := s.Get(keys[1]); !ok || string(v) != "value 1" {
		t.Errorf("after a replaced file, an entry found: %q, %v", v, ok)
	}
}
