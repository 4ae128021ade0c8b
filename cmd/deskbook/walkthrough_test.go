package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"deskbook/internal/chrome/chrometest"
	"deskbook/internal/host"
	"deskbook/internal/sitetest"
)

// logoSVG is the logo the walkthrough's reader puts into content/brand/.
const logoSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="32" viewBox="0 0 120 32"><rect width="32" height="32" rx="6" fill="#0b5cad"/><text x="40" y="22" font-size="16">Parcelbox</text></svg>`

// TestReadmeWalkthrough is a new user with only the README: it runs, in an
// empty folder and in order, every command of "Start your own help
// centre" (all but serve, which runs until stopped), adds the brand: lines
// it shows, and checks that the result is a branded two-language help
// centre that works under /help/ in Chromium: the styles load, search
// finds the example error code, the language switcher leads to the
// Ukrainian page, and a missing Ukrainian page shows the Ukrainian 404.
// Along the way, check and build leave the source folder byte-identical
// and write nothing beside the output.
func TestReadmeWalkthrough(t *testing.T) {
	bin := chrometest.Bin(t) // publish --pdf prints with it
	t.Setenv("DESKBOOK_CHROME", bin)
	t.Chdir(t.TempDir())
	section := readmeSection(t, "Start your own help centre")
	var before map[string]string
	for _, block := range codeBlocks(section) {
		if block.lang == "yaml" {
			brandSite(t, block.text)
			continue
		}
		for _, line := range strings.Split(block.text, "\n") {
			args := shellWords(line)
			switch {
			case len(args) == 0:
			case args[0] == "cd":
				t.Chdir(args[1])
			case args[0] != "deskbook":
				t.Fatalf("the walkthrough runs %q, which is not deskbook", line)
			case args[1] == "serve":
				// Runs until Ctrl-C; internal/preview tests it.
			default:
				if args[1] == "check" {
					before = treeState(t, "content")
				}
				code, stdout, stderr := runCLI(t, args[1:]...)
				if code != exitOK {
					t.Fatalf("%s: exit %d\n%s%s", line, code, stdout, stderr)
				}
				if args[1] == "build" {
					if diff := compareState(before, treeState(t, "content")); diff != "" {
						t.Errorf("check or build changed the source folder: %s", diff)
					}
					if entries := names(t, "."); entries != ".github .gitignore content public" {
						t.Errorf("beside the output after build: %s", entries)
					}
				}
			}
		}
	}
	ledger, err := os.ReadFile(filepath.Join("content", "published-urls.txt"))
	if err != nil || !strings.Contains(string(ledger), "en/errors/pa-2001-the-parcel-box-is-offline/ 6\n") {
		t.Errorf("publish recorded no ledger (%v):\n%s", err, ledger)
	}
	for _, pdf := range []string{"en/print/faq.pdf", "uk/print/faq-large.pdf"} {
		if _, err := os.Stat(filepath.Join("public", pdf)); err != nil {
			t.Errorf("publish --pdf: %v", err)
		}
	}
	srv := httptest.NewServer(http.StripPrefix("/help", host.Folder("public")))
	defer srv.Close()
	checkInBrowser(t, srv.URL+"/help/")
}

// brandSite does what the README asks beside the brand: lines: the logo
// into content/brand/, the lines into content/site.yaml.
func brandSite(t *testing.T, yaml string) {
	t.Helper()
	sitetest.WriteFile(t, filepath.Join("content", "brand", "logo.svg"), logoSVG)
	f, err := os.OpenFile(filepath.Join("content", "site.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("\n" + yaml + "\n"); err != nil {
		t.Fatal(err)
	}
}

// checkInBrowser opens the site at base in Chromium the way a reader would.
func checkInBrowser(t *testing.T, base string) {
	b := chrometest.Browser(t)
	page := b.MustPage(base) // the root page sends the reader on: no waiting for its load
	defer page.MustClose()
	chrometest.WaitFor(t, page, 5*time.Second, "the root to lead to the English home",
		`() => location.pathname === "/help/en/" && document.readyState === "complete"`)
	// The styles loaded: the brand's accent colours the links.
	chrometest.WaitFor(t, page, 5*time.Second, "the brand's accent on links",
		`() => getComputedStyle(document.querySelector("main a")).color === "rgb(11, 92, 173)"`)
	if src := page.MustElement("header .brand img").MustProperty("src").String(); !strings.Contains(src, "/help/assets/logo.") {
		t.Errorf("the header's logo: %q", src)
	}
	page.MustElement("#search-q").MustInput("PA-1001")
	first := chrometest.WaitString(t, page, 8*time.Second, "a search result for PA-1001",
		`() => { const a = document.querySelector("#search-results li a.search-link"); return a ? a.getAttribute("href") : "" }`)
	if !strings.Contains(first, "errors/pa-1001-cannot-connect/") {
		t.Errorf("search for PA-1001: first result %q", first)
	}
	page.MustElement(`nav.langs a[hreflang="uk"]`).MustClick()
	chrometest.WaitFor(t, page, 5*time.Second, "the Ukrainian home", `() => document.documentElement.lang === "uk" && location.pathname === "/help/uk/"`)

	resp, err := http.Get(base + "uk/errors/no-such-page/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("a missing page: status %d", resp.StatusCode)
	}
	missing := b.MustPage(base + "uk/errors/no-such-page/").MustWaitLoad()
	defer missing.MustClose()
	chrometest.WaitFor(t, missing, 5*time.Second, "the Ukrainian 404 page",
		`() => document.documentElement.lang === "uk" && document.querySelector("h1").textContent === "Сторінку не знайдено"`)
	chrometest.WaitFor(t, missing, 5*time.Second, "the 404 page's styles", `() => getComputedStyle(document.body).maxWidth !== "" && document.styleSheets.length >= 2`)
}

// readmeSection is the text of the README's section of that title, up to
// the next heading of its level or above.
func readmeSection(t *testing.T, title string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(rootDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "\n### "+title+"\n")
	if !ok {
		t.Fatalf("README.md has no section %q", title)
	}
	if i := regexp.MustCompile(`\n#{1,3} `).FindStringIndex(rest); i != nil {
		rest = rest[:i[0]]
	}
	return rest
}

// rootDir is the repository's top folder, found from this package's
// folder when the tests start, before a test changes the current one.
var rootDir = func() string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return filepath.Join(wd, "..", "..")
}()

type codeBlock struct{ lang, text string }

// codeBlocks are the fenced code blocks of a Markdown text, in order.
func codeBlocks(md string) []codeBlock {
	var out []codeBlock
	re := regexp.MustCompile("(?s)```([a-z]*)\n(.*?)```")
	for _, m := range re.FindAllStringSubmatch(md, -1) {
		out = append(out, codeBlock{m[1], strings.TrimRight(m[2], "\n")})
	}
	return out
}

// shellWords splits a command line the way a shell would for the simple
// lines the README holds: words, "quoted words" and 'quoted words', up to
// a # comment.
func shellWords(line string) []string {
	var words []string
	var cur strings.Builder
	inWord, quote := false, rune(0)
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == '#' && !inWord:
			return words
		case r == ' ' || r == '\t':
			if inWord {
				words, inWord = append(words, cur.String()), false
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// treeState is every file of a folder with its bytes and time.
func treeState(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := e.Info()
		if err != nil {
			return err
		}
		data := ""
		if !e.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			data = string(b)
		}
		m[p] = fi.ModTime().String() + " " + fi.Mode().String() + " " + data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func compareState(a, b map[string]string) string {
	for p, s := range a {
		if b[p] != s {
			return p + " changed or vanished"
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			return p + " appeared"
		}
	}
	return ""
}

// names lists a folder's entries, hidden ones too.
func names(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return strings.Join(out, " ")
}
