package jsonx

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

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

// checkObject compares the one-pass scan with encoding/json on body: the
// same verdict on whether it is an object, and, for plain keys, the same
// value for every key a decode into a map keeps.
func checkObject(t *testing.T, body []byte) {
	t.Helper()
	members, plain, ok := Object(body, nil)
	isObj := json.Valid(body) && bytes.HasPrefix(bytes.TrimLeft(body, " \t\r\n"), []byte("{"))
	if ok != isObj {
		t.Fatalf("Object(%q) ok = %v, encoding/json says object = %v", body, ok, isObj)
	}
	if !ok || !plain {
		return
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(body, &all); err != nil {
		t.Fatal(err)
	}
	if len(members) < len(all) {
		t.Fatalf("%q: %d members scanned, %d keys", body, len(members), len(all))
	}
	for k, want := range all {
		if got, found := Lookup(members, k); !found || !bytes.Equal(got, want) {
			t.Fatalf("%q: member %q is %q, encoding/json gives %q", body, k, got, want)
		}
	}
}

func TestObjectAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range scanSeeds {
		checkObject(t, []byte(s))
	}
}

func FuzzObject(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) { checkObject(t, body) })
}
