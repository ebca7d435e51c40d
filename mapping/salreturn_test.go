package mapping

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/wangdiantong"
)

const stockinJSON = `{
 "order_no":"RK2024030100001","stockin_no":"RK-ALT","warehouse_no":"WDT-WH1","shop_no":"TM01",
 "stockin_time":"2024-03-01 14:20:00","check_time":"2024-03-01 15:00:00","created_time":"2024-03-01 10:00:00",
 "refund_remark":"七天无理由","status":"80",
 "details_list":[
  {"rec_id":"9001","spec_no":"SKU-A","spec_code":"C-A","goods_no":"G-A","goods_count":"2","num":"2","right_num":"1",
   "src_price":"99.00","right_price":"89.5","tax_price":"79.2","remark":"外包装破损","batch_no":"B202402"},
  {"rec_id":9002,"spec_no":"SKU-B","spec_code":"C-B","goods_no":"G-B","goods_count":1,"num":1,"right_num":1,
   "src_price":"10","right_price":"10","tax_price":"10"}
 ]}`

func stockin(t testing.TB) *wangdiantong.RefundStockin {
	t.Helper()
	var s wangdiantong.RefundStockin
	if err := json.Unmarshal([]byte(stockinJSON), &s); err != nil {
		t.Fatal(err)
	}
	return &s
}

func salOptions() SalReturnOptions {
	return SalReturnOptions{
		BillNoPrefix: "WDT-", SaleOrg: "100", Customers: Codes{"TM01": "CUST-TM"},
		Materials: Codes{"SKU-A": "MAT-A", "SKU-B": "MAT-B"}, Warehouses: Codes{"WDT-WH1": "CK01"},
		TaxRate: amt("13"),
	}
}

// TestRefundStockinToSalReturnBytes checks every field at once through the
// bill's exact JSON.
func TestRefundStockinToSalReturnBytes(t *testing.T) {
	bill, err := RefundStockinToSalReturn(stockin(t), salOptions())
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(bill)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"FBillTypeID":{"FNumber":"XSTHD01_SYS"},"FBillNo":"WDT-RK2024030100001","FDate":"2024-03-01 14:20:00",` +
		`"FSaleOrgId":{"FNumber":"100"},"FRetcustId":{"FNumber":"CUST-TM"},"FStockOrgId":{"FNumber":"100"},"FHeadNote":"七天无理由",` +
		`"SubHeadEntity":{"FSettleCurrId":{"FNumber":"PRE001"},"FThirdBillNo":"RK2024030100001","FSettleOrgId":{"FNumber":"100"}},` +
		`"FEntity":[` +
		`{"FRowType":"Standard","FMaterialId":{"FNumber":"MAT-A"},"FRealQty":2,"FTaxPrice":99,"FIsFree":false,"FEntryTaxRate":13,"FReturnType":{"FNumber":"THLX01_SYS"},` +
		`"FOwnerTypeId":"BD_OwnerOrg","FOwnerId":{"FNumber":"100"},"FStockId":{"FNumber":"CK01"},"FStockstatusId":{"FNumber":"KCZT01_SYS"},` +
		`"FNote":"外包装破损","FThirdEntryId":"9001"},` +
		`{"FRowType":"Standard","FMaterialId":{"FNumber":"MAT-B"},"FRealQty":1,"FTaxPrice":10,"FIsFree":false,"FEntryTaxRate":13,"FReturnType":{"FNumber":"THLX01_SYS"},` +
		`"FOwnerTypeId":"BD_OwnerOrg","FOwnerId":{"FNumber":"100"},"FStockId":{"FNumber":"CK01"},"FStockstatusId":{"FNumber":"KCZT01_SYS"},` +
		`"FThirdEntryId":"9002"}]}`
	if string(got) != want {
		t.Errorf("bill =\n%s\nwant\n%s", got, want)
	}
}

func TestRefundStockinOptions(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*SalReturnOptions, *wangdiantong.RefundStockin)
		check func(t *testing.T, b *kingdee.SalReturnStock)
	}{
		{"replay gives the same bill number", func(*SalReturnOptions, *wangdiantong.RefundStockin) {}, func(t *testing.T, b *kingdee.SalReturnStock) {
			again, err := RefundStockinToSalReturn(stockin(t), salOptions())
			if err != nil || !reflect.DeepEqual(again, b) || b.BillNo != SalReturnBillNo("WDT-", "RK2024030100001") {
				t.Errorf("replay differs: %v %v", again.BillNo, err)
			}
		}},
		{"stockin_no when order_no is empty", func(_ *SalReturnOptions, s *wangdiantong.RefundStockin) { s.OrderNo = "" }, func(t *testing.T, b *kingdee.SalReturnStock) {
			if b.BillNo != "WDT-RK-ALT" || b.Finance.ThirdBillNo != "RK-ALT" {
				t.Errorf("bill no %s / %s", b.BillNo, b.Finance.ThirdBillNo)
			}
		}},
		{"organisations and bill type", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) {
			o.StockOrg, o.SettleOrg, o.BillType, o.Currency = "200", "300", "XSTHD02", "PRE002"
		}, func(t *testing.T, b *kingdee.SalReturnStock) {
			if b.StockOrg.Number != "200" || b.Entries[0].Owner.Number != "200" || b.Finance.SettleOrg.Number != "300" ||
				b.BillType.Number != "XSTHD02" || b.Finance.SettleCurrency.Number != "PRE002" || b.SaleOrg.Number != "100" {
				t.Errorf("orgs %+v %+v", b, b.Finance)
			}
		}},
		{"check time", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) { o.Date = DateCheck }, func(t *testing.T, b *kingdee.SalReturnStock) {
			if b.Date.String() != "2024-03-01 15:00:00" {
				t.Errorf("FDate %s", b.Date)
			}
		}},
		{"created time", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) { o.Date = DateCreated }, func(t *testing.T, b *kingdee.SalReturnStock) {
			if b.Date.String() != "2024-03-01 10:00:00" {
				t.Errorf("FDate %s", b.Date)
			}
		}},
		{"spec_code materials", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) {
			o.Material, o.Materials = MaterialSpecCode, nil
		}, func(t *testing.T, b *kingdee.SalReturnStock) {
			if b.Entries[0].Material.Number != "C-A" || b.Entries[1].Material.Number != "C-B" {
				t.Errorf("materials %v %v", b.Entries[0].Material, b.Entries[1].Material)
			}
		}},
		{"goods_no materials", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) {
			o.Material, o.Materials = MaterialGoodsNo, Codes{"G-A": "M1", "G-B": "M2"}
		}, func(t *testing.T, b *kingdee.SalReturnStock) {
			if b.Entries[0].Material.Number != "M1" || b.Entries[1].Material.Number != "M2" {
				t.Errorf("materials %v %v", b.Entries[0].Material, b.Entries[1].Material)
			}
		}},
		{"right price and right num", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) { o.Price, o.Qty = PriceRight, QtyRightNum }, func(t *testing.T, b *kingdee.SalReturnStock) {
			eqAmt(t, "FTaxPrice", b.Entries[0].TaxPrice, "89.5")
			eqAmt(t, "FRealQty", b.Entries[0].RealQty, "1")
		}},
		{"tax price and num", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) { o.Price, o.Qty = PriceTax, QtyNum }, func(t *testing.T, b *kingdee.SalReturnStock) {
			eqAmt(t, "FTaxPrice", b.Entries[0].TaxPrice, "79.2")
			eqAmt(t, "FRealQty", b.Entries[0].RealQty, "2")
		}},
		{"zero tax rate is sent", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) { o.TaxRate = Amount{} }, func(t *testing.T, b *kingdee.SalReturnStock) {
			eqAmt(t, "FEntryTaxRate", b.Entries[0].TaxRate, "0")
		}},
		{"lot from batch_no", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) { o.UseBatchNo = true }, func(t *testing.T, b *kingdee.SalReturnStock) {
			if b.Entries[0].Lot.Number != "B202402" || !b.Entries[1].Lot.IsZero() {
				t.Errorf("lots %v %v", b.Entries[0].Lot, b.Entries[1].Lot)
			}
		}},
		{"default stock on a warehouse miss", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) {
			o.Warehouses, o.DefaultStock = Codes{}, "CK-DEF"
		}, func(t *testing.T, b *kingdee.SalReturnStock) {
			if b.Entries[0].Stock.Number != "CK-DEF" {
				t.Errorf("stock %v", b.Entries[0].Stock)
			}
		}},
		{"no warehouse table sends warehouse_no", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) { o.Warehouses = nil }, func(t *testing.T, b *kingdee.SalReturnStock) {
			if b.Entries[1].Stock.Number != "WDT-WH1" {
				t.Errorf("stock %v", b.Entries[1].Stock)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, opt := stockin(t), salOptions()
			c.edit(&opt, s)
			b, err := RefundStockinToSalReturn(s, opt)
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, b)
		})
	}
}

func TestRefundStockinUnmapped(t *testing.T) {
	opt := salOptions()
	opt.Customers, opt.Warehouses, opt.Materials = Codes{}, Codes{}, Codes{"SKU-A": "MAT-A"}
	_, err := RefundStockinToSalReturn(stockin(t), opt)
	var ue *UnmappedError
	if !errors.As(err, &ue) || ue.NothingMapped || ue.Doc != "RK2024030100001" {
		t.Fatalf("err = %v", err)
	}
	want := []Missing{
		{Table: KindCustomers, Code: "TM01", Line: -1, Field: "shop_no"},
		{Table: KindWarehouses, Code: "WDT-WH1", Line: -1, Field: "warehouse_no"},
		{Table: KindGoods, Code: "SKU-B", Line: 1, Key: "9002", Field: "details_list[1].spec_no"},
	}
	if !reflect.DeepEqual(ue.Missing, want) {
		t.Errorf("Missing = %+v\nwant %+v", ue.Missing, want)
	}
	opt = salOptions()
	opt.Materials = Codes{}
	if _, err := RefundStockinToSalReturn(stockin(t), opt); !errors.Is(err, ErrNothingMapped) {
		t.Errorf("no material mapped: %v", err)
	}
}

func TestRefundStockinRefusals(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*SalReturnOptions, *wangdiantong.RefundStockin)
		field string
	}{
		{"no sale org", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) { o.SaleOrg = "" }, "SalReturnOptions.SaleOrg"},
		{"no customers", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) { o.Customers = nil }, "SalReturnOptions.Customers"},
		{"negative tax", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) { o.TaxRate = amt("-1") }, "SalReturnOptions.TaxRate"},
		{"unknown material source", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) { o.Material = "sku" }, "SalReturnOptions.Material"},
		{"unknown price source", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) { o.Price = "cost" }, "SalReturnOptions.Price"},
		{"unknown qty source", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) { o.Qty = "num2" }, "SalReturnOptions.Qty"},
		{"unknown date source", func(o *SalReturnOptions, _ *wangdiantong.RefundStockin) { o.Date = "now" }, "SalReturnOptions.Date"},
		{"no number", func(_ *SalReturnOptions, s *wangdiantong.RefundStockin) { s.OrderNo, s.StockinNo = "", "" }, "order_no"},
		{"no date", func(_ *SalReturnOptions, s *wangdiantong.RefundStockin) { s.StockinTime = Time{} }, "stockin_time"},
		{"no check date", func(o *SalReturnOptions, s *wangdiantong.RefundStockin) { o.Date, s.CheckTime = DateCheck, Time{} }, "check_time"},
		{"no lines", func(_ *SalReturnOptions, s *wangdiantong.RefundStockin) { s.Details = nil }, "details_list"},
		{"zero quantity", func(_ *SalReturnOptions, s *wangdiantong.RefundStockin) { s.Details[1].GoodsCount = Amount{} }, "details_list[1].goods_count"},
		{"negative price (kingdee's check)", func(_ *SalReturnOptions, s *wangdiantong.RefundStockin) { s.Details[0].SrcPrice = amt("-1") }, "FEntity[0].FTaxPrice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, opt := stockin(t), salOptions()
			c.edit(&opt, s)
			_, err := RefundStockinToSalReturn(s, opt)
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Field != c.field {
				t.Fatalf("err = %v, want a ValidationError on %s", err, c.field)
			}
		})
	}
	if _, err := RefundStockinToSalReturn(nil, salOptions()); err == nil {
		t.Error("nil stock-in accepted")
	}
}

func FuzzRefundStockinToSalReturn(f *testing.F) {
	f.Add([]byte(stockinJSON))
	f.Add([]byte(`{"order_no":1,"shop_no":"TM01","stockin_time":1709274000,"details_list":[{"spec_no":"SKU-A","goods_count":"0.5","src_price":""}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var s wangdiantong.RefundStockin
		if json.Unmarshal(body, &s) != nil {
			return
		}
		b, err := RefundStockinToSalReturn(&s, salOptions())
		if err != nil {
			var ve *ValidationError
			var ue *UnmappedError
			if !errors.As(err, &ve) && !errors.As(err, &ue) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		no := string(s.OrderNo)
		if no == "" {
			no = string(s.StockinNo)
		}
		if b.BillNo != "WDT-"+no || len(b.Entries) != len(s.Details) {
			t.Fatalf("bill %s with %d lines from %s with %d", b.BillNo, len(b.Entries), no, len(s.Details))
		}
		if _, err := json.Marshal(b); err != nil {
			t.Fatal(err)
		}
	})
}
