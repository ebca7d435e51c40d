package wangdiantong

import (
	"context"
	"strconv"

	"github.com/duijie/duijie"
)

// MaxStocktakeLines is the most lines one stock_sync_by_pd call may carry
// (vendor notes: "控制在500条及以下"); it is the MaxBatch of
// stock_sync_by_pd.php's row in Operations.
const MaxStocktakeLines = 500

// StocktakeDuplicateCode is the code the ERP answers a stock_sync_by_pd
// with when a bill of the same api_outer_no exists (外部单号重复), as the
// vendor's page for the script in its Y edition shows it.
const StocktakeDuplicateCode = "21000006"

// StocktakeRequest is one stocktaking bill (盘点单) for stock_sync_by_pd,
// whose counts overwrite the ERP's stock. The parameters are those of the
// 企业奇门 request class WdtStockSyncByPdRequest (samzong/taobao-openapi:
// api_outer_no, warehouse_no, goods_list, mode, is_check,
// is_create_stock, is_post_error); their meaning and the line fields
// (spec_no, stock_num, position_no, batch_no, expire_date,
// production_date) are from the vendor's page for the script in its Y
// edition (same protocol); the QEasy scheme map (qeasy-cloud/datahub
// docs/solutions/kingdee-wangdian.md) sends the same names.
type StocktakeRequest struct {
	// APIOuterNo is api_outer_no (API单号, 40), "the external number's
	// unique mark": the key the ERP refuses a second bill by. Required.
	APIOuterNo string `json:"-"`
	// WarehouseNo is warehouse_no (仓库编号). Required.
	WarehouseNo string `json:"-"`
	// Mode is mode (盘点方案): 1 单品盘点 (the vendor's default when nil),
	// 2 货位盘点, 3 明细盘点.
	Mode *int `json:"-"`
	// Check is is_check (是否审核): 1 audits the bill at once. Always sent.
	Check bool `json:"-"`
	// CreateStock is is_create_stock: 1 (the vendor's default when nil)
	// adds a stock record for an SKU the warehouse has none of, 0 does not.
	CreateStock *int `json:"-"`
	// Strict is is_post_error: true (1) refuses the whole bill when any
	// line fails; false (0, the vendor's default) applies the lines that
	// pass and lists the others. Always sent.
	Strict bool `json:"-"`
	// Lines are the counts (goods_list), 1..MaxStocktakeLines, each SKU
	// (with its position and batch) once.
	Lines []StocktakeLine `json:"-"`
}

// StocktakeLine is one counted SKU of a StocktakeRequest (goods_list).
type StocktakeLine struct {
	// SpecNo is spec_no (商家编码). Required.
	SpecNo string `json:"spec_no" limit:"id,max=40"`
	// StockNum is stock_num (盘点数量): the count that replaces the stock,
	// not a change; 0 or more, decimal(19,4).
	StockNum duijie.Amount `json:"stock_num"`
	// PositionNo is position_no (货位), required by modes 2 and 3.
	PositionNo string `json:"position_no,omitempty" limit:"id,max=40"`
	// BatchNo is batch_no (批次), for mode 3.
	BatchNo string `json:"batch_no,omitempty" limit:"id"`
	// ExpireDate is expire_date (有效期, yyyy-MM-dd), for mode 3.
	ExpireDate duijie.Date `json:"expire_date,omitzero"`
	// ProductionDate is production_date (生产日期, yyyy-MM-dd), for mode 3.
	ProductionDate duijie.Date `json:"production_date,omitzero"`
}

// StocktakeLineResult is the outcome of one line.
type StocktakeLineResult struct {
	// Index is the line's position in the request.
	Index int
	// SpecNo is its SKU.
	SpecNo string
	// OK is true when the answer does not list the line as failed.
	OK bool
	// Error is the ERP's reason when it failed (warning's error_msg).
	Error string
}

// StocktakeResponse is the answer to PushStocktake.
type StocktakeResponse struct {
	// Duplicate is true when the ERP refused the bill because it already
	// has one with this api_outer_no (StocktakeDuplicateCode): an earlier
	// push of the same bill, or an earlier attempt of this call, was
	// applied. Results is then empty: the lines' outcomes are those of
	// that push.
	Duplicate bool
	// Results has one entry per line, in input order, when the bill was
	// taken.
	Results []StocktakeLineResult
}

// stocktakeParams are stock_sync_by_pd's parameters; the flags whose 0
// means something are always sent.
type stocktakeParams struct {
	APIOuterNo    string `url:"api_outer_no"`
	WarehouseNo   string `url:"warehouse_no"`
	Mode          *int   `url:"mode,omitempty"`
	IsCheck       int    `url:"is_check"`
	IsCreateStock *int   `url:"is_create_stock,omitempty"`
	IsPostError   int    `url:"is_post_error"`
	GoodsList     JSON   `url:"goods_list"`
}

// PushStocktake calls stock_sync_by_pd.php / wdt.stock.sync.by.pd
// (创建盘点单): the counts overwrite the ERP's stock of the warehouse. The
// vendor asks for at most 500 lines per call (checked before sending), at
// most 2000 calls a day, run between 20:00 and 06:00 when no goods ship.
// The ERP keeps api_outer_no unique, so the call is safe to replay: it is
// retried after an unclear outcome, and a replay of an applied bill is
// answered as a duplicate, which PushStocktake reports as
// StocktakeResponse.Duplicate with no error. In non-strict mode the ERP
// lists the lines it refused (warning: spec_no, error_msg); PushStocktake
// then returns every line's outcome together with a *duijie.BatchError
// naming them (a refusal naming an SKU that was not sent is kept with
// Index -1).
func (c *Client) PushStocktake(ctx context.Context, req *StocktakeRequest) (*StocktakeResponse, error) {
	o := opStocktake.row()
	if err := req.validate(o.MaxBatch); err != nil {
		return nil, err
	}
	params, err := encode(stocktakeParams{APIOuterNo: req.APIOuterNo, WarehouseNo: req.WarehouseNo, Mode: req.Mode,
		IsCheck: bit(req.Check), IsCreateStock: req.CreateStock, IsPostError: bit(req.Strict),
		GoodsList: JSON{Value: req.Lines, KeepEmoji: c.cfg.KeepEmoji}})
	if err != nil {
		return nil, err
	}
	var ans struct {
		Warning []struct {
			SpecNo   duijie.Text `json:"spec_no"`
			ErrorMsg duijie.Text `json:"error_msg"`
		} `json:"warning"`
	}
	if _, err := c.call(ctx, o, params, &ans); err != nil {
		if ae, ok := duijie.AsAPIError(err); ok && ae.Code == StocktakeDuplicateCode {
			return &StocktakeResponse{Duplicate: true}, nil
		}
		return nil, err
	}
	resp := &StocktakeResponse{Results: make([]StocktakeLineResult, len(req.Lines))}
	bySpec := map[string][]int{}
	for i, l := range req.Lines {
		resp.Results[i] = StocktakeLineResult{Index: i, SpecNo: l.SpecNo, OK: true}
		bySpec[l.SpecNo] = append(bySpec[l.SpecNo], i)
	}
	if len(ans.Warning) == 0 {
		return resp, nil
	}
	be := &duijie.BatchError{Vendor: vendor, Operation: c.wire(o), Total: len(req.Lines)}
	var unknown []duijie.RowError
	for _, w := range ans.Warning {
		msg := string(w.ErrorMsg)
		if msg == "" {
			msg = "refused without a reason"
		}
		at, ok := bySpec[string(w.SpecNo)]
		if !ok {
			unknown = append(unknown, duijie.RowError{Index: -1, Key: string(w.SpecNo), Message: msg})
			continue
		}
		for _, i := range at {
			r := &resp.Results[i]
			if !r.OK {
				r.Error += "; " + msg
				continue
			}
			r.OK, r.Error = false, msg
		}
	}
	for _, r := range resp.Results {
		if !r.OK {
			be.Failed = append(be.Failed, duijie.RowError{Index: r.Index, Key: r.SpecNo, Message: r.Error})
		}
	}
	be.Failed = append(be.Failed, unknown...)
	return resp, be
}

// validate checks r before sending; maxLines is the row's MaxBatch.
func (r *StocktakeRequest) validate(maxLines int) error {
	inv := func(field, rule, detail string) error { return duijie.Invalid(vendor, field, rule, detail) }
	switch {
	case r == nil:
		return inv("StocktakeRequest", duijie.RuleRequired, "")
	case r.APIOuterNo == "":
		return inv("api_outer_no", duijie.RuleRequired, "")
	case r.WarehouseNo == "":
		return inv("warehouse_no", duijie.RuleRequired, "")
	case len(r.Lines) == 0:
		return inv("goods_list", duijie.RuleRequired, "at least one line")
	case len(r.Lines) > maxLines:
		return inv("goods_list", duijie.RuleTooMany, "at most "+strconv.Itoa(maxLines)+" lines per call")
	}
	if err := checkFilters(textFilter{"api_outer_no", r.APIOuterNo, "id,max=40"}, textFilter{"warehouse_no", r.WarehouseNo, "id,max=40"}); err != nil {
		return err
	}
	if r.Mode != nil {
		if err := limits.Int("mode", int64(*r.Mode), "1|2|3"); err != nil {
			return err
		}
	}
	if r.CreateStock != nil {
		if err := limits.Int("is_create_stock", int64(*r.CreateStock), "0|1"); err != nil {
			return err
		}
	}
	type lineKey struct{ spec, position, batch string }
	seen := make(map[lineKey]bool, len(r.Lines))
	positioned := r.Mode != nil && *r.Mode >= 2
	for i, l := range r.Lines {
		p := func() string { return "goods_list[" + strconv.Itoa(i) + "]." }
		k := lineKey{l.SpecNo, l.PositionNo, l.BatchNo}
		switch {
		case l.SpecNo == "":
			return inv(p()+"spec_no", duijie.RuleRequired, "")
		case l.StockNum.IsNegative():
			return inv(p()+"stock_num", duijie.RuleNegative, "")
		case positioned && l.PositionNo == "":
			return inv(p()+"position_no", duijie.RuleRequired, "modes 2 and 3 count by position")
		case seen[k]:
			return inv(p()+"spec_no", duijie.RuleConflict, "spec_no "+l.SpecNo+" is counted twice in one bill")
		}
		seen[k] = true
		if limits.Check(&r.Lines[i]) != nil {
			path := p()
			return limits.CheckAt(path[:len(path)-1], &r.Lines[i])
		}
	}
	return nil
}
