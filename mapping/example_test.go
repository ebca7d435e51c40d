package mapping_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/wangdiantong"
)

func ExampleTable_Search() {
	goods, err := mapping.NewTable(mapping.KindGoods,
		[]mapping.External{{Code: "HM-X50", Name: "荣耀X50 8+128"}, {Code: "HM-90", Name: "荣耀90 16+512"}},
		[]mapping.Item{
			{Code: "SP002", Name: "荣耀X50 8+128G 典雅黑", Mnemonic: "RYX50"},
			{Code: "SP010", Name: "荣耀90 16+512G 星钻银", Mnemonic: "RY90"},
		},
		[]mapping.Choice{{External: "HM-90", ERP: "SP010"}})
	if err != nil {
		panic(err)
	}
	for _, e := range goods.Unmatched() {
		fmt.Println("unmatched:", e.Code, e.Name)
		for _, c := range goods.Search("ryx", 3) {
			fmt.Println("  candidate:", c.Code, c.Name, "by", c.By)
		}
	}
	// Output:
	// unmatched: HM-X50 荣耀X50 8+128
	//   candidate: SP002 荣耀X50 8+128G 典雅黑 by mnemonic prefix
}

func ExampleVFOrderToWholesale() {
	order := &honor.VFOrder{
		OrderNo: "VF001", CustomerCode: "HC01",
		Lines: []honor.VFOrderLine{
			{LineNo: "1", GoodsCode: "HM-90", Quantity: duijie.AmountFromInt(2), Price: duijie.AmountFromInt(2499)},
			{LineNo: "2", GoodsCode: "HM-NEW", Quantity: duijie.AmountFromInt(1), Price: duijie.AmountFromInt(999)},
		},
	}
	w, err := mapping.VFOrderToWholesale(order, mapping.VFOptions{
		Goods:     mapping.Codes{"HM-90": "SP010"},
		Customers: mapping.Codes{"HC01": "KH001"},
		Warehouse: "CK01",
	})
	if err != nil {
		panic(err)
	}
	for _, l := range w.Lines {
		fmt.Println("line", l.SourceLine, l.Goods, l.Quantity, l.Amount)
	}
	for _, m := range w.Unmapped {
		fmt.Println("left out:", m)
	}
	// Output:
	// line 1 SP010 2 4998
	// left out: no goods mapping for "HM-NEW" (line 1 "2", lines[1].goods_code)
}

func ExampleCallbackToTrade() {
	orders, err := mapping.ParseCallbackOrders([]byte(`{"shop_no":"QY01","tid":"T1","trade_status":"30","pay_status":"2",
		"trade_time":"2024-03-01 10:00:00","receiver_name":"李四","paid":"99",
		"order_list":[{"oid":"T1-1","num":"1","price":"99","spec_no":"SKU-1"}]}`))
	if err != nil {
		panic(err)
	}
	var trades []mapping.ShopTrade
	for i := range orders {
		// The host chooses the delivery term of orders that name none, and
		// that a line naming no refund has none.
		st, err := mapping.CallbackToTrade(&orders[i], mapping.TradePushOptions{Goods: mapping.Codes{"SKU-1": "WDT-1"},
			DeliveryTerm: 1, NoRefundWhenAbsent: true})
		var unmapped *mapping.UnmappedError
		if errors.As(err, &unmapped) {
			fmt.Println(unmapped)
			continue
		}
		trades = append(trades, *st)
	}
	for _, req := range mapping.TradePushRequests(trades) {
		fmt.Println(req.ShopNo, req.Trades[0].Tid, req.Trades[0].Orders[0].SpecNo, req.Trades[0].Paid)
	}
	// Output:
	// QY01 T1 WDT-1 99
}

func ExampleSync_Run() {
	cst := time.FixedZone("CST", 8*3600)
	store := &mapping.MemoryCheckpoints{}
	s := &mapping.Sync[wangdiantong.RefundStockin]{
		Scheme: "wdt-refund-stockin",
		Store:  store,
		Policy: mapping.SyncPolicy{
			Start:     time.Date(2024, 3, 1, 0, 0, 0, 0, cst),
			Lag:       time.Minute,
			MaxWindow: 30 * 24 * time.Hour,
			Overlap:   5 * time.Minute,
		},
		Key: func(r wangdiantong.RefundStockin) string { return string(r.OrderNo) },
		Fetch: func(ctx context.Context, w mapping.Window) iter.Seq2[wangdiantong.RefundStockin, error] {
			// A host calls the vendor here, e.g. client.RefundStockins(ctx, query for w).
			return func(yield func(wangdiantong.RefundStockin, error) bool) {
				yield(wangdiantong.RefundStockin{OrderNo: "RK001"}, nil)
			}
		},
		Deliver: func(ctx context.Context, w mapping.Window, recs []wangdiantong.RefundStockin) error {
			fmt.Printf("deliver %d record(s) of [%s, %s)\n", len(recs), w.From.In(cst).Format(time.DateTime), w.To.In(cst).Format(time.DateTime))
			return nil
		},
	}
	now := time.Date(2024, 4, 5, 12, 0, 0, 0, cst)
	rep, err := s.Run(context.Background(), now)
	if err != nil {
		panic(err)
	}
	fmt.Println("delivered", rep.Delivered, "duplicates", rep.Duplicates, "next from", rep.Checkpoint.LastSyncTime.In(cst).Format(time.DateTime))
	// Output:
	// deliver 1 record(s) of [2024-03-01 00:00:00, 2024-03-31 00:00:00)
	// deliver 0 record(s) of [2024-03-31 00:00:00, 2024-04-05 11:59:00)
	// delivered 1 duplicates 1 next from 2024-04-05 11:59:00
}

func ExampleRefundStockinToSalReturn() {
	var in wangdiantong.RefundStockin
	if err := json.Unmarshal([]byte(`{"order_no":"RK001","shop_no":"TM01","warehouse_no":"WH1",
		"stockin_time":"2024-03-01 14:20:00","details_list":[{"rec_id":"1","spec_no":"SKU-A","goods_count":"2","num":"2","src_price":"99","tax_price":"89","tax":"0.13"}]}`), &in); err != nil {
		panic(err)
	}
	bill, err := mapping.RefundStockinToSalReturn(&in, mapping.SalReturnOptions{
		BillNoPrefix: "WDT-",
		SaleOrg:      "100",
		Customers:    mapping.Codes{"TM01": "CUST-TM"},
		Materials:    mapping.Codes{"SKU-A": "MAT-A"},
		Warehouses:   mapping.Codes{"WH1": "CK01"},
		Qty:          mapping.QtyNum,   // 入库数量, the default
		Price:        mapping.PriceTax, // 税后单价, the default
		Tax:          mapping.TaxLine,  // the line's tax, 0.13 sent as 13
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(bill.BillNo, bill.Customer.Number, bill.Date)
	for _, e := range bill.Entries {
		fmt.Println(e.Material.Number, e.RealQty, e.TaxPrice, *e.TaxRate, e.Stock.Number)
	}
	// Output:
	// WDT-RK001 CUST-TM 2024-03-01 14:20:00
	// MAT-A 2 89 13 CK01
}
