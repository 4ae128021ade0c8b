package dialect

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// ourLineRE matches the lines of deskbook's syntax the converter writes:
// a container's fences, a tab, an include (after indentation, list
// markers and '>').
var ourLineRE = regexp.MustCompile(`^((?:[ \t]*(?:>|- )?)*)(:{3,}(?:(?:note|tip|important|warning|caution|details|tabs)(?:\[.*\])?)?|::tab\[.*\]|::include\[.*\])[ \t]*$`)

// colonLineRE matches a line whose text, after block quote and list
// markers, starts with colons.
var colonLineRE = regexp.MustCompile(`^(?:[ \t]*(?:>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)))*[ \t]*::`)

// leaked is the offset of the first template tag of another tool ({% or
// {{<) or line of another tool's colons left outside code in a converted
// body, or -1. What is code is what goldmark reads as code, with
// deskbook's directive lines read as the blank lines that end blocks.
func leaked(body []byte) int {
	blanked := bytes.Clone(body)
	var colons []int    // lines of colons that are not deskbook's
	var labels [][2]int // the labels of deskbook's lines: inline Markdown of their own
	for off := 0; off < len(body); {
		end := bytes.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body) - off
		}
		line := body[off : off+end]
		if m := ourLineRE.FindSubmatchIndex(line); m != nil {
			for i := m[4]; i < m[5]; i++ {
				blanked[off+i] = ' '
			}
			if lb, rb := bytes.IndexByte(line[m[4]:m[5]], '['), bytes.LastIndexByte(line[m[4]:m[5]], ']'); lb >= 0 && rb > lb {
				labels = append(labels, [2]int{off + m[4] + lb + 1, off + m[4] + rb})
			}
		} else if m := colonLineRE.FindIndex(line); m != nil {
			colons = append(colons, off+m[1]-2)
		}
		off += end + 1
	}
	code := codeRanges(blanked)
	for _, l := range labels {
		for _, r := range codeRanges(body[l[0]:l[1]]) {
			code = append(code, [2]int{l[0] + r[0], l[0] + r[1]})
		}
	}
	slices.SortFunc(code, func(a, b [2]int) int { return a[0] - b[0] })
	inCode := func(i int) bool {
		k, _ := slices.BinarySearchFunc(code, i, func(r [2]int, i int) int { return r[1] - 1 - i })
		return k < len(code) && code[k][0] <= i && i < code[k][1]
	}
	for _, tag := range []string{"{%", "{{<"} {
		for at := 0; ; {
			i := bytes.Index(body[at:], []byte(tag))
			if i < 0 {
				break
			}
			if !inCode(at + i) {
				return at + i
			}
			at += i + 1
		}
	}
	for _, i := range colons {
		if !inCode(i) {
			return i
		}
	}
	return -1
}

// codeRanges are the byte ranges goldmark reads as code, sorted.
func codeRanges(src []byte) [][2]int {
	doc := goldmark.New().Parser().Parse(text.NewReader(src))
	var code [][2]int
	lines := func(n ast.Node) {
		for i := 0; i < n.Lines().Len(); i++ {
			s := n.Lines().At(i)
			code = append(code, [2]int{s.Start, s.Stop})
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			lines(n)
			if n.Info != nil {
				code = append(code, [2]int{n.Info.Segment.Start, n.Info.Segment.Stop})
			}
		case *ast.CodeBlock:
			lines(n)
		case *ast.CodeSpan:
			if f, l := n.FirstChild(), n.LastChild(); f != nil {
				if ft, ok := f.(*ast.Text); ok {
					if lt, ok := l.(*ast.Text); ok {
						code = append(code, [2]int{ft.Segment.Start, lt.Segment.Stop})
					}
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	slices.SortFunc(code, func(a, b [2]int) int { return a[0] - b[0] })
	return code
}

// TestLeakedFindsTags guards the fuzz test's oracle: it finds a tag in
// text and a line of foreign colons, and not a tag in code.
func TestLeakedFindsTags(t *testing.T) {
	for body, want := range map[string]int{
		"a {% b\n":                  2,
		"`{%` and\n```\n{{<\n```\n": -1,
		"    {{< x\n":               -1,
		":::note[A]\nx\n:::\n":      -1,
		"- ::tab[A]\n":              -1,
		":::zone\n":                 0,
		":::note[``{%``]\n:::\n":    -1,
		":::note[a {% b]\n:::\n":    10,
		"x\n\n::: moniker\n":        3,
		"> ::include[a.md]\n":       -1,
	} {
		if got := leaked([]byte(body)); got != want {
			t.Errorf("%q: %d, want %d", body, got, want)
		}
	}
}

// FuzzConvert converts bodies in every dialect: no conversion may panic,
// leave a template tag of another tool outside code, or report a problem
// on a line the body does not have.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"{% note info \"T\" %}\n{% list tabs %}\n- A\n  x {{ v }}\n{% endlist %}\n{% endnote %}\n",
		"#|\n|| a | b\n\n- c ||\n|#\n", "{% if a %}x{% else %}y{% endif %}", "[{#T}](a.md) {#x}",
		"> [!div class=\"x\"]\n> y\n", "# [A](#tab/a)\nx\n---\n", ":::image source=\"a\":::\n:::zone pivot=\"x\"\n",
		"!!! note\n    === \"A\"\n        x\n", "--8<--\na.md\n", "/// note | T\n    type: x\n\ny\n///\n",
		"::::info\n:::tip[x]\n:::\n::::\n", "<Tabs>\n<TabItem value=\"a\">x</TabItem>\n</Tabs>\n", "<Foo\n/>\nimport x from 'y'\n",
		"{{< hint >}}{{< highlight go >}}\nx\n{{< /highlight >}}{{< /hint >}}", "[a]({{< ref \"/b.md\" >}}) {{</* x */>}}",
		"<details><summary>A</summary>\n{% x %}\n</details>", "```\n{% x %}\n", "- ```\n  {%\n  ```\n{%\n", "> ```\n> {%\n{%\n",
		"`a\n{% b`", "`\n`{%`", "a `\nb ``{%``\n`\n`{%`", "\\``\n`{%`", "{{%highlight 0`%}}{%0", "{{%0%}}```\n```\n{%00", "* * ```\n  {%", "0\n    ```{%", "`````{%`````{#0}`", "`a`{#0}`{%`", "x`{#0}``{%``", "{{%%}`{%`", "{{%%}``0`{%`", ":::A ``{%``", "`0`{#0}``0`{%`", "*\n\n    ```\n  {%", "\\{%%}``0`{%`", "``{%``{#0}`0`x`", "{{% %}}{%", "- a\n\n      ```\n  {%\n", "1. - ```\n     {%\n", "{{< x >}}~~~\n~~~\n{%\n", "{{< highlight go >}}\n```\n{% x\n````\n{{< /highlight >}}\n", "\t{%\n", "1. a\n\n       {%\n", "a\n    {%\n",
		"*\n0\n    ```{%", "- # h\n0\n    ```{%", "0\n*\n    ```{%", "0\n2. ```\n{%\n", "--8<--\n0{%", "* 00\n```\n```\n{%", "* a\n# h\n    ```{%", "* a\n> ```\n{%", "*\t000```{%", "1.\t- ```\n\t  {%", "[!INCLUDE [a](x{{y}}.md)]", "{% include [a](x{%.md) %}", "{{< include \"x{%\" >}}",
	} {
		for i := range All() {
			f.Add(uint8(i), s)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, body string) {
		d := All()[int(which)%len(All())]
		r := convert(d, "docs/a.md", []byte(body), titles)
		if at := leaked(r.Body); at >= 0 {
			t.Fatalf("%s: a template tag is left outside code at byte %d:\n%s", d, at, r.Body)
		}
		n := len(splitLines(body))
		for _, p := range r.Problems {
			if p.Line < 0 || p.Line > n || p.Construct == "" || strings.TrimSpace(p.Msg) == "" {
				t.Fatalf("%s: problem %v on a body of %d lines", d, p, n)
			}
		}
	})
}
