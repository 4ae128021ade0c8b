package search

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"html"
)

//go:embed client/widget.js
var widgetJS []byte

//go:embed client/frame.js
var frameJS []byte

// Widget returns the files of the deflection widget, for the site root:
//
//   - widget.js, which a product page on any origin loads to get the
//     <deskbook-search for="…"> element (client/widget.js);
//   - widget.html, the hidden frame that element opens on the help site:
//     it runs the search client (client, its site-relative path, e.g.
//     "assets/search.<hash>.js") on the bootstrap of the language asked
//     for (boot, as BootFiles gives it; else defaultLang's), and answers
//     the page through postMessage (client/frame.js).
//
// A frame, not the index fetched or loaded into the product page: a frame
// and the <script> files of the index need no CORS headers, which static
// hosts do not send, and the client and its index stay in the help site's
// own document, so the product page gets no globals, cookies or storage
// and loads only widget.js (2 KB gzipped) until the customer types.
func Widget(client string, boot map[string]string, defaultLang string) []File {
	type lang struct {
		Boot  string      `json:"boot"`
		Words widgetWords `json:"words"`
	}
	langs := make(map[string]lang, len(boot))
	for code, path := range boot {
		langs[code] = lang{path, widgetStrings(code)}
	}
	data, _ := json.Marshal(langs) // strings only, so no error; map keys sorted, so the same bytes every build
	var b bytes.Buffer
	b.WriteString("<!doctype html>\n<html data-deskbook-frame data-default=\"" + html.EscapeString(defaultLang) +
		"\" data-langs=\"" + html.EscapeString(string(data)) + "\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"robots\" content=\"noindex\">\n<title>deskbook search</title>\n" +
		"<script src=\"" + html.EscapeString(client) + "\"></script>\n<script>\n")
	b.Write(strip(frameJS))
	b.WriteString("</script>\n</head>\n<body></body>\n</html>\n")
	return []File{{Path: "widget.js", Data: strip(widgetJS)}, {Path: "widget.html", Data: b.Bytes()}}
}
