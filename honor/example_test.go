package honor_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/honor/honortest"
)

// exampleNow is the clock of the examples' fake and client, so signatures,
// timestamps and SyncedAt are the same on every run.
func exampleNow() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, duijie.CST()) }

// exampleClient starts a fake Honor and a client for it.
func exampleClient() (*honortest.Server, *honor.Client) {
	srv := honortest.NewServer(honortest.WithClock(exampleNow))
	c, err := srv.NewClient(duijie.WithClock(exampleNow))
	if err != nil {
		panic(err)
	}
	return srv, c
}

func exampleAmount(s string) duijie.Amount {
	a, err := duijie.ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

// One page of the goods models: Total is Honor's count, HasMore says
// another page follows, and SyncedAt is the time to show as "last synced".
func ExampleClient_QueryVFGoods() {
	srv, c := exampleClient()
	defer srv.Close()
	srv.AddGoods(
		honor.VFGoodsModel{GoodsCode: "HM-M6", GoodsName: "荣耀 Magic6", Price: exampleAmount("3999.00")},
		honor.VFGoodsModel{GoodsCode: "HM-X50", GoodsName: "荣耀 X50", Price: exampleAmount("1399.00")},
		honor.VFGoodsModel{GoodsCode: "HM-P60", GoodsName: "荣耀 Play60", Price: exampleAmount("899.00")},
	)
	p, err := c.QueryVFGoods(context.Background(), &honor.VFGoodsQuery{PageSize: 2})
	if err != nil {
		panic(err)
	}
	for _, g := range p.Items {
		fmt.Println(g.GoodsCode, g.GoodsName, g.Price.Fixed(2))
	}
	fmt.Printf("page %d of size %d, total %d, more: %t, synced at %s\n", p.Number, p.Size, p.Total, p.HasMore, p.SyncedAt)
	// Output:
	// HM-M6 荣耀 Magic6 3999.00
	// HM-P60 荣耀 Play60 899.00
	// page 1 of size 2, total 3, more: true, synced at 2026-11-22 10:00:00
}

// The VF orders changed in a range: the iterator cuts the range into
// windows of at most Config.OrderWindow and reads every page of each.
func ExampleClient_VFOrders() {
	srv, c := exampleClient()
	defer srv.Close()
	for i, no := range []string{"VF1001", "VF1002", "VF1003"} {
		srv.AddOrder(honor.VFOrder{OrderNo: no, CustomerCode: "C01", PayAmount: exampleAmount("3999.00"),
			ModifiedTime: duijie.NewTime(exampleNow().Add(-time.Duration(30*(i+1)) * time.Hour))})
	}
	q := &honor.VFOrderQuery{ModifiedFrom: exampleNow().Add(-4 * 24 * time.Hour), ModifiedTo: exampleNow(), PageSize: 1}
	for o, err := range c.VFOrders(context.Background(), q) {
		if err != nil {
			panic(err)
		}
		fmt.Println(o.OrderNo, o.ModifiedTime, o.PayAmount.Fixed(2))
	}
	// Output:
	// VF1003 2026-11-18 16:00:00 3999.00
	// VF1002 2026-11-19 22:00:00 3999.00
	// VF1001 2026-11-21 04:00:00 3999.00
}

// The nightly PSI upload: every record gets an outcome, and the records
// Honor refused are listed in the *BatchError that comes with the response.
func ExampleClient_UploadPSIAll() {
	srv, c := exampleClient()
	defer srv.Close()
	srv.RejectSerial("868000000000002", "3101", "serial not in Honor's sell-in records")
	var records []honor.PSIRecord
	for _, serial := range []string{"868000000000001", "868000000000002", "868000000000003"} {
		records = append(records, honor.PSIRecord{DocNo: "PF001", DocType: honor.PSIWholesaleOut,
			DocDate: duijie.NewTime(exampleNow()), CustomerCode: "C01", GoodsCode: "HM-M6", Serial: serial})
	}
	res, err := c.UploadPSIAll(context.Background(), &honor.UploadPSIAllRequest{Records: records})
	for _, r := range res.Results {
		fmt.Printf("%d %s ok=%t code=%q\n", r.Index, r.Key, r.OK, r.Code)
	}
	var batch *duijie.BatchError
	if errors.As(err, &batch) {
		fmt.Println("refused:", batch.FailedIndexes(), "unknown:", batch.UnknownIndexes())
	}
	// Output:
	// 0 PF001/868000000000001 ok=true code=""
	// 1 PF001/868000000000002 ok=false code="3101"
	// 2 PF001/868000000000003 ok=true code=""
	// refused: [1] unknown: []
}

// Call reaches an operation by path and method name. This one is a read,
// so it says it is safe to replay; a raw call is sent once by default.
func ExampleClient_Call() {
	srv, c := exampleClient()
	defer srv.Close()
	srv.AddCustomers(honor.VFCustomer{CustomerCode: "C01", CustomerName: "深圳华强北门店"})
	var out struct {
		Total int `json:"total"`
		List  []struct {
			CustomerCode string `json:"customer_code"`
			CustomerName string `json:"customer_name"`
		} `json:"list"`
	}
	err := c.Call(context.Background(), &honor.CallRequest{
		Path:         "/openapi/vf/customer/query",
		Method:       "honor.vf.customer.query",
		Params:       map[string]any{"page_no": 1, "page_size": 10},
		SafeToReplay: true,
	}, &out)
	if err != nil {
		panic(err)
	}
	fmt.Println(out.Total, out.List[0].CustomerCode, out.List[0].CustomerName)
	// Output:
	// 1 C01 深圳华强北门店
}

// The operation table lists every typed operation as data: the method that
// calls it, its default path, whether a failure that may have reached Honor
// is replayed, its caps and its Chinese name.
func ExampleOperations() {
	for _, op := range honor.Operations() {
		fmt.Printf("%-22s %-29s replay=%-5v page<=%-3d window=%-8v batch<=%-3d %s\n",
			op.Name, op.Wire, op.SafeToReplay, op.MaxPageSize, op.MaxWindow, op.MaxBatch, op.Title)
	}
	// Output:
	// QueryVFGoods           /openapi/vf/goods/query       replay=true  page<=100 window=0s       batch<=0   VF商品信息查询
	// QueryVFCustomers       /openapi/vf/customer/query    replay=true  page<=100 window=0s       batch<=0   VF客户信息查询
	// QueryVFOrders          /openapi/vf/order/query       replay=true  page<=100 window=24h0m0s  batch<=0   获取订单
	// SendVFShipmentFeedback /openapi/vf/shipment/feedback replay=false page<=0   window=0s       batch<=500 VF出库信息反馈
	// QueryVFIncentives      /openapi/vf/incentive/query   replay=true  page<=100 window=744h0m0s batch<=0   VF激励查询
	// QueryVFFundPool        /openapi/vf/fundpool/query    replay=true  page<=100 window=744h0m0s batch<=0   VF资金池查询
	// UploadPSI              /openapi/psi/serial/upload    replay=false page<=0   window=0s       batch<=200 荣耀PSI上传
}
