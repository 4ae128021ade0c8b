package inline

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// sameAsGoldmark are documents on which this package's parsers must give
// exactly goldmark's HTML: CommonMark's link, image and emphasis rules,
// with the GFM extensions around them, ordinary and tricky.
var sameAsGoldmark = []struct{ name, md string }{
	// Tables: "\|" in a code span of a cell is a pipe.
	{"escaped pipes in code in cells", "|a|b|\n|-|-|\n|`x\\|y`|z|\n|`\\|`a`\\|`|\\||\n|w\\|`v\\|`|`u`|\n"},
	{"escaped pipe before a backtick", "|a|\n|-|\n|x\\|`y`|\n|`a\\|b\\|c`|\n"},
	// Inline links: destinations.
	{"plain link", "[a](/u)"},
	{"empty destination", "[a]()"},
	{"angle destination with space", "[a](</my uri>)"},
	{"empty angle destination", "[a](<>)"},
	{"angle destination unclosed", "[a](<b)c"},
	{"angle destination with escaped >", "[a](<b\\>c>)"},
	{"angle destination with > then (", "[a](<b)c>)"},
	{"escaped paren in destination", "[a](/u\\)x)"},
	{"balanced parens in destination", "[a](/u(x)y)"},
	{"nested parens in destination", "[a](/u(x(y)z)w)"},
	{"unbalanced paren in destination", "[a](/u(x)"},
	{"destination then space", "[a](/u )"},
	{"spaces around destination", "[a](   /u   )"},
	{"destination on the next line", "[a](\n/u\n)"},
	{"destination with < inside", "[a](b<c)"},
	{"destination with entity", "[a](/u?a=1&amp;b=2)"},
	{"destination with percent", "[a](/%20x%zz)"},
	{"destination with backslash before letter", "[a](/u\\x)"},
	{"space inside destination", "[a](/my uri)"},
	{"tab before destination", "[a](\t/u)"},
	// Inline links: titles.
	{"double-quoted title", `[a](/u "t")`},
	{"single-quoted title", "[a](/u 't')"},
	{"parenthesised title", "[a](/u (t))"},
	{"escaped quotes in title", `[a](/u "t \"q\"")`},
	{"title over two lines", "[a](/u \"t\nover\")"},
	{"unclosed title", `[a](/u "t`},
	{"unclosed title then a link", "[a](/u \"t [b](/v)"},
	{"title then text", `[a](/u "t" x)`},
	{"title then a second title", `[a](/u "t" "s")`},
	{"parenthesised title with (", "[a](/u (t(s)))"},
	{"title without space", "[a](/u'x')"},
	{"title closing in a later link", "[a](/u \"t\n[b](/v \"s\")"},
	{"single quote title across lines", "[a](b 'c\nd') [e](f 'g)"},
	// Labels.
	{"escaped bracket in label", "[a\\]b](/u)"},
	{"balanced brackets in label", "[a [b] c](/u)"},
	{"backslash at the end of a label", "[a\\\\](/u)"},
	{"code span with ] in label", "[a `]` b](/u)"},
	{"code span across label", "[a `b](/u)` c"},
	{"autolink in label", "[<http://x.org>](/u)"},
	{"raw HTML in label", "[<span>a</span>](/u)"},
	{"hard break in label", "[a  \nb](/u)"},
	{"empty label", "[](/u)"},
	{"link in link", "[a [b](/u) c](/v)"},
	{"link in link in link", "[a [b [c](/u) d](/v) e](/w)"},
	{"link in image", "![a [b](/u) c](/v)"},
	{"image in link", "[![img](/i)](/u)"},
	{"images nested", "![![![a](/1)](/2)](/3)"},
	{"unmatched brackets", "[a](\n\n[a](b\n\n[a](<b\n\n]\n\n[[\n\n[]()\n\n[a]"},
	{"bracket runs", "[[[[a]]]] [[a](/u)]] ][]["},
	{"two links in a row", "[a](/u)[b](/v)(c)"},
	{"label of 999 bytes", "[" + strings.Repeat("a", 999) + "]\n\n[" + strings.Repeat("a", 999) + "]: /u"},
	{"label of 1000 bytes", "[" + strings.Repeat("a", 1000) + "]\n\n[" + strings.Repeat("a", 1000) + "]: /u"},
	// Images.
	{"image", "![a](/i.png)"},
	{"image with title", `![a](/i.png "t")`},
	{"image with emphasis in alt", "![*a* b](/i.png)"},
	{"image without reference", "![a]"},
	{"bang before link", "!\\[a](/u) and ! [b](/v)"},
	// References.
	{"full reference", "[a][r]\n\n[r]: /u \"t\""},
	{"collapsed reference", "[r][]\n\n[r]: /u"},
	{"shortcut reference", "[r]\n\n[r]: /u"},
	{"reference case folded", "[R][]\n\n[r]: /u"},
	{"reference unicode folded", "[ẞ]\n\n[SS]: /u"},
	{"reference with runs of spaces", "[a  b][]\n\n[a b]: /u"},
	{"undefined reference", "[a][nope]"},
	{"inline wins over reference", "[r](/x)\n\n[r]: /u"},
	{"reference then parens", "[r][](/x)\n\n[r]: /u"},
	{"reference image", "![r][]\n\n[r]: /i.png"},
	{"reference title on the next line", "[r]: /u\n\"t\"\n\n[r]"},
	{"reference title with text after", "[r]: /u \"t\" junk\n\n[r]"},
	{"consecutive definitions", "[a]: /1\n[b]: /2\n[c]: /3\n\n[a] [b] [c]"},
	{"definitions then text", "[a]: /1\n[b]: /2\ntext [a]\n\n[b]"},
	{"definition titles spanning lines", "[a]: b\n\"t\nu\" [c]: d\n\"t\nu\" [e]: f\n\n[a] [c] [e]"},
	{"definition with angle destination", "[a]: <b c>\n\n[a]"},
	{"first definition wins", "[a]: /1\n[a]: /2\n\n[a]"},
	{"reference label across lines", "[a\nb]\n\n[a b]: /u"},
	{"reference of many lines", "[a]: /u\n\n" + strings.Repeat("x [a] y\n", 40)},
	// Emphasis and links.
	{"emphasis in link", "[link *emph*](/u)"},
	{"link in emphasis", "*[link](/u)*"},
	{"link in strong", "**[a](/u) b**"},
	{"emphasis across the label's start", "*[a*](/u)"},
	{"emphasis across the label's end", "[*a](/u)*"},
	{"delimiter before a label", "*a [*b*](/u) c*"},
	{"delimiters at many labels", "*a " + strings.Repeat("[*b](/u) ", 20) + "*"},
	{"emphasis", "*a* _b_ **c** __d__ ***e*** ___f___"},
	{"nested emphasis", "*a **b** c* _a __b__ c_"},
	{"rule of three", "a**b*c*d** *a**b* **a*b**"},
	{"intraword underscore", "foo_bar_baz *foo*bar snake_case_word"},
	{"unmatched emphasis", "**a* *a** _a __a"},
	{"emphasis with punctuation", `a*"b"* *"a"* **(a)**`},
	{"emphasis over lines", "*foo\nbar* **a\nb**"},
	{"lone delimiters", "a * b _ c ** d __ e"},
	// Strikethrough.
	{"strikethrough", "~a~ ~~b~~ ~~~c~~~"},
	{"strikethrough in a word", "a~~b~~c a~b~c"},
	{"strikethrough nested", "~~a ~b~ c~~ ~~*a*~~ *~~a~~*"},
	{"strikethrough in a link", "[~~a~~](/u) ~~[a](/u)~~"},
	// Linkify and autolinks.
	{"linkify in label", "[www.example.com](/u)"},
	{"linkify next to link", "www.example.com [a](/u) http://x.org/a_(b) and [c](d)"},
	{"linkify after link", "[a](/u)www.example.com"},
	{"linkify in unclosed label", "[a www.example.com"},
	{"email in label", "[a@b.co](/u) a@b.co"},
	{"autolinks", "<http://a.b> <a@b.co> [<a@b.co>](/u)"},
	// Code spans.
	{"code spans", "`a` ``a`b`` `a``  ``a` `a\\`b`"},
	{"code span over lines", "`a\nb` ``\na\n``"},
	{"unclosed backtick runs", "` `` ``` a ```` b"},
	{"code span after unclosed runs", "``` a `b` ``` c"},
	// Other blocks that hold inlines.
	{"task list", "- [ ] a\n- [x] [b](/u)\n- [c]\n\n[c]: /v"},
	{"table", "| [a](/u) | *b* |\n|---|---|\n| `c|` | ~d~ |\n| [e](/u \"t\") | f\\|g |"},
	{"footnotes", "a[^1] b[^x] c[^1] d[^nope]\n\n[^1]: n\n[^x]: m [l](/u)\n[^x]: again"},
	{"footnote with image syntax", "a![^1]\n\n[^1]: n"},
	{"nested footnotes", "[^a] [^b]\n\n" + strings.Repeat("[^a]: [^b]: ", 10) + "x [^a]"},
	{"footnotes referring to footnotes", "a[^1] b[^x]\n\n[^1]: n [^x]\n[^x]: m [l] n\n[^x](/u) [^1]\n[^x]: again [^x]"},
	{"raw HTML", "<span>[a](/u)</span> <!-- [a](/u) --> <?x [a] ?> <![CDATA[ [a] ]]>"},
	{"heading with link and attributes", "# [a](/u) *b* {#id .c}\n\n## a `b` [c]\n\n[c]: /v"},
	{"links in a block quote", ">\t[a](/u)\n> [b](\n> /v)\n> lazy [c](/w \"t\nstill)"},
	{"links in list items", "-\t[a](/u)\n  [b](<\n  /v>)\n- [c\n  d](/w)"},
	{"nested block quotes", strings.Repeat("> ", 20) + "[a](/u)"},
	{"nested lists", nestedList(25) + "[a](/u)"},
	{"escapes", "\\[a](/u) [a\\](/u) \\*a\\* \\`a\\`"},
	{"NUL bytes", "[a\x00](/u\x00) *\x00* `\x00`"},
	{"CRLF line ends", "[a](/u \"t\r\nu\")\r\n*b*\r\n[c]\r\n\r\n[c]: /v\r\n"},
}

// nestedList is n levels of list, each item the next list.
func nestedList(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	return b.String() + strings.Repeat("  ", n)
}

// markdowns are goldmark as the package's tests compare it: stock, and
// with Extension. full adds what the builder uses beyond GFM.
func markdowns(full bool) (stock, ours goldmark.Markdown) {
	for i, guard := range []bool{false, true} {
		exts := []goldmark.Extender{extension.GFM}
		var opts []goldmark.Option
		if full {
			exts = append(exts, extension.Footnote)
			opts = append(opts,
				goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
				goldmark.WithRendererOptions(html.WithUnsafe()))
		}
		if guard {
			exts = append(exts, Extension())
		}
		md := goldmark.New(append(opts, goldmark.WithExtensions(exts...))...)
		if i == 0 {
			stock = md
		} else {
			ours = md
		}
	}
	return stock, ours
}

// TestSameAsGoldmark compares the HTML of goldmark with this package's
// parsers with stock goldmark's, with GFM and with the builder's options:
// any difference is a bug in a copy or a guard.
func TestSameAsGoldmark(t *testing.T) {
	for _, full := range []bool{false, true} {
		stock, ours := markdowns(full)
		for _, c := range sameAsGoldmark {
			want, got := convert(t, stock, c.md), convert(t, ours, c.md)
			if got != want {
				t.Errorf("%s (full options: %v): %q\ngoldmark: %q\ninline:   %q", c.name, full, c.md, want, got)
			}
		}
	}
}

func convert(t testing.TB, md goldmark.Markdown, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	return b.String()
}

// FuzzSameAsGoldmark looks for a document on which this package's parsers
// and goldmark's differ, short of the caps, which goldmark does not have.
func FuzzSameAsGoldmark(f *testing.F) {
	for _, c := range sameAsGoldmark {
		f.Add(c.md)
	}
	stock, ours := markdowns(true)
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 || reachesCaps(stock, src) {
			return
		}
		if want, got := convert(t, stock, src), convert(t, ours, src); got != want {
			t.Errorf("%q\ngoldmark: %q\ninline:   %q", src, want, got)
		}
	})
}

// reachesCaps reports whether a document might meet this package's caps:
// enough delimiter characters for maxDelimiters runs in one block, or
// block quotes and lists nested near maxOpenBlocks deep.
func reachesCaps(md goldmark.Markdown, src string) bool {
	if strings.Count(src, "*")+strings.Count(src, "_")+strings.Count(src, "~") >= maxDelimiters {
		return true
	}
	doc := md.Parser().Parse(text.NewReader([]byte(src)))
	return nesting(doc) >= maxOpenBlocks-2
}

// nesting is how many block quotes, lists and list items nest below n.
func nesting(n ast.Node) int {
	deepest := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		d := nesting(c)
		switch c.Kind() {
		case ast.KindBlockquote, ast.KindList, ast.KindListItem:
			d++
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// recorder is a goldmark parser that only keeps the options extensions
// give it.
type recorder struct{ opts []parser.Option }

func (r *recorder) Parse(text.Reader, ...parser.ParseOption) ast.Node { return nil }
func (r *recorder) AddOptions(opts ...parser.Option)                  { r.opts = append(r.opts, opts...) }

// TestExtensionReplacesGoldmarksParsers checks that after GFM and
// Footnote, Extension leaves none of the goldmark parsers it guards in
// place: one that goldmark stopped sharing, or an extension that started
// adding its parsers later, would leave a scan unguarded.
func TestExtensionReplacesGoldmarksParsers(t *testing.T) {
	rec := &recorder{}
	goldmark.New(goldmark.WithParser(rec), goldmark.WithExtensions(extension.GFM, extension.Footnote, Extension()))
	c := parser.NewConfig()
	for _, o := range append([]parser.Option{
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	}, rec.opts...) {
		o.SetParserOption(c)
	}
	guarded := []any{
		parser.NewLinkParser(), parser.NewCodeSpanParser(), parser.NewEmphasisParser(),
		extension.NewStrikethroughParser(), extension.NewLinkifyParser(), extension.NewFootnoteParser(),
		parser.NewBlockquoteParser(), parser.NewListParser(), parser.NewListItemParser(),
		extension.NewFootnoteBlockParser(), parser.LinkReferenceParagraphTransformer,
	}
	var all []any
	for _, s := range []util.PrioritizedSlice{c.InlineParsers, c.BlockParsers, c.ParagraphTransformers} {
		for _, v := range s {
			all = append(all, v.Value)
		}
	}
	for _, g := range guarded {
		for _, v := range all {
			if sameType(v, g) {
				t.Errorf("goldmark's %T is still in place", g)
			}
		}
	}
	for _, want := range []any{&linkParser{}, &codeSpanGuard{}, &linkifyGuard{}, &footnoteGuard{}, &footnoteBlockGuard{}, linkReferenceTransformer{}} {
		if !slices.ContainsFunc(all, func(v any) bool { return sameType(v, want) }) {
			t.Errorf("no %T in place", want)
		}
	}
}
