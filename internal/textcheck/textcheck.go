// Package textcheck finds text that cannot travel as written: strings that
// are not valid UTF-8, which encoding/json and encoding/xml would replace
// with U+FFFD without a word.
package textcheck

import (
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FirstInvalidUTF8 walks v (structs, pointers, slices, arrays, maps with
// string keys, strings) and returns the path of the first string that is
// not valid UTF-8, named by the fields' JSON names ("order_list[2].goods_name"),
// or "" when all text is valid. Unexported fields and fields tagged
// json:"-" are skipped.
func FirstInvalidUTF8(v any) string {
	return walker{jsonNames: true}.walk(reflect.ValueOf(v), "")
}

// FirstInvalidUTF8Field is FirstInvalidUTF8 with the path written in Go
// field names ("Lines[2].GoodsName"), for packages whose validation errors
// name Go fields. Fields tagged json:"-" are still skipped.
func FirstInvalidUTF8Field(v any) string {
	return walker{}.walk(reflect.ValueOf(v), "")
}

type walker struct{ jsonNames bool }

func (w walker) walk(v reflect.Value, path string) string {
	switch v.Kind() {
	case reflect.String:
		if !utf8.ValidString(v.String()) {
			return path
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return w.walk(v.Elem(), path)
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return "" // bytes, not text
		}
		for i := 0; i < v.Len(); i++ {
			if p := w.walk(v.Index(i), path+"["+strconv.Itoa(i)+"]"); p != "" {
				return p
			}
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return ""
		}
		iter := v.MapRange()
		for iter.Next() {
			k := iter.Key().String()
			if !utf8.ValidString(k) {
				return join(path, "(key)")
			}
			if p := w.walk(iter.Value(), join(path, k)); p != "" {
				return p
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := f.Name
			if tag, ok := f.Tag.Lookup("json"); ok {
				tagName, _, _ := strings.Cut(tag, ",")
				if tagName == "-" {
					continue
				}
				if tagName != "" && w.jsonNames {
					name = tagName
				}
			}
			fp := join(path, name)
			if f.Anonymous {
				fp = path
			}
			if p := w.walk(v.Field(i), fp); p != "" {
				return p
			}
		}
	}
	return ""
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
