package yihua

import (
	"encoding/json"
	"testing"
)

func FuzzOuterTradeID(f *testing.F) {
	for _, s := range []string{`{"OuterTradeID":"6359657698853654528"}`, `"123"`, `"{\"OuterTradeID\":5}"`, `"成功"`, `null`, `"\"{}\""`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		id, ok := OuterTradeID(json.RawMessage(msg))
		if ok != (id != "") || ok && !isTradeNumber(id) {
			t.Fatalf("%q -> %q %v", msg, id, ok)
		}
	})
}
