package kingdee_test

import "encoding/json"

// jsonStd is encoding/json, named so the tests read plainly.
var jsonStd = struct {
	Marshal   func(any) ([]byte, error)
	Unmarshal func([]byte, any) error
}{json.Marshal, json.Unmarshal}
