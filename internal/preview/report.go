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
	s.logf("deskbook: %s in %s: %d page(s) rendered, %d file(s) changed", what, res.Duration.Round(100*time.Microsecond), res.Rendered, len(res.Changed))
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
		s.logf("deskbook: %d error(s); still serving the last good site:", len(errs))
	} else {
		s.logf("deskbook: %d error(s); pages show them until they are fixed:", len(errs))
	}
	for i, d := range errs {
		if i == maxListed {
			s.logf("  … and %d more", len(errs)-maxListed)
			break
		}
		s.logf("  %s", d)
	}
}
