package brand

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"
)

// imageTypes are the image files a logo or an icon may be, by extension;
// every browser shows them in an <img> and as a page icon.
var imageTypes = map[string]string{
	".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".webp": "image/webp", ".ico": "image/x-icon",
}

// Image says what image a file is, by its name and by its bytes, which
// must agree: a logo.png that holds HTML (a page saved by mistake) or a
// JPEG would be served with the wrong type, and some browsers would show
// nothing. It returns the media type to serve it with.
func Image(name string, data []byte) (string, error) {
	ext := strings.ToLower(path.Ext(name))
	want, ok := imageTypes[ext]
	if !ok {
		return "", errors.New("want an image: a .svg, .png, .jpg, .gif, .webp or .ico file")
	}
	got := sniff(data)
	if got == want {
		return want, nil
	}
	kind := strings.ToUpper(strings.TrimPrefix(ext, "."))
	if ext == ".jpeg" {
		kind = "JPG"
	}
	return "", fmt.Errorf("is not a%s %s image: %s", article(kind), kind, describe(got, len(data)))
}

// sniff is the media type data looks like: SVG when it is XML whose root
// element is <svg>, else what the HTTP standard's sniffing says.
func sniff(data []byte) string {
	if isSVG(data) {
		return "image/svg+xml"
	}
	t, _, _ := strings.Cut(http.DetectContentType(data), ";")
	return t
}

// isSVG reports whether data is an XML document whose root is <svg>.
func isSVG(data []byte) bool {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t.Name.Local == "svg"
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return false
			}
		}
	}
}

// describe says in words what a file holds instead.
func describe(mime string, size int) string {
	switch {
	case size == 0:
		return "the file is empty"
	case strings.HasPrefix(mime, "image/"):
		for ext, t := range imageTypes {
			if t == mime && ext != ".jpeg" {
				return "it holds a" + article(ext[1:]) + " " + strings.ToUpper(ext[1:]) + " image; give the file the extension " + ext
			}
		}
		return "it holds another kind of image (" + mime + ")"
	case mime == "text/html":
		return "it holds a web page"
	case strings.HasPrefix(mime, "text/"):
		return "it holds text"
	}
	return "its bytes are no image format a browser shows"
}

// article is "n" before a name said with a vowel sound (an SVG, an ICO).
func article(name string) string {
	if strings.ContainsRune("AEFHILMNORSX", rune(strings.ToUpper(name)[0])) {
		return "n"
	}
	return ""
}
