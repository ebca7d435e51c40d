package apicheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/duijie/duijie"

// packageDirs returns the module's package directories (relative, "." for
// the root), skipping testdata and nested modules.
func packageDirs(t *testing.T) []string {
	t.Helper()
	root := filepath.Join("..", "..")
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		if path != root {
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir
			}
		}
		matches, _ := filepath.Glob(filepath.Join(path, "*.go"))
		if len(matches) > 0 {
			rel, _ := filepath.Rel(root, path)
			dirs = append(dirs, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(dirs)
	return dirs
}

func importPath(dir string) string {
	if dir == "." {
		return module
	}
	return module + "/" + dir
}

func isInternal(path string) bool {
	return path == module+"/internal" || strings.HasPrefix(path, module+"/internal/")
}

// parseDir parses the non-test Go files of dir.
func parseDir(t *testing.T, fset *token.FileSet, dir string, mode parser.Mode) []*ast.File {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join("..", "..", dir, "*.go"))
	var files []*ast.File
	for _, m := range matches {
		if strings.HasSuffix(m, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, m, nil, mode)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

func TestInternalNeverImportsThePublicCore(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range packageDirs(t) {
		if !isInternal(importPath(dir)) {
			continue
		}
		for _, f := range parseDir(t, fset, dir, parser.ImportsOnly) {
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if p == module || p == module+"/duijietest" || (strings.HasPrefix(p, module+"/") && !isInternal(p)) {
					t.Errorf("%s imports %s", fset.Position(imp.Pos()).Filename, p)
				}
			}
		}
	}
}
