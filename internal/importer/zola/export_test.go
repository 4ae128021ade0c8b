package zola

// SplitName lets the tests count a source's pages per language as the
// importer does, for a site whose languages are langs, the first the
// default.
func SplitName(name string, langs ...string) (stem, code string) {
	imp := &importer{cfg: siteConfig{languages: map[string]string{}}}
	for _, l := range langs {
		imp.cfg.languages[l] = l
	}
	return imp.splitName(name)
}
