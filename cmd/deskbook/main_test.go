package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"deskbook/internal/sitetest"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	broken := t.TempDir()
	os.MkdirAll(filepath.Join(broken, "a"), 0o755)
	os.WriteFile(filepath.Join(broken, "a", "x.md"), []byte("---\ntitle: \"x\"\nid: 1\n---\n[gone](gone.md)\n"), 0o644)
	out := filepath.Join(t.TempDir(), "public")

	for _, tc := range []struct {
		args []string
		code int
		in   string // expected in stdout+stderr
	}{
		{nil, exitUsage, "Usage:"},
		{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{[]string{"build", "--nope"}, exitUsage, "flag provided but not defined"},
		{[]string{"build", "--source", "/does/not/exist"}, exitUsage, "not a folder"},
		{[]string{"build", "extra"}, exitUsage, "takes no arguments"},
		{[]string{"new", "error"}, exitUsage, "new wants KIND"},
		{[]string{"build", "--help"}, exitOK, "--base-url"},
		{[]string{"version"}, exitOK, "deskbook "},
		{[]string{"check", "--source", broken}, exitContent, `x.md:5: broken link "gone.md"`},
		{[]string{"build", "--source", broken, "--out", out}, exitContent, "nothing was written"},
		{[]string{"check", "--source", "../../content"}, exitOK, "no errors"},
		{[]string{"build", "--source", "../../content", "--out", out}, exitOK, "built"},
	} {
		code, stdout, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stdout+stderr, tc.in) {
			t.Errorf("deskbook %q: exit %d, want %d with %q in output:\n%s%s", tc.args, code, tc.code, tc.in, stdout, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "en", "index.html")); err != nil {
		t.Errorf("build wrote no home page: %v", err)
	}
}

func TestBuildRefusesOutInsideSource(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "site.yaml"), []byte("title: x\n"), 0o644)
	code, _, stderr := runCLI(t, "build", "--source", src, "--out", src)
	if code != exitUsage || !strings.Contains(stderr, "must not be the content folder") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// TestNewScaffold checks that "deskbook new" picks the next free ID, never
// overwrites, and makes an article that builds.
func TestNewScaffold(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "site.yaml"), []byte("title: x\n"), 0o644)
	os.MkdirAll(filepath.Join(src, "errors"), 0o755)
	os.WriteFile(filepath.Join(src, "errors", "old.md"), []byte("---\ntitle: \"Old\"\nid: 41\n---\nBody.\n"), 0o644)

	code, stdout, stderr := runCLI(t, "new", "--source", src, "error", "Error TB-9: the till is closed")
	if code != exitOK {
		t.Fatalf("new: exit %d: %s", code, stderr)
	}
	path := strings.TrimSpace(stdout)
	if filepath.Base(path) != "error-tb-9-the-till-is-closed.md" {
		t.Errorf("file name %s", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"title: 'Error TB-9: the till is closed'", "id: 42", "kind: error", "errors: [TB-9]"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("scaffold lacks %q:\n%s", want, data)
		}
	}
	if code, _, stderr := runCLI(t, "new", "--source", src, "error", "Error TB-9: the till is closed"); code != exitContent || !strings.Contains(stderr, "already exists") {
		t.Errorf("second new: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "check", "--source", src); code != exitOK {
		t.Errorf("scaffolded article does not build: %s", stderr)
	}
	if code, stdout, _ := runCLI(t, "new", "--source", src, "--category", "guides", "howto", "Print a receipt"); code != exitOK || !strings.Contains(stdout, filepath.Join("guides", "print-a-receipt.md")) {
		t.Errorf("new --category: %d %s", code, stdout)
	}
	if code, _, _ := runCLI(t, "new", "--source", src, "poem", "Roses"); code != exitUsage {
		t.Errorf("unknown kind: exit %d, want %d", code, exitUsage)
	}
}

// TestPublishKeepsLedger checks that publish saves the URL ledger in the
// source folder, check and a trial build never write it, a deleted
// article's URL fails the next build and publish until --allow-removed,
// and "new" never reuses a ledger id.
func TestPublishKeepsLedger(t *testing.T) {
	src, out := t.TempDir(), filepath.Join(t.TempDir(), "public")
	ledger := filepath.Join(src, "published-urls.txt")
	os.WriteFile(filepath.Join(src, "site.yaml"), []byte("title: x\n"), 0o644)
	os.MkdirAll(filepath.Join(src, "errors"), 0o755)
	os.WriteFile(filepath.Join(src, "errors", "old.md"), []byte("---\ntitle: \"Old\"\nid: 41\n---\nBody.\n"), 0o644)

	if code, _, stderr := runCLI(t, "check", "--source", src); code != exitOK {
		t.Fatalf("check: %s", stderr)
	}
	if _, err := os.Stat(ledger); err == nil {
		t.Fatal("check wrote the ledger")
	}
	code, stdout, stderr := runCLI(t, "build", "--source", src, "--out", out)
	if code != exitOK || !strings.Contains(stdout, "1 new URL is not in published-urls.txt yet") {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(ledger); err == nil {
		t.Fatal("a trial build wrote the ledger")
	}
	code, stdout, stderr = runCLI(t, "publish", "--source", src, "--out", out)
	if code != exitOK || !strings.Contains(stdout, "recorded 1 new URL in "+ledger) {
		t.Fatalf("publish: exit %d\n%s%s", code, stdout, stderr)
	}
	if data, _ := os.ReadFile(ledger); !strings.Contains(string(data), "\nen/errors/old/ 41\n") {
		t.Errorf("ledger:\n%s", data)
	}
	os.Remove(filepath.Join(src, "errors", "old.md"))
	os.WriteFile(filepath.Join(src, "errors", "new.md"), []byte("---\ntitle: \"New\"\nid: 1\n---\nBody.\n"), 0o644)
	for _, cmd := range []string{"build", "publish"} {
		code, _, stderr = runCLI(t, cmd, "--source", src, "--out", out)
		if code != exitContent || !strings.Contains(stderr, "published-urls.txt:") || !strings.Contains(stderr, "/en/errors/old/ was published for article 41") {
			t.Errorf("%s after deleting a published article: exit %d\n%s", cmd, code, stderr)
		}
	}
	if code, stdout, _ := runCLI(t, "new", "--source", src, "error", "Something else"); code != exitOK {
		t.Errorf("new: exit %d", code)
	} else if data, _ := os.ReadFile(strings.TrimSpace(stdout)); !strings.Contains(string(data), "id: 42") {
		t.Errorf("new reused a ledger id:\n%s", data)
	}
	if code, _, stderr := runCLI(t, "build", "--source", src, "--out", out, "--allow-removed"); code != exitOK {
		t.Errorf("build --allow-removed: exit %d\n%s", code, stderr)
	}
	if data, _ := os.ReadFile(ledger); strings.Contains(string(data), "removed\n") {
		t.Errorf("a trial build marked a URL removed:\n%s", data)
	}
	if code, _, stderr := runCLI(t, "publish", "--source", src, "--out", out, "--allow-removed"); code != exitOK {
		t.Errorf("publish --allow-removed: exit %d\n%s", code, stderr)
	}
	if data, _ := os.ReadFile(ledger); !strings.Contains(string(data), "\nen/errors/old/ removed\n") {
		t.Errorf("ledger after --allow-removed:\n%s", data)
	}
}

// TestCheckStrict checks that the linter's findings are warnings for check
// and errors, with exit status 1, for check --strict.
func TestCheckStrict(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "site.yaml"), []byte("title: x\n"), 0o644)
	os.MkdirAll(filepath.Join(src, "errors"), 0o755)
	os.WriteFile(filepath.Join(src, "errors", "x.md"), []byte("---\ntitle: \"X\"\nid: 1\nkind: error\n---\nBody.\n"), 0o644)
	code, _, stderr := runCLI(t, "check", "--source", src)
	if code != exitOK || !strings.Contains(stderr, "errors/x.md:1: warning: no summary") || !strings.Contains(stderr, "errors/x.md:4: warning: an error article without errors:") {
		t.Errorf("check: exit %d\n%s", code, stderr)
	}
	code, _, stderr = runCLI(t, "check", "--strict", "--source", src)
	if code != exitContent || !strings.Contains(stderr, "errors/x.md:1: no summary") || !strings.Contains(stderr, "2 errors, 0 warnings") {
		t.Errorf("check --strict: exit %d\n%s", code, stderr)
	}
}

// TestSynopsesNameEveryFlag keeps the usage lines honest: every flag a
// command takes is in its "Usage:" line and in the README's list of
// commands, so a new flag cannot go undocumented.
func TestSynopsesNameEveryFlag(t *testing.T) {
	commands := readmeSection(t, "Commands")
	flagLine := regexp.MustCompile(`^  -([a-z-]+)`)
	for _, cmd := range []string{"init", "build", "publish", "serve", "check", "new", "pdf", "import zola", "import zendesk", "import releases", "import markdown"} {
		code, stdout, stderr := runCLI(t, append(strings.Fields(cmd), "--help")...)
		help := stdout + stderr
		if code != exitOK {
			t.Errorf("deskbook %s --help: exit %d\n%s", cmd, code, help)
			continue
		}
		usage, flags, ok := strings.Cut(help, "\nFlags:\n")
		if !ok {
			t.Errorf("deskbook %s --help lists no flags:\n%s", cmd, help)
			continue
		}
		doc := readmeSynopsis(commands, "deskbook "+cmd+" ")
		if doc == "" {
			t.Errorf("README.md does not list deskbook %s", cmd)
		}
		n := 0
		for _, line := range strings.Split(flags, "\n") {
			m := flagLine.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			n++
			if !strings.Contains(usage, "--"+m[1]) {
				t.Errorf("deskbook %s: --%s is not in its usage line %q", cmd, m[1], usage)
			}
			if !strings.Contains(doc, "--"+m[1]+" ") && !strings.Contains(doc, "--"+m[1]+"]") {
				t.Errorf("README.md: deskbook %s does not mention --%s", cmd, m[1])
			}
		}
		if n == 0 {
			t.Errorf("deskbook %s --help: no flags found in\n%s", cmd, flags)
		}
	}
}

// readmeSynopsis returns the README's synopsis of a command: the line that
// starts with prefix (spaces between the words may be padded) and the
// indented lines after it.
func readmeSynopsis(readme, prefix string) string {
	words := regexp.MustCompile(`\s+`).ReplaceAllString(regexp.QuoteMeta(strings.TrimSpace(prefix)), `\s+`)
	re := regexp.MustCompile(`(?m)^` + words + `\s.*(\n\s+\S.*)*`)
	return re.FindString(readme)
}

// TestFindTheSite: without --source, commands use the folder of the
// nearest site.yaml (here, above, or in a content/ folder), put the output
// beside it, and say where they looked when there is none.
func TestFindTheSite(t *testing.T) {
	root := t.TempDir()
	sitetest.WriteTree(t, root, "-- content/site.yaml --\ntitle: x\n-- content/errors/a.md --\n---\ntitle: \"A\"\nid: 1\nsummary: \"s\"\n---\nBody.\n")
	for _, dir := range []string{".", "content", "content/errors"} {
		t.Run(dir, func(t *testing.T) {
			t.Chdir(filepath.Join(root, dir))
			code, stdout, stderr := runCLI(t, "build")
			if code != exitOK {
				t.Fatalf("build in %s: exit %d\n%s", dir, code, stderr)
			}
			if !strings.Contains(stdout, "1 article in 1 category") {
				t.Errorf("summary: %s", stdout)
			}
			if _, err := os.Stat(filepath.Join(root, "public", "en", "errors", "a", "index.html")); err != nil {
				t.Errorf("the output is not beside the content folder: %v", err)
			}
		})
	}
	t.Run("out inside the content folder", func(t *testing.T) {
		t.Chdir(filepath.Join(root, "content"))
		code, _, stderr := runCLI(t, "build", "--out", "public")
		if code != exitUsage || !strings.Contains(stderr, "--out public: is inside the content folder") || !strings.Contains(stderr, "--out ../public") {
			t.Errorf("exit %d: %s", code, stderr)
		}
		if _, err := os.Stat(filepath.Join(root, "content", "public")); err == nil {
			t.Error("it wrote into the content folder")
		}
	})
	t.Run("nothing found", func(t *testing.T) {
		empty := t.TempDir()
		t.Chdir(empty)
		for _, cmd := range []string{"build", "check", "serve", "publish"} {
			code, _, stderr := runCLI(t, cmd)
			if code != exitUsage || !strings.Contains(stderr, "no site found: there is no site.yaml in "+empty) || !strings.Contains(stderr, "deskbook init") || !strings.Contains(stderr, "--source DIR") {
				t.Errorf("%s: exit %d: %s", cmd, code, stderr)
			}
		}
		if entries, _ := os.ReadDir(empty); len(entries) != 0 {
			t.Errorf("it wrote %v", entries)
		}
	})
}
