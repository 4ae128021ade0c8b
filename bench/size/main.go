// Command size prints the bytes of a deskbook output folder and of a Hugo
// + Pagefind output folder by kind of file, so that a change to what pages
// carry shows where the bytes went:
//
//	go run ./bench/size -deskbook OUT [-hugo HUGO_OUT] [-base OLD_OUT]
//
// For each kind it prints the number of files and the sum of their sizes;
// then, for each tool, the sum of all file sizes and the bytes `du -sb`
// reports (every file and directory's apparent size, a hard-linked file
// once: a directory counts 4 KB on ext4, so a site of many small folders
// weighs more than its files), and the ratios deskbook / (Hugo +
// Pagefind). Hugo's folder holds Pagefind's index in pagefind/ when
// Pagefind has run over it. -base is the output of another deskbook (the
// one before a change), shown beside it with the ratios new / old.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

func main() {
	deskbook := flag.String("deskbook", "", "deskbook output folder")
	hugo := flag.String("hugo", "", "Hugo output folder (with Pagefind's pagefind/ in it)")
	base := flag.String("base", "", "output folder of another deskbook, to compare with")
	flag.Parse()
	if *deskbook == "" && *hugo == "" {
		fmt.Fprintln(os.Stderr, "usage: size -deskbook OUT [-hugo HUGO_OUT]")
		os.Exit(2)
	}
	var tallies []tally
	for _, t := range []struct {
		name, dir string
		kind      func(string) string
	}{{"deskbook", *deskbook, deskbookKind}, {"hugo+pagefind", *hugo, hugoKind}, {"deskbook-base", *base, deskbookKind}} {
		if t.dir == "" {
			continue
		}
		tl, err := measure(t.name, t.dir, t.kind)
		if err != nil {
			fmt.Fprintln(os.Stderr, "size:", err)
			os.Exit(1)
		}
		tallies = append(tallies, tl)
	}
	for _, t := range tallies {
		if t.name != "deskbook-base" {
			t.print()
		}
	}
	if len(tallies) > 1 && tallies[len(tallies)-1].name == "deskbook-base" {
		compare(tallies[len(tallies)-1], tallies[0])
	}
	byName := map[string]tally{}
	for _, t := range tallies {
		byName[t.name] = t
	}
	ratio := func(a, b string) {
		x, okx := byName[a]
		y, oky := byName[b]
		if okx && oky {
			fmt.Printf("%-28s files %.2fx   du -sb %.2fx\n", a+"/"+b, float64(x.files)/float64(y.files), float64(x.du)/float64(y.du))
		}
	}
	ratio("deskbook", "hugo+pagefind")
	ratio("deskbook-base", "hugo+pagefind")
	ratio("deskbook", "deskbook-base")
}

// tally is what one output folder holds, by kind of file.
type tally struct {
	name   string
	kinds  map[string]*kindSum
	files  int64 // sum of the file sizes
	du     int64 // what du -sb counts: files and directories, hard links once
	nfiles int
	ndirs  int
}

// kindSum is the files of one kind.
type kindSum struct {
	n     int
	bytes int64
}

// measure walks dir and sums every file by its kind.
func measure(name, dir string, kind func(string) string) (tally, error) {
	t := tally{name: name, kinds: map[string]*kindSum{}}
	seen := map[uint64]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if st, ok := info.Sys().(*syscall.Stat_t); ok && st.Nlink > 1 && !d.IsDir() {
			if seen[st.Ino] {
				return nil
			}
			seen[st.Ino] = true
		}
		t.du += info.Size()
		if d.IsDir() {
			t.ndirs++
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		k := kind(filepath.ToSlash(rel))
		if t.kinds[k] == nil {
			t.kinds[k] = &kindSum{}
		}
		t.kinds[k].n++
		t.kinds[k].bytes += info.Size()
		t.files += info.Size()
		t.nfiles++
		return nil
	})
	return t, err
}

func (t tally) print() {
	fmt.Printf("%s\n%-34s %8s %14s %10s\n", t.name, "kind", "files", "bytes", "bytes/file")
	names := make([]string, 0, len(t.kinds))
	for k := range t.kinds {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool { return t.kinds[names[i]].bytes > t.kinds[names[j]].bytes })
	for _, k := range names {
		s := t.kinds[k]
		fmt.Printf("%-34s %8d %14d %10d\n", k, s.n, s.bytes, s.bytes/int64(s.n))
	}
	fmt.Printf("%-34s %8d %14d\n", "all files", t.nfiles, t.files)
	fmt.Printf("%-34s %8d %14d\n\n", "du -sb (with directories)", t.nfiles+t.ndirs, t.du)
}

// compare prints two deskbook outputs side by side, kind by kind.
func compare(old, cur tally) {
	fmt.Printf("deskbook-base → deskbook\n%-34s %14s %14s %7s %10s %10s\n", "kind", "base bytes", "bytes", "ratio", "base/file", "per file")
	names := make([]string, 0, len(old.kinds))
	for k := range old.kinds {
		names = append(names, k)
	}
	for k := range cur.kinds {
		if old.kinds[k] == nil {
			names = append(names, k)
		}
	}
	size := func(t tally, k string) (int64, int64) {
		if s := t.kinds[k]; s != nil {
			return s.bytes, s.bytes / int64(s.n)
		}
		return 0, 0
	}
	sort.Slice(names, func(i, j int) bool { a, _ := size(old, names[i]); b, _ := size(old, names[j]); return a > b })
	row := func(k string, a, b, pa, pb int64) {
		r := "-"
		if a > 0 {
			r = fmt.Sprintf("%.2f", float64(b)/float64(a))
		}
		fmt.Printf("%-34s %14d %14d %7s %10d %10d\n", k, a, b, r, pa, pb)
	}
	for _, k := range names {
		a, pa := size(old, k)
		b, pb := size(cur, k)
		row(k, a, b, pa, pb)
	}
	row("all files", old.files, cur.files, 0, 0)
	row("du -sb (with directories)", old.du, cur.du, 0, 0)
	fmt.Println()
}

// deskbookKind names the kind of a file of deskbook's output by its path:
// language folders hold the home page, categories, articles, the print
// book and the changelog; short links, error codes, the search index and
// the assets have folders of their own.
func deskbookKind(rel string) string {
	parts := strings.Split(rel, "/")
	switch {
	case parts[0] == "a":
		return "short links a/"
	case parts[0] == "e":
		return "error codes e/"
	case parts[0] == "search":
		return "search index search/"
	case parts[0] == "assets":
		return "assets/"
	case len(parts) == 1:
		return "top-level " + rel
	case parts[1] == "print":
		return "print book <lang>/print/"
	case parts[1] == "changelog":
		return "changelog and feeds"
	case len(parts) == 4 && parts[3] == "index.html":
		return "article pages"
	case len(parts) == 3 && parts[2] == "index.html":
		return "category pages"
	}
	return "other in <lang>/"
}

// hugoKind names the kind of a file of the Hugo + Pagefind output.
func hugoKind(rel string) string {
	parts := strings.Split(rel, "/")
	switch {
	case parts[0] == "pagefind":
		return "search index pagefind/"
	case len(parts) == 1:
		return "top-level " + rel
	case len(parts) == 3 && parts[2] == "index.html":
		return "article pages"
	case len(parts) == 2 && parts[1] == "index.html":
		return "section pages"
	}
	return "other"
}
