//go:build !race

// The race detector adds nothing to a type check from source and makes it
// several times slower, so this test runs in the plain test runs only.

package apicheck

import (
	"go/importer"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"
	"testing"
)

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
