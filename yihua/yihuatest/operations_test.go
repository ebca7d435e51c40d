package yihuatest_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/yihua"
	"github.com/duijie/duijie/yihua/yihuatest"
)

// The fake routes from the vendor's page, not from the client's table:
// every row of the table must be a method it serves.
func TestFakeServesEveryOperation(t *testing.T) {
	srv := yihuatest.NewServer()
	defer srv.Close()
	for _, op := range yihua.Operations() {
		assert.True(t, srv.Serves(op.Wire), "%s: the fake does not serve %s", op.Name, op.Wire)
		assert.Contains(t, srv.Methods(), op.Wire)
	}
	assert.Equal(t, []string{"TradeTransferToErp"}, srv.Methods())
	assert.False(t, srv.Serves("QueryStock"))
	assert.False(t, srv.Serves(""))

	c := client(t, srv, srv.Config())
	err := c.Call(context.Background(), &yihua.CallRequest{Method: "QueryStock"}, nil)
	assert.ErrorIs(t, err, duijie.ErrNotFound, "a method the fake does not serve")
}

// row returns the table's row of a client method.
func row(t *testing.T, name string) duijie.Operation {
	t.Helper()
	for _, op := range yihua.Operations() {
		if op.Name == name {
			return op
		}
	}
	t.Fatalf("no row %s", name)
	return duijie.Operation{}
}

// The typed write is sent as often as its row allows after a reset that
// follows the ERP's booking: once, since the row says it is not safe to
// replay, and the caller is told it may have arrived.
func TestWriteRowIsNotReplayedAfterReset(t *testing.T) {
	op := row(t, "TransferTrade")
	require.False(t, op.SafeToReplay, "the vendor documents no de-duplication")
	srv := yihuatest.NewServer()
	defer srv.Close()
	c := client(t, srv, srv.Config())

	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	_, err := c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade("R1")})
	require.Error(t, err)
	assert.True(t, duijie.MayHaveArrived(err))
	j := srv.Journal()
	require.Len(t, j, 1, "sent once")
	assert.Equal(t, "/Mall/Erp/ErpService.svc/"+op.Wire, j[0].Path)
	assert.Equal(t, duijietest.FaultResetAfter, j[0].Fault)
	assert.True(t, j[0].Handled)
	assert.Zero(t, srv.Duplicates())
}

// A raw call follows its own flag: marked SafeToReplay it is sent again
// after the same reset (two calls in the journal), unmarked it is not. The
// fake, like the vendor as documented, then holds the trade from two
// writes, which is why the table's row for this write is not safe to replay.
func TestRawCallMarkedSafeToReplayIsReplayed(t *testing.T) {
	op := row(t, "TransferTrade")
	for _, safe := range []bool{true, false} {
		srv := yihuatest.NewServer()
		c := client(t, srv, srv.Config())
		params, err := (&yihua.TransferRequest{Trade: trade("R2")}).Params()
		require.NoError(t, err)

		srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
		var out struct{ OuterTradeID string }
		err = c.Call(context.Background(), &yihua.CallRequest{Method: op.Wire, Params: params, SafeToReplay: safe}, &out)
		j := srv.Journal()
		if safe {
			require.NoError(t, err)
			assert.NotEmpty(t, out.OuterTradeID)
			require.Len(t, j, 2, "replayed once")
			assert.Equal(t, duijietest.FaultResetAfter, j[0].Fault)
			assert.Equal(t, j[0].Body, j[1].Body, "the same bytes again")
			assert.Equal(t, 1, srv.Duplicates())
		} else {
			assert.True(t, duijie.MayHaveArrived(err))
			require.Len(t, j, 1, "sent once")
			assert.Zero(t, srv.Duplicates())
		}
		srv.Close()
	}
}
