// Package themes embeds the default theme, so a deskbook binary needs no
// files beside it. A user's theme folder (--theme, or theme: in
// site.yaml) holds only the files it changes and is laid over the default
// theme file by file (Overlay). README.md in this folder lists what a
// template can use.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var files embed.FS

// Default returns the default theme: layouts/, static/ and i18n/.
func Default() fs.FS {
	sub, err := fs.Sub(files, "default")
	if err != nil {
		panic(err) // the embedded tree is fixed at compile time
	}
	return sub
}
