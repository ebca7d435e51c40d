package wangdiantong

import (
	"encoding/json"
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

var classifySeeds = []string{
	`{}`, ` {"code":0} `, `{"code":"0","message":"","total_count":"2","stockin_list":[{"a":[1,-2.5e+3,true,false,null,{}]}]}`,
	`{"Code":1,"code":2}`, `{"CODE":"100","MESSAGE":"x"}`, `{"c\u006fde":1}`, `{"meſſage":"x","code":1}`, `{"code":1,"message":"\u00e9\ud83d\ude00"}`,
	`[1]`, `null`, `"x"`, `{"code":01}`, `{"code":1,}`, `{"code":1} x`, "{\"code\":\"\xff\xfe\"}", "", `{"code":"0"`,
}

// checkClassify compares the one-pass classification with encoding/json.
func checkClassify(t *testing.T, body []byte) {
	t.Helper()
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
}

func TestClassifyAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range classifySeeds {
		checkClassify(t, []byte(s))
	}
}

func FuzzClassifyOpenAPI(f *testing.F) {
	for _, s := range classifySeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) { checkClassify(t, body) })
}
