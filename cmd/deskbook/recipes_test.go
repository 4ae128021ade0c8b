package main

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"deskbook/internal/chrome/chrometest"
	"deskbook/internal/host"
)

// TestPublishRecipes serves a two-language site published for /help/ the
// ways the README's "Publish" section says, each with a Go server set up
// like its recipe, and checks what readers and upload tools get.
func TestPublishRecipes(t *testing.T) {
	t.Chdir(t.TempDir())
	mustRun(t, "init", "site", "--product", "Parcelbox", "--lang", "en,uk", "--base-url", "https://example.com/help/")
	t.Chdir("site")
	mustRun(t, "publish")
	public, _ := filepath.Abs("public")

	t.Run("nginx", func(t *testing.T) {
		srv := httptest.NewServer(nginxLike(t, public))
		defer srv.Close()
		status, body, hdr := get(t, srv.URL+"/help/uk/errors/no-such-page/")
		if status != 404 || !strings.Contains(body, `<html lang="uk">`) || !strings.Contains(body, "Сторінку не знайдено") {
			t.Errorf("a missing Ukrainian page: %d\n%.300s", status, body)
		}
		if status, body, _ = get(t, srv.URL+"/help/nope/"); status != 404 || !strings.Contains(body, `<html lang="en">`) {
			t.Errorf("a missing page: %d\n%.300s", status, body)
		}
		css := regexp.MustCompile(`assets/style\.[0-9a-f]+\.css`).FindString(body)
		if _, _, hdr = get(t, srv.URL+"/help/"+css); css == "" || !strings.Contains(hdr.Get("Cache-Control"), "immutable") {
			t.Errorf("%s: Cache-Control %q", css, hdr.Get("Cache-Control"))
		}
	})
	t.Run("GitHub Pages", func(t *testing.T) {
		srv := httptest.NewServer(http.StripPrefix("/help", rootNotFoundOnly(public)))
		defer srv.Close()
		page := chrometest.Browser(t).MustPage(srv.URL + "/help/uk/errors/no-such-page/") // its script navigates on
		defer page.MustClose()
		chrometest.WaitFor(t, page, 5*time.Second, "the Ukrainian 404 page",
			`() => document.documentElement.lang === "uk" && location.pathname === "/help/uk/404.html"`)
	})
	t.Run("Netlify", func(t *testing.T) {
		// An article moves after it was published: the host answers its
		// old address with a 301 from _redirects.
		if err := os.Rename("content/en/how-to/update-the-app.md", "content/en/how-to/update-parcelbox.md"); err != nil {
			t.Fatal(err)
		}
		mustRun(t, "publish")
		srv := httptest.NewServer(netlifyLike(t, public))
		defer srv.Close()
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := client.Get(srv.URL + "/help/en/how-to/update-the-app/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 301 || resp.Header.Get("Location") != "/help/en/how-to/update-parcelbox/" {
			t.Errorf("the old address: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		_, body, _ := get(t, srv.URL+"/help/en/")
		js := regexp.MustCompile(`assets/site\.[0-9a-f]+\.js`).FindString(body)
		if _, _, hdr := get(t, srv.URL+"/help/"+js); js == "" || hdr.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s: Cache-Control %q", js, hdr.Get("Cache-Control"))
		}
	})
	t.Run("rsync and S3", func(t *testing.T) {
		mirror := t.TempDir()
		copyTree(t, public, mirror)
		before := treeState(t, public)
		sitetestWrite(t, "content/en/errors/pa-1001-cannot-connect.md", "\nOne more line.\n")
		if err := os.Remove("content/uk/checklists/before-contacting-support.md"); err != nil {
			t.Fatal(err)
		}
		mustRun(t, "publish", "--changes", "changes.txt", "--allow-removed")
		applyChanges(t, "changes.txt", public, mirror)
		if diff := compareTrees(t, public, mirror); diff != "" {
			t.Errorf("the mirror after applying changes.txt: %s", diff)
		}
		after := treeState(t, public)
		kept, files := 0, 0
		for p, s := range before {
			if fi, err := os.Stat(p); err == nil && fi.IsDir() {
				continue
			}
			files++
			if after[p] == s {
				kept++
			}
		}
		t.Logf("%d of %d files kept their bytes and time", kept, files)
		if kept < files/2 {
			t.Errorf("only %d of %d files kept their bytes and time: rsync -t and s3 sync would upload the rest", kept, files)
		}
	})
}

func mustRun(t *testing.T, args ...string) {
	t.Helper()
	if code, stdout, stderr := runCLI(t, args...); code != exitOK {
		t.Fatalf("deskbook %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
	}
}

func get(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// nginxLike serves dir at /help/ with the locations of the README's nginx
// recipe: per location, its error_page for 404 and its add_header lines.
func nginxLike(t *testing.T, dir string) http.Handler {
	section := readmeSection(t, "Publish")
	var conf string
	for _, b := range codeBlocks(section) {
		if b.lang == "nginx" {
			conf = b.text
		}
	}
	type location struct{ prefix, errorPage, cacheControl string }
	var locs []location
	re := regexp.MustCompile(`(?s)location (\S+) \{(.*?)\}`)
	for _, m := range re.FindAllStringSubmatch(conf, -1) {
		l := location{prefix: m[1]}
		if e := regexp.MustCompile(`error_page 404 (\S+);`).FindStringSubmatch(m[2]); e != nil {
			l.errorPage = e[1]
		}
		if h := regexp.MustCompile(`add_header Cache-Control "([^"]+)";`).FindStringSubmatch(m[2]); h != nil {
			l.cacheControl = h[1]
		}
		locs = append(locs, l)
	}
	if len(locs) < 3 {
		t.Fatalf("the README's nginx recipe has %d locations:\n%s", len(locs), conf)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var loc location
		for _, l := range locs {
			if strings.HasPrefix(r.URL.Path, l.prefix) && len(l.prefix) > len(loc.prefix) {
				loc = l
			}
		}
		if loc.prefix == "" {
			http.NotFound(w, r)
			return
		}
		p := strings.TrimPrefix(path.Clean(r.URL.Path), "/help")
		if strings.HasSuffix(r.URL.Path, "/") {
			p += "/index.html"
		}
		if loc.cacheControl != "" {
			w.Header().Set("Cache-Control", loc.cacheControl)
		}
		serveFile(w, dir, p, 200, func() { serveFile(w, dir, strings.TrimPrefix(loc.errorPage, "/help"), 404, nil) })
	})
}

// rootNotFoundOnly is a host like GitHub Pages: files as they are, and
// for anything missing the root 404.html.
func rootNotFoundOnly(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean(r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") {
			p += "/index.html"
		}
		serveFile(w, dir, p, 200, func() { serveFile(w, dir, "/404.html", 404, nil) })
	})
}

// netlifyLike is a host that reads _redirects (301 lines) and _headers
// (path patterns ending in *), then serves files.
func netlifyLike(t *testing.T, dir string) http.Handler {
	redirects := map[string]string{}
	for _, line := range lines(t, filepath.Join(dir, "_redirects")) {
		if f := strings.Fields(line); len(f) == 3 && f[2] == "301" {
			redirects[f[0]] = f[1]
		}
	}
	type rule struct{ pattern, name, value string }
	var rules []rule
	var pattern string
	for _, line := range lines(t, filepath.Join(dir, "_headers")) {
		if strings.HasPrefix(line, "/") {
			pattern = line
		} else if name, value, ok := strings.Cut(strings.TrimSpace(line), ": "); ok {
			rules = append(rules, rule{pattern, name, value})
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if to, ok := redirects[r.URL.Path]; ok {
			http.Redirect(w, r, to, http.StatusMovedPermanently)
			return
		}
		for _, ru := range rules {
			if strings.HasPrefix(r.URL.Path, strings.TrimSuffix(ru.pattern, "*")) {
				w.Header().Set(ru.name, ru.value)
			}
		}
		p := strings.TrimPrefix(path.Clean(r.URL.Path), "/help")
		if strings.HasSuffix(r.URL.Path, "/") {
			p += "/index.html"
		}
		serveFile(w, dir, p, 200, func() { serveFile(w, dir, "/404.html", 404, nil) })
	})
}

func serveFile(w http.ResponseWriter, dir, p string, status int, missing func()) {
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil {
		missing()
		return
	}
	w.Header().Set("Content-Type", host.ContentType(p, data))
	w.WriteHeader(status)
	w.Write(data)
}

func lines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// applyChanges does what the README's upload lines do with a --changes
// list: copy each "+" file, remove each "-" one.
func applyChanges(t *testing.T, list, from, to string) {
	t.Helper()
	for _, line := range lines(t, list) {
		op, p, ok := strings.Cut(line, " ")
		dst := filepath.Join(to, filepath.FromSlash(p))
		switch {
		case !ok:
			t.Fatalf("%s: %q is not a change", list, line)
		case op == "+":
			data, err := os.ReadFile(filepath.Join(from, filepath.FromSlash(p)))
			if err != nil {
				t.Fatal(err)
			}
			os.MkdirAll(filepath.Dir(dst), 0o755)
			os.WriteFile(dst, data, 0o644)
		case op == "-":
			if err := os.Remove(dst); err != nil {
				t.Errorf("%s: %v", line, err)
			}
		}
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		data, err := os.ReadFile(p)
		if err == nil {
			os.MkdirAll(filepath.Join(to, filepath.Dir(rel)), 0o755)
			err = os.WriteFile(filepath.Join(to, rel), data, 0o644)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// compareTrees says how the files of b differ from a's, by content.
func compareTrees(t *testing.T, a, b string) string {
	ta, tb := readTree(t, a), readTree(t, b)
	for p, s := range ta {
		if tb[p] != s {
			return p + " differs or is missing"
		}
	}
	for p := range tb {
		if _, ok := ta[p]; !ok {
			return p + " should have been removed"
		}
	}
	return ""
}

func sitetestWrite(t *testing.T, name, more string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(more); err != nil {
		t.Fatal(err)
	}
}
