package builder

import (
	"context"
	"errors"
	"testing"
	"testing/fstest"
	"time"

	"deskbook/internal/diag"
	"deskbook/themes"
)

// FuzzArticle feeds arbitrary front matter and Markdown through load,
// parse, resolve and render: the build may reject the input, but only with
// a diagnostic, never a panic or another kind of error.
func FuzzArticle(f *testing.F) {
	f.Add("title: \"x\"\nid: 1\nkind: error\nerrors: [E1]", "## A\n\n> [!NOTE]\n> n\n\n- [ ] t\n\n[l](#a) ![i](x.png)\n")
	f.Add("title: [", "```go\nfunc(\n```\n")
	f.Add("id: 1\ntitle: y\naffects: [1, 2]\nkind: changelog\ndate: 2026-01-01", "| a | b |\n|---|---|\n| 1 | 2 |\n[^1]\n\n[^1]: note\n")
	f.Add("title: z\nid: 3\nslug: a-b", "<script>alert(1)</script>\n# {#id}\n[x](/a/3/#nope)")
	f.Add("title: d\nid: 4", ":::tabs\n::tab[A]\n::include[_f/f.md]\n:::\n\n:::details[{{ product }}]\n{% x %}\n::::\n::include[x.md]\n")
	f.Fuzz(func(t *testing.T, fm, body string) {
		src := fstest.MapFS{
			"c/x.md":     {Data: []byte("---\n" + fm + "\n---\n" + body)},
			"c/other.md": {Data: []byte("---\ntitle: \"o\"\nid: 99\n---\n## A\n")},
			"c/_f/f.md":  {Data: []byte(":::note\n[o](../other.md#a) {{title}}\n::include[../x.md]\n:::\n")},
		}
		res, err := Build(context.Background(), Config{Source: src, SourceName: "content", Theme: themes.Default()})
		var ce *diag.ContentError
		if err != nil && !errors.As(err, &ce) {
			t.Fatalf("non-content error: %v", err)
		}
		if err == nil && res.Pages == 0 {
			t.Fatal("a successful build rendered no pages")
		}
	})
}

// FuzzMarkdownTime parses Markdown the way a build does and fails when a
// body takes longer than 200 ms and 5 ms per KB: a scan that repeats over
// the text shows there long before it would hang a build (100 KB of
// "[a](" took 8 s before internal/inline), while the densest linear text,
// a link every few bytes, takes 3 ms per KB on a busy machine. It compares
// nothing else; FuzzArticle looks for panics and errors.
func FuzzMarkdownTime(f *testing.F) {
	for _, p := range pathological {
		f.Add(p.body(512))
	}
	tm := newTimer(f)
	f.Fuzz(func(t *testing.T, body string) {
		budget := 200*time.Millisecond + time.Duration(len(body)>>10)*5*time.Millisecond
		for try := 0; ; try++ {
			start := time.Now()
			tm.run(body)
			d := time.Since(start)
			if d <= budget {
				return
			}
			// Timed twice when over: once may catch the machine busy.
			if try == 1 {
				t.Fatalf("%d bytes took %v, over %v", len(body), d, budget)
			}
		}
	})
}
