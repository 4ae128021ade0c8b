package preview

import (
	"errors"
	"slices"
	"strings"
	"time"

	"deskbook/builder"
	"deskbook/internal/diag"
)

// maxListed is how many errors the terminal lists after a rebuild; the
// pages show them all.
const maxListed = 20

// report tells the terminal what a rebuild did.
func (s *server) report(res builder.LiveResult, paths []string) {
	if res.Err != nil {
		s.reportFailed(res)
		s.bad = true
		return
	}
	if s.bad {
		s.logf("deskbook: the errors are fixed; serving the new site")
		s.bad = false
	}
	for _, d := range res.Diagnostics.Warnings() {
		if res.Full || slices.ContainsFunc(paths, func(p string) bool { return strings.HasSuffix(d.Path, p) }) {
			s.logf("  %s", d)
		}
	}
	what := "rebuilt"
	if res.Full {
		what = "built everything"
	}
	s.logf("deskbook: %s in %s: %s rendered, %s changed", what, res.Duration.Round(100*time.Microsecond), diag.Count(res.Rendered, "page", "pages"), diag.Count(len(res.Changed), "file", "files"))
}

// reportFailed lists a failed rebuild's errors, and says what is served
// meanwhile.
func (s *server) reportFailed(res builder.LiveResult) {
	var ce *diag.ContentError
	if !errors.As(res.Err, &ce) {
		s.logf("deskbook: build failed: %v", res.Err)
		return
	}
	errs := res.Diagnostics.Errors()
	if s.good {
		s.logf("deskbook: %s; still serving the last good site:", diag.Count(len(errs), "error", "errors"))
	} else {
		s.logf("deskbook: %s; pages show them until they are fixed:", diag.Count(len(errs), "error", "errors"))
	}
	for i, d := range errs {
		if i == maxListed {
			s.logf("  … and %d more", len(errs)-maxListed)
			break
		}
		s.logf("  %s", d)
	}
}
