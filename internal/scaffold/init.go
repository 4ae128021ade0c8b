package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// maxListed is how many entries of a non-empty folder a refusal names:
// enough to recognise the folder, short enough to read.
const maxListed = 20

// Init makes a new help centre in dir (see Site) and returns the files it
// wrote. dir is made when missing, with its parents. It refuses, writing
// nothing, a folder where any of the files exists (naming every one), a
// folder that is already a content folder, and any folder with something
// in it other than .git: a help centre starts in a folder of its own. The
// files are written into a temporary folder first and moved into place
// when all of them are ready; on any failure, what was made is removed.
func Init(dir string, opts InitOptions) ([]File, error) {
	files, err := Site(opts)
	if err != nil {
		return nil, err
	}
	if err := checkFolder(dir, files, SuggestName(opts.Product)); err != nil {
		return nil, err
	}
	if err := writeSite(dir, files); err != nil {
		return nil, err
	}
	return files, nil
}

// checkFolder refuses a folder init must not write into, saying why and
// what to do instead.
func checkFolder(dir string, files []File, name string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !fi.IsDir():
		return fmt.Errorf("%s is a file, not a folder. Nothing was written. Choose a new folder: deskbook init %s", dir, suggest(dir, name, true))
	}
	var taken []string
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(f.Path))); err == nil {
			taken = append(taken, "  "+filepath.Join(dir, filepath.FromSlash(f.Path)))
		}
	}
	if len(taken) > 0 {
		return fmt.Errorf("%s already holds a help centre; deskbook init would overwrite:\n%s\nNothing was written. To start another help centre, choose a new folder: deskbook init %s",
			dir, strings.Join(taken, "\n"), suggest(dir, name, true))
	}
	if _, err := os.Lstat(filepath.Join(dir, "site.yaml")); err == nil {
		return fmt.Errorf("%s is already a content folder (it has site.yaml). Nothing was written. Choose a new folder: deskbook init %s", dir, suggest(dir, name, true))
	}
	held, err := contents(dir)
	if err != nil {
		return err
	}
	if len(held) > 0 {
		return fmt.Errorf("%s is not empty; deskbook init makes a help centre in a new or empty folder (a .git folder may be there). It holds:\n%s\nNothing was written. Choose a new folder: deskbook init %s",
			dir, strings.Join(held, "\n"), suggest(dir, name, false))
	}
	return nil
}

// contents lists what a folder holds besides .git, folders with a slash,
// at most maxListed of them and a count of the rest.
func contents(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var held []string
	for _, e := range entries {
		switch {
		case e.Name() == ".git":
		case e.IsDir():
			held = append(held, "  "+e.Name()+"/")
		default:
			held = append(held, "  "+e.Name())
		}
	}
	if len(held) > maxListed {
		held = append(held[:maxListed], fmt.Sprintf("  … and %d more", len(held)-maxListed))
	}
	return held, nil
}

// suggest is a folder for a new help centre that does not exist yet:
// beside dir, or, when dir is the current folder and holds no site, in it
// (a folder of one's own in a full home folder).
func suggest(dir, name string, site bool) string {
	parent := filepath.Dir(filepath.Clean(dir))
	if filepath.Clean(dir) == "." && site {
		parent = ".."
	}
	for i := 1; ; i++ {
		try := name
		if i > 1 {
			try = fmt.Sprintf("%s-%d", name, i)
		}
		p := filepath.Join(parent, try)
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) || i == 100 {
			return p
		}
	}
}

// writeSite writes files into dir, which must have none of them: into a
// temporary folder inside dir first, whose entries are then moved into
// dir. The temporary folder is inside dir, not beside it, so that init
// works in a folder whose parent the user cannot write (a home folder).
// On any failure it removes what it made: the entries moved so far, the
// temporary folder, and dir with the parents it created.
func writeSite(dir string, files []File) (err error) {
	made, err := makeFolder(dir)
	var moved []string
	defer func() {
		if err == nil {
			return
		}
		for _, p := range slices.Backward(moved) {
			os.RemoveAll(p)
		}
		for _, p := range slices.Backward(made) {
			os.Remove(p)
		}
	}()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(dir, ".deskbook-init-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, f := range files {
		p := filepath.Join(tmp, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("writing %s: %w", f.Path, err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", f.Path, err)
		}
	}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return err
	}
	for _, e := range entries {
		dst := filepath.Join(dir, e.Name())
		// Moving a file or folder onto one that exists would replace it;
		// something may have appeared since the folder was checked.
		if _, err := os.Lstat(dst); err == nil {
			return fmt.Errorf("%s appeared while deskbook init was writing; nothing was written", dst)
		}
		if err := os.Rename(filepath.Join(tmp, e.Name()), dst); err != nil {
			return err
		}
		moved = append(moved, dst)
	}
	return nil
}

// makeFolder makes dir and its missing parents and returns the folders it
// made, outermost first, for removal if the writing fails.
func makeFolder(dir string) ([]string, error) {
	var missing []string
	for p := filepath.Clean(dir); ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil {
			break
		}
		missing = append(missing, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	slices.Reverse(missing)
	for i, p := range missing {
		if err := os.Mkdir(p, 0o755); err != nil {
			return missing[:i], err
		}
	}
	return missing, nil
}
