package yihua

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

func TestValidationOfPrecisionAndTimes(t *testing.T) {
	cases := map[string]struct {
		mutate func(*TransferRequest)
		field  string
		rule   string
	}{
		"five decimals":      {func(r *TransferRequest) { r.Trade.Master.FactMoney = amt("1.00001") }, "Master.FactMoney", "bad format"},
		"too large":          {func(r *TransferRequest) { r.Trade.Master.TotalMoney = amt("100000000000000") }, "Master.TotalMoney", "out of range"},
		"quantity decimals":  {func(r *TransferRequest) { r.Trade.Details[0].GoodsNumber = amt("0.00001") }, "Details[0].GoodsNumber", "bad format"},
		"pay too large":      {func(r *TransferRequest) { r.Trade.Pays[0].FactMoney = amt("1e20") }, "Pays[0].FactMoney", "out of range"},
		"time is the null":   {func(r *TransferRequest) { r.Trade.Master.PayTime = at(1900, 1, 1, 0, 0, 0) }, "Master.PayTime", "out of range"},
		"time before 1900":   {func(r *TransferRequest) { r.Trade.Master.CreateTime = at(1899, 12, 31, 23, 0, 0) }, "Master.CreateTime", "out of range"},
		"time after 9999":    {func(r *TransferRequest) { r.Trade.Master.DelayTime = at(10000, 1, 1, 0, 0, 0) }, "Master.DelayTime", "out of range"},
		"line time":          {func(r *TransferRequest) { r.Trade.Details[2].CreateTime = at(1, 1, 1, 0, 0, 1) }, "Details[2].CreateTime", "out of range"},
		"uid control":        {func(r *TransferRequest) { r.UID = "u\x00" }, "UID", "bad format"},
		"trade nil":          {func(r *TransferRequest) { r.Trade = nil }, "Trade", "required"},
		"procedure":          {func(r *TransferRequest) { r.Procedure = "UP_Other" }, "Procedure", "bad format"},
		"status too long":    {func(r *TransferRequest) { r.Trade.Master.PayStatus = PayStatus(strings.Repeat("9", 33)) }, "Master.PayStatus", "too long"},
		"negative late fee":  {func(r *TransferRequest) { r.Trade.Master.LateFee = amt("-0.1") }, "Master.LateFee", "must not be negative"},
		"negative line item": {func(r *TransferRequest) { r.Trade.Details[0].OtherFeeItem = amt("-2") }, "Details[0].OtherFeeItem", "must not be negative"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			c, mt := newTestClient(t, testConfig)
			req := &TransferRequest{Trade: seedTrade()}
			tc.mutate(req)
			_, err := c.TransferTrade(context.Background(), req)
			var ve *duijie.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
			assert.Equal(t, tc.rule, ve.Rule)
			assert.Equal(t, "yihua", ve.Vendor)
			assert.Zero(t, mt.GetTotalCallCount())
		})
	}
	ok := seedTrade()
	ok.Master.FactMoney = amt("1.23450")
	ok.Master.BuyerName = strings.Repeat("名", 32)
	ok.Master.BuyerAddress = strings.Repeat("址", 128)
	ok.Master.Remark = strings.Repeat("长", 5000) + "\t\n"
	ok.Master.PayTime = at(1900, 1, 1, 0, 0, 1)
	assert.NoError(t, ok.Validate())
	assert.Contains(t, EncodeMaster(&ok.Master), `FactMoney="1.2345"`)
	assert.Contains(t, EncodeMaster(&ok.Master), `PayTime="1900/1/1 0:00:01"`)
	assert.Equal(t, "<pay></pay>", EncodePays(nil))
}

// TestPaidTradeNeedsPayRow checks that a trade that says it was paid, by
// PayStatus or by FactMoney, is refused without a payment row, before any
// request, and that an unpaid trade needs none.
func TestPaidTradeNeedsPayRow(t *testing.T) {
	for name, mutate := range map[string]func(*Trade){
		"paid status":    func(tr *Trade) { tr.Pays = nil },
		"money received": func(tr *Trade) { tr.Pays, tr.Master.PayStatus = nil, "" },
	} {
		t.Run(name, func(t *testing.T) {
			c, mt := newTestClient(t, testConfig)
			tr := seedTrade()
			mutate(tr)
			_, err := c.TransferTrade(context.Background(), &TransferRequest{Trade: tr})
			var ve *duijie.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, "Pays", ve.Field)
			assert.Equal(t, "required", ve.Rule)
			assert.Zero(t, mt.GetTotalCallCount())
		})
	}
	unpaid := seedTrade()
	unpaid.Pays, unpaid.Master.PayStatus, unpaid.Master.FactMoney = nil, "", amt("0")
	assert.NoError(t, unpaid.Validate())
}

// The integer-digit bound, read from the coefficient's digits and the
// exponent, refuses exactly the amounts of absolute value 1e14 or more.
func TestDecimalRangeIsTheComparison(t *testing.T) {
	limit := duijie.AmountFromInt(1e14).Decimal()
	for _, s := range []string{"0", "0e20", "1", "99999999999999", "99999999999999.9999", "100000000000000",
		"1e14", "1E13", "0.1e15", "0.09999e15", "-99999999999999.99", "-1e14", "123456789012345678901234567890",
		"0.00001", "99999999999999.99990", "1e-30", "-0.0000"} {
		a, err := duijie.ParseAmount(s)
		if err != nil {
			t.Fatal(s, err)
		}
		v := &validator{}
		v.decimal("X", a)
		refused := v.err != nil && v.err.Rule == duijie.RuleRange
		if want := a.Decimal().Abs().Cmp(limit) >= 0; refused != want {
			t.Errorf("%s: refused %v, want %v", s, refused, want)
		}
	}
}

// A line's path is built only for its problem, and only lines carry one.
func TestValidationPathsOfLines(t *testing.T) {
	for want, mutate := range map[string]func(*Trade){
		"Details[1].GoodsID":    func(t *Trade) { t.Details[1].GoodsID = "" },
		"Pays[0].PayChannel":    func(t *Trade) { t.Pays[0].PayChannel = "" },
		"Pays":                  func(t *Trade) { t.Pays = nil },
		"Details[2].Remark":     func(t *Trade) { t.Details[2].Remark = "\x01" },
		"Details[0].CreateTime": func(t *Trade) { t.Details[0].CreateTime = at(1899, 1, 1, 0, 0, 0) },
	} {
		tr := seedTrade()
		mutate(tr)
		var ve *duijie.ValidationError
		require.ErrorAs(t, tr.Validate(), &ve, want)
		assert.Equal(t, want, ve.Field)
	}
}
