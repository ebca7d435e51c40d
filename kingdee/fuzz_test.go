package kingdee

import (
	"encoding/json"
	"net/http"
	"testing"
	"unicode/utf8"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/transport"
)

// FuzzClassify feeds any answer to the classifier: it must not panic, must
// decode a success into a known shape, and must never call a failed
// status a success.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{
		`{"Result":{"ResponseStatus":{"ErrorCode":500,"IsSuccess":false,"Errors":[{"FieldName":null,"Message":"会话信息已丢失，请重新登录","DIndex":0}],"SuccessEntitys":[],"SuccessMessages":[],"MsgCode":1}}}`,
		`[[{"Result":{"ResponseStatus":{"IsSuccess":false,"MsgCode":"9"}}}]]`,
		`[["a",1,null],["b",2.5,true]]`,
		`{"LoginResultType":1,"KDSVCSessionId":"x"}`,
		`{"LoginResultType":"0","Message":"bad"}`,
		`response_error:{"Message":"x"}`,
		`<html></html>`, `[{"FNumber":"A"}]`, `true`, `{"Result":{"Id":"","Result":null}}`,
	} {
		f.Add(200, []byte(s))
	}
	f.Add(519, []byte(`{"errcode":4006,"description":"x"}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		r := &transport.Result[answer]{StatusCode: status, Header: http.Header{}, Body: body}
		err := classify(r)
		if err != nil {
			return
		}
		a, ok := r.Envelope, r.Envelope != nil
		if !ok {
			t.Fatalf("success without a decoded answer for %q", body)
		}
		if a.kind == kindLogin && !a.login.ok() {
			t.Fatalf("failed login passed: %q", body)
		}
		if a.kind == kindStatus && a.result.ResponseStatus != nil && !bool(a.result.ResponseStatus.IsSuccess) && wholeCall(a.result.ResponseStatus) {
			t.Fatalf("whole-call failure passed: %q", body)
		}
	})
}

// FuzzRowDecode decodes any row into a struct: no panic, and a row that
// decodes gives back its text columns.
func FuzzRowDecode(f *testing.F) {
	f.Add(`["A",1,null]`)
	f.Add(`["\u4e2d",-1.5e3,"12.50"]`)
	f.Fuzz(func(t *testing.T, s string) {
		var row Row
		if json.Unmarshal([]byte(s), &row) != nil || len(row) != 3 {
			return
		}
		var v struct {
			A any           `json:"a"`
			B any           `json:"b"`
			C duijie.Amount `json:"c"`
		}
		_ = row.Decode([]string{"a", "b", "c"}, &v)
		for i := range row {
			_ = row.String(i)
			_, _ = row.Amount(i)
		}
	})
}

// FuzzSalReturnMarshal writes bills with any text: always valid JSON that
// reads back the same bill number, note and custom field.
func FuzzSalReturnMarshal(f *testing.F) {
	f.Add("XSTH-1", "退货 <&> \"x\"", "F_ABC_Text", "v")
	f.Fuzz(func(t *testing.T, no, note, key, val string) {
		b := SalReturnStock{BillNo: no, HeadNote: note, Customer: RefTo(no), Extra: Extra{key: val}}
		out, err := json.Marshal(b)
		if err != nil {
			return // a custom field that collides with a typed one
		}
		var back map[string]any
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("invalid JSON %q: %v", out, err)
		}
		if no != "" && back["FBillNo"] != no && utf8.ValidString(no) {
			t.Fatalf("bill number %q came back as %v", no, back["FBillNo"])
		}
		if _, ok := back[key]; !ok && key != "" && utf8.ValidString(key) {
			t.Fatalf("custom field %q lost in %s", key, out)
		}
	})
}
