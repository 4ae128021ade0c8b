package markdown

import "deskbook/internal/importer/dialect"

// Converted is the Converter an import uses unless told otherwise: each
// dialect's notes, tabs, collapsible sections, includes and variables in
// deskbook's own syntax (internal/importer/dialect).
type Converted struct{}

// Convert converts one body with internal/importer/dialect.
func (Converted) Convert(d Dialect, file string, src []byte, titles func(target string) (string, bool)) Result {
	r := dialect.Convert(d, file, src, titles)
	res := Result{Body: r.Body, Includes: r.Includes, Variables: r.Variables}
	for _, p := range r.Problems {
		res.Problems = append(res.Problems, Problem{Line: p.Line, Construct: p.Construct, Msg: p.Msg})
	}
	return res
}
