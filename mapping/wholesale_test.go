package mapping

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
)

func vfOrder() *honor.VFOrder {
	return &honor.VFOrder{
		OrderNo: "VF20240301001", OrderType: "VF", Status: "audited", ShopNo: "S1",
		CustomerCode: "HC01", CustomerName: "某某通讯",
		OrderTime: tm(2024, 3, 1, 9, 30, 0), ModifiedTime: tm(2024, 3, 1, 9, 31, 0),
		TotalAmount: amt("7997"), DiscountAmount: amt("100"), PayAmount: amt("7897"),
		Receiver: "张三", ReceiverPhone: "13800000000", ReceiverAddress: "广州市天河区", Remark: "尽快",
		Lines: []honor.VFOrderLine{
			{LineNo: "1", GoodsCode: "HM-M6", GoodsName: "荣耀Magic6", Model: "BVL-AN16", Quantity: amt("1"), Price: amt("4999"), Amount: amt("4999")},
			{LineNo: "2", GoodsCode: "HM-NEW", GoodsName: "新品", Quantity: amt("1"), Price: amt("1000"), Amount: amt("1000")},
			{LineNo: "3", GoodsCode: "HM-X50", GoodsName: "荣耀X50", Model: "ALI-AN00", Quantity: amt("2"), Price: amt("999")},
		},
	}
}

func vfOptions() VFOptions {
	return VFOptions{
		Goods:     Codes{"HM-M6": "SP001", "HM-X50": "SP002"},
		Customers: Codes{"HC01": "KH001"},
		Warehouse: "CK01", OutboundType: "批发出库",
	}
}

func TestVFOrderToWholesaleFields(t *testing.T) {
	w, err := VFOrderToWholesale(vfOrder(), vfOptions())
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		field     string
		got, want any
	}{
		{"SourceNo", w.SourceNo, "VF20240301001"},
		{"Origin", w.Origin, honor.OriginHimall},
		{"SourceStatus", w.SourceStatus, "audited"},
		{"ExternalCustomer", w.ExternalCustomer, "HC01"},
		{"Customer", w.Customer, "KH001"},
		{"Warehouse", w.Warehouse, "CK01"},
		{"OutboundType", w.OutboundType, "批发出库"},
		{"OrderTime", w.OrderTime.String(), "2024-03-01 09:30:00"},
		{"Receiver", w.Receiver, "张三"},
		{"ReceiverPhone", w.ReceiverPhone, "13800000000"},
		{"ReceiverAddress", w.ReceiverAddress, "广州市天河区"},
		{"Remark", w.Remark, "尽快"},
		{"Partial", w.Partial(), true},
		{"len(Lines)", len(w.Lines), 2},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.field, c.got, c.want)
		}
	}
	eqAmt(t, "SourceTotal", w.SourceTotal, "7997")
	eqAmt(t, "SourceDiscount", w.SourceDiscount, "100")
	eqAmt(t, "SourcePay", w.SourcePay, "7897")
	eqAmt(t, "Amount", w.Amount, "6997") // 4999 + 2×999; the unmapped 1000 is not in it
	l0, l1 := w.Lines[0], w.Lines[1]
	if l0.SourceIndex != 0 || l0.SourceLine != "1" || l0.ExternalGoods != "HM-M6" || l0.Goods != "SP001" || l0.GoodsName != "荣耀Magic6" || l0.Model != "BVL-AN16" {
		t.Errorf("line 0 = %+v", l0)
	}
	eqAmt(t, "Lines[0].Quantity", l0.Quantity, "1")
	eqAmt(t, "Lines[0].Price", l0.Price, "4999")
	eqAmt(t, "Lines[0].Amount", l0.Amount, "4999")
	if l1.SourceIndex != 2 || l1.SourceLine != "3" || l1.Goods != "SP002" {
		t.Errorf("line 1 = %+v", l1)
	}
	eqAmt(t, "Lines[1].Amount (price × quantity)", l1.Amount, "1998")
	want := []Missing{{Table: KindGoods, Code: "HM-NEW", Line: 1, Key: "2", Field: "lines[1].goods_code"}}
	if !reflect.DeepEqual(w.Unmapped, want) {
		t.Errorf("Unmapped = %+v, want %+v", w.Unmapped, want)
	}
}

func TestVFOrderComplete(t *testing.T) {
	o := vfOrder()
	o.Lines = append(o.Lines[:1], o.Lines[2])
	w, err := VFOrderToWholesale(o, vfOptions())
	if err != nil {
		t.Fatal(err)
	}
	if w.Partial() || len(w.Unmapped) != 0 || len(w.Lines) != 2 {
		t.Errorf("complete order: partial=%v unmapped=%v lines=%d", w.Partial(), w.Unmapped, len(w.Lines))
	}
}

func TestVFOrderNothingMapped(t *testing.T) {
	opt := vfOptions()
	opt.Goods = Codes{}
	w, err := VFOrderToWholesale(vfOrder(), opt)
	if !errors.Is(err, ErrNothingMapped) || !errors.Is(err, ErrUnmapped) {
		t.Fatalf("err = %v, want ErrNothingMapped", err)
	}
	if w == nil || len(w.Lines) != 0 || len(w.Unmapped) != 3 {
		t.Fatalf("order = %+v, want it with every line unmapped", w)
	}
	var ue *UnmappedError
	if !errors.As(err, &ue) || ue.Doc != "VF20240301001" || !reflect.DeepEqual(ue.Codes(KindGoods), []string{"HM-M6", "HM-NEW", "HM-X50"}) {
		t.Errorf("UnmappedError = %+v", ue)
	}
}

func TestVFOrderCustomerUnmapped(t *testing.T) {
	opt := vfOptions()
	opt.Customers = Codes{}
	w, err := VFOrderToWholesale(vfOrder(), opt)
	var ue *UnmappedError
	if w != nil || !errors.As(err, &ue) {
		t.Fatalf("got %v, %v; want an UnmappedError and no order", w, err)
	}
	if errors.Is(err, ErrNothingMapped) {
		t.Error("two lines are mapped; ErrNothingMapped must not match")
	}
	want := []Missing{
		{Table: KindCustomers, Code: "HC01", Line: -1, Field: "customer_code"},
		{Table: KindGoods, Code: "HM-NEW", Line: 1, Key: "2", Field: "lines[1].goods_code"},
	}
	if !reflect.DeepEqual(ue.Missing, want) {
		t.Errorf("Missing = %+v, want %+v", ue.Missing, want)
	}
	msg := err.Error()
	for _, part := range []string{`"VF20240301001"`, `no customer mapping for "HC01" (header, customer_code)`, `no goods mapping for "HM-NEW" (line 1 "2", lines[1].goods_code)`} {
		if !strings.Contains(msg, part) {
			t.Errorf("message %q lacks %q", msg, part)
		}
	}
}

func TestVFOrderRefusals(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*honor.VFOrder, *VFOptions)
		field string
	}{
		{"no goods table", func(_ *honor.VFOrder, o *VFOptions) { o.Goods = nil }, "VFOptions.Goods"},
		{"no customer table", func(_ *honor.VFOrder, o *VFOptions) { o.Customers = nil }, "VFOptions.Customers"},
		{"no warehouse", func(_ *honor.VFOrder, o *VFOptions) { o.Warehouse = "" }, "VFOptions.Warehouse"},
		{"no order number", func(v *honor.VFOrder, _ *VFOptions) { v.OrderNo = "" }, "order_no"},
		{"no lines", func(v *honor.VFOrder, _ *VFOptions) { v.Lines = nil }, "lines"},
		{"zero quantity", func(v *honor.VFOrder, _ *VFOptions) { v.Lines[2].Quantity = amt("0") }, "lines[2].quantity"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, opt := vfOrder(), vfOptions()
			c.edit(o, &opt)
			_, err := VFOrderToWholesale(o, opt)
			var ve *duijie.ValidationError
			if !errors.As(err, &ve) || ve.Field != c.field {
				t.Fatalf("err = %v, want a ValidationError on %s", err, c.field)
			}
		})
	}
	if _, err := VFOrderToWholesale(nil, vfOptions()); err == nil {
		t.Error("nil order accepted")
	}
}

func TestResolve(t *testing.T) {
	lines := []string{"a", "", "b", "c"}
	r := Resolve(lines, KindGoods, Codes{"a": "A", "c": "C"}, func(i int, l string) LineRef {
		return LineRef{Code: l, Key: "k" + l}
	})
	if len(r.Mapped) != 2 || r.Mapped[0] != (Mapped[string]{Index: 0, Line: "a", Code: "A"}) || r.Mapped[1].Index != 3 {
		t.Errorf("Mapped = %+v", r.Mapped)
	}
	if len(r.Unmapped) != 2 || r.Unmapped[0].Line != 1 || r.Unmapped[1].Code != "b" {
		t.Errorf("Unmapped = %+v", r.Unmapped)
	}
	if !r.Partial() || r.NothingMapped() {
		t.Error("partial resolution misreported")
	}
	none := Resolve(lines, KindGoods, nil, func(_ int, l string) LineRef { return LineRef{Code: l} })
	if !none.NothingMapped() || none.Partial() {
		t.Error("a nil table maps nothing")
	}
	empty := Resolve([]string(nil), KindGoods, Codes{}, func(_ int, l string) LineRef { return LineRef{Code: l} })
	if empty.NothingMapped() || empty.Partial() {
		t.Error("no lines is neither partial nor nothing mapped")
	}
}

func TestUnmappedErrorMessage(t *testing.T) {
	var missing []Missing
	for i := range 7 {
		missing = append(missing, Missing{Table: KindGoods, Code: string(rune('A' + i)), Line: i})
	}
	err := &UnmappedError{Doc: "D1", Missing: missing}
	want := `mapping: document "D1": no goods mapping for "A" (line 0); no goods mapping for "B" (line 1); ` +
		`no goods mapping for "C" (line 2); no goods mapping for "D" (line 3); no goods mapping for "E" (line 4); and 2 more`
	if err.Error() != want {
		t.Errorf("Error() =\n%s\nwant\n%s", err.Error(), want)
	}
	if (&UnmappedError{NothingMapped: true}).Error() != "mapping: nothing could be mapped: no lines" {
		t.Errorf("empty message = %q", (&UnmappedError{NothingMapped: true}).Error())
	}
}
