package main

import (
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"deskbook/builder"
)

// maxListed is how many untranslated articles of a language deskbook
// check names with their titles; the rest are listed by id, so that a
// language hundreds of articles behind takes a few lines, not a screen.
const maxListed = 10

// printTranslations lists, after deskbook check's summary, the articles
// each language lacks. It is a report, not warnings: a site often
// publishes an article before its translations (site.yaml's
// untranslated: says what readers see meanwhile). A translation older
// than its original is a warning, with the others.
func printTranslations(w io.Writer, rep builder.TranslationReport, srcName string) {
	if len(rep.Languages) == 0 {
		return
	}
	articles := "articles"
	if rep.Articles == 1 {
		articles = "article"
	}
	fmt.Fprintln(w, "translations (deskbook new --translate ID --lang CODE starts one):")
	for _, g := range rep.Languages {
		n := len(g.Missing)
		if n == 0 {
			fmt.Fprintf(w, "  %s: has all %d %s\n", g.Lang, rep.Articles, articles)
			continue
		}
		fmt.Fprintf(w, "  %s: %d of %d %s not translated\n", g.Lang, n, rep.Articles, articles)
		for _, a := range g.Missing[:min(n, maxListed)] {
			fmt.Fprintf(w, "    %d  %s  (%s)", a.Meta.ID, a.Meta.Title, path.Join(srcName, a.Path))
			if p, ok := g.Drafts[a.Meta.ID]; ok {
				fmt.Fprintf(w, "  draft: %s", path.Join(srcName, p))
			}
			fmt.Fprintln(w)
		}
		if n > maxListed {
			ids := make([]string, 0, n-maxListed)
			for _, a := range g.Missing[maxListed:] {
				ids = append(ids, strconv.Itoa(a.Meta.ID))
			}
			fmt.Fprintf(w, "    … and %d more: %s\n", n-maxListed, strings.Join(ids, ", "))
		}
	}
}
