package main

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"deskbook/internal/chrome"
	"deskbook/internal/chrome/chrometest"
	"deskbook/internal/sitetest"
)

func TestPDFWithoutChromium(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runCLI(t, "pdf", "--source", "../../content", "--out", out, "--chrome", "/no/such/chromium")
	if code != exitContent || !strings.Contains(stderr, "apt-get install chromium") {
		t.Errorf("--chrome missing: exit %d: %s", code, stderr)
	}
	t.Setenv(chrome.EnvVar, "/no/such/chromium")
	code, _, stderr = runCLI(t, "pdf", "--source", "../../content", "--out", out)
	if code != exitContent || !strings.Contains(stderr, "apt-get install chromium") {
		t.Errorf("$%s missing: exit %d: %s", chrome.EnvVar, code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("built the site although nothing can be printed")
	}
}

func TestPDFUsage(t *testing.T) {
	for _, args := range [][]string{
		{"pdf", "--paper", "a3"},
		{"pdf", "--article", "x"},
		{"pdf", "--date", "23.11.2026"},
		{"pdf", "extra"},
	} {
		if code, _, stderr := runCLI(t, args...); code != exitUsage {
			t.Errorf("deskbook %q: exit %d, want %d: %s", args, code, exitUsage, stderr)
		}
	}
}

// needChromium stops a test on a machine without a browser.
func needChromium(t *testing.T) {
	t.Helper()
	chrometest.Bin(t)
}

// TestPDFArticle runs the whole command for one article: build, print,
// build again so that the PDF is in the site and its page links to it.
func TestPDFArticle(t *testing.T) {
	needChromium(t)
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := runCLI(t, "pdf", "--source", "../../content", "--out", out, "--article", "1021", "--lang", "en", "--paper", "letter")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, filepath.Join(out, "en", "print", "article-1021.pdf")+": ") || !strings.Contains(stdout, "printed (letter)") {
		t.Errorf("summary:\n%s", stdout)
	}
	if !strings.Contains(stderr, "pass 1") {
		t.Errorf("no progress shown:\n%s", stderr)
	}
	page, err := os.ReadFile(filepath.Join(out, "en", "troubleshooting", "before-contacting-support", "index.html"))
	if err != nil || !bytes.Contains(page, []byte(`href="../../print/article-1021.pdf"`)) {
		t.Errorf("the article does not link its PDF (%v)", err)
	}
	// A plain build keeps the PDF in the site: it comes from the store
	// beside the output, not from the output the build replaces.
	if code, _, stderr := runCLI(t, "build", "--source", "../../content", "--out", out); code != exitOK {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "en", "print", "article-1021.pdf")); err != nil {
		t.Errorf("deskbook build dropped the PDF: %v", err)
	}
	// Nothing changed: a second run prints nothing.
	code, stdout, _ = runCLI(t, "pdf", "--source", "../../content", "--out", out, "--article", "1021", "--lang", "en", "--paper", "letter")
	if code != exitOK || !strings.Contains(stdout, "up to date") {
		t.Errorf("second run: exit %d:\n%s", code, stdout)
	}
	if code, _, stderr := runCLI(t, "pdf", "--source", "../../content", "--out", out, "--article", "99999"); code != exitUsage || !strings.Contains(stderr, "no article has id 99999") {
		t.Errorf("unknown article: exit %d: %s", code, stderr)
	}
}

// TestPDFKilled stops "deskbook pdf" in the middle of printing, with
// Ctrl-C's signal and with SIGKILL, and looks for Chromium processes and
// profile folders left behind.
func TestPDFKilled(t *testing.T) {
	needChromium(t)
	if _, err := os.Stat("/proc/self/cmdline"); err != nil {
		t.Skip("needs /proc to look for processes")
	}
	bin := filepath.Join(t.TempDir(), "deskbook")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			// The browser's profile goes here; a short path, as Chromium's
			// socket path inside it must fit in 100 bytes.
			tmp, err := os.MkdirTemp("", "dp")
			if err != nil {
				t.Fatal(err)
			}
			defer os.RemoveAll(tmp)
			cmd := exec.Command(bin, "pdf", "--source", "../../content", "--out", filepath.Join(t.TempDir(), "public"), "--lang", "en")
			cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			var log strings.Builder
			sc := bufio.NewScanner(stderr)
			for sc.Scan() {
				log.WriteString(sc.Text() + "\n")
				if strings.Contains(sc.Text(), "pass 1") {
					break
				}
			}
			if len(chrometest.ProcessesMentioning(tmp)) == 0 {
				t.Fatalf("no browser running while printing:\n%s", log.String())
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			for sc.Scan() {
				log.WriteString(sc.Text() + "\n")
			}
			err = cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				t.Fatalf("deskbook pdf ended with %v after %v:\n%s", err, sig, log.String())
			}
			// The browser dies with the process that started it (leakless),
			// a moment after it.
			sitetest.Within(15*time.Second, func() bool { return len(chrometest.ProcessesMentioning(tmp)) == 0 })
			if left := chrometest.ProcessesMentioning(tmp); len(left) > 0 {
				t.Errorf("browser processes left after %v:\n%s", sig, strings.Join(left, "\n"))
			}
			profiles, _ := filepath.Glob(filepath.Join(tmp, "deskbook-chrome-*"))
			if sig == os.Interrupt {
				if ee.ExitCode() != exitContent || !strings.Contains(log.String(), "interrupted") {
					t.Errorf("exit %d:\n%s", ee.ExitCode(), log.String())
				}
				if len(profiles) > 0 {
					t.Errorf("profile folders left: %v", profiles)
				}
			}
			// After SIGKILL nothing can clean up in the process; the next
			// browser launch removes the folder (chrome's own test). What
			// Chromium itself makes in the temporary folder is in it too.
			if left, _ := filepath.Glob(filepath.Join(tmp, "org.chromium.*")); len(left) > 0 {
				t.Errorf("Chromium's folders left in the temporary folder after %v: %v", sig, left)
			}
		})
	}
}
