package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/honor/honortest"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/psi"
	"github.com/duijie/duijie/wangdiantong"
)

// kingdeeFlow turns two WDT refund stock-ins into Kingdee sales returns,
// one of them with a SKU nobody mapped.
func kingdeeFlow(ctx context.Context, w io.Writer) error {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	c, err := kingdee.NewClient(srv.Config())
	if err != nil {
		return err
	}
	opt := mapping.SalReturnOptions{BillNoPrefix: "WDT-", SaleOrg: "100", Customers: mapping.Codes{"mall": "CUST001"},
		Materials: mapping.Codes{"PHONE-128G": "MAT.1001"}, Warehouses: mapping.Codes{"WH1": "CK01"},
		// The returned quantity is num (入库数量), the price tax_price (税后单价)
		// and the tax rate the material's own: the defaults, spelled out.
		Qty: mapping.QtyNum, Price: mapping.PriceTax, Tax: mapping.TaxMaterial}
	at := duijie.NewTime(time.Date(2024, 5, 2, 9, 0, 0, 0, duijie.CST()))
	var bills []kingdee.SalReturnStock
	for _, sku := range []string{"PHONE-128G", "CASE-RED"} {
		in := &wangdiantong.RefundStockin{OrderNo: duijie.Text("RK-" + sku), ShopNo: "mall", WarehouseNo: "WH1", Status: "80", StockinTime: at,
			Details: []wangdiantong.RefundStockinDetail{{SpecNo: duijie.Text(sku), Num: money("1"), TaxPrice: money("199.00")}}}
		bill, err := mapping.RefundStockinToSalReturn(in, opt)
		if err != nil {
			fmt.Fprintf(w, "金蝶 %s: not converted: %v\n", in.OrderNo, err)
			continue
		}
		bills = append(bills, *bill)
	}
	res, err := c.SaveSalReturns(ctx, &kingdee.SaveSalReturnsRequest{Bills: bills, SkipExisting: true})
	if err != nil {
		return err
	}
	for _, row := range res.Rows {
		fmt.Fprintf(w, "金蝶 SAL_RETURNSTOCK %s saved: %v\n", row.Number, row.Saved)
	}
	// The same bills again: found by number, not written twice.
	again, err := c.SaveSalReturns(ctx, &kingdee.SaveSalReturnsRequest{Bills: bills, SkipExisting: true})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "金蝶 re-run: %d already there; bills stored: %d\n", countExisting(again.Rows), len(srv.Bills(kingdee.FormSalReturnStock)))

	// A WDT sales-out into a sales out-stock bill. The price is always the
	// host's choice: here what the buyer paid (share_amount), kept exact.
	conv, err := mapping.NewWDTSalOutConverter(mapping.SalOutOptions{BillNoPrefix: "WDT-", SaleOrg: "100",
		Customers: opt.Customers, Materials: opt.Materials, Warehouses: opt.Warehouses, Price: mapping.SalOutShareAmount})
	if err != nil {
		return err
	}
	out, err := conv.Convert(&wangdiantong.SalesStockout{OrderNo: "CK-1", ShopNo: "mall", WarehouseNo: "WH1", ConsignTime: at,
		Details: []wangdiantong.SalesStockoutDetail{{SpecNo: "PHONE-128G", GoodsCount: money("3"), ShareAmount: money("500.00")}}})
	if err != nil {
		return err
	}
	saved, err := c.SaveSalOutStocks(ctx, &kingdee.SaveSalOutStocksRequest{Bills: []kingdee.SalOutStock{*out}, SkipExisting: true})
	if err != nil {
		return err
	}
	e := out.Entries[0]
	fmt.Fprintf(w, "金蝶 SAL_OUTSTOCK %s saved: %v, %s x %s = %s\n", saved.Rows[0].Number, saved.Rows[0].Saved, e.RealQty, e.TaxPrice, e.AllAmount)
	return nil
}

func countExisting(rows []kingdee.SaveOutcome) int {
	n := 0
	for _, r := range rows {
		if r.Existing {
			n++
		}
	}
	return n
}

// jushuitanFlow uploads shop orders and reads the stock back.
func jushuitanFlow(ctx context.Context, w io.Writer) error {
	srv := jushuitantest.NewServer()
	defer srv.Close()
	c, err := jushuitan.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithRateLimit())
	if err != nil {
		return err
	}
	srv.PutInventory(jushuitan.InventoryItem{SKUID: "PHONE-128G", Name: "手机 128G", Qty: money("42")})
	created := duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST()))
	var orders []jushuitan.UploadOrder
	for i, qty := range []string{"1", "0"} {
		so := &mapping.ShopOrder{OrderNo: fmt.Sprintf("SHOP-%03d", i+1), Status: mapping.ShopPaid, CreatedAt: created, PaidAt: created, ModifiedAt: created,
			BuyerID: "buyer", ReceiverName: "张三", ReceiverMobile: "13800000000", Province: "广东省", City: "深圳市", District: "南山区", Address: "科技园1号",
			PayAmount: money("199.00"), Paid: money("199.00"), PayMethod: "微信",
			Lines: []mapping.ShopOrderLine{{LineNo: "1", SKU: "PHONE-128G", Name: "手机", Qty: money(qty), Price: money("199.00")}}}
		o, err := mapping.ShopOrderToJushuitan(so, mapping.JushuitanOptions{ShopID: 10001})
		if err != nil {
			fmt.Fprintf(w, "聚水潭 %s: not converted: %v\n", so.OrderNo, err)
			continue
		}
		orders = append(orders, *o)
	}
	res, err := c.UploadOrders(ctx, &jushuitan.UploadOrdersRequest{Orders: orders})
	var batch *duijie.BatchError
	if err != nil && !errors.As(err, &batch) {
		return err
	}
	for _, r := range res.Results {
		fmt.Fprintf(w, "聚水潭 upload %s: ok %v, ERP order %s\n", r.SoID, r.OK, r.OID)
	}
	inv, err := c.QueryInventory(ctx, &jushuitan.InventoryQuery{SKUIDs: []string{"PHONE-128G"}})
	if err != nil {
		return err
	}
	for _, it := range inv.Items {
		fmt.Fprintf(w, "聚水潭 stock %s: %s\n", it.SKUID, it.Qty)
	}
	return nil
}

// honorFlow syncs the goods table, turns a VF order into a wholesale order,
// feeds the shipment back and uploads its serials to PSI.
func honorFlow(ctx context.Context, w io.Writer) error {
	srv := honortest.NewServer()
	defer srv.Close()
	c, err := honor.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithRateLimit())
	if err != nil {
		return err
	}
	srv.AddGoods(honor.VFGoodsModel{GoodsCode: "HM-M6", GoodsName: "荣耀Magic6"}, honor.VFGoodsModel{GoodsCode: "HM-P9", GoodsName: "荣耀平板9"})
	srv.AddOrder(honor.VFOrder{OrderNo: "VF001", CustomerCode: "HC01", Lines: []honor.VFOrderLine{
		{LineNo: "1", GoodsCode: "HM-M6", Quantity: money("2"), Price: money("4399")},
		{LineNo: "2", GoodsCode: "HM-P9", Quantity: money("1"), Price: money("1499")}}})

	var models []honor.VFGoodsModel
	for g, err := range c.VFGoodsModels(ctx, nil) {
		if err != nil {
			return err
		}
		models = append(models, g)
	}
	goods, err := mapping.NewTable(mapping.KindGoods, mapping.GoodsExternals(models), nil, []mapping.Choice{{External: "HM-M6", ERP: "SP001"}})
	if err != nil {
		return err
	}
	_, matched := goods.Stats()
	fmt.Fprintf(w, "荣耀 goods synced: %d, mapped: %d\n", len(models), matched)

	now := time.Now()
	var out []*mapping.WholesaleOrder
	for o, err := range c.VFOrders(ctx, &honor.VFOrderQuery{ModifiedFrom: now.Add(-time.Hour), ModifiedTo: now.Add(time.Second)}) {
		if err != nil {
			return err
		}
		wo, err := mapping.VFOrderToWholesale(&o, mapping.VFOptions{Goods: goods, Customers: mapping.Codes{"HC01": "KH001"}, Warehouse: "CK01"})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "荣耀 %s → wholesale order: %d line(s) kept, left out: %v\n", o.OrderNo, len(wo.Lines), wo.Unmapped)
		out = append(out, wo)
	}
	serials := []string{"869000000000001", "869000000000002"}
	for _, wo := range out {
		res, err := c.SendVFShipmentFeedback(ctx, &honor.VFShipmentFeedback{Origin: wo.Origin, OrderNo: wo.SourceNo, OutboundNo: "PF001",
			OutboundTime: duijie.NewTime(now), Lines: []honor.VFShipmentLine{{GoodsCode: wo.Lines[0].ExternalGoods, Quantity: wo.Lines[0].Quantity, Serials: serials}}})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "荣耀 shipment feedback %s: %s\n", res.OutboundNo, res.Status)
	}
	_, err = c.SendVFShipmentFeedback(ctx, &honor.VFShipmentFeedback{OrderNo: "LOCAL-1", OutboundNo: "PF900", OutboundTime: duijie.NewTime(now),
		Lines: []honor.VFShipmentLine{{GoodsCode: "HM-M6", Quantity: money("1")}}})
	var invalid *duijie.ValidationError
	if errors.As(err, &invalid) {
		fmt.Fprintf(w, "荣耀 shipment feedback PF900: not sent: %s\n", invalid.Rule)
	}

	sel := psi.NewSelector(psi.Config{}).Select(psi.Document{No: "PF001", Type: honor.PSIWholesaleOut, Time: now, VFOrderNo: "VF001",
		Lines: []psi.Line{{GoodsCode: "HM-M6", Serials: serials}}})
	res, err := c.UploadPSIAll(ctx, &honor.UploadPSIAllRequest{Records: sel.Records})
	if err != nil {
		return err
	}
	log := psi.ApplyAll(psi.NewEntries(psi.DayOf(now), sel.Records), sel.Records, res, err, now)
	fmt.Fprintf(w, "荣耀 PSI: %d serial(s) uploaded, log: %s %s\n", len(srv.PSIRecords()), log[0].Key(), log[0].Status)
	return nil
}
