// Command shop-yihua sends a shop's paid orders and its returns to a Yihua
// (益华) ERP with TradeTransferToErp, converting each with the shop's goods
// mapping, and reports every order's outcome.
//
// Yihua does not de-duplicate orders, so an order is sent again only when
// it surely did not arrive (input refused, the ERP's own refusal, a
// connection that never opened). When a send may have arrived (a dropped
// connection, a timeout, a 5xx) the order is set aside as uncertain until
// it is looked up in the ERP.
//
// By default it runs twice against the in-process fake (yihuatest), where
// the fake's own records stand in for looking in the ERP. With -real it is
// a job: it sends the shop's documents once to the ERP named by YIHUA_URL
// and the YIHUA_* credentials, and keeps in its state file (-state) which
// documents were sent and Yihua's order number for each, so a run started
// again never sends a delivered document twice. It records each send
// before making it, so a document whose send was cut off (the process was
// killed, the answer lost) is looked up with the -lookup command instead of
// being sent again; without -lookup it stays uncertain and is listed.
// -products names the file of SKU,yhProductID lines that says which Yihua
// product (益华商品全局唯一码) each SKU is; a SKU without one is reported,
// never sent without its product. -dry-run prints what would be sent and
// sends and stores nothing. Run with -h for every flag and variable.
//
// Environment (read with -real):
//
//   - YIHUA_URL: the ERP's endpoint root, e.g. http://api.mall.yhsms.com.cn,
//     with or without /Mall/Erp/ErpService.svc[/TradeTransferToErp];
//     required.
//   - YIHUA_PLATFORM_ID: the YHDT number (PlatformID) Yihua gave the shop.
//   - YIHUA_TOKEN: the interface token (UserAccessToken); never printed.
//   - YIHUA_UID: the Yihua cloud user the orders belong to (UID).
//   - DUIJIE_STATE: the state file's path when -state is not given (otherwise
//     duijie/state.db in the user's configuration directory).
//
// Exit status: 0 when every document is in the ERP, 1 when any failed or
// stays uncertain, 2 for a usage or configuration error, 3 when SIGINT or
// SIGTERM stopped the run after the document in flight (the summary lists
// what was left).
package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/yihua"
	"github.com/duijie/duijie/yihua/yihuatest"
)

// Doc is a shop order or return and what happened to it.
type Doc struct {
	mapping.ShopOrder
	// Return marks a return (退货) rather than a sale.
	Return bool
	// ERPNo is Yihua's order number once it arrived.
	ERPNo string
	// Uncertain is set when a send may have arrived: it is not sent again
	// until checked. Problem is the last failure.
	Uncertain bool
	Problem   string
}

// Sender sends a shop's documents to Yihua.
type Sender struct {
	Yihua   *yihua.Client
	Options mapping.YihuaOptions
	// InERP looks a document up in the ERP by its number and returns
	// Yihua's order number when it is there; nil means nobody can look, so
	// uncertain documents wait for a person.
	InERP func(no string) (string, bool)
	Log   *slog.Logger
}

// Report is what one run did.
type Report struct {
	Sent, Found int
	// Already counts documents a earlier run delivered; Skipped the
	// unpaid orders, which are not sent.
	Already, Skipped int
	Failed           []string
	Uncertain        []string
	// Left lists the documents a stop signal left for the next run;
	// WouldSend what a dry run would have sent.
	Left, WouldSend []string
}

// Run settles uncertain documents where it can look, then sends every paid
// order and every return not in the ERP yet.
func (s *Sender) Run(ctx context.Context, docs []*Doc) *Report {
	rep := &Report{}
	for _, d := range docs {
		if d.Uncertain && s.InERP != nil {
			if no, ok := s.InERP(d.OrderNo); ok {
				d.ERPNo, d.Uncertain, d.Problem = no, false, ""
				rep.Found++
			} else {
				d.Uncertain = false // it did not arrive: send it again
			}
		}
		if d.ERPNo != "" || d.Uncertain || (!d.Return && d.Status != mapping.ShopPaid) {
			if d.Uncertain {
				rep.Uncertain = append(rep.Uncertain, d.OrderNo+": "+d.Problem)
			}
			continue
		}
		s.send(ctx, d, rep)
	}
	s.Log.Info("run", "sent", rep.Sent, "found", rep.Found, "failed", len(rep.Failed), "uncertain", len(rep.Uncertain))
	return rep
}

func (s *Sender) send(ctx context.Context, d *Doc, rep *Report) {
	trade, err := mapping.ShopOrderToYihua(&d.ShopOrder, s.Options)
	if err == nil {
		var res *yihua.TransferResponse
		res, err = s.Yihua.TransferTrade(ctx, &yihua.TransferRequest{Trade: trade, Return: d.Return})
		if err == nil {
			d.ERPNo, d.Problem = res.OuterTradeID, ""
			rep.Sent++
			return
		}
	}
	d.Problem = err.Error()
	var transport *duijie.TransportError
	if errors.As(err, &transport) {
		d.Problem = fmt.Sprintf("no answer after %d attempt(s)", transport.Attempts) // the error names the host; keep the report short
	}
	if mayHaveArrived(err) {
		d.Uncertain = true
		rep.Uncertain = append(rep.Uncertain, d.OrderNo+": "+d.Problem)
		return
	}
	rep.Failed = append(rep.Failed, d.OrderNo+": "+d.Problem)
}

// mayHaveArrived reports whether a failed send may still have written the
// order: anything but refused input, the ERP's answer, or a connection that
// provably never reached it.
func mayHaveArrived(err error) bool {
	var invalid *duijie.ValidationError
	var unmapped *mapping.UnmappedError
	var transport *duijie.TransportError
	var answer *duijie.APIError
	switch {
	case errors.As(err, &invalid), errors.As(err, &unmapped):
		return false
	case errors.As(err, &transport):
		return transport.MayHaveReachedServer
	case errors.As(err, &answer):
		return errors.Is(err, duijie.ErrTemporary) // a 5xx from a gateway may hide a write
	}
	return true
}

// loadProducts reads SKU,yhProductID lines; blank lines and lines starting
// with # are skipped.
func loadProducts(path string) (mapping.Codes, error) {
	if path == "" {
		return nil, errors.New("-products is required with -real: Yihua knows a product only by its yhProductID")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment, r.FieldsPerRecord, r.TrimLeadingSpace = '#', 2, true
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("-products: %w", err)
	}
	codes := mapping.Codes{}
	for _, row := range rows {
		codes[strings.TrimSpace(row[0])] = strings.TrimSpace(row[1])
	}
	return codes, nil
}

// demo runs twice against the fake: the first run meets a SKU with no
// Yihua product and a connection dropped after the ERP stored an order; the
// shop maps the product, and the second run finds the dropped order in the
// ERP instead of sending it twice, and sends the fixed one.
func demo(out io.Writer, log *slog.Logger) (*yihuatest.Server, []*Doc, error) {
	srv := yihuatest.NewServer()
	c, err := yihua.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithLogger(log))
	if err != nil {
		return srv, nil, err
	}
	goods := mapping.Codes{"SHOP-A": "YH-1001", "SHOP-B": "YH-1002", "SHOP-C": "YH-1003"}
	products := mapping.Codes{"SHOP-A": "268E6E1D13754EE9878E31A6F7EB9C43", "SHOP-B": "0A1B2C3D4E5F60718293A4B5C6D7E8F9"}
	s := &Sender{Yihua: c, Options: mapping.YihuaOptions{TradeSource: yihua.TradeSourceWeChat, Goods: goods, Products: products}, Log: log,
		InERP: func(no string) (string, bool) {
			st, ok := srv.Trade(no)
			return st.OuterTradeID, ok
		}}
	docs := shopDocs()
	// The connection drops after the ERP stored the second document.
	srv.Inject(duijietest.Rule{Fault: duijietest.Fault{Kind: duijietest.FaultResetAfter}, Count: 1,
		Match: func(*http.Request) bool { return len(srv.Trades()) == 1 }})
	s.Run(context.Background(), docs).print(out, "run 1")
	products["SHOP-C"] = "5F0E1D2C3B4A59687766554433221100" // the shop maps the product
	s.Run(context.Background(), docs).print(out, "run 2")
	printDocs(out, docs)
	fmt.Fprintf(out, "Yihua holds %d order(s); written twice: %d\n", len(srv.Trades()), srv.Duplicates())
	return srv, docs, nil
}

// shopDocs are the shop's orders and a return.
func shopDocs() []*Doc {
	at := duijie.Time{Time: time.Date(2026, 11, 21, 10, 0, 0, 0, duijie.CST())}
	doc := func(no string, status mapping.ShopStatus, ret bool, lines ...mapping.ShopOrderLine) *Doc {
		total := duijie.AmountFromInt(0)
		for _, l := range lines {
			total = total.Add(l.Price.Mul(l.Qty))
		}
		o := mapping.ShopOrder{OrderNo: no, Status: status, CreatedAt: at, ModifiedAt: at, BuyerName: "李四", ReceiverName: "李四",
			ReceiverMobile: "13900000000", Province: "广东省", City: "广州市", Address: "天河路1号", PayAmount: total, Lines: lines}
		if status == mapping.ShopPaid {
			o.PaidAt, o.Paid, o.PayMethod = at, total, "微信"
		}
		return &Doc{ShopOrder: o, Return: ret}
	}
	line := func(no, sku string, qty, price int64) mapping.ShopOrderLine {
		return mapping.ShopOrderLine{LineNo: no, SKU: sku, Name: "图书 " + sku, Qty: duijie.AmountFromInt(qty), Price: duijie.AmountFromInt(price)}
	}
	docs := []*Doc{
		doc("SO-3001", mapping.ShopPaid, false, line("1", "SHOP-A", 2, 25), line("2", "SHOP-B", 1, 40)),
		doc("SO-3002", mapping.ShopPaid, false, line("1", "SHOP-B", 1, 40)),
		doc("SO-3003", mapping.ShopPendingPayment, false, line("1", "SHOP-A", 1, 25)),
		doc("SO-3004", mapping.ShopPaid, false, line("1", "SHOP-C", 3, 12)),
		doc("RT-3001", mapping.ShopPaid, true, line("1", "SHOP-A", 1, 25)), // a return of SO-3001's first line
	}
	return docs
}

// print writes a run's summary.
func (r *Report) print(out io.Writer, run string) {
	fmt.Fprintf(out, "%s: %d sent, %d found already in the ERP, %d failed, %d uncertain\n", run, r.Sent, r.Found, len(r.Failed), len(r.Uncertain))
	for _, f := range r.Failed {
		fmt.Fprintf(out, "  failed (sent again next run): %s\n", f)
	}
	for _, u := range r.Uncertain {
		fmt.Fprintf(out, "  uncertain (check the ERP before sending again): %s\n", u)
	}
	if r.Already > 0 {
		fmt.Fprintf(out, "  delivered by an earlier run: %d\n", r.Already)
	}
	for _, l := range r.Left {
		fmt.Fprintf(out, "  left for the next run: %s\n", l)
	}
	for _, w := range r.WouldSend {
		fmt.Fprintf(out, "  dry run, would send: %s\n", w)
	}
}

func printDocs(out io.Writer, docs []*Doc) {
	for _, d := range docs {
		kind := "order"
		if d.Return {
			kind = "return"
		}
		fmt.Fprintf(out, "  %s %s: %s, ERP %q\n", kind, d.OrderNo, d.Status, d.ERPNo)
	}
}
