// Command fake serves the WDT and Kingdee fakes in a process of their own
// for the example's tests: it seeds refund stock-ins, counts how often
// each one is read, counts the writes, and can hold a BatchSave answer
// once Kingdee holds a number of bills, so a test can kill the job at a
// known point. It prints one JSON line with its URLs and credentials, then
// "HOLD <bills>" when it holds an answer.
//
// Control, on the "control" URL: GET /stats, POST /add?n=3&ago=7m (new
// stock-ins stamped that long ago), POST /release (answer the held call).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// Stats is what GET /stats answers.
type Stats struct {
	// Reads counts, per stock-in number, the answers that carried it.
	Reads map[string]int `json:"reads"`
	// Bills are the sales returns Kingdee holds, by number.
	Bills []string `json:"bills"`
	// Repeated counts saves refused because the number was taken.
	Repeated int `json:"repeated"`
	// Writes counts the calls that write (Save, BatchSave, Draft, Submit,
	// Audit, Delete on Kingdee; trade_push, logistics acks on WDT).
	Writes int `json:"writes"`
}

type fake struct {
	wdt  *wangdiantongtest.Server
	kd   *kingdeetest.Server
	mu   sync.Mutex
	next int
	st   Stats

	holdAfter int
	held      bool
	release   chan struct{}
}

func main() {
	n := flag.Int("stockins", 120, "refund stock-ins to seed")
	days := flag.Int("days", 40, "spread them over this many days, the last one an hour ago")
	holdAfter := flag.Int("hold-after", 0, "hold the first BatchSave answer after which Kingdee holds at least this many bills (0: never)")
	flag.Parse()
	f := &fake{wdt: wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0)), kd: kingdeetest.NewServer(),
		st: Stats{Reads: map[string]int{}}, holdAfter: *holdAfter, release: make(chan struct{})}
	now := time.Now()
	first := now.Add(-time.Hour).Add(-time.Duration(*days) * 24 * time.Hour)
	step := time.Duration(*days) * 24 * time.Hour / time.Duration(max(*n, 1))
	for i := 0; i < *n; i++ {
		f.add(first.Add(time.Duration(i) * step))
	}
	wdtFront := serve(f.wdtProxy())
	kdFront := serve(f.kdProxy())
	ctl := serve(f.control())
	qc := f.wdt.QimenConfig(wangdiantong.SignMD5)
	kc := f.kd.Config()
	json.NewEncoder(os.Stdout).Encode(map[string]string{
		"wdt_host": wdtFront, "kingdee_host": kdFront, "control": ctl,
		"WDT_SID": wangdiantongtest.SID, "WDT_APPKEY": wangdiantongtest.AppKey, "WDT_APPSECRET": wangdiantongtest.AppSecret,
		"QIMEN_APPKEY": qc.Qimen.AppKey, "QIMEN_SECRET": qc.Qimen.AppSecret.Reveal(), "QIMEN_TARGET_APPKEY": qc.Qimen.TargetAppKey,
		"KINGDEE_ACCTID": kc.AcctID, "KINGDEE_USER": kc.UserName, "KINGDEE_APPID": kc.AppID, "KINGDEE_APPSECRET": kc.AppSecret.Reveal(),
	})
	// Until the test closes stdin.
	io.Copy(io.Discard, os.Stdin)
}

// add seeds one stock-in modified at t.
func (f *fake) add(t time.Time) {
	f.mu.Lock()
	i := f.next
	f.next++
	f.mu.Unlock()
	f.wdt.AddRefundStockin(wangdiantong.RefundStockin{
		OrderNo: duijie.Text(fmt.Sprintf("RK%06d", i)), ShopNo: "TMALL-01", WarehouseNo: "WH-SZ", Status: "80",
		StockinTime: duijie.NewTime(t),
		Details: []wangdiantong.RefundStockinDetail{{SpecNo: "SKU-RED", GoodsCount: duijie.AmountFromInt(1),
			Num: duijie.AmountFromInt(1), SrcPrice: duijie.AmountFromCents(19900), TaxPrice: duijie.AmountFromCents(17900),
			Tax: duijie.AmountFromCents(13)}},
	}, t)
}

// serve serves h on a loopback port and returns its root URL.
func serve(h http.Handler) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go (&http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}).Serve(ln)
	return "http://" + ln.Addr().String()
}

func isWrite(path string) bool {
	for _, w := range []string{"Save", "Draft", "Submit", "Audit", "Delete", "trade_push", "logistics_sync_ack", "trade.push", "logistics.sync.ack"} {
		if strings.Contains(path, w) || strings.Contains(path, strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// wdtProxy forwards to the WDT fake and counts the stock-ins each answer
// carries.
func (f *fake) wdtProxy() http.Handler {
	target, _ := url.Parse(f.wdt.Server.URL())
	p := httputil.NewSingleHostReverseProxy(target)
	p.ModifyResponse = func(r *http.Response) error {
		body, err := io.ReadAll(r.Body)
		r.Body.Close()
		if err != nil {
			return err
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		var v any
		if json.Unmarshal(body, &v) == nil {
			f.mu.Lock()
			countStockins(v, f.st.Reads)
			f.mu.Unlock()
		}
		return nil
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if isWrite(r.URL.Path) || isWrite(r.URL.RawQuery) || isWrite(string(body)) {
			f.mu.Lock()
			f.st.Writes++
			f.mu.Unlock()
		}
		p.ServeHTTP(w, r)
	})
}

// countStockins counts every object with an order_no and a details_list.
func countStockins(v any, reads map[string]int) {
	switch x := v.(type) {
	case map[string]any:
		if no, ok := x["order_no"].(string); ok {
			if _, ok := x["details_list"]; ok {
				reads[no]++
				return
			}
		}
		for _, e := range x {
			countStockins(e, reads)
		}
	case []any:
		for _, e := range x {
			countStockins(e, reads)
		}
	case string:
		// Qimen may carry the list as a JSON string.
		if strings.HasPrefix(strings.TrimSpace(x), "[") || strings.HasPrefix(strings.TrimSpace(x), "{") {
			var inner any
			if json.Unmarshal([]byte(x), &inner) == nil {
				countStockins(inner, reads)
			}
		}
	}
}

// kdProxy forwards to the Kingdee fake, counts the writes and holds the
// chosen BatchSave answer.
func (f *fake) kdProxy() http.Handler {
	target, _ := url.Parse(f.kd.Server.URL())
	p := httputil.NewSingleHostReverseProxy(target)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		write := isWrite(r.URL.Path)
		if write {
			f.mu.Lock()
			f.st.Writes++
			f.mu.Unlock()
		}
		if !write || f.holdAfter == 0 {
			p.ServeHTTP(w, r)
			return
		}
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		p.ServeHTTP(rec, r)
		f.mu.Lock()
		hold := !f.held && len(f.kd.Bills(kingdee.FormSalReturnStock)) >= f.holdAfter
		if hold {
			f.held = true
		}
		f.mu.Unlock()
		if hold {
			fmt.Printf("HOLD %d\n", len(f.kd.Bills(kingdee.FormSalReturnStock)))
			select {
			case <-r.Context().Done(): // the job was killed
				return
			case <-f.release:
			}
		}
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.status)
		w.Write(rec.body.Bytes())
	})
}

type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(s int)           { r.status = s }

func (f *fake) control() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /stats", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		st := Stats{Reads: map[string]int{}, Writes: f.st.Writes, Repeated: f.kd.RepeatedNumbers()}
		for k, v := range f.st.Reads {
			st.Reads[k] = v
		}
		f.mu.Unlock()
		for _, b := range f.kd.Bills(kingdee.FormSalReturnStock) {
			st.Bills = append(st.Bills, b.Number)
		}
		json.NewEncoder(w).Encode(st)
	})
	mux.HandleFunc("POST /add", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		ago, err := time.ParseDuration(r.URL.Query().Get("ago"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		for i := 0; i < n; i++ {
			f.add(time.Now().Add(-ago))
		}
	})
	mux.HandleFunc("POST /release", func(w http.ResponseWriter, r *http.Request) { close(f.release) })
	return mux
}
