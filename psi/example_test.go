package psi_test

import (
	"fmt"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/psi"
)

func Example() {
	cst := time.FixedZone("CST", 8*3600)
	sel := psi.NewSelector(psi.Config{
		Warehouses: []string{"CK01"}, Suppliers: []string{"GYS01"}, Customers: []string{"KH01"},
		Brands: []string{"HONOR"}, Categories: []string{"PHONE"},
	})
	docs := []psi.Document{
		{ // linked to a Himall VF order: every serial uploads, whatever the settings
			No: "PF001", Type: honor.PSIWholesaleOut, VFOrderNo: "VF001", CustomerCode: "KH09",
			Time:  time.Date(2024, 3, 1, 9, 0, 0, 0, cst),
			Lines: []psi.Line{{WarehouseCode: "CK99", GoodsCode: "HM-X50", Serials: []string{"860000000000001", "860000000000002"}}},
		},
		{ // not linked: only enabled lines upload
			No: "PF002", Type: honor.PSIWholesaleOut, CustomerCode: "KH01",
			Time: time.Date(2024, 3, 1, 15, 0, 0, 0, cst),
			Lines: []psi.Line{
				{WarehouseCode: "CK01", SupplierCode: "GYS01", Brand: "HONOR", Category: "PHONE", GoodsCode: "HM-90", Serials: []string{"860000000000003"}},
				{WarehouseCode: "CK02", SupplierCode: "GYS01", Brand: "HONOR", Category: "PHONE", GoodsCode: "HM-90", Serials: []string{"860000000000004"}},
				{WarehouseCode: "CK01", SupplierCode: "GYS01", Brand: "HONOR", Category: "PHONE", GoodsCode: "HM-CASE"},
			},
		},
	}
	now := time.Date(2024, 3, 2, 1, 30, 0, 0, cst) // the nightly job
	batch := sel.DailyBatch(psi.PreviousDay(now), docs)
	fmt.Println("day", batch.Day)
	for _, r := range batch.Records {
		fmt.Println("upload", r.DocNo, r.Serial, r.Direction)
	}
	for _, s := range batch.Skipped {
		fmt.Println("skip", s)
	}
	log := psi.NewEntries(batch.Day, batch.Records)
	fmt.Println(len(batch.Requests()), "call(s),", len(log), "log entries")
	// Output:
	// day 2024-03-01
	// upload PF001 860000000000001 out
	// upload PF001 860000000000002 out
	// upload PF002 860000000000003 out
	// skip PF002 line 1: warehouse not enabled
	// skip PF002 line 2: no serial numbers
	// 1 call(s), 3 log entries
}

func ExampleReupload() {
	recs := []honor.PSIRecord{{DocNo: "PF001", Serial: "A"}, {DocNo: "PF001", Serial: "B"}}
	log := psi.NewEntries(duijie.Date{}, recs)
	resp := &honor.PSIUploadResponse{Results: []honor.PSIResult{
		{Key: recs[0].Key(), OK: true, Sent: true},
		{Key: recs[1].Key(), Code: "E1", Message: "busy", Sent: true},
	}}
	log = psi.Apply(log, recs, resp, nil, time.Date(2024, 3, 2, 1, 0, 0, 0, time.UTC))
	for _, e := range log {
		fmt.Println(e.Key(), e.Status, e.UploadedAt)
		if e.Status == psi.StatusFailed {
			fmt.Println("  result:", e.Code, e.Message)
		}
	}
	for _, r := range psi.Reupload(log, psi.ReuploadFilter{Failed: true}) {
		fmt.Println("补传", r.Key())
	}
	// Output:
	// PF001/A uploaded 2024-03-02 09:00:00
	// PF001/B failed 2024-03-02 09:00:00
	//   result: E1 busy
	// 补传 PF001/B
}
