package sitetest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMissing runs a test that lacks a tool, once as on a developer's
// machine and once as in CI: it must skip there and fail here.
func TestMissing(t *testing.T) {
	if os.Getenv("SITETEST_CHILD") == "1" {
		Missing(t, "the tool is not installed")
		return
	}
	for _, tc := range []struct {
		ci     string
		fail   bool
		output string
	}{
		{"", false, "--- SKIP: TestMissing"},
		{"true", true, "--- FAIL: TestMissing"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMissing$", "-test.v")
		cmd.Env = append(os.Environ(), "SITETEST_CHILD=1", "CI="+tc.ci)
		out, err := cmd.CombinedOutput()
		if (err != nil) != tc.fail || !strings.Contains(string(out), tc.output) || !strings.Contains(string(out), "the tool is not installed") {
			t.Errorf("CI=%q: err %v, output:\n%s", tc.ci, err, out)
		}
	}
}
