package builder

import (
	"io/fs"

	"deskbook/internal/brand"
	"deskbook/internal/directive"
	"deskbook/internal/header"
	"deskbook/internal/picture"
	"deskbook/internal/reply"
	"deskbook/internal/spill"
	"deskbook/internal/track"
	"deskbook/search"
)

// Kind is what an article is for; it changes how the article is
// presented (internal/header).
type Kind = header.Kind

// The article kinds.
const (
	KindArticle   = header.KindArticle
	KindError     = header.KindError
	KindHowTo     = header.KindHowTo
	KindChecklist = header.KindChecklist
	KindChangelog = header.KindChangelog
)

// Language is one language of the site; the first in site.yaml is the default.
type Language struct {
	Code  string `yaml:"code"`
	Name  string `yaml:"name"`
	Title string `yaml:"title"` // the site title in this language; site.yaml's title when empty
}

// SiteConfig is content/site.yaml.
type SiteConfig struct {
	Title      string     `yaml:"title"`
	BaseURL    string     `yaml:"base_url"`
	Product    string     `yaml:"product"`
	Version    string     `yaml:"version"`
	Languages  []Language `yaml:"languages"`
	Support    string     `yaml:"support"`
	UnsafeHTML bool       `yaml:"unsafe_html"`
	Lint       LintConfig `yaml:"lint"`
	// Untranslated says what a language's category page does with an
	// article that has no translation in it: "list" (the default) shows it
	// as available in another language, "hide" leaves it out.
	Untranslated string `yaml:"untranslated"`
	// Theme is a folder of theme files laid over the default theme,
	// relative to the folder holding site.yaml. The command line opens it;
	// the build gets it as Config.Theme.
	Theme string       `yaml:"theme"`
	Brand brand.Config `yaml:"brand"`
	// Replies are the words of Copy reply per language (internal/reply);
	// HideAgentTools hides the short link and the copy buttons.
	Replies        map[string]reply.Template `yaml:"replies"`
	HideAgentTools bool                      `yaml:"hide_agent_tools"`
	// Variables are the texts {{name}} stands for in articles, besides
	// product, version and title; each may be given per language.
	Variables map[string]directive.Variable `yaml:"variables"`
	// Feedback and Analytics are off unless set (internal/track).
	Feedback  string          `yaml:"feedback"`
	Analytics track.Analytics `yaml:"analytics"`
	Links     string          `yaml:"links"` // "warn" while a site moves from another tool: broken links are warnings

	brand *brand.Brand   // Brand, checked and with its images read
	lines map[string]int // the line of each key (Line)
}

// Line is the line of site.yaml a key is on, a nested one by its path
// (brand.accent), or 0, for messages about its value.
func (c *SiteConfig) Line(key string) int { return c.lines[key] }

// FrontMatter is the YAML header of an article (internal/header).
type FrontMatter = header.Meta

// Heading is a section heading of an article, for the table of contents and
// for checking links to anchors.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Article is one Markdown file and everything the pipeline learns about it.
type Article struct {
	Path     string // slash path inside the source FS, e.g. "errors/disk-full.md"
	rel      string // Path without the language folder
	Lang     string // language code
	Category *Category
	URL      string // site-relative URL without a leading slash, e.g. "en/errors/disk-full/"
	Meta     FrontMatter

	src      []byte // Markdown body, after the front matter; dropped after parse
	bodyLine int    // line number of the first body line in the file
	broken   bool   // the front matter does not parse: its one error is reported, its article is not linted
	metaLine map[string]int

	body     spill.Text  // the rendered body (HTML), in memory or spilled to disk
	Change   *ChangeBody // changelog entries only
	Headings []Heading
	links    []linkRef        // internal links, checked once every article is parsed
	images   []lintRef        // images in the source folder, for the linter
	insecure []lintRef        // links to http:// pages
	tasks    int              // task-list checkboxes
	sections []search.Section // plain text by heading, for the index stage
	lookups  []lookup         // what parsing looked up in the site (see graph.go)
	includes []string         // the fragments its body includes (or tried to), for serve
	rev      uint64           // serve: changes whenever the article is loaded or parsed again
	keys     [4]stamp         // hashes of what pages show of it (graph.go)

	print spill.Text // the body as the print book shows it (print.go)

	Prev, Next   *Article
	Related      []*Article
	Translations []*Article // the same article (same ID) in the other languages, in site order
}

// HasImages reports whether the article shows images a reader may enlarge.
func (a *Article) HasImages() bool { return len(a.images) > 0 }

// linkRef is an internal link found while parsing, kept to check its anchor
// once the target has been parsed too.
type linkRef struct {
	line   int
	target *Article // nil for a link to the same page
	anchor string
	wrote  string // the fragment its page links to: anchor, or our id for it
	raw    string
}

// Category is a folder of articles in one language.
type Category struct {
	Lang        string
	Name        string // folder name
	Title       string
	Description string
	Order       int
	URL         string
	Articles    []*Article
	// Fallbacks are articles of this category that exist only in other
	// languages, listed as "available in …" (site.yaml untranslated: list).
	Fallbacks []*Article
	// Virtual marks a category that has no folder in this language but
	// has fallback articles.
	Virtual bool
	meta    string   // its _category.yaml (or index.md) in the source FS; "" when it has none
	Intro   *Article // from its folder's index.md, README.md or _index.md; not an article (no id or page)
}

// Asset is a non-Markdown file (an image, a PDF) copied to the output.
type Asset struct {
	Path string        // in the source FS
	URL  string        // site-relative output path
	rev  uint64        // serve: changes whenever the file does
	pic  *picture.File // what it is as an image, read when an article shows it
}

// Site is the whole loaded knowledge base.
type Site struct {
	Config     SiteConfig
	Articles   []*Article // in source path order
	Categories []*Category
	Assets     []Asset

	parsed    []*Article         // the articles and the categories' introductions: what is parsed
	anchors   map[string]string  // "path#fragment" → our id of the heading another tool's anchor names
	redirects []ledgerRedirect   // earlier URLs of moved articles, from the ledger
	changedBy map[int][]*Article // article ID → changelog entries naming it in affects:

	byPath  map[string]*Article
	byURL   map[string]*Article // site-relative page URL → article
	byID    map[int][]*Article  // translations share an ID
	drafts  map[int][]*Article  // by ID, the drafts a build leaves out (a translation being written)
	fsys    fs.FS               // the source folder, for the fragments articles include
	assetAt map[string]*Asset   // source path → the file
}

// DefaultLang is the code of the first language in site.yaml.
func (s *Site) DefaultLang() string { return s.Config.Languages[0].Code }
