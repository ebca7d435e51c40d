package chaos_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
	"github.com/duijie/duijie/yihua"
	"github.com/duijie/duijie/yihua/yihuatest"
)

// TestConverterBadInputIsRefusedBeforeSending runs the converters in front
// of the clients: a document whose money, tax, quantity or enum the host
// did not choose and the source did not give is refused by the converter,
// naming the field, and the vendor sees no request.
func TestConverterBadInputIsRefusedBeforeSending(t *testing.T) {
	t.Run("wdt refund stock-in to kingdee", func(t *testing.T) {
		srv := kingdeetest.NewServer()
		defer srv.Close()
		c, err := kingdee.NewClient(srv.Config())
		require.NoError(t, err)
		at := duijie.NewTime(time.Date(2026, 11, 20, 10, 0, 0, 0, duijie.CST()))
		save := func(editOpt func(*mapping.SalReturnOptions), edit func(*wangdiantong.RefundStockinDetail)) func(context.Context) error {
			d := wangdiantong.RefundStockinDetail{SpecNo: "SKU", Num: duijie.AmountFromInt(1),
				TaxPrice: duijie.AmountFromInt(10), Tax: duijie.AmountFromCents(13)}
			edit(&d)
			s := &wangdiantong.RefundStockin{OrderNo: "RK1", ShopNo: "S1", WarehouseNo: "WH", StockinTime: at,
				Details: []wangdiantong.RefundStockinDetail{d}}
			opt := mapping.SalReturnOptions{SaleOrg: "100", Customers: mapping.Codes{"S1": "C1"}, DefaultStock: "CK01"}
			editOpt(&opt)
			return func(ctx context.Context) error {
				conv, err := mapping.NewSalReturnConverter(opt)
				if err != nil {
					return err
				}
				bill, err := conv.Convert(s)
				if err != nil {
					return err
				}
				_, err = c.SaveSalReturns(ctx, &kingdee.SaveSalReturnsRequest{Bills: []kingdee.SalReturnStock{*bill}, SkipExisting: true})
				return err
			}
		}
		keep := func(*mapping.SalReturnOptions) {}
		as := func(*wangdiantong.RefundStockinDetail) {}
		checkRefused(t, func() int { return len(srv.Journal()) }, []badInput{
			{"quantity absent", "details_list[0].num", save(keep, func(d *wangdiantong.RefundStockinDetail) { d.Num = duijie.Amount{} })},
			{"chosen goods_count absent", "details_list[0].goods_count", save(func(o *mapping.SalReturnOptions) { o.Qty = mapping.QtyGoodsCount }, as)},
			{"price absent", "details_list[0].tax_price", save(keep, func(d *wangdiantong.RefundStockinDetail) { d.TaxPrice = duijie.Amount{} })},
			{"chosen src_price absent", "details_list[0].src_price", save(func(o *mapping.SalReturnOptions) { o.Price = mapping.PriceSrc }, as)},
			{"line tax absent", "details_list[0].tax", save(func(o *mapping.SalReturnOptions) { o.Tax = mapping.TaxLine },
				func(d *wangdiantong.RefundStockinDetail) { d.Tax = duijie.Amount{} })},
			{"line tax in percent", "details_list[0].tax", save(func(o *mapping.SalReturnOptions) { o.Tax = mapping.TaxLine },
				func(d *wangdiantong.RefundStockinDetail) { d.Tax = duijie.AmountFromInt(13) })},
			{"fixed tax without a rate", "SalReturnOptions.TaxRate", save(func(o *mapping.SalReturnOptions) { o.Tax = mapping.TaxFixed }, as)},
			{"a rate the tax choice does not send", "SalReturnOptions.TaxRate", save(func(o *mapping.SalReturnOptions) {
				o.TaxRate = duijie.AmountFromInt(13).Ptr()
			}, as)},
		})
	})
	t.Run("callback to wdt trade_push", func(t *testing.T) {
		srv := wangdiantongtest.NewServer()
		defer srv.Close()
		c, err := wangdiantong.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
		require.NoError(t, err)
		push := func(body string, opt mapping.TradePushOptions) func(context.Context) error {
			return func(ctx context.Context) error {
				orders, err := mapping.ParseCallbackOrders([]byte(body))
				if err != nil {
					return err
				}
				st, err := mapping.CallbackToTrade(&orders[0], opt)
				if err != nil {
					return err
				}
				_, err = c.PushTrades(ctx, &wangdiantong.TradePushRequest{ShopNo: st.ShopNo, Trades: []wangdiantong.Trade{st.Trade}})
				return err
			}
		}
		order := func(head, line string) string {
			return `{"shop_no":"QY01","tid":"T1","trade_time":"2026-11-22 09:30:00","receiver_name":"王五","receiver_address":"科技园1号","paid":"5"` +
				head + `,"order_list":[{"oid":"T1-1","num":"1","price":"5","spec_no":"SKU-1"` + line + `}]}`
		}
		chosen := mapping.TradePushOptions{DeliveryTerm: 1, NoRefundWhenAbsent: true}
		checkRefused(t, func() int { return len(srv.Journal()) }, []badInput{
			{"only the required fields", "trade_status", push(order("", ""), chosen)},
			{"trade_status 0", "trade_status", push(order(`,"trade_status":"0","pay_status":2`, ""), chosen)},
			{"unknown trade_status", "trade_status", push(order(`,"trade_status":60,"pay_status":2`, ""), chosen)},
			{"no pay_status", "pay_status", push(order(`,"trade_status":30`, ""), chosen)},
			{"no delivery_term, none chosen", "delivery_term", push(order(`,"trade_status":30,"pay_status":2`, ""),
				mapping.TradePushOptions{NoRefundWhenAbsent: true})},
			{"delivery_term 0", "delivery_term", push(order(`,"trade_status":30,"pay_status":2,"delivery_term":0`, ""), chosen)},
			{"line status 0", "order_list[0].status", push(order(`,"trade_status":30,"pay_status":2`, `,"status":0`), chosen)},
			{"no refund_status, none chosen", "order_list[0].refund_status", push(order(`,"trade_status":30,"pay_status":2`, ""),
				mapping.TradePushOptions{DeliveryTerm: 1})},
		})
	})
	t.Run("shop order to yihua", func(t *testing.T) {
		srv := yihuatest.NewServer()
		defer srv.Close()
		c, err := yihua.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
		require.NoError(t, err)
		products := mapping.Codes{"BK-1": "268E6E1D13754EE9878E31A6F7EB9C43"}
		send := func(edit func(*mapping.ShopOrder), opt mapping.YihuaOptions) func(context.Context) error {
			price := duijie.AmountFromInt(25)
			o := mapping.ShopOrder{OrderNo: "SO-1", Status: mapping.ShopPaid, CreatedAt: duijie.Time{Time: time.Date(2026, 11, 21, 10, 0, 0, 0, duijie.CST())},
				PayAmount: price, Paid: price, PayMethod: "PC_WX",
				Lines: []mapping.ShopOrderLine{{LineNo: "1", SKU: "BK-1", Qty: duijie.AmountFromInt(1), Price: price}}}
			edit(&o)
			return func(ctx context.Context) error {
				tr, err := mapping.ShopOrderToYihua(&o, opt)
				if err != nil {
					return err
				}
				_, err = c.TransferTrade(ctx, &yihua.TransferRequest{Trade: tr})
				return err
			}
		}
		journal := func() int { return len(srv.Journal()) }
		checkRefused(t, journal, []badInput{
			{"no product table", "YihuaOptions.Products", send(func(*mapping.ShopOrder) {}, mapping.YihuaOptions{})},
			{"paid without a paid amount", "Paid", send(func(o *mapping.ShopOrder) { o.Paid = duijie.Amount{} }, mapping.YihuaOptions{Products: products})},
			{"a paid trade without its payment row", "Pays", func(ctx context.Context) error {
				o := mapping.ShopOrder{OrderNo: "SO-2", Status: mapping.ShopPaid, CreatedAt: duijie.Time{Time: time.Date(2026, 11, 21, 10, 0, 0, 0, duijie.CST())},
					Paid: duijie.AmountFromInt(5), PayMethod: "PC_WX",
					Lines: []mapping.ShopOrderLine{{LineNo: "1", SKU: "BK-1", Qty: duijie.AmountFromInt(1), Price: duijie.AmountFromInt(5)}}}
				tr, err := mapping.ShopOrderToYihua(&o, mapping.YihuaOptions{Products: products})
				require.NoError(t, err)
				tr.Pays = nil
				_, err = c.TransferTrade(ctx, &yihua.TransferRequest{Trade: tr})
				return err
			}},
		})
		before := journal()
		err = send(func(o *mapping.ShopOrder) { o.Lines[0].SKU = "BK-9" }, mapping.YihuaOptions{Products: products})(context.Background())
		var ue *mapping.UnmappedError
		require.True(t, errors.As(err, &ue), "%v", err)
		assert.Equal(t, []string{"BK-9"}, ue.Codes(mapping.KindProducts))
		assert.Equal(t, before, journal(), "a line without a Yihua product is not sent")
	})
}
