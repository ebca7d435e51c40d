package textcheck

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

type line struct {
	Name  string `json:"goods_name"`
	Skip  string `json:"-"`
	Raw   []byte
	Plain string
}

type order struct {
	ID    string `json:"tid,omitempty"`
	Lines []line `json:"order_list"`
	Extra map[string]any
	Ptr   *line
	inner string
}

func TestFirstInvalidUTF8(t *testing.T) {
	ok := order{ID: "T1", Lines: []line{{Name: "手机😀"}}, Extra: map[string]any{"k": "v"}, inner: "\xff"}
	assert.Equal(t, "", FirstInvalidUTF8(ok))
	assert.Equal(t, "", FirstInvalidUTF8(nil))
	for want, o := range map[string]order{
		"tid":                      {ID: "\xff"},
		"order_list[1].goods_name": {Lines: []line{{}, {Name: "a\xc3"}}},
		"order_list[0].Plain":      {Lines: []line{{Plain: "\xed\xa0\x80"}}},
		"Extra.k":                  {Extra: map[string]any{"k": []string{"\xff"}[0]}},
		"Extra.(key)":              {Extra: map[string]any{"\xff": 1}},
		"Ptr.goods_name":           {Ptr: &line{Name: "\x80"}},
		"Extra.":                   {Extra: map[string]any{"": "\xff"}},
	} {
		assert.Equal(t, want, FirstInvalidUTF8(&o))
	}
	assert.Equal(t, "", FirstInvalidUTF8(order{Lines: []line{{Skip: "\xff", Raw: []byte{0xff}}}}))
}

func TestFirstInvalidUTF8FieldUsesGoNames(t *testing.T) {
	assert.Equal(t, "Lines[1].Name", FirstInvalidUTF8Field(&order{Lines: []line{{}, {Name: "a\xc3"}}}))
	assert.Equal(t, "ID", FirstInvalidUTF8Field(order{ID: "\xff"}))
	assert.Equal(t, "", FirstInvalidUTF8Field(order{Lines: []line{{Skip: "\xff"}}}))
}

func BenchmarkFirstInvalidUTF8Valid(b *testing.B) {
	o := order{ID: "T1", Lines: make([]line, 50), Extra: map[string]any{"k": "v"}}
	for i := range o.Lines {
		o.Lines[i] = line{Name: "手机", Plain: "科技园1号"}
	}
	b.ReportAllocs()
	for b.Loop() {
		if FirstInvalidUTF8(&o) != "" {
			b.Fatal("valid text reported")
		}
	}
}
