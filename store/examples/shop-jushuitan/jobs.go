package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/mapping"
)

// Jobs are the shop's three jobs with Jushuitan.
type Jobs struct {
	JST    *jushuitan.Client
	Shop   *Shop
	ShopID int64 // the Jushuitan shop (店铺编号) of this shop
	Log    *slog.Logger
}

// Report is what one round of the three jobs did.
type Report struct {
	StockUpdated                    int
	Uploaded, UploadFailed, Shipped int
	// Problems lists every order not uploaded and why; they are tried
	// again next round (uploading an order twice updates it).
	Problems []string
}

// Round runs the three jobs once: stock, orders, shipments. A job's
// failure does not stop the next.
func (j *Jobs) Round(ctx context.Context) (*Report, error) {
	rep := &Report{}
	errs := []error{j.SyncStock(ctx, rep), j.UploadOrders(ctx, rep), j.SyncShipments(ctx, rep)}
	return rep, errors.Join(errs...)
}

// SyncStock copies Jushuitan's sellable stock (qty − order_lock) of the
// shop's SKUs into the shop.
func (j *Jobs) SyncStock(ctx context.Context, rep *Report) error {
	bySKU := map[string]string{} // Jushuitan code → shop SKU
	var codes []string
	for _, sku := range j.Shop.SKUs() {
		code := j.Shop.Goods[sku]
		bySKU[code] = sku
		codes = append(codes, code)
	}
	for start := 0; start < len(codes); start += jushuitan.MaxInventoryKeys {
		part := codes[start:min(start+jushuitan.MaxInventoryKeys, len(codes))]
		n := 0
		for it, err := range j.JST.Inventory(ctx, &jushuitan.InventoryQuery{SKUIDs: part, PageSize: jushuitan.MaxInventoryPageSize}) {
			if err != nil {
				return fmt.Errorf("stock: %w", err)
			}
			if sku, ok := bySKU[it.SKUID]; ok {
				j.Shop.Stock[sku] = it.Qty.Sub(it.OrderLock)
				n++
			}
		}
		rep.StockUpdated += n
		j.Log.Info("stock", "skus", len(part), "rows", n)
	}
	return nil
}

// UploadOrders sends the paid orders Jushuitan does not have yet, 50 a call,
// and records each order's outcome.
func (j *Jobs) UploadOrders(ctx context.Context, rep *Report) error {
	var batch []jushuitan.UploadOrder
	var sent []*Order
	for _, o := range j.Shop.toUpload() {
		u, err := mapping.ShopOrderToJushuitan(&o.ShopOrder, mapping.JushuitanOptions{ShopID: j.ShopID, Goods: j.Shop.Goods})
		if err != nil {
			j.refused(rep, o, err.Error())
			continue
		}
		batch, sent = append(batch, *u), append(sent, o)
	}
	for start := 0; start < len(batch); start += jushuitan.MaxUploadOrders {
		end := min(start+jushuitan.MaxUploadOrders, len(batch))
		res, err := j.JST.UploadOrders(ctx, &jushuitan.UploadOrdersRequest{Orders: batch[start:end]})
		var be *jushuitan.BatchError
		if err != nil && !errors.As(err, &be) {
			// The call failed as a whole and may or may not have arrived:
			// every order of it is tried again next round.
			for _, o := range sent[start:end] {
				j.refused(rep, o, err.Error())
			}
			continue
		}
		for _, r := range res.Results {
			o := sent[start+r.Index]
			if !r.OK {
				j.refused(rep, o, "Jushuitan: "+r.Message)
				continue
			}
			o.ERPOrderID, o.UploadError = int64(r.OID), ""
			rep.Uploaded++
		}
		j.Log.Info("upload", "orders", end-start, "failed", len(res.Failed()))
	}
	return nil
}

func (j *Jobs) refused(rep *Report, o *Order, why string) {
	o.UploadError = why
	rep.UploadFailed++
	rep.Problems = append(rep.Problems, fmt.Sprintf("%s: %s", o.OrderNo, why))
}

// SyncShipments asks Jushuitan about the uploaded orders not shipped yet,
// 20 order numbers a query, and marks the shipped ones with their carrier
// and tracking number.
func (j *Jobs) SyncShipments(ctx context.Context, rep *Report) error {
	waiting := j.Shop.awaitingShipment()
	for start := 0; start < len(waiting); start += jushuitan.MaxSoIDs {
		part := waiting[start:min(start+jushuitan.MaxSoIDs, len(waiting))]
		byNo := map[string]*Order{}
		ids := make([]string, len(part))
		for i, o := range part {
			ids[i], byNo[o.OrderNo] = o.OrderNo, o
		}
		n := 0
		for sh, err := range j.JST.Shipments(ctx, &jushuitan.LogisticsQuery{ShopID: j.ShopID, SoIDs: ids, PageSize: jushuitan.MaxLogisticsPageSize}) {
			if err != nil {
				return fmt.Errorf("shipments: %w", err)
			}
			o, ok := byNo[sh.SoID]
			if !ok || sh.LID == "" {
				continue
			}
			o.Status, o.Carrier, o.TrackingNo = mapping.ShopShipped, sh.LogisticsCompany, sh.LID
			rep.Shipped++
			n++
		}
		j.Log.Info("shipments", "asked", len(ids), "shipped", n)
	}
	return nil
}
