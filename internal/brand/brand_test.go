package brand

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseColour(t *testing.T) {
	for in, want := range map[string]Colour{
		"#0b5cad": {0x0b, 0x5c, 0xad}, "#0B5CAD": {0x0b, 0x5c, 0xad}, " #fc0 ": {0xff, 0xcc, 0x00},
		"rgb(11, 92, 173)": {11, 92, 173}, "rgb(11 92 173)": {11, 92, 173},
	} {
		if got, err := ParseColour(in); err != nil || got != want {
			t.Errorf("ParseColour(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "blue-ish", "#12345", "#0b5cad80", "#ggg", "rgb(1, 2)", "rgb(1, 2, 300)", "rgb(1, 2, 3, 4)", "0b5cad"} {
		if c, err := ParseColour(in); err == nil {
			t.Errorf("ParseColour(%q) = %v, want an error", in, c)
		} else if !strings.Contains(err.Error(), "is not a colour like #0b5cad") {
			t.Errorf("ParseColour(%q): %v", in, err)
		}
	}
}

func TestContrast(t *testing.T) {
	black, white := Colour{}, White
	for _, tc := range []struct {
		a, b Colour
		want string
	}{
		{black, white, "21.0:1"},
		{white, white, "1.0:1"},
		{Colour{0x76, 0x76, 0x76}, white, "4.5:1"}, // the grey WCAG's examples put at the AA line
		{Colour{0x77, 0x77, 0x77}, white, "4.4:1"}, // just under: never rounded up to pass
		{Colour{0xff, 0xcc, 0x00}, white, "1.5:1"},
	} {
		if got := Ratio(Contrast(tc.a, tc.b)); got != tc.want {
			t.Errorf("contrast of %v on %v = %s, want %s", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestReadPalette(t *testing.T) {
	css := `/* :root { --bg: #000; } in a comment is not read */
@import url(x.css);
:root {
  --bg: #fff;
  --fg: #1a1a1a;
  --surface: #f3f6fa;
  --blue-fg: #0b4a8f; --blue-bg: #eaf2fc;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #15181c; --surface: #1f242b; }
  .x { --bg: #ff0000; }
}
@media print { :root { --bg: #fff; --surface: #ffffff; } }
`
	p := ReadPalette([]byte(css))
	names := func(bgs []Background) string {
		var s []string
		for _, b := range bgs {
			s = append(s, b.Name+"="+b.Colour.String())
		}
		return strings.Join(s, " ")
	}
	if got, want := names(p.Light), "--bg=#ffffff --surface=#f3f6fa --blue-bg=#eaf2fc"; got != want {
		t.Errorf("light = %s, want %s", got, want)
	}
	if got, want := names(p.Dark), "--bg=#15181c --surface=#1f242b"; got != want {
		t.Errorf("dark = %s, want %s", got, want)
	}
	if p := ReadPalette([]byte("body { background: pink }")); len(p.Light) != 1 || len(p.Dark) != 1 {
		t.Errorf("a stylesheet without the properties: %+v, want a plain background per scheme", p)
	}
}

func TestForDark(t *testing.T) {
	dark := []Background{{"--bg", Colour{0x15, 0x18, 0x1c}}, {"--surface", Colour{0x1f, 0x24, 0x2b}}}
	navy := Colour{0x0b, 0x4a, 0x8f}
	got := ForDark(navy, dark, 7)
	if _, r := Worst(got, dark); r < 7 {
		t.Errorf("ForDark(%v) = %v, contrast %s", navy, got, Ratio(r))
	}
	if got == White || got == navy {
		t.Errorf("ForDark(%v) = %v: want the colour lightened, not white nor unchanged", navy, got)
	}
	if yellow := (Colour{0xff, 0xcc, 0x00}); ForDark(yellow, dark, 7) != yellow {
		t.Errorf("a colour that reads on dark already was changed")
	}
}

func TestCSS(t *testing.T) {
	c := Colour{0x0b, 0x5c, 0xad}
	if got := string(CSS(&c, nil)); !strings.Contains(got, ":root { --brand-accent: #0b5cad; }") {
		t.Errorf("CSS = %q", got)
	}
	if got := string(CSS(&c, &White)); !strings.Contains(got, "--brand-accent: #0b5cad; --brand-accent-dark: #ffffff;") {
		t.Errorf("CSS = %q", got)
	}
}

func TestImage(t *testing.T) {
	var pngData bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.Black)
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	svg := []byte(`<?xml version="1.0"?>
<!-- a logo -->
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>`)
	ico := []byte{0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 22, 0, 0, 0}
	for _, tc := range []struct {
		name string
		data []byte
		want string // the media type, or the start of the error
	}{
		{"logo.png", pngData.Bytes(), "image/png"},
		{"Logo.PNG", pngData.Bytes(), "image/png"},
		{"logo.svg", svg, "image/svg+xml"},
		{"favicon.ico", ico, "image/x-icon"},
		{"logo.jpg", pngData.Bytes(), "is not a JPG image: it holds a PNG image; give the file the extension .png"},
		{"logo.png", []byte("<!doctype html><html><body>Not found</body></html>"), "is not a PNG image: it holds a web page"},
		{"logo.svg", []byte(`<?xml version="1.0"?><html><body/></html>`), "is not an SVG image: it holds text"},
		{"logo.svg", []byte("just words"), "is not an SVG image: it holds text"},
		{"logo.png", nil, "is not a PNG image: the file is empty"},
		{"logo.txt", []byte("x"), "want an image"},
		{"logo", pngData.Bytes(), "want an image"},
	} {
		got, err := Image(tc.name, tc.data)
		if err != nil {
			got = err.Error()
		}
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("Image(%s, %.20q) = %q, want %q", tc.name, tc.data, got, tc.want)
		}
	}
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"brand/logo.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		"brand":          {Mode: fs.ModeDir},
	}
	c := Config{Logo: "brand/logo.svg", Favicon: "brand", Accent: "#0b5cad"}
	if err := yamlText(&c.Footer, "Acme"); err != nil {
		t.Fatal(err)
	}
	b, ps := Load(c, fsys, "content", []string{"en", "uk"})
	if b.Logo == nil || b.Logo.Type != "image/svg+xml" || b.Accent == nil || b.Favicon != nil {
		t.Errorf("brand = %+v", b)
	}
	if len(ps) != 1 || ps[0].Key != "favicon" || ps[0].Msg != "brand.favicon: content/brand is a folder: want an image file" {
		t.Errorf("problems = %+v", ps)
	}
	if b.Text("footer", "uk") != "Acme" || (*Brand)(nil).Text("footer", "en") != "" {
		t.Error("a text for all languages is not in each of them")
	}
	for p, want := range map[string]bool{"brand": true, "brand/logo.svg": true, "bran": false, "brand/logo": false, "en": false} {
		if c.Holds(p) != want {
			t.Errorf("Holds(%q) = %v", p, !want)
		}
	}
	// A light theme background the accent fails on, after the page's own
	// that it passes, is the one named.
	b.Accent = &Colour{0x55, 0x66, 0x77}
	ps = b.Contrast([]byte(":root { --bg: #fff; --surface: #fff; --note-bg: #8899aa; }"))
	if len(ps) != 1 || !strings.Contains(ps[0].Msg, "on the light background --note-bg (#8899aa)") || !ps[0].Warning {
		t.Errorf("contrast problems = %+v", ps)
	}
}

// yamlText fills a Text as site.yaml's reader would, from a string.
func yamlText(t *Text, s string) error {
	return t.UnmarshalYAML(func(v any) error {
		p, ok := v.(*string)
		if !ok {
			return errors.New("not a string")
		}
		*p = s
		return nil
	})
}

// FuzzBrand: no colour, stylesheet or file, however odd, makes the
// brand's readers panic or hang.
func FuzzBrand(f *testing.F) {
	f.Add("#0b5cad", ":root { --bg: #fff } @media (prefers-color-scheme: dark) { :root { --bg: #000 } }", "logo.svg", []byte("<svg/>"))
	f.Add("rgb(1 2 3)", "}}}{{{:root{--x-bg:#fff;", "a.png", []byte("\x89PNG\r\n\x1a\n"))
	f.Add("#", "/* unclosed", "x.ico", []byte{0, 0, 1, 0})
	f.Fuzz(func(t *testing.T, colour, css, name string, data []byte) {
		if c, err := ParseColour(colour); err == nil {
			if _, err := ParseColour(c.String()); err != nil {
				t.Errorf("%q parsed to %v, which does not parse", colour, c)
			}
			p := ReadPalette([]byte(css))
			ForDark(c, p.Dark, 7)
			(&Brand{Accent: &c}).Contrast([]byte(css))
		}
		Image(name, data)
	})
}
