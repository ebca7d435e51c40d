package jushuitan

// formWriter writes an application/x-www-form-urlencoded body in one
// buffer, escaping as url.QueryEscape does. Keys are added in the order
// url.Values.Encode would write them: ascending.
type formWriter struct{ b []byte }

func (f *formWriter) grow(n int) { f.b = make([]byte, 0, n) }

func (f *formWriter) add(k, v string) {
	if len(f.b) > 0 {
		f.b = append(f.b, '&')
	}
	f.b = appendQueryEscape(f.b, k)
	f.b = append(f.b, '=')
	f.b = appendQueryEscape(f.b, v)
}

func addBytes(f *formWriter, k string, v []byte) {
	if len(f.b) > 0 {
		f.b = append(f.b, '&')
	}
	f.b = appendQueryEscape(f.b, k)
	f.b = append(f.b, '=')
	f.b = appendQueryEscape(f.b, v)
}

// keepsInQuery reports the bytes url.QueryEscape leaves as they are.
func keepsInQuery(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
}

// escapedLen is the length of url.QueryEscape(s).
func escapedLen[S string | []byte](s S) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && !keepsInQuery(c) {
			n += 2
		}
	}
	return n
}

// appendQueryEscape appends url.QueryEscape(s) to dst.
func appendQueryEscape[S string | []byte](dst []byte, s S) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case keepsInQuery(c):
			dst = append(dst, c)
		case c == ' ':
			dst = append(dst, '+')
		default:
			dst = append(dst, '%', hex[c>>4], hex[c&15])
		}
	}
	return dst
}
