package frontmatter

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		name, in, header, body string
		line                   int
		format                 Format
		err                    error
	}{
		{"yaml", "---\ntitle: x\nid: 1\n---\nBody\n", "title: x\nid: 1\n", "Body\n", 5, YAML, nil},
		{"yaml ends with ...", "---\ntitle: x\n...\nBody", "title: x\n", "Body", 4, YAML, nil},
		{"crlf", "---\r\ntitle: x\r\n---\r\nB", "title: x\r\n", "B", 4, YAML, nil},
		{"no newline after", "---\ntitle: x\n---", "title: x\n", "", 4, YAML, nil},
		{"toml", "+++\ntitle = \"x\"\n+++\nBody\n", "title = \"x\"\n", "Body\n", 4, TOML, nil},
		{"toml is not closed by ---", "+++\na = 1\n---\n", "", "+++\na = 1\n---\n", 1, TOML, ErrUnclosed},
		{"none", "# Title\n\nText\n", "", "# Title\n\nText\n", 1, None, nil},
		{"unclosed", "---\ntitle: x\n", "", "---\ntitle: x\n", 1, YAML, ErrUnclosed},
		{"a lone ---", "---", "", "---", 1, None, nil},
	} {
		h, b, line, f, err := Split([]byte(tc.in))
		if string(h) != tc.header || string(b) != tc.body || line != tc.line || f != tc.format || !errors.Is(err, tc.err) {
			t.Errorf("%s: got %q %q %d %v %v", tc.name, h, b, line, f, err)
		}
	}
}

func TestParseYAML(t *testing.T) {
	fields, err := Parse(YAML, []byte("title: \"Printer\"\nversion: 2.10\ntags: [a, b]\nextra:\n  order: 3\n  weight: 4\ndraft: True\nid: 7\n"), 2)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]Field{}
	for _, f := range fields {
		byKey[f.Key] = f
	}
	if s, ok := byKey["title"].Text(); !ok || s != "Printer" || byKey["title"].Line != 2 {
		t.Errorf("title: %q %v line %d", s, ok, byKey["title"].Line)
	}
	if s, ok := byKey["version"].Text(); !ok || s != "2.10" {
		t.Errorf("version = %q: a number-like text must stay as written", s)
	}
	if l, ok := byKey["tags"].Texts(); !ok || len(l) != 2 {
		t.Errorf("tags = %v %v", l, ok)
	}
	if _, ok := byKey["tags"].Text(); ok {
		t.Error("a list read as text")
	}
	if got := byKey["tags"].Want("text"); got != "tags: want text, got a list" {
		t.Errorf("Want = %q", got)
	}
	sub, ok := byKey["extra"].Fields()
	if !ok || len(sub) != 2 || sub[1].Key != "weight" || sub[1].Line != 7 {
		t.Errorf("extra: %+v", sub)
	}
	if b, ok := byKey["draft"].Bool(); !ok || !b {
		t.Errorf("draft: True = %v %v", b, ok)
	}
	if n, ok := byKey["id"].Int(); !ok || n != 7 || byKey["id"].Line != 9 {
		t.Errorf("id = %d %v line %d", n, ok, byKey["id"].Line)
	}
}

func TestParseErrorLine(t *testing.T) {
	_, err := Parse(YAML, []byte("title: x\ntags: [a\nid: 1\n"), 2)
	var fe *Error
	if !errors.As(err, &fe) || fe.Line < 2 || fe.Line > 4 {
		t.Errorf("error %v: want a line of the header (2 to 4)", err)
	}
	_, err = Parse(YAML, []byte("- a\n- b\n"), 2)
	if !errors.As(err, &fe) || fe.Msg != "front matter must be key: value lines" {
		t.Errorf("a list header: %v", err)
	}
}

// TestParseTOML covers what the hand-written TOML reader the Zola import
// had before got wrong: escapes, dates, arrays of tables.
func TestParseTOML(t *testing.T) {
	doc := "title = \"a\\bb \\u00e9\"\ndate = 2024-01-05\nupdated = 2024-02-01T10:00:00+02:00\nweight = 3\n\n[taxonomies]\ntags = [\"x\", \"y\"]\n\n[[extra.links]]\nname = \"one\"\n[[extra.links]]\nname = \"two\"\n"
	fields, err := Parse(TOML, []byte(doc), 2)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]Field{}
	for _, f := range fields {
		byKey[f.Key] = f
	}
	if s, _ := byKey["title"].Text(); s != "a\bb é" {
		t.Errorf("title = %q: escapes must be read as TOML says", s)
	}
	if d, ok := byKey["date"].Date(); !ok || !d.Equal(time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date = %v %v", d, ok)
	}
	if d, ok := byKey["updated"].Date(); !ok || d.Format("2006-01-02 15:04 -07:00") != "2024-02-01 10:00 +02:00" {
		t.Errorf("updated = %v %v", d, ok)
	}
	if n, ok := byKey["weight"].Int(); !ok || n != 3 {
		t.Errorf("weight = %v %v", n, ok)
	}
	if tax, ok := byKey["taxonomies"].Fields(); !ok || len(tax) != 1 || tax[0].Key != "tags" {
		t.Errorf("taxonomies = %+v", tax)
	}
	if byKey["taxonomies"].Line != 7 || byKey["extra"].Line != 10 || byKey["title"].Line != 2 {
		t.Errorf("lines: taxonomies %d, extra %d, title %d", byKey["taxonomies"].Line, byKey["extra"].Line, byKey["title"].Line)
	}
	extra, _ := byKey["extra"].Fields()
	if len(extra) != 1 || extra[0].Key != "links" || len(extra[0].Node.Content) != 2 {
		t.Errorf("extra = %+v: an array of tables must be read", extra)
	}
	if fields[0].Key != "title" || fields[len(fields)-1].Key != "extra" {
		t.Errorf("fields not in document order: %v", fields)
	}

	_, err = Parse(TOML, []byte("title = \"x\"\ntitle = \"y\"\n"), 2)
	var fe *Error
	if !errors.As(err, &fe) || fe.Line != 3 {
		t.Errorf("a key given twice: %v", err)
	}
}

// perLang reads a text or a text per key, as site.yaml's brand.footer
// does: a type that reads its YAML itself.
type perLang map[string]string

func (p *perLang) UnmarshalYAML(unmarshal func(any) error) error {
	var s string
	if unmarshal(&s) == nil {
		*p = perLang{"": s}
		return nil
	}
	m := map[string]string{}
	err := unmarshal(&m)
	*p = m
	return err
}

func TestDecodeNestedLinesAndSelfReaders(t *testing.T) {
	var v struct {
		Title string `yaml:"title"`
		Brand struct {
			Accent string  `yaml:"accent"`
			Footer perLang `yaml:"footer"`
		} `yaml:"brand"`
	}
	lines, problems := Decode([]byte("title: x\nbrand:\n  accent: \"#fff\"\n  footer:\n    en: Hi\n    uk: Привіт\n  acent: 1\n"), &v)
	for key, want := range map[string]int{"title": 1, "brand": 2, "brand.accent": 3, "brand.footer": 4, "brand.footer.uk": 6} {
		if lines[key] != want {
			t.Errorf("line of %s = %d, want %d", key, lines[key], want)
		}
	}
	// The footer's keys are its own (language codes), not unknown keys;
	// a typo beside them still is.
	if len(problems) != 1 || problems[0].Line != 7 || !strings.Contains(problems[0].Msg, `"brand.acent" (did you mean accent?)`) {
		t.Errorf("problems = %v, want one: brand.acent on line 7", problems)
	}
	if v.Brand.Footer["uk"] != "Привіт" || v.Brand.Accent != "#fff" {
		t.Errorf("decoded %+v", v)
	}
}

// TestDecodeMapOfStructs: the keys of a map are the writer's; the keys of
// the structs in it are checked, with their paths.
func TestDecodeMapOfStructs(t *testing.T) {
	var v struct {
		Replies map[string]struct {
			Body string `yaml:"body"`
		} `yaml:"replies"`
	}
	lines, problems := Decode([]byte("replies:\n  en:\n    body: Hi\n  uk:\n    bdy: Привіт\n"), &v)
	if len(problems) != 1 || problems[0].Line != 5 || !strings.Contains(problems[0].Msg, `"replies.uk.bdy" (did you mean body?)`) {
		t.Errorf("problems = %v, want one: replies.uk.bdy on line 5", problems)
	}
	if lines["replies.en.body"] != 3 || v.Replies["en"].Body != "Hi" {
		t.Errorf("lines %v, decoded %+v", lines, v)
	}
}
