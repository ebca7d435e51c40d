package honor

import (
	"bytes"
	"encoding/json"

	"github.com/duijie/duijie"
)

// The answer is parsed once: the classifier checks the whole body with
// json.Valid and then reads the envelope's members by walking the checked
// bytes (eachMember), so the business part is a slice of the body, neither
// copied nor scanned by encoding/json again; the typed method decodes its
// rows from that slice. Anything the walk does not read exactly as
// json.Unmarshal would (a key with an escape, a key that matches a field
// only by case folding, a repeated key) goes the plain json.Unmarshal way.

// eachMember calls f with the key (without its quotes) and the value of each
// member of the JSON object b, in order, and reports whether b is an object
// and f returned true for every member. b must be valid JSON (json.Valid);
// on other input it returns false or stops early, and never panics.
func eachMember(b []byte, f func(key, value []byte) bool) bool {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return true
	}
	for i < len(b) {
		if b[i] != '"' {
			return false
		}
		end := skipString(b, i)
		if end > len(b) || end-1 <= i {
			return false
		}
		key := b[i+1 : end-1]
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipSpace(b, i+1)
		if i >= len(b) {
			return false
		}
		end = skipValue(b, i)
		if end > len(b) || end <= i {
			return false
		}
		if !f(key, b[i:end]) {
			return false
		}
		i = skipSpace(b, end)
		if i >= len(b) {
			return false
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return true
		default:
			return false
		}
	}
	return false
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index just past the string starting at b[i]
// (a quote), or len(b)+1 when it does not end.
func skipString(b []byte, i int) int {
	i++
	for {
		q := bytes.IndexByte(b[i:], '"')
		if q < 0 {
			return len(b) + 1
		}
		e := bytes.IndexByte(b[i:i+q], '\\')
		if e < 0 {
			return i + q + 1
		}
		// Step over the escape and its escaped byte.
		i += e + 2
		if i > len(b) {
			return len(b) + 1
		}
	}
}

// skipValue returns the index just past the value starting at b[i], or
// len(b)+1 when it does not end.
func skipValue(b []byte, i int) int {
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = skipString(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(b) + 1
	}
	for i < len(b) {
		switch b[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}

// nearKey reports whether key is one json.Unmarshal might match to one of
// names other than by equal bytes: it has an escape, or equals a name under
// case folding.
func nearKey(key []byte, names ...string) bool {
	if bytes.IndexByte(key, '\\') >= 0 {
		return true
	}
	for _, n := range names {
		if bytes.EqualFold(key, []byte(n)) {
			return true
		}
	}
	return false
}

// walkEnvelope reads the envelope from body, which json.Valid accepted; ok
// is false when the body needs json.Unmarshal. Data is a slice of body.
func walkEnvelope(body []byte) (env *envelope, ok bool) {
	env = &envelope{}
	var seen [4]bool
	ok = eachMember(body, func(key, value []byte) bool {
		var at int
		var err error
		switch string(key) {
		case "code":
			at, err = 0, json.Unmarshal(value, &env.Code)
		case "message":
			at, err = 1, json.Unmarshal(value, &env.Message)
		case "request_id":
			at, err = 2, json.Unmarshal(value, &env.RequestID)
		case "data":
			at, env.Data = 3, value
		default:
			return !nearKey(key, "code", "message", "request_id", "data")
		}
		if err != nil || seen[at] {
			return false
		}
		seen[at] = true
		return true
	})
	return env, ok
}

// decodePage reads a listing's data as decodeList does, in one pass over
// the list. data must be valid JSON (an envelope's data, checked by the
// classifier); anything the walk does not read as decodeList would, errors
// included, goes to decodeList.
func decodePage[T any](data []byte) (items []T, total int, err error) {
	var totalRaw, listRaw []byte
	ok := eachMember(data, func(key, value []byte) bool {
		switch string(key) {
		case "total":
			if totalRaw != nil {
				return false
			}
			totalRaw = value
		case "list":
			if listRaw != nil {
				return false
			}
			listRaw = value
		default:
			return !nearKey(key, "total", "list")
		}
		return true
	})
	if !ok || listRaw == nil {
		return decodeList[T](data)
	}
	var n duijie.Int64
	if totalRaw != nil && (json.Unmarshal(totalRaw, &n) != nil || n < 0) {
		return decodeList[T](data)
	}
	switch string(listRaw) {
	case "null", `""`:
		return []T{}, int(n), nil
	}
	if json.Unmarshal(listRaw, &items) != nil {
		return decodeList[T](data)
	}
	return items, int(n), nil
}
