package builder

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// qrSVG draws a QR code for text as inline SVG: one path of black runs, no
// image file and no script, the same bytes for the same text. The quiet
// zone of four modules that scanners need is part of the viewBox. It
// returns "" when the text does not fit in a QR code.
func qrSVG(text, label string) template.HTML {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return ""
	}
	q.DisableBorder = true
	bits := q.Bitmap()
	n := len(bits)
	var b strings.Builder
	b.Grow(64 + n*n/2)
	side := strconv.Itoa(n + 8)
	b.WriteString(`<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="-4 -4 ` + side + ` ` + side + `" shape-rendering="crispEdges" role="img" aria-label="`)
	b.WriteString(html.EscapeString(label))
	b.WriteString(`"><rect x="-4" y="-4" width="` + side + `" height="` + side + `" fill="#fff"/><path stroke="#000" d="`)
	for y, row := range bits {
		// Each run of black modules is a line one module thick along the
		// middle of its row; within a row the pen moves relatively, which
		// keeps the path short.
		pen := -1
		for x := 0; x < n; {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < n && row[x] {
				x++
			}
			if pen < 0 {
				b.WriteString("M" + strconv.Itoa(start) + " " + strconv.Itoa(y) + ".5")
			} else {
				b.WriteString("m" + strconv.Itoa(start-pen) + " 0")
			}
			b.WriteString("h" + strconv.Itoa(x-start))
			pen = x
		}
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String())
}
