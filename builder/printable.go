package builder

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"deskbook/internal/diag"
)

// printFormat names the way pages are printed; changing it makes every
// stored PDF out of date.
const printFormat = "deskbook print v1"

// PDFDoc is a printed PDF: which document it is, what it showed when it
// was printed (its fingerprint), and what a reader wants to know before
// downloading it.
type PDFDoc struct {
	Lang        string `json:"lang"`
	File        string `json:"file"` // name in <lang>/print/ of the site
	Article     int    `json:"article,omitempty"`
	Large       bool   `json:"large,omitempty"`
	Fingerprint string `json:"fingerprint"`
	Paper       string `json:"paper"`
	Pages       int    `json:"pages"`
	Bytes       int64  `json:"bytes"`
	Printed     string `json:"printed"` // the date on it, YYYY-MM-DD
}

// Printable is a document "deskbook pdf" can print from the built site.
type Printable struct {
	PDFDoc        // Lang, File, Article, Large and Fingerprint are set
	Page   string // the site-relative URL of the page to print
	Title  string
	Book   bool   // the print book, whose table of contents gets page numbers
	Footer string // CSS @page rules for the footer: the short link or the FAQ's address, and "page X of Y"
	Count  int    // articles in it
}

// printState is what a build knows about printing, kept in the Result for
// "deskbook pdf".
type printState struct {
	site      *Site
	ui        map[string]*Strings
	baseURL   string // as the renderer has it: ends in "/"
	themeHash string
	book      bool // the theme has a print book layout
}

func newPrintState(site *Site, ui map[string]*Strings, theme fs.FS, themeHash, baseURL string) *printState {
	ps := &printState{site: site, ui: ui, baseURL: strings.TrimSuffix(baseURL, "/") + "/"}
	_, err := fs.Stat(theme, "layouts/"+printTemplate+".html")
	ps.book = err == nil
	ps.themeHash = themeHash
	return ps
}

// hashTheme hashes every file of the theme, by its path.
func hashTheme(theme fs.FS) string {
	h := sha256.New()
	_ = fs.WalkDir(theme, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(theme, p)
		fmt.Fprintf(h, "%s %d\n", p, len(data))
		h.Write(data)
		return err
	})
	return hex.EncodeToString(h.Sum(nil))
}

// Printables lists what "deskbook pdf" prints: with no IDs, the print book
// of every language in normal and large print; else the articles with
// those IDs, in every language they are written in.
func (r *Result) Printables(ids ...int) ([]Printable, error) {
	ps := r.print
	if ps == nil {
		return nil, errors.New("the build did not finish")
	}
	var out []Printable
	if len(ids) == 0 {
		for _, l := range ps.site.Config.Languages {
			if p, ok := ps.bookPrintable(l.Code, false); ok {
				q, _ := ps.bookPrintable(l.Code, true)
				out = append(out, p, q)
			}
		}
		return out, nil
	}
	for _, id := range ids {
		found := false
		for _, a := range ps.site.byID[id] {
			out = append(out, ps.articlePrintable(a))
			found = true
		}
		if !found {
			return nil, fmt.Errorf("no article has id %d", id)
		}
	}
	return out, nil
}

func (ps *printState) bookPrintable(lang string, large bool) (Printable, bool) {
	ui := ps.ui[lang]
	cats := book(ps.site, lang, ui)
	if !ps.book || len(cats) == 0 {
		return Printable{}, false
	}
	h := ps.hash(lang)
	n := 0
	for _, c := range cats {
		fmt.Fprintf(h, "category %q %q %q\n", c.Name, c.Title, c.Description)
		for _, a := range c.Articles {
			articleHash(h, a)
			print, _ := a.PrintHTML() // a disk that fails gives another fingerprint: printed again
			h.Write([]byte(print))
			n++
		}
	}
	p := Printable{
		PDFDoc: PDFDoc{Lang: lang, File: "faq.pdf", Large: large, Fingerprint: hex.EncodeToString(h.Sum(nil))[:32]},
		Page:   printPath(lang),
		Title:  siteTitle(ps.site, lang),
		Book:   true,
		Count:  n,
	}
	if large {
		p.File = "faq-large.pdf"
	}
	p.Footer = pdfFooter(ui, siteTitle(ps.site, lang)+" · "+ps.publicURL(lang+"/"), large)
	return p, true
}

func (ps *printState) articlePrintable(a *Article) Printable {
	h := ps.hash(a.Lang)
	articleHash(h, a)
	body, _ := a.HTML()
	h.Write([]byte(body))
	if o := ps.site.outdated(a); o != nil {
		// The page's notice that the translation may be out of date.
		fmt.Fprintf(h, "outdated %q %q %s\n", o.URL, o.Meta.Title, o.Meta.Updated.Format("2006-01-02"))
	}
	ui := ps.ui[a.Lang]
	return Printable{
		PDFDoc: PDFDoc{Lang: a.Lang, File: "article-" + strconv.Itoa(a.Meta.ID) + ".pdf", Article: a.Meta.ID,
			Fingerprint: hex.EncodeToString(h.Sum(nil))[:32]},
		Page:   escapePath(a.URL),
		Title:  a.Meta.Title,
		Footer: pdfFooter(ui, ui.ShortLink+": "+ps.publicURL(ps.site.shortPath(a)), false),
		Count:  1,
	}
}

// current is the printable a stored PDF was made as, with today's
// fingerprint; false when the site has no such document any more.
func (ps *printState) current(d PDFDoc) (Printable, bool) {
	if d.Article != 0 {
		for _, a := range ps.site.byID[d.Article] {
			if a.Lang == d.Lang {
				p := ps.articlePrintable(a)
				return p, p.File == d.File
			}
		}
		return Printable{}, false
	}
	p, ok := ps.bookPrintable(d.Lang, d.Large)
	return p, ok && p.File == d.File
}

// hash starts a fingerprint with everything every printed page shows.
func (ps *printState) hash(lang string) hash.Hash {
	h := sha256.New()
	c := ps.site.Config
	fmt.Fprintf(h, "%s\ntheme %s\nsite %q %q %q %q %q %q\n", printFormat, ps.themeHash, c.Title, siteTitle(ps.site, lang), c.Product, c.Version, c.Support, ps.baseURL)
	for _, l := range c.Languages {
		fmt.Fprintf(h, "lang %q %q\n", l.Code, l.Name)
	}
	if b := c.brand; b != nil && b.Logo != nil { // on the cover; nothing is added without one, so older PDFs stay current
		fmt.Fprintf(h, "logo %x\n", sha256.Sum256(b.Logo.Data))
	}
	if f := c.brand.Text("footer", lang); f != "" {
		fmt.Fprintf(h, "footer %q\n", f)
	}
	return h
}

func articleHash(h hash.Hash, a *Article) {
	m := a.Meta
	fmt.Fprintf(h, "article %q %d %q %q %q %q %q %q %q %q\n", a.URL, m.ID, m.Title, m.Kind, m.Summary, m.Errors,
		m.Updated.Format("2006-01-02"), m.Version, m.Date.Format("2006-01-02"), a.Category.Title)
}

func (ps *printState) publicURL(p string) string {
	if strings.Contains(ps.baseURL, "://") {
		return ps.baseURL + escapePath(p)
	}
	return "/" + escapePath(p)
}

func siteTitle(site *Site, lang string) string {
	for _, l := range site.Config.Languages {
		if l.Code == lang && l.Title != "" {
			return l.Title
		}
	}
	return site.Config.Title
}

// pdfFooter is the footer of every page of a PDF, as CSS page-margin
// boxes: what to type to find the document online, and the page number out
// of all. Chromium's own header and footer templates cost a small page
// render per printed page, several seconds for a long book; margin boxes
// are laid out with the pages.
func pdfFooter(ui *Strings, left string, large bool) string {
	font := `font: 9pt "DejaVu Sans", system-ui, sans-serif; color: #000;`
	if large {
		font = `font: 12pt "DejaVu Sans", system-ui, sans-serif; color: #000;`
	}
	var page []string
	rest := ui.PageOf
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		j := strings.IndexByte(rest, '}')
		if i < 0 || j < i {
			page = append(page, cssString(rest))
			break
		}
		if i > 0 {
			page = append(page, cssString(rest[:i]))
		}
		switch rest[i+1 : j] {
		case "page":
			page = append(page, "counter(page)")
		case "pages":
			page = append(page, "counter(pages)")
		default:
			page = append(page, cssString(rest[i:j+1]))
		}
		rest = rest[j+1:]
	}
	if len(page) == 0 {
		page = []string{"counter(page)", `" / "`, "counter(pages)"}
	}
	return "@page { @bottom-left { content: " + cssString(left) + "; " + font + " } " +
		"@bottom-right { content: " + strings.Join(page, " ") + "; white-space: nowrap; " + font + " } }"
}

// cssString quotes s as a CSS string.
func cssString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\A `, "<", `\3C `)
	return `"` + r.Replace(s) + `"`
}

// setBooks works out the print book of every language, and forgets the
// PDFs: attach adds them.
func (r *siteRenderer) setBooks(site *Site, ui map[string]*Strings) {
	r.print = printLinks{books: map[string][]BookCategory{}, pdfs: map[string]PDFDoc{}}
	if r.tmpl[printTemplate] != nil {
		for _, l := range site.Config.Languages {
			if b := book(site, l.Code, ui[l.Code]); len(b) > 0 {
				r.print.books[l.Code] = b
			}
		}
	}
}

// PDFStore is where the build finds the PDFs deskbook pdf printed
// (internal/pdf keeps them). The build copies those that still show what
// the site shows into it, and links them.
type PDFStore interface {
	// Docs lists the stored PDFs.
	Docs() ([]PDFDoc, error)
	// Read returns a stored PDF.
	Read(PDFDoc) ([]byte, error)
	// String is how diagnostics name the store, e.g. ".public.pdf".
	String() string
}

// attach tells the renderer which print books there are, and reads the
// store: it returns the PDFs that still show what the site shows, as
// output files, and the renderer learns of them to link them.
func (ps *printState) attach(r *siteRenderer, store PDFStore, d *diag.Collector) []outFile {
	r.setBooks(ps.site, ps.ui)
	if store == nil {
		return nil
	}
	docs, err := store.Docs()
	if err != nil {
		d.Warnf(store.String(), 0, "%v; no PDFs are linked (deskbook pdf makes them again)", err)
		return nil
	}
	var files []outFile
	for _, doc := range docs {
		name := filepath.Join(store.String(), doc.Lang, doc.File)
		if !slices.ContainsFunc(ps.site.Config.Languages, func(l Language) bool { return l.Code == doc.Lang }) {
			d.Warnf(name, 0, "not a PDF of this site; left out")
			continue
		}
		// The current printable of the same name: only files the site
		// prints have one, so a stored name never leads elsewhere.
		cur, ok := ps.current(doc)
		if !ok || cur.Fingerprint != doc.Fingerprint {
			d.Warnf(name, 0, "out of date (the content or theme changed since it was printed on %s); left out of the site until deskbook pdf prints it again", doc.Printed)
			continue
		}
		data, err := store.Read(doc)
		if err != nil || int64(len(data)) != doc.Bytes || !bytes.HasPrefix(data, []byte("%PDF-")) {
			d.Warnf(name, 0, "missing or damaged; left out of the site until deskbook pdf prints it again")
			continue
		}
		files = append(files, outFile{Path: printPath(doc.Lang) + doc.File, Data: data})
		r.print.pdfs[doc.Lang+"/"+doc.File] = doc
	}
	return files
}

// PDFLink is a link to a PDF of the site, with what a reader wants to know
// before downloading it.
type PDFLink struct {
	URL   string
	Label string
	Pages string // "212 pages", in the page's language
	Size  string // "1.4 MB"
	Large bool
}

func (v *View) pdfLink(file, label string) (PDFLink, bool) {
	doc, ok := v.r.print.pdfs[v.Lang.Code+"/"+file]
	if !ok {
		return PDFLink{}, false
	}
	return PDFLink{URL: v.URL(printPath(v.Lang.Code) + file), Label: label, Pages: v.Plural(v.T.Pages, doc.Pages),
		Size: byteSize(doc.Bytes), Large: doc.Large}, true
}

// PDFs links the whole-FAQ PDFs of the page's language that exist.
func (v *View) PDFs() []PDFLink {
	var out []PDFLink
	if l, ok := v.pdfLink("faq.pdf", v.T.PDFFAQ); ok {
		out = append(out, l)
	}
	if l, ok := v.pdfLink("faq-large.pdf", v.T.PDFLarge); ok {
		out = append(out, l)
	}
	return out
}

// ArticlePDF links the PDF of the page's article, when one was printed.
func (v *View) ArticlePDF() *PDFLink {
	if v.Article == nil {
		return nil
	}
	if l, ok := v.pdfLink("article-"+strconv.Itoa(v.Article.Meta.ID)+".pdf", v.T.PDFArticle); ok {
		return &l
	}
	return nil
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return strconv.FormatInt((n+1<<9)>>10, 10) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}
