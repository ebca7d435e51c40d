package wangdiantong

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/duijie/duijie"
)

// StockinPush is one other stock-in bill (其他入库单) for
// stockin_order_push, sent as its stockin_info (the 企业奇门 request class
// WdtStockinOrderPushRequest, samzong/taobao-openapi, names that one
// parameter). Its fields are those of the QEasy scheme map
// (qeasy-cloud/datahub@871d0b7 docs/solutions/kingdee-wangdian.md,
// Kingdee 线下销售退货 → WDT 其他入库: outer_no, warehouse_no, is_check,
// reason, goods_list with spec_no, stockin_num, stockin_price), and remark
// with the length of outer_no and warehouse_no from the vendor's page for
// the same script in its Y edition.
type StockinPush struct {
	// OuterNo is outer_no (外部单号, varchar(40)). Required. The vendor
	// notes only infer that the ERP de-duplicates by it, so the call is
	// not replayed (see PushStockin).
	OuterNo string `json:"outer_no" limit:"id,max=40"`
	// WarehouseNo is warehouse_no (仓库编号, varchar(40)). Required.
	WarehouseNo string `json:"warehouse_no" limit:"id,max=40"`
	// Check is is_check: 1 audits the bill at once (the stock comes in),
	// 0 leaves it to audit. Always sent.
	Check bool `json:"-"`
	// Reason is reason (入库原因), one the ERP has configured.
	Reason string `json:"reason,omitempty"`
	// Remark is remark (备注).
	Remark string `json:"remark,omitempty"`
	// Details are the goods lines (goods_list), at least one.
	Details []StockinPushDetail `json:"goods_list"`
}

// StockinPushDetail is one goods line of a StockinPush (goods_list).
type StockinPushDetail struct {
	// SpecNo is spec_no (商家编码): an SKU the ERP knows. Required.
	SpecNo string `json:"spec_no" limit:"id,max=40"`
	// StockinNum is stockin_num (入库数量), positive; decimal(19,4).
	StockinNum duijie.Amount `json:"stockin_num"`
	// StockinPrice is stockin_price (入库价); nil is not sent.
	StockinPrice *duijie.Amount `json:"stockin_price,omitempty"`
}

// MarshalJSON writes the bill with is_check always present (0 or 1).
func (s StockinPush) MarshalJSON() ([]byte, error) {
	type plain StockinPush
	return json.Marshal(struct {
		plain
		IsCheck int `json:"is_check"`
	}{plain(s), bit(s.Check)})
}

// StockinPushResponse is the answer to PushStockin.
type StockinPushResponse struct {
	// OuterNo is the pushed bill's outer_no.
	OuterNo string
	// StockinNo is stockin_no, the ERP's number for the new bill, as the
	// Y edition's page documents the answer; empty when the answer has
	// none. Look the bill up with QueryStockins by OuterNo either way.
	StockinNo string
}

// stockinPushParams are stockin_order_push's parameters.
type stockinPushParams struct {
	Info JSON `url:"stockin_info"`
}

// PushStockin calls stockin_order_push.php / wdt.stockin.order.push
// (创建其他入库单): it creates one other stock-in bill in the ERP, which
// adds the stock when the bill is audited. The vendor notes only infer
// that the ERP de-duplicates by outer_no ([INFERRED] from
// stockout_order_push), so the call is not replayed after an unclear
// outcome: a 5xx, reset or timeout after sending returns an error that
// says the bill may have arrived (duijie.MayHaveArrived); look it up with
// QueryStockins by OuterNo before pushing it again. It is still retried
// when it provably never reached the ERP, or after a throttle answer the
// vendor documents as refused before processing. The bill is checked
// before sending (outer_no and warehouse_no required, at least one line,
// each with a spec_no and a positive stockin_num).
func (c *Client) PushStockin(ctx context.Context, req *StockinPush) (*StockinPushResponse, error) {
	o := opStockinPush.row()
	if err := req.validate(); err != nil {
		return nil, err
	}
	params, err := encode(stockinPushParams{Info: JSON{Value: req, KeepEmoji: c.cfg.KeepEmoji}})
	if err != nil {
		return nil, err
	}
	var ans struct {
		StockinNo duijie.Text `json:"stockin_no"`
	}
	if _, err := c.call(ctx, o, params, &ans); err != nil {
		return nil, err
	}
	return &StockinPushResponse{OuterNo: req.OuterNo, StockinNo: string(ans.StockinNo)}, nil
}

// validate checks the bill before sending.
func (s *StockinPush) validate() error {
	inv := func(field, rule, detail string) error { return duijie.Invalid(vendor, field, rule, detail) }
	switch {
	case s == nil:
		return inv("stockin_info", duijie.RuleRequired, "")
	case s.OuterNo == "":
		return inv("stockin_info.outer_no", duijie.RuleRequired, "")
	case s.WarehouseNo == "":
		return inv("stockin_info.warehouse_no", duijie.RuleRequired, "")
	case len(s.Details) == 0:
		return inv("stockin_info.goods_list", duijie.RuleRequired, "at least one line")
	}
	for i, d := range s.Details {
		p := "stockin_info.goods_list[" + strconv.Itoa(i) + "]."
		switch {
		case d.SpecNo == "":
			return inv(p+"spec_no", duijie.RuleRequired, "")
		case d.StockinNum.Sign() <= 0:
			return inv(p+"stockin_num", duijie.RuleRange, "must be positive")
		case d.StockinPrice != nil && d.StockinPrice.IsNegative():
			return inv(p+"stockin_price", duijie.RuleNegative, "")
		}
	}
	return limits.CheckAt("stockin_info", s)
}
