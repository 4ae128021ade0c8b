package search

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// tokenizerSamples are texts the Go/JS agreement test also runs.
func tokenizerSamples() []string {
	return []string{
		"Error 0x80070005: Access is denied.",
		"net::ERR_CONNECTION_REFUSED",
		"error[E0382]: borrow of moved value: `v`",
		"HTTP 403 Forbidden; http 404",
		"TB-SYNC-409 conflict",
		"System.IO.IOException: The process cannot access the file",
		"Пам’ять, памʼять і пам'ять; ПОМИЛКА Ёлка ґанок",
		"well-known e.g. win10 ipv6 __init__.py a..b x-.y",
		"Ｅｒｒｏｒ ＣＯＤＥ ﬁle Ⅻ ², ς Σ İstanbul",
		"поми́лка ударе\u0301ние",
		"KB5034441 failed with 0x800F0922 (ORA-00942)",
		"  \t\n ",
		"a'b 'quoted' don't it's users' rock'n'roll",
		"ERR  404 HTTP\u00a0500 CODE-404 SMTP 5.7.1",
		"مرحبا 世界 こんにちは 😀 e\u0301",
	}
}

func tokTexts(ts []Token) string {
	var b []string
	for _, t := range ts {
		s := t.Text
		switch t.Kind {
		case Number:
			s = "#" + s
		case Code:
			s = "@" + s
		}
		if t.Key {
			s += "!"
		}
		b = append(b, s)
	}
	return strings.Join(b, " ")
}

func TestTokenizeCodes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Error 0x80070005: Access is denied.", "error @0x80070005! #80070005! access is denied"},
		{"net::ERR_CONNECTION_REFUSED", "net @err_connection_refused! err connection refused"},
		{"error[E0382]: borrow", "error @e0382! #0382 borrow"},
		{"HTTP 403 Forbidden", "http #403 @http 403! forbidden"},
		{"http 403", "http #403"}, // index: only upper-case words start a pair
		{"TB-SYNC-409 conflict", "@tb-sync-409! tb sync #409 conflict"},
		{"System.IO.IOException thrown", "@system.io.ioexception! system io ioexception thrown"},
		{"Wi-Fi", "@wi-fi! wi fi"},
		{"well-known", "well known"}, // hyphenated words are not codes
		{"e.g. end.", "e g end"},
		{"win10 ipv6", "@win10! win @ipv6 ipv"},
		{"KB5034441", "@kb5034441! #5034441"},
		{"HTTP  403", "http #403"}, // two spaces: no pair in the index
	} {
		if got := tokTexts(Tokenize(c.in)); got != c.want {
			t.Errorf("Tokenize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// The query side is lenient: case does not matter.
	for _, c := range []struct{ in, want string }{
		{"http 403", "http #403! @http 403!"},
		{"system.io.ioexception", "@system.io.ioexception! system io ioexception"},
		{"well-known", "@well-known! well known"},
	} {
		if got := tokTexts(TokenizeQuery(c.in)); got != c.want {
			t.Errorf("TokenizeQuery(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Ёлка ЁЖ", "елка еж"},
		{"пам’ять памʼять пам'ять пам‘ять пам`ять", "пам'ять пам'ять пам'ять пам'ять пам'ять"},
		{"Йогурт їжак Ґанок", "йогурт їжак ганок"},
		{"поми́лка", "помилка"},
		{"ＡＢＣ ﬁ ²", "abc fi 2"},
		{"ΟΔΟΣ", "οδοσ"},
		{"non\u2011breaking", "non-breaking"},
	} {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// Apostrophe variants give the same token.
	a, b := Tokenize("пам’ять"), Tokenize("памʼять")
	if len(a) != 1 || len(b) != 1 || a[0] != b[0] {
		t.Errorf("apostrophes: %v vs %v", a, b)
	}
}

func TestCompounds(t *testing.T) {
	got := strings.Join(compounds("The printer spooler, HTTP 403 & TB-SYNC-409!"), "|")
	if want := "the|printer|spooler|http|403|tb-sync-409"; got != want {
		t.Errorf("compounds = %q, want %q", got, want)
	}
}

func TestTokenizeBadInput(t *testing.T) {
	for _, s := range []string{"", "   ", "?!…,;:()[]{}", strings.Repeat("x", 10000), strings.Repeat("a.", 3000), "\xff\xfe\x00", strings.Repeat("абв ", 2500)} {
		for _, tk := range Tokenize(s) {
			if tk.Text == "" || utf8.RuneCountInString(tk.Text) > maxCompound+8 {
				t.Errorf("bad token %q from %.20q", tk.Text, s)
			}
		}
	}
	if n := len(Tokenize("?!…,;:()[]{}")); n != 0 {
		t.Errorf("punctuation gave %d tokens", n)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range tokenizerSamples() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, mode := range []bool{false, true} {
			tokenize(s, mode, func(tk Token) {
				if tk.Text == "" {
					t.Fatalf("empty token from %q", s)
				}
				if !utf8.ValidString(tk.Text) {
					t.Fatalf("invalid UTF-8 token %q", tk.Text)
				}
				if tk.Text != Normalize(tk.Text) && tk.Kind != Code {
					t.Fatalf("token %q not normalised (from %q)", tk.Text, s)
				}
				if tk.Kind == Word {
					_ = Stem("uk", tk.Text)
					_ = Stem("ru", tk.Text)
					_ = Stem("en", tk.Text)
				}
			})
		}
		_ = compounds(s)
		if got := fmt.Sprint(Tokenize(s)); got != fmt.Sprint(Tokenize(s)) {
			t.Fatal("not deterministic")
		}
	})
}
