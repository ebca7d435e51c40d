package jushuitan

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// decodeRows, the one-pass decoder, reads every payload as the head
// decode followed by listRows does: same head, same rows, same missing
// list, an error exactly when that path errs.
func FuzzDecodeRowsIsListRows(f *testing.F) {
	for _, s := range []string{
		`{"page_index":1,"page_size":2,"has_next":true,"data_count":3,"orders":[{"o_id":1,"so_id":"A"}]}`,
		`{"orders":null}`, `{"orders":[]}`, `{}`, `{"Orders":[{"o_id":1}]}`, `{"ORDERS":null}`,
		`{"orders":[{"o_id":1}],"Orders":[{"o_id":2}]}`, `{"x":"\"orders\"","Orders":[{"o_id":2}]}`,
		`{"datas":[{"shop_id":1}]}`, `{"shops":[{"shop_id":2}]}`, `{"datas":null,"shops":[{"shop_id":2}]}`,
		`{"shops":null}`, `{"Shops":[{"shop_id":2}]}`, `{"inventorys":[{"sku_id":"S","qty":"1.5"}]}`,
		`{"inventorys":{"sku_id":"S"}}`, `{"page_index":"x","orders":[]}`, `[]`, `"x"`, `{"\u006frders":[{"o_id":3}]}`,
		`{"datas":[{"o_id":1,"so_id":"S","issuccess":true}]}`, `{"page_index":"bad","datas":[]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !json.Valid(data) {
			return // the envelope's data is valid JSON
		}
		same[InventoryItem](t, data, true, table[opQueryInventory].listKeys)
		same[Order](t, data, true, table[opQueryOrders].listKeys)
		same[Shop](t, data, true, table[opQueryShops].listKeys)
		same[Warehouse](t, data, true, table[opQueryWarehouses].listKeys)
		same[uploadRow](t, data, false, table[opUploadOrders].listKeys)
	})
}

func same[T any](t *testing.T, data []byte, head bool, keys []string) {
	t.Helper()
	h1, r1, err1 := decodeRows[T](data, head, keys)
	h2, r2, err2 := slowRows[T](data, head, keys)
	if (err1 == nil) != (err2 == nil) || errors.Is(err1, ErrMissingList) != errors.Is(err2, ErrMissingList) {
		t.Fatalf("%s %v: one pass: %v; head and listRows: %v", data, keys, err1, err2)
	}
	if err1 != nil {
		return
	}
	if !reflect.DeepEqual(h1, h2) || !reflect.DeepEqual(r1, r2) {
		t.Fatalf("%s %v: one pass %+v %+v; head and listRows %+v %+v", data, keys, h1, r1, h2, r2)
	}
}

// A typical answer, with keys the page does not read, takes the single pass.
func TestStreamRowsReadsTypicalAnswersInOnePass(t *testing.T) {
	b := []byte(`{"page_index":2,"page_size":1,"data_count":3,"page_count":3,"has_next":true,"extra":{"a":[1,"x"]},"orders":[{"o_id":7,"so_id":"A","items":[{"sku_id":"S"}]}]}`)
	h, rows, ok := streamRows[Order](b, true, table[opQueryOrders].listKeys)
	if !ok || rows == nil || len(*rows) != 1 || (*rows)[0].OID != 7 || h.PageIndex != 2 || h.PageSize != 1 || h.DataCount == nil || *h.DataCount != 3 || !h.HasNext {
		t.Fatalf("ok %v head %+v rows %v", ok, h, rows)
	}
	if _, rows, ok := streamRows[Shop](b, true, table[opQueryShops].listKeys); !ok || rows != nil {
		t.Fatalf("an answer without the list: ok %v rows %v", ok, rows)
	}
	if _, rows, ok := streamRows[uploadRow]([]byte(`{"datas":[{"o_id":1,"so_id":"A","issuccess":true,"msg":""}]}`), false, table[opUploadOrders].listKeys); !ok || len(*rows) != 1 {
		t.Fatalf("upload answer: ok %v rows %v", ok, rows)
	}
}

// decodeEnvelope, which reads the members where they stand, reads every
// body as encoding/json does.
func FuzzDecodeEnvelopeIsWireHead(f *testing.F) {
	for _, s := range []string{
		`{"code":0,"msg":"执行成功","data":{"orders":[]}}`, `{"code":"100","msg":"x","requestId":"r","data":null}`,
		`{"issuccess":true,"datas":[]}`, `{"issuccess":"true"}`, `{"Code":1,"CODE":2,"Data":{"a":1},"data":[2]}`,
		`{"c\u006fde":0}`, `{"code":0,"issuccess":null}`, ` {"msg":"a\"b","code":0} `, `[]`, `{"code":0,"data":{"x":"}"}}`,
	} {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, body []byte, legacy bool) {
		e1, ok1, json1 := decodeEnvelope(body, legacy)
		e2, ok2, json2 := decodeWireHead(bytes.TrimSpace(body), legacy)
		if len(bytes.TrimSpace(body)) == 0 || bytes.TrimSpace(body)[0] != '{' {
			e2, ok2, json2 = nil, nil, false
		}
		if json1 != json2 || (ok1 == nil) != (ok2 == nil) || ok1 != nil && *ok1 != *ok2 || (e1 == nil) != (e2 == nil) {
			t.Fatalf("%q: walked %v %v %+v; encoding/json %v %v %+v", body, json1, ok1, e1, json2, ok2, e2)
		}
		if e1 != nil && (e1.code != e2.code || e1.msg != e2.msg || e1.requestID != e2.requestID || !bytes.Equal(e1.payload, e2.payload)) {
			t.Fatalf("%q: walked %+v; encoding/json %+v", body, e1, e2)
		}
	})
}
