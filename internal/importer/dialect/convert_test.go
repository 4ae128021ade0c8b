package dialect

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// convCase is one conversion: a body in a dialect, the body deskbook gets,
// and the problems ("construct@line") the conversion reports.
type convCase struct {
	name     string
	in       string
	want     string
	problems []string
}

// titles is the titles callback of the tests: every Markdown file but
// missing.md has a title.
func titles(target string) (string, bool) {
	if strings.Contains(target, "missing") || !strings.Contains(target, ".md") {
		return "", false
	}
	return "Title of " + strings.TrimSuffix(target, ".md"), true
}

// checkCases converts each case in dialect d and compares.
func checkCases(t *testing.T, d Dialect, cases []convCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := convert(d, "docs/page.md", []byte(tc.in), titles)
			if got := string(r.Body); got != tc.want {
				t.Errorf("%s:\n--- input\n%s\n--- got\n%s\n--- want\n%s", d, tc.in, got, tc.want)
			}
			var got []string
			for _, p := range r.Problems {
				got = append(got, fmt.Sprintf("%s@%d", p.Construct, p.Line))
			}
			if !slices.Equal(got, tc.problems) {
				t.Errorf("problems %q, want %q\n%v", got, tc.problems, r.Problems)
			}
		})
	}
}

func TestYFM(t *testing.T) {
	checkCases(t, YFM, []convCase{
		{"note kinds", "{% note info %}\n\nA.\n\n{% endnote %}\n\n{% note alert \"Stop\" %}\nB.\n{% endnote %}\n\n{% note warning \"\" %}\nC.\n{% endnote %}\n{% note tip %}\nD.\n{% endnote %}\n",
			":::note\n\nA.\n\n:::\n\n:::caution[Stop]\nB.\n:::\n\n:::warning\nC.\n:::\n\n:::tip\nD.\n:::\n", nil},
		{"unknown note kind", "{% note danger %}\nA.\n{% endnote %}\n", ":::note\nA.\n:::\n", []string{"yfm:note@1"}},
		{"cut", "{% cut \"Why?\" %}\n\nBecause.\n\n{% endcut %}\n", ":::details[Why?]\n\nBecause.\n\n:::\n", nil},
		{"cut with anchor and group", "{% cut \"A\" %}{#a name=g}\nx\n{% endcut %}\n", ":::details[A]\nx\n:::\n", []string{"yfm:anchor@1"}},
		{"tabs", "{% list tabs %}\n\n- Windows\n\n  1. Open **Settings**.\n\n- Mac\n\n  Open it.\n\n{% endlist %}\n",
			":::tabs\n::tab[Windows]\n\n1. Open **Settings**.\n\n::tab[Mac]\n\nOpen it.\n\n:::\n", nil},
		{"tabs with a group, indented four", "{% list tabs group=os %}\n- Windows\n    Text.\n\n        code\n- Linux\n    Text.\n{% endlist %}\n",
			":::tabs\n::tab[Windows]\nText.\n\n    code\n::tab[Linux]\nText.\n:::\n", nil},
		{"accordion", "{% list tabs accordion %}\n- One\n  a\n- Two\n  b\n{% endlist %}\n",
			":::details[One]\na\n:::\n\n:::details[Two]\nb\n:::\n", nil},
		{"note nested in tabs", "{% note warning %}\n{% list tabs %}\n- A\n  {% note info %}\n  x\n  {% endnote %}\n{% endlist %}\n{% endnote %}\n",
			":::::warning\n::::tabs\n::tab[A]\n:::note\nx\n:::\n::::\n:::::\n", nil},
		{"a note in a list item", "1. Build:\n\n    {% note tip %}\n\n    Use watch mode.\n\n    {% endnote %}\n\n2. Run.\n",
			"1. Build:\n\n    :::tip\n\n    Use watch mode.\n\n    :::\n\n2. Run.\n", nil},
		{"tabs in a list item", "1. Step\n\n   {% list tabs %}\n   - A\n     a\n   {% endlist %}\n",
			"1. Step\n\n   :::tabs\n   ::tab[A]\n   a\n   :::\n", nil},
		{"include", "{% include [text](../_includes/a.md) %}\n\n{% include notitle [t](_b.md) %}\n",
			"::include[../_includes/a.md]\n\n::include[_b.md]\n", nil},
		{"include of a section", "{% include [t](a.md#part) %}\n", "[t](a.md#part)\n", []string{"yfm:include@1"}},
		{"include inside text", "See {% include [t](a.md) %} here.\n", "See [t](a.md) here.\n", []string{"yfm:include@1"}},
		{"variables", "Open {{ product }} {{version}} as {{ user.name }} with {{ my-var }}.\n",
			"Open {{product}} {{version}} as {{user_name}} with {{my_var}}.\n", nil},
		{"variable filters", "Hi {{ user.name | capitalize }} and {{ name.slice(1) }}.\n", "Hi {{user_name}} and {{name}}.\n",
			[]string{"yfm:variable@1", "yfm:variable@1"}},
		{"not_var", "Write not_var{{ x }} to show it.\n", "Write {\\{ x }} to show it.\n", nil},
		{"variables in code stay", "`{{ a }}` and\n\n```\n{{ b }} not_var{{ c }}\n```\n", "`{{ a }}` and\n\n```\n{{ b }} {{ c }}\n```\n",
			[]string{"yfm:code-variable@1", "yfm:code-variable@4"}},
		{"autotitle", "See [{#T}](guide.md) and [{#T}](missing.md \"t\").\n", "See [Title of guide](guide.md) and [missing.md](missing.md \"t\").\n",
			[]string{"yfm:link-title@1"}},
		{"heading anchors", "## Install {#install}\n\n## Two { #a } {#b}\n\n# Code `{#x}` {#y}\n",
			"## Install {#install}\n\n## Two {#a}\n\n# Code `{#x}` {#y}\n", []string{"yfm:anchor@3"}},
		{"anchor in text", "Text {#here} more.\n\n{%anchor there%}\n", "Text more.\n\n", []string{"yfm:anchor@1", "yfm:anchor@3"}},
		{"condition keeps the first branch", "{% if os == 'ios' %}\nApple.\n{% elsif os == 'x' %}\nX.\n{% else %}\nAndroid.\n{% endif %}\nAfter.\n",
			"Apple.\nAfter.\n", []string{"yfm:condition@1"}},
		{"inline condition", "Get {% if os == 'ios' %}Apple{% else %}Android{% endif %} apps.\n", "Get Apple apps.\n", []string{"yfm:condition@1"}},
		{"nested conditions", "{% if a %}\n{% if b %}\nAB\n{% else %}\nA\n{% endif %}\n{% else %}\nN\n{% endif %}\n", "AB\n",
			[]string{"yfm:condition@1", "yfm:condition@2"}},
		{"loop", "{% for u in users %}\n- {{ u }} ({{u.name}})\n{% endfor %}\n", "- {{users}} ({{users}})\n", []string{"yfm:loop@1"}},
		{"stray endif", "A\n{% endif %}\nB\n", "A\nB\n", []string{"yfm:condition@2"}},
		{"condition in code is code", "```\n{% if a %}x{% endif %}\n```\n", "```\n{% if a %}x{% endif %}\n```\n", nil},
		{"simple table", "#|\n|| **Name** | **Value** ||\n|| a | `x|y` ||\n||b|{{ v }}||\n|#\n",
			"| **Name** | **Value** |\n| --- | --- |\n| a | `x\\|y` |\n| b | {{v}} |\n\n", nil},
		{"table with spans", "#|\n|| A | B ||\n|| x | > ||\n|| ^ | \\> ||\n|#\n",
			"| A | B |\n| --- | --- |\n| x |  |\n|  | > |\n\n", []string{"yfm:table-span@1"}},
		{"table with attributes", "#|\n|:{header-rows=\"1\"}\n||:{class=\"h\"} A |::{align=\"center\"} B ||\n|| c | d ||\n|# {wide-content}\n",
			"| A | B |\n| --- | --- |\n| c | d |\n\n", nil},
		{"multiline table", "#|\n|| **H1** | **H2** ||\n|| Text\non two lines\n|\n- a\n- b ||\n|| x | y ||\n|#\n",
			"- **H1**\n\n  Text\n  on two lines\n\n  **H2**\n\n  - a\n  - b\n\n- **H1**\n\n  x\n\n  **H2**\n\n  y\n\n", []string{"yfm:table@1"}},
		{"code in a cell keeps its spaces", "#|\n|| a\n|\n```\nx  \n  y\n```\n||\n|#\n",
			"- a\n\n  ```\n  x  \n    y\n  ```\n\n", []string{"yfm:table@1"}},
		{"nested table", "#|\n|| 1\n|\n#|\n|| 5 | 6 ||\n|#\n||\n|#\n",
			"- 1\n\n  | 5 | 6 |\n  | --- | --- |\n\n", []string{"yfm:table@1"}},
		{"unclosed table", "#|\n|| a | b ||\n", "|| a | b ||\n", []string{"yfm:table@1"}},
		{"stray table end", "|#\n", "", []string{"yfm:table@1"}},
		{"terms", "A [term](*t1) here.\n\n[*t1]: The definition.\n", "A term here.\n\n**t1**: The definition.\n", []string{"yfm:term@1", "yfm:term@3"}},
		{"file and video", "{% file src=\"a.zip\" name=\"Archive\" %} @[youtube](abc)\n", "[Archive](a.zip) <https://www.youtube.com/watch?v=abc>\n",
			[]string{"yfm:file@1", "yfm:video@1"}},
		{"image size", "![A](a.png =100x200) ![B](b.png \"t\" =x50)\n", "![A](a.png) ![B](b.png \"t\")\n", []string{"yfm:image-size@1", "yfm:image-size@1"}},
		{"unknown tag", "{% changelog %}\ntext {% foo %}\n", "text\n", []string{"yfm:tag@1", "yfm:tag@2"}},
		{"unclosed note", "{% note info %}\nA\n", ":::note\nA\n:::\n", []string{"yfm:note@1"}},
		{"stray end", "{% endnote %}\n", "", []string{"yfm:note@1"}},
		{"markers on one line", "{% note info %}Short.{% endnote %}\n", ":::note\nShort.\n:::\n", nil},
		{"stray percent and braces", "50%} and {{ and {%\n", "50%\\} and {\\{ and {\\%\n", nil},
		{"other tools' colons", ":::note\nx\n:::\n", "\\:::note\nx\n\\:::\n", nil},
	})
}

func TestDocFX(t *testing.T) {
	checkCases(t, DocFX, []convCase{
		{"include", "[!INCLUDE [intro](../includes/intro.md)]\n\nUse [!include[name](../includes/name.md)] daily.\n",
			"::include[../includes/intro.md]\n\nUse [name](../includes/name.md) daily.\n", []string{"docfx:include@3"}},
		{"alerts", "> [!Note]\n> First.\n> [!TIP]\n> Then.\n\n> [!TODO]\n> Later.\n",
			"> [!NOTE]\n> First.\n\n> [!TIP]\n> Then.\n\n> **TODO**\n> Later.\n", []string{"docfx:alert@6"}},
		{"include in a note", "> [!NOTE]\n> [!INCLUDE [n](n.md)]\n", "> [!NOTE]\n> ::include[n.md]\n", nil},
		{"include from the root", "[!INCLUDE [n](~/includes/n.md)]\n", "::include[../includes/n.md]\n", nil},
		{"div", "> [!div class=\"nextstepaction\"]\n> [Next](next.md)\n\nAfter.\n", "[Next](next.md)\n\nAfter.\n", []string{"docfx:div@1"}},
		{"video", "> [!VIDEO https://example.com/v]\n", "<https://example.com/v>\n", []string{"docfx:video@1"}},
		{"images", ":::image type=\"content\" source=\"a.png\" alt-text=\"Shot\" lightbox=\"a-big.png\":::\n\n| x | :::image type=\"icon\" source=\"ok.png\"::: |\n",
			"![Shot](a.png)\n\n| x | ![](ok.png) |\n", nil},
		{"linked image", ":::image source=\"a.png\" alt-text=\"A\" link=\"https://x.org\":::\n", "[![A](a.png)](https://x.org)\n", nil},
		{"complex image", ":::image type=\"complex\" source=\"a.png\" alt-text=\"Chart\":::\nIt rises.\n:::image-end:::\n",
			"![Chart](a.png)\nIt rises.\n", nil},
		{"no-loc", "Select :::no-loc text=\"Azure\":::, then :::no-loc text='Go':::.\n", "Select Azure, then Go.\n", nil},
		{"tabs", "# [Windows](#tab/windows)\n\nFor Windows.\n\n## Step\n\n# [Linux](#tab/linux)\n\nFor Linux.\n\n---\n\nAfter.\n",
			":::tabs\n::tab[Windows]\n\nFor Windows.\n\n## Step\n\n::tab[Linux]\n\nFor Linux.\n\n:::\n\nAfter.\n", nil},
		{"dependent tabs", "# [.NET](#tab/dotnet/linux)\n\nA\n\n# [.NET](#tab/dotnet/windows)\n\nB\n",
			":::tabs\n::tab[.NET (linux)]\n\nA\n\n::tab[.NET (windows)]\n\nB\n:::\n", []string{"docfx:tabs@1"}},
		{"a setext heading is not the end of tabs", "# [A](#tab/a)\n\nText\n---\nmore\n\n***\n", ":::tabs\n::tab[A]\n\nText\n---\nmore\n\n:::\n", nil},
		{"zones and monikers", ":::zone pivot=\"windows\"\n\nZ\n\n:::zone-end\n\n::: moniker range=\">= v2\"\nM\n::: moniker-end\n",
			"\nZ\n\n\nM\n", []string{"docfx:zone@1", "docfx:moniker@7"}},
		{"rows", ":::row:::\n:::column:::\nA\n:::column-end:::\n:::row-end:::\n", "A\n", []string{"docfx:row@1"}},
		{"code snippets", "[!code-csharp[](Program.cs#L1-L5)]\n\n:::code language=\"cs\" source=\"a.cs\" range=\"1-3\":::\n",
			"[Program.cs#L1-L5](Program.cs#L1-L5)\n\n[a.cs](a.cs)\n", []string{"docfx:code@1", "docfx:code@3"}},
		{"unknown triple colon", ":::form action=\"x\":::\n", "", []string{"docfx:triple-colon@1"}},
		{"code untouched", "```md\n:::image source=\"a.png\":::\n[!INCLUDE [a](b.md)]\n```\n", "```md\n:::image source=\"a.png\":::\n[!INCLUDE [a](b.md)]\n```\n", nil},
	})
}

func TestMkDocs(t *testing.T) {
	checkCases(t, MkDocs, []convCase{
		{"admonition", "!!! note \"Phasellus\"\n    Lorem ipsum.\n\n    More.\n\nAfter.\n", ":::note[Phasellus]\nLorem ipsum.\n\nMore.\n\n:::\n\nAfter.\n", nil},
		{"kinds", "!!! abstract\n    a\n!!! success\n    b\n!!! danger\n    c\n!!! bug\n    d\n!!! quote\n    e\n!!! important\n    f\n",
			":::note\na\n:::\n\n:::tip\nb\n:::\n\n:::caution\nc\n:::\n\n:::caution\nd\n:::\n\n:::note\ne\n:::\n\n:::important\nf\n:::\n", nil},
		{"unknown kind", "!!! custom \"X\"\n    x\n", ":::note[X]\nx\n:::\n", []string{"mkdocs:admonition@1"}},
		{"no title", "!!! warning \"\"\n    x\n", ":::warning\nx\n:::\n", nil},
		{"collapsible", "??? question \"Why?\"\n    Because.\n\n???+ example\n    Shown.\n",
			":::details[Why?]\nBecause.\n\n:::\n\n:::details[Example]\nShown.\n:::\n", nil},
		{"nested", "!!! note \"Outer\"\n    Text.\n\n    !!! tip\n        Inner.\n\n            code\n",
			"::::note[Outer]\nText.\n\n:::tip\nInner.\n\n    code\n:::\n::::\n", nil},
		{"code inside", "!!! example\n    ```python\n    x = \"{{ y }}\"\n    ```\n", ":::note\n```python\nx = \"{{ y }}\"\n```\n:::\n", nil},
		{"tabs", "=== \"C\"\n\n    ```c\n    int x;\n    ```\n\n=== \"C++\"\n\n    Text.\n\nAfter.\n",
			":::tabs\n::tab[C]\n\n```c\nint x;\n```\n\n::tab[C++]\n\nText.\n\n:::\n\nAfter.\n", nil},
		{"a new group of tabs", "=== \"A\"\n    a\n===! \"B\"\n    b\n", ":::tabs\n::tab[A]\na\n:::\n\n:::tabs\n::tab[B]\nb\n:::\n", nil},
		{"tabs in an admonition", "!!! tip\n    === \"A\"\n        a\n    === \"B\"\n        b\n",
			"::::tip\n:::tabs\n::tab[A]\na\n::tab[B]\nb\n:::\n::::\n", nil},
		{"snippets", "--8<-- \"docs/includes/abbr.md\"\n\n;--8<-- \"x.md\"\n\n--8<--\ndocs/a.md\n; docs/skip.md\ndocs/b.md:sec\n--8<--\n",
			"::include[includes/abbr.md]\n\n--8<-- \"x.md\"\n\n::include[a.md]\n::include[b.md]\n", []string{"mkdocs:snippet@8"}},
		{"remote snippet", "--8<-- \"https://x.org/a.md\"\n", "<https://x.org/a.md>\n", []string{"mkdocs:snippet@1"}},
		// A path made by a template names no file: it stays text, escaped.
		{"templated snippet", "--8<-- \"{{ page.dir }}/a.md\"\n", "../{\\{ page.dir }}/a.md\n", []string{"mkdocs:snippet@1", "mkdocs:variable@1"}},
		{"blocks", "/// details | Summary\n    open: true\n\nBody.\n///\n\n/// admonition | T\n    type: danger\n\nD.\n///\n\n/// html | div\nX\n///\n",
			":::details[Summary]\n\nBody.\n:::\n\n:::caution[T]\n\nD.\n:::\n\nX\n", []string{"mkdocs:block@13"}},
		{"macros and abbreviations", "Site {{ config.site_name }} {% if x %}y{% endif %}\n\n*[HTML]: Hyper Text\n\n{ .annotate }\n",
			"Site {\\{ config.site_name }} y\n\n\n", []string{"mkdocs:variable@1", "mkdocs:template@1", "mkdocs:template@1", "mkdocs:abbr@3", "mkdocs:attr@5"}},
		{"indented code stays", "Text.\n\n    !!! note\n        not an admonition\n", "Text.\n\n    !!! note\n        not an admonition\n", nil},
	})
}

func TestDocusaurus(t *testing.T) {
	checkCases(t, Docusaurus, []convCase{
		{"admonitions", ":::tip[My Title]\n\nSome **content**.\n\n:::\n\n:::info\nI.\n:::\n\n:::danger Old title\nD.\n:::\n\n:::caution\nC.\n:::\n",
			":::tip[My Title]\n\nSome **content**.\n\n:::\n\n:::note\nI.\n:::\n\n:::caution[Old title]\nD.\n:::\n\n:::warning\nC.\n:::\n", nil},
		{"nested admonitions", "::::info Parent\n\n:::danger Child\nx\n:::\n\n::::\n", "::::note[Parent]\n\n:::caution[Child]\nx\n:::\n\n::::\n", nil},
		{"unknown admonition", ":::custom\nx\n:::\n", ":::note\nx\n:::\n", []string{"docusaurus:admonition@1"}},
		{"stray closer", "text\n\n:::\n", "text\n\n", []string{"docusaurus:admonition@3"}},
		{"imports", "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n# Title\n\nexport const x = {\n    a: 1,\n};\n\nText.\n",
			"# Title\n\nText.\n", []string{"docusaurus:import@1", "docusaurus:export@6"}},
		{"tabs", "<Tabs groupId=\"os\">\n  <TabItem value=\"win\" label=\"Windows\" default>\n\n    Windows text.\n\n        more\n\n  </TabItem>\n  <TabItem value=\"mac\">Mac text.</TabItem>\n</Tabs>\n",
			":::tabs\n::tab[Windows]\n\nWindows text.\n\nmore\n\n::tab[mac]\n  Mac text.\n:::\n", nil},
		{"tabs with values", "<Tabs values={[{label: 'Apple', value: 'a'}, {value: 'o', label: \"Orange\"}]}>\n<TabItem value=\"a\">\n\nA\n\n</TabItem>\n<TabItem value=\"o\">\n\nO\n\n</TabItem>\n</Tabs>\n",
			":::tabs\n::tab[Apple]\n\nA\n\n::tab[Orange]\n\nO\n\n:::\n", nil},
		{"a tag over lines", "<Tabs\n  groupId=\"x\">\n<TabItem\n  value=\"a\"\n  label=\"A\">\n\nA\n\n</TabItem>\n</Tabs>\n", ":::tabs\n::tab[A]\n\nA\n\n:::\n", nil},
		{"details", "<details>\n<summary>Click <b>me</b></summary>\n\nHidden.\n\n</details>\n", ":::details[Click me]\n\nHidden.\n\n:::\n", nil},
		{"details over lines", "<details open>\n  <summary>\n    Long label\n  </summary>\n\nX\n</details>\n", ":::details[Long label]\n\nX\n:::\n", nil},
		{"admonition component", "<Admonition type=\"danger\" title=\"Careful\">\n\nX\n\n</Admonition>\n", ":::caution[Careful]\n\nX\n\n:::\n", nil},
		{"other components", "<DocCardList />\n\n<Highlight color=\"#25c2a0\">green</Highlight> text. {/* hidden */}\n\n<BrowserWindow>\n\nInside.\n\n</BrowserWindow>\n",
			"\ngreen text.\n\n\nInside.\n\n", []string{"docusaurus:jsx@1", "docusaurus:jsx@3", "docusaurus:jsx@5"}},
		{"mdx code block", "```mdx-code-block\n<Foo />\n\n:::note\nx\n:::\n```\n", "\n:::note\nx\n:::\n", []string{"docusaurus:jsx@2"}},
		{"code untouched", "```md\n:::note\n<Tabs>\nimport X from 'y';\n```\n", "```md\n:::note\n<Tabs>\nimport X from 'y';\n```\n", nil},
	})
}

func TestHugo(t *testing.T) {
	checkCases(t, Hugo, []convCase{
		{"refs", "[a]({{< ref \"guide.md\" >}}) [b]({{< relref \"/blog/post.md#s\" >}}) [c]({{% ref \"x/missing.md\" %}}) [d]({{< ref \"#top\" >}})\n",
			"[a](guide.md) [b](../blog/post.md#s) [c](../x/missing.md) [d](#top)\n", nil},
		{"hint and notice", "{{< hint warning >}}\n**Careful**.\n{{< /hint >}}\n\n{{% notice tip \"Pro tip\" %}}\nUse it.\n{{% /notice %}}\n\n{{% alert title=\"Note\" color=\"danger\" %}}\nA\n{{% /alert %}}\n",
			":::warning\n**Careful**.\n:::\n\n:::tip[Pro tip]\nUse it.\n:::\n\n:::caution[Note]\nA\n:::\n", nil},
		{"details", "{{< details \"More\" >}}\nHidden.\n{{< /details >}}\n\n{{% expand title=\"E\" %}}\nx\n{{% /expand %}}\n",
			":::details[More]\nHidden.\n:::\n\n:::details[E]\nx\n:::\n", nil},
		{"tabs", "{{< tabs \"id\" >}}\n{{< tab \"MacOS\" >}} # MacOS {{< /tab >}}\n{{< tab \"Linux\" >}}\n\nLinux.\n\n{{< /tab >}}\n{{< /tabs >}}\n",
			":::tabs\n::tab[MacOS]\n# MacOS\n::tab[Linux]\n\nLinux.\n\n:::\n", nil},
		{"docsy tabpane", "{{< tabpane text=true >}}\n{{% tab header=\"**Langs**:\" disabled=true /%}}\n{{% tab header=\"English\" %}}\nHi\n{{% /tab %}}\n{{< /tabpane >}}\n",
			":::tabs\n::tab[English]\nHi\n:::\n", nil},
		{"highlight", "{{< highlight go \"linenos=table\" >}}\nfmt.Println(\"{{< ref x >}}\")\n{{< /highlight >}}\n", "```go\nfmt.Println(\"{{< ref x >}}\")\n```\n", nil},
		{"figure and embeds", "{{< figure src=\"a.png\" alt=\"A\" caption=\"Cap\" >}}\n\n{{< youtube w7Ft >}} {{< gist spf13 7896402 >}}\n",
			"![A](a.png \"Cap\")\n\n<https://www.youtube.com/watch?v=w7Ft> <https://gist.github.com/spf13/7896402>\n", []string{"hugo:embed@3", "hugo:embed@3"}},
		{"include and code-toggle", "{{% include \"/_common/a.md\" %}}\n\n{{< code-toggle file=hugo >}}\ntitle = 'x'\n{{< /code-toggle >}}\n",
			"::include[../_common/a.md]\n\n```toml\ntitle = 'x'\n```\n", nil},
		{"a self-closing block shortcode holds nothing", "{{< code-toggle config=x />}}\n\ntext {% x\n", "\ntext {\\% x\n", []string{"hugo:shortcode@1"}},
		{"param", "Version {{< param \"version\" >}}.\n", "Version {{version}}.\n", nil},
		{"unknown shortcodes", "{{< button href=\"/x\" >}}Click{{< /button >}}\n\n{{< toc >}}\n", "Click\n\n", []string{"hugo:shortcode@1", "hugo:shortcode@3"}},
		{"escaped shortcodes", "Write {{</* ref \"x\" */>}}.\n\n```\n{{</* ref \"x\" */>}} {{%/* n */%}}\n```\n", "Write {\\{< ref \"x\" >}}.\n\n```\n{{< ref \"x\" >}} {{% n %}}\n```\n", nil},
		{"unclosed", "{{< hint info >}}\nx\n", ":::note\nx\n:::\n", []string{"hugo:hint@1"}},
		{"stray close", "{{< /hint >}}\n", "", []string{"hugo:hint@1"}},
	})
}

func TestGitHub(t *testing.T) {
	checkCases(t, GitHub, []convCase{
		{"alerts stay", "> [!NOTE]\n> Useful.\n\n> [!CAUTION]\n> Risky.\n", "> [!NOTE]\n> Useful.\n\n> [!CAUTION]\n> Risky.\n", nil},
		{"details", "<details><summary>More</summary>\n\nHidden **text**.\n\n</details>\n", ":::details[More]\n\nHidden **text**.\n\n:::\n", nil},
		{"details on one line", "<details><summary>A</summary>B</details>\n", ":::details[A]\nB\n:::\n", nil},
		{"details without summary", "<details>\n\nX\n</details>\n", ":::details\n\nX\n:::\n", []string{"html:details@3"}},
		{"jekyll", "{% raw %}{{ x }}{% endraw %}\n", "{\\{ x }}\n", []string{"github:template@1", "github:variable@1", "github:template@1"}},
		{"nothing else changes", "# T\n\n- a\n\n```\n{% x %}\n```\n\n    {{ y }}\n", "# T\n\n- a\n\n```\n{% x %}\n```\n\n    {{ y }}\n", nil},
		{"a line of colons", ":::\n::include[x]\n", "\\:::\n\\::include[x]\n", nil},
		{"an empty body", "", "", nil},
	})
	r := convert("asciidoc", "a.md", []byte("x\n"), nil)
	if string(r.Body) != "x\n" || len(r.Problems) != 1 || r.Problems[0].Construct != "dialect" {
		t.Errorf("unknown dialect: %q %v", r.Body, r.Problems)
	}
}

// TestNestingPastTheCap: containers nested past maxBoxes keep their
// content and their labels, each a problem, and the fences of the others
// still pair.
func TestNestingPastTheCap(t *testing.T) {
	var in, want strings.Builder
	n := maxBoxes + 2
	for i := range n {
		fmt.Fprintf(&in, "{%% cut \"L%d\" %%}\n", i)
	}
	in.WriteString("x\n")
	for range n {
		in.WriteString("{% endcut %}\n")
	}
	r := convert(YFM, "a.md", []byte(in.String()), nil)
	for i := range maxBoxes {
		fmt.Fprintf(&want, "%s%s[L%d]\n", strings.Repeat(":", 3+maxBoxes-1-i), "details", i)
	}
	want.WriteString("**L8**\n**L9**\nx\n")
	for i := range maxBoxes {
		fmt.Fprintf(&want, "%s\n", strings.Repeat(":", 3+i))
	}
	if string(r.Body) != want.String() {
		t.Errorf("got\n%s\nwant\n%s", r.Body, want.String())
	}
	if len(r.Problems) != 2 || r.Problems[0].Construct != "yfm:nesting" || r.Problems[1].Line != 10 {
		t.Errorf("problems: %v", r.Problems)
	}
}

// TestIncludesAreListedOnce: the result lists each fragment once, in the
// order the body includes them, from cells of tables too.
func TestIncludesAreListedOnce(t *testing.T) {
	in := "{% include [a](_a.md) %}\n\n#|\n|| x\n\n{% include [b](_b.md) %}\n| y ||\n|#\n\n{% include [a](_a.md) %}\n"
	r := convert(YFM, "a.md", []byte(in), nil)
	if !slices.Equal(r.Includes, []string{"_a.md", "_b.md"}) {
		t.Errorf("includes %q\n%s", r.Includes, r.Body)
	}
}

// TestLineEnds: CRLF and CR bodies convert like LF ones, their problems
// on the same lines.
func TestLineEnds(t *testing.T) {
	lf := "a\n{% note info %}\nb {#x}\n{% endnote %}\n"
	want := convert(YFM, "a.md", []byte(lf), nil)
	for _, end := range []string{"\r\n", "\r"} {
		r := convert(YFM, "a.md", []byte(strings.ReplaceAll(lf, "\n", end)), nil)
		if string(r.Body) != string(want.Body) || !slices.Equal(r.Problems, want.Problems) {
			t.Errorf("%q: %q %v, want %q %v", end, r.Body, r.Problems, want.Body, want.Problems)
		}
	}
}

// TestConvertRecovers: a panic inside a conversion becomes a problem and
// the body is kept (titles panics here).
func TestConvertRecovers(t *testing.T) {
	src := []byte("[{#T}](a.md)\n")
	r := Convert(YFM, "a.md", src, func(string) (string, bool) { panic("boom") })
	if string(r.Body) != string(src) || len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Msg, "boom") {
		t.Errorf("got %q %v", r.Body, r.Problems)
	}
}

// codeBody holds every dialect's syntax inside code: fenced (backticks and
// tildes, in a list item and a block quote), indented, and code spans.
const codeBody = "Text `{% note info %}` and ``{{< hint >}} `:::` ``.\n\n" +
	"```md\n{% note info %}\n:::tip[X]\n!!! note\n    body\n=== \"Tab\"\n<Tabs>\n{{< hint >}}\n#|\n|| a ||\n|#\n[!INCLUDE [a](b.md)]\n:::image source=\"a.png\":::\n{{ var }}\n```\n\n" +
	"~~~~\n```\n{% endnote %}\n~~~~\n\n" +
	"- item\n\n  ```\n  {% cut \"x\" %}\n  ```\n\n" +
	"> ```\n> {{% notice %}}\n> ```\n\n" +
	"Paragraph.\n\n    {% include [a](b.md) %}\n    :::note\n"

// TestCodeIsNotTouched: in every dialect, code comes out as it went in
// (MDX, Docusaurus's, has no indented code).
func TestCodeIsNotTouched(t *testing.T) {
	for _, d := range All() {
		body := codeBody
		if d == Docusaurus {
			body = body[:strings.Index(body, "Paragraph.")]
		}
		r := convert(d, "docs/page.md", []byte(body), titles)
		if string(r.Body) != body {
			t.Errorf("%s changed code:\n%s", d, r.Body)
		}
		for _, p := range r.Problems {
			if p.Construct != "yfm:code-variable" {
				t.Errorf("%s: %v", d, p)
			}
		}
	}
}

// TestApartShowsNothing checks that what keeps converted text from joining
// a code span's backtick run shows nothing on the page: deskbook prints
// raw HTML, such as an empty comment, as text.
func TestApartShowsNothing(t *testing.T) {
	for _, body := range []string{"`0`{#0}``0`{%`", "`a`{#0}`b`", "x`{#0}``y``"} {
		got := string(convert(YFM, "a.md", []byte(body), titles).Body)
		if strings.ContainsAny(got, "<>") || !strings.Contains(got, "\u200b") {
			t.Errorf("%q became %q: want the runs kept apart by a zero-width space", body, got)
		}
	}
}
