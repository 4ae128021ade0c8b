package markdown

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"strings"

	"deskbook/internal/frontmatter"
	"deskbook/internal/slug"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// read decodes every page's file: front matter, title, body.
func (imp *importer) read() error {
	imp.readPresets()
	for _, f := range imp.files {
		if f.frag {
			continue // read when a page includes it
		}
		fields, body, bodyLine, ok := imp.readFile(f.path)
		if !ok {
			continue
		}
		v := &version{lang: f.lang, src: f.path, bodyLine: bodyLine}
		v.meta = imp.decodeMeta(f.path, fields)
		v.title, v.body = imp.takeTitle(body)
		if v.meta.title != "" {
			v.title = v.meta.title
		}
		pg := imp.pages[f.key]
		if pg == nil {
			pg = &page{key: f.key, versions: map[string]*version{}}
			imp.pages[f.key] = pg
		}
		v.page = pg
		pg.versions[f.lang] = v
		if v.meta.uid != "" {
			imp.uids[v.meta.uid] = pg
		}
	}
	if len(imp.pages) == 0 {
		return errors.New(imp.shown(imp.site.root) + ": no Markdown file could be read as a page")
	}
	return nil
}

// readFile reads a Markdown file and splits off its front matter (YAML
// between --- lines, TOML between +++ lines). It reports false when the
// file cannot be used at all; front matter that does not parse is one
// warning, and the page keeps its body.
func (imp *importer) readFile(p string) (fields []frontmatter.Field, body string, bodyLine int, ok bool) {
	data, err := fs.ReadFile(imp.src, p)
	if err != nil {
		imp.warnf(p, 0, "skipped: cannot read: %v", err)
		return nil, "", 0, false
	}
	if line := frontmatter.BadUTF8Line(data); line > 0 {
		imp.warnf(p, line, "skipped: not valid UTF-8 text")
		return nil, "", 0, false
	}
	if len(data) > frontmatter.MaxFile {
		imp.warnf(p, 0, "skipped: %.1f MB is more than deskbook accepts in one article", float64(len(data))/(1<<20))
		return nil, "", 0, false
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	header, rest, bodyLine, format, err := frontmatter.Split(data)
	if err != nil {
		imp.warnf(p, 1, "%v; the whole file is read as text", err)
		return nil, string(data), 1, true
	}
	fields, err = frontmatter.Parse(format, header, 2)
	if err != nil {
		line, msg := 0, err.Error()
		if fe := (*frontmatter.Error)(nil); errors.As(err, &fe) {
			line, msg = fe.Line, fe.Msg
		}
		imp.warnf(p, line, "%s; the page is imported without its front matter", msg)
		fields = nil
	}
	return fields, string(rest), bodyLine, true
}

// takeTitle finds a body's first level-1 heading and returns its text
// and the body without it, its lines left blank so that line numbers
// stay those of the file. A page shows its title as its heading, so the
// heading in the body would show it twice.
func (imp *importer) takeTitle(body string) (string, string) {
	src := []byte(body)
	doc := imp.md.Parser().Parse(text.NewReader(src))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok || h.Level != 1 || h.Lines().Len() == 0 {
			continue
		}
		title := strings.Join(strings.Fields(plainText(h, src)), " ")
		start := h.Lines().At(0).Start
		end := h.Lines().At(h.Lines().Len() - 1).Stop
		start = strings.LastIndexByte(body[:start], '\n') + 1
		if i := strings.IndexByte(body[end:], '\n'); i >= 0 {
			end += i + 1
		} else {
			end = len(body)
		}
		if next := lineAt(body, end); setextUnderline(next) {
			end += len(next)
		}
		blank := strings.Repeat("\n", strings.Count(body[start:end], "\n"))
		return title, body[:start] + blank + body[end:]
	}
	return "", body
}

// lineAt is the line of s starting at i, with its line end.
func lineAt(s string, i int) string {
	if i >= len(s) {
		return ""
	}
	if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
		return s[i : i+j+1]
	}
	return s[i:]
}

// setextUnderline tells the === line under a setext heading.
func setextUnderline(l string) bool {
	t := strings.TrimSpace(l)
	return t != "" && strings.Trim(t, "=") == ""
}

// plainText is the text of a node without its Markdown: emphasis, code
// and links are their words.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.RawHTML, *ast.Image:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// fallbackTitle names a page that has no title of its own: the
// navigation's name for it, else its file or folder name.
func fallbackTitle(pg *page) string {
	if pg.navTitle != "" {
		return pg.navTitle
	}
	name := path.Base(pg.key)
	if isIndexName(name) && path.Dir(pg.key) != "." {
		name = path.Base(path.Dir(pg.key))
	}
	return slug.Title(strings.TrimSuffix(stripNumber(name), path.Ext(name)))
}

// stripNumber drops the number Docusaurus and others put before a name
// to order it: "01-intro.md" is "intro.md".
func stripNumber(name string) string {
	i := 0
	for i < len(name) && name[i] >= '0' && name[i] <= '9' {
		i++
	}
	if i == 0 || i >= len(name)-1 || !strings.ContainsRune("-_. ", rune(name[i])) {
		return name
	}
	return name[i+1:]
}
