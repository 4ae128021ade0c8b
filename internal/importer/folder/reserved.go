package folder

import (
	"slices"
	"strings"
)

// siteFiles are the files deskbook writes at the top of a site.
var siteFiles = []string{"404.html", "index.html", "errors.json", "sitemap.xml", "robots.txt", "_headers", "_redirects", "widget.js", "widget.html"}

// Reserved reports whether an alias, a site-relative URL, is one the
// build keeps for itself and refuses in aliases: — the site's root, its
// short links /a/, error-code pages /e/, files /assets/, and the files at
// its top (404.html, sitemap.xml, …), where a redirect page would need a
// folder in a file's place. An importer leaves such an old URL out, so
// that what it hands over builds.
func Reserved(alias string) bool {
	u := strings.Trim(alias, "/")
	return u == "" || strings.HasPrefix(u+"/", "a/") || strings.HasPrefix(u+"/", "e/") || strings.HasPrefix(u+"/", "assets/") || slices.Contains(siteFiles, u)
}
