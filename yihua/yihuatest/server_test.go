package yihuatest_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/yihua"
	"github.com/duijie/duijie/yihua/yihuatest"
)

func trade(id string) *yihua.Trade {
	price, _ := duijie.ParseAmount("24.6000")
	return &yihua.Trade{
		Master: yihua.Master{TradeType: yihua.TradeTypeFixed, TradeID: id, CreateTime: duijie.Time{Time: time.Date(2024, 5, 1, 9, 0, 0, 0, duijie.CST())},
			TotalMoney: price, FactMoney: price, BuyerName: "张三", Remark: `<"&'>`},
		Details: []yihua.Detail{{GoodsID: "G1", GoodsNumber: duijie.AmountFromInt(1), Price: price, OldPrice: price}},
		Pays:    []yihua.Pay{{FactMoney: price, PayChannel: yihua.PayChannelWeChat}},
	}
}

func client(t *testing.T, srv *yihuatest.Server, cfg yihua.Config) *yihua.Client {
	t.Helper()
	c, err := yihua.NewClient(cfg, duijie.WithBaseURL(srv.URL()),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 3, WaitMin: time.Millisecond, WaitMax: time.Millisecond}))
	require.NoError(t, err)
	return c
}

func TestTransferStoresTrade(t *testing.T) {
	srv := yihuatest.NewServer()
	defer srv.Close()
	for _, enc := range []yihua.BodyEncoding{yihua.BodyJSON, yihua.BodyForm} {
		cfg := srv.Config()
		cfg.Encoding = enc
		c := client(t, srv, cfg)
		id := fmt.Sprint("T-", enc)
		res, err := c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade(id), Return: true, Procedure: yihua.ProcedureRetail})
		require.NoError(t, err)
		st, ok := srv.Trade(id)
		require.True(t, ok)
		assert.Equal(t, res.OuterTradeID, st.OuterTradeID)
		assert.True(t, st.Return)
		assert.Equal(t, yihua.ProcedureRetail, st.Procedure)
		assert.Equal(t, `<"&'>`, st.Master.Remark)
		assert.Equal(t, "张三", st.Master.BuyerName)
	}
	assert.Len(t, srv.Trades(), 2)
	assert.Zero(t, srv.Duplicates())
}

func TestFakeRefusesBadCredentialsAndXML(t *testing.T) {
	srv := yihuatest.NewServer()
	defer srv.Close()
	cfg := srv.Config()
	cfg.UserAccessToken = "wrong-token"
	_, err := client(t, srv, cfg).TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade("T1")})
	e, ok := err.(*duijie.APIError)
	require.True(t, ok, "%v", err)
	assert.Equal(t, yihuatest.CodeBadToken, e.Code)

	c := client(t, srv, srv.Config())
	for name, params := range map[string]map[string]any{
		"broken xml":   {"MasterXml": "<master><master", "DetailXml": "<detail></detail>", "PayXml": "<pay></pay>", "TH": 0, "Audit": 0, "StoredProcedureName": "UP_TradeTransferToSale"},
		"missing attr": {"MasterXml": `<master><master TradeType="Fixed" /></master>`, "DetailXml": "<detail></detail>", "PayXml": "<pay></pay>", "TH": 0, "Audit": 0, "StoredProcedureName": "UP_TradeTransferToSale"},
	} {
		err := c.Call(context.Background(), &yihua.CallRequest{Method: yihua.MethodTradeTransferToErp, Params: params}, nil)
		e, ok := err.(*duijie.APIError)
		require.True(t, ok, name)
		assert.Equal(t, yihuatest.CodeBadXML, e.Code, name)
	}
	assert.Empty(t, srv.Trades())
}

func TestFaultsAreReportedNeverReplayed(t *testing.T) {
	srv := yihuatest.NewServer()
	defer srv.Close()
	c := client(t, srv, srv.Config())

	srv.FailNext(1, yihuatest.ServerError())
	_, err := c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade("A")})
	require.ErrorIs(t, err, duijie.ErrTemporary)
	_, stored := srv.Trade("A")
	assert.False(t, stored)

	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	_, err = c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: trade("B")})
	var te *duijie.TransportError
	require.ErrorAs(t, err, &te)
	assert.True(t, te.MayHaveReachedServer)
	_, stored = srv.Trade("B")
	assert.True(t, stored, "the handler ran before the reset: the ERP has it, the caller was told it may")

	assert.Equal(t, 2, srv.Calls(""), "no replay of either write")
	assert.Zero(t, srv.Duplicates())
}
