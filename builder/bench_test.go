package builder

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"deskbook/themes"
)

// synthetic makes a site of n articles in 20 categories, each with
// headings, a code block, a table, a callout and links to other articles,
// so every stage of the pipeline has real work. The bench/ scripts use the
// real corpora instead; this one needs nothing outside the repo.
func synthetic(n int) fstest.MapFS {
	fsys := fstest.MapFS{"site.yaml": {Data: []byte("title: Bench\nbase_url: https://bench.example/\n")}}
	para := strings.Repeat("The till shows a message when the shop database is locked by another program. ", 6)
	for i := range n {
		cat := fmt.Sprintf("cat-%02d", i%20)
		next := (i + 1) % n
		body := fmt.Sprintf(`---
title: "Article %d: error TB-%04d"
id: %d
kind: error
summary: "What TB-%04d means and how to fix it."
errors: ["TB-%04d"]
tags: [t%d, t%d]
updated: 2026-11-01
---
%s

## What it means

%s See [the next one](../cat-%02d/a-%d.md#how-to-fix-it) and [by id](/a/%d/).

## How to fix it

1. Close the app.
2. Open it again.

> [!TIP]
> Restart first.

`+"```go\nfunc main() { fmt.Println(\"hello\") }\n```"+`

## When to contact support

| Code | Meaning |
|------|---------|
| TB-%04d | locked |
`, i, i, i+1, i, i, i%50, i%7, para, para, next%20, next, next+1, i)
		fsys[cat+"/a-"+fmt.Sprint(i)+".md"] = &fstest.MapFile{Data: []byte(body)}
	}
	return fsys
}

func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		src := synthetic(n)
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			b.ReportAllocs()
			for b.Loop() {
				res, err := Build(context.Background(), Config{Source: src, Theme: themes.Default(), Out: out})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Site.Articles) != n {
					b.Fatalf("built %d articles", len(res.Site.Articles))
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(n), "µs/article")
		})
	}
}

// BenchmarkCheck is the build without writing: what an editor's save-time
// check costs.
func BenchmarkCheck(b *testing.B) {
	src := synthetic(1000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(context.Background(), Config{Source: src, Theme: themes.Default()}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLiveBodyEdit is serve's rebuild after a body edit, up to the
// moment browsers are told to reload (the print book follows later), at
// 10,000 articles. bench/serve measures the same from a file write, with
// the watcher and the server, on the real corpora.
func BenchmarkLiveBodyEdit(b *testing.B) {
	src := synthetic(10000)
	e := NewLive(Config{Source: src, SourceName: "content", Theme: themes.Default()})
	if res := e.Update(context.Background(), Change{All: true}); res.Err != nil {
		b.Fatal(res.Err)
	}
	const p = "cat-07/a-1007.md"
	orig := string(src[p].Data)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		src[p] = &fstest.MapFile{Data: []byte(strings.Replace(orig, "Restart first.", fmt.Sprintf("Restart first (%d).", i), 1))}
		res := e.Rebuild(context.Background(), Change{Paths: []string{p}})
		if res.Err != nil || res.Rendered != 1 {
			b.Fatalf("rendered %d pages, err %v", res.Rendered, res.Err)
		}
		b.StopTimer()
		e.Finish(context.Background())
		b.StartTimer()
	}
}
