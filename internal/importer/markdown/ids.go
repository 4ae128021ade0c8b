package markdown

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"deskbook/internal/frontmatter"

	"go.yaml.in/yaml/v3"
)

// idsFile is the id file's contents.
type idsFile struct {
	Dialect string         `yaml:"dialect"`
	IDs     map[string]int `yaml:"ids"`
}

// readIDs reads the ids of an earlier import, when the caller gave its
// file or the folder holding it. Anything wrong in it stops the import:
// ids given twice or not numbers would silently renumber pages.
func (imp *importer) readIDs() error {
	p := imp.opt.IDs
	if p == "" {
		return nil
	}
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		p = filepath.Join(p, IDsFile)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return fmt.Errorf("%w: --ids: %v", ErrOptions, err)
	}
	var f idsFile
	lines, problems := frontmatter.Decode(data, &f)
	if len(problems) > 0 {
		return fmt.Errorf("%s:%d: %s", p, problems[0].Line, problems[0].Msg)
	}
	byID := map[int]string{}
	for _, k := range slices.Sorted(maps.Keys(f.IDs)) {
		id := f.IDs[k]
		line := keyLine(data, k, lines["ids"])
		if id <= 0 {
			return fmt.Errorf("%s:%d: %s: the id must be a positive whole number, not %d", p, line, k, id)
		}
		if prev, ok := byID[id]; ok {
			return fmt.Errorf("%s:%d: %s: id %d is also given to %s", p, line, k, id, prev)
		}
		byID[id] = k
		imp.oldIDs[k] = id
	}
	return nil
}

// keyLine finds the line of a key of the ids: mapping, for a message;
// the line of ids: itself when it cannot.
func keyLine(data []byte, key string, after int) int {
	for i, l := range bytes.Split(data, []byte("\n")) {
		t := strings.TrimSpace(string(l))
		if i+1 > after && (strings.HasPrefix(t, key+":") || strings.HasPrefix(t, `"`+key+`":`)) {
			return i + 1
		}
	}
	return after
}

// number gives every page its id: the one an earlier import gave it, or
// the next one after every id the earlier import used, in the order
// pages are shown.
func (imp *importer) number() error {
	next := 1
	for _, id := range imp.oldIDs {
		next = max(next, id+1)
	}
	for _, pg := range imp.ordered() {
		if id, ok := imp.oldIDs[pg.key]; ok {
			pg.id = id
			imp.rep.IDsKept++
			continue
		}
		pg.id = next
		next++
	}
	imp.rep.Articles = len(imp.pages)
	return nil
}

// ordered is every page in the order the site shows them: pages outside
// categories, then each category's.
func (imp *importer) ordered() []*page {
	out := slices.Clone(imp.rootPages)
	for _, c := range imp.cats {
		if c.intro != nil {
			out = append(out, c.intro)
		}
		out = append(out, c.pages...)
	}
	return out
}

// idsYAML is the id file of this import: every page's id, and the ids of
// an earlier import whose pages are gone, so no new page takes their id.
func (imp *importer) idsYAML() ([]byte, error) {
	f := idsFile{Dialect: string(imp.dialect), IDs: maps.Clone(imp.oldIDs)}
	if f.IDs == nil {
		f.IDs = map[string]int{}
	}
	for _, pg := range imp.pages {
		f.IDs[pg.key] = pg.id
	}
	keys := slices.SortedFunc(maps.Keys(f.IDs), func(a, b string) int {
		return cmp.Or(cmp.Compare(f.IDs[a], f.IDs[b]), cmp.Compare(a, b))
	})
	var b bytes.Buffer
	b.WriteString("# deskbook import markdown: the id of every imported page, by its path in the\n")
	b.WriteString("# source without a language. Keep this file; import again with --ids and this\n")
	b.WriteString("# file (or its folder) so every page keeps its id and /a/<id>/ links keep working.\n")
	fmt.Fprintf(&b, "dialect: %s\nids:\n", f.Dialect)
	for _, k := range keys {
		key, err := yaml.Marshal(k)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", IDsFile, err)
		}
		fmt.Fprintf(&b, "  %s: %d\n", strings.TrimSpace(string(key)), f.IDs[k])
	}
	return b.Bytes(), nil
}
