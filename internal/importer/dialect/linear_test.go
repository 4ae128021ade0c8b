//go:build unix

package dialect

import (
	"fmt"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// pathological are bodies made to make a converter repeat its work: every
// opener unclosed, containers nested as deep as the bytes allow, markers
// that each start a search to the end of the body. Each makes a body of
// about n bytes in its dialect; big marks one per dialect that is also
// converted at 1 MB.
var pathological = []struct {
	d    Dialect
	name string
	body func(n int) string
	big  bool
}{
	{YFM, "unclosed tags", rep("{% "), false},
	{YFM, "unclosed tags on lines", rep("{% note\n"), false},
	{YFM, "unclosed notes", rep("{% note info %}\n"), true},
	{YFM, "notes closed by the wrong tag", half("{% note info %}\n", "{% endcut %}\n"), false},
	{YFM, "unclosed tabs", rep("{% list tabs %}\n- a\n  "), false},
	{YFM, "tabs nested by indentation", nested("{% list tabs %}\n", "- a\n", 2), false},
	{YFM, "unclosed tables", rep("#|\n"), false},
	{YFM, "tables in cells", rep("#|\n|| a |\n"), false},
	{YFM, "a long table", func(n int) string { return "#|\n" + rep("|| a | `b|c` | {{ v }} ||\n")(n) + "|#\n" }, false},
	{YFM, "a long multiline table", func(n int) string { return "#|\n|| **A** | **B** ||\n" + rep("|| a\nb | c ||\n")(n) + "|#\n" }, false},
	{YFM, "unclosed conditions", rep("{% if a %}\n"), false},
	{YFM, "unclosed loops", rep("{% for a in b %}{{ a }}\n"), false},
	{YFM, "unclosed variables", rep("{{ "), false},
	{YFM, "anchors", rep("{#a} "), false},
	{YFM, "headings with anchors and code", func(n int) string { return "# " + rep("`{#a}` {#b} ")(n) }, false},
	{YFM, "growing backtick runs", backticks, false},
	{DocFX, "unclosed triple colons", rep(":::image "), false},
	{DocFX, "tab headings", rep("# [a](#tab/a)\n"), true},
	{DocFX, "divs", rep("> [!div class=\"x\"]\n"), false},
	{DocFX, "alerts", rep("> [!NOTE]\n"), false},
	{DocFX, "unclosed includes", rep("[!INCLUDE ["), false},
	{MkDocs, "admonitions nested by indentation", nested("", "!!! note\n", 4), true},
	{MkDocs, "tabs nested by indentation", nested("", "=== \"a\"\n", 4), false},
	{MkDocs, "admonitions", rep("!!! note\n    a\n"), false},
	{MkDocs, "unclosed blocks", rep("/// note\n"), false},
	{MkDocs, "unclosed snippet blocks", rep("--8<--\n"), false},
	{Docusaurus, "unclosed admonitions", rep(":::note\n"), true},
	{Docusaurus, "unclosed tabs", rep("<Tabs>\n<TabItem value=\"a\">\n"), false},
	{Docusaurus, "unclosed components", rep("<Foo\n"), false},
	{Docusaurus, "unclosed details", rep("<details>\n"), false},
	{Docusaurus, "components on one line", rep("<TabItem value=\"a\">x</TabItem>"), false},
	{Hugo, "unclosed shortcodes", rep("{{< hint >}}\n"), true},
	{Hugo, "unclosed openers", rep("{{< "), false},
	{Hugo, "tabs", rep("{{< tabs >}}{{< tab \"a\" >}}"), false},
	{Hugo, "unclosed highlights", rep("{{< highlight go >}}\n"), false},
	{GitHub, "unclosed details", rep("<details>\n"), true},
	{GitHub, "braces", rep("{{%"), false},
	{GitHub, "code spans and escapes", rep("\\`a` {%"), false},
}

// rep makes a body of s repeated to about n bytes.
func rep(s string) func(n int) string {
	return func(n int) string { return strings.Repeat(s, max(1, n/len(s))) }
}

// half is a then b, each repeated to half of n bytes.
func half(a, b string) func(n int) string {
	return func(n int) string { return rep(a)(n/2) + rep(b)(n/2) }
}

// nested is head, then line indented one step more on each line: as deep
// as n bytes allow.
func nested(head, line string, step int) func(n int) string {
	return func(n int) string {
		var b strings.Builder
		b.WriteString(head)
		for i := 0; b.Len() < n; i++ {
			b.WriteString(strings.Repeat(" ", i*step) + line)
		}
		return b.String()
	}
}

// backticks is runs of 1, 2, 3, … backticks that never close.
func backticks(n int) string {
	var b strings.Builder
	for i := 1; b.Len() < n; i++ {
		b.WriteString(strings.Repeat("`", i) + "a")
	}
	return b.String()
}

// cpuTime is the processor time the test process has used so far, which
// other work on a busy machine does not lengthen.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// timeConvert is the shortest processor time of two conversions of body.
func timeConvert(d Dialect, body []byte) time.Duration {
	best := time.Duration(1 << 62)
	for range 2 {
		runtime.GC()
		start := cpuTime()
		convert(d, "docs/a.md", body, titles)
		best = min(best, cpuTime()-start)
	}
	return best
}

// TestPathologicalBodiesConvertInLinearTime converts each body at 32 KB
// and at 8 times that, and fails when the time grows more than 20 times:
// a scan that repeats grows 64 times. Then, unless -short, it converts the
// big ones at 1 MB, which must finish (a body that took the square of its
// size would take hours; these take about a second). It also checks that
// no template tag is left outside code. Times are processor time, which
// other work on a busy machine does not lengthen. It takes about 15
// seconds of processor time.
func TestPathologicalBodiesConvertInLinearTime(t *testing.T) {
	const small = 32 << 10
	for _, p := range pathological {
		t.Run(fmt.Sprintf("%s/%s", p.d, p.name), func(t *testing.T) {
			t1, t8 := timeConvert(p.d, []byte(p.body(small))), timeConvert(p.d, []byte(p.body(8*small)))
			t.Logf("%v at 32 KB, %v at 256 KB", t1, t8)
			// Below a tenth of a second the timer (which counts in the
			// kernel's ticks) and the collector measure the machine; a
			// conversion in the square of its size takes seconds here.
			if t8 > 20*t1 && t8 > 100*time.Millisecond {
				t.Errorf("%v at 32 KB, %v at 256 KB: %.0f times as long for 8 times the text", t1, t8, float64(t8)/float64(t1))
			}
			if at := leaked(convert(p.d, "docs/a.md", []byte(p.body(16<<10)), titles).Body); at >= 0 {
				t.Errorf("a template tag is left outside code at byte %d", at)
			}
			if p.big && !testing.Short() {
				start := cpuTime()
				convert(p.d, "docs/a.md", []byte(p.body(1<<20)), titles)
				t.Logf("%v at 1 MB", cpuTime()-start)
			}
		})
	}
}
