package kingdee

import (
	"bytes"
	"testing"
)

var objectHeadSeeds = []string{
	`{"Result":{"ResponseStatus":{"IsSuccess":true,"MsgCode":0}}}`,
	`{"LoginResultType":1,"KDSVCSessionId":"x"}`, `{"LoginResultType":null}`, `{"loginresulttype":0,"Message":"m"}`,
	`{"result":{"Id":"1"},"Result":{"Id":"2"}}`, `{"RESULT":[1]}`, `{"Result":null}`, `{"R\u0065sult":{"Id":"3"}}`,
	`{"Result":{"Id":"4"}} x`, `{}`, `{"Result":"s","LoginResultType":"0"}`, "{\"Result\":\"\xff\"}", ` { "Result" : { } } `,
	`{"Résult":{"Id":"5"}}`, `{"Result":{"Id":"6"},}`, `{"a":1,"a":2}`,
}

// TestObjectHeadIsEncodingJSON holds the one-pass reading of an object
// answer's head to encoding/json's.
func TestObjectHeadIsEncodingJSON(t *testing.T) {
	for _, s := range objectHeadSeeds {
		checkObjectHead(t, []byte(s))
	}
}

func FuzzObjectHead(f *testing.F) {
	for _, s := range objectHeadSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) { checkObjectHead(t, body) })
}

func checkObjectHead(t *testing.T, body []byte) {
	t.Helper()
	result, login, err := objectHead(body)
	wantResult, wantLogin, wantErr := objectHeadSlow(body)
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("%q: one pass says %v, encoding/json says %v", body, err, wantErr)
	}
	if err != nil {
		return
	}
	if !bytes.Equal(result, wantResult) || (result == nil) != (wantResult == nil) ||
		!bytes.Equal(login, wantLogin) || (login == nil) != (wantLogin == nil) {
		t.Fatalf("%q: one pass %q %q, encoding/json %q %q", body, result, login, wantResult, wantLogin)
	}
}
