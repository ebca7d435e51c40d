package wangdiantong

import "github.com/duijie/duijie"

// Stockout is one stock-out bill of stockout_order_query (出库单管理:
// transfer, purchase-return, stocktaking-loss, production and other
// stock-outs; sales stock-outs are QuerySalesStockouts'). Its fields are
// the ones the sources show for this answer: stockout_id, order_no,
// src_order_no, warehouse_no, status, consign_time and order_type on the
// QEasy API page for wdt.stockout.order.query (qeasy.cloud/api/c81544be…),
// outer_no, remark and the lines' goods_no, spec_no and goods_count in the
// QEasy scheme maps (qeasy-cloud/datahub@871d0b7
// docs/solutions/kingdee-wangdian.md, qeasy.cloud/solution-strategy/
// c60029ed…). The vendor sends more; they are not typed here.
type Stockout struct {
	// StockoutID is stockout_id (出库单主键id).
	StockoutID duijie.Text `json:"stockout_id"`
	// OrderNo is order_no (出库单号).
	OrderNo duijie.Text `json:"order_no"`
	// SrcOrderNo is src_order_no (源单号).
	SrcOrderNo duijie.Text `json:"src_order_no"`
	// OuterNo is outer_no (外部单号).
	OuterNo duijie.Text `json:"outer_no"`
	// WarehouseNo is warehouse_no (仓库编号).
	WarehouseNo duijie.Text `json:"warehouse_no"`
	// Status is status (出库单状态).
	Status duijie.Text `json:"status"`
	// OrderType is order_type (出库单类型).
	OrderType duijie.Text `json:"order_type"`
	// ConsignTime is consign_time (出库时间).
	ConsignTime duijie.Time `json:"consign_time"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// Details are the 货品明细 (details_list).
	Details []StockoutDetail `json:"details_list"`
}

// StockoutDetail is one goods line of a Stockout (details_list).
type StockoutDetail struct {
	// GoodsNo is goods_no (货品编号).
	GoodsNo duijie.Text `json:"goods_no"`
	// SpecNo is spec_no (商家编码).
	SpecNo duijie.Text `json:"spec_no"`
	// GoodsCount is goods_count (出库数量).
	GoodsCount duijie.Amount `json:"goods_count"`
}
