// Package highlight writes highlighted code as lean HTML. chroma's own HTML
// formatter wraps every line in two spans and every token, whitespace
// included, in a span of its own: at 10,000 articles that markup was 40%
// of the bytes of the code blocks and a tenth of the site. Formatter
// writes the same text with a span only around a token the theme colours,
// one span for a run of tokens of one class, and no wrappers per line
// (deskbook numbers and highlights no lines), so a block looks the same
// in the default theme, on screen and on paper.
package highlight

import (
	"bufio"
	"bytes"
	"deskbook/internal/stash"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// The chroma styles behind the light and dark code colours of the
// stylesheet (CSS).
const (
	lightStyle = "github"
	darkStyle  = "github-dark"
)

// Start and End wrap every highlighted block. The block is focusable like
// a plain one, so a keyboard user can scroll a long line sideways; the
// class is the one chroma's stylesheet and the theme's style.css select.
const (
	Start = `<pre tabindex="0" class="chroma"><code>`
	End   = "</code></pre>"
)

// Formatter is a chroma.Formatter that writes a code block as Start, the
// tokens and End. Its zero value is ready and safe for concurrent use.
type Formatter struct{}

var _ chroma.Formatter = Formatter{}

// Format writes the tokens of it as one block. The style is not used:
// colours come from classes, which the stylesheet (CSS) and the theme
// colour, so one page serves light and dark mode and print.
func (Formatter) Format(w io.Writer, _ *chroma.Style, it chroma.Iterator) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(Start)
	open := "" // the class of the span being written, "" outside one
	for t := it(); t != chroma.EOF; t = it() {
		if t.Value == "" {
			continue
		}
		class := Class(t.Type)
		if class != open {
			if open != "" {
				bw.WriteString("</span>")
			}
			if class != "" {
				bw.WriteString(`<span class="` + class + `">`)
			}
			open = class
		}
		escape(bw, t.Value)
	}
	if open != "" {
		bw.WriteString("</span>")
	}
	bw.WriteString(End)
	return bw.Flush()
}

// Class is the CSS class a token of type t is written with, or "" when it
// is written as plain text. A token is plain when every theme deskbook
// ships shows it in the colour of the code around it: text and
// whitespace, punctuation and names that are no more than names (a
// variable's use, a field). Any other type has chroma's class for it or,
// failing that, for its nearest parent type that has one, as chroma's own
// HTML formatter gives it.
func Class(t chroma.TokenType) string {
	if t.InCategory(chroma.Text) || t.InCategory(chroma.Punctuation) || t == chroma.Name || t == chroma.NameOther || t == chroma.Other || t == chroma.None {
		return ""
	}
	for {
		if c, ok := chroma.StandardTypes[t]; ok {
			return c
		}
		p := t.Parent()
		if p == t {
			return ""
		}
		t = p
	}
}

// escape writes s as the text of an element: only &, < and > need
// escaping there, and code is full of quotes.
func escape(w *bufio.Writer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var e string
		switch s[i] {
		case '&':
			e = "&amp;"
		case '<':
			e = "&lt;"
		case '>':
			e = "&gt;"
		default:
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(e)
		last = i + 1
	}
	w.WriteString(s[last:])
}

// CSS is the stylesheet for highlighted code: chroma's light style, and its
// dark one inside a prefers-color-scheme query, for the classes Formatter
// writes (chroma's).
func CSS() ([]byte, error) {
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.TabWidth(4))
	var b bytes.Buffer
	if err := f.WriteCSS(&b, styles.Get(lightStyle)); err != nil {
		return nil, fmt.Errorf("light code style: %w", err)
	}
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := f.WriteCSS(&b, styles.Get(darkStyle)); err != nil {
		return nil, fmt.Errorf("dark code style: %w", err)
	}
	b.WriteString("}\n")
	// chroma's lines were blocks (.line is display: flex), each as tall as
	// the code's own line height; the code as one block lays out its lines
	// the same, where inline text in the <pre> would take the height of
	// the <pre>'s larger font.
	b.WriteString(".chroma > code { display: block; }\n")
	return b.Bytes(), nil
}

// Highlighter colours the code blocks of one build or serve session.
// Lexing is most of the cost of a page, so it remembers: the same code is
// highlighted once per build (translations repeat their code blocks
// verbatim), and from the stash of the build before (nil: none; serve has
// none, to spare a hash of every block at every edit).
type Highlighter struct {
	memo   sync.Map // highlighted code: codeKey → HTML
	lexers sync.Map // lexer look-ups: language name → chroma.Lexer (nil for none)
	stash  *stash.Stash
}

// New makes a Highlighter that keeps what it does in st.
func New(st *stash.Stash) *Highlighter { return &Highlighter{stash: st} }

// codeKey is a code block as the memo knows it.
type codeKey struct{ lang, code string }

// Code returns the HTML of code in the language lang (a fence's first
// word); false when there is no lexer for it or lexing failed, and the
// code is to be shown plain.
func (h *Highlighter) Code(lang, code string) ([]byte, bool) {
	lexer := h.lexerFor(lang)
	if lexer == nil {
		return nil, false
	}
	key := codeKey{lang, code}
	if v, ok := h.memo.Load(key); ok {
		return v.([]byte), true
	}
	var sk stash.Key
	if h.stash != nil {
		sk = stash.KeyOf("highlight", lexer.Config().Name, code)
		if v, ok := h.stash.Get(sk); ok { // the stash is the memo, too, while it is open
			return v, true
		}
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return nil, false
	}
	var out bytes.Buffer
	if err := (Formatter{}).Format(&out, nil, it); err != nil {
		return nil, false
	}
	if !h.stash.Put(sk, out.Bytes()) {
		h.memo.Store(key, out.Bytes())
	}
	return out.Bytes(), true
}

// lexerFor finds the lexer of a fence's language, once per name: for a
// name chroma does not know, lexers.Get tries every lexer's file-name
// patterns, which costs milliseconds per code block.
func (h *Highlighter) lexerFor(lang string) chroma.Lexer {
	if lang == "" || lang == "text" || lang == "plain" || lang == "txt" {
		return nil
	}
	if l, ok := h.lexers.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	lx := lexers.Get(lang)
	h.lexers.Store(lang, lx)
	return lx
}

// InfoLanguage takes the language from a fence's info string: "go",
// "rust,ignore", "python {linenos=true}" all name their first word.
func InfoLanguage(info []byte) string {
	s := strings.TrimSpace(string(info))
	if i := strings.IndexAny(s, " ,{\t"); i >= 0 {
		s = s[:i]
	}
	return strings.ToLower(s)
}
