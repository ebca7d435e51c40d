// Package honortest is an in-process fake of Honor's Himall VF and PSI
// interfaces, speaking this SDK's default wire form (see package honor):
// it checks APPID, SHOP_NO, the 省包商 id, the timestamp, the nonce and the
// HMAC-SHA256 signature, serves goods, customers, orders, incentives and
// fund-pool rows page by page, records shipment feedback and PSI uploads
// (held to the default wire form's limits: codes at most 64 bytes, serials
// 1 to 64 letters, digits or '-', times yyyy-MM-dd HH:mm:ss, quantities
// above 0; by default a repeat updates, never duplicates; WithoutDeduplication keeps
// every write, since nothing public says which Honor does), and injects
// faults through the public fault kit, duijietest: FailNext, Inject,
// Journal and the rest are methods of the embedded *duijietest.Server. It
// needs no *testing.T: examples and plain programs use it too.
//
//	srv := honortest.NewServer()
//	defer srv.Close()
//	srv.AddOrder(order)
//	c, _ := srv.NewClient() // or honor.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
package honortest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"mime"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/honor"
)

// Credentials the fake accepts unless WithCredentials says otherwise.
const (
	AppID                 = "honor-test-app"
	AppKey                = "honor-test-appkey-0001"
	ShopNo                = "SHOP-TEST-01"
	ProvinceDistributorID = "PD-440000-01"
)

// DefaultSkew is how far a request's timestamp may be from the fake's clock.
const DefaultSkew = 10 * time.Minute

// Option configures the fake.
type Option func(*Server)

// WithCredentials sets the credentials the fake accepts.
func WithCredentials(appID, appKey, shopNo, provinceDistributorID string) Option {
	return func(s *Server) { s.appID, s.appKey, s.shopNo, s.pd = appID, appKey, shopNo, provinceDistributorID }
}

// WithSeed seeds the fault plan's random draws (default 1).
func WithSeed(seed int64) Option { return func(s *Server) { s.seed = seed } }

// WithClock sets the fake's clock: timestamps are checked against it and
// orders changed by ChangeOrder get its time.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithOperations serves the operations at these endpoints instead of the
// defaults, to match a client's Config.Operations (Config passes them on).
func WithOperations(ops map[honor.Op]honor.Endpoint) Option {
	return func(s *Server) {
		for op, ep := range ops {
			s.ops[op] = ep
			s.overrides[op] = ep
		}
	}
}

// routes are the paths and method names the fake serves by default: the
// default wire form of package honor's documentation (Honor's own are in
// its partner document). They are written here, not read from the client's
// operation table, so that a table row the fake does not serve shows up.
func routes() map[honor.Op]honor.Endpoint {
	return map[honor.Op]honor.Endpoint{
		honor.OpVFGoodsQuery:       {Path: "/openapi/vf/goods/query", Method: "honor.vf.goods.query"},
		honor.OpVFCustomerQuery:    {Path: "/openapi/vf/customer/query", Method: "honor.vf.customer.query"},
		honor.OpVFOrderQuery:       {Path: "/openapi/vf/order/query", Method: "honor.vf.order.query"},
		honor.OpVFShipmentFeedback: {Path: "/openapi/vf/shipment/feedback", Method: "honor.vf.shipment.feedback"},
		honor.OpVFIncentiveQuery:   {Path: "/openapi/vf/incentive/query", Method: "honor.vf.incentive.query"},
		honor.OpVFFundPoolQuery:    {Path: "/openapi/vf/fundpool/query", Method: "honor.vf.fundpool.query"},
		honor.OpPSIUpload:          {Path: "/openapi/psi/serial/upload", Method: "honor.psi.serial.upload"},
	}
}

// WithRateLimit makes the fake answer CodeRateLimited beyond max calls in
// any span of per.
func WithRateLimit(max int, per time.Duration) Option {
	return func(s *Server) { s.limit = &duijietest.Window{Max: max, Per: per} }
}

// WithOrderWindow sets the longest order-query window the fake accepts
// (default 24 hours, as package honor's DefaultOrderWindow).
func WithOrderWindow(d time.Duration) Option { return func(s *Server) { s.window = d } }

// WithoutDeduplication makes the fake a Honor that keeps every shipment
// feedback and PSI upload it receives as a new record, instead of updating
// the one with the same outbound number or (document, serial). Nothing
// public says which Honor does; the default fake de-duplicates, this one
// shows what a replay would cost. Shipments and PSIRecords then list one
// record per write, and answers never say "updated" or "replaced".
func WithoutDeduplication() Option { return func(s *Server) { s.noDedup = true } }

// ShipmentRecord is a shipment feedback the fake accepted.
type ShipmentRecord struct {
	// Feedback is the last feedback received for the outbound number.
	Feedback honor.VFShipmentFeedback
	// Writes counts the feedbacks received for it; more than one means
	// replays, which updated the same record.
	Writes int
}

// PSIRecord is a PSI record the fake holds.
type PSIRecord struct {
	// Record is the last upload of the key.
	Record honor.PSIRecord
	// Writes counts the uploads of the key.
	Writes int
}

// Server is the fake. It is safe for concurrent use. The embedded
// *duijietest.Server plans faults (FailNext, Inject, ClearFaults) and keeps
// the journal (Journal, Calls, FaultsInjected, ResetJournal).
type Server struct {
	*duijietest.Server

	appID, appKey, shopNo, pd string
	seed                      int64
	now                       func() time.Time
	ops                       map[honor.Op]honor.Endpoint // what the fake serves
	overrides                 map[honor.Op]honor.Endpoint // what WithOperations set
	limit                     *duijietest.Window
	window                    time.Duration
	noDedup                   bool

	mu          sync.Mutex
	goods       map[string]honor.VFGoodsModel
	customers   map[string]honor.VFCustomer
	orders      map[string]honor.VFOrder
	incentives  map[string]honor.VFIncentive
	fundPool    map[string]honor.VFFundPoolEntry
	shipments   duijietest.Store[string, ShipmentRecord]
	psi         duijietest.Store[honor.PSIKey, PSIRecord]
	shipCopies  []ShipmentRecord // every feedback, under WithoutDeduplication
	psiCopies   []PSIRecord      // every PSI record, under WithoutDeduplication
	nonces      map[string]string
	rejected    map[string]rejection
	handledByOp map[honor.Op]int
}

type rejection struct{ code, message string }

// NewServer starts the fake; Close it when done.
func NewServer(opts ...Option) *Server {
	s := &Server{
		appID: AppID, appKey: AppKey, shopNo: ShopNo, pd: ProvinceDistributorID,
		seed: 1, now: time.Now, ops: routes(), overrides: map[honor.Op]honor.Endpoint{}, window: defaultOrderWindow,
		goods: map[string]honor.VFGoodsModel{}, customers: map[string]honor.VFCustomer{},
		orders: map[string]honor.VFOrder{}, incentives: map[string]honor.VFIncentive{},
		fundPool: map[string]honor.VFFundPoolEntry{}, nonces: map[string]string{}, rejected: map[string]rejection{},
		handledByOp: map[honor.Op]int{},
	}
	for _, o := range opts {
		o(s)
	}
	s.Server = duijietest.NewServer(http.HandlerFunc(s.handle), s.seed)
	return s
}

// URL returns the base URL to give a client (duijie.WithBaseURL).
func (s *Server) URL() string { return s.Server.URL() }

// Config returns a client Config with the credentials the fake accepts and
// the endpoints WithOperations set (none by default: the client's own
// defaults are the paths the fake serves). honor.Config has no URL field:
// the base URL is an option, URL, which NewClient applies.
func (s *Server) Config() honor.Config {
	var ops map[honor.Op]honor.Endpoint
	if len(s.overrides) > 0 {
		ops = maps.Clone(s.overrides)
	}
	return honor.Config{AppID: s.appID, AppKey: duijie.Secret(s.appKey), ShopNo: s.shopNo,
		ProvinceDistributorID: s.pd, Operations: ops}
}

// NewClient returns a client of Config pointed at the fake: its base URL
// is URL and its HTTP client HTTPClient (a WithHTTPClient in opts replaces
// it). The other opts apply in order. The client cannot reach another
// host: options that set a different base URL make NewClient fail.
func (s *Server) NewClient(opts ...duijie.Option) (*honor.Client, error) {
	all, err := duijietest.ClientOptions(s.URL(), opts...)
	if err != nil {
		return nil, err
	}
	return honor.NewClient(s.Config(), all...)
}

// Throttle returns a fault answering Honor's throttle code.
func Throttle() duijietest.Fault {
	return duijietest.Fault{Kind: duijietest.FaultBody, Body: envelopeBytes(honor.CodeRateLimited, "call rate exceeded, try again later", nil)}
}

// Busy returns a fault answering Honor's busy code.
func Busy() duijietest.Fault {
	return duijietest.Fault{Kind: duijietest.FaultBody, Body: envelopeBytes(honor.CodeSystemBusy, "system busy, try again later", nil)}
}

// ServerError returns a fault answering HTTP 502 from a gateway.
func ServerError() duijietest.Fault {
	return duijietest.Fault{Kind: duijietest.FaultStatus, Status: http.StatusBadGateway, Body: []byte("<html>502 Bad Gateway</html>"), ContentType: "text/html"}
}

// Chaos returns the standard chaos plan with Honor's throttle answer, for
// Inject; its late answers and cancels need a client on HTTPClient.
func Chaos() duijietest.Rule { return duijietest.StandardMix(Throttle()) }

// HTTPClient returns an HTTP client that plays out the late answers and
// cancels of Chaos at once, with no timeout of its own.
func HTTPClient() *http.Client { return duijietest.HTTPClient() }

// AddGoods adds or replaces goods models (keyed by GoodsCode).
func (s *Server) AddGoods(goods ...honor.VFGoodsModel) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, g := range goods {
		s.goods[g.GoodsCode] = g
	}
}

// AddCustomers adds or replaces customers (keyed by CustomerCode).
func (s *Server) AddCustomers(customers ...honor.VFCustomer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range customers {
		s.customers[c.CustomerCode] = c
	}
}

// AddOrder adds or replaces an order (keyed by OrderNo). A zero
// ModifiedTime or OrderTime becomes the fake clock's now.
func (s *Server) AddOrder(o honor.VFOrder) {
	now := duijie.NewTime(s.now().Truncate(time.Second).In(duijie.CST()))
	if o.ModifiedTime.IsZero() {
		o.ModifiedTime = now
	}
	if o.OrderTime.IsZero() {
		o.OrderTime = o.ModifiedTime
	}
	if o.ShopNo == "" {
		o.ShopNo = s.shopNo
	}
	o.Lines = slices.Clone(o.Lines)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.orders[o.OrderNo] = o
}

// ChangeOrder applies change to a stored order and stamps its ModifiedTime
// with the fake clock's now, as Himall does when an order changes. It
// reports whether the order exists.
func (s *Server) ChangeOrder(orderNo string, change func(*honor.VFOrder)) bool {
	now := duijie.NewTime(s.now().Truncate(time.Second).In(duijie.CST()))
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[orderNo]
	if !ok {
		return false
	}
	o.Lines = slices.Clone(o.Lines)
	change(&o)
	o.OrderNo = orderNo
	o.ModifiedTime = now
	s.orders[orderNo] = o
	return true
}

// Order returns a stored order.
func (s *Server) Order(orderNo string) (honor.VFOrder, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[orderNo]
	o.Lines = slices.Clone(o.Lines)
	return o, ok
}

// AddIncentives adds or replaces incentive rows (keyed by IncentiveNo).
func (s *Server) AddIncentives(rows ...honor.VFIncentive) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range rows {
		s.incentives[r.IncentiveNo] = r
	}
}

// AddFundPoolEntries adds or replaces fund-pool rows (keyed by EntryNo).
func (s *Server) AddFundPoolEntries(rows ...honor.VFFundPoolEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range rows {
		s.fundPool[r.EntryNo] = r
	}
}

// Shipment returns the feedback stored for an outbound number.
func (s *Server) Shipment(outboundNo string) (ShipmentRecord, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.shipments.Get(outboundNo)
}

// Shipments returns every stored feedback in the order first received
// (every feedback received, duplicates included, under
// WithoutDeduplication).
func (s *Server) Shipments() []ShipmentRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.noDedup {
		return slices.Clone(s.shipCopies)
	}
	return s.shipments.List()
}

// PSIRecords returns every stored PSI record in the order first received
// (every record received, duplicates included, under WithoutDeduplication).
func (s *Server) PSIRecords() []PSIRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.noDedup {
		return slices.Clone(s.psiCopies)
	}
	return s.psi.List()
}

// PSIRecordFor returns the stored PSI record of a key.
func (s *Server) PSIRecordFor(k honor.PSIKey) (PSIRecord, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.psi.Get(k)
}

// RejectSerial makes the fake refuse PSI records of this serial with code
// and message, as Honor refuses a serial it does not know.
func (s *Server) RejectSerial(serial, code, message string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rejected[serial] = rejection{code: code, message: message}
}

// Handled counts the calls of op that reached the handler and passed the
// signature check.
func (s *Server) Handled(op honor.Op) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.handledByOp[op]
}

// Path returns the path the fake serves op at.
func (s *Server) Path(op honor.Op) string { return s.ops[op].Path }

// Serves reports whether the fake answers calls at path: one of its
// default routes, or a path WithOperations set.
func (s *Server) Serves(path string) bool {
	_, ok := s.route(path)
	return ok
}

// apiError is an answer with a non-zero code.
type apiError struct{ code, message string }

func fail(code, format string, args ...any) *apiError {
	return &apiError{code: code, message: fmt.Sprintf(format, args...)}
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	op, ok := s.route(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	data, aerr := s.serve(op, r)
	if aerr != nil {
		writeJSON(w, envelopeBytes(aerr.code, aerr.message, nil))
		return
	}
	writeJSON(w, envelopeBytes(honor.CodeOK, "success", data))
}

func (s *Server) route(path string) (honor.Op, bool) {
	for op, ep := range s.ops {
		if ep.Path == path {
			return op, true
		}
	}
	return "", false
}

func (s *Server) serve(op honor.Op, r *http.Request) (any, *apiError) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/x-www-form-urlencoded" {
		return nil, fail(honor.CodeBadParameter, "content type must be application/x-www-form-urlencoded")
	}
	if err := r.ParseForm(); err != nil {
		return nil, fail(honor.CodeBadParameter, "body is not a form")
	}
	form := map[string]string{}
	for k, vs := range r.PostForm {
		if len(vs) != 1 {
			return nil, fail(honor.CodeBadParameter, "parameter %s is repeated", k)
		}
		form[k] = vs[0]
	}
	if aerr := s.authenticate(form); aerr != nil {
		return nil, aerr
	}
	if ep := s.ops[op]; ep.Method != "" && form[honor.ParamMethod] != ep.Method {
		return nil, fail(honor.CodeBadParameter, "method %q is not served at %s", form[honor.ParamMethod], ep.Path)
	}
	if s.limit != nil && !s.limit.Allow(s.now()) {
		return nil, fail(honor.CodeRateLimited, "call rate exceeded, try again later")
	}
	s.mu.Lock()
	s.handledByOp[op]++
	s.mu.Unlock()
	biz := []byte(form[honor.ParamBizContent])
	if len(biz) == 0 {
		biz = []byte("{}")
	}
	switch op {
	case honor.OpVFGoodsQuery:
		return s.queryGoods(biz)
	case honor.OpVFCustomerQuery:
		return s.queryCustomers(biz)
	case honor.OpVFOrderQuery:
		return s.queryOrders(biz)
	case honor.OpVFShipmentFeedback:
		return s.feedback(biz)
	case honor.OpVFIncentiveQuery:
		return queryDated(s, biz, s.incentives, func(v honor.VFIncentive) (string, duijie.Date, string) {
			return v.IncentiveNo, v.ChangeDate, v.CustomerCode
		})
	case honor.OpVFFundPoolQuery:
		return queryDated(s, biz, s.fundPool, func(v honor.VFFundPoolEntry) (string, duijie.Date, string) {
			return v.EntryNo, v.ChangeDate, v.CustomerCode
		})
	case honor.OpPSIUpload:
		return s.uploadPSI(biz)
	}
	return nil, fail(honor.CodeBadParameter, "operation not served")
}

// authenticate checks the credentials, timestamp, nonce and signature as the
// default signer writes them.
func (s *Server) authenticate(form map[string]string) *apiError {
	switch {
	case form[honor.ParamAppID] == "" || form[honor.ParamAppID] != s.appID:
		return fail(honor.CodeBadAppID, "app_id is unknown")
	case form[honor.ParamShopNo] != s.shopNo:
		return fail(honor.CodeNotAuthorised, "shop_no is not authorised for this app_id")
	case form[honor.ParamDistributorID] != s.pd:
		return fail(honor.CodeNotAuthorised, "distributor_id is not authorised for this app_id")
	case form[honor.ParamSignMethod] != honor.SignMethodHMACSHA256:
		return fail(honor.CodeBadSignature, "sign_method must be HMAC-SHA256")
	case form[honor.ParamNonce] == "" || len(form[honor.ParamNonce]) > 64:
		return fail(honor.CodeBadParameter, "nonce is required (at most 64 characters)")
	}
	ms, err := strconv.ParseInt(form[honor.ParamTimestamp], 10, 64)
	if err != nil {
		return fail(honor.CodeBadTimestamp, "timestamp must be Unix milliseconds")
	}
	if d := s.now().Sub(time.UnixMilli(ms)); d > DefaultSkew || d < -DefaultSkew {
		return fail(honor.CodeBadTimestamp, "timestamp is more than %s from server time", DefaultSkew)
	}
	if !hmac.Equal([]byte(expectedSign(form, s.appKey)), []byte(form[honor.ParamSign])) {
		return fail(honor.CodeBadSignature, "sign does not match")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// The same nonce with the same signature is a replay of the same call,
	// which a retry sends on purpose; with other parameters it is refused.
	if prev, ok := s.nonces[form[honor.ParamNonce]]; ok && prev != form[honor.ParamSign] {
		return fail(honor.CodeNonceReused, "nonce was used before")
	}
	s.nonces[form[honor.ParamNonce]] = form[honor.ParamSign]
	return nil
}

// expectedSign is the fake's own implementation of the signing rule.
func expectedSign(form map[string]string, key string) string {
	var keys []string
	for k, v := range form {
		if k != "sign" && v != "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + form[k]
	}
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(strings.Join(parts, "&")))
	return strings.ToUpper(hex.EncodeToString(mac.Sum(nil)))
}

// paging reads and checks page_no and page_size.
type pageReq struct {
	PageNo   *int `json:"page_no"`
	PageSize *int `json:"page_size"`
}

func (p pageReq) bounds(n int) (lo, hi int, aerr *apiError) {
	if p.PageNo == nil || p.PageSize == nil {
		return 0, 0, fail(honor.CodeBadParameter, "page_no and page_size are required")
	}
	no, size := *p.PageNo, *p.PageSize
	if no < 1 || size < 1 || size > maxPageSize {
		return 0, 0, fail(honor.CodeBadParameter, "page_no must be at least 1 and page_size 1 to %d", maxPageSize)
	}
	lo = min((no-1)*size, n)
	return lo, min(lo+size, n), nil
}

func list[T any](rows []T, total int) map[string]any {
	if rows == nil {
		rows = []T{}
	}
	return map[string]any{"total": total, "list": rows}
}

func decodeBiz(biz []byte, v any) *apiError {
	if err := json.Unmarshal(biz, v); err != nil {
		return fail(honor.CodeBadParameter, "biz_content: %v", err)
	}
	return nil
}

func parseCST(field, s string) (time.Time, *apiError) {
	t, err := time.ParseInLocation(duijie.LayoutDateTime, s, duijie.CST())
	if err != nil {
		return time.Time{}, fail(honor.CodeBadParameter, "%s must be yyyy-MM-dd HH:mm:ss", field)
	}
	return t, nil
}

func (s *Server) queryGoods(biz []byte) (any, *apiError) {
	var q struct {
		pageReq
		GoodsCode     string `json:"goods_code"`
		ModifiedSince string `json:"modified_since"`
	}
	if aerr := decodeBiz(biz, &q); aerr != nil {
		return nil, aerr
	}
	var since time.Time
	if q.ModifiedSince != "" {
		var aerr *apiError
		if since, aerr = parseCST("modified_since", q.ModifiedSince); aerr != nil {
			return nil, aerr
		}
	}
	s.mu.Lock()
	var rows []honor.VFGoodsModel
	for _, g := range s.goods {
		if (q.GoodsCode == "" || g.GoodsCode == q.GoodsCode) && (since.IsZero() || !g.ModifiedTime.Before(since)) {
			rows = append(rows, g)
		}
	}
	s.mu.Unlock()
	sort.Slice(rows, func(i, j int) bool { return rows[i].GoodsCode < rows[j].GoodsCode })
	lo, hi, aerr := q.bounds(len(rows))
	if aerr != nil {
		return nil, aerr
	}
	return list(rows[lo:hi], len(rows)), nil
}

func (s *Server) queryCustomers(biz []byte) (any, *apiError) {
	var q struct {
		pageReq
		CustomerCode  string `json:"customer_code"`
		ModifiedSince string `json:"modified_since"`
	}
	if aerr := decodeBiz(biz, &q); aerr != nil {
		return nil, aerr
	}
	var since time.Time
	if q.ModifiedSince != "" {
		var aerr *apiError
		if since, aerr = parseCST("modified_since", q.ModifiedSince); aerr != nil {
			return nil, aerr
		}
	}
	s.mu.Lock()
	var rows []honor.VFCustomer
	for _, c := range s.customers {
		if (q.CustomerCode == "" || c.CustomerCode == q.CustomerCode) && (since.IsZero() || !c.ModifiedTime.Before(since)) {
			rows = append(rows, c)
		}
	}
	s.mu.Unlock()
	sort.Slice(rows, func(i, j int) bool { return rows[i].CustomerCode < rows[j].CustomerCode })
	lo, hi, aerr := q.bounds(len(rows))
	if aerr != nil {
		return nil, aerr
	}
	return list(rows[lo:hi], len(rows)), nil
}

func (s *Server) queryOrders(biz []byte) (any, *apiError) {
	var q struct {
		pageReq
		StartModified string `json:"start_modified"`
		EndModified   string `json:"end_modified"`
		OrderNo       string `json:"order_no"`
		Status        string `json:"status"`
	}
	if aerr := decodeBiz(biz, &q); aerr != nil {
		return nil, aerr
	}
	var from, to time.Time
	if q.OrderNo == "" || q.StartModified != "" || q.EndModified != "" {
		var aerr *apiError
		if from, aerr = parseCST("start_modified", q.StartModified); aerr != nil {
			return nil, aerr
		}
		if to, aerr = parseCST("end_modified", q.EndModified); aerr != nil {
			return nil, aerr
		}
		if !to.After(from) || to.Sub(from) > s.window {
			return nil, fail(honor.CodeBadParameter, "end_modified must be after start_modified, by at most %s", s.window)
		}
	}
	s.mu.Lock()
	var rows []honor.VFOrder
	for _, o := range s.orders {
		if q.OrderNo != "" && o.OrderNo != q.OrderNo {
			continue
		}
		if q.Status != "" && o.Status != q.Status {
			continue
		}
		if !from.IsZero() && (o.ModifiedTime.Before(from) || !o.ModifiedTime.Before(to)) {
			continue
		}
		o.Lines = slices.Clone(o.Lines)
		rows = append(rows, o)
	}
	s.mu.Unlock()
	sort.Slice(rows, func(i, j int) bool {
		if !rows[i].ModifiedTime.Equal(rows[j].ModifiedTime.Time) {
			return rows[i].ModifiedTime.Before(rows[j].ModifiedTime.Time)
		}
		return rows[i].OrderNo < rows[j].OrderNo
	})
	lo, hi, aerr := q.bounds(len(rows))
	if aerr != nil {
		return nil, aerr
	}
	return list(rows[lo:hi], len(rows)), nil
}

func queryDated[T any](s *Server, biz []byte, table map[string]T, fields func(T) (key string, date duijie.Date, customer string)) (any, *apiError) {
	var q struct {
		pageReq
		StartDate    string `json:"start_date"`
		EndDate      string `json:"end_date"`
		CustomerCode string `json:"customer_code"`
	}
	if aerr := decodeBiz(biz, &q); aerr != nil {
		return nil, aerr
	}
	start, err1 := time.ParseInLocation(duijie.LayoutDate, q.StartDate, duijie.CST())
	end, err2 := time.ParseInLocation(duijie.LayoutDate, q.EndDate, duijie.CST())
	if err1 != nil || err2 != nil {
		return nil, fail(honor.CodeBadParameter, "start_date and end_date must be yyyy-MM-dd")
	}
	if end.Before(start) || end.Sub(start) > time.Duration(maxDateSpanDays-1)*24*time.Hour {
		return nil, fail(honor.CodeBadParameter, "the date range must span 1 to %d days", maxDateSpanDays)
	}
	s.mu.Lock()
	var rows []T
	for _, v := range table {
		_, d, cust := fields(v)
		if d.Start().Before(start) || d.Start().After(end) {
			continue
		}
		if q.CustomerCode != "" && cust != q.CustomerCode {
			continue
		}
		rows = append(rows, v)
	}
	s.mu.Unlock()
	sort.Slice(rows, func(i, j int) bool {
		ki, di, _ := fields(rows[i])
		kj, dj, _ := fields(rows[j])
		if di != dj {
			return di.Before(dj)
		}
		return ki < kj
	})
	lo, hi, aerr := q.bounds(len(rows))
	if aerr != nil {
		return nil, aerr
	}
	return list(rows[lo:hi], len(rows)), nil
}

func (s *Server) feedback(biz []byte) (any, *apiError) {
	if msg := feedbackLimitProblem(biz); msg != "" {
		return nil, fail(honor.CodeBadParameter, "%s", msg)
	}
	var f honor.VFShipmentFeedback
	if aerr := decodeBiz(biz, &f); aerr != nil {
		return nil, aerr
	}
	if f.OrderNo == "" || f.OutboundNo == "" || f.OutboundTime.IsZero() || len(f.Lines) == 0 {
		return nil, fail(honor.CodeBadParameter, "order_no, outbound_no, outbound_time and lines are required")
	}
	if len(f.Lines) > maxFeedbackLines {
		return nil, fail(honor.CodeBatchTooLarge, "at most %d lines per feedback", maxFeedbackLines)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[f.OrderNo]
	if !ok {
		return nil, fail(honor.CodeNotHimallOrder, "order %s is not a Himall VF order of this shop", f.OrderNo)
	}
	goods := map[string]bool{}
	for _, l := range o.Lines {
		goods[l.GoodsCode] = true
	}
	serials := map[string]bool{}
	for i, l := range f.Lines {
		if !goods[l.GoodsCode] {
			return nil, fail(honor.CodeBadParameter, "lines[%d]: goods %s is not in order %s", i, l.GoodsCode, f.OrderNo)
		}
		if l.Quantity.Sign() <= 0 {
			return nil, fail(honor.CodeBadParameter, "lines[%d]: quantity must be above 0", i)
		}
		for _, sn := range l.Serials {
			if sn == "" || serials[sn] {
				return nil, fail(honor.CodeBadParameter, "lines[%d]: serial %q is empty or repeated", i, sn)
			}
			serials[sn] = true
		}
	}
	f.Lines = slices.Clone(f.Lines)
	f.Origin = honor.OriginHimall
	status := "created"
	if old, ok := s.shipments.Get(f.OutboundNo); ok {
		if old.Feedback.OrderNo != f.OrderNo {
			return nil, fail(honor.CodeBadParameter, "outbound %s belongs to order %s", f.OutboundNo, old.Feedback.OrderNo)
		}
		old.Feedback, old.Writes, status = f, old.Writes+1, "updated"
		s.shipments.Put(f.OutboundNo, old)
	} else {
		s.shipments.Put(f.OutboundNo, ShipmentRecord{Feedback: f, Writes: 1})
	}
	if s.noDedup {
		s.shipCopies = append(s.shipCopies, ShipmentRecord{Feedback: f, Writes: 1})
		status = "created"
	}
	return map[string]string{"order_no": f.OrderNo, "outbound_no": f.OutboundNo, "status": status}, nil
}

func (s *Server) uploadPSI(biz []byte) (any, *apiError) {
	var req struct {
		Records []honor.PSIRecord `json:"records"`
	}
	if aerr := decodeBiz(biz, &req); aerr != nil {
		return nil, aerr
	}
	var raw struct {
		Records []map[string]any `json:"records"`
	}
	if aerr := decodeBiz(biz, &raw); aerr != nil {
		return nil, aerr
	}
	if len(req.Records) == 0 {
		return nil, fail(honor.CodeBadParameter, "records are required")
	}
	if len(req.Records) > maxPSIRecords {
		return nil, fail(honor.CodeBatchTooLarge, "at most %d records per call", maxPSIRecords)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	results := make([]map[string]any, 0, len(req.Records))
	for i, r := range req.Records {
		row := map[string]any{"doc_no": r.DocNo, "serial": r.Serial, "success": false}
		if msg := psiLimitProblem(raw.Records[i]); msg != "" {
			row["code"], row["message"] = honor.CodeBadParameter, msg
		} else if msg := psiProblem(r); msg != "" {
			row["code"], row["message"] = honor.CodeBadParameter, msg
		} else if rej, ok := s.rejected[r.Serial]; ok {
			row["code"], row["message"] = rej.code, rej.message
		} else {
			k := r.Key()
			old, ok := s.psi.Get(k)
			if ok {
				old.Record, old.Writes = r, old.Writes+1
			} else {
				old = PSIRecord{Record: r, Writes: 1}
			}
			s.psi.Put(k, old)
			row["success"], row["replaced"] = true, ok && !s.noDedup
			if s.noDedup {
				s.psiCopies = append(s.psiCopies, PSIRecord{Record: r, Writes: 1})
			}
		}
		results = append(results, row)
	}
	return map[string]any{"results": results}, nil
}

// psiProblem says what is wrong with a record, or "".
func psiProblem(r honor.PSIRecord) string {
	switch {
	case r.DocNo == "" || r.Serial == "" || r.GoodsCode == "":
		return "doc_no, serial and goods_code are required"
	case r.DocDate.IsZero():
		return "doc_date is required"
	}
	switch r.DocType {
	case honor.PSIWholesaleOut, honor.PSIWholesaleReturn, honor.PSIWholesaleExchange:
	default:
		return "doc_type " + strconv.Quote(string(r.DocType)) + " is unknown"
	}
	if r.Direction != honor.PSIIn && r.Direction != honor.PSIOut {
		return "direction must be in or out"
	}
	return ""
}

func envelopeBytes(code, message string, data any) []byte {
	env := map[string]any{"code": code, "message": message, "request_id": "req-" + code}
	if data != nil {
		env["data"] = data
	}
	b, _ := json.Marshal(env)
	return b
}

func writeJSON(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(body)
}
