package honor

import (
	"maps"
	"slices"

	"github.com/duijie/duijie/internal/form"
)

// encodeForm returns the form body of params, byte for byte what
// url.Values.Encode writes for them (keys in byte order, each escaped as
// url.QueryEscape does), in one buffer sized once.
func encodeForm(params map[string]string) []byte {
	keys := slices.Sorted(maps.Keys(params))
	n := len(keys)
	for _, k := range keys {
		n += form.EscapedLen(k) + form.EscapedLen(params[k])
	}
	b := make([]byte, 0, n)
	for i, k := range keys {
		if i > 0 {
			b = append(b, '&')
		}
		b = form.AppendEscaped(b, k)
		b = append(b, '=')
		b = form.AppendEscaped(b, params[k])
	}
	return b
}
