package jushuitan

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/duijie/duijie"
)

// AfterSaleUpload is one after-sale bill for /open/aftersale/upload
// (售后上传). Fields are jst-java's JstUploadAfterSaleRequest; the vendor
// marks several updatable (可更新): a second upload of an outer_as_id
// updates the bill. Empty optional fields are left out of the JSON.
type AfterSaleUpload struct {
	// ShopID is the shop (店铺编号); required.
	ShopID int64
	// OuterAsID is the platform's refund number, unique on the platform
	// (平台唯一); required, unique within the request.
	OuterAsID string
	// SoID is the order's online number; required.
	SoID string
	// Type is 普通退货, 其它, 拒收退货, 仅退款, 投诉, 补发, 维修 or 换货.
	Type string
	// ShopStatus is the platform's state, e.g. WAIT_SELLER_AGREE.
	ShopStatus string
	// GoodStatus is BUYER_NOT_RECEIVED, BUYER_RECEIVED, BUYER_RETURNED_GOODS
	// or SELLER_RECEIVED.
	GoodStatus string
	// QuestionType is the problem type; Remark the remark.
	QuestionType, Remark string
	// TotalAmount is the original bill's total, Refund what the seller
	// refunds, Payment what the buyer adds, Freight the shipping refunded;
	// at most 2 decimal places, zero left out.
	TotalAmount, Refund, Payment, Freight duijie.Amount
	// WarehouseType is 1 main, 2 returns, 3 inbound, 4 defective, 5 store,
	// 6–8 custom; 0 leaves it out.
	WarehouseType int
	// WmsCoID is the receiving warehouse.
	WmsCoID int64
	// LogisticsCompany and LID are the return's carrier and waybill.
	LogisticsCompany, LID string
	// SendLcID and SendLcName are the carrier of what is sent out.
	SendLcID, SendLcName string
	// ReceiverNameEn and ReceiverMobileEn are for exchange and resend bills only.
	ReceiverNameEn, ReceiverMobileEn string
	// ReceiverState, ReceiverCity, ReceiverDistrict and ReceiverAddress are
	// the receiving address.
	ReceiverState, ReceiverCity, ReceiverDistrict, ReceiverAddress string
	// Items are the lines.
	Items []AfterSaleUploadItem
}

// AfterSaleUploadItem is one line of an after-sale upload.
type AfterSaleUploadItem struct {
	// OuterOiID is the order line (平台订单明细编号); when present the vendor
	// matches the line by it. Required for combo goods.
	OuterOiID string
	// SKUID is the merchant's 商品编码.
	SKUID string
	// Qty is the quantity returned; it is always sent.
	Qty int
	// Amount is the line's refund, at most 2 decimal places; it is always sent.
	Amount duijie.Amount
	// Type is 退货, 换货, 其它 or 补发.
	Type string
	// Name, Pic and PropertiesValue may be left out when OuterOiID is given.
	Name, Pic, PropertiesValue string
	// Des is the line's remark.
	Des string
}

// UploadAfterSalesRequest carries the bills of one after-sale upload.
type UploadAfterSalesRequest struct {
	// AfterSales are at least one bill, each outer_as_id once.
	AfterSales []AfterSaleUpload
}

type afterSaleWire struct {
	ShopID           int64           `json:"shop_id"`
	OuterAsID        string          `json:"outer_as_id" limit:"id"`
	SoID             string          `json:"so_id" limit:"id"`
	Type             string          `json:"type,omitempty" limit:"enum=普通退货|其它|拒收退货|仅退款|投诉|补发|维修|换货"`
	LogisticsCompany string          `json:"logistics_company,omitempty"`
	LID              string          `json:"l_id,omitempty" limit:"id"`
	ReceiverNameEn   string          `json:"receiver_name_en,omitempty"`
	ReceiverMobileEn string          `json:"receiver_mobile_en,omitempty"`
	ShopStatus       string          `json:"shop_status,omitempty"`
	Remark           string          `json:"remark,omitempty"`
	GoodStatus       string          `json:"good_status,omitempty" limit:"enum=BUYER_NOT_RECEIVED|BUYER_RECEIVED|BUYER_RETURNED_GOODS|SELLER_RECEIVED"`
	QuestionType     string          `json:"question_type,omitempty"`
	TotalAmount      json.Number     `json:"total_amount,omitzero"`
	Refund           json.Number     `json:"refund,omitzero"`
	Payment          json.Number     `json:"payment,omitzero"`
	WarehouseType    int             `json:"warehouse_type,omitempty"`
	WmsCoID          int64           `json:"wms_co_id,omitempty"`
	ReceiverState    string          `json:"receiver_state,omitempty"`
	ReceiverCity     string          `json:"receiver_city,omitempty"`
	ReceiverDistrict string          `json:"receiver_district,omitempty"`
	ReceiverAddress  string          `json:"receiver_address,omitempty"`
	SendLcID         string          `json:"send_lc_id,omitempty"`
	SendLcName       string          `json:"send_lc_name,omitempty"`
	Items            []afterItemWire `json:"items,omitempty"`
	Freight          json.Number     `json:"freight,omitzero"`
}

type afterItemWire struct {
	OuterOiID       string      `json:"outer_oi_id,omitempty" limit:"id"`
	SKUID           string      `json:"sku_id,omitempty" limit:"id"`
	Qty             int         `json:"qty"`
	Amount          json.Number `json:"amount"`
	Type            string      `json:"type,omitempty" limit:"enum=退货|换货|其它|补发"`
	Name            string      `json:"name,omitempty"`
	Pic             string      `json:"pic,omitempty"`
	PropertiesValue string      `json:"properties_value,omitempty"`
	Des             string      `json:"des,omitempty"`
}

// afterSaleRow is one bill's outcome in the upload answer (datas[]).
type afterSaleRow struct {
	AsID      duijie.Int64    `json:"as_id"`
	IsSuccess json.RawMessage `json:"issuccess"`
	SoID      string          `json:"so_id"`
	OuterAsID string          `json:"outer_as_id"`
	OID       duijie.Int64    `json:"o_id"`
	Msg       string          `json:"msg"`
}

func (a *AfterSaleUpload) wire(i int) (afterSaleWire, error) {
	at := func(field string) string { return fmt.Sprintf("after_sales[%d].%s", i, field) }
	var w afterSaleWire
	switch {
	case a.ShopID <= 0:
		return w, duijie.Invalid(vendor, at("shop_id"), duijie.RuleRequired, "the shop from QueryShops")
	case strings.TrimSpace(a.OuterAsID) == "":
		return w, duijie.Invalid(vendor, at("outer_as_id"), duijie.RuleRequired, "the platform's refund number, the bill's key")
	case strings.TrimSpace(a.SoID) == "":
		return w, duijie.Invalid(vendor, at("so_id"), duijie.RuleRequired, "")
	case a.WarehouseType < 0 || a.WmsCoID < 0:
		return w, duijie.Invalid(vendor, at("warehouse_type"), duijie.RuleNegative, "warehouse_type and wms_co_id are not negative")
	}
	amounts := map[string]duijie.Amount{"total_amount": a.TotalAmount, "refund": a.Refund, "payment": a.Payment, "freight": a.Freight}
	for _, k := range []string{"total_amount", "refund", "payment", "freight"} {
		if f := checkAmount(amounts[k], 2); f != nil {
			return w, duijie.Invalid(vendor, at(k), f.rule, f.detail)
		}
	}
	w = afterSaleWire{ShopID: a.ShopID, OuterAsID: a.OuterAsID, SoID: a.SoID, Type: a.Type, LogisticsCompany: a.LogisticsCompany, LID: a.LID,
		ReceiverNameEn: a.ReceiverNameEn, ReceiverMobileEn: a.ReceiverMobileEn, ShopStatus: a.ShopStatus, Remark: a.Remark,
		GoodStatus: a.GoodStatus, QuestionType: a.QuestionType, TotalAmount: fixedOrEmpty(a.TotalAmount, 2), Refund: fixedOrEmpty(a.Refund, 2),
		Payment: fixedOrEmpty(a.Payment, 2), WarehouseType: a.WarehouseType, WmsCoID: a.WmsCoID, ReceiverState: a.ReceiverState,
		ReceiverCity: a.ReceiverCity, ReceiverDistrict: a.ReceiverDistrict, ReceiverAddress: a.ReceiverAddress, SendLcID: a.SendLcID,
		SendLcName: a.SendLcName, Freight: fixedOrEmpty(a.Freight, 2)}
	for j, it := range a.Items {
		line := func(field string) string { return at(fmt.Sprintf("items[%d].%s", j, field)) }
		switch {
		case it.SKUID == "" && it.OuterOiID == "":
			return w, duijie.Invalid(vendor, line("sku_id"), duijie.RuleRequired, "a sku_id or the order line's outer_oi_id")
		case it.Qty < 0:
			return w, duijie.Invalid(vendor, line("qty"), duijie.RuleNegative, "")
		}
		if f := checkAmount(it.Amount, 2); f != nil {
			return w, duijie.Invalid(vendor, line("amount"), f.rule, f.detail)
		}
		w.Items = append(w.Items, afterItemWire{OuterOiID: it.OuterOiID, SKUID: it.SKUID, Qty: it.Qty, Amount: fixed(it.Amount, 2), Type: it.Type,
			Name: it.Name, Pic: it.Pic, PropertiesValue: it.PropertiesValue, Des: it.Des})
	}
	if err := limits.Check(&w); err != nil {
		return w, limits.CheckAt(fmt.Sprintf("after_sales[%d]", i), &w)
	}
	return w, nil
}

// UploadAfterSales calls /open/aftersale/upload (售后上传) with after-sale
// bills; biz is a JSON array of them. No legacy method is known for it
// (breadth.md §4.2): a legacy client refuses it before sending. Fields
// come from jst-java's JstUploadAfterSaleRequest and Response, whose
// Javadoc copies the vendor's doc (docType=9, docId=41). The vendor answers
// every bill on its own (datas with as_id, issuccess, outer_as_id): the
// response has one result per bill, matched by outer_as_id, its ID the
// ERP's as_id, and a *duijie.BatchError lists the bills that failed or
// that the answer does not account for. Amounts travel with 2 decimal
// places.
//
// Replayed after an unclear outcome (HTTP 5xx, a reset, a timeout, a code
// 100 renewal) with the same bytes: the vendor documents outer_as_id as
// unique on the platform and an upload of a known one updates the bill
// (可更新), so a resend of the same bills cannot make a second one.
func (c *Client) UploadAfterSales(ctx context.Context, req *UploadAfterSalesRequest) (*WriteResults, error) {
	if req == nil || len(req.AfterSales) == 0 {
		return nil, duijie.Invalid(vendor, "after_sales", duijie.RuleRequired, "at least one bill")
	}
	op := table[opUploadAfterSales]
	wires := make([]afterSaleWire, len(req.AfterSales))
	keys := make([]string, len(req.AfterSales))
	seen := make(map[string]int, len(req.AfterSales))
	for i := range req.AfterSales {
		w, err := req.AfterSales[i].wire(i)
		if err != nil {
			return nil, err
		}
		if j, dup := seen[w.OuterAsID]; dup {
			return nil, duijie.Invalid(vendor, fmt.Sprintf("after_sales[%d].outer_as_id", i), duijie.RuleConflict, fmt.Sprintf("same as after_sales[%d]", j))
		}
		seen[w.OuterAsID] = i
		wires[i], keys[i] = w, w.OuterAsID
	}
	ans := &rowsAnswer[afterSaleRow]{keys: op.listKeys}
	if err := c.invoke(ctx, op, wires, ans); err != nil {
		return nil, err
	}
	rows := make([]answerRow, len(ans.rows))
	for i, r := range ans.rows {
		rows[i] = answerRow{key: r.OuterAsID, ok: r.IsSuccess, id: r.AsID, msg: r.Msg}
	}
	return matchRows(c.name(op), keys, rows, "the answer has no outcome for this bill: it may have arrived; upload it again (bills are keyed by outer_as_id)")
}
