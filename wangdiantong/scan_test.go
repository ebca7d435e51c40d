package wangdiantong

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/transport"
)

// classifyOpenAPIReference is the openapi2 classification done with
// encoding/json alone: the answer must be an object with a code.
func classifyOpenAPIReference(body []byte) (code, message string, ok bool) {
	var st openAPIStatus
	if err := json.Unmarshal(body, &st); err != nil || len(st.Code) == 0 || !isObject(body) {
		return "", "", false
	}
	return text(st.Code), text(st.Message), true
}

var scanSeeds = []string{
	`{}`, ` {"code":0} `, `{"code":"0","message":"","total_count":"2","stockin_list":[{"a":[1,-2.5e+3,true,false,null,{}]}]}`,
	`{"Code":1,"code":2}`, `{"CODE":"100","MESSAGE":"x"}`, `{"c\u006fde":1}`, `{"meſſage":"x","code":1}`, `{"code":1,"message":"\u00e9\ud83d\ude00"}`,
	`[1]`, `null`, `"x"`, `{"code":01}`, `{"code":1,}`, `{"code":-}`, `{"code":1.}`, `{"code":1e}`, `{"code":tru}`, `{"code":"\x01"}`,
	`{"code":"\q"}`, `{"code":"\u12"}`, `{"code":1} x`, "\ufeff{\"code\":1}", `{"code":1 "message":2}`, `{"a":[1 2]}`, `{"a" 1}`,
	"{\"code\":\"\xff\xfe\"}", `{"code":[[[[]]]]}`, `{"code":{"a":{"b":[]}}}`, "", " ", `{`, `{"code`, `{"code":"0"`,
	strings.Repeat(`[`, maxDepth) + strings.Repeat(`]`, maxDepth),
	`{"a":` + strings.Repeat(`[`, maxDepth-1) + strings.Repeat(`]`, maxDepth-1) + `,"code":1}`,
	`{"a":` + strings.Repeat(`[`, maxDepth) + strings.Repeat(`]`, maxDepth) + `,"code":1}`,
}

// checkScan compares the one-pass scan with encoding/json on body.
func checkScan(t *testing.T, body []byte) {
	t.Helper()
	fields, plain, ok := scanObject(body, nil)
	isObj := json.Valid(body) && bytes.HasPrefix(bytes.TrimLeft(body, " \t\r\n"), []byte("{"))
	if ok != isObj {
		t.Fatalf("scanObject(%q) ok = %v, encoding/json says object = %v", body, ok, isObj)
	}
	r := &transport.Result[envelope]{StatusCode: 200, Body: body}
	err := classifyOpenAPI(r)
	code, msg, refOK := classifyOpenAPIReference(body)
	if !refOK {
		if r.Envelope != nil || err == nil {
			t.Fatalf("%q: accepted, encoding/json refuses it", body)
		}
		if _, isAPI := duijie.AsAPIError(err); !isAPI {
			t.Fatalf("%q: %v", body, err)
		}
		return
	}
	if r.Envelope == nil || r.Envelope.code != code || r.Envelope.message != msg {
		t.Fatalf("%q: envelope %+v, encoding/json reads code %q message %q", body, r.Envelope, code, msg)
	}
	if !ok || !plain {
		return
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(body, &all); err != nil {
		t.Fatal(err)
	}
	if len(fields) < len(all) {
		t.Fatalf("%q: %d members scanned, %d keys", body, len(fields), len(all))
	}
	for k, want := range all {
		if got, found := lookup(fields, k); !found || !bytes.Equal(got, want) {
			t.Fatalf("%q: member %q is %q, encoding/json gives %q", body, k, got, want)
		}
	}
}

func TestScanObjectAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range scanSeeds {
		checkScan(t, []byte(s))
	}
}

func FuzzScanObject(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) { checkScan(t, body) })
}
