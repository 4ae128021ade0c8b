package builder

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"strings"
)

// brandFiles hashes the brand's files (site.yaml brand:) into assets/ and
// copies an .ico icon to /favicon.ico too, where browsers look for one on
// pages that name none (feeds, PDFs).
func (r *siteRenderer) brandFiles() []outFile {
	r.brand = map[string]Icon{}
	if r.site.Config.brand == nil {
		return nil
	}
	css, _ := fs.ReadFile(r.theme, "static/style.css") // none: plain backgrounds
	var out []outFile
	for _, a := range r.site.Config.brand.Assets(css) {
		out = append(out, hashedAsset(a.Name, a.Data))
		r.brand[a.Role] = Icon{URL: out[len(out)-1].Path, Type: a.Type}
		if a.Type == "image/x-icon" {
			out = append(out, outFile{Path: "favicon.ico", Data: a.Data})
		}
	}
	return out
}

// hashedAsset is a file of assets/ named by its content, so it can be
// cached for ever: style.css becomes assets/style.0123456789.css.
func hashedAsset(name string, data []byte) outFile {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return outFile{Path: "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:10] + ext, Data: data}
}

// Icon is a file of the brand: a link to it from the page, and its type.
type Icon struct {
	URL  string
	Type string // e.g. image/png
}

// brandLink links to a file of the brand by its role, or is "".
func (v *View) brandLink(role string) string {
	if f, ok := v.r.brand[role]; ok {
		return v.URL(f.URL)
	}
	return ""
}

// Logo links to the brand's logo (site.yaml brand.logo), or is "" when
// there is none and the header shows the title.
func (v *View) Logo() string { return v.brandLink("logo") }

// BrandCSS links to the stylesheet that gives the theme the brand's
// accent colours, or is "" when site.yaml sets none.
func (v *View) BrandCSS() string { return v.brandLink("css") }

// Favicon is the brand's icon (site.yaml brand.favicon), or nil: the
// theme's own.
func (v *View) Favicon() *Icon {
	if u := v.brandLink("favicon"); u != "" {
		return &Icon{URL: u, Type: v.r.brand["favicon"].Type}
	}
	return nil
}

// Footer is site.yaml's brand.footer in the page's language, or "".
func (v *View) Footer() string { return v.r.site.Config.brand.Text("footer", v.Lang.Code) }

// Intro is the home page's introduction: site.yaml's brand.intro in the
// page's language, else the theme's home_intro.
func (v *View) Intro() string {
	return cmp.Or(v.r.site.Config.brand.Text("intro", v.Lang.Code), v.T.HomeIntro)
}
