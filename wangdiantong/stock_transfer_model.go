package wangdiantong

import "github.com/duijie/duijie"

// StockTransfer is one stock transfer (调拨单) of stock_transfer_query, with
// its goods lines. The fields are those of gaigeshen/tripartite@92a3175
// (module tripartite-wangdian,
// response/stock/StockTransferQueryResponse.java). Ids and codes are Text,
// quantities Amount.
type StockTransfer struct {
	// TransferNo is transfer_no (调拨单号).
	TransferNo duijie.Text `json:"transfer_no"`
	// OuterNo is outer_no (外部单号).
	OuterNo duijie.Text `json:"outer_no"`
	// Type is type (调拨类型).
	Type duijie.Text `json:"type"`
	// Mode is mode (调拨方式).
	Mode duijie.Text `json:"mode"`
	// Status is status (状态).
	Status duijie.Text `json:"status"`
	// FromWarehouseNo is from_warehouse_no (调出仓库编号).
	FromWarehouseNo duijie.Text `json:"from_warehouse_no"`
	// ToWarehouseNo is to_warehouse_no (调入仓库编号).
	ToWarehouseNo duijie.Text `json:"to_warehouse_no"`
	// FromWarehouseID is from_warehouse_id (调出仓库id).
	FromWarehouseID duijie.Text `json:"from_warehouse_id"`
	// ToWarehouseID is to_warehouse_id (调入仓库id).
	ToWarehouseID duijie.Text `json:"to_warehouse_id"`
	// GoodsCount is goods_count (货品数量).
	GoodsCount duijie.Amount `json:"goods_count"`
	// GoodsTypeCount is goods_type_count (货品种类数).
	GoodsTypeCount duijie.Amount `json:"goods_type_count"`
	// GoodsInCount is goods_in_count (调入数量).
	GoodsInCount duijie.Amount `json:"goods_in_count"`
	// GoodsOutCount is goods_out_count (调出数量).
	GoodsOutCount duijie.Amount `json:"goods_out_count"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// Details are the 货品明细 (details_list).
	Details []StockTransferDetail `json:"details_list"`
}

// StockTransferDetail is one goods line of a StockTransfer (details_list),
// with the fields of the same source.
type StockTransferDetail struct {
	// GoodsNo is goods_no (货品编号).
	GoodsNo duijie.Text `json:"goods_no"`
	// SpecNo is spec_no (商家编码).
	SpecNo duijie.Text `json:"spec_no"`
	// FromPosition is from_position (调出货位).
	FromPosition duijie.Text `json:"from_position"`
	// ToPosition is to_position (调入货位).
	ToPosition duijie.Text `json:"to_position"`
	// Num is num (调拨数量).
	Num duijie.Amount `json:"num"`
	// OutNum is out_num (调出数量).
	OutNum duijie.Amount `json:"out_num"`
	// InNum is in_num (调入数量).
	InNum duijie.Amount `json:"in_num"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
}
