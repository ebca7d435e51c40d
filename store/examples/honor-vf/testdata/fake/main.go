// Command fake serves the Honor fake in a process of its own for the
// example's tests: it seeds goods, customers and VF orders, counts how
// often each order is read and every write (feedback, PSI upload), and can
// hold an order page's answer once it has served a number of orders, so a
// test can kill the job at a known point mid-window. It prints one JSON
// line with its URL and credentials, then "HOLD <orders>" when it holds.
//
// Control, on the "control" URL: GET /stats, POST /add?n=2&ago=90s (new
// orders modified that long ago).
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
	"sync"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/honor/honortest"
)

// Stats is what GET /stats answers.
type Stats struct {
	// Reads counts, per VF order number, the answers that carried it.
	Reads map[string]int `json:"reads"`
	// Writes counts feedback and PSI upload calls.
	Writes int `json:"writes"`
	// Shipments counts the feedbacks Honor holds, by outbound number, with
	// the writes each received.
	Shipments map[string]int `json:"shipments"`
	// PSI counts the PSI records Honor holds, by key, with their writes.
	PSI map[string]int `json:"psi"`
}

type fake struct {
	srv       *honortest.Server
	mu        sync.Mutex
	next      int
	reads     map[string]int
	served    int
	writes    int
	holdAfter int
	held      bool
}

func main() {
	n := flag.Int("orders", 12, "VF orders to seed")
	days := flag.Int("days", 3, "spread them over this many days, the last one 10 minutes ago")
	holdAfter := flag.Int("hold-after", 0, "hold the first order page answer after which at least this many orders were served (0: never)")
	flag.Parse()
	f := &fake{srv: honortest.NewServer(honortest.WithRateLimit(1000000, time.Minute)), reads: map[string]int{}, holdAfter: *holdAfter}
	f.srv.AddGoods(
		honor.VFGoodsModel{GoodsCode: "HM-M6", GoodsName: "荣耀Magic6", Brand: "HONOR", Category: "手机", Price: duijie.AmountFromCents(439900)},
		honor.VFGoodsModel{GoodsCode: "HM-X50", GoodsName: "荣耀X50", Brand: "HONOR", Category: "手机", Price: duijie.AmountFromCents(189900)},
	)
	f.srv.AddCustomers(honor.VFCustomer{CustomerCode: "HC01", CustomerName: "深圳华强通讯有限公司", City: "深圳市"})
	now := time.Now()
	first := now.Add(-10 * time.Minute).Add(-time.Duration(*days) * 24 * time.Hour)
	step := time.Duration(*days) * 24 * time.Hour / time.Duration(max(*n, 1))
	for i := 0; i < *n; i++ {
		f.add(first.Add(time.Duration(i) * step))
	}
	front := serve(f.proxy())
	ctl := serve(f.control())
	c := f.srv.Config()
	json.NewEncoder(os.Stdout).Encode(map[string]string{"HONOR_URL": front, "control": ctl,
		"HONOR_APPID": c.AppID, "HONOR_APPKEY": c.AppKey.Reveal(), "HONOR_SHOP_NO": c.ShopNo, "HONOR_DISTRIBUTOR_ID": c.ProvinceDistributorID})
	io.Copy(io.Discard, os.Stdin) // until the test closes stdin
}

// add seeds one order of HC01, modified at t.
func (f *fake) add(t time.Time) {
	f.mu.Lock()
	i := f.next
	f.next++
	f.mu.Unlock()
	goods := []string{"HM-M6", "HM-X50"}[i%2]
	f.srv.AddOrder(honor.VFOrder{OrderNo: fmt.Sprintf("VF%04d", i), CustomerCode: "HC01", ModifiedTime: duijie.NewTime(t),
		Lines: []honor.VFOrderLine{{LineNo: "1", GoodsCode: goods, Quantity: duijie.AmountFromInt(1),
			Price: duijie.AmountFromCents(189900), Amount: duijie.AmountFromCents(189900)}}})
}

func serve(h http.Handler) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go (&http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}).Serve(ln)
	return "http://" + ln.Addr().String()
}

func (f *fake) proxy() http.Handler {
	target, _ := url.Parse(f.srv.URL())
	p := httputil.NewSingleHostReverseProxy(target)
	orders := f.srv.Path(honor.OpVFOrderQuery)
	writes := map[string]bool{f.srv.Path(honor.OpVFShipmentFeedback): true, f.srv.Path(honor.OpPSIUpload): true}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if writes[r.URL.Path] {
			f.mu.Lock()
			f.writes++
			f.mu.Unlock()
		}
		if r.URL.Path != orders {
			p.ServeHTTP(w, r)
			return
		}
		rec := &recorder{header: http.Header{}, status: http.StatusOK}
		p.ServeHTTP(rec, r)
		var v any
		n := 0
		if json.Unmarshal(rec.body.Bytes(), &v) == nil {
			f.mu.Lock()
			n = countOrders(v, f.reads)
			f.served += n
			hold := f.holdAfter > 0 && !f.held && f.served >= f.holdAfter
			f.held = f.held || hold
			served := f.served
			f.mu.Unlock()
			if hold {
				fmt.Printf("HOLD %d\n", served)
				<-r.Context().Done() // the job was killed
				return
			}
		}
		for k, v := range rec.header {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.status)
		w.Write(rec.body.Bytes())
	})
}

// countOrders counts every object with an order_no and lines.
func countOrders(v any, reads map[string]int) int {
	n := 0
	switch x := v.(type) {
	case map[string]any:
		if no, ok := x["order_no"].(string); ok {
			if _, ok := x["lines"]; ok {
				reads[no]++
				return 1
			}
		}
		for _, e := range x {
			n += countOrders(e, reads)
		}
	case []any:
		for _, e := range x {
			n += countOrders(e, reads)
		}
	}
	return n
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
		st := Stats{Reads: map[string]int{}, Writes: f.writes, Shipments: map[string]int{}, PSI: map[string]int{}}
		for k, v := range f.reads {
			st.Reads[k] = v
		}
		f.mu.Unlock()
		for _, s := range f.srv.Shipments() {
			st.Shipments[s.Feedback.OutboundNo] = s.Writes
		}
		for _, p := range f.srv.PSIRecords() {
			st.PSI[p.Record.Key().String()] = p.Writes
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
	return mux
}
