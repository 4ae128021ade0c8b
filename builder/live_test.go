package builder

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"deskbook/internal/diag"
	"deskbook/internal/sitetest"
	"deskbook/themes"
)

// TestIncrementalEqualsFull is the property behind serve's incremental
// rebuilds: after any sequence of edits, creations, deletions and renames
// (of articles, folders, assets, categories, site.yaml and the theme), the
// output serve keeps up to date is byte for byte, file for file, the output
// of a full build of the same source, and both report the same problems.
// indexNow brings the engine's search index up to date, as serve does once
// edits pause.
func indexNow(t testing.TB, e *Live) {
	t.Helper()
	if _, err := e.Indexer()(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestIncrementalEqualsFull(t *testing.T) {
	steps := 120
	seeds := []uint64{1, 2, 3, 5, 16} // 5 and 16 once found bugs
	if testing.Short() {
		steps, seeds = 40, seeds[:1]
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			m := newModel(seed)
			src, theme := m.fs(), themeFS(t)
			// With AllowRemoved a vanished ledger URL is marked removed;
			// without, it is an error until the ledger is written again.
			cfg := Config{Source: src, SourceName: "content", Theme: theme, AllowRemoved: seed%2 == 1}
			e := NewLive(cfg)
			compared, failed, rendered := 0, 0, 0
			check := func(step int, what string, res LiveResult) {
				t.Helper()
				// A fresh output and state each time: a build that reused
				// the last one's pages would share serve's page rules
				// (graph.go) and so its mistakes (TestRebuildEqualsFresh
				// checks that reuse).
				full := cfg
				out := filepath.Join(t.TempDir(), "public")
				full.Out, full.Cache = out, t.TempDir()
				fres, ferr := Build(context.Background(), full)
				if (ferr == nil) != (res.Err == nil) {
					t.Fatalf("step %d (%s): full build error %v, incremental error %v", step, what, ferr, res.Err)
				}
				want := diag.List(nil)
				if fres != nil {
					want = fres.Diagnostics
				}
				if !slices.Equal(want, res.Diagnostics) {
					t.Fatalf("step %d (%s): diagnostics differ\nfull:        %v\nincremental: %v", step, what, want, res.Diagnostics)
				}
				if ferr != nil {
					if os.Getenv("DEBUGLIVE") != "" {
						t.Logf("step %d (%s): %v", step, what, res.Diagnostics.Errors()[0])
					}
					failed++
					return
				}
				compared++
				rendered += res.Rendered
				if diff := compareOutput(readTree(t, out), e.store.Snapshot()); diff != "" {
					t.Fatalf("step %d (%s): output differs from a full build: %s", step, what, diff)
				}
			}
			res := e.Update(context.Background(), Change{All: true})
			indexNow(t, e)
			check(0, "first build", res)
			incremental := 0
			for step := 1; step <= steps; step++ {
				what, ch := m.step(src, theme)
				if step%9 == 0 {
					// The writer runs deskbook build, which writes the URL
					// ledger: serve must redirect the URLs it lists.
					lcfg := cfg
					lcfg.AllowRemoved = true
					if lres, err := Build(context.Background(), lcfg); err == nil && lres.LedgerChanged {
						src[LedgerFile] = &fstest.MapFile{Data: lres.Ledger, Mode: 0o644}
						what += ", ledger written"
						ch.Paths = append(ch.Paths, LedgerFile)
						if ch.Theme {
							ch = Change{All: true}
						}
					}
				}
				res := e.Update(context.Background(), ch)
				if res.Err == nil {
					indexNow(t, e)
				}
				if !res.Full {
					incremental++
				}
				check(step, what, res)
			}
			t.Logf("%d steps: %d compared, %d failed in both; %d incremental; %d pages rendered in all; %d ledger redirects at the end", steps, compared, failed, incremental, rendered, len(e.site.redirects))
			if compared < steps/2 {
				t.Errorf("only %d of %d states built without errors", compared, steps)
			}
			if incremental < steps/2 {
				t.Errorf("only %d of %d rebuilds were incremental", incremental, steps)
			}
		})
	}
}

// themeFS copies the default theme so a test can edit it.
func themeFS(t testing.TB) fstest.MapFS {
	out := fstest.MapFS{}
	err := fs.WalkDir(themes.Default(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(themes.Default(), p)
		out[p] = &fstest.MapFile{Data: b, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readTree(t testing.TB, dir string) map[string][]byte {
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// compareOutput describes how got differs from want, or returns "".
func compareOutput(want, got map[string][]byte) string {
	var diffs []string
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			diffs = append(diffs, "missing "+p)
		case !bytes.Equal(w, g):
			diffs = append(diffs, fmt.Sprintf("%s differs: %s", p, firstDiff(string(w), string(g))))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, "extra "+p)
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 5 {
		diffs = append(diffs[:5], fmt.Sprintf("… %d more", len(diffs)-5))
	}
	return strings.Join(diffs, "\n")
}

// model is a random two-language knowledge base whose files a test edits.
type model struct {
	rnd    *rand.Rand
	arts   map[string]*mArticle // by file path
	cats   map[string]string    // _category.yaml, index.md or README.md path → title
	assets map[string]string    // path → contents
	nextID int
	hide   bool   // site.yaml untranslated: hide
	logo   string // the brand's logo, brand/logo.svg: a word in it
	serial int
	broken []string // articles written with broken front matter
	// frags are the fragments articles include, by path; edits counts
	// body edits, every fourth of which edits a fragment too.
	frags map[string]string
	edits int
}

type mArticle struct {
	title, summary, kind, updated, slug string
	id, version, day                    int
	tags, aliases                       []string
	draft                               bool
	paras                               []string
	links                               []string // link targets, as written
	include                             bool     // includes its language's fragment
	affects                             []int
	image                               string
}

var (
	mLangs = []string{"en", "uk"}
	mCats  = []string{"errors", "guides", "changelog"}
	mTags  = []string{"disk", "sync", "print", "login", "network"}
)

func newModel(seed uint64) *model {
	m := &model{rnd: rand.New(rand.NewPCG(seed, seed*7+1)), arts: map[string]*mArticle{}, cats: map[string]string{}, assets: map[string]string{}, nextID: 1}
	for i := 0; i < 14; i++ {
		m.newArticle()
	}
	m.cats["en/errors/_category.yaml"] = "Error messages"
	m.cats["uk/errors/_category.yaml"] = "Повідомлення про помилки"
	m.assets["en/guides/shot.png"] = "png-1"
	m.frags = map[string]string{"en/_shared/note.md": "Shared text.", "uk/_shared/note.md": "Спільний текст."}
	return m
}

func (m *model) pick(list []string) string { return list[m.rnd.IntN(len(list))] }

// picture is the contents of an image file: a PNG whose size the pages
// show (wide enough, sometimes, for a smaller copy), or bytes that are no
// image.
func (m *model) picture() string {
	w := []int{0, 40, 970, 1100}[m.rnd.IntN(4)]
	if w == 0 {
		return "png " + m.word()
	}
	img := image.NewGray(image.Rect(0, 0, w, 1+m.rnd.IntN(6)))
	for i := range img.Pix {
		img.Pix[i] = uint8(m.rnd.IntN(256))
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.String()
}

func (m *model) word() string {
	m.serial++
	return fmt.Sprintf("%s%d", m.pick([]string{"disk", "printer", "sync", "licence", "диск", "принтер"}), m.serial)
}

// paths returns the article paths in a stable order.
func (m *model) paths() []string {
	var ps []string
	for p := range m.arts {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	return ps
}

func (m *model) newArticle() string {
	lang, cat := m.pick(mLangs), m.pick(mCats)
	p := fmt.Sprintf("%s/%s/%s.md", lang, cat, m.word())
	a := &mArticle{title: "Title " + m.word(), summary: "About " + m.word(), kind: "article", paras: []string{"Text " + m.word()}}
	if cat == "errors" {
		a.kind = "error"
	}
	if cat == "changelog" {
		a.kind = "changelog"
		a.affects = []int{1 + m.rnd.IntN(max(1, m.nextID-1))}
	}
	// Often the translation of an article of the other language.
	a.id = m.nextID
	used := map[int]bool{}
	for q, o := range m.arts {
		if strings.HasPrefix(q, lang+"/") {
			used[o.id] = true
		}
	}
	for _, q := range m.paths() {
		if o := m.arts[q]; !used[o.id] && strings.Contains(q, "/"+cat+"/") && m.rnd.IntN(3) == 0 {
			a.id, a.kind = o.id, o.kind
			break
		}
	}
	if a.id == m.nextID {
		m.nextID++
	}
	a.include = a.id%3 == 0 // not from m.rnd, which would change the steps of every seed
	a.tags = []string{m.pick(mTags)}
	if m.rnd.IntN(2) == 0 {
		a.tags = append(a.tags, m.pick(mTags))
	}
	if ps := m.paths(); len(ps) > 0 && m.rnd.IntN(2) == 0 {
		a.links = append(a.links, m.linkTo(p, ps[m.rnd.IntN(len(ps))]))
	}
	m.arts[p] = a
	return p
}

// linkTo writes a link from the article at from to the one at to: by path
// (with an anchor every article has, ours or GitHub's; with .md or
// without) or by short link.
func (m *model) linkTo(from, to string) string {
	if m.rnd.IntN(3) == 0 {
		return fmt.Sprintf("/a/%d/#overview", m.arts[to].id)
	}
	rel, _ := filepath.Rel(path.Dir(from), to)
	rel = filepath.ToSlash(rel)
	switch m.rnd.IntN(4) {
	case 0:
		return rel + "#step-1---check"
	case 1:
		return strings.TrimSuffix(rel, ".md") + "#step-1-check"
	case 2:
		return strings.TrimSuffix(rel, ".md") + "/#step-1---check"
	}
	return rel + "#overview"
}

// catFile is a category's _category.yaml, or its index.md or README.md,
// whose body links to its own page and, by GitHub's anchor, its section.
func (m *model) catFile(p string) []byte {
	title := m.cats[p]
	if strings.HasSuffix(p, ".md") {
		return fmt.Appendf(nil, "---\ntitle: %q\norder: %d\n---\nIntro %s: [this page](./) and [its section](#read-me---first).\n\n## Read me - first\n", title, len(title)%3, m.word())
	}
	return fmt.Appendf(nil, "title: %q\norder: %d\ndescription: %q\n", title, len(title)%3, m.word())
}

func (m *model) file(p string) []byte {
	a := m.arts[p]
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\nid: %d\nkind: %s\nsummary: %q\n", a.title, a.id, a.kind, a.summary)
	fmt.Fprintf(&b, "tags: [%s]\n", strings.Join(a.tags, ", "))
	if a.updated != "" {
		fmt.Fprintf(&b, "updated: %s\n", a.updated)
	}
	if a.kind == "changelog" {
		fmt.Fprintf(&b, "version: \"1.%d\"\ndate: 2026-01-%02d\naffects: %v\n", a.version, 1+a.day%28, strings.ReplaceAll(fmt.Sprint(a.affects), " ", ", "))
	}
	if a.kind == "error" {
		// Error codes: pages of their own, some slugged (Cyrillic), some
		// claimed twice when a title is copied.
		fmt.Fprintf(&b, "errors: [\"E-%d\", %q, \"A message\"]\n", a.id, a.title[strings.LastIndex(a.title, " ")+1:])
	}
	if a.draft {
		b.WriteString("draft: true\n")
	}
	if a.slug != "" {
		fmt.Fprintf(&b, "slug: %s\n", a.slug)
	}
	if len(a.aliases) > 0 {
		fmt.Fprintf(&b, "aliases: [%s]\n", strings.Join(a.aliases, ", "))
	}
	b.WriteString("---\n## Overview\n\n## Step 1 - Check\n\n")
	for _, para := range a.paras {
		b.WriteString(para + "\n\n")
	}
	for i, l := range a.links {
		fmt.Fprintf(&b, "See [link %d](%s).\n\n", i, l)
	}
	if a.include {
		b.WriteString("::include[../_shared/note.md]\n\n") // every article is two folders deep
	}
	if a.image != "" {
		fmt.Fprintf(&b, "![A screenshot](%s)\n\n", a.image)
	}
	b.WriteString("```go\nfunc main() {}\n```\n")
	return []byte(b.String())
}

func (m *model) siteYAML() []byte {
	s := "title: \"Help\"\nbase_url: \"https://help.example/\"\nlanguages:\n  - code: en\n    name: English\n  - code: uk\n    name: Українська\n"
	if m.hide {
		s += "untranslated: hide\n"
	}
	s += "brand:\n  logo: brand/logo.svg\n  footer:\n    en: \"Acme\"\n    uk: \"Акме\"\n"
	return []byte(s)
}

// logoSVG is the brand's logo: read with site.yaml, linked by every page.
func (m *model) logoSVG() []byte {
	return fmt.Appendf(nil, `<svg xmlns="http://www.w3.org/2000/svg"><text>%s</text></svg>`, m.logo)
}

// fs makes the whole source folder.
func (m *model) fs() fstest.MapFS {
	f := fstest.MapFS{"site.yaml": {Data: m.siteYAML(), Mode: 0o644}, "brand/logo.svg": {Data: m.logoSVG(), Mode: 0o644}}
	for p := range m.arts {
		f[p] = &fstest.MapFile{Data: m.file(p), Mode: 0o644}
	}
	for p := range m.cats {
		f[p] = &fstest.MapFile{Data: m.catFile(p), Mode: 0o644}
	}
	for p, c := range m.assets {
		f[p] = &fstest.MapFile{Data: []byte(c), Mode: 0o644}
	}
	for p, c := range m.frags {
		f[p] = &fstest.MapFile{Data: []byte(c), Mode: 0o644}
	}
	return f
}

// step makes one random change to the model and the source folder, and
// says what changed as a watcher would.
func (m *model) step(src, theme fstest.MapFS) (string, Change) {
	var touched []string
	write := func(p string) {
		src[p] = &fstest.MapFile{Data: m.file(p), Mode: 0o644}
		touched = append(touched, p)
	}
	remove := func(p string) {
		delete(src, p)
		delete(m.arts, p)
		touched = append(touched, p)
	}
	ps := m.paths()
	any := func() string { return ps[m.rnd.IntN(len(ps))] }
	var what string
	switch n := m.rnd.IntN(100); {
	case n < 30:
		what = "body edit"
		p := any()
		a := m.arts[p]
		a.paras[m.rnd.IntN(len(a.paras))] = "Changed " + m.word()
		if m.rnd.IntN(3) == 0 {
			a.paras = append(a.paras, "## Step "+m.word())
		}
		write(p)
		if m.edits++; m.edits%4 == 0 {
			what = "body and fragment edit"
			lang, _, _ := strings.Cut(p, "/")
			f := lang + "/_shared/note.md"
			m.frags[f] = fmt.Sprintf("Shared text, version %d.", m.edits)
			src[f] = &fstest.MapFile{Data: []byte(m.frags[f]), Mode: 0o644}
			touched = append(touched, f)
		}
	case n < 40:
		what = "title edit"
		p := any()
		m.arts[p].title = "Title " + m.word()
		if m.rnd.IntN(4) == 0 {
			// Another article's title: the linter warns about both.
			what = "title edit (a duplicate)"
			m.arts[p].title = m.arts[any()].title
		}
		write(p)
	case n < 41:
		what = "summary"
		p := any()
		m.arts[p].summary = "About " + m.word()
		if m.rnd.IntN(3) == 0 {
			m.arts[p].summary = "" // a lint warning
		}
		write(p)
	case n < 43:
		what = "version"
		for _, p := range ps {
			if a := m.arts[p]; a.kind == "changelog" && m.rnd.IntN(2) == 0 {
				if m.rnd.IntN(2) == 0 {
					a.version++
				} else {
					a.day = m.rnd.IntN(5)
				}
				write(p)
				break
			}
		}
	case n < 44:
		what = "updated"
		p := any()
		m.arts[p].updated = fmt.Sprintf("2026-%02d-01", 1+m.rnd.IntN(12))
		write(p)
	case n < 48:
		what = "tags"
		p := any()
		m.arts[p].tags = []string{m.pick(mTags)}
		write(p)
	case n < 51:
		what = "draft"
		p := any()
		m.arts[p].draft = !m.arts[p].draft
		write(p)
	case n < 58:
		what = "new article"
		write(m.newArticle())
	case n < 63:
		what = "delete"
		p := any()
		remove(p)
		// Usually the writer also removes links to it.
		if m.rnd.IntN(3) > 0 {
			for _, q := range m.paths() {
				a := m.arts[q]
				n := len(a.links)
				a.links = slices.DeleteFunc(a.links, func(l string) bool { return strings.Contains(l, path.Base(strings.TrimSuffix(p, ".md"))) })
				if len(a.links) != n {
					write(q)
				}
			}
		}
	case n < 67:
		what = "rename"
		p := any()
		a := m.arts[p]
		lang, _, _ := strings.Cut(p, "/")
		np := fmt.Sprintf("%s/%s/%s.md", lang, m.pick(mCats), m.word())
		remove(p)
		m.arts[np] = a
		write(np)
	case n < 69:
		what = "slug"
		p := any()
		m.arts[p].slug = ""
		if m.rnd.IntN(2) == 0 {
			m.arts[p].slug = "s-" + strings.ToLower(strings.TrimLeft(m.word(), "абвгдеєжзиіїйклмнопрстуфхцчшщьюядискпинтр"))
		}
		write(p)
	case n < 71:
		what = "alias"
		p := any()
		m.arts[p].aliases = []string{"old/" + m.word()}
		write(p)
	case n < 74:
		what = "link"
		p, q := any(), any()
		m.arts[p].links = append(m.arts[p].links, m.linkTo(p, q))
		write(p)
	case n < 75:
		what = "id"
		p := any()
		m.arts[p].id = 1 + m.rnd.IntN(m.nextID)
		write(p)
	case n < 78:
		what = "kind"
		p := any()
		for _, q := range ps { // a translated article, when there is one
			if n := len(slices.DeleteFunc(slices.Clone(ps), func(o string) bool { return m.arts[o].id != m.arts[q].id })); n > 1 && m.rnd.IntN(2) == 0 {
				p = q
				break
			}
		}
		a := m.arts[p]
		a.kind = m.pick([]string{"article", "howto", "checklist", "changelog"})
		if a.kind == "changelog" && len(a.affects) == 0 {
			a.affects = []int{a.id}
		}
		write(p)
	case n < 82:
		what = "asset"
		p := "en/guides/shot.png"
		switch m.rnd.IntN(6) {
		case 0, 1:
			p = fmt.Sprintf("%s/guides/%s.png", m.pick(mLangs), m.word())
		case 2:
			p = "_images/" + m.word() + ".png" // shared by both languages
		}
		if _, ok := m.assets[p]; ok && m.rnd.IntN(3) == 0 {
			delete(m.assets, p)
			delete(src, p)
		} else {
			m.assets[p] = m.picture()
			src[p] = &fstest.MapFile{Data: []byte(m.assets[p]), Mode: 0o644}
		}
		touched = append(touched, p)
		// An article shows it (the link breaks when the file goes).
		for _, q := range ps {
			if strings.HasPrefix(q, p[:strings.LastIndex(p, "/")+1]) || strings.HasPrefix(p, "_images/") {
				m.arts[q].image, _ = filepath.Rel(path.Dir(q), p)
				if _, ok := m.assets[p]; !ok {
					m.arts[q].image = ""
				}
				write(q)
				break
			}
		}
	case n < 85:
		what = "category"
		p := m.pick(mLangs) + "/" + m.pick(mCats) + "/" + m.pick([]string{"_category.yaml", "_category.yaml", "index.md", "README.md"})
		if _, ok := m.cats[p]; ok && m.rnd.IntN(2) == 0 {
			delete(m.cats, p)
			delete(src, p)
		} else {
			if _, ok := m.cats[p]; !ok || m.rnd.IntN(2) == 0 {
				m.cats[p] = "Category " + m.word()
			}
			src[p] = &fstest.MapFile{Data: m.catFile(p), Mode: 0o644}
		}
		touched = append(touched, p)
	case n < 88:
		what = "new folder"
		lang := m.pick(mLangs)
		dir := lang + "/" + "topic-" + strings.ToLower(strings.Trim(m.word(), "абвгдеєжзиіїйклмнопрстуфхцчшщьюядискпинтр"))
		for range 2 {
			p := dir + "/" + m.word() + ".md"
			m.arts[p] = &mArticle{title: "Title " + m.word(), kind: "article", id: m.nextID, paras: []string{"New " + m.word()}, tags: []string{m.pick(mTags)}}
			m.nextID++
			src[p] = &fstest.MapFile{Data: m.file(p), Mode: 0o644}
		}
		touched = append(touched, dir) // a watcher sees the folder appear
	case n < 90:
		what = "folder renamed or deleted"
		var dirs []string
		for _, p := range ps {
			if d := path.Dir(p); !slices.Contains(dirs, d) {
				dirs = append(dirs, d)
			}
		}
		dir := m.pick(dirs)
		lang, _, _ := strings.Cut(dir, "/")
		to := lang + "/moved-" + strings.ToLower(strings.Trim(m.word(), "абвгдеєжзиіїйклмнопрстуфхцчшщьюядискпинтр"))
		del := m.rnd.IntN(2) == 0
		for p := range src {
			if strings.HasPrefix(p, dir+"/") {
				f := src[p]
				delete(src, p)
				if a := m.arts[p]; a != nil {
					delete(m.arts, p)
					if !del {
						m.arts[to+strings.TrimPrefix(p, dir)] = a
					}
				}
				delete(m.cats, p)
				delete(m.assets, p)
				if !del {
					src[to+strings.TrimPrefix(p, dir)] = f
				}
			}
		}
		touched = append(touched, dir)
		if !del {
			touched = append(touched, to)
		}
	case n < 92 && m.rnd.IntN(2) == 0:
		what = "logo"
		m.logo = m.word()
		src["brand/logo.svg"] = &fstest.MapFile{Data: m.logoSVG(), Mode: 0o644}
		touched = append(touched, "brand/logo.svg")
	case n < 92:
		what = "site.yaml"
		m.hide = !m.hide
		src["site.yaml"] = &fstest.MapFile{Data: m.siteYAML(), Mode: 0o644}
		touched = append(touched, "site.yaml")
	case n < 94:
		what = "theme"
		p := m.pick([]string{"static/style.css", "layouts/article.html", "layouts/home.html"})
		f := theme[p]
		data := slices.Clone(f.Data)
		if strings.HasSuffix(p, ".css") {
			data = append(data, "\n/* "+m.word()+" */\n"...)
		} else {
			data = append(data, "{{/* "+m.word()+" */}}\n"...)
		}
		theme[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return what, Change{Theme: true}
	case n < 96:
		what = "broken front matter, then fixed"
		p := any()
		src[p] = &fstest.MapFile{Data: []byte("---\ntitle: [unclosed\n---\nbody\n"), Mode: 0o644}
		touched = append(touched, p)
		if m.rnd.IntN(2) == 0 {
			write(p) // fixed in the same batch
		} else {
			m.broken = append(m.broken, p)
		}
	case n < 98:
		what = "hidden and ignored files, fragments"
		p := path.Dir(any()) + "/." + m.word() + ".swp"
		src[p] = &fstest.MapFile{Data: []byte("swap"), Mode: 0o644}
		frag := m.pick([]string{"_shared/", m.pick(mLangs) + "/_shared/"}) + m.word() + ".md" // never an article
		src[frag] = &fstest.MapFile{Data: []byte("A fragment, without front matter.\n"), Mode: 0o644}
		touched = append(touched, p, "node_modules/x/"+m.word()+".md", frag)
	case n < 99:
		what = "repair"
	default:
		what = "batch"
		for range 3 {
			p := any()
			if _, ok := m.arts[p]; ok {
				m.arts[p].title = "Title " + m.word()
				write(p)
			}
		}
		write(m.newArticle())
	}
	// Writers fix most of what they break soon after: without this, one
	// lasting error would hide every later output from the comparison.
	if what == "repair" || m.rnd.IntN(2) == 0 {
		for _, p := range m.repair() {
			write(p)
		}
	}
	return what, Change{Paths: touched}
}

// repair fixes the model's errors and returns the articles it changed.
func (m *model) repair() []string {
	fixed := map[string]bool{}
	for _, p := range m.broken {
		if m.arts[p] != nil {
			fixed[p] = true
		}
	}
	m.broken = nil
	ids := map[int]bool{}
	kinds := map[int]string{}
	seen := map[string]bool{} // lang/id
	for _, p := range m.paths() {
		a := m.arts[p]
		lang, _, _ := strings.Cut(p, "/")
		if seen[fmt.Sprint(lang, a.id)] {
			a.id = m.nextID
			m.nextID++
			fixed[p] = true
		}
		seen[fmt.Sprint(lang, a.id)] = true
		if a.draft {
			continue
		}
		ids[a.id] = true
		if k, ok := kinds[a.id]; ok && k != a.kind {
			a.kind = k
			fixed[p] = true
		}
		kinds[a.id] = a.kind
	}
	for _, p := range m.paths() {
		a := m.arts[p]
		n := len(a.links)
		a.links = slices.DeleteFunc(a.links, func(l string) bool {
			target, _, _ := strings.Cut(l, "#")
			if id, ok := strings.CutPrefix(target, "/a/"); ok {
				var n int
				fmt.Sscanf(id, "%d", &n)
				return !ids[n]
			}
			if target = strings.TrimSuffix(target, "/"); !strings.HasSuffix(target, ".md") {
				target += ".md" // a link without .md
			}
			t := m.arts[path.Join(path.Dir(p), target)]
			return t == nil || t.draft
		})
		if len(a.links) != n {
			fixed[p] = true
		}
		if a.kind == "changelog" {
			was := slices.Clone(a.affects)
			a.affects = slices.DeleteFunc(a.affects, func(id int) bool { return !ids[id] })
			if len(a.affects) == 0 {
				for id := 1; id < m.nextID; id++ {
					if ids[id] {
						a.affects = []int{id}
						break
					}
				}
			}
			if !slices.Equal(was, a.affects) {
				fixed[p] = true
			}
		}
		if a.image != "" {
			if _, ok := m.assets[path.Join(path.Dir(p), a.image)]; !ok {
				a.image = ""
				fixed[p] = true
			}
		}
	}
	var out []string
	for p := range fixed {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// TestIncrementalAfterCollision: an article left out of the site (it lost
// a URL collision) and edited meanwhile comes back with its new text.
func TestIncrementalAfterCollision(t *testing.T) {
	src := sitetest.FS(t, `
-- errors/a.md --
---
title: "A"
id: 1
slug: same
---
Text of A.
-- errors/b.md --
---
title: "B"
id: 2
slug: same
---
Old text of B.
`)
	cfg := Config{Source: src, SourceName: "content", Theme: themes.Default()}
	e := NewLive(cfg)
	if res := e.Update(context.Background(), Change{All: true}); res.Err == nil {
		t.Fatal("two articles on one URL built")
	}
	src["errors/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"B\"\nid: 2\nslug: same\n---\nNew text of B.\n")}
	if res := e.Update(context.Background(), Change{Paths: []string{"errors/b.md"}}); res.Err == nil {
		t.Fatal("two articles on one URL built")
	}
	delete(src, "errors/a.md")
	if res := e.Update(context.Background(), Change{Paths: []string{"errors/a.md"}}); res.Err != nil {
		t.Fatal(res.Err)
	}
	got, _ := e.store.Get("en/errors/same/index.html")
	if !strings.Contains(string(got), "New text of B.") {
		t.Errorf("the article that won its URL back shows its old text")
	}
}

// cancelAfter is a context that is cancelled once Err has been asked n
// times: it stops work at a known point in the middle, where a real
// cancellation would come at any point.
type cancelAfter struct {
	context.Context
	n, asked atomic.Int32
}

func (c *cancelAfter) Err() error {
	if c.asked.Add(1) > c.n.Load() {
		return context.Canceled
	}
	return nil
}

// TestLiveLateWorkCancelled: serve cancels the late work (print book,
// search index) when a newer edit comes. The print book's template stops
// at its next write; a cancelled Finish or index puts nothing into the
// output and leaves the work to do, and doing it later gives what a full
// build makes.
func TestLiveLateWorkCancelled(t *testing.T) {
	src := sitetest.FS(t, sitetest.Small)
	cfg := Config{Source: src, SourceName: "content", Theme: themes.Default()}
	e := NewLive(cfg)
	if res := e.Update(context.Background(), Change{All: true}); res.Err != nil {
		t.Fatal(res.Err)
	}
	indexNow(t, e)
	const p = "errors/disk-full.md"
	src[p] = &fstest.MapFile{Data: []byte(strings.Replace(string(src[p].Data), "The app stopped writing.", "The app stopped writing at once.", 1))}
	if res := e.Rebuild(context.Background(), Change{Paths: []string{p}}); res.Err != nil {
		t.Fatal(res.Err)
	}
	before := e.store.Snapshot()
	i := slices.IndexFunc(e.jobs, func(j pageJob) bool { return j.late && j.out == "en/print/index.html" })
	if i < 0 {
		t.Fatal("no print book among the late pages")
	}
	ctx := &cancelAfter{Context: context.Background()}
	ctx.n.Store(20)
	if _, err := e.jobs[i].make(ctx); !errors.Is(err, context.Canceled) || ctx.asked.Load() != 21 {
		t.Errorf("print book cancelled after 20 writes: %v after %d writes, want it stopped at the next", err, ctx.asked.Load()-1)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if res := e.Finish(cancelled); !errors.Is(res.Err, context.Canceled) || len(res.Changed) > 0 {
		t.Errorf("cancelled Finish: %v, changed %v", res.Err, res.Changed)
	}
	if _, err := e.Indexer()(cancelled); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled index: %v", err)
	}
	if diff := compareOutput(before, e.store.Snapshot()); diff != "" {
		t.Errorf("cancelled late work changed the output: %s", diff)
	}
	if res := e.Finish(context.Background()); res.Err != nil || !slices.Contains(res.Changed, "en/print/index.html") {
		t.Errorf("Finish after the cancelled one: %v, changed %v", res.Err, res.Changed)
	}
	indexNow(t, e)
	cfg.Out = filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if diff := compareOutput(readTree(t, cfg.Out), e.store.Snapshot()); diff != "" {
		t.Errorf("after the late work: output differs from a full build: %s", diff)
	}
}
