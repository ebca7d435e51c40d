package kingdee_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
)

func exampleReturn(no string) kingdee.SalReturnStock {
	return kingdee.SalReturnStock{
		BillType: kingdee.RefTo(kingdee.BillTypeSalReturn),
		BillNo:   no,
		Date:     duijie.NewTime(time.Date(2026, 11, 20, 0, 0, 0, 0, duijie.CST())),
		SaleOrg:  kingdee.RefTo("100"), StockOrg: kingdee.RefTo("100"), Customer: kingdee.RefTo("SHOP-TMALL"),
		HeadNote: "WDT refund stock-in " + no,
		Finance:  &kingdee.SalReturnFinance{SettleOrg: kingdee.RefTo("100")},
		Entries: []kingdee.SalReturnEntry{{
			Material: kingdee.RefTo("SKU-001"), RealQty: duijie.AmountFromInt(1),
			TaxPrice: duijie.AmountFromCents(9900), TaxRate: duijie.AmountFromInt(13).Ptr(), Stock: kingdee.RefTo("WH01"),
			ReturnType: kingdee.RefTo(kingdee.ReturnTypeReturn), OwnerType: kingdee.OwnerTypeOrg, Owner: kingdee.RefTo("100"),
		}},
	}
}

// Sales returns go in with BatchSave; every bill gets an outcome, and a
// bill that fails does not hide the others.
func ExampleClient_SaveSalReturns() {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	c, err := kingdee.NewClient(srv.Config())
	if err != nil {
		panic(err)
	}
	srv.AddBill(kingdee.FormSalReturnStock, "XSTH-0002", nil) // already in Kingdee: its number is taken
	res, err := c.SaveSalReturns(context.Background(), &kingdee.SaveSalReturnsRequest{Bills: []kingdee.SalReturnStock{exampleReturn("XSTH-0001"), exampleReturn("XSTH-0002"), exampleReturn("XSTH-0003")}})
	for _, row := range res.Rows {
		fmt.Println(row.Index, row.Number, row.Saved)
	}
	var batch *duijie.BatchError
	if errors.As(err, &batch) {
		fmt.Println("failed rows:", batch.FailedIndexes())
	}
	// Output:
	// 0 XSTH-0001 true
	// 1 XSTH-0002 false
	// 2 XSTH-0003 true
	// failed rows: [1]
}

// A session login is made by the first call and renewed when the server
// loses it; the save is checked by number, so it is never written twice.
func ExampleClient_Save_session() {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	c, err := kingdee.NewClient(srv.ConfigFor(kingdee.AuthLoginBySign))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	if _, err := c.Save(ctx, &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: exampleReturn("XSTH-0001")}); err != nil {
		panic(err)
	}
	srv.ExpireSessions()
	res, err := c.Save(ctx, &kingdee.SaveRequest{FormID: kingdee.FormSalReturnStock, Model: exampleReturn("XSTH-0002")})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Number, "logins:", srv.Logins(), "bills:", len(srv.Bills(kingdee.FormSalReturnStock)))
	// Output: XSTH-0002 logins: 2 bills: 2
}

// QueryRows walks every page of ExecuteBillQuery into typed rows.
func ExampleQueryRows() {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	for i := 1; i <= 5; i++ {
		srv.AddBill(kingdee.FormSalReturnStock, fmt.Sprintf("XSTH-%04d", i), map[string]any{"FRetcustId": map[string]any{"FNumber": "SHOP-TMALL"}})
	}
	c, err := kingdee.NewClient(srv.Config())
	if err != nil {
		panic(err)
	}
	type bill struct {
		Number   string `json:"FBillNo"`
		Customer string `json:"FRetcustId.FNumber"`
	}
	q := &kingdee.BillQuery{FormID: kingdee.FormSalReturnStock, FieldKeys: []string{"FBillNo", "FRetcustId.FNumber"},
		Filter: "FBillNo >= " + kingdee.Quote("XSTH-0003"), OrderBy: "FBillNo", Limit: 2}
	for b, err := range kingdee.QueryRows[bill](context.Background(), c, q) {
		if err != nil {
			panic(err)
		}
		fmt.Println(b.Number, b.Customer)
	}
	// Output:
	// XSTH-0003 SHOP-TMALL
	// XSTH-0004 SHOP-TMALL
	// XSTH-0005 SHOP-TMALL
}

// ExecuteBillQuery answers one page, numbered by its first row: a full page
// may be followed by another, a short one is the last.
func ExampleClient_ExecuteBillQuery() {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	for i := 1; i <= 3; i++ {
		srv.AddBill(kingdee.FormSalReturnStock, fmt.Sprintf("XSTH-%04d", i), nil)
	}
	c, err := srv.NewClient()
	if err != nil {
		panic(err)
	}
	q := &kingdee.BillQuery{FormID: kingdee.FormSalReturnStock, FieldKeys: []string{"FBillNo"}, OrderBy: "FBillNo", Limit: 2}
	for {
		page, err := c.ExecuteBillQuery(context.Background(), q)
		if err != nil {
			panic(err)
		}
		for _, row := range page.Items {
			fmt.Println(page.Number, row.String(0))
		}
		if !page.HasMore {
			break
		}
		q.StartRow += page.Size
	}
	// Output:
	// 0 XSTH-0001
	// 0 XSTH-0002
	// 2 XSTH-0003
}

// View reads one bill in the server's own layout.
func ExampleClient_View() {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	srv.AddBill(kingdee.FormSalReturnStock, "XSTH-0001", nil)
	c, err := srv.NewClient()
	if err != nil {
		panic(err)
	}
	res, err := c.View(context.Background(), &kingdee.ViewRequest{FormID: kingdee.FormSalReturnStock, Number: "XSTH-0001"})
	if err != nil {
		panic(err)
	}
	var bill struct{ BillNo string }
	if err := res.Decode(&bill); err != nil {
		panic(err)
	}
	fmt.Println(bill.BillNo)
	_, err = c.View(context.Background(), &kingdee.ViewRequest{FormID: kingdee.FormSalReturnStock, Number: "XSTH-9999"})
	fmt.Println(errors.Is(err, duijie.ErrNotFound))
	// Output:
	// XSTH-0001
	// true
}

// Call reaches services this package does not type, with the same auth,
// session and errors.
func ExampleClient_Call() {
	srv := kingdeetest.NewServer()
	defer srv.Close()
	srv.AddBill(kingdee.FormSalReturnStock, "XSTH-0001", nil)
	c, err := kingdee.NewClient(srv.Config())
	if err != nil {
		panic(err)
	}
	var out struct {
		Result struct {
			ResponseStatus struct{ IsSuccess bool }
		}
	}
	err = c.Call(context.Background(), &kingdee.CallRequest{Service: "Submit",
		Args: []kingdee.Arg{{Name: "formid", Value: kingdee.FormSalReturnStock}, {Name: "data", Value: map[string]any{"Numbers": []string{"XSTH-0001"}}}}}, &out)
	fmt.Println(out.Result.ResponseStatus.IsSuccess, err)
	// Output: true <nil>
}

// The operation table says, per Client method, which service it calls,
// whether it is replayed and what it caps.
func ExampleOperations() {
	for _, op := range kingdee.Operations() {
		switch op.Name {
		case "BatchSave":
			fmt.Printf("%s (%s): replayed %v, at most %d bills\n", op.Name, op.Title, op.SafeToReplay, op.MaxBatch)
		case "ExecuteBillQuery":
			fmt.Printf("%s (%s): replayed %v, paged %s, at most %d rows a page\n", op.Name, op.Title, op.SafeToReplay, op.Paging, op.MaxPageSize)
		}
	}
	// Output:
	// BatchSave (批量保存): replayed false, at most 1000 bills
	// ExecuteBillQuery (单据查询): replayed true, paged by offset, at most 10000 rows a page
}
