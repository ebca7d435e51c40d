package yihua

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

var (
	contextType = reflect.TypeFor[context.Context]()
	errorType   = reflect.TypeFor[error]()
)

// Every row names a *Client method taking (context.Context, *Request) and
// returning (*Response, error), so the table cannot drift from the methods.
func TestOperationsMatchTheMethods(t *testing.T) {
	ops := Operations()
	require.NotEmpty(t, ops)
	client := reflect.TypeFor[*Client]()
	for _, op := range ops {
		m, ok := client.MethodByName(op.Name)
		require.True(t, ok, "%s: no *Client method", op.Name)
		ft := m.Type // the receiver is the first parameter
		require.Equal(t, 3, ft.NumIn(), op.Name)
		assert.Equal(t, contextType, ft.In(1), "%s: ctx first", op.Name)
		require.NotNil(t, op.Request, op.Name)
		assert.Equal(t, reflect.PointerTo(op.Request), ft.In(2), "%s: request type", op.Name)
		require.Equal(t, 2, ft.NumOut(), op.Name)
		require.NotNil(t, op.Response, op.Name)
		assert.Equal(t, reflect.PointerTo(op.Response), ft.Out(0), "%s: response type", op.Name)
		assert.Equal(t, errorType, ft.Out(1), op.Name)
	}
}

// And the other way round: every typed method, (ctx, *X) (*Y, error) other
// than the raw Call, has its row, so no method sends without the table.
func TestEveryTypedMethodHasARow(t *testing.T) {
	rows := map[string]bool{}
	for _, op := range Operations() {
		assert.False(t, rows[op.Name], "%s twice", op.Name)
		rows[op.Name] = true
	}
	client := reflect.TypeFor[*Client]()
	for i := 0; i < client.NumMethod(); i++ {
		m := client.Method(i)
		ft := m.Type
		if ft.NumIn() != 3 || ft.In(1) != contextType || ft.In(2).Kind() != reflect.Pointer || ft.NumOut() != 2 || ft.Out(1) != errorType {
			continue
		}
		assert.True(t, rows[m.Name], "%s has no row in Operations", m.Name)
	}
}

// The rows say what the vendor's page says: one write, TradeTransferToErp,
// not de-duplicated, not paged, no caps.
func TestOperationsRows(t *testing.T) {
	assert.Equal(t, []duijie.Operation{{
		Name: "TransferTrade", Wire: "TradeTransferToErp", Title: "向ERP写入订单",
		Request: reflect.TypeFor[TransferRequest](), Response: reflect.TypeFor[TransferResponse](),
		SafeToReplay: false, Paging: duijie.NotPaged,
	}}, Operations())
	for _, op := range Operations() {
		assert.True(t, isMethodName(op.Wire), "%s: Wire %q is an ErpService method name", op.Name, op.Wire)
		assert.NotEmpty(t, op.Title, op.Name)
	}
}

// Operations hands out a fresh slice: changing it changes nothing.
func TestOperationsIsACopy(t *testing.T) {
	ops := Operations()
	ops[0].SafeToReplay = true
	ops[0].Wire = "Other"
	ops[0].MaxBatch = 1
	assert.False(t, Operations()[0].SafeToReplay)
	assert.Equal(t, MethodTradeTransferToErp, Operations()[0].Wire)
	assert.Equal(t, 0, operation("TransferTrade").MaxBatch)
}

// The typed call posts to its row's Wire and names it in errors.
func TestTransferTradePostsToItsRow(t *testing.T) {
	op := operation("TransferTrade")
	c, mt := newTestClient(t, testConfig)
	var body, ct string
	recordBody(t, mt, testBase+ServicePath+op.Wire, &body, &ct)
	_, err := c.TransferTrade(context.Background(), &TransferRequest{Trade: seedTrade()})
	require.NoError(t, err)
	assert.Equal(t, 1, mt.GetTotalCallCount())
	assert.True(t, strings.HasPrefix(body, `{"PlatformID":`))
}

// A cap in a row is checked before anything is sent and refused with a
// *ValidationError naming the field. The vendor publishes none, so the real
// row has MaxBatch 0 and a long trade goes through; the check is shown with
// a row that has one.
func TestBatchCapComesFromTheRow(t *testing.T) {
	tr := seedTrade()
	req := &TransferRequest{Trade: tr}
	capped := operation("TransferTrade")
	capped.MaxBatch = len(tr.Details) - 1

	_, err := req.params(capped)
	var ve *duijie.ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	assert.Equal(t, "Details", ve.Field)
	assert.Equal(t, duijie.RuleTooMany, ve.Rule)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)

	capped.MaxBatch = len(tr.Details)
	_, err = req.params(capped)
	assert.NoError(t, err, "exactly the cap is allowed")

	// The real row: no cap, 500 lines are sent.
	c, mt := newTestClient(t, testConfig)
	var body, ct string
	recordBody(t, mt, testURL, &body, &ct)
	for len(tr.Details) < 500 {
		tr.Details = append(tr.Details, tr.Details[0])
	}
	_, err = c.TransferTrade(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}
