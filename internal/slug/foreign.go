package slug

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The anchors other documentation tools give headings. Docs written for
// GitHub, MkDocs, Docusaurus or DocFX link to sections by those anchors
// (#step-1---enable-the-feature, #my_var); knowing them lets such a link
// reach the same heading on a deskbook page, whose anchor is Anchor's.

// GitHub is the anchor GitHub gives a heading with the text, before
// duplicates are numbered (GitHubAnchors); Docusaurus makes the same
// (both use github-slugger's rules). The text is lower-cased; spaces
// become hyphens, one each, so "Step 1 - Enable" is "step-1---enable";
// letters, marks and digits of every script, hyphens and underscores are
// kept; punctuation, symbols (emoji), controls and other spaces go.
func GitHub(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Nl, unicode.Pc, unicode.Other_Alphabetic):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// GitHubAnchors gives a document's headings (their texts, in order) the
// anchors GitHub and Docusaurus give them: a repeated anchor gets -1, -2,
// counted per anchor, and an anchor that a suffix would make (a heading
// "echo 1" after two "echo") is skipped over ("echo-1-1").
func GitHubAnchors(texts []string) []string {
	count := map[string]int{}
	out := make([]string, len(texts))
	for i, t := range texts {
		base := GitHub(t)
		id := base
		for {
			if _, used := count[id]; !used {
				break
			}
			count[base]++
			id = base + "-" + strconv.Itoa(count[base])
		}
		count[id] = 0
		out[i] = id
	}
	return out
}

// MkDocs is the anchor MkDocs gives a heading with its default settings
// (Python-Markdown's toc extension): accents dropped and every other
// letter that is not ASCII removed, punctuation removed but for hyphens
// and underscores, lower-cased, and each run of spaces and hyphens one
// hyphen: "Step 1 - Enable" is "step-1-enable", "my_var" stays.
func MkDocs(text string) string {
	var kept strings.Builder
	for _, r := range norm.NFKD.String(text) {
		if r < 0x80 && (r == '_' || r == '-' || unicode.IsSpace(r) || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			kept.WriteRune(unicode.ToLower(r))
		}
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(kept.String()) {
		if r == '-' || unicode.IsSpace(r) {
			dash = true
			continue
		}
		if dash {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	if dash {
		b.WriteByte('-')
	}
	return b.String()
}

// mkdocsCount is a numbered anchor of MkDocs: its stem and number.
var mkdocsCount = regexp.MustCompile(`^(.*)_([0-9]+)$`)

// MkDocsAnchors gives a document's headings the anchors MkDocs gives
// them: a repeated or empty anchor gets _1, or its number counted up
// ("faq", "faq_1", "faq_2"; a Cyrillic heading "_1").
func MkDocsAnchors(texts []string) []string {
	used := map[string]bool{}
	out := make([]string, len(texts))
	for i, t := range texts {
		id := MkDocs(t)
		for used[id] || id == "" {
			if m := mkdocsCount.FindStringSubmatch(id); m != nil {
				n, _ := strconv.Atoi(m[2])
				id = m[1] + "_" + strconv.Itoa(n+1)
			} else {
				id += "_1"
			}
		}
		used[id] = true
		out[i] = id
	}
	return out
}

// DocFX is the anchor DocFX (and Microsoft Learn) gives a heading: Markdig's
// GitHub-style identifiers, which keep letters and digits as .NET counts
// them (one UTF-16 unit, so not the letters beyond the first plane),
// hyphens and underscores, lower-cased, with each space a hyphen; marks
// go, unlike on GitHub.
func DocFX(text string) string {
	var b strings.Builder
	for _, r := range text {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || r <= 0xFFFF && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// DocFXAnchors gives a document's headings the anchors DocFX gives them:
// an empty one is "section", and a repeated one gets -1, -2 until it is
// unused.
func DocFXAnchors(texts []string) []string {
	used := map[string]bool{}
	out := make([]string, len(texts))
	for i, t := range texts {
		base := DocFX(t)
		if base == "" {
			base = "section"
		}
		id := base
		for n := 1; used[id]; n++ {
			id = base + "-" + strconv.Itoa(n)
		}
		used[id] = true
		out[i] = id
	}
	return out
}

// Foreign maps every anchor GitHub, Docusaurus, MkDocs or DocFX gives a
// document's n headings (text(i) is the text of the i-th) to the index of
// the heading it names. Where two tools give one anchor to different
// headings, GitHub's reading wins, then MkDocs', then DocFX's.
func Foreign(n int, text func(i int) string) map[string]int {
	texts := make([]string, n)
	for i := range texts {
		texts[i] = text(i)
	}
	out := map[string]int{}
	for _, ids := range [][]string{GitHubAnchors(texts), MkDocsAnchors(texts), DocFXAnchors(texts)} {
		for i, id := range ids {
			if _, ok := out[id]; !ok {
				out[id] = i
			}
		}
	}
	return out
}
