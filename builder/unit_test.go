package builder

import (
	"testing"

	"github.com/yuin/goldmark/ast"
)

func TestRelURL(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{"en/errors/x/", "en/errors/y/", "../y/"},
		{"en/errors/x/", "en/errors/x/", "./"},
		{"en/errors/x/", "en/", "../../"},
		{"en/", "en/errors/", "errors/"},
		{"", "en/", "en/"},
		{"a/42/", "en/errors/x/", "../../en/errors/x/"},
		{"en/errors/x/", "en/errors/img/a.png", "../img/a.png"},
		{"en/errors/x/", "assets/style.1.css", "../../../assets/style.1.css"},
	} {
		if got := relURL(tc.from, tc.to); got != tc.want {
			t.Errorf("relURL(%q, %q) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestHeadingIDs(t *testing.T) {
	ids := newHeadingIDs()
	for _, tc := range []struct{ in, want string }{
		{"Restart the printer", "restart-the-printer"},
		{"Step 2: check cables", "step-2-check-cables"},
		{"Що робити, якщо принтер не друкує?", "що-робити-якщо-принтер-не-друкує"},
		{"Ошибка 0x80070005", "ошибка-0x80070005"},
		{"Restart the printer", "restart-the-printer-1"},
		{"!!!", "section"},
		{"Перезавантажте комп'ютер", "перезавантажте-компютер"},
		{"Перезавантажте компʼютер", "перезавантажте-компютер-1"},
		{"Перезавантажте комп’ютер", "перезавантажте-компютер-2"},
	} {
		if got := string(ids.Generate([]byte(tc.in), ast.KindHeading)); got != tc.want {
			t.Errorf("Generate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSplitFrontMatter(t *testing.T) {
	fm, body, line, ok := splitFrontMatter([]byte("---\ntitle: x\nid: 1\n---\nBody\n"))
	if !ok || string(fm) != "title: x\nid: 1\n" || string(body) != "Body\n" || line != 5 {
		t.Errorf("got %q %q %d %v", fm, body, line, ok)
	}
	if _, _, _, ok := splitFrontMatter([]byte("---\ntitle: x\n")); ok {
		t.Error("unclosed front matter accepted")
	}
	if _, body, _, ok := splitFrontMatter([]byte("---\r\ntitle: x\r\n---\r\nB")); !ok || string(body) != "B" {
		t.Errorf("CRLF front matter: %v %q", ok, body)
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Error 0x80070005: access is denied": "error-0x80070005-access-is-denied",
		"Café crème — how to":                "cafe-creme-how-to",
		"  ---  ":                            "",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestInfoLanguage(t *testing.T) {
	for in, want := range map[string]string{"go": "go", "rust,ignore": "rust", "Python {linenos=true}": "python", "": ""} {
		if got := infoLanguage([]byte(in)); got != want {
			t.Errorf("infoLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}
