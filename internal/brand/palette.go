package brand

import (
	"bytes"
	"fmt"
	"strings"
)

// Background is a colour a theme puts text and links on, by the custom
// property that holds it (--bg, --surface, --blue-bg).
type Background struct {
	Name   string
	Colour Colour
}

// Palette is the backgrounds of a theme's two colour schemes.
type Palette struct{ Light, Dark []Background }

// ReadPalette finds a theme stylesheet's backgrounds: the custom
// properties --bg, --surface and every --*-bg, set in :root (the light
// scheme) and in :root inside @media (prefers-color-scheme: dark). A
// scheme that sets none gets a plain background (white, or near black),
// so the check still runs on a theme that names its colours otherwise.
func ReadPalette(css []byte) Palette {
	s := stripComments(string(css))
	type open struct {
		prelude string
		body    int
	}
	var p Palette
	var stack []open
	last := 0 // where the text before the next { starts
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ';':
			last = i + 1
		case '{':
			stack = append(stack, open{strings.Join(strings.Fields(s[last:i]), " "), i + 1})
			last = i + 1
		case '}':
			if n := len(stack); n > 0 {
				top := stack[n-1]
				stack = stack[:n-1]
				switch {
				case top.prelude != ":root":
				case len(stack) == 0:
					p.Light = append(p.Light, backgrounds(s[top.body:i])...)
				case len(stack) == 1 && isDarkMedia(stack[0].prelude):
					p.Dark = append(p.Dark, backgrounds(s[top.body:i])...)
				}
			}
			last = i + 1
		}
	}
	if len(p.Light) == 0 {
		p.Light = []Background{{"--bg", White}}
	}
	if len(p.Dark) == 0 {
		p.Dark = []Background{{"--bg", Colour{0x12, 0x12, 0x12}}}
	}
	return p
}

func isDarkMedia(prelude string) bool {
	return strings.ReplaceAll(strings.ToLower(prelude), " ", "") == "@media(prefers-color-scheme:dark)"
}

// backgrounds reads the background properties of one declaration block.
func backgrounds(block string) []Background {
	var out []Background
	for decl := range strings.SplitSeq(block, ";") {
		name, value, ok := strings.Cut(decl, ":")
		name = strings.TrimSpace(name)
		if !ok || !(name == "--bg" || name == "--surface" || strings.HasPrefix(name, "--") && strings.HasSuffix(name, "-bg")) {
			continue
		}
		if c, err := ParseColour(value); err == nil {
			out = append(out, Background{name, c})
		}
	}
	return out
}

func stripComments(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "/*")
		if i < 0 {
			return b.String() + s
		}
		b.WriteString(s[:i])
		j := strings.Index(s[i+2:], "*/")
		if j < 0 {
			return b.String()
		}
		s = s[i+2+j+2:]
	}
}

// Worst is the background on which c has the least contrast, and that
// contrast.
func Worst(c Colour, bgs []Background) (Background, float64) {
	var worst Background
	ratio := 22.0
	for _, bg := range bgs {
		if r := Contrast(c, bg.Colour); r < ratio {
			worst, ratio = bg, r
		}
	}
	return worst, ratio
}

// ForDark is c for a dark scheme when the brand gives only one accent: c
// itself when it reads on every dark background with the contrast min,
// else c lightened toward white just enough to.
func ForDark(c Colour, dark []Background, min float64) Colour {
	for step := range 21 {
		m := Mix(c, White, float64(step)/20)
		if _, r := Worst(m, dark); r >= min {
			return m
		}
	}
	return White
}

// CSS is the stylesheet that hands the brand's accents to the theme, which
// uses them as --brand-accent (light scheme) and --brand-accent-dark; nil
// for a colour leaves the theme's own.
func CSS(light, dark *Colour) []byte {
	var b bytes.Buffer
	b.WriteString("/* The brand's colours (site.yaml brand:), written by deskbook. */\n:root {")
	if light != nil {
		fmt.Fprintf(&b, " --brand-accent: %s;", light)
	}
	if dark != nil {
		fmt.Fprintf(&b, " --brand-accent-dark: %s;", dark)
	}
	b.WriteString(" }\n")
	return b.Bytes()
}
