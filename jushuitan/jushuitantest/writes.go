package jushuitantest

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/duijie/duijie"
)

// decodeObject reads a write's biz as one JSON object, numbers kept as
// json.Number.
func decodeObject(biz []byte) (map[string]any, bool) {
	dec := json.NewDecoder(bytes.NewReader(biz))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil, false
	}
	return m, true
}

// mergeInto writes the keys of m onto v (a pointer to a record type of the
// client package) the way the vendor's updatable fields (可更新) behave:
// keys present overwrite, keys absent keep their value. Keys the caller
// handles itself are left out.
func mergeInto(v any, m map[string]any, skip ...string) {
	sub := make(map[string]any, len(m))
	for k, x := range m {
		sub[k] = x
	}
	for _, k := range skip {
		delete(sub, k)
	}
	b, _ := json.Marshal(sub)
	_ = json.Unmarshal(b, v)
}

// flag reads a JSON boolean; ok is false when absent or not a boolean.
func flag(m map[string]any, key string) (bool, bool) {
	b, ok := m[key].(bool)
	return b, ok
}

// joined reads a JSON array of strings as the comma-joined text the
// queries answer with.
func joined(m map[string]any, key string) string { return strings.Join(strList(m, key), ",") }

// amountOf reads a JSON number as an Amount; zero when absent or not a number.
func amountOf(m map[string]any, key string) duijie.Amount {
	n, ok := m[key].(json.Number)
	if !ok {
		return duijie.Amount{}
	}
	a, err := duijie.ParseAmount(n.String())
	if err != nil {
		return duijie.Amount{}
	}
	return a
}

// positive reads a JSON integer that must be more than 0.
func positive(m map[string]any, key string) (int64, bool) {
	n, ok := m[key].(json.Number)
	if !ok {
		return 0, false
	}
	v, err := n.Int64()
	return v, err == nil && v > 0
}

// repeat counts a write that named a key the fake already had.
func (s *Server) repeat(path string) { s.repeats[path]++ }

// Repeats counts the writes to an openapi v2 path (or its legacy method's
// path) that named a key the fake already had: an update of an upsert, or
// a resend of a first-success-wins write answered with the first result.
// A test that looks records up before sending them again expects none for
// the writes the client never replays.
func (s *Server) Repeats(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.repeats[path]
}

// decodeArray reads a write's biz as a JSON array of objects.
func decodeArray(biz []byte) ([]map[string]any, bool) {
	dec := json.NewDecoder(bytes.NewReader(biz))
	dec.UseNumber()
	var list []map[string]any
	if err := dec.Decode(&list); err != nil {
		return nil, false
	}
	return list, true
}
