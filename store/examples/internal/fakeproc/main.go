// Command fakeproc serves one vendor fake in a process of its own, for the
// examples' tests that run an example's binary against it. It is a test
// tool, not an example.
//
//	fakeproc -vendor yihua|jushuitan|wdt [-hold N]
//	fakeproc lookup CTL-URL DOC-NO
//
// It prints one JSON line, {"url": …, "ctl": …, "env": {…}}: the base URL
// the example talks to (a front that counts reads and writes), the control
// URL the test reads the fake's state from, and the credentials. With
// -hold N the front hands the N-th write to the fake, prints "held" and
// never answers it, so a test can kill the example with a write that
// reached the vendor and whose answer it never saw, on a signal rather
// than after a sleep; POST /release on the control URL lets the held
// answer go. "lookup" prints Yihua's order number of a document
// and exits 0 when the fake holds it, exits 1 when not: the lookup command
// shop-yihua's -lookup runs. It reads no environment variable.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
	"github.com/duijie/duijie/store/examples/internal/proctest"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
	"github.com/duijie/duijie/yihua/yihuatest"
)

// State, Request and the vendor rows are proctest's: the control URL
// answers a proctest.State.
type (
	State      = proctest.State
	Request    = proctest.Request
	YihuaTrade = proctest.YihuaTrade
	JSTOrder   = proctest.JSTOrder
	WDTTrade   = proctest.WDTTrade
)

func main() {
	if len(os.Args) == 4 && os.Args[1] == "lookup" {
		os.Exit(lookup(os.Args[2], os.Args[3]))
	}
	vendor := flag.String("vendor", "", "yihua, jushuitan or wdt")
	hold := flag.Int("hold", 0, "hold the answer of the N-th write (0: none)")
	flag.Parse()
	if err := run(*vendor, *hold); err != nil {
		fmt.Fprintln(os.Stderr, "fakeproc:", err)
		os.Exit(2)
	}
}

func lookup(ctl, no string) int {
	resp, err := http.Get(ctl + "/state")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer resp.Body.Close()
	var st State
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	for _, t := range st.Yihua {
		if t.TradeID == no {
			fmt.Println(t.OuterTradeID)
			return 0
		}
	}
	return 1
}

func run(vendor string, hold int) error {
	var (
		target  string
		isWrite func(path string) bool
		state   func(*State)
		env     map[string]string
		extra   = http.NewServeMux()
	)
	switch vendor {
	case "yihua":
		srv := yihuatest.NewServer()
		defer srv.Close()
		cfg := srv.Config()
		target, isWrite = srv.URL(), func(string) bool { return true }
		env = map[string]string{"YIHUA_PLATFORM_ID": cfg.PlatformID, "YIHUA_TOKEN": cfg.UserAccessToken.Reveal(), "YIHUA_UID": cfg.UID}
		state = func(st *State) {
			for _, t := range srv.Trades() {
				st.Yihua = append(st.Yihua, YihuaTrade{TradeID: t.Master.TradeID, OuterTradeID: t.OuterTradeID, Writes: t.Writes, Return: t.Return})
			}
		}
	case "jushuitan":
		srv := jushuitantest.NewServer(jushuitantest.WithRateLimit(0, 0))
		defer srv.Close()
		for _, it := range []struct{ sku, qty, lock string }{{"JST-A", "42", "2"}, {"JST-B", "7", "0"}, {"JST-C", "15", "5"}} {
			q, _ := duijie.ParseAmount(it.qty)
			l, _ := duijie.ParseAmount(it.lock)
			srv.PutInventory(jushuitan.InventoryItem{SKUID: it.sku, Name: "商品 " + it.sku, Qty: q, OrderLock: l})
		}
		cfg := srv.Config()
		target = srv.URL()
		isWrite = func(p string) bool { return strings.Contains(p, "/upload") || strings.Contains(p, "/auth/") }
		env = map[string]string{"JST_APP_KEY": cfg.AppKey, "JST_APP_SECRET": cfg.AppSecret.Reveal(),
			"JST_ACCESS_TOKEN": cfg.AccessToken.Reveal(), "JST_SHOP_ID": strconv.FormatInt(jushuitantest.ShopID, 10)}
		state = func(st *State) {
			for _, o := range srv.Uploads() {
				st.JST = append(st.JST, JSTOrder{SoID: o.SoID, OID: o.OID, Uploads: o.Uploads})
			}
		}
		// POST /ship?so_id=…&lid=…: the warehouse ships an uploaded order.
		extra.HandleFunc("/ship", func(w http.ResponseWriter, r *http.Request) {
			no := r.URL.Query().Get("so_id")
			up, ok := srv.Uploaded(jushuitantest.ShopID, no)
			if !ok {
				http.Error(w, "not uploaded", http.StatusNotFound)
				return
			}
			srv.PutShipment(jushuitan.Shipment{OID: duijie.Int64(up.OID), ShopID: jushuitantest.ShopID, SoID: no,
				SendDate: duijie.NewTime(time.Now()), LcID: "SF", LogisticsCompany: "顺丰速运", LID: r.URL.Query().Get("lid")})
		})
	case "wdt":
		srv := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
		defer srv.Close()
		cfg := srv.Config()
		target = srv.Server.URL()
		isWrite = func(p string) bool { return strings.HasSuffix(p, "trade_push.php") }
		env = map[string]string{"WDT_SID": cfg.SID, "WDT_APPKEY": cfg.AppKey, "WDT_APPSECRET": cfg.AppSecret.Reveal()}
		state = func(st *State) {
			for _, t := range srv.Trades() {
				tid, _ := t.Trade["tid"].(string)
				st.WDT = append(st.WDT, WDTTrade{ShopNo: t.ShopNo, Tid: tid, Pushes: t.Pushes})
			}
		}
	default:
		return fmt.Errorf("-vendor %q is not yihua, jushuitan or wdt", vendor)
	}

	u, _ := url.Parse(target)
	proxy := httputil.NewSingleHostReverseProxy(u)
	var mu sync.Mutex
	var reqs []Request
	release := make(chan struct{})
	var once sync.Once
	// POST /release: the held write gets its answer.
	extra.HandleFunc("/release", func(http.ResponseWriter, *http.Request) { once.Do(func() { close(release) }) })
	writes := 0
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		wr := isWrite(r.URL.Path)
		mu.Lock()
		reqs = append(reqs, Request{Path: r.URL.Path, Write: wr, Body: string(body)})
		if wr {
			writes++
		}
		held := wr && writes == hold
		mu.Unlock()
		if !held {
			proxy.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		proxy.ServeHTTP(rec, r) // the vendor handles it; the answer waits
		fmt.Println("held")
		select {
		case <-r.Context().Done(): // the client is gone: the answer is lost
		case <-release:
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
		}
	}))
	defer front.Close()
	extra.HandleFunc("/state", func(w http.ResponseWriter, r *http.Request) {
		st := State{}
		mu.Lock()
		st.Requests = append(st.Requests, reqs...)
		mu.Unlock()
		state(&st)
		json.NewEncoder(w).Encode(st)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	ctl := &http.Server{Handler: extra, ReadHeaderTimeout: 10 * time.Second}
	go ctl.Serve(ln)
	line, _ := json.Marshal(map[string]any{"url": front.URL, "ctl": "http://" + ln.Addr().String(), "env": env})
	fmt.Println(string(line))
	// Serve until stdin closes (the test ends or dies).
	io.Copy(io.Discard, os.Stdin)
	return nil
}
