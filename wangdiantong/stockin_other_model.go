package wangdiantong

import "github.com/duijie/duijie"

// Stockin is one stock-in bill of stockin_order_query (入库单管理: purchase,
// transfer, stocktaking-gain, production and other stock-ins; refund
// stock-ins are QueryRefundStockins'). Its fields are the ones the sources
// show for this answer: stockin_no, stockin_time, warehouse_no and the
// lines' spec_no, goods_count and cost_price in the QEasy scheme map
// (qeasy-cloud/datahub@871d0b7 docs/solutions/kingdee-wangdian.md), and
// status, src_order_no, outer_no, remark and warehouse_name, which the
// vendor's stockin_order_query page of its Y edition (same protocol)
// lists under the same names. The vendor sends more; they are not typed
// here.
type Stockin struct {
	// StockinNo is stockin_no (入库单号).
	StockinNo duijie.Text `json:"stockin_no"`
	// Status is status (入库单状态).
	Status duijie.Text `json:"status"`
	// SrcOrderNo is src_order_no (上层单据编号).
	SrcOrderNo duijie.Text `json:"src_order_no"`
	// OuterNo is outer_no (外部单号).
	OuterNo duijie.Text `json:"outer_no"`
	// WarehouseNo is warehouse_no (仓库编号).
	WarehouseNo duijie.Text `json:"warehouse_no"`
	// WarehouseName is warehouse_name (仓库名称).
	WarehouseName duijie.Text `json:"warehouse_name"`
	// StockinTime is stockin_time (入库时间).
	StockinTime duijie.Time `json:"stockin_time"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// Details are the 货品明细 (details_list).
	Details []StockinDetail `json:"details_list"`
}

// StockinDetail is one goods line of a Stockin (details_list).
type StockinDetail struct {
	// SpecNo is spec_no (商家编码).
	SpecNo duijie.Text `json:"spec_no"`
	// GoodsCount is goods_count (入库数量).
	GoodsCount duijie.Amount `json:"goods_count"`
	// CostPrice is cost_price (成本价).
	CostPrice duijie.Amount `json:"cost_price"`
}
