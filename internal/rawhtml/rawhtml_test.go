package rawhtml

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// TestRenderer: tags are shown as text, in a block and inline; comments
// alone are left out; a comment with text beside it is shown whole, so no
// text is ever hidden.
func TestRenderer(t *testing.T) {
	md := goldmark.New(goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(Renderer(), 100))))
	for src, want := range map[string]string{
		"<script>alert(1)</script>\n":             "<p class=\"raw-html\">&lt;script&gt;alert(1)&lt;/script&gt;\n</p>\n",
		"Press <kbd>F5</kbd>.\n":                  "<p>Press &lt;kbd&gt;F5&lt;/kbd&gt;.</p>\n",
		"<!-- a note\nfor writers -->\n\nText.\n": "<p>Text.</p>\n",
		"<!-- one --> <!-- two -->\n":             "",
		"Text <!-- hidden --> here.\n":            "<p>Text  here.</p>\n",
		"<!-- note --> shown\n":                   "<p class=\"raw-html\">&lt;!-- note --&gt; shown\n</p>\n",
		"<!-- never closed\n\nstill a comment?\n": "<p class=\"raw-html\">&lt;!-- never closed\n\nstill a comment?\n</p>\n",
	} {
		var b bytes.Buffer
		if err := md.Convert([]byte(src), &b); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("%q:\n got %q\nwant %q", src, b.String(), want)
		}
	}
}
