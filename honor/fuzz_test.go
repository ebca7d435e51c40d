package honor

import (
	"encoding/json"
	"errors"
	"regexp"
	"testing"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/transport"
)

func FuzzClassify(f *testing.F) {
	f.Add(200, []byte(`{"code":"0","message":"success","data":{"total":1,"list":[]}}`))
	f.Add(200, []byte(`{"code":0}`))
	f.Add(200, []byte(`{"code":"4001","message":"slow"}`))
	f.Add(500, []byte(`<html>`))
	f.Add(200, []byte(`{"code":null}`))
	f.Add(200, []byte(`{"code":1e3,"data":"x"}`))
	classify := classifier(DefaultErrorClasses())
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		r := &transport.Result[envelope]{StatusCode: status, Body: body}
		err := classify(r)
		if err == nil {
			env, ok := r.Envelope, r.Envelope != nil
			if !ok || env.Code != CodeOK || status < 200 || status > 299 {
				t.Fatalf("success without a decoded ok envelope: %d %q", status, body)
			}
			return
		}
		if _, ok := duijie.AsAPIError(err); !ok {
			t.Fatalf("not an APIError: %v", err)
		}
	})
}

func FuzzDecodeList(f *testing.F) {
	f.Add([]byte(`{"total":2,"list":[{"order_no":"VF1","total_amount":"1.50","modified_time":"2026-11-22 10:00:00","lines":[{"quantity":2}]}]}`))
	f.Add([]byte(`{"total":"3","list":""}`))
	f.Add([]byte(`{"total":-1}`))
	f.Add([]byte(`{"list":[{"goods_code":"G1","price":null,"change_date":"2026-11-01","audit_time":1795831200}]}`))
	f.Add([]byte(`{"list":[{"customer_code":7}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkList[VFOrder](t, data)
		checkList[VFGoodsModel](t, data)
		checkList[VFCustomer](t, data)
		checkList[VFIncentive](t, data)
		checkList[VFFundPoolEntry](t, data)
	})
}

// checkList decodes data and, when it decodes, checks that the rows survive
// a round trip through their own JSON form.
func checkList[T any](t *testing.T, data []byte) {
	items, total, err := decodeList[T](data)
	if err != nil {
		return
	}
	if total < 0 {
		t.Fatalf("negative total %d", total)
	}
	b, err := json.Marshal(items)
	if err != nil {
		t.Fatalf("decoded rows do not encode: %v", err)
	}
	var again []T
	if err := json.Unmarshal(b, &again); err != nil {
		t.Fatalf("re-decode %s: %v", b, err)
	}
	if len(again) != len(items) {
		t.Fatalf("%d rows became %d", len(items), len(again))
	}
}

func FuzzMatchPSI(f *testing.F) {
	f.Add(3, []byte(`[{"doc_no":"D","serial":"S0","success":true},{"doc_no":"D","serial":"S2","success":"0","code":"9"}]`))
	f.Add(1, []byte(`[{"doc_no":"D","serial":"S0","success":"maybe"}]`))
	f.Add(0, []byte(`null`))
	f.Fuzz(func(t *testing.T, n int, rows []byte) {
		n = min(max(n, 0), 50)
		var ans []psiRow
		if json.Unmarshal(rows, &ans) != nil {
			return
		}
		records := make([]PSIRecord, n)
		for i := range records {
			records[i] = PSIRecord{DocNo: "D", Serial: "S" + string(rune('0'+i%10)) + string(rune('a'+i/10))}
		}
		res, err := matchPSI(records, 0, ans, "op")
		if len(res.Results) != n {
			t.Fatalf("%d results for %d records", len(res.Results), n)
		}
		failed := map[int]bool{}
		var be *duijie.BatchError
		if errors.As(err, &be) {
			for _, r := range be.Failed {
				failed[r.Index] = true
			}
		}
		for i, r := range res.Results {
			if r.Index != i || r.Key != records[i].Key() {
				t.Fatalf("result %d is %+v", i, r)
			}
			if r.OK == failed[i] {
				t.Fatalf("record %d: ok %v but listed as failed %v", i, r.OK, failed[i])
			}
		}
	})
}

var upperHex64 = regexp.MustCompile(`^[0-9A-F]{64}$`)

func FuzzSignHMACSHA256(f *testing.F) {
	f.Add("app_id", "A1", "biz_content", `{"a":"荣耀"}`, "key")
	f.Add("sign", "x", "", "", "")
	f.Add("a=b", "c&d", "timestamp", "1795831200000", "密钥")
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2, key string) {
		p := map[string]string{k1: v1, k2: v2}
		s := SignHMACSHA256(p, key)
		if !upperHex64.MatchString(s) {
			t.Fatalf("signature %q is not 64 upper-case hex digits", s)
		}
		withSign := map[string]string{k1: v1, k2: v2, "sign": "whatever"}
		if k1 != "sign" && k2 != "sign" && SignHMACSHA256(withSign, key) != s {
			t.Fatal("the sign parameter changed the signature")
		}
		withEmpty := map[string]string{k1: v1, k2: v2, "zz-empty": ""}
		if k1 != "zz-empty" && k2 != "zz-empty" && SignHMACSHA256(withEmpty, key) != s {
			t.Fatal("an empty parameter changed the signature")
		}
		if SignHMACSHA256(p, key) != s {
			t.Fatal("not deterministic")
		}
	})
}
