package yihua

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/transport"
)

func TestAmountWriter(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0.0000", "12": "12.0000", "-3": "-3.0000", "79.8": "79.8", "0.0": "0.0", "0.0000": "0.0000",
		"-0.5": "-0.5", "0.0005": "0.0005", "-0.0005": "-0.0005", "106.4000": "106.4000", "1.23450": "1.2345",
		"1.23456": "1.2346", "-1.23455": "-1.2346", "1e3": "1000.0000", "99999999999999.9999": "99999999999999.9999",
		"123456789012345678901234567890.12": "123456789012345678901234567890.12", "99999999999999": "99999999999999.0000",
		"999999999999999": "999999999999999.0000",
	} {
		assert.Equal(t, want, FormatMoney(amt(in)), in)
	}
	for in, want := range map[string]string{"1": "1", "2.50": "2.50", "0": "0", "1e2": "100", "0.00001": "0.0000"} {
		assert.Equal(t, want, FormatQuantity(amt(in)), in)
	}
	assert.Equal(t, "0.0000", FormatMoney(duijie.Amount{}))
	assert.Equal(t, "12.50", FormatMoney(duijie.AmountFromCents(1250)), "the caller's scale is kept")
	a, buf := amt("106.4000"), make([]byte, 0, 64)
	assert.Zero(t, testing.AllocsPerRun(100, func() { buf = appendAmount(buf[:0], a, moneyScale) }))
}

func FuzzAmountWriter(f *testing.F) {
	for _, s := range []string{"0", "79.8", "-0.0005", "1e3", "123456789012345678901234567890.12", "1.23456", "-9223372036854775808"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := decimal.NewFromString(s)
		if err != nil || len(s) > 80 || d.Exponent() > 100 || d.Exponent() < -100 {
			return
		}
		a := duijie.AmountFromDecimal(d)
		for _, def := range []int32{0, moneyScale} {
			want := d.Round(moneyScale)
			scale := -want.Exponent()
			if d.Exponent() >= -moneyScale {
				want, scale = d, -d.Exponent()
			}
			if scale <= 0 {
				scale = def
			}
			if got := string(appendAmount(nil, a, def)); got != want.StringFixed(scale) {
				t.Fatalf("%s with default scale %d: got %s, want %s", s, def, got, want.StringFixed(scale))
			}
		}
	})
}

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

func TestDecoderRefusesNamespaces(t *testing.T) {
	for _, doc := range []string{
		`<x:pay xmlns:x="u"><x:pay FactMoney="1" PayChannel="x" /></x:pay>`,
		`<pay><pay x:FactMoney="1" PayChannel="x" xmlns:x="u" /></pay>`,
		`<pay xmlns="u"><pay FactMoney="1" PayChannel="x" /></pay>`,
		`<?xml version="1.0"?><pay></pay>`,
		`<pay><!-- c --></pay>`,
		`<pay><pay FactMoney="1" PayChannel="x" FactMoney="2" /></pay>`,
	} {
		_, err := DecodePays(doc)
		assert.Error(t, err, doc)
	}
	ps, err := DecodePays("<pay>\n  <pay FactMoney='1' PayChannel=\"x\"/>\n</pay>")
	require.NoError(t, err, "whitespace, single quotes and no space before /> are still XML")
	assert.Equal(t, "1.0000", FormatMoney(ps[0].FactMoney))
}

func TestMasterAttributesAreTheWireOrder(t *testing.T) {
	doc := golden(t, "seed_master.xml")
	at := 0
	for _, name := range MasterAttributes() {
		i := strings.Index(doc[at:], " "+name+`="`)
		require.GreaterOrEqual(t, i, 0, name)
		at += i + 1
	}
	assert.Len(t, MasterAttributes(), 30)
	assert.Equal(t, []string{"FactMoney", "PayChannel"}, PayAttributes())
	assert.Equal(t, "yhProductID", DetailAttributes()[1])
}

func classifyBody(status int, body string) (*transport.Result, error) {
	r := &transport.Result{StatusCode: status, Body: []byte(body)}
	return r, classify(r)
}

func TestClassifyDecodesOnce(t *testing.T) {
	r, err := classifyBody(200, okBody)
	require.NoError(t, err)
	env, ok := r.Decoded.(*envelope)
	require.True(t, ok)
	id, ok := OuterTradeID(env.Message)
	assert.True(t, ok)
	assert.Equal(t, "6359657698853654528", id)

	_, err = classifyBody(200, `{"Code":"0","Compressed":true,"Message":"H4sI"}`)
	assert.ErrorContains(t, err, "compressed or encrypted")
	_, err = classifyBody(500, `{"Code":"500","Message":"服务器忙"}`)
	assert.ErrorIs(t, err, duijie.ErrTemporary)
	_, err = classifyBody(200, ``)
	assert.ErrorIs(t, err, duijie.ErrTemporary)
	_, err = classifyBody(200, `{"Message":"no code"}`)
	assert.ErrorIs(t, err, duijie.ErrTemporary)
}

func FuzzClassify(f *testing.F) {
	f.Add(200, okBody)
	f.Add(200, `{"Code":17,"Message":"x"}`)
	f.Add(500, `<html/>`)
	f.Add(200, `{"Code":"0","Message":"{\"OuterTradeID\":1}"}`)
	f.Add(429, `{"Code":"0","Encrypted":true}`)
	f.Fuzz(func(t *testing.T, status int, body string) {
		if status < 100 || status > 599 {
			return
		}
		r, err := classifyBody(status, body)
		if err == nil {
			env, ok := r.Decoded.(*envelope)
			if !ok || env.code() != CodeOK || status > 299 {
				t.Fatalf("accepted %d %q", status, body)
			}
			_, _ = OuterTradeID(env.Message)
		}
	})
}

func FuzzOuterTradeID(f *testing.F) {
	for _, s := range []string{`{"OuterTradeID":"6359657698853654528"}`, `"123"`, `"{\"OuterTradeID\":5}"`, `"成功"`, `null`, `"\"{}\""`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		id, ok := OuterTradeID(json.RawMessage(msg))
		if ok != (id != "") || ok && !isTradeNumber(id) {
			t.Fatalf("%q -> %q %v", msg, id, ok)
		}
	})
}

func FuzzDecodeMasterAndPays(f *testing.F) {
	f.Add(`<master><master TradeType="Fixed" /></master>`, `<pay><pay FactMoney="79.8" PayChannel="PC_WX" /></pay>`)
	f.Add(strings.Repeat("<master>", 3), `<pay></pay>`)
	f.Fuzz(func(t *testing.T, master, pays string) {
		if m, err := DecodeMaster(master); err == nil {
			again, err := DecodeMaster(EncodeMaster(m))
			if err != nil || EncodeMaster(again) != EncodeMaster(m) {
				t.Fatalf("decoded master does not survive re-encoding: %v", err)
			}
		}
		if ps, err := DecodePays(pays); err == nil {
			again, err := DecodePays(EncodePays(ps))
			if err != nil || len(again) != len(ps) {
				t.Fatalf("decoded pays do not survive re-encoding: %v", err)
			}
		}
	})
}

func TestDecodedTimesAreCST(t *testing.T) {
	m, err := DecodeMaster(golden(t, "seed_master.xml"))
	require.NoError(t, err)
	assert.Equal(t, time.Date(2020, 3, 23, 7, 55, 15, 0, time.UTC), m.PayTime.UTC())
	assert.True(t, m.DelayTime.IsZero())
}
