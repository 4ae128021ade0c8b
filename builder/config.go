package builder

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"deskbook/internal/brand"
	"deskbook/internal/diag"
	"deskbook/internal/directive"
	"deskbook/internal/frontmatter"
	"deskbook/internal/lang"
	"deskbook/internal/reply"
	"deskbook/internal/track"
)

// SiteFile is the site's settings file, at the top of the content folder;
// commands find the site by it.
const SiteFile = "site.yaml"

// ReadSiteConfig reads site.yaml, with defaults for what it leaves out,
// and what is wrong with it.
func ReadSiteConfig(fsys fs.FS, srcName string) (SiteConfig, diag.List) {
	d := &diag.Collector{}
	cfg := loadSiteConfig(fsys, srcName, d)
	return cfg, d.List()
}

// loadSiteConfig reads site.yaml and checks what the build relies on:
// language codes and names, the untranslated setting, and the addresses
// pages link to.
func loadSiteConfig(fsys fs.FS, srcName string, d *diag.Collector) SiteConfig {
	cfg := SiteConfig{Title: "Knowledge base"}
	disp := join(srcName, "site.yaml")
	data, err := fs.ReadFile(fsys, "site.yaml")
	lines := map[string]int{}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		d.Warnf(disp, 0, "missing; using a default title and English only")
	case err != nil:
		d.Errorf(disp, 0, "cannot read: %v", err)
	default:
		var problems []*frontmatter.Error
		lines, problems = frontmatter.Decode(data, &cfg)
		for _, p := range problems {
			d.Errorf(disp, p.Line, "%s", p.Msg)
		}
	}
	if len(cfg.Languages) == 0 {
		cfg.Languages = []Language{{Code: "en", Name: "English"}}
	}
	checkLanguages(cfg.Languages, disp, lines["languages"], d)
	switch cfg.Untranslated {
	case "", "list", "hide":
	default:
		d.Errorf(disp, lines["untranslated"], "untranslated: %q: want list or hide", cfg.Untranslated)
	}
	if cfg.Links != "" && cfg.Links != "strict" && cfg.Links != "warn" {
		d.Errorf(disp, lines["links"], "links: %q: want strict or warn", cfg.Links)
	}
	if err := CheckBaseURL(cfg.BaseURL); err != nil {
		d.Errorf(disp, lines["base_url"], "base_url: %v", err)
		cfg.BaseURL = ""
	}
	if err := checkSupport(cfg.Support); err != nil {
		d.Errorf(disp, lines["support"], "support: %v", err)
		cfg.Support = ""
	}
	cfg.lines = lines
	checkSections(&cfg, disp, d)
	cfg.brand = loadBrand(fsys, srcName, &cfg, d)
	return cfg
}

// checkSections checks the sections of site.yaml other packages define:
// replies, feedback and analytics, variables.
func checkSections(cfg *SiteConfig, disp string, d *diag.Collector) {
	lines := cfg.lines
	for _, p := range reply.Check(cfg.Replies, langCodes(cfg.Languages)) {
		d.Errorf(disp, cmp.Or(lines[p.Key], lines[p.Key[:strings.LastIndex(p.Key, ".")]]), "%s", p.Msg)
	}
	for _, p := range track.Check(&cfg.Feedback, &cfg.Analytics) {
		d.Errorf(disp, cmp.Or(lines[p.Key], lines["analytics"]), "%s", p.Msg)
	}
	for _, p := range directive.CheckVariables(cfg.Variables, langCodes(cfg.Languages)) {
		line := cmp.Or(lines["variables."+p.Key], lines["variables"])
		if p.Warning {
			d.Warnf(disp, line, "%s", p.Msg)
		} else {
			d.Errorf(disp, line, "%s", p.Msg)
		}
	}
}

// loadBrand checks site.yaml's brand: and reads its images.
func loadBrand(fsys fs.FS, srcName string, cfg *SiteConfig, d *diag.Collector) *brand.Brand {
	b, problems := brand.Load(cfg.Brand, fsys, srcName, langCodes(cfg.Languages))
	brandDiags(problems, cfg, join(srcName, "site.yaml"), d)
	return b
}

// langCodes are the codes of languages.
func langCodes(ls []Language) []string {
	codes := make([]string, len(ls))
	for i, l := range ls {
		codes[i] = l.Code
	}
	return codes
}

// brandDiags reports the brand's problems at their lines of site.yaml.
func brandDiags(problems []brand.Problem, cfg *SiteConfig, disp string, d *diag.Collector) {
	for _, p := range problems {
		line := cmp.Or(cfg.Line("brand."+p.Key), cfg.Line("brand"))
		if p.Warning {
			d.Warnf(disp, line, "%s", p.Msg)
		} else {
			d.Errorf(disp, line, "%s", p.Msg)
		}
	}
}

// checkLanguages reports codes that are not language codes, languages
// without a name, and languages listed twice.
func checkLanguages(langs []Language, disp string, line int, d *diag.Collector) {
	seen := map[string]bool{}
	for _, l := range langs {
		if !lang.Valid(l.Code) {
			d.Errorf(disp, line, "language code %q is not a known code like en, uk or pt-br", l.Code)
		}
		if l.Name == "" {
			d.Errorf(disp, line, "language %q needs a name, as readers of it write it (e.g. Українська)", l.Code)
		}
		if seen[l.Code] {
			d.Errorf(disp, line, "language %q listed twice", l.Code)
		}
		seen[l.Code] = true
	}
}

// CheckBaseURL accepts the address a site is published at: an http or
// https URL with a host (https://example.com/help/), or a path on the
// host (/help/). Pages, the sitemap and printed links put it in front of
// every URL, so anything else (a javascript: URL, a typo) would end in
// every page.
func CheckBaseURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	switch {
	case err != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "":
		return fmt.Errorf("%q: want the site's address, like https://example.com/help/, or a path, like /help/", s)
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/"):
		return nil
	case (u.Scheme == "https" || u.Scheme == "http") && u.Host != "":
		return nil
	}
	return fmt.Errorf("%q: want the site's address, like https://example.com/help/, or a path, like /help/", s)
}

// checkSupport accepts the support contact every article offers: an
// e-mail address (mailto:) or a web form (http or https, which may hold
// {id}, {title} and {url}).
func checkSupport(s string) error {
	if s == "" {
		return nil
	}
	filled := strings.NewReplacer("{id}", "1", "{title}", "t", "{url}", "u").Replace(s)
	u, err := url.Parse(filled)
	switch {
	case err != nil:
	case u.Scheme == "mailto" && strings.Contains(u.Opaque, "@"):
		return nil
	case (u.Scheme == "https" || u.Scheme == "http") && u.Host != "":
		return nil
	}
	return fmt.Errorf("%q: want an e-mail address (mailto:help@example.com) or a web form (https://example.com/contact?article={id})", s)
}
