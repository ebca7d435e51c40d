package wangdiantong

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/duijie/duijie"
)

// PurchaseOrderPush is one purchase order (采购单) for purchase_order_push,
// sent as its purchase_info. The fields are those of
// gaigeshen/tripartite@92a3175 (module tripartite-wangdian,
// parameters/purchase/PurchaseOrderPushParameters.java); outer_no's role
// is from the vendor's page (open.wangdian.cn …?path=purchase_order_push.php,
// via the vendor notes).
type PurchaseOrderPush struct {
	// OuterNo is outer_no (外部单号), which the vendor asks to keep unique
	// ("保证唯一"): the key the ERP de-duplicates by. Required.
	OuterNo string `json:"outer_no" limit:"id,max=40"`
	// UseOuterNo is is_use_outer_no: 1 makes outer_no the order's number
	// in the ERP. Always sent.
	UseOuterNo bool `json:"-"`
	// ProviderNo is provider_no (供应商编号). Required.
	ProviderNo string `json:"provider_no" limit:"id"`
	// WarehouseNo is warehouse_no (仓库编号). Required.
	WarehouseNo string `json:"warehouse_no" limit:"id"`
	// Check is is_check: 1 audits the order at once. Always sent.
	Check bool `json:"-"`
	// Contact is contact (联系人).
	Contact string `json:"contact,omitempty"`
	// PurchaserName is purchase_name (采购员).
	PurchaserName string `json:"purchase_name,omitempty"`
	// ReceiveAddress is receive_address (收货地址).
	ReceiveAddress string `json:"receive_address,omitempty"`
	// LogisticsType is logistics_type (物流方式); nil is not sent.
	LogisticsType *int `json:"logistics_type,omitempty"`
	// ExpectArriveTime is expect_arrive_time (预计到货时间); zero is not sent.
	ExpectArriveTime duijie.Time `json:"expect_arrive_time,omitzero"`
	// Remark is remark (备注).
	Remark string `json:"remark,omitempty"`
	// Details are the goods lines (details_list), at least one.
	Details []PurchaseOrderPushDetail `json:"details_list"`
}

// PurchaseOrderPushDetail is one goods line of a PurchaseOrderPush
// (details_list). Amounts are decimal(19,4); a nil one is not sent.
type PurchaseOrderPushDetail struct {
	// SpecNo is spec_no (商家编码). Required.
	SpecNo string `json:"spec_no" limit:"id,max=40"`
	// Num is num (采购数量), positive.
	Num duijie.Amount `json:"num"`
	// Price is price (单价).
	Price *duijie.Amount `json:"price,omitempty"`
	// Discount is discount (折扣).
	Discount *duijie.Amount `json:"discount,omitempty"`
	// Tax is tax (税率).
	Tax *duijie.Amount `json:"tax,omitempty"`
	// TaxPrice is tax_price (税后单价).
	TaxPrice *duijie.Amount `json:"tax_price,omitempty"`
	// Remark is remark (备注).
	Remark string `json:"remark,omitempty"`
}

// MarshalJSON writes the order with its 0/1 flags always present.
func (p PurchaseOrderPush) MarshalJSON() ([]byte, error) {
	type plain PurchaseOrderPush
	return json.Marshal(struct {
		plain
		IsUseOuterNo int `json:"is_use_outer_no"`
		IsCheck      int `json:"is_check"`
	}{plain(p), bit(p.UseOuterNo), bit(p.Check)})
}

// PurchaseOrderPushResponse is the answer to PushPurchaseOrder. The
// sources document no business field in the answer, so it holds the key:
// look the order up with QueryPurchaseOrders by OuterNo.
type PurchaseOrderPushResponse struct {
	// OuterNo is the pushed order's outer_no.
	OuterNo string
}

// purchaseOrderPushParams are purchase_order_push's parameters.
type purchaseOrderPushParams struct {
	Info JSON `url:"purchase_info"`
}

// PushPurchaseOrder calls purchase_order_push.php / wdt.purchase.order.push
// (创建采购单): it creates one purchase order (the vendor takes them one by
// one). The vendor asks for outer_no to be unique, the key the ERP
// de-duplicates by, so the call is safe to replay: it is retried after an
// unclear outcome, and a replay of an applied push does not create a
// second order. The order is checked before sending (outer_no,
// provider_no and warehouse_no required, at least one line, each with a
// spec_no and a positive num, amounts not negative).
func (c *Client) PushPurchaseOrder(ctx context.Context, req *PurchaseOrderPush) (*PurchaseOrderPushResponse, error) {
	o := opPurchaseOrderPush.row()
	if err := req.validate(); err != nil {
		return nil, err
	}
	params, err := encode(purchaseOrderPushParams{Info: JSON{Value: req, KeepEmoji: c.cfg.KeepEmoji}})
	if err != nil {
		return nil, err
	}
	if _, err := c.call(ctx, o, params, nil); err != nil {
		return nil, err
	}
	return &PurchaseOrderPushResponse{OuterNo: req.OuterNo}, nil
}

// validate checks the order before sending.
func (p *PurchaseOrderPush) validate() error {
	inv := func(field, rule, detail string) error { return duijie.Invalid(vendor, field, rule, detail) }
	switch {
	case p == nil:
		return inv("purchase_info", duijie.RuleRequired, "")
	case p.OuterNo == "":
		return inv("purchase_info.outer_no", duijie.RuleRequired, "")
	case p.ProviderNo == "":
		return inv("purchase_info.provider_no", duijie.RuleRequired, "")
	case p.WarehouseNo == "":
		return inv("purchase_info.warehouse_no", duijie.RuleRequired, "")
	case len(p.Details) == 0:
		return inv("purchase_info.details_list", duijie.RuleRequired, "at least one line")
	}
	for i, d := range p.Details {
		f := "purchase_info.details_list[" + strconv.Itoa(i) + "]."
		switch {
		case d.SpecNo == "":
			return inv(f+"spec_no", duijie.RuleRequired, "")
		case d.Num.Sign() <= 0:
			return inv(f+"num", duijie.RuleRange, "must be positive")
		}
		for _, a := range []struct {
			name string
			v    *duijie.Amount
		}{{"price", d.Price}, {"discount", d.Discount}, {"tax", d.Tax}, {"tax_price", d.TaxPrice}} {
			if a.v != nil && a.v.IsNegative() {
				return inv(f+a.name, duijie.RuleNegative, "")
			}
		}
	}
	return limits.CheckAt("purchase_info", p)
}
