package jsonx

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestText(t *testing.T) {
	for in, want := range map[string]string{`"abc"`: "abc", `123`: "123", `-1.50`: "-1.50", `null`: "", ``: "", ` "x" `: "x", `12345678901234567890`: "12345678901234567890"} {
		got, err := Text([]byte(in))
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{`true`, `{}`, `[1]`, `1.2.3`, `"unterminated`} {
		_, err := Text([]byte(in))
		assert.Error(t, err, in)
	}
	assert.Equal(t, "true", TextOr([]byte(" true ")))
	assert.Equal(t, "7", TextOr([]byte(`"7"`)))
}

func TestBool(t *testing.T) {
	for in, want := range map[string]bool{`true`: true, `"True"`: true, `1`: true, `"1"`: true, `"Y"`: true, `"yes"`: true,
		`false`: false, `0`: false, `"N"`: false, `""`: false, `null`: false} {
		got, err := Bool([]byte(in))
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{`2`, `"maybe"`, `{}`} {
		_, err := Bool([]byte(in))
		assert.Error(t, err, in)
	}
}

func TestSampleCutsLongInput(t *testing.T) {
	assert.Equal(t, "short", Sample([]byte("short")))
	assert.Equal(t, "01234567890123456789012345678901...", Sample([]byte("0123456789012345678901234567890123456789")))
}

var plainStringSeeds = []string{`"abc"`, `""`, `"手机"`, `"a\"b"`, `"a\\b"`, `"\u0041"`, "\"a\tb\"", "\"\xff\"", `"a"b"`, `"`, `abc`, `"x" `, "\"\x7f\""}

// TestPlainStringIsEncodingJSON takes only the strings encoding/json reads
// as they stand, and reads them alike.
func TestPlainStringIsEncodingJSON(t *testing.T) {
	for _, s := range plainStringSeeds {
		checkPlainString(t, []byte(s))
	}
	s, ok := PlainString([]byte(`"手机"`))
	assert.True(t, ok)
	assert.Equal(t, "手机", s)
	for _, in := range []string{`"a\"b"`, "\"a\tb\"", "\"\xff\"", `"a"b"`, `"`} {
		_, ok := PlainString([]byte(in))
		assert.False(t, ok, in)
	}
}

func FuzzPlainString(f *testing.F) {
	for _, s := range plainStringSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkPlainString(t, b) })
}

func checkPlainString(t *testing.T, b []byte) {
	t.Helper()
	got, ok := PlainString(b)
	if !ok {
		return
	}
	var want string
	if err := json.Unmarshal(b, &want); err != nil || got != want {
		t.Fatalf("%q: PlainString %q, encoding/json %q (%v)", b, got, want, err)
	}
}
