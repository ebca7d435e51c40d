// Package wangdiantongtest is an in-process fake of Wangdiantong for tests
// and examples, usable from plain programs too (no *testing.T needed).
//
// It serves the enterprise openapi2 route (/openapi2/<file>) and the Qimen
// route (/router/qm) at once, and behaves as the vendor does:
//
//   - it checks sid/appkey (openapi2) or app_key (Qimen), the ±5 minute
//     timestamp window, and the signature with every method (the openapi2
//     sign; Qimen md5, hmac and hmac-sha256), answering code 100 or the
//     Qimen error_response codes 29, 31 and 25;
//
//   - it stores pushed trades by (shop_no, tid): a re-push updates and
//     counts as chg_count; more than 50 trades or an unusable trade is
//     refused, the latter row by row in message as [{tid, error}] beside
//     new_count and chg_count. In non-strict mode (switch=0, the vendor's
//     default when switch is absent) the other trades are saved and
//     counted; in strict mode (switch=1) one refusal refuses the whole
//     call, nothing is saved and both counts are 0;
//
//   - it serves refund stock-ins, sales-out bills, trades, stock, shops,
//     warehouses, goods, purchase stock-ins, purchase orders, refunds,
//     stock-outs, stock-ins, purchase returns and purchase-return
//     stock-outs with the vendor's paging (page_no from 0, page_size
//     1..100, 1..40 for refunds, total_count on page 0) and windows (30
//     days, 60 minutes for trades, closed at both ends; optional without
//     a maximum where none is documented); the his_* scripts serve a
//     separate archive. The Add methods seed what only the ERP writes;
//
//   - it queues shipments for logistics_sync_query until acknowledged, and
//     refuses a second acknowledgement row by row;
//
//   - it stores what the other writes send, by their keys, and serves it
//     back: goods_push creates or updates goods by goods_no and their SKUs
//     by spec_no (at most 50 goods, 500 SKUs each), which goods_query
//     returns; stockout_order_push and stockin_order_push store one bill
//     each by outer_no, whose SKUs must be in the goods records, and
//     stockout_order_query and stockin_order_query return them;
//     stock_sync_by_pd stores a stocktaking bill by api_outer_no (at most
//     500 lines) and sets the counted stock, which stock_query returns;
//     purchase_order_push stores one order by outer_no, which
//     purchase_order_query returns.
//     A repeated api_outer_no is refused with code 21000006, the answer
//     the vendor's Y edition documents. The vendor does not say how it
//     answers a repeated outer_no: the fake answers it as done and stores
//     nothing (with the stored stockin_no for stock-ins), which is what
//     "避免重复推送数据" promises and lets a push sent again after a lost
//     answer settle without a second bill. Records and Record show what
//     was stored, with how often it was written;
//
//   - past 60 calls a minute it answers code 1012;
//
//   - faults are injected through the public fault kit, duijietest
//     (Inject, FailNext, Journal and the rest are methods of the embedded
//     *duijietest.Server), with ThrottleFault, QimenThrottleFault and
//     BusyFault as ready-made vendor answers, drawn from a seeded source
//     (WithSeed), so runs repeat.
//
// A client:
//
//	srv := wangdiantongtest.NewServer()
//	defer srv.Close()
//	c, _ := srv.NewClient()                          // openapi2, at srv.URL()
//	q, _ := srv.NewQimenClient(wangdiantong.SignMD5) // Qimen, at srv.QimenURL()
package wangdiantongtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/wangdiantong"
)

// Credentials the fake accepts.
const (
	SID            = "test2"
	AppKey         = "test2-xx"
	AppSecret      = "12345"
	QimenAppKey    = "qm-app"
	QimenAppSecret = "qm-secret"
)

// throttleMessage is the vendor's wording for code 1012.
const throttleMessage = "系统调用频繁，1分钟最多60次"

// HTTPClient returns an HTTP client that plays out the late answers and
// cancels of the kit's standard mix (duijietest.StandardMix) at once, with no
// timeout of its own.
func HTTPClient() *http.Client { return duijietest.HTTPClient() }

// ThrottleFault is the vendor's rate-limit answer (code 1012) on openapi2,
// as an HTTP 200 body.
func ThrottleFault() duijietest.Fault {
	return duijietest.Fault{Kind: duijietest.FaultBody, Body: []byte(`{"code":1012,"message":"` + throttleMessage + `"}`)}
}

// QimenThrottleFault is the rate-limit answer on the Qimen route: the
// openapi2 code 1012 inside a failed Qimen response.
func QimenThrottleFault() duijietest.Fault {
	return duijietest.Fault{Kind: duijietest.FaultBody, Body: []byte(`{"response":{"flag":"failure","code":"1012","sub_code":"isv.flow-limit","message":"` + throttleMessage + `"}}`)}
}

// BusyFault is an HTTP 503 with a non-JSON body, as a proxy in front of the
// vendor answers when it is overloaded.
func BusyFault() duijietest.Fault {
	return duijietest.Fault{Kind: duijietest.FaultStatus, Status: http.StatusServiceUnavailable, Body: []byte("<html>503 Service Temporarily Unavailable</html>"), ContentType: "text/html"}
}

// StoredTrade is a pushed trade as the fake keeps it.
type StoredTrade struct {
	// ShopNo is the shop the trade was pushed for; with the trade's tid it
	// is the key.
	ShopNo string
	// Trade is the last pushed trade, decoded from JSON.
	Trade map[string]any
	// Pushes counts how often the trade was pushed (1 + updates).
	Pushes int
}

// Option configures the fake.
type Option func(*Server)

// WithClock sets the fake's clock, used for the timestamp window and the
// rate limit.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithRateLimit sets the per-minute call limit (default 60; 0 disables).
func WithRateLimit(perMinute int) Option { return func(s *Server) { s.limitN = perMinute } }

// WithSeed seeds the fault plan's random draws.
func WithSeed(seed int64) Option { return func(s *Server) { s.seed = seed } }

// Server is the fake. It is safe for concurrent use. The embedded
// *duijietest.Server plans faults (FailNext, Inject, ClearFaults) and keeps
// the journal (Journal, Calls, FaultsInjected, ResetJournal).
type Server struct {
	*duijietest.Server

	now    func() time.Time
	limitN int
	seed   int64
	limit  *duijietest.Window

	mu     sync.Mutex
	trades duijietest.Store[string, StoredTrade] // shop_no + "\x00" + tid
	tables map[string][]row                      // by table: stockin_list, trades, stocks, shoplist, warehouses, sales_stockouts, …
	syncs  []json.RawMessage
	acks   map[string]string
	seq    int // ids the fake hands out (goods_id, spec_id, bill numbers)
}

// NewServer starts the fake; Close it when done.
func NewServer(opts ...Option) *Server {
	s := &Server{now: time.Now, limitN: 60, seed: 1, acks: map[string]string{}, tables: map[string][]row{}}
	for _, o := range opts {
		o(s)
	}
	if s.limitN > 0 {
		s.limit = &duijietest.Window{Max: s.limitN, Per: time.Minute}
	}
	s.Server = duijietest.NewServer(http.HandlerFunc(s.handle), s.seed)
	return s
}

// URL returns the base URL to give an openapi2 client
// (duijie.WithBaseURL): the server's root with /openapi2.
func (s *Server) URL() string { return s.Server.URL() + "/openapi2" }

// QimenURL is the base URL for the Qimen route.
func (s *Server) QimenURL() string { return s.Server.URL() + "/router/qm" }

// Config returns a client Config for the openapi2 route.
// wangdiantong.Config has no URL field: the base URL is an option, URL,
// which NewClient applies.
func (s *Server) Config() wangdiantong.Config {
	return wangdiantong.Config{SID: SID, AppKey: AppKey, AppSecret: AppSecret}
}

// QimenConfig returns a client Config for the Qimen route; its base URL is
// QimenURL, which NewQimenClient applies.
func (s *Server) QimenConfig(m wangdiantong.SignMethod) wangdiantong.Config {
	return wangdiantong.Config{SID: SID, AppKey: AppKey, Route: wangdiantong.RouteQimen,
		Qimen: wangdiantong.QimenConfig{AppKey: QimenAppKey, AppSecret: QimenAppSecret, SignMethod: m}}
}

// NewClient returns an openapi2 client of Config pointed at the fake: its
// base URL is URL and its HTTP client HTTPClient (a WithHTTPClient in opts
// replaces it). The other opts apply in order. The client cannot reach
// another host: options that set a different base URL make NewClient fail.
func (s *Server) NewClient(opts ...duijie.Option) (*wangdiantong.Client, error) {
	all, err := duijietest.ClientOptions(s.URL(), opts...)
	if err != nil {
		return nil, err
	}
	return wangdiantong.NewClient(s.Config(), all...)
}

// NewQimenClient is NewClient for the Qimen route: a client of
// QimenConfig(m) at QimenURL, on the same terms.
func (s *Server) NewQimenClient(m wangdiantong.SignMethod, opts ...duijie.Option) (*wangdiantong.Client, error) {
	all, err := duijietest.ClientOptions(s.QimenURL(), opts...)
	if err != nil {
		return nil, err
	}
	return wangdiantong.NewClient(s.QimenConfig(m), all...)
}

// row is one stored query row with its modification time.
type row struct {
	raw      json.RawMessage
	fields   map[string]any
	modified time.Time
	// key and writes are set for rows a keyed write stored (see upsert).
	key    string
	writes int
}

// add stores a row. The vendor keeps modification times to the second,
// so modified is truncated to the second.
func (s *Server) add(list string, v any, modified time.Time) {
	modified = modified.Truncate(time.Second)
	b, _ := json.Marshal(v)
	var f map[string]any
	_ = json.Unmarshal(b, &f)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tables[list] = append(s.tables[list], row{raw: b, fields: f, modified: modified})
}

// AddRefundStockin stores a refund stock-in the queries will return, with
// its modification time.
func (s *Server) AddRefundStockin(r wangdiantong.RefundStockin, modified time.Time) {
	s.add("stockin_list", r, modified)
}

// AddArchivedRefundStockin stores a refund stock-in in the archive, which
// only his_stockin_order_query_refund serves.
func (s *Server) AddArchivedRefundStockin(r wangdiantong.RefundStockin, modified time.Time) {
	s.add("his:stockin_list", r, modified)
}

// AddArchivedTrade stores an ERP order in the archive, which only
// his_trade_query serves.
func (s *Server) AddArchivedTrade(t wangdiantong.ERPTrade, modified time.Time) {
	s.add("his:trades", t, modified)
}

// AddTrade stores an ERP order for trade_query.
func (s *Server) AddTrade(t wangdiantong.ERPTrade, modified time.Time) { s.add("trades", t, modified) }

// AddStock stores a stock row for stock_query.
func (s *Server) AddStock(st wangdiantong.Stock, modified time.Time) { s.add("stocks", st, modified) }

// AddShop stores a shop for shop.php.
func (s *Server) AddShop(sh wangdiantong.Shop) { s.add("shoplist", sh, time.Time{}) }

// AddWarehouse stores a warehouse for warehouse_query.php.
func (s *Server) AddWarehouse(w wangdiantong.Warehouse) { s.add("warehouses", w, time.Time{}) }

// AddLogisticsSync queues a shipment for logistics_sync_query; an ack removes it.
func (s *Server) AddLogisticsSync(l wangdiantong.LogisticsSync) {
	b, _ := json.Marshal(l)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.syncs = append(s.syncs, b)
}

// Trade returns a pushed trade.
func (s *Server) Trade(shopNo, tid string) (StoredTrade, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.trades.Get(shopNo + "\x00" + tid)
}

// Trades returns every pushed trade in first-push order.
func (s *Server) Trades() []StoredTrade {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.trades.List()
}

// Acks returns the logistics sync acknowledgements by rec_id.
func (s *Server) Acks() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(s.acks))
	for k, v := range s.acks {
		out[k] = v
	}
	return out
}

type answer map[string]any

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	form, err := url.ParseQuery(string(body))
	if err != nil || r.Method != http.MethodPost {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	for k, vs := range r.URL.Query() {
		form[k] = vs
	}
	params := map[string]string{}
	for k := range form {
		params[k] = form.Get(k)
	}
	switch {
	case strings.HasPrefix(r.URL.Path, "/openapi2/"):
		file := strings.TrimPrefix(r.URL.Path, "/openapi2/")
		ans := s.openAPI(file, params)
		// The vendor labels JSON as text/html.
		writeJSON(w, "text/html; charset=utf-8", ans)
	case r.URL.Path == "/router/qm":
		s.qimen(w, params)
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) openAPI(file string, p map[string]string) answer {
	if p["sid"] != SID || p["appkey"] != AppKey {
		return answer{"code": 100, "message": "无效appkey"}
	}
	ts, err := strconv.ParseInt(p["timestamp"], 10, 64)
	if err != nil || s.now().Sub(time.Unix(ts, 0)).Abs() > 5*time.Minute {
		return answer{"code": 100, "message": "无效timestamp"}
	}
	if p["sign"] != wangdiantong.SignOpenAPI(p, AppSecret) {
		return answer{"code": 100, "message": "无效sign"}
	}
	if s.limit != nil && !s.limit.Allow(s.now()) {
		return answer{"code": 1012, "message": throttleMessage}
	}
	return s.dispatch(file, p)
}

func (s *Server) qimen(w http.ResponseWriter, p map[string]string) {
	fail := func(code, sub, msg string) {
		writeJSON(w, "application/json", answer{"error_response": answer{"code": code, "msg": msg, "sub_code": sub, "sub_msg": msg, "request_id": "fake-req"}})
	}
	if p["app_key"] != QimenAppKey || p["sid"] != SID {
		fail("29", "isv.invalid-app-key", "Invalid app Key")
		return
	}
	ts, err := time.ParseInLocation(duijie.LayoutDateTime, p["timestamp"], duijie.CST())
	if err != nil || s.now().Sub(ts).Abs() > 5*time.Minute {
		fail("31", "isv.invalid-timestamp", "Invalid timestamp")
		return
	}
	m := wangdiantong.SignMethod(p["sign_method"])
	want := wangdiantong.SignQimen(p, QimenAppSecret, m)
	if want == "" || p["sign"] != want {
		fail("25", "isv.invalid-signature", "Invalid signature")
		return
	}
	if p["format"] != "json" || p["v"] != "2.0" || p["target_app_key"] == "" {
		fail("40", "isv.missing-parameter", "format, v or target_app_key missing")
		return
	}
	if s.limit != nil && !s.limit.Allow(s.now()) {
		writeJSON(w, "application/json", answer{"response": answer{"flag": "failure", "code": "1012", "sub_code": "isv.flow-limit", "message": throttleMessage}})
		return
	}
	file, ok := qimenFile(p["method"])
	if !ok {
		fail("22", "isv.invalid-method", "Invalid method")
		return
	}
	ans := s.dispatch(file, p)
	if ans["code"] != 0 {
		ans["flag"] = "failure"
		ans["sub_message"] = ans["message"]
	} else {
		ans["flag"] = "success"
	}
	writeJSON(w, "application/json", answer{"response": ans})
}

// route is one operation the fake serves: its openapi2 script and, where
// the published 企业奇门 method list has one (hu3cgwt0tc.wdt.*, sent
// without the routing prefix), its Qimen method name.
type route struct {
	file, qimen string
	serve       func(s *Server, p map[string]string) answer
}

// routes are the operations the fake serves, from the vendor's documents:
// the listings with their list key, window (30 days; 60 minutes for
// trades; none for shops and warehouses) and the filters that make the
// window optional; the archive scripts (his_*) read a separate archive.
func routes() []route {
	refunds := func(list string) func(s *Server, p map[string]string) answer {
		return func(s *Server, p map[string]string) answer {
			if p["status"] == "" {
				p["status"] = "80"
			}
			return s.listQuery(p, list, 30*24*time.Hour, []string{"status", "shop_no", "warehouse_no", "stockin_no", "src_order_no"}, []string{"stockin_no", "src_order_no"})
		}
	}
	trades := func(list string) func(s *Server, p map[string]string) answer {
		return func(s *Server, p map[string]string) answer {
			return s.listQuery(p, list, time.Hour, []string{"shop_no", "warehouse_no", "trade_no"}, []string{"trade_no", "src_tid"})
		}
	}
	return []route{
		{"trade_push.php", "wdt.trade.push", (*Server).tradePush},
		{"stockin_order_query_refund.php", "wdt.stockin.order.query.refund", refunds("stockin_list")},
		{"his_stockin_order_query_refund.php", "", refunds("his:stockin_list")},
		{"trade_query.php", "wdt.trade.query", trades("trades")},
		{"his_trade_query.php", "wdt.his.trade.query", trades("his:trades")},
		{"stock_query.php", "wdt.stock.query", func(s *Server, p map[string]string) answer {
			return s.listQuery(p, "stocks", 30*24*time.Hour, []string{"warehouse_no", "spec_no", "goods_no", "barcode"}, []string{"spec_no"})
		}},
		{"shop.php", "wdt.shop.query", func(s *Server, p map[string]string) answer {
			return s.listQuery(p, "shoplist", 0, []string{"shop_no"}, nil)
		}},
		{"warehouse_query.php", "wdt.warehouse.query", func(s *Server, p map[string]string) answer {
			return s.listQuery(p, "warehouses", 0, []string{"warehouse_no"}, nil)
		}},
		{"logistics_sync_query.php", "wdt.logistics.sync.query", (*Server).logisticsQuery},
		{"logistics_sync_ack.php", "wdt.logistics.sync.ack", (*Server).logisticsAck},
		{"stockout_order_query_trade.php", "wdt.stockout.order.query.trade", salesStockouts("sales_stockouts")},
		{"his_stockout_order_query_trade.php", "", salesStockouts("his:sales_stockouts")},
		{"goods_query.php", "wdt.goods.query", (*Server).goodsQuery},
		{"goods_push.php", "wdt.goods.push", (*Server).goodsPush},
		{"stockout_order_push.php", "wdt.stockout.order.push", (*Server).stockoutPush},
		{"stockin_order_push.php", "wdt.stockin.order.push", (*Server).stockinPush},
		{"stock_sync_by_pd.php", "wdt.stock.sync.by.pd", (*Server).stocktake},
		{"purchase_order_push.php", "wdt.purchase.order.push", (*Server).purchaseOrderPush},
	}
}

// allRoutes are routes and the plain listings.
func allRoutes() []route { return append(routes(), listingRoutes()...) }

// Serves reports whether the fake serves name: an openapi2 script (e.g.
// "trade_push.php") or a Qimen method (e.g. "wdt.trade.push").
func (s *Server) Serves(name string) bool {
	for _, r := range allRoutes() {
		if name != "" && (r.file == name || r.qimen == name) {
			return true
		}
	}
	return false
}

// qimenFile is the openapi2 script behind a Qimen method.
func qimenFile(method string) (string, bool) {
	for _, r := range allRoutes() {
		if r.qimen != "" && r.qimen == method {
			return r.file, true
		}
	}
	return "", false
}

func (s *Server) dispatch(file string, p map[string]string) answer {
	for _, r := range allRoutes() {
		if r.file == file {
			return r.serve(s, p)
		}
	}
	return answer{"code": 2830, "message": "接口不存在: " + file}
}

func (s *Server) tradePush(p map[string]string) answer {
	shop := p["shop_no"]
	if shop == "" {
		return answer{"code": 2830, "message": "shop_no不能为空"}
	}
	if utf8.RuneCountInString(shop) > 20 {
		return answer{"code": 2830, "message": "shop_no超过20个字符"}
	}
	var trades []map[string]any
	if err := json.Unmarshal([]byte(p["trade_list"]), &trades); err != nil || len(trades) == 0 {
		return answer{"code": 2830, "message": "trade_list无效"}
	}
	if len(trades) > 50 {
		return answer{"code": 2830, "message": "trade_list超过50条"}
	}
	// switch: 0 or absent is non-strict mode (非严格模式), 1 strict (严格模式).
	var strict bool
	switch p["switch"] {
	case "", "0":
	case "1":
		strict = true
	default:
		return answer{"code": 2830, "message": "switch无效"}
	}
	type failure struct {
		Tid   string `json:"tid"`
		Error string `json:"error"`
	}
	var failures []failure
	var good []map[string]any
	// The same list with numbers as written, for the decimal checks.
	var exact []map[string]any
	dec := json.NewDecoder(strings.NewReader(p["trade_list"]))
	dec.UseNumber()
	_ = dec.Decode(&exact)
	for i, t := range trades {
		tid, _ := t["tid"].(string)
		orders, _ := t["order_list"].([]any)
		switch {
		case tid == "":
			failures = append(failures, failure{Tid: tid, Error: "tid不能为空"})
		case len(orders) == 0:
			failures = append(failures, failure{Tid: tid, Error: "order_list不能为空"})
		case strings.ContainsFunc(fmt.Sprint(t), func(r rune) bool { return r > 0xFFFF }):
			failures = append(failures, failure{Tid: tid, Error: "包含无法保存的字符"})
		case tradeFieldError(exact[i]) != "":
			failures = append(failures, failure{Tid: tid, Error: tradeFieldError(exact[i])})
		default:
			good = append(good, t)
		}
	}
	if strict && len(failures) > 0 {
		// Strict mode: one refusal refuses the call; nothing is saved.
		good = nil
	}
	newCount, chgCount := 0, 0
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range good {
		tid := t["tid"].(string)
		key := shop + "\x00" + tid
		if old, ok := s.trades.Get(key); ok {
			old.Trade, old.Pushes = t, old.Pushes+1
			s.trades.Put(key, old)
			chgCount++
			continue
		}
		s.trades.Put(key, StoredTrade{ShopNo: shop, Trade: t, Pushes: 1})
		newCount++
	}
	if len(failures) > 0 {
		msg, _ := json.Marshal(failures)
		return answer{"code": 2830, "message": string(msg), "new_count": newCount, "chg_count": chgCount}
	}
	return answer{"code": 0, "message": "", "new_count": newCount, "chg_count": chgCount}
}

// Documented values of trade_push's enums (trade_push.php field table).
var (
	tradeEnums = map[string][]string{
		"trade_status": {"10", "20", "30", "40", "50", "70", "80", "90"}, "pay_status": {"0", "1", "2"},
		"delivery_term": {"1", "2", "3"}, "invoice_kind": {"0", "1", "2", "3", "4"},
		"remark_flag": {"0", "1", "2", "3", "4", "5"}, "seller_flag": {"0", "1", "2", "3", "4", "5"}, "is_auto_wms": {"0", "1"},
	}
	orderEnums  = map[string][]string{"refund_status": {"0", "1", "2", "3", "4", "5"}}
	tradeAmount = []string{"post_amount", "cod_amount", "ext_cod_fee", "other_amount", "paid"}
	orderAmount = []string{"num", "price", "adjust_amount", "discount", "share_discount"}
	tradeTimes  = []string{"trade_time", "pay_time"}
	decimal194  = regexp.MustCompile(`^-?[0-9]{1,15}(\.[0-9]{1,4})?$`)
)

// tradeFieldError is the ERP's refusal of a trade whose field breaks a
// documented limit: an enum outside its values (a missing enum reads as
// 0), an amount that is not decimal(19,4), a time that is not a
// "yyyy-MM-dd HH:mm:ss" date (the unpaid "0000-00-00 00:00:00" aside).
func tradeFieldError(t map[string]any) string {
	text := func(v any) string {
		switch x := v.(type) {
		case nil:
			return ""
		case string:
			return x
		case json.Number:
			return x.String()
		case float64:
			return strconv.FormatFloat(x, 'f', -1, 64)
		}
		return fmt.Sprint(v)
	}
	enums := func(m map[string]any, set map[string][]string) string {
		for k, allowed := range set {
			v := text(m[k])
			if v == "" {
				v = "0"
			}
			if !slices.Contains(allowed, v) {
				return k + "参数值无效"
			}
		}
		return ""
	}
	amounts := func(m map[string]any, keys []string) string {
		for _, k := range keys {
			if v, ok := m[k]; ok && !decimal194.MatchString(text(v)) {
				return k + "不是decimal(19,4)"
			}
		}
		return ""
	}
	if e := enums(t, tradeEnums); e != "" {
		return e
	}
	if e := amounts(t, tradeAmount); e != "" {
		return e
	}
	for _, k := range tradeTimes {
		v, ok := t[k]
		if !ok || text(v) == "0000-00-00 00:00:00" {
			continue
		}
		if tm, err := time.ParseInLocation(duijie.LayoutDateTime, text(v), duijie.CST()); err != nil || tm.Year() < 1 {
			return k + "时间格式错误"
		}
	}
	orders, _ := t["order_list"].([]any)
	for _, o := range orders {
		om, _ := o.(map[string]any)
		if e := enums(om, orderEnums); e != "" {
			return e
		}
		if e := amounts(om, orderAmount); e != "" {
			return e
		}
	}
	return ""
}

// listQuery serves a paged listing: rows whose fields match the filters,
// modified within the closed [start_time, end_time] window (at most
// maxWindow; required unless one of the byNumber filters is given), ordered
// by modification time, page_no from 0, total_count on page 0.
func (s *Server) listQuery(p map[string]string, list string, maxWindow time.Duration, filters, byNumber []string) answer {
	return s.listing(p, listing{list: list, window: maxWindow, filters: filters, byNumber: byNumber})
}

// listing describes one listing the fake serves, as the vendor documents it.
type listing struct {
	// list is the stored table ("his:" + key for an archive); the answer
	// carries the rows under key, or by default under list without "his:".
	list, key string
	// window is the longest start_time..end_time span (0: no window).
	window time.Duration
	// maxPage is the largest page_size (0: 100).
	maxPage int
	// filters are parameters matched against the row field of the same
	// name when given.
	filters []string
	// byNumber are the filters that make the window optional.
	byNumber []string
	// match, when set, is a further filter of a row by the parameters.
	match func(fields map[string]any, p map[string]string) bool
	// at, when set, is the time of a row the window selects by; by
	// default its modification time.
	at func(r row, p map[string]string) time.Time
}

// listing serves a paged listing: rows whose fields match the filters,
// within the closed [start_time, end_time] window (at most l.window;
// required unless a byNumber filter is given), ordered by the window's
// time, page_no from 0, page_size 1..l.maxPage, total_count on page 0.
func (s *Server) listing(p map[string]string, l listing) answer {
	start, errS := time.ParseInLocation(duijie.LayoutDateTime, p["start_time"], duijie.CST())
	end, errE := time.ParseInLocation(duijie.LayoutDateTime, p["end_time"], duijie.CST())
	numbered := false
	for _, f := range l.byNumber {
		numbered = numbered || p[f] != ""
	}
	windowed := l.window > 0 && !numbered
	if l.window == 0 && errS == nil && errE == nil {
		// No documented maximum: a window given still selects.
		windowed = true
	}
	if windowed && l.window > 0 && (errS != nil || errE != nil) {
		return answer{"code": 2900, "message": "时间范围与单号不能全部为空"}
	}
	if windowed && l.window > 0 && end.Sub(start) > l.window {
		return answer{"code": 2830, "message": "时间跨度超过" + l.window.String()}
	}
	maxPage := l.maxPage
	if maxPage == 0 {
		maxPage = 100
	}
	pageNo, _ := strconv.Atoi(p["page_no"])
	size, err := strconv.Atoi(p["page_size"])
	if err != nil || size < 1 || size > maxPage || pageNo < 0 {
		return answer{"code": 2830, "message": "page_no或page_size无效"}
	}
	at := l.at
	if at == nil {
		at = func(r row, _ map[string]string) time.Time { return r.modified }
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rows := s.tables[l.list]
	var idx []int
	for i, r := range rows {
		match := l.match == nil || l.match(r.fields, p)
		for _, f := range l.filters {
			if p[f] != "" && fieldText(r.fields[f]) != p[f] {
				match = false
			}
		}
		if t := at(r, p); match && windowed && (t.Before(start) || t.After(end)) {
			match = false
		}
		if match {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return at(rows[idx[a]], p).Before(at(rows[idx[b]], p)) })
	out := []json.RawMessage{}
	for i := pageNo * size; i < len(idx) && i < (pageNo+1)*size; i++ {
		out = append(out, rows[idx[i]].raw)
	}
	key := l.key
	if key == "" {
		key = strings.TrimPrefix(l.list, "his:")
	}
	ans := answer{"code": 0, "message": "", key: out}
	if pageNo == 0 {
		ans["total_count"] = strconv.Itoa(len(idx))
	}
	return ans
}

// fieldText is a stored field as the text a filter compares.
func fieldText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// fieldTime reads a stored "yyyy-MM-dd HH:mm:ss" field (zero when empty
// or unreadable).
func fieldTime(v any) time.Time {
	t, _ := time.ParseInLocation(duijie.LayoutDateTime, fieldText(v), duijie.CST())
	return t
}

func (s *Server) logisticsQuery(p map[string]string) answer {
	if p["shop_no"] == "" {
		return answer{"code": 2830, "message": "shop_no不能为空"}
	}
	limit, err := strconv.Atoi(p["limit"])
	if err != nil || limit < 1 {
		return answer{"code": 2830, "message": "limit无效"}
	}
	limit = min(limit, 100)
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []json.RawMessage{}
	for _, raw := range s.syncs {
		var l struct {
			RecID  duijie.Text `json:"rec_id"`
			ShopNo duijie.Text `json:"shop_no"`
		}
		_ = json.Unmarshal(raw, &l)
		if _, acked := s.acks[string(l.RecID)]; acked || string(l.ShopNo) != p["shop_no"] {
			continue
		}
		if len(out) == limit {
			break
		}
		out = append(out, raw)
	}
	return answer{"code": 0, "message": "", "trades": out}
}

func (s *Server) logisticsAck(p map[string]string) answer {
	var list []struct {
		RecID   string `json:"rec_id"`
		Status  int    `json:"status"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal([]byte(p["logistics_list"]), &list); err != nil || len(list) == 0 {
		return answer{"code": 2830, "message": "logistics_list无效"}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	errs := []answer{}
	pending := map[string]bool{}
	for _, raw := range s.syncs {
		var l struct {
			RecID duijie.Text `json:"rec_id"`
		}
		_ = json.Unmarshal(raw, &l)
		pending[string(l.RecID)] = true
	}
	for _, l := range list {
		_, done := s.acks[l.RecID]
		if l.RecID == "" || !pending[l.RecID] || done || (l.Status != 0 && l.Status != 1) {
			errs = append(errs, answer{"rec_id": l.RecID, "error": "非待同步状态,不可更新"})
			continue
		}
		s.acks[l.RecID] = strconv.Itoa(l.Status)
	}
	return answer{"code": 0, "message": "", "errors": errs}
}

func writeJSON(w http.ResponseWriter, contentType string, v any) {
	w.Header().Set("Content-Type", contentType)
	_ = json.NewEncoder(w).Encode(v)
}
