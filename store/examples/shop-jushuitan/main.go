// Command shop-jushuitan runs the three jobs a shop (a self-built mall, 自有商城)
// runs with Jushuitan (聚水潭) on a timer: the stock of its SKUs from
// Jushuitan to the shop, the shop's paid orders to Jushuitan (订单上传), and
// the shipments from Jushuitan back to the shop (carrier and tracking
// number). An order Jushuitan refuses, or one that cannot be converted, is
// reported and tried again next round; uploading an order twice updates it,
// so nothing is duplicated.
//
// By default it plays three rounds against the in-process fake
// (jushuitantest) with a small in-memory shop. With -real it is a job
// against JST_URL (default the production host) with JST_APP_KEY,
// JST_APP_SECRET and, the first time, JST_ACCESS_TOKEN for the shop
// JST_SHOP_ID, every -every (1 minute) until SIGINT or SIGTERM, or once
// with -once. Its state file (-state) keeps the Jushuitan token (renewed
// tokens survive restarts and are shared by processes), each order's
// upload with Jushuitan's number (an upload cut off is looked up by so_id,
// not sent again) and the shipment sync's checkpoint: the first run reads
// shipments modified since -since, every later one from where the last
// stopped. -dry-run reads and prints what it would upload, and writes
// nothing. Its shop is the demo's with every SKU mapped; wire Shop to your
// database. Run with -h for every flag and variable.
//
// Environment (read with -real):
//
//   - JST_URL: the openapi v2 root, with or without /open; default
//     https://openapi.jushuitan.com (the sandbox is
//     https://dev-api.jushuitan.com).
//   - JST_APP_KEY: the app key.
//   - JST_APP_SECRET: the app secret; never printed.
//   - JST_ACCESS_TOKEN: the access token, needed only until the state file
//     holds one (renewed tokens are kept there); never printed.
//   - JST_SHOP_ID: the Jushuitan shop (店铺编号) the orders belong to.
//   - DUIJIE_STATE: the state file's path when -state is not given (otherwise
//     duijie/state.db in the user's configuration directory).
//
// Exit status: 0 when every order is in Jushuitan and every job ran, 1
// when an order was not uploaded or a job stopped, 2 for a usage or
// configuration error, 3 when a signal stopped it with work left.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
	"github.com/duijie/duijie/mapping"
)

// demo plays three rounds against the fake: the first uploads what it can
// and reports an unmapped SKU and an order Jushuitan refuses; the warehouse
// then ships two orders and the shop maps the SKU; the second round
// uploads the fixed order and brings the shipments back; the third has
// nothing new to do.
func demo(out io.Writer, log *slog.Logger) (*jushuitantest.Server, *Shop, error) {
	// The fake's quota and the client's limiter are off so the demo is quick;
	// against the real Jushuitan keep the default limits (5/s, 100/min).
	srv := jushuitantest.NewServer(jushuitantest.WithRateLimit(0, 0))
	for _, it := range []struct{ sku, qty, lock string }{{"JST-A", "42", "2"}, {"JST-B", "7", "0"}, {"JST-C", "15", "5"}} {
		srv.PutInventory(jushuitan.InventoryItem{SKUID: it.sku, Name: "商品 " + it.sku, Qty: amount(it.qty), OrderLock: amount(it.lock)})
	}
	srv.FailUpload("SO-1004", "收货人手机号不正确")
	c, err := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithLogger(log), duijie.WithRateLimit())
	if err != nil {
		return srv, nil, err
	}
	shop := demoShop()
	jobs := &Jobs{JST: c, Shop: shop, ShopID: jushuitantest.ShopID, Log: log}
	ctx := context.Background()

	rep, err := jobs.Round(ctx)
	rep.print(out, "round 1", err)

	// The warehouse ships two orders; the shop maps its new SKU.
	for i, no := range []string{"SO-1001", "SO-1002"} {
		up, _ := srv.Uploaded(jushuitantest.ShopID, no)
		srv.PutShipment(jushuitan.Shipment{OID: duijie.Int64(up.OID), ShopID: jushuitantest.ShopID, SoID: no,
			SendDate: duijie.NewTime(time.Now()), LcID: "SF", LogisticsCompany: "顺丰速运", LID: fmt.Sprintf("SF10000000%02d", i+1)})
	}
	shop.Goods["SHOP-C"] = "JST-C"

	rep, err = jobs.Round(ctx)
	rep.print(out, "round 2", err)
	rep, err = jobs.Round(ctx)
	rep.print(out, "round 3", err)
	shop.print(out)
	fmt.Fprintf(out, "Jushuitan holds %d order(s)\n", len(srv.Uploads()))
	return srv, shop, nil
}

// demoShop is a shop with three SKUs and five orders.
func demoShop() *Shop {
	shop := NewShop()
	shop.Goods["SHOP-A"], shop.Goods["SHOP-B"] = "JST-A", "JST-B"
	at := duijie.NewTime(time.Date(2026, 11, 21, 10, 0, 0, 0, duijie.CST()))
	order := func(no string, status mapping.ShopStatus, sku, qty, price string) {
		o := mapping.ShopOrder{OrderNo: no, Status: status, CreatedAt: at, ModifiedAt: at, BuyerID: "buyer-" + no,
			ReceiverName: "张三", ReceiverMobile: "13800000000", Province: "广东省", City: "深圳市", District: "南山区", Address: "科技园1号",
			PayAmount: amount(price).Mul(amount(qty)), Lines: []mapping.ShopOrderLine{{LineNo: "1", SKU: sku, Name: "商品 " + sku, Qty: amount(qty), Price: amount(price)}}}
		if status == mapping.ShopPaid {
			o.PaidAt, o.Paid, o.PayMethod = at, o.PayAmount, "微信"
		}
		shop.Orders[no] = &Order{ShopOrder: o}
	}
	order("SO-1001", mapping.ShopPaid, "SHOP-A", "1", "199.00")
	order("SO-1002", mapping.ShopPaid, "SHOP-B", "2", "59.90")
	order("SO-1003", mapping.ShopPendingPayment, "SHOP-A", "1", "199.00")
	order("SO-1004", mapping.ShopPaid, "SHOP-A", "1", "199.00")
	order("SO-1005", mapping.ShopPaid, "SHOP-C", "3", "9.90")
	return shop
}

func amount(s string) duijie.Amount {
	a, err := duijie.ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

// print writes a round's summary.
func (r *Report) print(out io.Writer, round string, err error) {
	fmt.Fprintf(out, "%s: %d stock row(s) updated, %d order(s) uploaded, %d not uploaded, %d shipped\n",
		round, r.StockUpdated, r.Uploaded, r.UploadFailed, r.Shipped)
	for _, p := range r.Problems {
		fmt.Fprintf(out, "  not uploaded: %s\n", p)
	}
	if r.Already > 0 || r.Found > 0 {
		fmt.Fprintf(out, "  uploaded by an earlier run: %d, of which found in Jushuitan after a cut-off upload: %d\n", r.Already+r.Found, r.Found)
	}
	for _, w := range r.WouldUpload {
		fmt.Fprintf(out, "  dry run, would upload: %s\n", w)
	}
	if err != nil {
		fmt.Fprintf(out, "  stopped: %v\n", err)
	}
}

// err says how a round failed: the orders not uploaded and the job that
// stopped, or nil when nothing failed.
func (r *Report) err(round int, jobErr error) error {
	if r.UploadFailed == 0 && jobErr == nil {
		return nil
	}
	msg := fmt.Sprintf("round %d: %d order(s) not uploaded", round, r.UploadFailed)
	if jobErr != nil {
		return fmt.Errorf("%s; a job stopped: %w", msg, jobErr)
	}
	return errors.New(msg)
}

// print writes the shop's stock and orders.
func (s *Shop) print(out io.Writer) {
	for _, sku := range s.SKUs() {
		fmt.Fprintf(out, "  stock %s: %s\n", sku, s.Stock[sku])
	}
	for _, o := range s.ordersWhere(func(*Order) bool { return true }) {
		fmt.Fprintf(out, "  order %s: %s", o.OrderNo, o.Status)
		if o.ERPOrderID != 0 {
			fmt.Fprintf(out, ", Jushuitan %d", o.ERPOrderID)
		}
		if o.TrackingNo != "" {
			fmt.Fprintf(out, ", %s %s", o.Carrier, o.TrackingNo)
		}
		fmt.Fprintln(out)
	}
}
