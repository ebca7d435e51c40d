package wangdiantong

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/duijie/duijie"
)

// StockoutPush is one other stock-out bill (其他出库单) for
// stockout_order_push, sent as its stockout_info. The fields and lengths
// of outer_no, is_check, is_submit, warehouse_no and logistics_code are
// from the vendor's page (open.wangdian.cn/qyb …?path=stockout_order_push.php);
// remark and the lines (detail_list: spec_no, num, price) from the QEasy
// scheme map (qeasy-cloud/datahub@871d0b7
// docs/solutions/kingdee-wangdian.md, Kingdee 销售出库 → WDT 其他出库).
type StockoutPush struct {
	// OuterNo is outer_no (外部单号, varchar(40)), "the other system's
	// unique bill number, to avoid pushing data twice": the key the ERP
	// de-duplicates by. Required.
	OuterNo string `json:"outer_no" limit:"id,max=40"`
	// WarehouseNo is warehouse_no (仓库编号, varchar(40)). Required. Not
	// an outsourced (委外) warehouse.
	WarehouseNo string `json:"warehouse_no" limit:"id,max=40"`
	// Check is is_check: 1 audits the bill at once (and the stock goes
	// out), 0 leaves it to audit. Always sent.
	Check bool `json:"-"`
	// Submit is is_submit: 0 keeps the bill editable (编辑中), 1 submits
	// it (待审核), the vendor's default when nil.
	Submit *int `json:"is_submit,omitempty" limit:"enum=0|1"`
	// LogisticsCode is logistics_code (物流编号, varchar(20)).
	LogisticsCode string `json:"logistics_code,omitempty" limit:"id,max=20"`
	// Remark is remark (备注); the ERP records the stock-out kind there.
	Remark string `json:"remark,omitempty"`
	// Details are the goods lines (detail_list), at least one.
	Details []StockoutPushDetail `json:"detail_list"`
}

// StockoutPushDetail is one goods line of a StockoutPush (detail_list).
type StockoutPushDetail struct {
	// SpecNo is spec_no (商家编码): an SKU the ERP knows. Required.
	SpecNo string `json:"spec_no" limit:"id,max=40"`
	// Num is num (出库数量), positive; decimal(19,4).
	Num duijie.Amount `json:"num"`
	// Price is price (价格); nil is not sent.
	Price *duijie.Amount `json:"price,omitempty"`
}

// MarshalJSON writes the bill with is_check always present (0 or 1).
func (s StockoutPush) MarshalJSON() ([]byte, error) {
	type plain StockoutPush
	return json.Marshal(struct {
		plain
		IsCheck int `json:"is_check"`
	}{plain(s), bit(s.Check)})
}

// bit is a flag as the vendor writes it: 1 or 0.
func bit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// StockoutPushResponse is the answer to PushStockout. The sources
// document no business field in the answer, so it holds the key: look the
// bill up with QueryStockouts by OuterNo.
type StockoutPushResponse struct {
	// OuterNo is the pushed bill's outer_no.
	OuterNo string
}

// stockoutPushParams are stockout_order_push's parameters.
type stockoutPushParams struct {
	Info JSON `url:"stockout_info"`
}

// PushStockout calls stockout_order_push.php / wdt.stockout.order.push
// (创建其他出库单): it creates one other stock-out bill in the ERP, which
// takes the stock out when the bill is audited. The vendor documents
// outer_no as the other system's unique number that keeps a bill from
// being pushed twice, so the call is safe to replay: it is retried after
// an unclear outcome (5xx, reset, timeout), and a replay of an applied
// push does not create a second bill. The bill is checked before sending
// (outer_no and warehouse_no required, at least one line, each with a
// spec_no and a positive num). Not for outsourced (委外) warehouses.
func (c *Client) PushStockout(ctx context.Context, req *StockoutPush) (*StockoutPushResponse, error) {
	o := opStockoutPush.row()
	if err := req.validate(); err != nil {
		return nil, err
	}
	params, err := encode(stockoutPushParams{Info: JSON{Value: req, KeepEmoji: c.cfg.KeepEmoji}})
	if err != nil {
		return nil, err
	}
	if _, err := c.call(ctx, o, params, nil); err != nil {
		return nil, err
	}
	return &StockoutPushResponse{OuterNo: req.OuterNo}, nil
}

// validate checks the bill before sending.
func (s *StockoutPush) validate() error {
	inv := func(field, rule, detail string) error { return duijie.Invalid(vendor, field, rule, detail) }
	switch {
	case s == nil:
		return inv("stockout_info", duijie.RuleRequired, "")
	case s.OuterNo == "":
		return inv("stockout_info.outer_no", duijie.RuleRequired, "")
	case s.WarehouseNo == "":
		return inv("stockout_info.warehouse_no", duijie.RuleRequired, "")
	case len(s.Details) == 0:
		return inv("stockout_info.detail_list", duijie.RuleRequired, "at least one line")
	}
	for i, d := range s.Details {
		p := "stockout_info.detail_list[" + strconv.Itoa(i) + "]."
		switch {
		case d.SpecNo == "":
			return inv(p+"spec_no", duijie.RuleRequired, "")
		case d.Num.Sign() <= 0:
			return inv(p+"num", duijie.RuleRange, "must be positive")
		case d.Price != nil && d.Price.IsNegative():
			return inv(p+"price", duijie.RuleNegative, "")
		}
	}
	return limits.CheckAt("stockout_info", s)
}
