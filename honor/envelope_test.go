package honor

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/duijie/duijie"
)

var envelopeSeeds = []string{
	`{"code":"0","message":"ok","request_id":"r1","data":{"total":1,"list":[{"a":1}]}}`,
	`{"code":0,"data":null}`, `{"Code":"1","CODE":"2","Message":"m","DATA":[1]}`, `{"code":"0","message":3}`,
	`{"c\u006fde":"0"}`, `{"code":"0","data":{}} x`, `[1]`, `null`, `{}`, `{"code":""}`, `{"code":true}`,
	`{"code":"0","request_id":null,"message":null}`, "{\"code\":\"0\",\"message\":\"\xff\"}", `{"cödе":"0","code":"1"}`,
	`{"code":"0","data":"x"}`, `{"message":3,"message":"ok","code":"0"}`, `{"code":"0","Code":1}`, ` {"code" : "7" , "data" : [ ] } `,
}

// TestEnvelopeOnePassIsEncodingJSON holds the one-pass envelope reader to
// encoding/json's.
func TestEnvelopeOnePassIsEncodingJSON(t *testing.T) {
	for _, s := range envelopeSeeds {
		checkEnvelope(t, []byte(s))
	}
}

func FuzzEnvelopeOnePass(f *testing.F) {
	for _, s := range envelopeSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) { checkEnvelope(t, body) })
}

func checkEnvelope(t *testing.T, body []byte) {
	t.Helper()
	got, gerr := decodeEnvelope(body)
	want, werr := decodeEnvelopeSlow(body)
	if (gerr == nil) != (werr == nil) {
		t.Fatalf("%q: one pass says %v, encoding/json says %v", body, gerr, werr)
	}
	if gerr != nil {
		return
	}
	if got.Code != want.Code || got.Message != want.Message || got.RequestID != want.RequestID || !bytes.Equal(got.Data, want.Data) {
		t.Fatalf("%q: one pass %+v, encoding/json %+v", body, got, want)
	}
}

// decodeListSlow is decodeList's data read by encoding/json alone.
func decodeListSlow(data []byte) (total int64, list []byte, err error) {
	var d struct {
		Total duijie.Int64    `json:"total"`
		List  json.RawMessage `json:"list"`
	}
	err = json.Unmarshal(data, &d)
	return int64(d.Total), d.List, err
}

func FuzzListOnePass(f *testing.F) {
	for _, s := range []string{`{"total":2,"list":[{"a":1},{"a":2}]}`, `{"TOTAL":"3","List":null}`, `{"total":true,"total":1,"list":[]}`,
		`{"list":"","total":-1}`, `{"t\u006ftal":1,"list":[]}`, `[]`, `{"total":1}`, `{"list":[1],"LIST":[2]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, total, err := decodeList[json.RawMessage](data)
		wantTotal, wantList, werr := decodeListSlow(data)
		if werr != nil {
			if err == nil {
				t.Fatalf("%q: one pass accepts, encoding/json says %v", data, werr)
			}
			return
		}
		if err != nil {
			// The list itself may still be refused (missing, negative total,
			// not a list of rows); the head must have been read alike.
			if wantList != nil && wantTotal >= 0 && json.Unmarshal(wantList, new([]json.RawMessage)) == nil && !bytes.Equal(bytes.TrimSpace(wantList), []byte(`""`)) {
				t.Fatalf("%q: one pass refuses (%v), encoding/json reads it", data, err)
			}
			return
		}
		if int64(total) != wantTotal {
			t.Fatalf("%q: total %d, encoding/json %d", data, total, wantTotal)
		}
	})
}
