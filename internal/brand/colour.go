// Package brand checks and applies what makes the default theme a
// company's own (site.yaml brand:): colours and their contrast by the
// WCAG formula, the theme's backgrounds those colours must read on, image
// files told by their bytes, and the small stylesheet that sets the
// accent. It knows nothing of sites or pages, so its rules can be tested
// on their own.
package brand

import (
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Colour is an opaque sRGB colour.
type Colour struct{ R, G, B uint8 }

// White is the colour every accent is lightened toward for a dark scheme.
var White = Colour{255, 255, 255}

// ParseColour reads a colour as CSS writes it: #rgb, #rrggbb, or
// rgb(r, g, b) (commas or spaces). Transparency is refused: a colour that
// shows what is behind it has no contrast of its own to check.
func ParseColour(s string) (Colour, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch {
	case strings.HasPrefix(t, "#"):
		h := t[1:]
		if len(h) == 3 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		if b, err := hex.DecodeString(h); err == nil && len(b) == 3 {
			return Colour{b[0], b[1], b[2]}, nil
		}
	case strings.HasPrefix(t, "rgb(") && strings.HasSuffix(t, ")"):
		parts := strings.FieldsFunc(t[4:len(t)-1], func(r rune) bool { return r == ',' || r == ' ' })
		var c [3]uint8
		for i, p := range parts {
			n, err := strconv.ParseUint(p, 10, 8)
			if err != nil || i > 2 {
				return Colour{}, notColour(s)
			}
			c[i] = uint8(n)
		}
		if len(parts) == 3 {
			return Colour{c[0], c[1], c[2]}, nil
		}
	}
	return Colour{}, notColour(s)
}

func notColour(s string) error {
	return fmt.Errorf("%q is not a colour like #0b5cad or rgb(11, 92, 173)", s)
}

// String writes the colour as CSS does, #rrggbb.
func (c Colour) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// luminance is the colour's relative luminance (WCAG 2: sRGB channels
// made linear, weighted by how bright the eye sees each).
func (c Colour) luminance() float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is the WCAG contrast ratio of two colours, from 1 (the same)
// to 21 (black on white); it does not matter which is the text.
func Contrast(a, b Colour) float64 {
	la, lb := a.luminance(), b.luminance()
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// Ratio writes a contrast as people quote it, "4.4:1", rounded down so a
// ratio that falls short never reads as the one it needs.
func Ratio(r float64) string {
	return strconv.FormatFloat(math.Floor(r*10)/10, 'f', 1, 64) + ":1"
}

// Mix is a between a (t = 0) and b (t = 1).
func Mix(a, b Colour, t float64) Colour {
	m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return Colour{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B)}
}
