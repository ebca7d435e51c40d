package honor

import "github.com/duijie/duijie/internal/form"

// encodeForm returns the form body of ps, listed in key order (as
// sortedParams lists a map): byte for byte what url.Values.Encode writes
// for the same parameters (each escaped as url.QueryEscape does), in one
// buffer sized once.
func encodeForm(ps []param) []byte {
	n := len(ps)
	for _, p := range ps {
		n += form.EscapedLen(p.key) + form.EscapedLen(p.value)
	}
	b := make([]byte, 0, n)
	for i, p := range ps {
		if i > 0 {
			b = append(b, '&')
		}
		b = form.AppendEscaped(b, p.key)
		b = append(b, '=')
		b = form.AppendEscaped(b, p.value)
	}
	return b
}
