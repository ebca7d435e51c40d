package yihua

import "github.com/duijie/duijie"

// TradeType is the order type (TradeType基本信息). The vendor's table is not
// public; any value is sent as given.
type TradeType string

// Known trade types.
const (
	// TradeTypeFixed is a fixed-price sale, the type of the vendor's example.
	TradeTypeFixed TradeType = "Fixed"
)

// TradeSource is where the order came from (TradeSource基本信息). Any value is
// sent as given.
type TradeSource string

// Known trade sources.
const (
	// TradeSourceWeChat is a WeChat mall order.
	TradeSourceWeChat TradeSource = "TS_WX"
)

// PayChannel is how a payment was made. Any value is sent as given.
type PayChannel string

// Known pay channels.
const (
	// PayChannelWeChat is WeChat Pay.
	PayChannelWeChat PayChannel = "PC_WX"
)

// PayStatus is the payment state, String(32). Any value is sent as given.
type PayStatus string

// Known pay states.
const (
	// PayStatusPaid is the state of the vendor's paid example order.
	PayStatusPaid PayStatus = "2"
)

// Procedure is the ERP routine that receives the trade (StoredProcedureName).
type Procedure string

// The three receiving routines.
const (
	// ProcedureSale writes an ERP order (传输至ERP订单).
	ProcedureSale Procedure = "UP_TradeTransferToSale"
	// ProcedureRetail writes an ERP retail sale (传输至ERP零售).
	ProcedureRetail Procedure = "UP_TradeTransferToRetail"
	// ProcedureWholesale writes an ERP wholesale (传输至ERP批销).
	ProcedureWholesale Procedure = "UP_TradeTransferToWholesale"
)

// Trade is one order: its master row, its lines and its payments. Pays may
// be empty (the vendor's page does not make it required); Details may not.
//
// Limits, declared in the limit tags and checked by Validate: the lengths
// of the vendor's field table (String(32), String(128)), counted in UTF-16
// units as SQL Server's nvarchar does (the table's String(MAX) is
// nvarchar(max)), so an emoji counts 2;
// ids (TradeID, OuterID, ReceiptID, SaleUID, GoodsID, yhProductID,
// PayChannel) without surrounding white space or control characters;
// times from 1900 (1900/1/1 0:00:00 means "no time"); amounts with at most
// 4 decimals and 14 integer digits. Remark is String(MAX) (nvarchar(max))
// and the seed gives no type for TradeID, ZipCode, ThirdPartyData, GoodsID
// or yhProductID: no length is checked for them.
type Trade struct {
	Master  Master
	Details []Detail
	Pays    []Pay
}

// Master is the order header (MasterXml, 订单主表). Money fields are written
// with 4 decimals unless the Amount carries a scale of its own (parsed from
// "79.8", it is written "79.8"). Times are written in China Standard Time to
// the second (fractions are dropped); zero times are written
// "1900/1/1 0:00:00". The field names are the vendor's attribute names.
type Master struct {
	// TradeType is the order type, e.g. TradeTypeFixed.
	TradeType TradeType
	// TradeID is the mall's order id.
	TradeID string `limit:"id"`
	// CreateTime is when the order was created.
	CreateTime duijie.Time `limit:"minyear=1900"`
	// OriginalMoney is the list-price total (订单码洋).
	OriginalMoney duijie.Amount
	// FactMoney is what the buyer actually paid.
	FactMoney duijie.Amount
	// ContractFeeBefore is the order discount (marketing, member card).
	ContractFeeBefore duijie.Amount
	// ContractFee is the settlement discount (coupons, points).
	ContractFee duijie.Amount
	// OtherFee is any other discount.
	OtherFee duijie.Amount
	// ReductionFee is the amount waived.
	ReductionFee duijie.Amount
	// Freight is the postage.
	Freight duijie.Amount
	// LateFee is the late fee of rental orders.
	LateFee duijie.Amount
	// PayTime is when the order was paid.
	PayTime duijie.Time `limit:"minyear=1900"`
	// RefundFee is the amount refunded.
	RefundFee duijie.Amount
	// RefundTime is when the refund was made.
	RefundTime duijie.Time `limit:"minyear=1900"`
	// TradeSource is the order's channel, e.g. TradeSourceWeChat. String(32).
	TradeSource TradeSource `limit:"max=32,utf16"`
	// ProvinceID, CityID and DistrictID are the buyer's region. String(32) each.
	ProvinceID, CityID, DistrictID string `limit:"max=32,utf16"`
	// BuyerAddress is the street address. String(128).
	BuyerAddress string `limit:"max=128,utf16"`
	// BuyerName is the buyer's name. String(32).
	BuyerName string `limit:"max=32,utf16"`
	// BuyerPhone is the buyer's phone. String(32).
	BuyerPhone string `limit:"max=32,utf16"`
	// OuterID is the external order number. String(32).
	OuterID string `limit:"id,max=32,utf16"`
	// ReceiptID is the settlement document number. String(32).
	ReceiptID string `limit:"id,max=32,utf16"`
	// Remark is the order note.
	Remark string
	// SaleUID is the salesperson's UID. String(32).
	SaleUID string `limit:"id,max=32,utf16"`
	// PayStatus is the payment state. String(32).
	PayStatus PayStatus `limit:"max=32,utf16"`
	// TotalMoney is the order total.
	TotalMoney duijie.Amount
	// ZipCode is the buyer's postcode.
	ZipCode string
	// DelayTime is the delay deadline, when any.
	DelayTime duijie.Time `limit:"minyear=1900"`
	// ThirdPartyData is free data for the ERP.
	ThirdPartyData string
}

// Detail is one order line (DetailXml, 订单明细).
type Detail struct {
	// GoodsID is the goods code (商品编码).
	GoodsID string `limit:"id"`
	// YhProductID is Yihua's global product id (益华商品全局唯一码).
	YhProductID string `limit:"id"`
	// GoodsNumber is the quantity, written as given ("1").
	GoodsNumber duijie.Amount
	// OldPrice is the list price.
	OldPrice duijie.Amount
	// Price is the selling price.
	Price duijie.Amount
	// ContractFeeItem is this line's share of the order discount.
	ContractFeeItem duijie.Amount
	// OtherFeeItem is this line's share of other discounts.
	OtherFeeItem duijie.Amount
	// ReductionFeeItem is this line's share of the settlement discount.
	ReductionFeeItem duijie.Amount
	// CreateTime is when the line was created.
	CreateTime duijie.Time `limit:"minyear=1900"`
	// Remark is the line note.
	Remark string
}

// Pay is one payment (PayXml, 订单支付).
type Pay struct {
	// FactMoney is the amount paid.
	FactMoney duijie.Amount
	// PayChannel is how it was paid, e.g. PayChannelWeChat.
	PayChannel PayChannel `limit:"id"`
}
