package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/store/examples/internal/jobkit"
	"github.com/duijie/duijie/store/sqlite"
)

// Jobs are the shop's three jobs with Jushuitan.
type Jobs struct {
	JST    *jushuitan.Client
	Shop   *Shop
	ShopID int64 // the Jushuitan shop (店铺编号) of this shop
	Log    *slog.Logger
	// State, when set, keeps each order's upload and the shipment sync's
	// checkpoint between runs (the real mode); nil keeps nothing (the demo).
	State *State
	// DryRun reads but uploads nothing and stores nothing.
	DryRun bool
	// Progress, when set, is told of windows and documents.
	Progress *jobkit.Progress
}

// Report is what one round of the three jobs did.
type Report struct {
	StockUpdated                    int
	Uploaded, UploadFailed, Shipped int
	// Problems lists every order not uploaded and why; they are tried
	// again next round (uploading an order twice updates it).
	Problems []string
	// Found counts orders whose cut-off upload was found in Jushuitan;
	// Already those an earlier run uploaded; WouldUpload what a dry run
	// would have sent.
	Found, Already int
	WouldUpload    []string
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
	if err := j.settle(ctx, rep); err != nil {
		return err
	}
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
	if j.Progress != nil {
		j.Progress.Found(len(batch))
	}
	if j.DryRun {
		for _, o := range sent {
			rep.WouldUpload = append(rep.WouldUpload, fmt.Sprintf("%s (%d line(s), paid %s)", o.OrderNo, len(o.Lines), o.Paid))
		}
		return nil
	}
	for start := 0; start < len(batch); start += jushuitan.MaxUploadOrders {
		end := min(start+jushuitan.MaxUploadOrders, len(batch))
		if err := j.record(ctx, sent[start:end], sqlite.DocSending); err != nil {
			return err
		}
		res, err := j.JST.UploadOrders(ctx, &jushuitan.UploadOrdersRequest{Orders: batch[start:end]})
		var be *duijie.BatchError
		if err != nil && !errors.As(err, &be) {
			// The call failed as a whole and may or may not have arrived:
			// every order of it is looked up, or tried again, next round.
			for _, o := range sent[start:end] {
				j.refused(rep, o, err.Error())
			}
			j.done(end-start, end-start)
			continue
		}
		var up, failed []*Order
		for _, r := range res.Results {
			o := sent[start+r.Index]
			if !r.OK {
				j.refused(rep, o, "Jushuitan: "+r.Message)
				failed = append(failed, o)
				continue
			}
			o.ERPOrderID, o.UploadError = int64(r.OID), ""
			rep.Uploaded++
			up = append(up, o)
		}
		if err := errors.Join(j.record(ctx, up, sqlite.DocDelivered), j.record(ctx, failed, sqlite.DocFailed)); err != nil {
			return err
		}
		j.done(end-start, len(failed))
		j.Log.Info("upload", "orders", end-start, "failed", len(res.Failed()))
	}
	return nil
}

func (j *Jobs) done(n, errs int) {
	if j.Progress != nil {
		j.Progress.Done(n, errs)
	}
}

// record writes the orders' upload state, unless there is no state or the
// run is dry.
func (j *Jobs) record(ctx context.Context, orders []*Order, status sqlite.DocStatus) error {
	if j.State == nil || j.DryRun {
		return nil
	}
	for _, o := range orders {
		rec, _, err := j.State.Docs.Get(ctx, flowUpload, o.OrderNo)
		if err != nil {
			return err
		}
		rec.Flow, rec.No, rec.Status, rec.UpdatedAt = flowUpload, o.OrderNo, status, time.Now()
		switch status {
		case sqlite.DocSending:
			rec.Attempts++
		case sqlite.DocDelivered:
			rec.Ref, rec.Message = strconv.FormatInt(o.ERPOrderID, 10), ""
		default:
			rec.Message = o.UploadError
		}
		if err := j.State.Docs.Put(ctx, rec); err != nil {
			return err
		}
	}
	return nil
}

// settle marks the orders an earlier run uploaded, and looks up in
// Jushuitan (by so_id, a read) the orders whose upload was cut off.
func (j *Jobs) settle(ctx context.Context, rep *Report) error {
	if j.State == nil {
		return nil
	}
	var unsure []*Order
	for _, o := range j.Shop.toUpload() {
		rec, ok, err := j.State.Docs.Get(ctx, flowUpload, o.OrderNo)
		switch {
		case err != nil:
			return err
		case ok && rec.Status == sqlite.DocDelivered:
			o.ERPOrderID, _ = strconv.ParseInt(rec.Ref, 10, 64)
			rep.Already++
		case ok && rec.Status == sqlite.DocSending:
			unsure = append(unsure, o)
		}
	}
	for start := 0; start < len(unsure); start += jushuitan.MaxSoIDs {
		part := unsure[start:min(start+jushuitan.MaxSoIDs, len(unsure))]
		byNo := map[string]*Order{}
		ids := make([]string, len(part))
		for i, o := range part {
			ids[i], byNo[o.OrderNo] = o.OrderNo, o
		}
		var found []*Order
		for eo, err := range j.JST.Orders(ctx, &jushuitan.OrderQuery{ShopID: j.ShopID, SoIDs: ids}) {
			if err != nil {
				return fmt.Errorf("look up cut-off uploads: %w", err)
			}
			if o, ok := byNo[eo.SoID]; ok && o.ERPOrderID == 0 {
				o.ERPOrderID = int64(eo.OID)
				found = append(found, o)
			}
		}
		rep.Found += len(found)
		if err := j.record(ctx, found, sqlite.DocDelivered); err != nil {
			return err
		}
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
	if j.State != nil {
		return j.syncShipments(ctx, rep)
	}
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
