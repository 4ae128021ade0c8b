package zola

import (
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"deskbook/internal/frontmatter"

	"go.yaml.in/yaml/v3"
)

// siteConfig is what the import needs of a Zola site's config.toml: which
// file-name suffixes are languages, and how Zola made the URLs that
// aliases must keep working.
type siteConfig struct {
	found       bool              // a config.toml was given
	defaultLang string            // default_language as written, "en" when unset
	languages   map[string]string // suffix as written in file names → deskbook code, default language included
	slugify     string            // [slugify] paths: on, safe or off
	keepDates   bool              // [slugify] paths_keep_dates
	title       string
}

// parseConfig reads config.toml. A file that does not parse, or a
// language that is not a code, is an error: without the languages, a dot
// in a file name cannot be told from a language suffix.
func parseConfig(name string, data []byte) (siteConfig, error) {
	c := siteConfig{defaultLang: "en", languages: map[string]string{}, slugify: "on"}
	if data == nil {
		return c, nil
	}
	c.found = true
	fields, err := frontmatter.Parse(frontmatter.TOML, data, 1)
	if err != nil {
		line, msg := 0, err.Error()
		if fe := (*frontmatter.Error)(nil); errors.As(err, &fe) {
			line, msg = fe.Line, strings.TrimPrefix(fe.Msg, "front matter: ")
		}
		return c, fmt.Errorf("%w: %s:%d: %s", ErrOptions, name, line, msg)
	}
	var codes []frontmatter.Field
	for _, f := range fields {
		switch f.Key {
		case "default_language":
			if s, ok := f.Text(); ok {
				c.defaultLang = s
			}
		case "title":
			c.title, _ = f.Text()
		case "languages":
			codes = configLanguages(f)
		case "slugify":
			sub, _ := f.Fields()
			for _, s := range sub {
				switch s.Key {
				case "paths":
					c.slugify, _ = s.Text()
				case "paths_keep_dates":
					c.keepDates, _ = s.Bool()
				}
			}
		}
	}
	for _, f := range append(codes, frontmatter.Field{Key: c.defaultLang, Line: 0}) {
		code, ok := langCode(f.Key)
		if !ok {
			return c, fmt.Errorf("%w: %s:%d: language %q is not a code like en, uk or pt-BR", ErrOptions, name, f.Line, f.Key)
		}
		c.languages[f.Key] = code
	}
	return c, nil
}

// configLanguages lists the languages of config.toml: the tables of
// [languages.uk] (Zola 0.15 and later), or the older
// languages = [{code = "uk"}]. Each is given as a field named by its code.
func configLanguages(f frontmatter.Field) []frontmatter.Field {
	if tables, ok := f.Fields(); ok {
		return tables
	}
	var out []frontmatter.Field
	if f.Node.Kind != yaml.SequenceNode {
		return nil
	}
	for _, item := range f.Node.Content {
		entry := frontmatter.Field{Key: f.Key, Line: f.Line, Node: item}
		sub, _ := entry.Fields()
		for _, s := range sub {
			if code, ok := s.Text(); ok && s.Key == "code" {
				out = append(out, frontmatter.Field{Key: code, Line: f.Line})
			}
		}
	}
	return out
}

// guessLanguages decides, for a site without config.toml, which suffixes
// are languages: those of an index.<code>.md or _index.<code>.md (a
// translated section or page bundle, which every translated Zola site
// has), and those the caller listed. A dot in any other name, as in
// Update-on-crates.io-incident.md, is part of the name.
func (imp *importer) guessLanguages(names []string) {
	for _, name := range names {
		stem := strings.TrimSuffix(name, ".md")
		base, suffix, ok := strings.Cut(stem, ".")
		if !ok || (base != "index" && base != "_index") {
			continue
		}
		if code, ok := langCode(suffix); ok {
			imp.cfg.languages[suffix] = code
		}
	}
	for _, l := range imp.langs {
		imp.cfg.languages[l] = l
	}
	imp.cfg.languages[imp.cfg.defaultLang] = imp.srcLang
	imp.rep.LanguagesGuessed = slices.Sorted(maps.Values(imp.cfg.languages))
	imp.rep.LanguagesGuessed = slices.Compact(imp.rep.LanguagesGuessed)
}

// fileNames lists the base names of the Markdown files of the source, for
// guessLanguages.
func fileNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = path.Base(p)
	}
	return out
}
