package jushuitan

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/transport"
)

// The classifier never panics, accepts only code 0 without issuccess
// false and never a 4xx or 5xx, and gives every refusal a class.
func FuzzClassifier(f *testing.F) {
	for _, s := range []string{
		`{"code":0,"msg":"执行成功","data":{"datas":[]}}`,
		`{"code":"0","issuccess":true}`,
		`{"code":0,"issuccess":false,"msg":"失败"}`,
		`{"code":140,"issuccess":false,"msg":"参数传递错误","requestId":"r"}`,
		`{"code":199,"msg":"调用频次超过限制!请稍后再试"}`,
		`{"issuccess":true,"datas":[]}`,
		`<html>502</html>`, `null`, `[]`, `{"code":null}`, `{"code":{"a":1}}`,
	} {
		f.Add([]byte(s), false, 200)
		f.Add([]byte(s), true, 503)
	}
	f.Fuzz(func(t *testing.T, body []byte, legacy bool, status int) {
		r := &transport.Result[envelope]{StatusCode: status, Body: body}
		err := classifier(legacy)(r)
		if err == nil {
			env, ok := r.Envelope, r.Envelope != nil
			if !ok || env.code != CodeOK {
				t.Fatalf("accepted %q without code 0", body)
			}
			// Other non-2xx statuses are refused by the transport itself.
			if status >= 400 {
				t.Fatalf("accepted HTTP %d", status)
			}
			return
		}
		var e *duijie.APIError
		if !errors.As(err, &e) || e.Class == nil {
			t.Fatalf("refusal %v has no class", err)
		}
	})
}

// The page decoders never panic on any payload, and what they decode
// encodes again.
func FuzzResponseDecoders(f *testing.F) {
	for _, s := range []string{
		`{"page_index":1,"page_size":100,"has_next":true,"inventorys":[{"sku_id":"A1","ts":9223372036854775807,"qty":"12","order_lock":"","modified":"2024-05-01 10:00:00.487"}]}`,
		`{"orders":[{"o_id":"123","so_id":"S","pay_amount":"","platform_free_amount":1.5,"ts":"7","created":"0000-00-00 00:00:00","items":[{"qty":1}],"pays":[{"amount":null}]}],"data_count":1}`,
		`{"orders":[{"o_id":1,"send_date":"2024-05-01 10:00:00","items":[{"sku_id":"x","qty":"2"}]}]}`,
		`{"datas":[{"shop_id":10,"shop_url":null,"created":"2023-01-03 09:43:26.487","session_expired":"------永久授权------"}]}`,
		`{"datas":[{"wms_co_id":"20001","is_main":true}]}`,
		`{"inventorys":[{"qty":"abc"}]}`, `{"orders":[{"ts":1e400}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		decoders := []func([]byte) (any, error){
			decodeListPage[InventoryItem](table[opQueryInventory].listKeys), decodeListPage[Order](table[opQueryOrders].listKeys), decodeListPage[Shipment](table[opQueryShipments].listKeys),
			decodeListPage[Shop](table[opQueryShops].listKeys), decodeListPage[Warehouse](table[opQueryWarehouses].listKeys),
		}
		for _, decode := range decoders {
			page, err := decode(data)
			if err != nil {
				continue
			}
			if _, err := json.Marshal(page); err != nil {
				t.Fatalf("%T decoded %q but does not encode: %v", page, data, err)
			}
		}
	})
}

// decodeListPage decodes a list answer with the given keys into its page.
func decodeListPage[T any](keys []string) func([]byte) (any, error) {
	return func(b []byte) (any, error) {
		p := &listPage[T]{keys: keys}
		if err := json.Unmarshal(b, p); err != nil {
			return nil, err
		}
		return p.page(1, 0), nil
	}
}

// Whatever the upload answer says, every order sent gets exactly one
// outcome at its own index, and the batch error lists exactly the orders
// that did not succeed.
func FuzzUploadAnswer(f *testing.F) {
	f.Add([]byte(`{"datas":[{"o_id":1,"so_id":"SO0","issuccess":true,"msg":""},{"o_id":"","so_id":"SO1","issuccess":false,"msg":"x"}]}`), uint8(3))
	f.Add([]byte(`{"datas":[{"o_id":1,"issuccess":"true"},{"o_id":2,"issuccess":1}]}`), uint8(2))
	f.Add([]byte(`{"datas":[{"so_id":"SO0","issuccess":true},{"so_id":"SO0","issuccess":true},{"so_id":"ZZ","issuccess":true}]}`), uint8(1))
	f.Add([]byte(`{"datas":null}`), uint8(4))
	f.Fuzz(func(t *testing.T, data []byte, n uint8) {
		count := int(n)%MaxUploadOrders + 1
		orders := make([]UploadOrder, count)
		for i := range orders {
			orders[i] = UploadOrder{ShopID: 10, SoID: "SO" + strconv.Itoa(i%7)} // some so_ids repeat across shops
			if i >= 7 {
				orders[i].ShopID = 11
			}
		}
		rows, err := listRows[uploadRow](data, table[opUploadOrders].listKeys...)
		if err != nil && !errors.Is(err, ErrMissingList) {
			return
		}
		res, err := matchUpload("upload", orders, rows)
		if res == nil || len(res.Results) != count {
			t.Fatalf("want %d outcomes, got %+v", count, res)
		}
		failed := map[int]bool{}
		var be *duijie.BatchError
		if err != nil {
			if !errors.As(err, &be) {
				t.Fatalf("error %v is not a BatchError", err)
			}
			for _, r := range be.Failed {
				if r.Index < -1 || r.Index >= count {
					t.Fatalf("failed index %d out of range", r.Index)
				}
				failed[r.Index] = true
			}
		}
		for i, r := range res.Results {
			if r.Index != i || r.SoID != orders[i].SoID || r.ShopID != orders[i].ShopID {
				t.Fatalf("outcome %d is %+v", i, r)
			}
			if r.OK == failed[i] {
				t.Fatalf("outcome %d ok=%v but listed failed=%v", i, r.OK, failed[i])
			}
			if r.OK && r.Unknown {
				t.Fatalf("outcome %d is both OK and unknown", i)
			}
		}
	})
}

// An upload order always encodes to valid JSON that decodes back to the
// same key, leaves empty address parts out, and writes amounts as numbers.
func FuzzUploadOrderJSON(f *testing.F) {
	f.Add("SO1", "手机<壳>&", "广东省深圳市", "", int64(9950), int64(1))
	f.Add("\u2028\"so\\", "\x00", "", "北京", int64(-1), int64(0))
	f.Fuzz(func(t *testing.T, soID, name, addr, state string, cents, qty int64) {
		o := UploadOrder{ShopID: 1, SoID: soID, ShopStatus: StatusWaitBuyerPay, ReceiverAddress: addr, ReceiverState: state,
			PayAmount: duijie.AmountFromCents(cents), Items: []UploadOrderItem{{SKUID: name, Name: name, Qty: int(qty), Price: duijie.AmountFromCents(cents)}}}
		b, err := o.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back map[string]any
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.UseNumber()
		if err := dec.Decode(&back); err != nil {
			t.Fatalf("invalid JSON %s: %v", b, err)
		}
		var want string
		plain, _ := json.Marshal(soID) // invalid UTF-8 becomes U+FFFD either way
		_ = json.Unmarshal(plain, &want)
		if back["so_id"] != want {
			t.Fatalf("so_id %q came back as %q", soID, back["so_id"])
		}
		if _, present := back["receiver_state"]; present != (state != "") {
			t.Fatalf("receiver_state present=%v for %q", present, state)
		}
		if _, isNum := back["pay_amount"].(json.Number); !isNum {
			t.Fatalf("pay_amount %v is not a number", back["pay_amount"])
		}
	})
}
