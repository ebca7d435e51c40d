package push

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/duijie/duijie/mapping"
)

// FuzzReceiver sends arbitrary bodies and headers, signed properly or not,
// and checks that the Receiver never panics, answers only its documented
// statuses, hands nothing on when it refuses, and answers one result per
// decoded order otherwise.
func FuzzReceiver(f *testing.F) {
	f.Add([]byte(`[`+order("QY01", "T1", "10")+`,`+order("QY01", "T1", "11")+`]`), true, "", "", "", "/callback")
	f.Add([]byte(`{"content":[{"tid":"T2","order_list":[{"num":"x"}]}]}`), true, "", "", "", "/callback")
	f.Add([]byte(`{"tid":1,"shop_no":null}`), false, "1795000000", "3f2a9c1e7b6d4058", vectorSignature, "/callback")
	f.Add([]byte(vectorBody), false, "1795000000", vectorNonce, vectorSignature, "/callback")
	f.Add([]byte(`[{"tid":"","paid":"1e999999"},{}]`), true, "", "", "", "/%zz")
	f.Add([]byte("\x00\xff"), false, "99999999999999999999", "a b", "v1=", "")
	f.Fuzz(func(t *testing.T, body []byte, sign bool, ts, nonce, sig, path string) {
		now := time.Unix(vectorTimestamp, 0)
		h := newHost()
		h.answer = func(d Delivery) error {
			if len(d.Order.Lines) == 0 {
				return Refused(errBadOrder)
			}
			return nil
		}
		rc, err := NewReceiver(h.deliver, WithSecret(vectorSecret), WithClock(func() time.Time { return now }), WithMaxBody(1<<16))
		if err != nil {
			t.Fatal(err)
		}
		r := httptest.NewRequest(http.MethodPost, "/callback", bytes.NewReader(body))
		r.RequestURI = path
		if sign {
			ts = "1795000000"
			nonce = vectorNonce
			sig = Sign(vectorSecret, http.MethodPost, requestPath(r), vectorTimestamp, nonce, body)
		}
		r.Header.Set(HeaderTimestamp, ts)
		r.Header.Set(HeaderNonce, nonce)
		r.Header.Set(HeaderSignature, sig)
		w := httptest.NewRecorder()
		rc.ServeHTTP(w, r)

		switch w.Code {
		case http.StatusOK, http.StatusServiceUnavailable:
			orders, err := mapping.ParseCallbackOrders(body)
			if err != nil {
				t.Fatalf("answered %d to a body that does not decode: %v", w.Code, err)
			}
			var res []Result
			if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
				t.Fatalf("answer is not JSON: %v", err)
			}
			if len(res) != len(orders) {
				t.Fatalf("%d results for %d orders", len(res), len(orders))
			}
			if h.total() > len(orders) {
				t.Fatalf("%d hand-offs for %d orders", h.total(), len(orders))
			}
			// The same push signed afresh hands nothing on again.
			before := h.total()
			again := httptest.NewRequest(http.MethodPost, "/callback", bytes.NewReader(body))
			if err := SignRequest(again, vectorSecret, body, now); err != nil {
				t.Fatal(err)
			}
			w2 := httptest.NewRecorder()
			rc.ServeHTTP(w2, again)
			if h.total() != before || w2.Code != http.StatusOK {
				t.Fatalf("a repeat was handed on again or not answered 200: %d", w2.Code)
			}
		case http.StatusUnauthorized, http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			if h.total() != 0 {
				t.Fatalf("refused with %d but handed %d orders on", w.Code, h.total())
			}
		default:
			t.Fatalf("unexpected status %d: %s", w.Code, w.Body.String())
		}
	})
}

// errBadOrder is the fuzz host's refusal.
var errBadOrder = errors.New("order has no lines")
