package honor_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/honor/honortest"
)

// opOf returns the Op whose default path is row's Wire.
func opOf(t *testing.T, row duijie.Operation) honor.Op {
	t.Helper()
	for op, ep := range honor.DefaultOperations() {
		if ep.Path == row.Wire {
			return op
		}
	}
	t.Fatalf("%s: no Op of DefaultOperations has path %s", row.Name, row.Wire)
	return ""
}

// isPageOf checks that out is *duijie.Page[row], structurally: a pointer
// to duijie's generic Page instantiated with row, whose Items are []row.
func isPageOf(out, row reflect.Type) error {
	if out.Kind() != reflect.Pointer {
		return fmt.Errorf("%v is not a pointer", out)
	}
	e := out.Elem()
	want := "Page[" + row.PkgPath() + "." + row.Name() + "]"
	if e.PkgPath() != reflect.TypeFor[duijie.Operation]().PkgPath() || e.Name() != want {
		return fmt.Errorf("%v is not *duijie.%s", out, want)
	}
	items, ok := e.FieldByName("Items")
	if !ok || items.Type != reflect.SliceOf(row) {
		return fmt.Errorf("%v has no Items []%v", out, row)
	}
	return nil
}

func TestOperationsMatchClientMethods(t *testing.T) {
	ctxType, errType := reflect.TypeFor[context.Context](), reflect.TypeFor[error]()
	client := reflect.TypeFor[*honor.Client]()
	ops := honor.Operations()
	require.Len(t, ops, 7)
	for _, op := range ops {
		t.Run(op.Name, func(t *testing.T) {
			m, ok := client.MethodByName(op.Name)
			require.True(t, ok, "no *Client method %s", op.Name)
			ft := m.Type // the receiver is In(0)
			require.Equal(t, 3, ft.NumIn(), "%s takes (ctx, *Request)", op.Name)
			assert.Equal(t, ctxType, ft.In(1))
			require.NotNil(t, op.Request)
			assert.Equal(t, reflect.PointerTo(op.Request), ft.In(2))
			require.Equal(t, 2, ft.NumOut())
			assert.Equal(t, errType, ft.Out(1))
			require.NotNil(t, op.Response)
			if op.Paging == duijie.NotPaged {
				assert.Equal(t, reflect.PointerTo(op.Response), ft.Out(0))
			} else {
				assert.NoError(t, isPageOf(ft.Out(0), op.Response))
			}
		})
	}
	// The structural check refuses what it should.
	assert.Error(t, isPageOf(reflect.TypeFor[*duijie.Page[honor.VFOrder]](), reflect.TypeFor[honor.VFCustomer]()))
	assert.NoError(t, isPageOf(reflect.TypeFor[*duijie.Page[honor.VFOrder]](), reflect.TypeFor[honor.VFOrder]()))
	assert.Error(t, isPageOf(reflect.TypeFor[*honor.VFOrder](), reflect.TypeFor[honor.VFOrder]()))
}

func TestOperationsRows(t *testing.T) {
	ops := honor.Operations()
	names, wires := map[string]bool{}, map[string]bool{}
	eps := honor.DefaultOperations()
	require.Len(t, eps, len(ops), "DefaultOperations has one endpoint per row")
	for _, op := range ops {
		assert.False(t, names[op.Name], "name %s twice", op.Name)
		assert.False(t, wires[op.Wire], "wire %s twice", op.Wire)
		names[op.Name], wires[op.Wire] = true, true
		assert.NotEmpty(t, op.Title, op.Name)
		ep := eps[opOf(t, op)]
		assert.Equal(t, op.SafeToReplay, ep.SafeToReplay, "%s: DefaultOperations and Operations agree", op.Name)
		assert.NotEmpty(t, ep.Method, op.Name)
		switch op.Paging {
		case duijie.PagedByNumber:
			// Listings are reads: replayed, and their page size capped.
			assert.True(t, op.SafeToReplay, op.Name)
			assert.Equal(t, honor.MaxPageSize, op.MaxPageSize, op.Name)
			assert.Zero(t, op.MaxBatch, op.Name)
		case duijie.NotPaged:
			// The others are writes, which nothing public says Honor
			// de-duplicates: sent once, and their records capped.
			assert.False(t, op.SafeToReplay, op.Name)
			assert.Zero(t, op.MaxPageSize, op.Name)
			assert.Positive(t, op.MaxBatch, op.Name)
		default:
			t.Errorf("%s: Honor pages by number only, not %v", op.Name, op.Paging)
		}
		if op.MaxWindow != 0 {
			assert.Zero(t, op.MaxWindow%time.Second, "%s: the wire has whole seconds", op.Name)
		}
	}
	byName := map[string]duijie.Operation{}
	for _, op := range ops {
		byName[op.Name] = op
	}
	assert.Equal(t, honor.DefaultOrderWindow, byName["QueryVFOrders"].MaxWindow)
	assert.Equal(t, honor.MaxDateSpan*24*time.Hour, byName["QueryVFIncentives"].MaxWindow)
	assert.Equal(t, honor.MaxDateSpan*24*time.Hour, byName["QueryVFFundPool"].MaxWindow)
	assert.Equal(t, honor.MaxPSIBatch, byName["UploadPSI"].MaxBatch)
	assert.Equal(t, honor.MaxShipmentLines, byName["SendVFShipmentFeedback"].MaxBatch)

	// A fresh slice every call: changing one changes nothing else.
	ops[0].Name, ops[0].MaxPageSize = "changed", 1
	again := honor.Operations()
	assert.Equal(t, "QueryVFGoods", again[0].Name)
	assert.Equal(t, honor.MaxPageSize, again[0].MaxPageSize)
}

func TestFakeServesEveryOperation(t *testing.T) {
	srv := honortest.NewServer()
	defer srv.Close()
	for _, op := range honor.Operations() {
		assert.True(t, srv.Serves(op.Wire), "the fake does not serve %s (%s)", op.Wire, op.Name)
	}
	assert.False(t, srv.Serves("/openapi/vf/rebate/query"))

	moved := honortest.NewServer(honortest.WithOperations(map[honor.Op]honor.Endpoint{
		honor.OpPSIUpload: {Path: "/router/psi", Method: "psi.upload"}}))
	defer moved.Close()
	assert.True(t, moved.Serves("/router/psi"))
	assert.False(t, moved.Serves("/openapi/psi/serial/upload"))
}

// callRow makes one valid call of the row named name against a fake
// holding order VF1 (goods G1) and returns its error. A row without a case
// here fails the test: a new operation comes with its call.
func callRow(t *testing.T, ctx context.Context, c *honor.Client, name string, now time.Time) error {
	t.Helper()
	today := duijie.DateOf(now)
	var err error
	switch name {
	case "QueryVFGoods":
		_, err = c.QueryVFGoods(ctx, nil)
	case "QueryVFCustomers":
		_, err = c.QueryVFCustomers(ctx, nil)
	case "QueryVFOrders":
		_, err = c.QueryVFOrders(ctx, &honor.VFOrderQuery{ModifiedFrom: now.Add(-time.Hour), ModifiedTo: now})
	case "SendVFShipmentFeedback":
		_, err = c.SendVFShipmentFeedback(ctx, &honor.VFShipmentFeedback{Origin: honor.OriginHimall, OrderNo: "VF1",
			OutboundNo: "PF1", OutboundTime: duijie.NewTime(now),
			Lines: []honor.VFShipmentLine{{GoodsCode: "G1", Quantity: duijie.AmountFromInt(1)}}})
	case "QueryVFIncentives":
		_, err = c.QueryVFIncentives(ctx, &honor.DateRangeQuery{StartDate: today.AddDays(-1), EndDate: today})
	case "QueryVFFundPool":
		_, err = c.QueryVFFundPool(ctx, &honor.DateRangeQuery{StartDate: today.AddDays(-1), EndDate: today})
	case "UploadPSI":
		_, err = c.UploadPSI(ctx, &honor.PSIUploadRequest{Records: []honor.PSIRecord{psiRecord(0, now)}})
	default:
		t.Fatalf("no test call for the row %s: add one to callRow", name)
	}
	return err
}

func psiRecord(i int, now time.Time) honor.PSIRecord {
	return honor.PSIRecord{DocNo: "PF1", DocType: honor.PSIWholesaleOut, DocDate: duijie.NewTime(now),
		GoodsCode: "G1", Serial: "SN" + strconv.Itoa(i)}
}

// TestRetryFollowsTheTable sends every row against the fake with a reset
// after the fake applied the request: a row that is safe to replay is sent
// again and succeeds, one that is not is sent once and may have arrived.
// Turning the row's replay safety over with Config.Operations turns the
// outcome over: the decision is the (possibly overridden) endpoint's.
func TestRetryFollowsTheTable(t *testing.T) {
	for _, row := range honor.Operations() {
		op := opOf(t, row)
		for _, flip := range []bool{false, true} {
			safe := row.SafeToReplay != flip
			t.Run(fmt.Sprintf("%s/replay=%v", row.Name, safe), func(t *testing.T) {
				var opts []honortest.Option
				if flip {
					ep := honor.DefaultOperations()[op]
					ep.SafeToReplay = safe
					opts = append(opts, honortest.WithOperations(map[honor.Op]honor.Endpoint{op: ep}))
				}
				srv, c, clk := newFake(t, opts...)
				srv.AddOrder(order("VF1", "C1", line("1", "G1", 1, "3999.00")))
				ep, _ := c.Endpoint(op)
				require.Equal(t, safe, ep.SafeToReplay)
				require.Equal(t, row.Wire, ep.Path)

				srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
				err := callRow(t, context.Background(), c, row.Name, clk.Now())
				j := srv.Journal()
				if safe {
					require.NoError(t, err)
					require.Equal(t, 2, len(j), "replayed once after the reset")
					assert.Equal(t, duijietest.FaultResetAfter, j[0].Fault)
					assert.Equal(t, j[0].Body, j[1].Body, "the replay sends the same signed bytes")
				} else {
					require.Error(t, err)
					assert.True(t, duijie.MayHaveArrived(err))
					require.Equal(t, 1, len(j), "sent once")
					assert.Equal(t, duijietest.FaultResetAfter, j[0].Fault)
				}
				for _, e := range j {
					assert.Equal(t, row.Wire, e.Path)
					assert.True(t, e.Handled, "the fake applied it")
				}
			})
		}
	}
}

// bizOf returns the biz_content of a journal entry.
func bizOf(t *testing.T, e duijietest.Entry) map[string]any {
	t.Helper()
	form, err := url.ParseQuery(string(e.Body))
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(form.Get(honor.ParamBizContent)), &m))
	return m
}

func requireRefused(t *testing.T, err error, field, rule string) {
	t.Helper()
	var ve *duijie.ValidationError
	require.True(t, errors.As(err, &ve), "want a *duijie.ValidationError, got %v", err)
	assert.Equal(t, field, ve.Field)
	assert.Equal(t, rule, ve.Rule)
}

// TestTableCapsEnforcedBeforeSending checks every cap of the table at its
// boundary: one over is refused naming the field with nothing sent, the cap
// itself is sent.
func TestTableCapsEnforcedBeforeSending(t *testing.T) {
	ctx := context.Background()
	for _, row := range honor.Operations() {
		t.Run(row.Name, func(t *testing.T) {
			srv, c, clk := newFake(t)
			srv.AddOrder(order("VF1", "C1", line("1", "G1", 1, "3999.00")))
			now := clk.Now()
			today := duijie.DateOf(now)
			checked := 0
			if row.MaxPageSize > 0 {
				checked++
				for _, size := range []int{row.MaxPageSize + 1, row.MaxPageSize} {
					var err error
					switch row.Name {
					case "QueryVFGoods":
						_, err = c.QueryVFGoods(ctx, &honor.VFGoodsQuery{PageSize: size})
					case "QueryVFCustomers":
						_, err = c.QueryVFCustomers(ctx, &honor.VFCustomerQuery{PageSize: size})
					case "QueryVFOrders":
						_, err = c.QueryVFOrders(ctx, &honor.VFOrderQuery{ModifiedFrom: now.Add(-time.Hour), ModifiedTo: now, PageSize: size})
					case "QueryVFIncentives":
						_, err = c.QueryVFIncentives(ctx, &honor.DateRangeQuery{StartDate: today, EndDate: today, PageSize: size})
					case "QueryVFFundPool":
						_, err = c.QueryVFFundPool(ctx, &honor.DateRangeQuery{StartDate: today, EndDate: today, PageSize: size})
					default:
						t.Fatalf("no page-size case for the row %s", row.Name)
					}
					if size > row.MaxPageSize {
						requireRefused(t, err, "PageSize", duijie.RuleRange)
						require.Zero(t, srv.Calls(""), "refused before sending")
						continue
					}
					require.NoError(t, err)
					j := srv.Journal()
					require.Equal(t, 1, len(j))
					assert.EqualValues(t, row.MaxPageSize, bizOf(t, j[0])["page_size"])
				}
				srv.ResetJournal()
			}
			if row.MaxWindow > 0 {
				checked++
				switch row.Name {
				case "QueryVFOrders":
					from := now.Add(-row.MaxWindow - time.Second)
					_, err := c.QueryVFOrders(ctx, &honor.VFOrderQuery{ModifiedFrom: from, ModifiedTo: now})
					requireRefused(t, err, "ModifiedTo", duijie.RuleWindow)
					require.Zero(t, srv.Calls(""))
					_, err = c.QueryVFOrders(ctx, &honor.VFOrderQuery{ModifiedFrom: now.Add(-row.MaxWindow), ModifiedTo: now})
					require.NoError(t, err)
					// The iterator cuts a range of two and a half windows
					// into three queries, each at most MaxWindow long.
					srv.ResetJournal()
					for _, err := range c.VFOrders(ctx, &honor.VFOrderQuery{ModifiedFrom: now.Add(-5 * row.MaxWindow / 2), ModifiedTo: now}) {
						require.NoError(t, err)
					}
					j := srv.Journal()
					require.Equal(t, 3, len(j), "three queries")
					for _, e := range j {
						b := bizOf(t, e)
						from, err1 := time.ParseInLocation(duijie.LayoutDateTime, b["start_modified"].(string), duijie.CST())
						to, err2 := time.ParseInLocation(duijie.LayoutDateTime, b["end_modified"].(string), duijie.CST())
						require.NoError(t, errors.Join(err1, err2))
						assert.LessOrEqual(t, to.Sub(from), row.MaxWindow)
					}
				case "QueryVFIncentives", "QueryVFFundPool":
					days := int(row.MaxWindow / (24 * time.Hour))
					query := func(q *honor.DateRangeQuery) (err error) {
						if row.Name == "QueryVFIncentives" {
							_, err = c.QueryVFIncentives(ctx, q)
						} else {
							_, err = c.QueryVFFundPool(ctx, q)
						}
						return err
					}
					walk := func(q *honor.DateRangeQuery) error {
						if row.Name == "QueryVFIncentives" {
							for _, err := range c.VFIncentives(ctx, q) {
								return err
							}
							return nil
						}
						for _, err := range c.VFFundPoolEntries(ctx, q) {
							return err
						}
						return nil
					}
					start := today.AddDays(-3 * days)
					err := query(&honor.DateRangeQuery{StartDate: start, EndDate: start.AddDays(days)})
					requireRefused(t, err, "EndDate", duijie.RuleWindow)
					require.Zero(t, srv.Calls(""))
					require.NoError(t, query(&honor.DateRangeQuery{StartDate: start, EndDate: start.AddDays(days - 1)}))
					// Two spans and a day are three queries of the empty fake.
					srv.ResetJournal()
					require.NoError(t, walk(&honor.DateRangeQuery{StartDate: start, EndDate: start.AddDays(2 * days)}))
					j := srv.Journal()
					require.Equal(t, 3, len(j), "three queries")
					last := bizOf(t, j[2])
					assert.Equal(t, start.AddDays(2*days).String(), last["start_date"])
					assert.Equal(t, start.AddDays(2*days).String(), last["end_date"])
				default:
					t.Fatalf("no window case for the row %s", row.Name)
				}
				srv.ResetJournal()
			}
			if row.MaxBatch > 0 {
				checked++
				switch row.Name {
				case "UploadPSI":
					over := make([]honor.PSIRecord, row.MaxBatch+1)
					for i := range over {
						over[i] = psiRecord(i, now)
					}
					_, err := c.UploadPSI(ctx, &honor.PSIUploadRequest{Records: over})
					requireRefused(t, err, "Records", duijie.RuleTooMany)
					require.Zero(t, srv.Calls(""))
					res, err := c.UploadPSI(ctx, &honor.PSIUploadRequest{Records: over[:row.MaxBatch]})
					require.NoError(t, err)
					assert.Len(t, res.Results, row.MaxBatch)
					// UploadPSIAll cuts by the same cap.
					srv.ResetJournal()
					_, err = c.UploadPSIAll(ctx, &honor.UploadPSIAllRequest{Records: over})
					require.NoError(t, err)
					assert.Equal(t, 2, srv.Calls(row.Wire))
				case "SendVFShipmentFeedback":
					lines := make([]honor.VFShipmentLine, row.MaxBatch+1)
					for i := range lines {
						lines[i] = honor.VFShipmentLine{GoodsCode: "G1", Quantity: duijie.AmountFromInt(1)}
					}
					fb := &honor.VFShipmentFeedback{Origin: honor.OriginHimall, OrderNo: "VF1", OutboundNo: "PF1",
						OutboundTime: duijie.NewTime(now), Lines: lines}
					_, err := c.SendVFShipmentFeedback(ctx, fb)
					requireRefused(t, err, "Lines", duijie.RuleTooMany)
					require.Zero(t, srv.Calls(""))
					fb.Lines = lines[:row.MaxBatch]
					_, err = c.SendVFShipmentFeedback(ctx, fb)
					require.NoError(t, err)
					assert.Equal(t, 1, srv.Calls(row.Wire))
				default:
					t.Fatalf("no batch case for the row %s", row.Name)
				}
			}
			assert.Positive(t, checked, "the row has a cap")
		})
	}
}

// TestOrderWindowOverridesTheRow: Config.OrderWindow replaces the order
// query's MaxWindow for the checks and the iterator.
func TestOrderWindowOverridesTheRow(t *testing.T) {
	srv, _, clk := newFake(t, honortest.WithOrderWindow(time.Hour))
	cfg := srv.Config()
	cfg.OrderWindow = time.Hour
	c, err := honor.NewClient(cfg, duijie.WithBaseURL(srv.URL()), duijie.WithClock(clk.Now), fastRetry(), duijie.WithRateLimit())
	require.NoError(t, err)
	now := clk.Now()
	_, err = c.QueryVFOrders(context.Background(), &honor.VFOrderQuery{ModifiedFrom: now.Add(-time.Hour - time.Second), ModifiedTo: now})
	requireRefused(t, err, "ModifiedTo", duijie.RuleWindow)
	require.Zero(t, srv.Calls(""))
	for _, err := range c.VFOrders(context.Background(), &honor.VFOrderQuery{ModifiedFrom: now.Add(-3 * time.Hour), ModifiedTo: now}) {
		require.NoError(t, err)
	}
	assert.Equal(t, 3, srv.Calls(""))
}

// TestFakeCapsMatchTheTable sends, through the raw Call that checks no cap,
// each capped row one over its cap and at its cap: the fake, whose caps are
// its own, refuses the first and takes the second, so the table's caps are
// the wire's.
func TestFakeCapsMatchTheTable(t *testing.T) {
	ctx := context.Background()
	for _, row := range honor.Operations() {
		t.Run(row.Name, func(t *testing.T) {
			srv, c, clk := newFake(t)
			srv.AddOrder(order("VF1", "C1", line("1", "G1", 1, "3999.00")))
			now := clk.Now()
			today := duijie.DateOf(now)
			ep, ok := c.Endpoint(opOf(t, row))
			require.True(t, ok)
			send := func(params any) error {
				return c.Call(ctx, &honor.CallRequest{Path: ep.Path, Method: ep.Method, Params: params}, nil)
			}
			refused := func(err error, code string) {
				t.Helper()
				var ae *duijie.APIError
				require.True(t, errors.As(err, &ae), "want the fake's refusal, got %v", err)
				assert.Equal(t, code, ae.Code)
			}
			// base is a valid request of the row, without its paging.
			base := func() map[string]any {
				switch row.Name {
				case "QueryVFOrders":
					return map[string]any{"start_modified": duijie.NewTime(now.Add(-time.Hour)).String(),
						"end_modified": duijie.NewTime(now).String()}
				case "QueryVFIncentives", "QueryVFFundPool":
					return map[string]any{"start_date": today.String(), "end_date": today.String()}
				}
				return map[string]any{}
			}
			if row.MaxPageSize > 0 {
				for _, size := range []int{row.MaxPageSize + 1, row.MaxPageSize} {
					p := base()
					p["page_no"], p["page_size"] = 1, size
					if err := send(p); size > row.MaxPageSize {
						refused(err, honor.CodeBadParameter)
					} else {
						require.NoError(t, err)
					}
				}
			}
			if row.MaxWindow > 0 {
				p := base()
				p["page_no"], p["page_size"] = 1, 1
				switch row.Name {
				case "QueryVFOrders":
					p["start_modified"] = duijie.NewTime(now.Add(-row.MaxWindow - time.Second)).String()
					refused(send(p), honor.CodeBadParameter)
					p["start_modified"] = duijie.NewTime(now.Add(-row.MaxWindow)).String()
					require.NoError(t, send(p))
				default:
					days := int(row.MaxWindow / (24 * time.Hour))
					p["start_date"] = today.AddDays(-days).String()
					refused(send(p), honor.CodeBadParameter)
					p["start_date"] = today.AddDays(-days + 1).String()
					require.NoError(t, send(p))
				}
			}
			if row.MaxBatch > 0 {
				switch row.Name {
				case "UploadPSI":
					recs := make([]honor.PSIRecord, row.MaxBatch+1)
					for i := range recs {
						recs[i] = psiRecord(i, now)
						recs[i].Direction = honor.PSIOut
					}
					refused(send(&honor.PSIUploadRequest{Records: recs}), honor.CodeBatchTooLarge)
					require.NoError(t, send(&honor.PSIUploadRequest{Records: recs[:row.MaxBatch]}))
				case "SendVFShipmentFeedback":
					lines := make([]honor.VFShipmentLine, row.MaxBatch+1)
					for i := range lines {
						lines[i] = honor.VFShipmentLine{GoodsCode: "G1", Quantity: duijie.AmountFromInt(1)}
					}
					fb := &honor.VFShipmentFeedback{OrderNo: "VF1", OutboundNo: "PF1", OutboundTime: duijie.NewTime(now), Lines: lines}
					refused(send(fb), honor.CodeBatchTooLarge)
					fb.Lines = lines[:row.MaxBatch]
					require.NoError(t, send(fb))
				default:
					t.Fatalf("no batch case for the row %s", row.Name)
				}
			}
		})
	}
}
