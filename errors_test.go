package duijie

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAPIErrorIsItsClass(t *testing.T) {
	e := &APIError{Vendor: "jushuitan", Operation: "/open/x", Code: "100", Message: "token expired", HTTPStatus: 200, RequestID: "r1", Class: ErrAuth}
	wrapped := fmt.Errorf("sync: %w", e)
	assert.ErrorIs(t, wrapped, ErrAuth)
	assert.NotErrorIs(t, wrapped, ErrRateLimited)
	got, ok := AsAPIError(wrapped)
	assert.True(t, ok)
	assert.Same(t, e, got)
	assert.Equal(t, "jushuitan /open/x: code 100: token expired [request r1]", e.Error())
	assert.Equal(t, "kingdee: temporary failure (HTTP 503)", (&APIError{Vendor: "kingdee", HTTPStatus: 503, Class: ErrTemporary}).Error())
	assert.Equal(t, "qimen m: code 50/isv.x: bad", (&APIError{Vendor: "qimen", Operation: "m", Code: "50", SubCode: "isv.x", Message: "bad"}).Error())
}

func TestClassForStatus(t *testing.T) {
	for status, want := range map[int]error{200: nil, 400: ErrInvalidRequest, 401: ErrAuth, 403: ErrAuth, 404: ErrNotFound, 429: ErrRateLimited, 500: ErrTemporary, 503: ErrTemporary} {
		assert.Equal(t, want, ClassForStatus(status), status)
	}
}

func TestValidationAndBatchErrors(t *testing.T) {
	v := Invalid("wangdiantong", "trade_list", RuleTooMany, "at most 50 trades per call")
	assert.ErrorIs(t, v, ErrInvalidRequest)
	assert.Equal(t, "wangdiantong: invalid request: trade_list: too many (at most 50 trades per call)", v.Error())

	b := &BatchError{Vendor: "kingdee", Operation: "BatchSave", Total: 10}
	for i := range 7 {
		b.Failed = append(b.Failed, RowError{Index: i, Key: fmt.Sprint("B", i), Message: "dup"})
	}
	assert.Equal(t, []int{0, 1, 2, 3, 4, 5, 6}, b.FailedIndexes())
	assert.Contains(t, b.Error(), "kingdee BatchSave: 7 of 10 rows failed; row 0 (B0): dup")
	assert.Contains(t, b.Error(), "and 2 more")

	cause := errors.New("dial refused")
	te := &TransportError{Vendor: "yihua", Operation: "TradeTransferToErp", Attempts: 1, MayHaveReachedServer: true, Err: cause}
	assert.ErrorIs(t, te, cause)
	assert.Contains(t, te.Error(), "may have reached the server")
}

func TestMayHaveArrived(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"reset after sending", &TransportError{MayHaveReachedServer: true, Err: errors.New("reset")}, true},
		{"refused dial", &TransportError{MayHaveReachedServer: false, Err: errors.New("refused")}, false},
		{"5xx", &APIError{Class: ErrTemporary}, true},
		{"HTTP 429 after processing", &APIError{Class: ErrRateLimited}, true},
		{"throttle refused before processing", &APIError{Class: ErrRateLimited, NotProcessed: true}, false},
		{"refusal", &APIError{Class: ErrInvalidRequest}, false},
		{"validation", Invalid("v", "f", RuleRequired, ""), false},
		{"wrapped", fmt.Errorf("call: %w", &APIError{Class: ErrTemporary}), true},
	} {
		if got := MayHaveArrived(tc.err); got != tc.want {
			t.Errorf("%s: MayHaveArrived = %v, want %v", tc.name, got, tc.want)
		}
	}
}
