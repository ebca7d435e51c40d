package apicheck

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
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

func TestNoInternalTypeInPublicSignatures(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the whole module from source")
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	for _, dir := range packageDirs(t) {
		path := importPath(dir)
		if isInternal(path) || strings.HasPrefix(dir, "cmd/") || strings.HasPrefix(dir, "bench") || strings.HasPrefix(dir, "chaos") {
			continue
		}
		pkg, err := imp.(types.ImporterFrom).ImportFrom(path, filepath.Join("..", "..", dir), 0)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, name := range pkg.Scope().Names() {
			obj := pkg.Scope().Lookup(name)
			if !obj.Exported() {
				continue
			}
			checkType(t, path+"."+name, obj.Type(), map[types.Type]bool{})
			if tn, ok := obj.(*types.TypeName); ok {
				if named, ok := tn.Type().(*types.Named); ok {
					for i := 0; i < named.NumMethods(); i++ {
						if m := named.Method(i); m.Exported() {
							checkType(t, path+"."+name+"."+m.Name(), m.Type(), map[types.Type]bool{})
						}
					}
				}
			}
		}
	}
}

// checkType reports an internal named type reachable through t's exported
// surface: parameters, results, elements, exported fields, embedded fields.
func checkType(t *testing.T, where string, typ types.Type, seen map[types.Type]bool) {
	t.Helper()
	if seen[typ] {
		return
	}
	seen[typ] = true
	switch x := typ.(type) {
	case *types.Alias:
		if obj := x.Obj(); obj.Pkg() != nil && isInternal(obj.Pkg().Path()) {
			t.Errorf("%s: internal type %s", where, x)
		}
		checkType(t, where, types.Unalias(x), seen)
	case *types.Named:
		if obj := x.Obj(); obj.Pkg() != nil && isInternal(obj.Pkg().Path()) {
			t.Errorf("%s: internal type %s", where, x)
			return
		}
		for i := 0; i < x.TypeArgs().Len(); i++ {
			checkType(t, where, x.TypeArgs().At(i), seen)
		}
		if x.Obj().Pkg() != nil && strings.HasPrefix(x.Obj().Pkg().Path(), module) {
			checkType(t, where, x.Underlying(), seen)
		}
	case *types.Pointer:
		checkType(t, where, x.Elem(), seen)
	case *types.Slice:
		checkType(t, where, x.Elem(), seen)
	case *types.Array:
		checkType(t, where, x.Elem(), seen)
	case *types.Map:
		checkType(t, where, x.Key(), seen)
		checkType(t, where, x.Elem(), seen)
	case *types.Chan:
		checkType(t, where, x.Elem(), seen)
	case *types.Signature:
		for i := 0; i < x.Params().Len(); i++ {
			checkType(t, where, x.Params().At(i).Type(), seen)
		}
		for i := 0; i < x.Results().Len(); i++ {
			checkType(t, where, x.Results().At(i).Type(), seen)
		}
	case *types.Struct:
		for i := 0; i < x.NumFields(); i++ {
			if f := x.Field(i); f.Exported() || f.Embedded() {
				checkType(t, where+"."+f.Name(), f.Type(), seen)
			}
		}
	case *types.Interface:
		for i := 0; i < x.NumMethods(); i++ {
			if m := x.Method(i); m.Exported() {
				checkType(t, where+"."+m.Name(), m.Type(), seen)
			}
		}
	}
}
