// Package wangdiantongtest is an in-process fake of Wangdiantong for tests
// and examples. It serves the enterprise openapi2 route (/openapi2/<file>)
// and the Qimen route (/router/qm) at once, checks every signature method
// and the ±5 minute timestamp window, stores pushed trades by (shop_no, tid)
// (a re-push updates and counts as chg_count), serves refund stock-ins with
// the vendor's paging (page_no from 0) and 30-day window, answers code 1012
// past 60 calls a minute, and injects faults.
//
//	srv := wangdiantongtest.NewServer()
//	defer srv.Close()
//	c, _ := wangdiantong.NewClient(srv.Config(), wangdiantong.WithBaseURL(srv.OpenAPIURL()))
package wangdiantongtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/duijie/duijie/internal/fakekit"
	"github.com/duijie/duijie/internal/value"
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

// Fault injection, re-exported from the kit.
type (
	// Fault is one injected failure.
	Fault = fakekit.Fault
	// Rule applies a fault to matching requests.
	Rule = fakekit.Rule
	// Entry is one request the server saw.
	Entry = fakekit.Entry
)

// Fault kinds.
const (
	FaultStatus      = fakekit.FaultStatus
	FaultResetBefore = fakekit.FaultResetBefore
	FaultResetAfter  = fakekit.FaultResetAfter
	FaultDelay       = fakekit.FaultDelay
	FaultBody        = fakekit.FaultBody
)

// ThrottleFault is the vendor's rate-limit answer (code 1012) on openapi2.
func ThrottleFault() Fault {
	return Fault{Kind: FaultBody, Body: []byte(`{"code":1012,"message":"系统调用频繁，1分钟最多60次"}`)}
}

// StoredTrade is a pushed trade as the fake keeps it.
type StoredTrade struct {
	ShopNo string
	Trade  map[string]any
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

// Server is the fake. It is safe for concurrent use.
type Server struct {
	*fakekit.Server

	now    func() time.Time
	limitN int
	seed   int64
	limit  *fakekit.Window

	mu       sync.Mutex
	trades   map[string]*StoredTrade // shop_no + "\x00" + tid
	order    []string
	stockins []json.RawMessage
	modified []time.Time
	acks     map[string]string
}

// NewServer starts the fake; Close it when done.
func NewServer(opts ...Option) *Server {
	s := &Server{now: time.Now, limitN: 60, seed: 1, trades: map[string]*StoredTrade{}, acks: map[string]string{}}
	for _, o := range opts {
		o(s)
	}
	if s.limitN > 0 {
		s.limit = &fakekit.Window{Max: s.limitN, Per: time.Minute}
	}
	s.Server = fakekit.NewServer(http.HandlerFunc(s.handle), s.seed)
	return s
}

// OpenAPIURL is the base URL for the openapi2 route.
func (s *Server) OpenAPIURL() string { return s.URL + "/openapi2" }

// QimenURL is the base URL for the Qimen route.
func (s *Server) QimenURL() string { return s.URL + "/router/qm" }

// Config returns a client Config for the openapi2 route.
func (s *Server) Config() wangdiantong.Config {
	return wangdiantong.Config{SID: SID, AppKey: AppKey, AppSecret: AppSecret}
}

// QimenConfig returns a client Config for the Qimen route.
func (s *Server) QimenConfig(m wangdiantong.SignMethod) wangdiantong.Config {
	return wangdiantong.Config{SID: SID, AppKey: AppKey, Route: wangdiantong.RouteQimen,
		Qimen: wangdiantong.QimenConfig{AppKey: QimenAppKey, AppSecret: QimenAppSecret, SignMethod: m}}
}

// AddRefundStockin stores a refund stock-in the queries will return, with
// its modification time.
func (s *Server) AddRefundStockin(r wangdiantong.RefundStockin, modified time.Time) {
	b, _ := json.Marshal(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stockins = append(s.stockins, b)
	s.modified = append(s.modified, modified)
}

// Trade returns a pushed trade.
func (s *Server) Trade(shopNo, tid string) (StoredTrade, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.trades[shopNo+"\x00"+tid]
	if !ok {
		return StoredTrade{}, false
	}
	return *t, true
}

// Trades returns every pushed trade in first-push order.
func (s *Server) Trades() []StoredTrade {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]StoredTrade, 0, len(s.order))
	for _, k := range s.order {
		out = append(out, *s.trades[k])
	}
	return out
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
		return answer{"code": 1012, "message": "系统调用频繁，1分钟最多60次"}
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
	ts, err := time.ParseInLocation(value.LayoutDateTime, p["timestamp"], value.CST)
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
		writeJSON(w, "application/json", answer{"response": answer{"flag": "failure", "code": "1012", "sub_code": "isv.flow-limit", "message": "系统调用频繁"}})
		return
	}
	file, ok := qimenMethods[p["method"]]
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

// qimenMethods maps the Qimen names the fake serves to their files.
var qimenMethods = map[string]string{
	wangdiantong.MethodTradePush.Qimen:                 wangdiantong.MethodTradePush.File,
	wangdiantong.MethodRefundStockinQuery.Qimen:        wangdiantong.MethodRefundStockinQuery.File,
	wangdiantong.MethodRefundStockinQueryHistory.Qimen: wangdiantong.MethodRefundStockinQueryHistory.File,
	wangdiantong.MethodLogisticsSyncAck.Qimen:          wangdiantong.MethodLogisticsSyncAck.File,
}

func (s *Server) dispatch(file string, p map[string]string) answer {
	switch file {
	case "trade_push.php":
		return s.tradePush(p)
	case "stockin_order_query_refund.php", "his_stockin_order_query_refund.php":
		return s.refundQuery(p)
	case "logistics_sync_ack.php":
		return s.logisticsAck(p)
	}
	return answer{"code": 2830, "message": "接口不存在: " + file}
}

func (s *Server) tradePush(p map[string]string) answer {
	shop := p["shop_no"]
	if shop == "" {
		return answer{"code": 2830, "message": "shop_no不能为空"}
	}
	var trades []map[string]any
	if err := json.Unmarshal([]byte(p["trade_list"]), &trades); err != nil || len(trades) == 0 {
		return answer{"code": 2830, "message": "trade_list无效"}
	}
	if len(trades) > 50 {
		return answer{"code": 2830, "message": "trade_list超过50条"}
	}
	type failure struct {
		Tid   string `json:"tid"`
		Error string `json:"error"`
	}
	var failures []failure
	newCount, chgCount := 0, 0
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range trades {
		tid, _ := t["tid"].(string)
		orders, _ := t["order_list"].([]any)
		switch {
		case tid == "":
			failures = append(failures, failure{Tid: tid, Error: "tid不能为空"})
			continue
		case len(orders) == 0:
			failures = append(failures, failure{Tid: tid, Error: "order_list不能为空"})
			continue
		case strings.ContainsFunc(fmt.Sprint(t), func(r rune) bool { return r > 0xFFFF }):
			failures = append(failures, failure{Tid: tid, Error: "包含无法保存的字符"})
			continue
		}
		key := shop + "\x00" + tid
		if old, ok := s.trades[key]; ok {
			old.Trade, old.Pushes = t, old.Pushes+1
			chgCount++
			continue
		}
		s.trades[key] = &StoredTrade{ShopNo: shop, Trade: t, Pushes: 1}
		s.order = append(s.order, key)
		newCount++
	}
	if len(failures) > 0 {
		msg, _ := json.Marshal(failures)
		return answer{"code": 2830, "message": string(msg), "new_count": newCount, "chg_count": chgCount}
	}
	return answer{"code": 0, "message": "", "new_count": newCount, "chg_count": chgCount}
}

func (s *Server) refundQuery(p map[string]string) answer {
	start, errS := time.ParseInLocation(value.LayoutDateTime, p["start_time"], value.CST)
	end, errE := time.ParseInLocation(value.LayoutDateTime, p["end_time"], value.CST)
	byNumber := p["stockin_no"] != "" || p["src_order_no"] != ""
	if !byNumber && (errS != nil || errE != nil) {
		return answer{"code": 2900, "message": "时间范围与入库单号不能全部为空"}
	}
	if errS == nil && errE == nil && end.Sub(start) > 30*24*time.Hour {
		return answer{"code": 2830, "message": "时间跨度不能超过30天"}
	}
	pageNo, _ := strconv.Atoi(p["page_no"])
	size, err := strconv.Atoi(p["page_size"])
	if err != nil || size < 1 || size > 100 {
		return answer{"code": 2830, "message": "page_size无效"}
	}
	status := p["status"]
	if status == "" {
		status = "80"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var idx []int
	for i, raw := range s.stockins {
		var h map[string]any
		_ = json.Unmarshal(raw, &h)
		if fmt.Sprint(h["status"]) != status || (p["shop_no"] != "" && h["shop_no"] != p["shop_no"]) ||
			(p["stockin_no"] != "" && h["stockin_no"] != p["stockin_no"]) || (p["src_order_no"] != "" && h["src_order_no"] != p["src_order_no"]) {
			continue
		}
		// The range is closed at both ends.
		if !byNumber && (s.modified[i].Before(start) || s.modified[i].After(end)) {
			continue
		}
		idx = append(idx, i)
	}
	sort.SliceStable(idx, func(a, b int) bool { return s.modified[idx[a]].Before(s.modified[idx[b]]) })
	list := []json.RawMessage{}
	for i := pageNo * size; i < len(idx) && i < (pageNo+1)*size; i++ {
		list = append(list, s.stockins[idx[i]])
	}
	ans := answer{"code": 0, "message": "", "stockin_list": list}
	if pageNo == 0 {
		ans["total_count"] = strconv.Itoa(len(idx))
	}
	return ans
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
	for _, l := range list {
		if l.RecID == "" {
			errs = append(errs, answer{"rec_id": l.RecID, "error": "rec_id不能为空"})
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
