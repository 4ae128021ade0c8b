package picture

import (
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
)

// svgSize reads the size an SVG file gives its picture: the root
// element's width and height when they are in pixels (or plain numbers),
// else its viewBox, with one from the other when only one is given. A
// size in other units (100%, 10em) tells nothing; an SVG without any is
// shown without a size, which is no error.
func svgSize(r io.Reader) (w, h int, err error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if err != nil {
			return 0, 0, errors.New("not an SVG image: no <svg> element")
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if el.Name.Local != "svg" {
			return 0, 0, errors.New("not an SVG image: the first element is <" + el.Name.Local + ">")
		}
		var width, height float64
		var box []float64
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				width = pixels(a.Value)
			case "height":
				height = pixels(a.Value)
			case "viewBox":
				box = viewBox(a.Value)
			}
		}
		if box != nil {
			switch {
			case width == 0 && height == 0:
				width, height = box[2], box[3]
			case height == 0:
				height = width * box[3] / box[2]
			case width == 0:
				width = height * box[2] / box[3]
			}
		}
		if width == 0 || height == 0 {
			return 0, 0, nil
		}
		return int(math.Round(width)), int(math.Round(height)), nil
	}
}

// pixels reads a length in pixels ("800", "800px", "812.5"), or 0.
func pixels(s string) float64 {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || v > 1e6 || math.IsNaN(v) {
		return 0
	}
	return v
}

// viewBox reads "min-x min-y width height" (spaces or commas), or nil.
func viewBox(s string) []float64 {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	if len(f) != 4 {
		return nil
	}
	out := make([]float64, 4)
	for i, v := range f {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			return nil
		}
		out[i] = n
	}
	if pixels(f[2]) == 0 || pixels(f[3]) == 0 {
		return nil
	}
	return out
}
