package jsonx

import "encoding/json"

// Member is one top-level member of a JSON object: its key as written
// (between the quotes, escapes not undone) and its value's JSON text, both
// slices of the object's text.
type Member struct {
	Key   []byte
	Value json.RawMessage
}

// maxDepth is encoding/json's nesting limit: deeper text is not JSON to
// it, so it is not JSON here either.
const maxDepth = 10000

// Object checks in one pass that b is one JSON object, by the grammar
// encoding/json accepts (RFC 8259; invalid UTF-8 inside strings is
// accepted, as encoding/json replaces it), and returns its top-level
// members in order, appended to dst. ok is false when b is not a JSON
// object. plain is false when a key holds an escape or a non-ASCII byte:
// its text is then not its name, and the caller must look members up with
// encoding/json's own rules.
func Object(b []byte, dst []Member) (members []Member, plain, ok bool) {
	s := scan{b: b}
	s.ws()
	if s.i >= len(b) || b[s.i] != '{' {
		return dst, false, false
	}
	s.i++
	plain = true
	s.ws()
	if s.i < len(b) && b[s.i] == '}' {
		s.i++
	} else {
		for {
			if s.i >= len(b) || b[s.i] != '"' {
				return dst, false, false
			}
			start := s.i
			simple, good := s.str()
			if !good {
				return dst, false, false
			}
			plain = plain && simple
			key := b[start+1 : s.i-1]
			s.ws()
			if s.i >= len(b) || b[s.i] != ':' {
				return dst, false, false
			}
			s.i++
			s.ws()
			vs := s.i
			if !s.value(1) {
				return dst, false, false
			}
			dst = append(dst, Member{Key: key, Value: b[vs:s.i:s.i]})
			s.ws()
			if s.i >= len(b) {
				return dst, false, false
			}
			if b[s.i] == ',' {
				s.i++
				s.ws()
				continue
			}
			if b[s.i] != '}' {
				return dst, false, false
			}
			s.i++
			break
		}
	}
	s.ws()
	return dst, plain, s.i == len(b)
}

// Lookup returns the value of the last member named key (as a decode into
// a map keeps it), exactly.
func Lookup(members []Member, key string) (json.RawMessage, bool) {
	for i := len(members) - 1; i >= 0; i-- {
		if string(members[i].Key) == key {
			return members[i].Value, true
		}
	}
	return nil, false
}

// LookupFold returns the value of the last member whose key matches name
// without regard to ASCII case, as encoding/json fills a struct field from
// plain keys.
func LookupFold(members []Member, name string) json.RawMessage {
	for i := len(members) - 1; i >= 0; i-- {
		if EqualFold(members[i].Key, name) {
			return members[i].Value
		}
	}
	return nil
}

// EqualFold reports whether a plain key (see Object) matches name without
// regard to ASCII case, as encoding/json matches a struct field.
func EqualFold(k []byte, name string) bool {
	if len(k) != len(name) {
		return false
	}
	for i := range k {
		a, b := k[i], name[i]
		if 'A' <= a && a <= 'Z' {
			a += 'a' - 'A'
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		if a != b {
			return false
		}
	}
	return true
}

// scan is a position in JSON text.
type scan struct {
	b []byte
	i int
}

// ws skips JSON white space.
func (s *scan) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// value skips one value starting at s.i; depth is the nesting of its
// container.
func (s *scan) value(depth int) bool {
	b := s.b
	if s.i >= len(b) {
		return false
	}
	switch c := b[s.i]; {
	case c == '"':
		_, ok := s.str()
		return ok
	case c == '{':
		return s.object(depth + 1)
	case c == '[':
		return s.array(depth + 1)
	case c == '-' || '0' <= c && c <= '9':
		return s.number()
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	}
	return false
}

func (s *scan) literal(word string) bool {
	if len(s.b)-s.i < len(word) || string(s.b[s.i:s.i+len(word)]) != word {
		return false
	}
	s.i += len(word)
	return true
}

func (s *scan) object(depth int) bool {
	if depth > maxDepth {
		return false
	}
	b := s.b
	s.i++ // {
	s.ws()
	if s.i < len(b) && b[s.i] == '}' {
		s.i++
		return true
	}
	for {
		if s.i >= len(b) || b[s.i] != '"' {
			return false
		}
		if _, ok := s.str(); !ok {
			return false
		}
		s.ws()
		if s.i >= len(b) || b[s.i] != ':' {
			return false
		}
		s.i++
		s.ws()
		if !s.value(depth) {
			return false
		}
		s.ws()
		if s.i >= len(b) {
			return false
		}
		switch b[s.i] {
		case ',':
			s.i++
			s.ws()
		case '}':
			s.i++
			return true
		default:
			return false
		}
	}
}

func (s *scan) array(depth int) bool {
	if depth > maxDepth {
		return false
	}
	b := s.b
	s.i++ // [
	s.ws()
	if s.i < len(b) && b[s.i] == ']' {
		s.i++
		return true
	}
	for {
		if !s.value(depth) {
			return false
		}
		s.ws()
		if s.i >= len(b) {
			return false
		}
		switch b[s.i] {
		case ',':
			s.i++
			s.ws()
		case ']':
			s.i++
			return true
		default:
			return false
		}
	}
}

// str skips a string starting at its opening quote. simple is false when
// it holds an escape or a byte outside ASCII.
func (s *scan) str() (simple, ok bool) {
	b := s.b
	simple = true
	for i := s.i + 1; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			s.i = i + 1
			return simple, true
		case c == '\\':
			simple = false
			i++
			if i >= len(b) {
				return false, false
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(b)-i <= 4 {
					return false, false
				}
				for _, h := range b[i+1 : i+5] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return false, false
					}
				}
				i += 4
			default:
				return false, false
			}
		case c < 0x20:
			return false, false
		case c >= 0x80:
			simple = false
		}
	}
	return false, false
}

// number skips -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?.
func (s *scan) number() bool {
	b, i := s.b, s.i
	digits := func() bool {
		start := i
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
		return i > start
	}
	if b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		digits()
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	s.i = i
	return true
}
