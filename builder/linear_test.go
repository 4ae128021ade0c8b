package builder

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"deskbook/internal/diag"
	"deskbook/internal/frontmatter"
	"deskbook/themes"
)

// pathological are the Markdown bodies on which goldmark alone takes time
// in the square of their size or worse (see internal/inline), and some on
// which deskbook's own code did: each makes a body of about n bytes. big
// marks one body for each way of taking minutes or hours at 2 MB: these
// are parsed at 2 MB too.
var pathological = []struct {
	name string
	body func(n int) string
	big  bool
}{
	{"unclosed link destinations", repeat("[a]("), true},
	{"unclosed link destinations with text", repeat("[a](b"), false},
	{"unclosed angle destinations", repeat("[a](<b"), true},
	{"unclosed image destinations", repeat("![a]("), false},
	{"nested brackets", func(n int) string { return strings.Repeat("[", n/2) + "a" + strings.Repeat("]", n/2) }, true},
	{"a label of links", func(n int) string { return "[" + repeat("[a](b)")(n) + "](c)" }, true},
	{"a link on every line", repeat("[a](b)\n"), true},
	{"labels on every line", func(n int) string { return "[a]: /u\n\n" + repeat("[a]\n")(n) }, false},
	{"full references on every line", func(n int) string { return "[b]: /u\n\n" + repeat("[a][b]\n")(n) }, false},
	{"shortcut references on one line", func(n int) string { return "[a]: /u\n\n" + repeat("[a]")(n) }, false},
	{"callouts on every line", repeat("> [!NOTE]\n"), true},
	{"unclosed titles", repeat(`[a](b "c`), false},
	{"unclosed titles over lines", repeat("[a](b \"c\n"), true},
	{"titles on every line", repeat("[a](b \"c\")\n"), false},
	{"paren bracket", repeat("[ (]("), false},
	{"link reference definitions", repeat("[a]: b\n"), true},
	{"definitions with titles over lines", repeat("[a]: b\n\"t\nu\" "), true},
	{"emphasis rule of three", func(n int) string { return "a**b" + repeat("c* ")(n) }, true},
	{"emphasis of both kinds", repeat("*a_b*c_d**e_f*g**h*i_j**"), false},
	{"strikethrough rule of three", func(n int) string { return "a~~b" + repeat("c~ ")(n) }, true},
	{"a delimiter before many labels", func(n int) string { return "*a " + repeat("[*a](b) ")(n) }, true},
	{"growing backtick runs", backtickRuns, false},
	{"nested block quotes", func(n int) string { return strings.Repeat("> ", n/2) + "a" }, true},
	{"list markers on one line", func(n int) string { return repeat("- ")(n) + "a" }, true},
	{"ordered list markers on one line", func(n int) string { return repeat("1. ")(n) + "a" }, false},
	{"lists nested by indentation", indentedLists, true},
	{"footnotes nested on one line", repeat("[^a]: "), true},
	{"unclosed comments", repeat("<!--"), false},
	{"unclosed CDATA", repeat("<![CDATA["), false},
	{"unclosed processing instructions", repeat("<?"), false},
	{"linkify underscores", repeat("a_"), false},
	{"linkify www", repeat("www."), false},
	{"footnote references on every line", func(n int) string { return "[^1]: x\n\n" + repeat("[^1]\n")(n) }, true},
	{"many footnotes", manyFootnotes, true},
	{"unclosed heading attributes", func(n int) string { return "# a " + repeat("{")(n) }, false},
	{"a long table", func(n int) string { return "|a|b|\n|-|-|\n" + repeat("|x|y|\n")(n) }, false},
	{"a long table of escaped pipes in code", func(n int) string { return "|a|b|\n|-|-|\n" + repeat("|`x\\|y`|z|\n")(n) }, true},
	{"NUL bytes", repeat("\x00"), false},
	{"a long code block", func(n int) string { return "```go\n" + repeat("x := f(a, b) // c\n")(n) + "```\n" }, true},
	{"many code blocks", codeBlocks, true},
	{"unclosed ::: containers", repeat(":::note\n"), true},
	{"unclosed ::: containers with text", repeat(":::details[a]\nb\n"), false},
	{"deeply nested containers", nestedContainers, true},
	{"many ::tab lines", func(n int) string { return ":::tabs\n" + repeat("::tab[a]\nb\n")(n) + ":::\n" }, true},
	{"unclosed labels", repeat(":::details[a [b\n"), false},
	{"stray ::: lines", repeat("a\n:::\n"), false},
	{"long {{ runs", repeat("{{"), true},
	{"{{ runs with names", repeat("{{ a_b "), false},
	{"unclosed {% tags", repeat("{% a "), false},
	{"include fan-out", repeat("::include[_f/f.md]\n"), true},
}

// nestedContainers is containers nested as deep as they go, closed, and
// again.
func nestedContainers(n int) string {
	one := strings.Repeat(":::note\n", 70) + "x\n" + strings.Repeat(":::\n", 70)
	return repeat(one)(n)
}

// codeBlocks is fenced Go blocks, each unlike the others (the build
// remembers what it highlighted).
func codeBlocks(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "```go\nx := %d\n```\n", i)
	}
	return b.String()
}

// repeat makes a body of s repeated to about n bytes.
func repeat(s string) func(n int) string {
	return func(n int) string { return strings.Repeat(s, max(1, n/len(s))) }
}

// backtickRuns is runs of 1, 2, 3, … backticks that never close.
func backtickRuns(n int) string {
	var b strings.Builder
	for i := 1; b.Len() < n; i++ {
		b.WriteString(strings.Repeat("`", i) + "a")
	}
	return b.String()
}

// indentedLists is a list nested one level deeper on every line.
func indentedLists(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	return b.String()
}

// manyFootnotes is footnotes, then as many references to the last one.
func manyFootnotes(n int) string {
	var b strings.Builder
	k := n / 20
	for i := range k {
		fmt.Fprintf(&b, "[^%d]: x\n", i)
	}
	b.WriteString("\n")
	for b.Len() < n {
		fmt.Fprintf(&b, "[^%d] ", k-1)
	}
	return b.String()
}

// timer parses bodies the way a build does, one article at a time.
type timer struct {
	ap   *articleParser
	like Article // the article each body is parsed as
}

func newTimer(t testing.TB) *timer {
	d := &diag.Collector{}
	site := load(context.Background(), fstest.MapFS{
		"c/x.md":    {Data: []byte("---\ntitle: x\nid: 1\n---\nx\n")},
		"c/_f/f.md": {Data: []byte("Restart {{title}} first:\n\n- quit it;\n- open it.\n\n::include[g.md]\n")},
		"c/_f/g.md": {Data: []byte(":::tip\nA tip.\n:::\n")},
	}, "content", false, nil, d)
	ui := loadStrings(themes.Default(), "theme", site.Config.Languages, d)
	if len(site.Articles) != 1 || d.HasErrors() {
		t.Fatalf("the test site did not load: %v", d.Sorted())
	}
	return &timer{ap: newArticleParser(site, newMarkdown(false, nil), ui, "content", "", false), like: *site.Articles[0]}
}

// parse parses and renders a body, and returns the processor time it
// took, with the garbage collection of what it made.
func (tm *timer) parse(body string) time.Duration {
	runtime.GC() // of what came before
	start := cpuTime()
	tm.run(body)
	return cpuTime() - start
}

// run parses and renders a body.
func (tm *timer) run(body string) {
	a := tm.like
	a.src = []byte(body)
	tm.ap.parse(&a, &diag.Collector{})
}

// best is the shortest of a few parses of a body: the time the work
// takes, without what other work on the machine adds to it.
func (tm *timer) best(body string, runs int) time.Duration {
	best := tm.parse(body)
	for range runs - 1 {
		best = min(best, tm.parse(body))
	}
	return best
}

// TestPathologicalMarkdownParsesInLinearTime parses each body at 16 KB and
// at 8 times that, and fails when the time grows more than 20 times: a
// scan that repeats grows 64 times. Then, unless -short, it parses the big
// ones at 2 MB, the largest article there may be, and fails on one that
// takes more than 10 seconds, or 16 times what as much ordinary Markdown
// takes when that is longer (a slow CI runner). Times are processor time,
// which other work on a busy machine does not lengthen. The densest of
// these bodies, a link every 7 bytes, take 3 seconds on a 2-core machine:
// linear, the cost of 300,000 links.
//
// Each size is parsed three times and the shortest taken, so a burst of
// other work on the machine does not count; a body that parses at 16 KB
// in under 5 ms is timed at 64 and 512 KB instead, and a ratio over the
// bound is timed again, seven times, before it fails. It takes about 15
// seconds with -short, 45 without, on 2 cores.
func TestPathologicalMarkdownParsesInLinearTime(t *testing.T) {
	if raceDetector {
		t.Skip("the race detector's work would be timed too; the test takes a minute under it and looks at no concurrency")
	}
	tm := newTimer(t)
	const small = 16 << 10
	for _, p := range pathological {
		size := small
		t1, t8 := tm.best(p.body(size), 3), tm.best(p.body(8*size), 3)
		if t1 < 5*time.Millisecond {
			// Too quick to time well: four times the text at both sizes.
			size *= 4
			t1, t8 = tm.best(p.body(size), 3), tm.best(p.body(8*size), 3)
		}
		// Below a tenth of a second the timer measures the machine (a
		// collection of the test's own heap costs tens of milliseconds),
		// not the parse, and a scan that repeats takes far longer than
		// that at these sizes. Over the bound, both sizes are timed again,
		// more often: noise goes, a repeating scan (64 times) stays.
		if t8 > 20*t1 && t8 > 100*time.Millisecond {
			t1, t8 = tm.best(p.body(size), 7), tm.best(p.body(8*size), 7)
		}
		t.Logf("%s: %v at %d KB, %v at %d KB", p.name, t1, size>>10, t8, 8*size>>10)
		if t8 > 20*t1 && t8 > 100*time.Millisecond {
			t.Errorf("%s: %v at %d KB, %v at %d KB: %.0f times as long for 8 times the text", p.name, t1, size>>10, t8, 8*size>>10, float64(t8)/float64(t1))
		}
	}
	if testing.Short() {
		return
	}
	usual := tm.best(ordinary(t, frontmatter.MaxFile-1024), 1)
	limit := max(10*time.Second, 16*usual)
	t.Logf("2 MB of ordinary Markdown: %v", usual)
	for _, p := range pathological {
		if !p.big {
			continue
		}
		d := tm.parse(p.body(frontmatter.MaxFile - 1024))
		t.Logf("%s: %v at 2 MB", p.name, d)
		if d > limit {
			t.Errorf("%s: 2 MB took %v, over %v", p.name, d, limit)
		}
	}
}

// ordinary is the demo site's English articles, one after another, to
// n bytes: Markdown as writers write it.
func ordinary(t testing.TB, n int) string {
	var bodies []string
	err := fs.WalkDir(os.DirFS("../content/en"), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := fs.ReadFile(os.DirFS("../content/en"), p)
		if err != nil {
			return err
		}
		if _, body, _, _, err := frontmatter.Split(data); err == nil {
			bodies = append(bodies, string(body))
		}
		return nil
	})
	if err != nil || len(bodies) == 0 {
		t.Fatalf("no articles in the demo site: %v", err)
	}
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(bodies[i%len(bodies)] + "\n\n")
	}
	return b.String()[:n]
}

// TestCodePastTheHighlightBudgetIsShownPlain guards the highlight budget:
// the code blocks of an article before it are coloured, those after it
// are shown plain, escaped and whole.
func TestCodePastTheHighlightBudgetIsShownPlain(t *testing.T) {
	tm := newTimer(t)
	big := strings.Repeat("x := f(a, b)\n", highlightBudget/13+1)
	a := tm.like
	a.src = []byte("```go\nfirst := 1\n```\n\n```go\n" + big + "```\n\n```go\nlast := \"<b>\"\n```\n")
	d := &diag.Collector{}
	tm.ap.parse(&a, d)
	if d.HasErrors() {
		t.Fatalf("diagnostics: %v", d.Sorted())
	}
	html := bodyOf(t, &a)
	if n := strings.Count(html, `class="chroma"`); n != 1 {
		t.Errorf("%d highlighted blocks, want the first only", n)
	}
	if !strings.Contains(html, "last := &#34;&lt;b&gt;&#34;") && !strings.Contains(html, "last := &quot;&lt;b&gt;&quot;") {
		t.Errorf("the block past the budget is not shown plain and escaped:\n%s", html[len(html)-300:])
	}
	if strings.Count(html, "x := f(a, b)") != highlightBudget/13+1 {
		t.Errorf("lines of the big block were lost")
	}
}
