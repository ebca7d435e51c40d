// Package textcheck finds text that cannot travel as written: strings that
// are not valid UTF-8, which encoding/json and encoding/xml would replace
// with U+FFFD without a word.
package textcheck

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// FirstInvalidUTF8 walks v (structs, pointers, slices, arrays, maps with
// string keys, strings) and returns the path of the first string that is
// not valid UTF-8, named by the fields' JSON names ("order_list[2].goods_name"),
// or "" when all text is valid. Unexported fields and fields tagged
// json:"-" are skipped.
func FirstInvalidUTF8(v any) string {
	return walker{jsonNames: true}.path(v)
}

// FirstInvalidUTF8Field is FirstInvalidUTF8 with the path written in Go
// field names ("Lines[2].GoodsName"), for packages whose validation errors
// name Go fields. Fields tagged json:"-" are still skipped.
func FirstInvalidUTF8Field(v any) string {
	return walker{}.path(v)
}

type walker struct{ jsonNames bool }

// segment is one step of a path: a field or key name, or an index.
type segment struct {
	name    string
	index   int
	isIndex bool
}

// path walks v and writes the path of the first invalid string. Segments
// are collected only on the way back from a find, so valid text costs no
// allocation.
func (w walker) path(v any) string {
	segs, found := w.walk(reflect.ValueOf(v))
	if !found {
		return ""
	}
	var b strings.Builder
	for i := len(segs) - 1; i >= 0; i-- {
		switch s := segs[i]; {
		case s.isIndex:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.name)
		}
	}
	return b.String()
}

// walk reports whether v holds an invalid string and, if so, the path to
// it from v in reverse order.
func (w walker) walk(v reflect.Value) ([]segment, bool) {
	switch v.Kind() {
	case reflect.String:
		return nil, !utf8.ValidString(v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return w.walk(v.Elem())
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return nil, false // bytes, not text
		}
		for i := 0; i < v.Len(); i++ {
			if segs, found := w.walk(v.Index(i)); found {
				return append(segs, segment{index: i, isIndex: true}), true
			}
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return nil, false
		}
		iter := v.MapRange()
		for iter.Next() {
			k := iter.Key().String()
			if !utf8.ValidString(k) {
				return []segment{{name: "(key)"}}, true
			}
			if segs, found := w.walk(iter.Value()); found {
				return append(segs, segment{name: k}), true
			}
		}
	case reflect.Struct:
		for _, f := range fieldsOf(v.Type()) {
			segs, found := w.walk(v.Field(f.index))
			if !found {
				continue
			}
			if !f.anonymous {
				name := f.goName
				if w.jsonNames {
					name = f.jsonName
				}
				segs = append(segs, segment{name: name})
			}
			return segs, true
		}
	}
	return nil, false
}

// field is one struct field the walk visits.
type field struct {
	index            int
	goName, jsonName string
	anonymous        bool
}

// fieldCache keeps each struct type's fields, read from the tags once.
var fieldCache sync.Map // reflect.Type → []field

// fieldsOf returns t's exported fields that may hold text, skipping
// json:"-" and kinds that never do.
func fieldsOf(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	var fs []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || !mayHoldText(f.Type, 0) {
			continue
		}
		jsonName := f.Name
		if tag, ok := f.Tag.Lookup("json"); ok {
			tagName, _, _ := strings.Cut(tag, ",")
			if tagName == "-" {
				continue
			}
			if tagName != "" {
				jsonName = tagName
			}
		}
		fs = append(fs, field{index: i, goName: f.Name, jsonName: jsonName, anonymous: f.Anonymous})
	}
	fieldCache.Store(t, fs)
	return fs
}

// mayHoldText reports whether a value of type t can contain a string.
func mayHoldText(t reflect.Type, depth int) bool {
	if depth > 8 {
		return true // deep or recursive types: let the walk decide
	}
	switch t.Kind() {
	case reflect.String, reflect.Interface:
		return true
	case reflect.Pointer:
		return mayHoldText(t.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		return t.Elem().Kind() != reflect.Uint8 && mayHoldText(t.Elem(), depth+1)
	case reflect.Map:
		return t.Key().Kind() == reflect.String
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if f := t.Field(i); f.IsExported() && mayHoldText(f.Type, depth+1) {
				return true
			}
		}
	}
	return false
}
