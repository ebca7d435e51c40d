package honor

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// oldEnvelope is the envelope as json.Unmarshal reads it, the reference
// decodeEnvelope must match.
func oldEnvelope(body []byte) (*envelope, error) {
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, err
	}
	if env.Code == "" {
		return nil, errNoCode
	}
	return &env, nil
}

var envelopeSeeds = []string{
	`{"code":"0","message":"success","request_id":"r1","data":{"total":1,"list":[]}}`,
	` { "code" : 0 , "data" : null } `,
	`{"code":"4001","message":"slow"}`,
	`{"Code":"0","data":{}}`,
	`{"co\u0064e":"0","data":1}`,
	`{"code":"0","code":"1"}`,
	`{"code":"0","message":7}`,
	`{"code":"0","data":"x\"}{"}`,
	`{"code":"0","data":[{"a":"]}"},{}]} x`,
	`{"code":"0","meſſage":"folded"}`,
	`{"code":"0","data":{"list":[1,2]}}{}`,
	`[{"code":"0"}]`,
	`null`,
	`<html>`,
	``,
}

func FuzzDecodeEnvelopeMatchesUnmarshal(f *testing.F) {
	for _, s := range envelopeSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, gerr := decodeEnvelope(body)
		want, werr := oldEnvelope(body)
		if (gerr == nil) != (werr == nil) {
			t.Fatalf("%q: error %v, json.Unmarshal's %v", body, gerr, werr)
		}
		if gerr != nil {
			return
		}
		if got.Code != want.Code || got.Message != want.Message || got.RequestID != want.RequestID ||
			!bytes.Equal(got.Data, want.Data) || (got.Data == nil) != (want.Data == nil) {
			t.Fatalf("%q: got %+v, json.Unmarshal %+v", body, got, want)
		}
	})
}

func TestDecodeEnvelopeSeeds(t *testing.T) {
	for _, s := range envelopeSeeds {
		got, gerr := decodeEnvelope([]byte(s))
		want, werr := oldEnvelope([]byte(s))
		if fmt.Sprint(gerr) != fmt.Sprint(werr) || (gerr == nil && (got.Code != want.Code || got.Message != want.Message ||
			got.RequestID != want.RequestID || !bytes.Equal(got.Data, want.Data))) {
			t.Errorf("%s: got %+v %v, want %+v %v", s, got, gerr, want, werr)
		}
	}
}

var pageSeeds = []string{
	`{"total":2,"list":[{"order_no":"VF1","total_amount":"1.50","modified_time":"2026-11-22 10:00:00","lines":[{"quantity":2}]}]}`,
	`{"total":"3","list":""}`,
	`{"total":-1,"list":[]}`,
	`{"total":1}`,
	`{"list":null}`,
	`{"list":"x"}`,
	`{"List":[{"order_no":"A"}]}`,
	`{"list":[{"order_no":"A"}],"list":[]}`,
	`{"total":1.5,"list":[]}`,
	`{"total":null,"list":[{"order_no":7}]}`,
	`{"li\u0073t":[]}`,
	`{"total":9007199254740993,"list":[{}],"extra":{"list":[]}}`,
	`[]`,
	`null`,
}

func FuzzDecodePageMatchesDecodeList(f *testing.F) {
	for _, s := range pageSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return // decodePage reads an envelope's data, which is valid JSON
		}
		samePage[VFOrder](t, data)
		samePage[VFCustomer](t, data)
	})
}

func TestDecodePageSeeds(t *testing.T) {
	for _, s := range pageSeeds {
		samePage[VFOrder](t, []byte(s))
	}
}

// samePage checks that decodePage reads data as decodeList does.
func samePage[T any](t *testing.T, data []byte) {
	t.Helper()
	gi, gt, gerr := decodePage[T](data)
	wi, wt, werr := decodeList[T](data)
	g, _ := json.Marshal(gi)
	w, _ := json.Marshal(wi)
	if fmt.Sprint(gerr) != fmt.Sprint(werr) || gt != wt || !bytes.Equal(g, w) || (gi == nil) != (wi == nil) {
		t.Fatalf("%s: decodePage %s %d %v, decodeList %s %d %v", data, g, gt, gerr, w, wt, werr)
	}
}

// TestMatchPSIInOrderOrNot checks that rows answered in input order are
// matched as rows in any other order are.
func TestMatchPSIInOrderOrNot(t *testing.T) {
	records := []PSIRecord{{DocNo: "D1", Serial: "S1"}, {DocNo: "D1", Serial: "S2"}, {DocNo: "D2", Serial: "S1"}}
	rows := []psiRow{{DocNo: "D1", Serial: "S1", Success: true}, {DocNo: "D1", Serial: "S2", Code: "9", Message: "no"},
		{DocNo: "D2", Serial: "S1", Success: true, Replaced: true}}
	inOrder, err1 := matchPSI(records, 4, rows, "op")
	shuffled, err2 := matchPSI(records, 4, []psiRow{rows[2], rows[0], rows[1]}, "op")
	if fmt.Sprint(inOrder, err1) != fmt.Sprint(shuffled, err2) {
		t.Fatalf("in order %v %v, shuffled %v %v", inOrder, err1, shuffled, err2)
	}
	if err1 == nil || inOrder.Results[2].Index != 6 || !inOrder.Results[2].Replaced || inOrder.Results[1].Code != "9" {
		t.Fatalf("results %+v, error %v", inOrder.Results, err1)
	}
}
