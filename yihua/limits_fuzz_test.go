package yihua_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/yihua"
	"github.com/duijie/duijie/yihua/yihuatest"
)

// FuzzTransferLimits builds a trade from random parts: whatever the
// client's validator accepts, the fake (which holds the three XML
// documents to the seed's field table: String(32) and String(128) counted
// as nvarchar counts them, decimals, datetimes, XML 1.0 text) must store;
// whatever it refuses must send nothing. The fake refuses nothing for a
// business reason here: the UID is its own, and a TradeID written twice is
// stored once.
func FuzzTransferLimits(f *testing.F) {
	// Valid.
	f.Add("T1", "山东", "泰安市泰山区1号", "未设置昵称", "R1", "备注", "G1", "79.8", "1", int64(2024), "2")
	// Surrounding spaces, control characters, invalid UTF-8.
	f.Add(" T1", "\x01", "a\tb", "\xff", "R1\n", "a\x7f", "G1 ", "1", "1", int64(2024), "2")
	// Too long in code points, and in UTF-16 units only (emoji).
	f.Add("T2", strings.Repeat("省", 33), strings.Repeat("址", 129), "n", "R", "", "G", "1", "1", int64(2024), "")
	f.Add("T3", strings.Repeat("😀", 17), "a", "n", "R", "", "G", "1", "1", int64(2024), "")
	f.Add("T4", "p", strings.Repeat("😀", 65), "n", strings.Repeat("😀", 16)+"1", "", "G", "1", "1", int64(2024), strings.Repeat("😀", 17))
	// Amounts: too many places, too many digits, negative, trailing zeros.
	f.Add("T5", "p", "a", "n", "R", "", "G", "1.00001", "1.000000", int64(2024), "")
	f.Add("T6", "p", "a", "n", "R", "", "G", "123456789012345.1", "99999999999999.9999", int64(2024), "")
	f.Add("T7", "p", "a", "n", "R", "", "G", "-1", "0", int64(2024), "")
	// Times: year 0, before 1900 and 1753, the year 9999 and beyond.
	f.Add("T8", "p", "a", "n", "R", "", "G", "1", "1", int64(0), "")
	f.Add("T9", "p", "a", "n", "R", "", "G", "1", "1", int64(1752), "")
	f.Add("T10", "p", "a", "n", "R", "", "G", "1", "1", int64(1900), "")
	f.Add("T11", "p", "a", "n", "R", "", "G", "1", "1", int64(9999), "")
	f.Add("T12", "p", "a", "n", "R", "", "G", "1", "1", int64(10000), "")
	// XML markup and characters XML 1.0 cannot carry.
	f.Add("<T&\"'>", "]]>", "\uFFFE", "\uFFFF", "R", "\u0085", "G", "1", "1", int64(2024), "")

	srv := yihuatest.NewServer()
	f.Cleanup(srv.Close)
	c, err := yihua.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithRateLimit(),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, tradeID, region, address, name, receipt, remark, goods, money, qty string, year int64, payStatus string) {
		amount, err := duijie.ParseAmount(money)
		if err != nil {
			return
		}
		number, err := duijie.ParseAmount(qty)
		if err != nil {
			return
		}
		at := duijie.NewTime(time.Date(int(year%20000), 3, 23, 15, 54, 17, 0, duijie.CST()))
		tr := &yihua.Trade{
			Master: yihua.Master{TradeType: yihua.TradeTypeFixed, TradeID: tradeID, CreateTime: at, OriginalMoney: amount,
				FactMoney: amount, ContractFeeBefore: amount, Freight: amount, LateFee: amount, PayTime: at, RefundTime: at,
				TradeSource: yihua.TradeSource(region), ProvinceID: region, CityID: region, DistrictID: region,
				BuyerAddress: address, BuyerName: name, BuyerPhone: name, OuterID: receipt, ReceiptID: receipt,
				Remark: remark, SaleUID: receipt, PayStatus: yihua.PayStatus(payStatus), TotalMoney: amount,
				ZipCode: name, DelayTime: at, ThirdPartyData: remark},
			Details: []yihua.Detail{{GoodsID: goods, YhProductID: goods, GoodsNumber: number, OldPrice: amount, Price: amount,
				ContractFeeItem: amount, CreateTime: at, Remark: remark}},
			Pays: []yihua.Pay{{FactMoney: amount, PayChannel: yihua.PayChannel(goods)}},
		}
		srv.ResetJournal()
		_, err = c.TransferTrade(context.Background(), &yihua.TransferRequest{Trade: tr})
		var v *duijie.ValidationError
		switch {
		case errors.As(err, &v):
			if n := len(srv.Journal()); n != 0 {
				t.Fatalf("refused (%v) yet sent %d requests", err, n)
			}
		case err != nil:
			t.Fatalf("the validator accepted a trade the ERP refuses: %v", err)
		}
	})
}
