package slug

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

func TestMake(t *testing.T) {
	for in, want := range map[string]string{
		"Error 0x80070005: access is denied": "error-0x80070005-access-is-denied",
		"Café crème — how to":                "cafe-creme-how-to",
		"  ---  ":                            "",
		// Over MaxLen: cut at the last hyphen that keeps it within.
		"Why does the printer stop after the first page of every long document": "why-does-the-printer-stop-after-the-first-page-of-every-long",
		// One long word has no hyphen to cut at: cut at a whole letter.
		"Rechtsschutzversicherungsgesellschaftenkundendienstmitarbeiterinnen": "rechtsschutzversicherungsgesellschaftenkundendienstmitarbeit",
		"为什么打印机在打印每个长文档的第一页之后就停止工作了呢请帮助我":                                     "为什么打印机在打印每个长文档的第一页之后",
	} {
		got := Make(in)
		if got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
		if len(got) > MaxLen || !utf8.ValidString(got) || strings.HasSuffix(got, "-") {
			t.Errorf("Make(%q) = %q: longer than %d bytes, not UTF-8 or ends in a hyphen", in, got, MaxLen)
		}
	}
}

func TestIDs(t *testing.T) {
	ids := NewIDs()
	ids.Put([]byte("custom"))
	for _, tc := range []struct{ in, want string }{
		{"Restart the printer", "restart-the-printer"},
		{"Step 2: check cables", "step-2-check-cables"},
		{"Що робити, якщо принтер не друкує?", "що-робити-якщо-принтер-не-друкує"},
		{"Ошибка 0x80070005", "ошибка-0x80070005"},
		{"Restart the printer", "restart-the-printer-1"},
		{"!!!", "section"},
		{"Custom", "custom-1"},
		{"Перезавантажте комп'ютер", "перезавантажте-компютер"},
		{"Перезавантажте компʼютер", "перезавантажте-компютер-1"},
		{"Перезавантажте комп’ютер", "перезавантажте-компютер-2"},
	} {
		if got := string(ids.Generate([]byte(tc.in), ast.KindHeading)); got != tc.want {
			t.Errorf("Generate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestIDsManyEqualHeadings: ten thousand headings with one text get
// their numbers in one pass each (the suffix search starts where the last
// one ended), and every anchor is unique.
func TestIDsManyEqualHeadings(t *testing.T) {
	ids := NewIDs()
	ids.Put([]byte("a-3"))
	seen := map[string]bool{}
	for i := range 10000 {
		id := string(ids.Generate([]byte("a"), ast.KindHeading))
		if seen[id] || id == "a-3" {
			t.Fatalf("heading %d: %q given twice", i, id)
		}
		seen[id] = true
	}
	if ids.next["a"] != 10001 { // a, a-1 … a-10000 but a-3
		t.Errorf("next suffix %d, want 10001", ids.next["a"])
	}
}
