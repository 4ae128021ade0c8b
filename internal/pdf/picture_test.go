package pdf

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/builder"
	"deskbook/themes"

	"github.com/pdfcpu/pdfcpu/pkg/api"
)

// noisyPNG is a w×h PNG whose smaller copy is really smaller.
func noisyPNG(t *testing.T, w, h int) []byte {
	m := image.NewGray(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(3, 4))
	for i := range m.Pix {
		m.Pix[i] = uint8(r.IntN(256))
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestArticlePDFImagesWhole prints an article with two 1200 px
// screenshots, the second far down the page: its page offers narrow
// screens 800 px copies and loads the second lazily, but paper gets both
// screenshots themselves.
func TestArticlePDFImagesWhole(t *testing.T) {
	body := "---\ntitle: Set up\nid: 5\nsummary: How.\n---\n![The first window](one.png)\n\n" +
		strings.Repeat("A paragraph that pushes the next picture far down the page.\n\n", 120) +
		"![The second window](two.png)\n"
	src := fstest.MapFS{
		"site.yaml":       {Data: []byte("title: Acme Help\nbase_url: https://help.acme.example/\n")},
		"guides/setup.md": {Data: []byte(body)},
		"guides/one.png":  {Data: noisyPNG(t, 1200, 300)},
		"guides/two.png":  {Data: noisyPNG(t, 1200, 300)},
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := builder.Build(context.Background(), builder.Config{Source: src, SourceName: "content", Theme: themes.Default(), Out: out, PDFs: mustStore(t, out)})
	if err != nil {
		t.Fatal(err)
	}
	docs, err := res.Printables(5)
	if err != nil {
		t.Fatal(err)
	}
	printDemo(t, out, docs, 0)
	f, err := os.Open(filepath.Join(mustStore(t, out).Dir, "en", "article-5.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pages, err := api.Images(f, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var widths []string
	for _, p := range pages {
		for _, img := range p {
			if img.Height == 300 || img.Height == 200 {
				widths = append(widths, fmt.Sprint(img.Width))
			}
		}
	}
	if got := strings.Join(widths, " "); got != "1200 1200" {
		t.Errorf("the PDF's screenshots are %q px wide, want both 1200", got)
	}
}
