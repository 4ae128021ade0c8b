package layout

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// root is the repository, two folders up from this package.
const root = "../.."

// module is the module path; project packages are below it.
const module = "deskbook"

// rule is one row of the package table: a package (or, ending in /..., a
// folder of packages) and the project packages it may import.
type rule struct {
	pkg      string
	may      []string
	anything bool // "everything"
}

// matches reports whether the row is about package p (module-relative).
func (r rule) matches(p string) bool {
	if prefix, ok := strings.CutSuffix(r.pkg, "/..."); ok {
		return p == prefix || strings.HasPrefix(p, prefix+"/")
	}
	return p == r.pkg
}

var (
	rowRE  = regexp.MustCompile("^\\|\\s*`([^`]+)`\\s*\\|[^|]*\\|\\s*(.*?)\\s*\\|\\s*$")
	codeRE = regexp.MustCompile("`([^`]+)`")
)

// readTable reads the package table of ARCHITECTURE.md: the rows of the
// table whose header is "| package | holds | may import |".
func readTable(t *testing.T) []rule {
	t.Helper()
	f, err := os.Open(filepath.Join(root, "ARCHITECTURE.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rules []rule
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "| package | holds | may import |"):
			in = true
		case in && !strings.HasPrefix(line, "|"):
			in = false
		case in:
			m := rowRE.FindStringSubmatch(line)
			if m == nil {
				continue // the |---| line
			}
			r := rule{pkg: m[1], anything: m[2] == "everything"}
			for _, c := range codeRE.FindAllStringSubmatch(m[2], -1) {
				r.may = append(r.may, c[1])
			}
			if !r.anything && m[2] != "nothing" && len(r.may) == 0 {
				t.Errorf("ARCHITECTURE.md: row %s: may import %q: want `pkg`, … or nothing or everything", r.pkg, m[2])
			}
			rules = append(rules, r)
		}
	}
	if len(rules) == 0 {
		t.Fatal("ARCHITECTURE.md has no package table (| package | holds | may import |)")
	}
	return rules
}

// goPackage is what go list says of a package.
type goPackage struct {
	ImportPath                string
	Dir                       string
	Imports                   []string
	GoFiles                   []string
	TestGoFiles, XTestGoFiles []string
}

// listPackages lists the module's packages with go list.
func listPackages(t *testing.T) []goPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", "./...")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	var pkgs []goPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p goPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// rel is a package's path inside the module.
func rel(importPath string) string { return strings.TrimPrefix(importPath, module+"/") }

// TestImportRules fails when a package imports a project package its row
// of the table does not allow, when a package has no row, or when a row
// names a package that does not exist.
func TestImportRules(t *testing.T) {
	rules := readTable(t)
	used := make([]bool, len(rules))
	for _, p := range listPackages(t) {
		name := rel(p.ImportPath)
		i := slices.IndexFunc(rules, func(r rule) bool { return r.matches(name) })
		if i < 0 {
			t.Errorf("%s is not in the package table of ARCHITECTURE.md: add its row (what it holds, what it may import)", name)
			continue
		}
		used[i] = true
		r := rules[i]
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module+"/") || r.anything {
				continue
			}
			if dep := rel(imp); !slices.Contains(r.may, dep) {
				t.Errorf("%s imports %s, which its row of ARCHITECTURE.md does not allow (it may import: %s)", name, dep, orNothing(r.may))
			}
		}
	}
	for i, r := range rules {
		if !used[i] {
			t.Errorf("ARCHITECTURE.md lists %s, which is not a package of the module", r.pkg)
		}
	}
}

func orNothing(l []string) string {
	if len(l) == 0 {
		return "nothing"
	}
	return strings.Join(l, ", ")
}

// TestPackageNames: one concern, one plain word.
func TestPackageNames(t *testing.T) {
	word := regexp.MustCompile(`^[a-z]+$`)
	for _, p := range listPackages(t) {
		for _, elem := range strings.Split(rel(p.ImportPath), "/") {
			if !word.MatchString(elem) || slices.Contains([]string{"util", "utils", "helpers", "common", "misc"}, elem) {
				t.Errorf("%s: %q is not a single plain word naming a concern", rel(p.ImportPath), elem)
			}
		}
	}
}

// goFiles walks the repository's Go files, test files with them or not.
func goFiles(t *testing.T, tests bool, f func(path string, src []byte)) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && p != root || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") != tests {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f(filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator))), src)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBuilderSize keeps builder the pipeline and nothing else.
func TestBuilderSize(t *testing.T) {
	const limit = 7000
	lines := 0
	goFiles(t, false, func(p string, src []byte) {
		if strings.HasPrefix(p, "builder/") {
			lines += bytes.Count(src, []byte("\n"))
		}
	})
	if lines > limit {
		t.Errorf("builder/ has %d lines of non-test code, over %d: move what is not the pipeline into a package of its own", lines, limit)
	}
	if lines == 0 {
		t.Error("no builder/ found")
	}
}

// TestFunctionLength: a function fits one screen. search/ and bench/ are
// not held to it yet.
func TestFunctionLength(t *testing.T) {
	const limit = 70
	goFiles(t, false, func(p string, src []byte) {
		if strings.HasPrefix(p, "search/") || strings.HasPrefix(p, "bench/") {
			return
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, src, 0)
		if err != nil {
			t.Error(err)
			return
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if n := fset.Position(fd.End()).Line - fset.Position(fd.Pos()).Line + 1; n > limit {
					t.Errorf("%s: %s is %d lines, over %d: split it into named steps", fset.Position(fd.Pos()), fd.Name.Name, n, limit)
				}
			}
		}
	})
}

// TestNoSleepInTests: a test waits for what it expects with a deadline,
// never for a fixed time, which is either too short on a loaded machine or
// wasted on an idle one.
func TestNoSleepInTests(t *testing.T) {
	goFiles(t, true, func(p string, src []byte) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, src, 0)
		if err != nil {
			t.Error(err)
			return
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sleep" {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "time" {
					t.Errorf("%s: time.Sleep in a test: wait for the condition with a deadline", fset.Position(sel.Pos()))
				}
			}
			return true
		})
	})
}

// TestNoOutsideDocuments: the README and ARCHITECTURE.md are the
// contract; code cites nothing outside the repository.
func TestNoOutsideDocuments(t *testing.T) {
	for _, tests := range []bool{false, true} {
		goFiles(t, tests, func(p string, src []byte) {
			if bytes.Contains(src, []byte("DESIGN"+".md")) {
				t.Errorf("%s cites a document outside the repository", p)
			}
		})
	}
}
