package duijie

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBoolAcceptsEveryVendorForm(t *testing.T) {
	for in, want := range map[string]bool{
		`true`: true, `false`: false, `1`: true, `0`: false,
		`"true"`: true, `"True"`: true, `"TRUE"`: true, `"false"`: false, `"1"`: true, `"0"`: false,
		`"Y"`: true, `"y"`: true, `"N"`: false, `"n"`: false,
		`""`: false, `null`: false, ` "true" `: true,
	} {
		var b Bool = !Bool(want)
		require.NoError(t, json.Unmarshal([]byte(in), &b), in)
		assert.Equal(t, want, bool(b), in)
	}
}

func TestBoolRefusesAnythingElse(t *testing.T) {
	for _, in := range []string{`2`, `"maybe"`, `"10"`, `-1`, `[]`, `{}`, `"t"`} {
		var b Bool
		assert.Error(t, json.Unmarshal([]byte(in), &b), in)
	}
}

func TestBoolEncodesAsJSONBoolean(t *testing.T) {
	out, err := json.Marshal(struct{ A, B Bool }{true, false})
	require.NoError(t, err)
	assert.Equal(t, `{"A":true,"B":false}`, string(out))
}
