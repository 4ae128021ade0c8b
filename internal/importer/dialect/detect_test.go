package dialect

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// tree makes a folder of the named files, each with a line of text.
func tree(names ...string) fstest.MapFS {
	fs := fstest.MapFS{}
	for _, n := range names {
		fs[n] = &fstest.MapFile{Data: []byte("x\n")}
	}
	return fs
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name string
		fs   fstest.MapFS
		want Dialect
	}{
		{"yfm", tree(".yfm", "toc.yaml", "index.md"), YFM},
		{"yfm with presets in a language folder", tree("en/toc.yml", "en/presets.yaml", "en/index.md"), YFM},
		{"a toc alone is not yfm", tree("toc.yml", "index.md"), GitHub},
		{"docfx", tree("docfx.json", "docs/toc.yml", "docs/index.md"), DocFX},
		{"docfx one level down", tree("docs/docfx.json", "docs/index.md"), DocFX},
		{"mkdocs", tree("mkdocs.yml", "docs/index.md"), MkDocs},
		{"docusaurus", tree("docusaurus.config.ts", "docs/intro.md"), Docusaurus},
		{"docusaurus in website/", tree("website/docusaurus.config.js", "docs/intro.md"), Docusaurus},
		{"hugo", tree("hugo.toml", "content/_index.md"), Hugo},
		{"hugo with config.toml", tree("config.toml", "content/posts/a.md"), Hugo},
		{"hugo config without content", tree("hugo.toml", "docs/a.md"), GitHub},
		{"zola", fstest.MapFS{"config.toml": {Data: []byte("base_url = \"https://x.org\"\n")}, "content/a.md": {Data: []byte("x")}}, GitHub},
		{"github", tree("README.md", "docs/a.md"), GitHub},
		{"empty", fstest.MapFS{}, GitHub},
	} {
		if got := Detect(tc.fs); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestPresets(t *testing.T) {
	fs := fstest.MapFS{
		"presets.yaml": {Data: []byte(`default:
  product: Deskbook
  version: 2
  user:
    name: Alice
  my-var: x
  users: [Alice, Mark]
  people:
    - name: a
internal:
  place: Here
`)},
		"pages/presets.yaml":  {Data: []byte("default:\n  product: Other\n  extra: E\n")},
		"broken/presets.yaml": {Data: []byte("default: [\n")},
	}
	vars, problems := Presets(fs)
	want := map[string]string{"product": "Deskbook", "version": "2", "user_name": "Alice", "my_var": "x", "users": "Alice, Mark", "extra": "E"}
	if !maps.Equal(vars, want) {
		t.Errorf("variables %v, want %v", vars, want)
	}
	var got []string
	for _, p := range problems {
		got = append(got, fmt.Sprintf("%s@%s@%d", p.Construct, strings.SplitN(p.Msg, ":", 2)[0], p.Line))
	}
	wantProblems := []string{
		"yfm:presets@people is a list of more than values and is not imported@8",
		"yfm:presets@the preset \"internal\" is not imported@10",
		"yfm:presets@broken/presets.yaml@1",
		"yfm:presets@pages/presets.yaml@2",
	}
	if !slices.Equal(got, wantProblems) {
		t.Errorf("problems\n%q\nwant\n%q\n%v", got, wantProblems, problems)
	}
	if v, p := Presets(fstest.MapFS{"a.md": {}}); v != nil || p != nil {
		t.Errorf("no presets: %v %v", v, p)
	}
}

// TestPresetNamesMatchConvert: a variable YFM writes with dots and dashes
// is named in the body as Presets names it for site.yaml.
func TestPresetNamesMatchConvert(t *testing.T) {
	vars, _ := Presets(fstest.MapFS{"presets.yaml": {Data: []byte("default:\n  app:\n    store-name: Shop\n")}})
	body := string(convert(YFM, "a.md", []byte("Open {{ app.store-name }}.\n"), nil).Body)
	for name := range vars {
		if !strings.Contains(body, "{{"+name+"}}") {
			t.Errorf("%q does not use %s", body, name)
		}
	}
}
