package jushuitan

import "github.com/duijie/duijie/internal/form"

// formWriter writes an application/x-www-form-urlencoded body in one
// buffer, escaping as url.QueryEscape does. Keys are added in the order
// url.Values.Encode would write them: ascending.
type formWriter struct{ b []byte }

func (f *formWriter) grow(n int) { f.b = make([]byte, 0, n) }

func (f *formWriter) add(k, v string) {
	if len(f.b) > 0 {
		f.b = append(f.b, '&')
	}
	f.b = form.AppendEscaped(f.b, k)
	f.b = append(f.b, '=')
	f.b = form.AppendEscaped(f.b, v)
}

func addBytes(f *formWriter, k string, v []byte) {
	if len(f.b) > 0 {
		f.b = append(f.b, '&')
	}
	f.b = form.AppendEscaped(f.b, k)
	f.b = append(f.b, '=')
	f.b = form.AppendEscaped(f.b, v)
}
