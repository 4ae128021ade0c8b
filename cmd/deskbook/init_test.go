package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInitCommand: deskbook init makes a help centre that deskbook check
// passes without a warning, and says what to do next.
func TestInitCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "parcelbox-help")
	code, stdout, stderr := runCLI(t, "init", dir, "--product", "Parcelbox", "--lang", "en,uk", "--base-url", "https://example.com/help/")
	if code != exitOK {
		t.Fatalf("init: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{"cd " + dir, "deskbook serve", `deskbook new error "PA-1002: `, "deskbook build", `"Publish" in deskbook's README`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("init does not say %q:\n%s", want, stdout)
		}
	}
	code, stdout, stderr = runCLI(t, "check", "--strict", "--source", filepath.Join(dir, "content"))
	if code != exitOK || stderr != "" || strings.Contains(stdout, "warning") {
		t.Errorf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	// Again: the folder holds a help centre now.
	code, _, stderr = runCLI(t, "init", dir, "--product", "Parcelbox", "--lang", "en,uk")
	if code != exitContent || !strings.Contains(stderr, "would overwrite") || !strings.Contains(stderr, filepath.Join(dir, "content", "site.yaml")) {
		t.Errorf("init over a help centre: exit %d\n%s", code, stderr)
	}
}

// TestInitProductFromFolder: without --product, the folder's name gives
// the product's; a name that says only "help" is a usage error.
func TestInitProductFromFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "parcel-box-help")
	if code, stdout, stderr := runCLI(t, "init", "--lang", "uk", dir); code != exitOK {
		t.Fatalf("init: exit %d\n%s%s", code, stdout, stderr)
	}
	site, err := os.ReadFile(filepath.Join(dir, "content", "site.yaml"))
	if err != nil || !strings.Contains(string(site), `product: "Parcel Box"`) || !strings.Contains(string(site), `title: "Довідка Parcel Box"`) {
		t.Errorf("site.yaml: %v\n%s", err, site)
	}
	code, _, stderr := runCLI(t, "init", filepath.Join(t.TempDir(), "help"))
	if code != exitUsage || !strings.Contains(stderr, "--product") {
		t.Errorf("init help: exit %d\n%s", code, stderr)
	}
}

// TestInitBadInput: bad options are usage errors (2), a folder init must
// not write into is a refusal (1), and neither writes anything.
func TestInitBadInput(t *testing.T) {
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "notes.txt"), []byte("mine"), 0o644)
	fresh := filepath.Join(t.TempDir(), "help")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"init", fresh, "--product", "Parcelbox", "--lang", "en,xx"}, exitUsage, "--lang xx: not a language code"},
		{[]string{"init", fresh, "--product", "Parcelbox", "--base-url", "ftp://example.com/"}, exitUsage, "--base-url"},
		{[]string{"init", fresh, "--product", " "}, exitUsage, "--product"},
		{[]string{"init", fresh, "other", "--product", "P"}, exitUsage, "one folder"},
		{[]string{"init", "--nope"}, exitUsage, "flag provided but not defined"},
		{[]string{"init", full, "--product", "Parcelbox"}, exitContent, "notes.txt"},
	} {
		code, stdout, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("deskbook %q: exit %d, want %d with %q:\n%s%s", tc.args, code, tc.code, tc.want, stdout, stderr)
		}
	}
	if _, err := os.Stat(fresh); err == nil {
		t.Error("a failed init made its folder")
	}
	if entries, _ := os.ReadDir(full); len(entries) != 1 {
		t.Errorf("init wrote into a full folder: %v", entries)
	}
}
