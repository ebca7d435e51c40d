// Package jushuitantest is an in-process fake of Jushuitan (聚水潭) for tests
// and examples. One server speaks both generations: openapi v2 under
// /open/... and /openWeb/auth/..., and the legacy API at
// /api/open/query.aspx. It checks every signature, timestamp and token as
// the vendor does and answers with the vendor's codes and envelopes; treats
// authorization codes and refresh tokens as single-use (a second use is
// refused, and a refresh retires the access token it replaces); keeps
// uploaded orders by (shop_id, so_id), so a re-upload updates instead of
// duplicating; serves inventory, orders, shipments, shops, warehouses,
// sales-out, after-sale, purchase-in, purchase-return, other in/out,
// stocktaking, purchase, transfer and return-receipt bills, SKUs and
// suppliers (seeded with the Put methods) with the vendor's paging, 7-day
// windows (one day for suppliers without keys and for sales-out bills of a
// distributor), page-size and key maxima and ts cursor (rows whose ts is
// greater than start_ts, in ts order); answers code 199 past 5 calls a
// second and 200 past 100 a minute, on every path; and injects faults
// through the public fault kit, duijietest: FailNext, Inject, Journal and
// the rest are methods of the embedded *duijietest.Server. Routes lists the
// paths and legacy methods it answers, written from the vendor's documents
// rather than from the client.
//
// Writes are kept by their keys and feed the reads: other in/out uploads
// by external_id (read back by the other in/out query with it as so_id),
// SKU uploads by sku_id (the SKU query), supplier uploads by supplier_code
// (the supplier query), stocktaking uploads by so_id (the stocktaking and,
// once confirmed, the inventory query), purchase uploads by external_id
// (the purchase query), after-sale uploads by outer_as_id (the after-sale
// query). Where the notes document the key (so_id of a stocktaking, the
// first success standing; outer_as_id of an after-sale, updatable) the
// fake does what they say. Where they only infer it (external_id, sku_id,
// supplier_code) the fake still keeps one record per key, updating an
// upsert's fields or answering a one-bill write with the bill it has, so
// that a resend never hides as a second record: Repeats counts every write
// that named a key the fake already had, for a test to tell whether a
// write was sent again after it arrived.
//
//	srv := jushuitantest.NewServer()
//	defer srv.Close()
//	c, _ := srv.NewClient()        // openapi v2, at srv.URL()
//	lc, _ := srv.NewLegacyClient() // legacy, at srv.LegacyURL()
package jushuitantest

import (
	"bytes"
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
	"unicode/utf8"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/jushuitan"
)

// Credentials the fake accepts.
const (
	// AppKey is the openapi v2 app key.
	AppKey = "fake-jst-app-key"
	// AppSecret is the openapi v2 app secret.
	AppSecret = "fake-jst-app-secret"
	// AccessToken is the access token the fake starts with.
	AccessToken = "fake-jst-access-token-1"
	// RefreshToken is the refresh token the fake starts with.
	RefreshToken = "fake-jst-refresh-token-1"
	// AuthCode is the authorization code /openWeb/auth/accessToken accepts,
	// once (codes are single-use; AuthorizeAgain issues another).
	AuthCode = "fake-auth-code"
	// PartnerID is the legacy partnerid.
	PartnerID = "fake-jst-partner"
	// PartnerKey is the legacy partnerkey.
	PartnerKey = "fake-jst-partner-key"
	// LegacyToken is the legacy token.
	LegacyToken = "fake-jst-legacy-token"
	// ShopID is the shop the fake starts with (a 自有商城 shop).
	ShopID = 10001
	// WmsCoID is the warehouse the fake starts with (the main one).
	WmsCoID = 20001
	// LegacyPath is where the legacy API is served.
	LegacyPath = "/api/open/query.aspx"
)

// The vendor's throttle wording.
const (
	throttleSecond = "调用频次超过限制!请稍后再试"
	throttleMinute = "调用频次超过限制"
)

// ThrottleFault is the vendor's per-second throttle answer (code 199) as
// an HTTP 200 body, valid for both generations.
func ThrottleFault() duijietest.Fault {
	return duijietest.Fault{Kind: duijietest.FaultBody, Body: []byte(`{"code":199,"issuccess":false,"msg":"` + throttleSecond + `","data":null}`)}
}

// MinuteThrottleFault is the per-minute throttle answer (code 200).
func MinuteThrottleFault() duijietest.Fault {
	return duijietest.Fault{Kind: duijietest.FaultBody, Body: []byte(`{"code":200,"issuccess":false,"msg":"` + throttleMinute + `","data":null}`)}
}

// BusyFault is an HTTP 503 with an HTML body, as a proxy in front of the
// vendor answers when overloaded.
func BusyFault() duijietest.Fault {
	return duijietest.Fault{Kind: duijietest.FaultStatus, Status: http.StatusServiceUnavailable, Body: []byte("<html>503 Service Temporarily Unavailable</html>"), ContentType: "text/html"}
}

// ChaosMix is the kit's standard chaos plan with the vendor's throttle, for
// Inject; its late answers and cancels need a client on HTTPClient.
func ChaosMix() duijietest.Rule { return duijietest.StandardMix(ThrottleFault()) }

// HTTPClient returns an HTTP client that plays out the late answers and
// cancels of ChaosMix at once, with no timeout of its own.
func HTTPClient() *http.Client { return duijietest.HTTPClient() }

// Option configures the fake.
type Option func(*Server)

// WithClock sets the fake's clock (timestamps, token expiry, rate limits,
// modification times).
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithRateLimit sets the calls allowed a second and a minute (defaults 5
// and 100); 0 turns that limit off.
func WithRateLimit(perSecond, perMinute int) Option {
	return func(s *Server) { s.perSec, s.perMin = perSecond, perMinute }
}

// WithSeed seeds the fault plan's random draws (default 1).
func WithSeed(seed int64) Option { return func(s *Server) { s.seed = seed } }

// WithISV makes the app a third-party (服务商) app: refreshToken answers
// code 150, as the vendor does since 2023-08-15.
func WithISV() Option { return func(s *Server) { s.isv = true } }

// WithTokenLifetime sets how long issued access tokens live (default 30 days).
func WithTokenLifetime(d time.Duration) Option { return func(s *Server) { s.lifetime = d } }

// StoredOrder is an uploaded order as the fake keeps it.
type StoredOrder struct {
	// ShopID is the shop; with SoID it is the order's key.
	ShopID int64
	// SoID is the shop's order number.
	SoID string
	// OID is the internal order number the fake assigned.
	OID int64
	// Uploads counts how often it was uploaded (1 + updates).
	Uploads int
	// Raw is the last uploaded JSON object.
	Raw map[string]any
}

// Server is the fake. It is safe for concurrent use. The embedded
// *duijietest.Server plans faults (FailNext, Inject, ClearFaults) and keeps
// the journal (Journal, Calls, FaultsInjected, ResetJournal).
type Server struct {
	*duijietest.Server

	now      func() time.Time
	seed     int64
	perSec   int
	perMin   int
	isv      bool
	lifetime time.Duration
	sec, min *duijietest.Window

	mu             sync.Mutex
	tokens         map[string]time.Time // access token -> expiry
	refreshTokens  map[string]string    // refresh token -> the access token it renews
	current        string               // the access token issued last
	currentRef     string               // the refresh token issued last
	issued         int
	throttled      int
	ipRefused      bool
	denied         map[string]bool
	legacyExpired  bool
	rowVersion     int64
	nextOID        int64
	inventory      map[string]*jushuitan.InventoryItem
	orders         map[int64]*jushuitan.Order
	shipments      []*shipmentRow
	nextIoID       int64
	saleOuts       map[int64]*jushuitan.SaleOut
	nextAsID       int64
	refunds        map[int64]*jushuitan.Refund
	purchaseIns    map[int64]*jushuitan.PurchaseIn
	purchaseOuts   map[int64]*jushuitan.PurchaseOut
	others         map[int64]*jushuitan.OtherInOut
	otherByExt     map[string]int64
	skus           map[string]*jushuitan.SKU
	nextAutoID     int64
	repeats        map[string]int
	suppliers      map[string]*jushuitan.Supplier
	nextSupplierID int64
	counts         map[int64]*jushuitan.StockCount
	countUploads   duijietest.Store[string, StoredStockCount]
	purchases      duijietest.Store[string, StoredPurchase]
	nextPoID       int64
	purchaseBills  map[int64]*jushuitan.Purchase
	allocates      map[int64]*jushuitan.Allocate
	received       map[int64]*jushuitan.Received
	afterByOuter   map[string]int64
	shops          []jushuitan.Shop
	warehouses     []jushuitan.Warehouse
	uploads        duijietest.Store[string, StoredOrder]
	failUploads    map[string]string
	omitRows       map[string]bool
	authCodes      map[string]bool // merchant authorization codes not used yet
	usedCodes      map[string]bool // getInitToken codes already used
	grants         int             // tokens issued for a code
	refreshes      int             // tokens issued for a refresh token
	// legacyShopAnswers counts legacy shops.query answers, which alternate
	// between the two documented list keys.
	legacyShopAnswers int
}

// NewServer starts the fake; Close it when done.
func NewServer(opts ...Option) *Server {
	s := &Server{now: time.Now, seed: 1, perSec: jushuitan.DefaultCallsPerSecond, perMin: jushuitan.DefaultCallsPerMinute,
		lifetime: 30 * 24 * time.Hour, tokens: map[string]time.Time{}, refreshTokens: map[string]string{RefreshToken: AccessToken},
		nextOID: 9000001, nextIoID: 7000001, saleOuts: map[int64]*jushuitan.SaleOut{},
		nextAsID: 5000001, refunds: map[int64]*jushuitan.Refund{}, purchaseIns: map[int64]*jushuitan.PurchaseIn{},
		purchaseOuts: map[int64]*jushuitan.PurchaseOut{}, others: map[int64]*jushuitan.OtherInOut{}, otherByExt: map[string]int64{},
		skus: map[string]*jushuitan.SKU{}, repeats: map[string]int{}, suppliers: map[string]*jushuitan.Supplier{},
		counts: map[int64]*jushuitan.StockCount{}, nextPoID: 3000001, purchaseBills: map[int64]*jushuitan.Purchase{},
		allocates: map[int64]*jushuitan.Allocate{}, received: map[int64]*jushuitan.Received{}, afterByOuter: map[string]int64{}, inventory: map[string]*jushuitan.InventoryItem{}, orders: map[int64]*jushuitan.Order{},
		failUploads: map[string]string{}, omitRows: map[string]bool{}, denied: map[string]bool{},
		current: AccessToken, currentRef: RefreshToken, authCodes: map[string]bool{AuthCode: true}, usedCodes: map[string]bool{}}
	for _, o := range opts {
		o(s)
	}
	s.tokens[AccessToken] = s.now().Add(s.lifetime)
	if s.perSec > 0 {
		s.sec = &duijietest.Window{Max: s.perSec, Per: time.Second}
	}
	if s.perMin > 0 {
		s.min = &duijietest.Window{Max: s.perMin, Per: time.Minute}
	}
	s.shops = []jushuitan.Shop{{ShopID: ShopID, ShopName: "自有商城", CoID: 1, ShopSite: "自有商城", Nick: "老板", SessionExpired: "------永久授权------"}}
	s.warehouses = []jushuitan.Warehouse{{Name: "主仓", CoID: 1, WmsCoID: WmsCoID, IsMain: true, Status: "生效"}}
	s.Server = duijietest.NewServer(http.HandlerFunc(s.handle), s.seed)
	return s
}

// URL returns the base URL to give an openapi v2 client
// (duijie.WithBaseURL).
func (s *Server) URL() string { return s.Server.URL() }

// LegacyURL is the base URL for the legacy generation.
func (s *Server) LegacyURL() string { return s.Server.URL() + LegacyPath }

// Config returns an openapi v2 client Config with the fake's credentials
// and the tokens it issued last, with their expiry. jushuitan.Config has
// no URL field: the base URL is an option, URL, which NewClient applies.
func (s *Server) Config() jushuitan.Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	return jushuitan.Config{AppKey: AppKey, AppSecret: AppSecret, AccessToken: duijie.Secret(s.current),
		RefreshToken: duijie.Secret(s.currentRef), TokenExpiresAt: s.tokens[s.current]}
}

// NewClient returns an openapi v2 client of Config pointed at the fake:
// its base URL is URL and its HTTP client HTTPClient (a WithHTTPClient in
// opts replaces it). The other opts apply in order. The client cannot
// reach another host: options that set a different base URL make
// NewClient fail.
func (s *Server) NewClient(opts ...duijie.Option) (*jushuitan.Client, error) {
	all, err := duijietest.ClientOptions(s.URL(), opts...)
	if err != nil {
		return nil, err
	}
	return jushuitan.NewClient(s.Config(), all...)
}

// NewLegacyClient is NewClient for the legacy generation: a client of
// LegacyConfig at LegacyURL, on the same terms.
func (s *Server) NewLegacyClient(opts ...duijie.Option) (*jushuitan.Client, error) {
	all, err := duijietest.ClientOptions(s.LegacyURL(), opts...)
	if err != nil {
		return nil, err
	}
	return jushuitan.NewClient(s.LegacyConfig(), all...)
}

// CurrentToken returns the access token the fake issued last.
func (s *Server) CurrentToken() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.current
}

// LegacyConfig returns a legacy client Config with the fake's credentials.
func (s *Server) LegacyConfig() jushuitan.Config {
	return jushuitan.Config{Generation: jushuitan.Legacy, PartnerID: PartnerID, PartnerKey: PartnerKey, Token: LegacyToken}
}

// ExpireTokens makes every access token issued so far expired (code 100);
// refresh tokens keep working.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.tokens {
		s.tokens[k] = time.Time{}
	}
}

// ExpireLegacyToken makes the legacy token answer code 100 until
// refresh.token is called.
func (s *Server) ExpireLegacyToken() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.legacyExpired = true
}

// TokensIssued counts the access tokens issued by the token calls.
func (s *Server) TokensIssued() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.issued
}

// CodeGrants counts the tokens issued for an authorization code
// (getInitToken or accessToken): each one is an authorization of the app.
func (s *Server) CodeGrants() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.grants
}

// Refreshes counts the tokens issued for a refresh token.
func (s *Server) Refreshes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refreshes
}

// AuthorizeAgain stands for the merchant authorizing the third-party app
// again: it returns a new single-use code for /openWeb/auth/accessToken.
func (s *Server) AuthorizeAgain() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	code := fmt.Sprintf("fake-auth-code-%d", len(s.authCodes)+s.grants+1)
	s.authCodes[code] = true
	return code
}

// Throttled counts the calls the fake's own rate limits answered with code
// 199 or 200 (faults injected with ThrottleFault are not counted here).
func (s *Server) Throttled() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.throttled
}

// RefuseIP makes every business and token call answer code 110 (the
// caller's IP is not on the app's whitelist) while refuse is true.
func (s *Server) RefuseIP(refuse bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ipRefused = refuse
}

// DenyPermission makes calls to an openapi v2 path or a legacy method
// answer code 190 (no API permission).
func (s *Server) DenyPermission(pathOrMethod string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.denied[pathOrMethod] = true
}

// FailUpload makes uploads of so_id fail row-level with msg. It applies to
// the key of every write the vendor answers row by row: an order's so_id,
// a SKU's sku_id, a supplier's supplier_code, an after-sale's outer_as_id.
func (s *Server) FailUpload(soID, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failUploads[soID] = msg
}

// OmitUploadRow makes uploads of so_id succeed (the order is stored) while
// the answer leaves the order's row out: an answer that does not account
// for every order sent, which the client must report as of unknown outcome.
// Like FailUpload it applies to the key of every row-by-row write.
func (s *Server) OmitUploadRow(soID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.omitRows[soID] = true
}

// AddShop adds a shop (uploads to unknown shops fail).
func (s *Server) AddShop(sh jushuitan.Shop) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shops = append(s.shops, sh)
}

// AddWarehouse adds a warehouse.
func (s *Server) AddWarehouse(w jushuitan.Warehouse) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.warehouses = append(s.warehouses, w)
}

// PutInventory adds or replaces the stock row of it.SKUID with a new ts
// (row version); a zero Modified becomes the fake's now.
func (s *Server) PutInventory(it jushuitan.InventoryItem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rowVersion++
	it.TS = duijie.Int64(s.rowVersion)
	if it.Modified.IsZero() {
		it.Modified = duijie.NewTime(s.now())
	}
	s.inventory[it.SKUID] = &it
}

// Inventory returns the stock row of sku.
func (s *Server) Inventory(sku string) (jushuitan.InventoryItem, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.inventory[sku]
	if !ok {
		return jushuitan.InventoryItem{}, false
	}
	return *it, true
}

// PutOrder adds or replaces an ERP order (by OID; 0 assigns one) with a new
// ts; a zero Modified becomes the fake's now. It returns the OID.
func (s *Server) PutOrder(o jushuitan.Order) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.putOrderLocked(o)
}

func (s *Server) putOrderLocked(o jushuitan.Order) int64 {
	if o.OID == 0 {
		o.OID = duijie.Int64(s.nextOID)
		s.nextOID++
	}
	s.rowVersion++
	o.TS = duijie.Int64(s.rowVersion)
	if o.Modified.IsZero() {
		o.Modified = duijie.NewTime(s.now())
	}
	s.orders[int64(o.OID)] = &o
	return int64(o.OID)
}

// Order returns the ERP order with the internal number oid.
func (s *Server) Order(oid int64) (jushuitan.Order, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[oid]
	if !ok {
		return jushuitan.Order{}, false
	}
	return *o, true
}

// shipmentRow is a shipment with the times the logistics query can bound
// (date_type): modified (0) and created (1) are when it was put, the order
// date (2) is the ERP order's, and the send date (3) is the shipment's.
type shipmentRow struct {
	sh                          jushuitan.Shipment
	modified, created, orderDay time.Time
}

// PutShipment adds a shipment for the logistics query. Its modified and
// created times are the fake's now; its order date is that of the ERP order
// with the same internal number, if there is one.
func (s *Server) PutShipment(sh jushuitan.Shipment) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	row := &shipmentRow{sh: sh, modified: now, created: now}
	if o, ok := s.orders[int64(sh.OID)]; ok {
		row.orderDay = o.OrderDate.Time
	}
	s.shipments = append(s.shipments, row)
}

// Uploaded returns the order uploaded as (shopID, soID).
func (s *Server) Uploaded(shopID int64, soID string) (StoredOrder, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.uploads.Get(uploadKey(shopID, soID))
}

// Uploads returns every uploaded order, in first-upload order.
func (s *Server) Uploads() []StoredOrder {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.uploads.List()
}

func uploadKey(shopID int64, soID string) string {
	return strconv.FormatInt(shopID, 10) + "\x00" + soID
}

// answer is a vendor answer: code, msg and the payload.
type answer struct {
	code int
	msg  string
	data map[string]any
}

func fail(code int, msg string) answer { return answer{code: code, msg: msg} }
func ok(data map[string]any) answer    { return answer{msg: "执行成功", data: data} }

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch {
	case r.URL.Path == LegacyPath:
		s.writeLegacy(w, s.legacy(r.URL.Query(), body))
	case strings.HasPrefix(r.URL.Path, "/open/") || strings.HasPrefix(r.URL.Path, "/openWeb/auth/"):
		form, err := url.ParseQuery(string(body))
		if err != nil {
			s.writeOpen(w, fail(140, "参数传递错误"))
			return
		}
		s.writeOpen(w, s.openAPI(r.URL.Path, form))
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) writeOpen(w http.ResponseWriter, a answer) {
	out := map[string]any{"code": a.code, "msg": a.msg, "data": a.data}
	if a.data == nil {
		out["data"] = nil
	}
	writeJSON(w, out)
}

func (s *Server) writeLegacy(w http.ResponseWriter, a answer) {
	out := map[string]any{}
	for k, v := range a.data {
		out[k] = v
	}
	out["code"], out["msg"], out["issuccess"] = a.code, a.msg, a.code == 0
	if a.code != 0 {
		out["requestId"] = "fake-request"
	}
	writeJSON(w, out)
}

func writeJSON(w http.ResponseWriter, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(buf.Bytes())
}

// gate answers the checks every signed call passes after its signature:
// the IP whitelist, the per-second and per-minute limits, and the API
// permission of name (a path or a legacy method).
func (s *Server) gate(name string) (answer, bool) {
	s.mu.Lock()
	refused, denied := s.ipRefused, s.denied[name]
	s.mu.Unlock()
	if refused {
		return fail(110, "验证失败！已设置IP白名单，该IP不在白名单列表"), true
	}
	now := s.now()
	code, msg := 0, ""
	switch {
	case s.sec != nil && !s.sec.Allow(now):
		code, msg = 199, throttleSecond
	case s.min != nil && !s.min.Allow(now):
		code, msg = 200, throttleMinute
	}
	if code != 0 {
		s.mu.Lock()
		s.throttled++
		s.mu.Unlock()
		return fail(code, msg), true
	}
	if denied {
		return fail(190, "验证失败！无API权限，请申请API权限"), true
	}
	return answer{}, false
}

func (s *Server) openAPI(path string, form url.Values) answer {
	p := map[string]string{}
	for k := range form {
		p[k] = form.Get(k)
	}
	if p["app_key"] != AppKey {
		return fail(100, "验证失败！无效的app_key")
	}
	ts, err := strconv.ParseInt(p["timestamp"], 10, 64)
	if err != nil || s.now().Sub(time.Unix(ts, 0)).Abs() > 10*time.Minute {
		return fail(140, "验证失败！无效的timestamp，请求最大时间误差10分钟")
	}
	if p["charset"] != "utf-8" {
		return fail(140, "参数传递错误: charset")
	}
	if p["sign"] != jushuitan.SignOpenAPI(AppSecret, p) {
		return fail(10, "验证失败！无效签名")
	}
	if a, stop := s.gate(path); stop {
		return a
	}
	if strings.HasPrefix(path, "/openWeb/auth/") {
		return s.auth(path, p)
	}
	if p["version"] != "2" {
		return fail(140, "参数传递错误: version")
	}
	s.mu.Lock()
	exp, known := s.tokens[p["access_token"]]
	s.mu.Unlock()
	if !known || !s.now().Before(exp) {
		return fail(100, "验证失败！无效的access_token或access_token已过期")
	}
	return s.dispatch(path, []byte(p["biz"]), false)
}

func (s *Server) auth(path string, p map[string]string) answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch path {
	case pathInitToken:
		if p["grant_type"] != "authorization_code" || utf8.RuneCountInString(p["code"]) != 6 {
			return fail(140, "参数传递错误: code 须为6位随机字符")
		}
		// A code works once: a second use is refused.
		if s.usedCodes[p["code"]] {
			return fail(100, "验证失败！code已使用")
		}
		s.usedCodes[p["code"]] = true
		s.grants++
	case pathAccessToken:
		if p["grant_type"] != "authorization_code" || !s.authCodes[p["code"]] {
			return fail(100, "验证失败！无效的授权码code")
		}
		// The merchant's authorization code works once.
		delete(s.authCodes, p["code"])
		s.grants++
	case pathRefreshToken:
		if s.isv {
			return fail(150, "服务商应用禁止刷新access_token,需商户重新授权")
		}
		old, known := s.refreshTokens[p["refresh_token"]]
		if p["grant_type"] != "refresh_token" || p["scope"] != "all" || !known {
			return fail(100, "验证失败！无效的refresh_token")
		}
		// The new token replaces the old one, and the refresh token is used
		// up: a second use of it is refused.
		delete(s.refreshTokens, p["refresh_token"])
		delete(s.tokens, old)
		s.refreshes++
	default:
		return fail(190, "验证失败！无API权限，请申请API权限")
	}
	s.issued++
	acc := fmt.Sprintf("fake-jst-access-token-%d", s.issued+1)
	ref := fmt.Sprintf("fake-jst-refresh-token-%d", s.issued+1)
	s.tokens[acc] = s.now().Add(s.lifetime)
	s.refreshTokens[ref] = acc
	s.current, s.currentRef = acc, ref
	return ok(map[string]any{"access_token": acc, "expires_in": int64(s.lifetime / time.Second), "refresh_token": ref, "scope": "all"})
}

func (s *Server) legacy(q url.Values, body []byte) answer {
	method, ts := q.Get("method"), q.Get("ts")
	if q.Get("partnerid") != PartnerID {
		return fail(100, "合作者授权参数有误")
	}
	if q.Get("sign") != jushuitan.SignLegacy(method, q.Get("partnerid"), q.Get("token"), ts, PartnerKey) {
		return fail(120, "签名错误")
	}
	n, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || s.now().Sub(time.Unix(n, 0)).Abs() > 10*time.Minute {
		return fail(180, "请求时间戳 TS 无效")
	}
	if q.Get("token") != LegacyToken {
		return fail(100, "Token 超时或无效")
	}
	if a, stop := s.gate(method); stop {
		return a
	}
	s.mu.Lock()
	expired := s.legacyExpired
	if method == methodRefresh {
		s.legacyExpired = false
	}
	s.mu.Unlock()
	if method == methodRefresh {
		return ok(map[string]any{})
	}
	if expired {
		return fail(100, "Token 超时或无效")
	}
	path, known := legacyPaths[method]
	if !known {
		return fail(190, "接口无权限")
	}
	return s.dispatch(path, body, true)
}

// The addresses the fake serves, from the vendor notes (jushuitan.md):
// the openapi v2 business paths (§2.5), token paths (§2.4), and the legacy
// methods (§3.4, §3.5), each legacy query served as its openapi v2 path.
const (
	pathInventory       = "/open/inventory/query"
	pathUpload          = "/open/jushuitan/orders/upload"
	pathOrders          = "/open/orders/single/query"
	pathLogistic        = "/open/logistic/query"
	pathShops           = "/open/shops/query"
	pathWarehouses      = "/open/wms/partner/query"
	pathSaleOuts        = "/open/orders/out/simple/query"
	pathRefunds         = "/open/refund/single/query"
	pathPurchaseIns     = "/open/purchasein/query"
	pathPurchaseOuts    = "/open/purchaseout/query"
	pathOthers          = "/open/other/inout/query"
	pathOtherUpload     = "/open/jushuitan/otherinout/upload"
	pathSKUs            = "/open/sku/query"
	pathSKUUpload       = "/open/jushuitan/itemsku/upload"
	pathSuppliers       = "/open/supplier/query"
	pathSupplierUpload  = "/open/supplier/upload"
	pathCounts          = "/open/inventory/count/query"
	pathCountUpload     = "/open/jushuitan/inventoryv2/upload"
	pathPurchaseUpload  = "/open/jushuitan/purchase/upload"
	pathAfterSaleUpload = "/open/aftersale/upload"
	pathPurchases       = "/open/purchase/query"
	pathAllocates       = "/open/allocate/query"
	pathReceived        = "/open/aftersale/received/query"
	pathInitToken       = "/openWeb/auth/getInitToken"
	pathAccessToken     = "/openWeb/auth/accessToken"
	pathRefreshToken    = "/openWeb/auth/refreshToken"
	methodRefresh       = "refresh.token"
)

// The vendor's caps, from the vendor notes: page_size maxima (§2.5.1,
// §2.5.3, §2.5.4, §2.5.5; the legacy orders.single.query, §3.4), the
// modified range of at most seven days (§2.6) and 50 orders per upload
// (§2.5.2).
const (
	maxInventoryPage   = 100
	maxOrderPage       = 100
	maxLegacyOrderPage = 50
	maxLogisticPage    = 50
	maxShopPage        = 100
	maxUploadOrders    = 50
	maxSpan            = 7 * 24 * time.Hour
)

// authPaths are the token paths auth answers.
var authPaths = map[string]bool{pathInitToken: true, pathAccessToken: true, pathRefreshToken: true}

// legacyPaths maps each legacy method to the openapi v2 path whose
// handler serves it.
var legacyPaths = map[string]string{
	"inventory.query":             pathInventory,
	"jushuitan.orders.upload":     pathUpload,
	"orders.single.query":         pathOrders,
	"logistic.query":              pathLogistic,
	"shops.query":                 pathShops,
	"wms.partner.query":           pathWarehouses,
	"orders.out.simple.query":     pathSaleOuts,
	"refund.single.query":         pathRefunds,
	"purchasein.query":            pathPurchaseIns,
	"purchaseout.query":           pathPurchaseOuts,
	"jushuitan.otherinout.upload": pathOtherUpload,
	"sku.query":                   pathSKUs,
	"jushuitan.itemsku.upload":    pathSKUUpload,
	"supplier.query":              pathSuppliers,
	"supplier.upload":             pathSupplierUpload,
	"inventory.count.query":       pathCounts,
}

// query is a handler of a business query: its biz object, and whether it
// came through the legacy API. It runs under s.mu.
type query func(s *Server, q map[string]any, legacy bool) answer

// queries are the business queries the fake serves, by openapi v2 path.
var queries = map[string]query{
	pathInventory: func(s *Server, q map[string]any, _ bool) answer { return s.queryInventory(q) },
	pathOrders: func(s *Server, q map[string]any, legacy bool) answer {
		if legacy {
			return s.queryOrders(q, maxLegacyOrderPage)
		}
		return s.queryOrders(q, maxOrderPage)
	},
	pathLogistic:     func(s *Server, q map[string]any, _ bool) answer { return s.queryShipments(q) },
	pathShops:        func(s *Server, q map[string]any, legacy bool) answer { return s.queryShops(q, legacy) },
	pathWarehouses:   func(s *Server, q map[string]any, _ bool) answer { return s.queryWarehouses(q) },
	pathSaleOuts:     func(s *Server, q map[string]any, _ bool) answer { return s.querySaleOuts(q) },
	pathRefunds:      func(s *Server, q map[string]any, _ bool) answer { return s.queryRefunds(q) },
	pathPurchaseIns:  func(s *Server, q map[string]any, _ bool) answer { return s.queryPurchaseIns(q) },
	pathPurchaseOuts: func(s *Server, q map[string]any, _ bool) answer { return s.queryPurchaseOuts(q) },
	pathOthers:       func(s *Server, q map[string]any, _ bool) answer { return s.queryOtherInOuts(q) },
	pathSKUs:         func(s *Server, q map[string]any, _ bool) answer { return s.querySKUs(q) },
	pathSuppliers:    func(s *Server, q map[string]any, _ bool) answer { return s.querySuppliers(q) },
	pathCounts:       func(s *Server, q map[string]any, _ bool) answer { return s.queryStockCounts(q) },
	pathPurchases:    func(s *Server, q map[string]any, _ bool) answer { return s.queryPurchases(q) },
	pathAllocates:    func(s *Server, q map[string]any, _ bool) answer { return s.queryAllocates(q) },
	pathReceived:     func(s *Server, q map[string]any, _ bool) answer { return s.queryReceived(q) },
}

// writes are the business writes the fake serves besides the order
// upload, by openapi v2 path: each decodes its own biz (an object or an
// array, as the vendor's notes give it) and takes s.mu itself.
var writes = map[string]func(s *Server, biz []byte) answer{
	pathOtherUpload:     (*Server).uploadOtherInOut,
	pathSKUUpload:       (*Server).uploadSKUs,
	pathSupplierUpload:  (*Server).uploadSuppliers,
	pathCountUpload:     (*Server).uploadStockCount,
	pathPurchaseUpload:  (*Server).uploadPurchase,
	pathAfterSaleUpload: (*Server).uploadAfterSales,
}

// Routes lists what the fake serves, from its own routing: the openapi v2
// paths (business and token calls) and the legacy methods, sorted.
func (s *Server) Routes() []string {
	var out []string
	for p := range queries {
		out = append(out, p)
	}
	out = append(out, pathUpload)
	for p := range writes {
		out = append(out, p)
	}
	for p := range authPaths {
		out = append(out, p)
	}
	for m := range legacyPaths {
		out = append(out, m)
	}
	out = append(out, methodRefresh)
	sort.Strings(out)
	return out
}

// Serves reports whether the fake serves wire: an openapi v2 path (it
// starts with /) or a legacy method.
func (s *Server) Serves(wire string) bool {
	for _, r := range s.Routes() {
		if r == wire {
			return true
		}
	}
	return false
}

func (s *Server) dispatch(path string, biz []byte, legacy bool) answer {
	if path == pathUpload {
		return s.upload(biz)
	}
	if w, known := writes[path]; known {
		return w(s, biz)
	}
	handler, known := queries[path]
	if !known {
		return fail(190, "验证失败！无API权限，请申请API权限")
	}
	dec := json.NewDecoder(bytes.NewReader(biz))
	dec.UseNumber()
	var q map[string]any
	if err := dec.Decode(&q); err != nil || q == nil {
		return fail(140, "参数传递错误: biz 须为JSON对象")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return handler(s, q, legacy)
}
