package honor_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/honor/honortest"
)

// businessRefusals are the fake's refusals that depend on Honor's state,
// not on the request's form: feedback for an order Honor does not have, for
// goods not in it, or for an outbound already given to another order.
var businessRefusals = []string{"is not a Himall VF order", "is not in order", "belongs to order"}

// FuzzUploadLimits sends a PSI record and a shipment feedback built from
// random parts: whatever the client's validator accepts, the fake (which
// holds the default wire form to its limits: codes at most 64 bytes, serials
// of letters, digits and '-', yyyy-MM-dd HH:mm:ss times, quantities above
// 0) must take; whatever it refuses must send nothing.
func FuzzUploadLimits(f *testing.F) {
	// Valid.
	f.Add("PF20261121001", "G1", "SN-860001", "W1", "仓库", "备注", int64(2026), 1)
	// Surrounding spaces, control characters, invalid UTF-8.
	f.Add(" PF1", "G1\n", "SN 1", "W\x01", "\xff", "a\tb", int64(2026), 1)
	// Too long in bytes (Chinese is 3 bytes a character), serial characters.
	f.Add(strings.Repeat("单", 22), "G1", strings.Repeat("9", 65), strings.Repeat("W", 65), "", "", int64(2026), 2)
	f.Add(strings.Repeat("单", 21)+"1", "G1", "SN_1", "W", "", "", int64(2026), 1)
	f.Add("PF2", "G1", "ＳＮ１", "W", "", "", int64(2026), 1)
	// Years 0, 1, 9999 and beyond; no serials, a zero quantity.
	f.Add("PF3", "G1", "SN3", "W", "", "", int64(0), 0)
	f.Add("PF4", "G1", "SN4", "W", "", "", int64(1), 1)
	f.Add("PF5", "G1", "SN5", "W", "", "", int64(9999), 1)
	f.Add("PF6", "G1", "SN6", "W", "", "", int64(10000), 1)

	srv := honortest.NewServer()
	f.Cleanup(srv.Close)
	srv.AddOrder(honor.VFOrder{OrderNo: "VF-FUZZ", ShopNo: honortest.ShopNo, Lines: []honor.VFOrderLine{{GoodsCode: "G1"}}})
	c, err := honor.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithRateLimit(),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, docNo, goods, serial, warehouse, name, remark string, year int64, units int) {
		at := duijie.NewTime(time.Date(int(year%20000), 11, 21, 10, 0, 0, 0, duijie.CST()))
		rec := honor.PSIRecord{DocNo: docNo, DocType: honor.PSIWholesaleOut, DocDate: at, VFOrderNo: docNo,
			WarehouseCode: warehouse, WarehouseName: name, SupplierCode: warehouse, SupplierName: name,
			CustomerCode: warehouse, CustomerName: name, GoodsCode: goods, GoodsName: name, Brand: remark,
			Category: remark, Serial: serial}
		srv.ResetJournal()
		res, err := c.UploadPSI(context.Background(), &honor.PSIUploadRequest{Records: []honor.PSIRecord{rec}})
		check(t, srv, err)
		if err == nil {
			for _, r := range res.Results {
				if !r.OK {
					t.Fatalf("the validator accepted a PSI record Honor refuses: %s %s", r.Code, r.Message)
				}
			}
		}

		units = units % 4
		var serials []string
		for i := 0; i < units; i++ {
			serials = append(serials, serial+strings.Repeat("-", i))
		}
		fb := &honor.VFShipmentFeedback{Origin: honor.OriginHimall, OrderNo: "VF-FUZZ", OutboundNo: docNo, OutboundTime: at,
			WarehouseCode: warehouse, WarehouseName: name, LogisticsCompany: name, TrackingNo: warehouse, Remark: remark,
			Lines: []honor.VFShipmentLine{{LineNo: goods, GoodsCode: "G1", Quantity: duijie.AmountFromInt(int64(units)), Serials: serials}}}
		srv.ResetJournal()
		_, err = c.SendVFShipmentFeedback(context.Background(), fb)
		check(t, srv, err)
	})
}

// check fails t when err is a validation error yet something was sent, or
// a refusal the validator could have seen.
func check(t *testing.T, srv *honortest.Server, err error) {
	t.Helper()
	var v *duijie.ValidationError
	switch {
	case errors.As(err, &v):
		if n := len(srv.Journal()); n != 0 {
			t.Fatalf("refused (%v) yet sent %d requests", err, n)
		}
	case err != nil:
		for _, b := range businessRefusals {
			if strings.Contains(err.Error(), b) {
				return
			}
		}
		t.Fatalf("the validator accepted a request Honor refuses: %v", err)
	}
}
