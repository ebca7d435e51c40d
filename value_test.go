package duijie

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-querystring/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAmountDecodes(t *testing.T) {
	for in, want := range map[string]string{`12.5`: "12.5", `"12.50"`: "12.5", `""`: "0", `null`: "0", `" 3 "`: "3", `-0.01`: "-0.01", `1e3`: "1000"} {
		var a Amount
		require.NoError(t, json.Unmarshal([]byte(in), &a), in)
		w, _ := ParseAmount(want)
		assert.True(t, a.Equal(w), "%s decoded as %s", in, a)
	}
	for _, bad := range []string{`"abc"`, `true`, `{}`, `"1.2.3"`} {
		var a Amount
		assert.Error(t, json.Unmarshal([]byte(bad), &a), bad)
	}
}

func TestAmountEncodes(t *testing.T) {
	a, err := ParseAmount("12.5")
	require.NoError(t, err)
	b, _ := json.Marshal(a)
	assert.Equal(t, "12.5", string(b))
	assert.Equal(t, "12.5000", a.Fixed(4))
	assert.Equal(t, `"12.50"`, string(a.AppendJSON(nil, 2, true)))
	big, _ := ParseAmount("1000000")
	v, err := query.Values(struct {
		Price Amount `url:"price"`
	}{big})
	require.NoError(t, err)
	assert.Equal(t, "price=1000000", v.Encode())
}

func TestTimeDecodesAndEncodes(t *testing.T) {
	cases := map[string]time.Time{
		`"2024-03-05 08:09:10"`:     time.Date(2024, 3, 5, 8, 9, 10, 0, cst),
		`"2024-03-05 08:09:10.250"`: time.Date(2024, 3, 5, 8, 9, 10, 250e6, cst),
		`"2020/3/23 15:54:17"`:      time.Date(2020, 3, 23, 15, 54, 17, 0, cst),
		`"2024-03-05T00:09:10Z"`:    time.Date(2024, 3, 5, 8, 9, 10, 0, cst),
		`1709597350`:                time.Date(2024, 3, 5, 8, 9, 10, 0, cst),
		`1709597350000`:             time.Date(2024, 3, 5, 8, 9, 10, 0, cst),
		`""`:                        {},
		`null`:                      {},
		`"0000-00-00 00:00:00"`:     {},
	}
	for in, want := range cases {
		var tm Time
		require.NoError(t, json.Unmarshal([]byte(in), &tm), in)
		assert.True(t, tm.Equal(want), "%s decoded as %v", in, tm.Time)
	}
	b, _ := json.Marshal(NewTime(time.Date(2024, 3, 5, 0, 9, 10, 0, time.UTC)))
	assert.Equal(t, `"2024-03-05 08:09:10"`, string(b))
	b, _ = json.Marshal(Time{})
	assert.Equal(t, `""`, string(b))
	v, err := query.Values(struct {
		Start Time `url:"start"`
		End   Time `url:"end"`
	}{Start: NewTime(time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC))})
	require.NoError(t, err)
	assert.Equal(t, "start=2024-03-05+08%3A00%3A00", v.Encode())
}

func TestDateAndInt64(t *testing.T) {
	var d Date
	require.NoError(t, json.Unmarshal([]byte(`"2024-02-29"`), &d))
	assert.Equal(t, Date{2024, time.February, 29}, d)
	assert.Equal(t, Date{2024, time.March, 1}, d.AddDays(1))
	require.NoError(t, json.Unmarshal([]byte(`"0000-00-00"`), &d))
	assert.True(t, d.IsZero())
	// 23:30 UTC is already the next day in China.
	assert.Equal(t, Date{2024, time.March, 1}, DateOf(time.Date(2024, 2, 29, 16, 0, 0, 0, time.UTC)))

	var n Int64
	for in, want := range map[string]Int64{`123`: 123, `"123"`: 123, `""`: 0, `null`: 0, `"9007199254740993"`: 9007199254740993} {
		n = 0
		require.NoError(t, json.Unmarshal([]byte(in), &n), in)
		assert.Equal(t, want, n, in)
	}
	assert.Error(t, json.Unmarshal([]byte(`1.5`), &n))
}

func TestTextAcceptsStringsAndNumbers(t *testing.T) {
	for in, want := range map[string]Text{`"80"`: "80", `80`: "80", `2778958909363191820`: "2778958909363191820", `null`: "", `"张三"`: "张三"} {
		var got Text
		require.NoError(t, json.Unmarshal([]byte(in), &got), in)
		assert.Equal(t, want, got)
	}
	var got Text
	assert.Error(t, json.Unmarshal([]byte(`{}`), &got))
	assert.Error(t, json.Unmarshal([]byte(`true`), &got))
	b, _ := json.Marshal(Text("80"))
	assert.Equal(t, `"80"`, string(b))
}
