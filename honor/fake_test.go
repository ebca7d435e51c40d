package honor_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/honor/honortest"
)

// clock is a settable clock shared by a client and a fake.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func cst(y int, m time.Month, d, h, min, s int) time.Time {
	return time.Date(y, m, d, h, min, s, 0, duijie.CST())
}

func amt(s string) duijie.Amount {
	a, err := duijie.ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

func fastRetry() duijie.Option {
	return duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 4, WaitMin: time.Millisecond, WaitMax: time.Millisecond})
}

func newFake(t *testing.T, opts ...honortest.Option) (*honortest.Server, *honor.Client, *clock) {
	t.Helper()
	clk := &clock{t: cst(2026, 11, 22, 10, 0, 0)}
	srv := honortest.NewServer(append([]honortest.Option{honortest.WithClock(clk.Now)}, opts...)...)
	t.Cleanup(srv.Close)
	c, err := honor.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithClock(clk.Now), fastRetry(),
		duijie.WithHTTPClient(&http.Client{Timeout: 5 * time.Second}), duijie.WithRateLimit())
	require.NoError(t, err)
	return srv, c, clk
}

func order(no, customer string, lines ...honor.VFOrderLine) honor.VFOrder {
	return honor.VFOrder{OrderNo: no, Status: "audited", CustomerCode: customer, CustomerName: "客户" + customer,
		TotalAmount: amt("3999.00"), PayAmount: amt("3999.00"), Lines: lines}
}

func line(no, goods string, qty int64, price string) honor.VFOrderLine {
	return honor.VFOrderLine{LineNo: no, GoodsCode: goods, GoodsName: "荣耀 " + goods, Quantity: duijie.AmountFromInt(qty),
		Price: amt(price), Amount: amt(price).Mul(duijie.AmountFromInt(qty))}
}

func TestFakeGoodsAndCustomersPaged(t *testing.T) {
	srv, c, _ := newFake(t)
	for i := range 7 {
		srv.AddGoods(honor.VFGoodsModel{GoodsCode: fmt.Sprintf("G%02d", i), GoodsName: "Magic", Price: amt("1999.50")})
		srv.AddCustomers(honor.VFCustomer{CustomerCode: fmt.Sprintf("C%02d", i), CustomerName: "门店"})
	}
	ctx := context.Background()
	p, err := c.QueryVFGoods(ctx, &honor.VFGoodsQuery{PageSize: 3})
	require.NoError(t, err)
	assert.Equal(t, 7, p.Total)
	assert.Len(t, p.Items, 3)
	assert.Equal(t, 1, p.Number)
	assert.Equal(t, 3, p.Size)
	assert.True(t, p.HasMore)
	assert.Equal(t, "2026-11-22 10:00:00", p.SyncedAt.String())
	assert.True(t, p.Items[0].Price.Equal(amt("1999.5")))

	var codes []string
	for g, err := range c.VFGoodsModels(ctx, &honor.VFGoodsQuery{PageSize: 3}) {
		require.NoError(t, err)
		codes = append(codes, g.GoodsCode)
	}
	assert.Equal(t, []string{"G00", "G01", "G02", "G03", "G04", "G05", "G06"}, codes)
	assert.Equal(t, 4, srv.Handled(honor.OpVFGoodsQuery)) // one page query, then three pages

	n := 0
	for cu, err := range c.VFCustomers(ctx, nil) {
		require.NoError(t, err)
		assert.Equal(t, "门店", cu.CustomerName)
		n++
	}
	assert.Equal(t, 7, n)
}

func TestFakeOrdersPolledEveryFiveMinutes(t *testing.T) {
	srv, c, clk := newFake(t)
	ctx := context.Background()
	poll := func(from, to time.Time) []string {
		var got []string
		for o, err := range c.VFOrders(ctx, &honor.VFOrderQuery{ModifiedFrom: from, ModifiedTo: to, PageSize: 2}) {
			require.NoError(t, err)
			got = append(got, o.OrderNo+":"+o.Status)
		}
		return got
	}
	start := clk.Now()
	clk.Add(time.Minute)
	for i := range 5 {
		srv.AddOrder(order(fmt.Sprintf("VF%03d", i), "C1", line("1", "G1", 2, "1999.50")))
	}
	clk.Add(4 * time.Minute)
	first := poll(start, clk.Now())
	assert.Equal(t, []string{"VF000:audited", "VF001:audited", "VF002:audited", "VF003:audited", "VF004:audited"}, first)

	// Two minutes later one order changes and a new one arrives.
	mark := clk.Now()
	clk.Add(2 * time.Minute)
	require.True(t, srv.ChangeOrder("VF002", func(o *honor.VFOrder) { o.Status = "cancelled" }))
	srv.AddOrder(order("VF005", "C2", line("1", "G2", 1, "999")))
	clk.Add(3 * time.Minute)
	assert.Equal(t, []string{"VF002:cancelled", "VF005:audited"}, poll(mark, clk.Now()))
	assert.False(t, srv.ChangeOrder("nope", func(*honor.VFOrder) {}))

	one, err := c.QueryVFOrders(ctx, &honor.VFOrderQuery{OrderNo: "VF005"})
	require.NoError(t, err)
	require.Len(t, one.Items, 1)
	assert.Equal(t, "G2", one.Items[0].Lines[0].GoodsCode)
	assert.True(t, one.Items[0].Lines[0].Price.Equal(amt("999")))
}

func TestFakeOrdersAcrossWindows(t *testing.T) {
	srv, c, clk := newFake(t)
	base := clk.Now()
	for i := range 6 {
		srv.AddOrder(order(fmt.Sprintf("D%d", i), "C1", line("1", "G1", 1, "1")))
		clk.Add(20 * time.Hour)
	}
	var got []string
	for o, err := range c.VFOrders(context.Background(), &honor.VFOrderQuery{ModifiedFrom: base}) {
		require.NoError(t, err)
		got = append(got, o.OrderNo)
	}
	assert.Equal(t, []string{"D0", "D1", "D2", "D3", "D4", "D5"}, got)
	// 100 hours to now cut into 24-hour windows: 5 windows, one page each.
	assert.Equal(t, 5, srv.Handled(honor.OpVFOrderQuery))
}

func TestFakeShipmentFeedbackReplayUpdates(t *testing.T) {
	srv, c, _ := newFake(t)
	srv.AddOrder(order("VF100", "C1", line("1", "G1", 2, "1999.50")))
	fb := &honor.VFShipmentFeedback{Origin: honor.OriginHimall, OrderNo: "VF100", OutboundNo: "PF-0001",
		OutboundTime: duijie.NewTime(cst(2026, 11, 22, 11, 0, 0)),
		Lines:        []honor.VFShipmentLine{{LineNo: "1", GoodsCode: "G1", Quantity: duijie.AmountFromInt(2), Serials: []string{"868000000000011", "868000000000012"}}}}
	ctx := context.Background()
	res, err := c.SendVFShipmentFeedback(ctx, fb)
	require.NoError(t, err)
	assert.False(t, res.Replayed())
	// The answer is lost after the fake applied it: the client does not
	// replay, and says the feedback may have arrived.
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	_, err = c.SendVFShipmentFeedback(ctx, fb)
	require.Error(t, err)
	assert.True(t, duijie.MayHaveArrived(err))
	assert.Equal(t, 2, srv.Handled(honor.OpVFShipmentFeedback), "not replayed")
	// The host re-sends (补传): this Honor updates the record it had.
	res, err = c.SendVFShipmentFeedback(ctx, fb)
	require.NoError(t, err)
	assert.True(t, res.Replayed())
	rec, ok := srv.Shipment("PF-0001")
	require.True(t, ok)
	assert.Equal(t, 3, rec.Writes)
	assert.Len(t, srv.Shipments(), 1)
	assert.Equal(t, []string{"868000000000011", "868000000000012"}, rec.Feedback.Lines[0].Serials)

	// An order Himall does not know is refused with Honor's code.
	other := *fb
	other.OrderNo, other.OutboundNo = "ERP-LOCAL-1", "PF-0002"
	_, err = c.SendVFShipmentFeedback(ctx, &other)
	var ae *duijie.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, honor.CodeNotHimallOrder, ae.Code)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)

	// A host order not from Himall is refused before sending.
	calls := srv.Calls("")
	local := *fb
	local.Origin = "erp"
	_, err = c.SendVFShipmentFeedback(ctx, &local)
	var ve *duijie.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, honor.RuleNotHimallOrder, ve.Rule)
	assert.Equal(t, calls, srv.Calls(""))
}

func TestFakeIncentivesAndFundPool(t *testing.T) {
	srv, c, _ := newFake(t)
	day := duijie.DateOf(cst(2026, 10, 1, 0, 0, 0))
	for i := range 40 {
		srv.AddIncentives(honor.VFIncentive{IncentiveNo: fmt.Sprintf("I%03d", i), CustomerCode: "C1", ChangeDate: day.AddDays(i), Amount: amt("10.01")})
		srv.AddFundPoolEntries(honor.VFFundPoolEntry{EntryNo: fmt.Sprintf("F%03d", i), CustomerCode: "C1", ChangeDate: day.AddDays(i), Amount: amt("-5")})
	}
	ctx := context.Background()
	q := &honor.DateRangeQuery{StartDate: day, EndDate: day.AddDays(39), PageSize: 7}
	sum := duijie.AmountFromInt(0)
	n := 0
	for v, err := range c.VFIncentives(ctx, q) {
		require.NoError(t, err)
		sum = sum.Add(v.Amount)
		n++
	}
	assert.Equal(t, 40, n)
	assert.Equal(t, "400.4", sum.String())
	n = 0
	for _, err := range c.VFFundPoolEntries(ctx, q) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 40, n)
	p, err := c.QueryVFFundPool(ctx, &honor.DateRangeQuery{StartDate: day, EndDate: day})
	require.NoError(t, err)
	require.Len(t, p.Items, 1)
	assert.Equal(t, "F000", p.Items[0].EntryNo)
	_, err = c.QueryVFIncentives(ctx, q)
	var ve *duijie.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "EndDate", ve.Field)
}

func psiRecords(n int, doc string) []honor.PSIRecord {
	out := make([]honor.PSIRecord, n)
	for i := range out {
		out[i] = honor.PSIRecord{DocNo: doc, DocType: honor.PSIWholesaleOut, DocDate: duijie.NewTime(cst(2026, 11, 21, 15, 0, 0)),
			WarehouseCode: "WH1", CustomerCode: "C1", GoodsCode: "G1", Brand: "荣耀", Category: "手机", Serial: fmt.Sprintf("86800000%07d", i)}
	}
	return out
}

func TestFakePSIUploadPartialFailureAndReplay(t *testing.T) {
	srv, c, _ := newFake(t)
	ctx := context.Background()
	recs := psiRecords(450, "PF-1")
	srv.RejectSerial(recs[7].Serial, "3101", "serial not in Honor's sell-in records")
	srv.RejectSerial(recs[301].Serial, "3101", "serial not in Honor's sell-in records")
	res, err := c.UploadPSIAll(ctx, &honor.UploadPSIAllRequest{Records: recs})
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, []int{7, 301}, be.FailedIndexes())
	require.Len(t, res.Results, 450)
	for i, r := range res.Results {
		assert.Equal(t, i, r.Index)
		assert.Equal(t, recs[i].Key(), r.Key)
		assert.Equal(t, i != 7 && i != 301, r.OK, i)
	}
	assert.Equal(t, "3101", res.Results[301].Code)
	assert.Equal(t, 3, srv.Handled(honor.OpPSIUpload))
	assert.Len(t, srv.PSIRecords(), 448)

	// A re-upload (补传) whose answer is lost after the fake applied it: the
	// call is not replayed, and its records are of unknown outcome.
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	res, err = c.UploadPSIAll(ctx, &honor.UploadPSIAllRequest{Records: recs[:200]})
	require.ErrorAs(t, err, &be)
	assert.Len(t, be.UnknownIndexes(), 200)
	assert.True(t, res.Results[0].Unknown && res.Results[0].Sent && !res.Results[0].OK)
	assert.Equal(t, 4, srv.Handled(honor.OpPSIUpload), "not replayed")
	// Uploading them again settles them: this Honor updates, never duplicates.
	res, err = c.UploadPSIAll(ctx, &honor.UploadPSIAllRequest{Records: recs[:200]})
	require.ErrorAs(t, err, &be)
	assert.Equal(t, []int{7}, be.FailedIndexes())
	assert.Empty(t, be.UnknownIndexes())
	assert.True(t, res.Results[0].Replaced)
	assert.Len(t, srv.PSIRecords(), 448)
	r, ok := srv.PSIRecordFor(recs[0].Key())
	require.True(t, ok)
	assert.Equal(t, 3, r.Writes)
	assert.Equal(t, honor.PSIOut, r.Record.Direction)
}

func TestFakeErrorClasses(t *testing.T) {
	srv, _, clk := newFake(t)
	ctx := context.Background()
	try := func(cfg honor.Config, opts ...duijie.Option) error {
		c, err := honor.NewClient(cfg, append([]duijie.Option{duijie.WithBaseURL(srv.URL()), duijie.WithClock(clk.Now), fastRetry(), duijie.WithRateLimit()}, opts...)...)
		require.NoError(t, err)
		_, err = c.QueryVFGoods(ctx, nil)
		return err
	}
	cfg := srv.Config()
	bad := cfg
	bad.AppID = "other"
	assert.ErrorIs(t, try(bad), duijie.ErrAuth)
	bad = cfg
	bad.ProvinceDistributorID = "PD-other"
	assert.ErrorIs(t, try(bad), duijie.ErrAuth)
	bad = cfg
	bad.AppKey = "wrong-key-000"
	err := try(bad)
	assert.ErrorIs(t, err, duijie.ErrSignature)
	assert.NotContains(t, err.Error(), "wrong-key-000")
	err = try(cfg, duijie.WithClock(func() time.Time { return clk.Now().Add(-time.Hour) }))
	assert.ErrorIs(t, err, duijie.ErrSignature)
	var ae *duijie.APIError
	errors.As(err, &ae)
	require.NotNil(t, ae)
	assert.Equal(t, honor.CodeBadTimestamp, ae.Code)

	// Throttle and busy are retried; the call then succeeds.
	c, err := honor.NewClient(cfg, duijie.WithBaseURL(srv.URL()), duijie.WithClock(clk.Now), fastRetry())
	require.NoError(t, err)
	before := srv.Calls("")
	srv.FailNext(1, honortest.Throttle())
	srv.FailNext(1, honortest.Busy())
	srv.FailNext(1, honortest.ServerError())
	_, err = c.QueryVFGoods(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, before+4, srv.Calls(""))

	srv.FailNext(4, honortest.Busy())
	_, err = c.QueryVFGoods(ctx, nil)
	assert.ErrorIs(t, err, duijie.ErrTemporary)
	srv.FailNext(4, honortest.Throttle())
	_, err = c.QueryVFGoods(ctx, nil)
	assert.ErrorIs(t, err, duijie.ErrRateLimited)
	assert.Equal(t, 10, srv.FaultsInjected(duijietest.FaultBody))
}

// Against a Honor that does not de-duplicate, a write whose answer is lost
// after it was applied must not be replayed: the default operation table
// sends shipment feedback and PSI uploads once, so Honor holds one copy, and
// the error says the write may have arrived.
func TestLostWriteAnswerIsNotReplayed(t *testing.T) {
	srv, c, _ := newFake(t, honortest.WithoutDeduplication())
	srv.AddOrder(order("VF100", "C1", line("1", "G1", 1, "1999.50")))
	ctx := context.Background()
	fb := &honor.VFShipmentFeedback{Origin: honor.OriginHimall, OrderNo: "VF100", OutboundNo: "PF-0001",
		OutboundTime: duijie.NewTime(cst(2026, 11, 22, 11, 0, 0)), Lines: []honor.VFShipmentLine{{LineNo: "1", GoodsCode: "G1", Quantity: duijie.AmountFromInt(1)}}}
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	_, err := c.SendVFShipmentFeedback(ctx, fb)
	require.Error(t, err)
	assert.True(t, duijie.MayHaveArrived(err))
	assert.Len(t, srv.Shipments(), 1, "one copy: the feedback was not replayed")

	recs := psiRecords(3, "PF-0001")
	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
	res, err := c.UploadPSIAll(ctx, &honor.UploadPSIAllRequest{Records: recs})
	var be *duijie.BatchError
	require.ErrorAs(t, err, &be)
	assert.True(t, duijie.MayHaveArrived(err))
	assert.Equal(t, []int{0, 1, 2}, be.UnknownIndexes())
	assert.True(t, res.Results[2].Unknown)
	assert.Len(t, srv.PSIRecords(), 3, "one copy of each record: the upload was not replayed")
	assert.Equal(t, 1, srv.Handled(honor.OpPSIUpload))
}
