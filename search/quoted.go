package search

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of the error messages taken from an article's text.
const (
	maxQuoted    = 24  // messages per article
	maxQuotedLen = 240 // characters per message
)

// quotedErrors finds the error messages an article quotes in its text: a
// line of a terminal's or compiler's output ("error: could not open
// file", "fatal error[E12]: disk full") or a code example's comment that
// says what the line next to it makes the program print ("x = 5; //
// error: cannot assign twice"). A customer pastes exactly such a message,
// so the index weighs these words as the article's error texts, not as
// one more word of a long example. Only the message is returned, without
// its "error:" label.
func quotedErrors(text string) []string {
	if !slices.ContainsFunc(labelTails, func(t string) bool { return strings.Contains(text, t) }) {
		return nil // most sections: no label to look for line by line
	}
	var out []string
	for line := range strings.Lines(text) {
		if m := lineError(line); m != "" {
			out = append(out, m)
			if len(out) == maxQuoted {
				break
			}
		}
	}
	return out
}

// lineError is the message of one line, or "". The label must begin the
// line or a comment in it, so prose that mentions "an error: …" halfway
// through a sentence is not read as output.
func lineError(line string) string {
	starts := []int{0}
	for _, c := range []string{"//", "# ", "-- ", ";; ", "/*"} {
		if i := strings.Index(line, c); i >= 0 {
			starts = append(starts, i+len(c))
		}
	}
	for _, at := range starts {
		if m := labelled(line[at:]); m != "" {
			return m
		}
	}
	return ""
}

// labels are the words that say a message follows: the English ones
// programs print, and the Ukrainian and Russian ones apps show their
// users ("Помилка: недостатньо місця"). The client's LABEL drops the same
// from a query.
var labels = []string{"fatal error", "error", "fatal", "помилка", "ошибка"}

// labelTails are the labels without their first letter, in lower and in
// upper case: a text with none of them ("rror", "RROR", …) has no label,
// whatever the case of its first letter, and need not be read line by
// line.
var labelTails = func() []string {
	var out []string
	for _, l := range labels {
		_, n := utf8.DecodeRuneInString(l)
		out = append(out, l[n:], strings.ToUpper(l[n:]))
	}
	return out
}()

// labelled reads "error: message" (also "fatal error", "Error", "ERROR",
// "Помилка", "Ошибка", a bracketed code after the label, and "error," as
// code comments write it) at the start of s, after spaces and comment
// marks.
func labelled(s string) string {
	s = strings.TrimLeft(s, " \t/#;>*-")
	low := strings.ToLower(s)
	label := ""
	for _, l := range labels {
		if strings.HasPrefix(low, l) {
			label = l
			break
		}
	}
	if label == "" {
		return ""
	}
	s = s[len(label):]
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 || end > 24 {
			return ""
		}
		s = s[end+1:]
	}
	if s == "" || (s[0] != ':' && s[0] != ',') {
		return ""
	}
	m := strings.TrimSpace(s[1:])
	m = strings.TrimSpace(strings.TrimSuffix(m, "*/"))
	if utf8.RuneCountInString(m) > maxQuotedLen {
		return ""
	}
	if words := strings.FieldsFunc(m, func(r rune) bool { return !unicode.IsLetter(r) }); len(words) < 2 {
		return "" // "error!" or a bare name says nothing a customer would paste
	}
	return m
}

// Limits of the message table.
const (
	// maxMessageWords drops longer "messages": a paragraph that happens to
	// begin with "Error:" is prose, not something a program prints.
	maxMessageWords = 40
)

// spans are the parts of a message a program fills in with the user's own
// names: `code`, "quoted" and «quoted» text. The client's SPANS is the same.
var spans = regexp.MustCompile("`[^`\\n]*`|\"[^\"\\n]*\"|“[^”\\n]*”|«[^»\\n]*»")

// messageShape is a message as the message table compares it: its words
// in order, in the index's normal form, without the names a program fills
// in and without numbers ("cannot find value `count` in this scope" →
// "cannot find value in this scope"). A customer's pasted message and the
// article's quote of it differ in exactly those parts.
func messageShape(s string) []string {
	s = Normalize(spans.ReplaceAllString(s, " "))
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
}

// docMessages are the shapes of an article's error texts and the error
// messages it quotes, without repeats.
func docMessages(d *Doc) []string {
	var out []string
	addShape := func(m string) {
		w := messageShape(m)
		if len(w) < 2 || len(w) > maxMessageWords {
			return
		}
		if s := strings.Join(w, " "); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, e := range d.Errors {
		addShape(e)
	}
	for _, s := range d.Sections {
		for _, m := range quotedErrors(s.Text) {
			addShape(m)
		}
	}
	return out
}

// maxMessages caps a language's message table, which the client loads
// whole for a query that could be a pasted message.
const maxMessages = 4000

// buildMessages makes a language's message table, {"m": [shape, …], "d":
// [articles, …]}: each shape once, with the articles that have it (a
// message quoted in many articles, or in copies of one, costs its bytes
// once; the article numbers as their differences, in the postings'
// varint digits), or nil when no article has a message. Over maxMessages shapes,
// every article keeps its first messages before any keeps a second.
func buildMessages(docs []analysed) []byte {
	var shapes []string
	docsOf := map[string][]int{}
	full := false
	for round := 0; !full; round++ {
		more := false
		for i := range docs {
			if round >= len(docs[i].msgs) {
				continue
			}
			more = true
			m := docs[i].msgs[round]
			if _, ok := docsOf[m]; !ok {
				if full = len(shapes) == maxMessages; full {
					break
				}
				shapes = append(shapes, m)
			}
			docsOf[m] = append(docsOf[m], i)
		}
		if !more {
			break
		}
	}
	if len(shapes) == 0 {
		return nil
	}
	for _, ds := range docsOf {
		slices.Sort(ds)
	}
	// By first article, then shape: the same table for the same articles.
	slices.SortFunc(shapes, func(a, b string) int { return cmp.Or(cmp.Compare(docsOf[a][0], docsOf[b][0]), strings.Compare(a, b)) })
	b := []byte(`{"m":[`)
	for i, m := range shapes {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSString(b, m)
	}
	b = append(b, `],"d":[`...)
	for i, m := range shapes {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		prev := 0
		for _, d := range docsOf[m] {
			b = appendVarint(b, uint32(d-prev))
			prev = d
		}
		b = append(b, '"')
	}
	return append(b, "]}"...)
}
