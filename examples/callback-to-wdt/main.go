// Command callback-to-wdt accepts orders pushed to an HTTP endpoint (the
// OpenCallback order shape: tid, trade_status, pay_status, receiver_*,
// order_list …) and pushes them into Wangdiantong with trade_push,
// answering with one result per order.
//
// By default it runs once against the in-process WDT fake: it starts the
// endpoint, posts a sample callback with a good order and a bad one, and
// prints the answer. With -listen it serves real callbacks and pushes to
// the WDT endpoint and credentials in WDT_URL, WDT_SID, WDT_APPKEY and
// WDT_APPSECRET:
//
//	go run ./examples/callback-to-wdt
//	go run ./examples/callback-to-wdt -listen :8080 -shop QY01
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// maxBody caps a callback body.
const maxBody = 4 << 20

// Result is the endpoint's answer for one order. Unknown marks an order
// WDT may or may not have saved: the caller sends it again (trade_push
// updates by tid, so a second push never duplicates it).
type Result struct {
	Tid     string `json:"tid"`
	OK      bool   `json:"ok"`
	Unknown bool   `json:"unknown,omitempty"`
	Reason  string `json:"reason,omitempty"`
}

// Handler turns pushed orders into trade_push calls.
type Handler struct {
	WDT     *wangdiantong.Client
	Options mapping.TradePushOptions
	Log     *slog.Logger
}

// ServeHTTP reads the orders, converts each, pushes the convertible ones
// (50 a call, per shop) and answers every order's outcome. The answer is
// 200 when the body was read, whatever the orders' outcomes; 400 when it
// could not be; 502 when WDT could not be reached at all.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(body) > maxBody {
		http.Error(w, "body unreadable or over 4 MiB", http.StatusBadRequest)
		return
	}
	orders, err := mapping.ParseCallbackOrders(body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	results := make([]Result, len(orders))
	var trades []mapping.ShopTrade
	var at []int // trades[k] is orders[at[k]]
	for i := range orders {
		results[i].Tid = string(orders[i].Tid)
		t, err := mapping.CallbackToTrade(&orders[i], h.Options)
		if err != nil {
			results[i].Reason = err.Error()
			continue
		}
		trades = append(trades, *t)
		at = append(at, i)
	}
	status := http.StatusOK
	k := 0
	for _, req := range mapping.TradePushRequests(trades) {
		res, err := h.WDT.PushTrades(r.Context(), &req)
		failed := map[int]string{}
		unknown := map[int]bool{}
		var be *wangdiantong.BatchError
		switch {
		case errors.As(err, &be):
			for _, f := range be.Failed {
				if f.Index >= 0 {
					failed[f.Index] = f.Message
					unknown[f.Index] = f.OutcomeUnknown
				}
			}
		case err != nil:
			status = http.StatusBadGateway
			// Input refused before sending surely did not arrive; any
			// other error leaves every trade of the call unknown.
			var ve *wangdiantong.ValidationError
			sent := !errors.As(err, &ve)
			for j := range req.Trades {
				failed[j] = err.Error()
				unknown[j] = sent
			}
		}
		for j := range req.Trades {
			i := at[k+j]
			if msg, bad := failed[j]; bad {
				results[i].Reason, results[i].Unknown = msg, unknown[j]
			} else {
				results[i].OK = true
			}
		}
		k += len(req.Trades)
		if res != nil {
			h.Log.Info("trade_push", "shop", req.ShopNo, "trades", len(req.Trades), "new", res.NewCount, "changed", res.ChgCount)
		}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(results)
}

// sample is a callback with one good order and one without lines.
const sample = `[
 {"shop_no":"QY01","tid":"CB-1001","trade_status":30,"pay_status":2,"delivery_term":1,
  "trade_time":"2026-11-22 09:30:00","pay_time":"2026-11-22 09:31:00","buyer_nick":"小王",
  "receiver_name":"王五","receiver_province":"广东省","receiver_city":"深圳市","receiver_district":"南山区",
  "receiver_address":"科技园1号","receiver_mobile":"13800138000","post_amount":"0","paid":"199.00",
  "order_list":[{"oid":"CB-1001-1","num":"1","price":"199.00","spec_no":"SKU-RED","goods_name":"手机壳"}]},
 {"shop_no":"QY01","tid":"CB-1002","trade_status":30,"pay_status":2,"trade_time":"2026-11-22 09:40:00","paid":"10","order_list":[]}
]`

// demo runs the endpoint against the WDT fake and returns its answer.
func demo(out io.Writer, log *slog.Logger) (*wangdiantongtest.Server, []Result, error) {
	srv := wangdiantongtest.NewServer()
	c, err := wangdiantong.NewClient(srv.Config(), wangdiantong.WithBaseURL(srv.OpenAPIURL()), wangdiantong.WithLogger(log))
	if err != nil {
		return srv, nil, err
	}
	endpoint := httptest.NewServer(&Handler{WDT: c, Options: mapping.TradePushOptions{ShopNo: "QY01"}, Log: log})
	defer endpoint.Close()
	resp, err := http.Post(endpoint.URL, "application/json", bytes.NewBufferString(sample))
	if err != nil {
		return srv, nil, err
	}
	defer resp.Body.Close()
	var results []Result
	if err := json.NewDecoder(resp.Body).Decode(&results); err != nil {
		return srv, nil, err
	}
	fmt.Fprintf(out, "callback answered HTTP %d\n", resp.StatusCode)
	for _, r := range results {
		if r.OK {
			fmt.Fprintf(out, "  %s pushed to WDT\n", r.Tid)
		} else {
			fmt.Fprintf(out, "  %s refused: %s\n", r.Tid, r.Reason)
		}
	}
	fmt.Fprintf(out, "WDT now holds %d trade(s)\n", len(srv.Trades()))
	return srv, results, nil
}

func main() {
	listen := flag.String("listen", "", "serve callbacks on this address against the real WDT (WDT_* variables)")
	shop := flag.String("shop", "", "WDT shop_no for orders that name none")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if *listen == "" {
		srv, _, err := demo(os.Stdout, log)
		srv.Close()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	c, err := wangdiantong.NewClient(wangdiantong.Config{SID: os.Getenv("WDT_SID"), AppKey: os.Getenv("WDT_APPKEY"),
		AppSecret: wangdiantong.Secret(os.Getenv("WDT_APPSECRET"))}, wangdiantong.WithBaseURL(os.Getenv("WDT_URL")), wangdiantong.WithLogger(log))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	log.Info("serving callbacks", "addr", *listen)
	if err := http.ListenAndServe(*listen, &Handler{WDT: c, Options: mapping.TradePushOptions{ShopNo: *shop}, Log: log}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
