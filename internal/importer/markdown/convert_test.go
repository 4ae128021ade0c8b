package markdown_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"deskbook/internal/importer/markdown"
	"deskbook/internal/sitetest"
)

// lineConv is a converter for the tests, in the shape of the real one
// (internal/importer/dialect): it turns YFM-like includes, notes and
// {#T} link titles into deskbook's syntax, reports {% cut %} as a
// construct it cannot convert, gives the variables a body uses, and
// panics on a line saying PANIC.
type lineConv struct{}

var (
	incRE   = regexp.MustCompile(`^\{% include \[[^\]]*\]\(([^)]+)\) %\}$`)
	titleRE = regexp.MustCompile(`\[\{#T\}\]\(([^)]+)\)`)
)

func (lineConv) Convert(_ markdown.Dialect, _ string, src []byte, titles func(string) (string, bool)) markdown.Result {
	var res markdown.Result
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		switch {
		case l == "PANIC":
			panic("a converter bug")
		case incRE.MatchString(l):
			p := incRE.FindStringSubmatch(l)[1]
			lines[i] = "::include[" + p + "]"
			res.Includes = append(res.Includes, p)
		case l == "{% note info %}":
			lines[i] = ":::note"
		case l == "{% endnote %}":
			lines[i] = ":::"
		case strings.HasPrefix(l, "{% cut"):
			res.Problems = append(res.Problems, markdown.Problem{Line: i + 1, Construct: "cut", Msg: "{% cut %} is not converted yet"})
		}
		lines[i] = titleRE.ReplaceAllStringFunc(lines[i], func(m string) string {
			target := titleRE.FindStringSubmatch(m)[1]
			if t, ok := titles(target); ok {
				return "[" + t + "](" + target + ")"
			}
			return m
		})
		if strings.Contains(l, "{{ product }}") {
			res.Variables = map[string]string{"product": "Tillbook"}
		}
	}
	res.Body = []byte(strings.Join(lines, "\n"))
	return res
}

const includeSite = `
-- start.md --
---
description: Where to begin.
---
# Start
{% include [Restart](_includes/restart.md) %}

See [{#T}](guide/printing.md).

{% note info %}
Hello {{ product }}.
{% endnote %}

{% cut "More" %}
Hidden.
{% endcut %}
{% include [Gone](_includes/missing.md) %}
-- guide/printing.md --
# Printing

{% include [Restart](../_includes/restart.md) %}
{% include [Shared](../includes/shared.md) %}
-- guide/crash.md --
# Crash

PANIC
-- _includes/restart.md --
Restart the app. See [printing](../guide/printing.md).

![Icon](img/icon.svg)

{% include [Deeper](deeper.md) %}
-- _includes/deeper.md --
Deeper.
-- _includes/img/icon.svg --
<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>
-- includes/shared.md --
Shared text, included by a page, never a page itself.
`

func TestImportWithConverter(t *testing.T) {
	out, rep := importFixture(t, sitetest.FS(t, includeSite), markdown.Options{Dialect: markdown.YFM, Converter: lineConv{}, SourceName: "docs"})
	for p, want := range map[string][]string{
		"start.md":               {"::include[_includes/restart.md]\n", "See [Printing](guide/printing.md).", ":::note\nHello {{ product }}.\n:::", "{% cut"},
		"guide/printing.md":      {"::include[../_includes/restart.md]\n", "::include[../_includes/includes/shared.md]\n"},
		"_includes/restart.md":   {"See [printing](../guide/printing.md).", "![Icon](img/icon.svg)", "::include[deeper.md]"},
		"_includes/deeper.md":    {"Deeper."},
		"_includes/img/icon.svg": {"<svg"},
		"site.yaml":              {"variables:\n    product: Tillbook\n"},
		"guide/crash.md":         {"PANIC"},
	} {
		sitetest.Contains(t, p, sitetest.Read(t, out, p), want...)
	}
	if start := sitetest.Read(t, out, "start.md"); strings.Contains(start, "missing.md") || strings.Contains(start, "# Start") {
		t.Errorf("start.md keeps the missing include or its title heading:\n%s", start)
	}
	if _, err := os.Stat(filepath.Join(out, "includes", "shared.md")); err == nil {
		t.Error("an included file became a page too")
	}
	if ids := readIDs(t, out); len(ids) != 3 {
		t.Errorf("ids %v, want the three pages alone", ids)
	}
	if !slices.Equal(rep.Constructs, []markdown.Count{{Name: "cut", Count: 1}}) || rep.Fragments != 3 || rep.Variables != 1 {
		t.Errorf("report: constructs %v, %d fragments, %d variables", rep.Constructs, rep.Fragments, rep.Variables)
	}
	var warns []string
	for _, w := range rep.Warnings {
		warns = append(warns, w.String())
	}
	for _, w := range []string{
		"docs/start.md:13: warning: {% cut %} is not converted yet",
		"docs/start.md: warning: the include _includes/missing.md is missing; left out",
		"docs/guide/crash.md: warning: internal error while converting this page (a converter bug)",
	} {
		if !slices.ContainsFunc(warns, func(s string) bool { return strings.HasPrefix(s, w) }) {
			t.Errorf("no warning %q in:\n%s", w, strings.Join(warns, "\n"))
		}
	}
	buildImported(t, out)
}
