// Package kingdeetest is an in-process fake of a Kingdee Cloud Galaxy
// (金蝶云星空) site for tests and examples, like net/http/httptest.
//
// It verifies auth version 2.0 signed headers exactly (the client secret
// decoded from the AppID, X-Api-Signature over the encoded path, nonce and
// timestamp, X-Kd-Appdata and X-Kd-Signature), serves the three session
// logins (LoginBySign with SHA-256, or SHA-1 only with WithOldServer;
// LoginByAppSecret; ValidateUser) and the session they open, keeps bills
// by form and number (FBillNo, or FNumber for base data; a repeated number
// is refused in the real server's words, unless WithRepeatedNumbers),
// refuses a bill of a typed form that lacks a field the form requires or
// its lines under the form's entry key (FEntity, FBillEntry,
// FInStockEntry, FPURMRBENTRY, FPOOrderEntry, FSaleOrderEntry), naming the
// field as ResponseStatus does, refuses a bill whose dates, numbers
// or flags the .NET server cannot read (a date outside the years 1 to
// 9999, a number beyond System.Decimal), answers BatchSave row by row,
// moves bills through Submit, Audit, UnAudit and Delete, pushes audited
// bills to a target form (Push, with WithConversionRule or the default
// rule), serves View, and answers ExecuteBillQuery from the stored bills
// with a small filter language (=, <>, <, <=, >, >=, IN, LIKE 'x%', joined
// by AND), on-hand stock (STK_Inventory) included, from the rows
// SeedInventory stores. Services lists what it serves. Faults come through the public fault kit,
// duijietest (Inject, FailNext, Journal and the rest are methods of the
// embedded *duijietest.Server), with ChaosMix; ExpireSessions drops every
// session;
// AnswerAfterHandling answers a call that did its work with a throttle or
// an error (HTTP 429 after the bill was stored); DelayCommits holds saved
// bills back from readers for a number of requests or a span of the fake's
// clock, while their numbers are already taken, like a slow commit behind
// a unique index.
//
// Like the real server, a call with a valid session needs no signature,
// and a signed call without one gets a session cookie. Unlike it, the fake
// checks signed headers whenever they are present, so a bad signature is
// never hidden by a session. Messages and error wording are the fake's
// own; the MsgCode values are Kingdee's.
//
//	srv := kingdeetest.NewServer()
//	defer srv.Close()
//	c, _ := srv.NewClient() // or kingdee.NewClient(srv.Config()): Config holds ServerURL
package kingdeetest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/kingdee"
)

// Credentials the fake accepts.
const (
	// AcctID is the data centre id.
	AcctID = "6502f1c4a8e2b7"
	// UserName is the user.
	UserName = "webapi"
	// AppID is the third-party authorisation's AppID.
	AppID = "224426_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"
	// AppSecret is the authorisation's AppSecret.
	AppSecret = "0123456789abcdef0123456789abcdef"
	// Password is the user's password for ValidateUser.
	Password = "kd-test-password"
	// SitePath is the site's path under the server root.
	SitePath = "/k3cloud"
)

// xorKey is the key the AppID's secret part is XOR-ed with.
const xorKey = "0054f397c6234378b09ca7d3e5debce7"

// Option configures the fake.
type Option func(*Server)

// WithSeed seeds the fault plan's random draws.
func WithSeed(seed int64) Option { return func(s *Server) { s.seed = seed } }

// WithClock sets the fake's clock, for timestamp checks.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithTimestampWindow makes the fake check x-api-timestamp like the galaxy
// gateway: a timestamp further than d from the fake's clock is refused
// with HTTP 519 and errcode 4006. Seconds and milliseconds are both read.
func WithTimestampWindow(d time.Duration) Option { return func(s *Server) { s.window = d } }

// WithOldServer makes LoginBySign accept only SHA-1 signs, like servers
// before 8.0.0.202205.
func WithOldServer() Option { return func(s *Server) { s.sha1Only = true } }

// WithRepeatedNumbers makes the forms accept a bill number already used,
// like a form whose numbering rule does not enforce unique numbers: a
// second save of a number stores a second bill.
func WithRepeatedNumbers(formIDs ...string) Option {
	return func(s *Server) {
		for _, f := range formIDs {
			s.repeatable[f] = true
		}
	}
}

// WithConversionRule registers a conversion rule for Push: a push with
// RuleId ruleID creates bills of targetFormID. A push with another rule id
// is refused as naming no rule; the default rule (IsEnableDefaultRule with
// TargetFormId) needs none.
func WithConversionRule(ruleID, targetFormID string) Option {
	return func(s *Server) { s.rules[ruleID] = targetFormID }
}

// CommitDelay holds a saved bill back from readers, like a server that
// commits a save after it has answered (or after the answer was lost). A
// bill held back is invisible to ExecuteBillQuery, View, Submit, Audit,
// UnAudit and Delete, but its number is taken at once, as a unique index
// takes it: a second save of the number is refused. The zero value commits
// at once.
type CommitDelay struct {
	// Requests: the bill becomes visible once this many further requests
	// (of any kind) have reached the fake after the save.
	Requests int
	// Duration: the bill becomes visible once the fake's clock (WithClock)
	// has passed this long after the save.
	Duration time.Duration
}

// Bill is a stored bill.
type Bill struct {
	// Form is the form id.
	Form string
	// ID is the internal id (FID).
	ID int64
	// Number is the bill number (FBillNo), or the code (FNumber) of base
	// data.
	Number string
	// Status is the document status: Z draft, A created, B submitted, C
	// audited, D re-audit.
	Status string
	// Model is the bill as saved, decoded from JSON.
	Model map[string]any

	// savedSeq, savedAt and commit decide when readers see the bill.
	savedSeq int
	savedAt  time.Time
	commit   CommitDelay
}

// answerRule replaces the answers of the next n calls of a service after
// the handler has run.
type answerRule struct {
	service string
	n       int
	fault   duijietest.Fault
}

// Server is the fake. Its methods are safe for concurrent use. The
// embedded *duijietest.Server plans faults (FailNext, Inject, ClearFaults)
// and keeps the journal (Journal, Calls, FaultsInjected, ResetJournal).
type Server struct {
	*duijietest.Server

	seed     int64
	now      func() time.Time
	window   time.Duration
	sha1Only bool

	mu         sync.Mutex
	repeatable map[string]bool
	rules      map[string]string // conversion rule id → target form
	commit     CommitDelay
	seq        int
	answers    []answerRule
	sessions   map[string]bool
	nextSID    int
	logins     int
	forms      map[string]*form
	refused    map[string]int // form+"\x00"+number → saves refused as a repeated number
	saveCalls  int
}

// form holds one form's bills.
type form struct {
	byNumber map[string][]*Bill
	order    []*Bill
	nextID   int64
	nextNo   int
}

// NewServer starts the fake; Close it when done.
func NewServer(opts ...Option) *Server {
	s := &Server{seed: 1, now: time.Now, sessions: map[string]bool{}, forms: map[string]*form{}, refused: map[string]int{}, repeatable: map[string]bool{}, rules: map[string]string{}}
	for _, o := range opts {
		o(s)
	}
	s.Server = duijietest.NewServer(http.HandlerFunc(s.handle), s.seed)
	return s
}

// URL returns the site root to give a client: the server's root with
// SitePath. Config holds it as ServerURL.
func (s *Server) URL() string { return s.Server.URL() + SitePath }

// Config returns a client Config with the credentials the fake accepts,
// signed headers (kingdee.AuthSignedHeaders, the client's default) as the
// auth mode and URL as ServerURL.
func (s *Server) Config() kingdee.Config { return s.ConfigFor(kingdee.AuthSignedHeaders) }

// ConfigFor is Config with auth mode mode.
func (s *Server) ConfigFor(mode kingdee.AuthMode) kingdee.Config {
	return kingdee.Config{ServerURL: s.URL(), AcctID: AcctID, UserName: UserName, AppID: AppID,
		AppSecret: duijie.Secret(AppSecret), Password: duijie.Secret(Password), Auth: mode}
}

// NewClient returns a client of Config pointed at the fake: its base URL
// is URL and its HTTP client HTTPClient (a WithHTTPClient in opts replaces
// it). The other opts apply in order. The client cannot reach another
// host: options that set a different base URL make NewClient fail.
func (s *Server) NewClient(opts ...duijie.Option) (*kingdee.Client, error) {
	return s.NewClientFor(kingdee.AuthSignedHeaders, opts...)
}

// NewClientFor is NewClient with auth mode mode (ConfigFor).
func (s *Server) NewClientFor(mode kingdee.AuthMode, opts ...duijie.Option) (*kingdee.Client, error) {
	all, err := duijietest.ClientOptions(s.URL(), opts...)
	if err != nil {
		return nil, err
	}
	return kingdee.NewClient(s.ConfigFor(mode), all...)
}

// ExpireSessions ends every session, as an idle timeout or a server
// restart does; the next call with one gets MsgCode 1.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions = map[string]bool{}
}

// Sessions counts the live sessions.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Logins counts successful logins.
func (s *Server) Logins() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

// DelayCommits holds back every bill saved from now on as d says; the
// zero CommitDelay commits at once again. AddBill's bills are never held.
func (s *Server) DelayCommits(d CommitDelay) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commit = d
}

// AnswerAfterHandling makes the next n calls of the DynamicFormService
// operation service ("Save", "BatchSave" …; "" for any) run as usual, their
// bills saved, and then answer with f instead of the real answer: HTTP
// f.Status (200 when 0) with f.Body. It models a throttle or an error page
// sent by something on the way back after the server did the work, such as
// HTTP 429 (Throttled) or a call-limit body (CallLimitFault).
func (s *Server) AnswerAfterHandling(service string, n int, f duijietest.Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.answers = append(s.answers, answerRule{service: service, n: n, fault: f})
}

// takeAnswer returns the replacement answer for a call of service, if any.
func (s *Server) takeAnswer(service string) (duijietest.Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.answers {
		r := &s.answers[i]
		if r.service != "" && r.service != service {
			continue
		}
		f := r.fault
		r.n--
		if r.n <= 0 {
			s.answers = append(s.answers[:i], s.answers[i+1:]...)
		}
		return f, true
	}
	return duijietest.Fault{}, false
}

// Bills returns a form's bills in the order saved, those held back by
// DelayCommits included.
func (s *Server) Bills(formID string) []Bill {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.forms[formID]
	if f == nil {
		return nil
	}
	out := make([]Bill, 0, len(f.order))
	for _, b := range f.order {
		out = append(out, *b)
	}
	return out
}

// Bill returns the first bill with this number, held back or not.
func (s *Server) Bill(formID, number string) (Bill, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.forms[formID]; f != nil {
		if bs := f.byNumber[number]; len(bs) > 0 {
			return *bs[0], true
		}
	}
	return Bill{}, false
}

// RepeatedNumbers counts saves refused because the number was taken: a
// client that looks bills up before sending them again causes none.
func (s *Server) RepeatedNumbers() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, v := range s.refused {
		n += v
	}
	return n
}

// AddBill stores a bill as if saved earlier, visible at once (status A),
// and returns its FID; 0 when the number is taken on a form that refuses
// repeated numbers.
func (s *Server) AddBill(formID, number string, model map[string]any) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := map[string]any{}
	for k, v := range model {
		m[k] = v
	}
	for k := range m {
		if strings.EqualFold(k, ruleOf(formID).number) {
			delete(m, k)
		}
	}
	m[ruleOf(formID).number] = number
	b, _ := s.storeLocked(formID, m, "A")
	if b == nil {
		return 0
	}
	b.commit = CommitDelay{}
	return b.ID
}

// Throttled is HTTP 429 Too Many Requests, as a gateway or proxy in front of
// the site sends it.
func Throttled() duijietest.Fault {
	return duijietest.Fault{Kind: duijietest.FaultStatus, Status: http.StatusTooManyRequests, Body: []byte("Too Many Requests"), ContentType: "text/plain"}
}

// CallLimitFault is the answer of a server refusing a call under its call
// limit (MsgCode 14); nothing is processed.
func CallLimitFault() duijietest.Fault {
	return duijietest.Fault{Kind: duijietest.FaultBody, Body: statusBody(false, "", kingdee.MsgCallLimit, nil, []fieldMsg{{Message: "调用次数超过限制"}})}
}

// ServerError is an IIS-style HTTP 500 page.
func ServerError() duijietest.Fault {
	return duijietest.Fault{Kind: duijietest.FaultStatus, Status: http.StatusInternalServerError, Body: []byte("<html><body>Server Error</body></html>"), ContentType: "text/html"}
}

// ChaosMix is the standard chaos plan with the call-limit answer, for
// Inject; its late answers and cancels need a client on HTTPClient.
func ChaosMix() duijietest.Rule { return duijietest.StandardMix(CallLimitFault()) }

// HTTPClient returns an HTTP client that plays out the late answers and
// cancels of ChaosMix at once, with no timeout of its own.
func HTTPClient() *http.Client { return duijietest.HTTPClient() }

// service names the fake serves, without the prefix.
const (
	authPrefix = "Kingdee.BOS.WebApi.ServicesStub.AuthService."
	formPrefix = "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService."
)

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	service, ok := strings.CutPrefix(r.URL.Path, SitePath+"/")
	if !ok || !strings.HasSuffix(service, ".common.kdsvc") {
		http.NotFound(w, r)
		return
	}
	service = strings.TrimSuffix(service, ".common.kdsvc")
	s.mu.Lock()
	s.seq++
	s.mu.Unlock()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	if s.window > 0 && r.Header.Get("x-api-timestamp") != "" && !s.fresh(r.Header.Get("x-api-timestamp")) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(519)
		w.Write([]byte(`{"errcode":4006,"description":"X-Api-TimeStamp is invalid[GW]"}`))
		return
	}
	if name, ok := strings.CutPrefix(service, authPrefix); ok {
		s.auth(w, r, name, body)
		return
	}
	name, ok := strings.CutPrefix(service, formPrefix)
	if !ok {
		writeJSON(w, statusBody(false, "500", kingdee.MsgException, nil, []fieldMsg{{Message: "服务不存在: " + service}}))
		return
	}
	if !s.authorised(w, r) {
		writeJSON(w, sessionLost())
		return
	}
	args, err := readArgs(body)
	if err != nil {
		writeJSON(w, statusBody(false, "500", kingdee.MsgBadParameter, nil, []fieldMsg{{Message: err.Error()}}))
		return
	}
	if f, ok := s.takeAnswer(name); ok {
		s.business(httptest.NewRecorder(), name, args)
		status := f.Status
		if status == 0 {
			status = http.StatusOK
		}
		ct := f.ContentType
		if ct == "" {
			ct = "application/json; charset=utf-8"
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(status)
		w.Write(f.Body)
		return
	}
	s.business(w, name, args)
}

// visibleLocked reports whether readers see the bill yet.
func (s *Server) visibleLocked(b *Bill) bool {
	if b.commit.Requests > 0 && s.seq-b.savedSeq <= b.commit.Requests {
		return false
	}
	if b.commit.Duration > 0 && s.now().Before(b.savedAt.Add(b.commit.Duration)) {
		return false
	}
	return true
}

// fresh reports whether ts is within the window of the fake's clock.
func (s *Server) fresh(ts string) bool {
	n, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	t := time.Unix(n, 0)
	if len(ts) >= 13 {
		t = time.UnixMilli(n)
	}
	d := s.now().Sub(t)
	return d <= s.window && d >= -s.window
}

// authorised checks signed headers when present, else the session. A
// signed call without a session gets one.
func (s *Server) authorised(w http.ResponseWriter, r *http.Request) bool {
	if r.Header.Get("X-Kd-Signature") != "" || r.Header.Get("X-Api-Signature") != "" {
		if !checkSigned(r) {
			return false
		}
		if s.hasSession(r) {
			return true
		}
		s.openSession(w)
		return true
	}
	return s.hasSession(r)
}

// hasSession reports whether the request carries a live session, by
// header or cookie.
func (s *Server) hasSession(r *http.Request) bool {
	sid := r.Header.Get("kdservice-sessionid")
	if c, err := r.Cookie("kdservice-sessionid"); err == nil && sid == "" {
		sid = c.Value
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return sid != "" && s.sessions[sid]
}

// openSession starts a session and sets its cookies; it returns the id.
func (s *Server) openSession(w http.ResponseWriter) string {
	s.mu.Lock()
	s.nextSID++
	sid := fmt.Sprintf("fake-sid-%08d-%x", s.nextSID, sha256.Sum256([]byte(strconv.Itoa(s.nextSID))))[:34]
	s.sessions[sid] = true
	s.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: "kdservice-sessionid", Value: sid, Path: "/", HttpOnly: true})
	http.SetCookie(w, &http.Cookie{Name: "ASP.NET_SessionId", Value: "asp-" + sid[9:], Path: "/", HttpOnly: true})
	return sid
}

// checkSigned verifies every auth version 2.0 header.
func checkSigned(r *http.Request) bool {
	h := r.Header
	parts := strings.Split(AppID, "_")
	raw, err := base64.StdEncoding.DecodeString(parts[1])
	if err != nil {
		return false
	}
	for i := range raw {
		raw[i] ^= xorKey[i]
	}
	clientSecret := base64.StdEncoding.EncodeToString(raw)
	ts, nonce := h.Get("x-api-timestamp"), h.Get("x-api-nonce")
	path := url.QueryEscape(r.URL.Path)
	want := hmacHexB64("POST\n"+path+"\n\nx-api-nonce:"+nonce+"\nx-api-timestamp:"+ts+"\n", clientSecret)
	appData, err := base64.StdEncoding.DecodeString(h.Get("X-Kd-Appdata"))
	if err != nil {
		return false
	}
	fields := strings.Split(string(appData), ",")
	return ts != "" && nonce != "" &&
		h.Get("X-Api-ClientID") == parts[0] &&
		h.Get("X-Api-Auth-Version") == "2.0" &&
		strings.EqualFold(h.Get("x-api-signheaders"), "x-api-timestamp,x-api-nonce") &&
		hmac.Equal([]byte(h.Get("X-Api-Signature")), []byte(want)) &&
		h.Get("X-Kd-Appkey") == AppID &&
		len(fields) == 4 && fields[0] == AcctID && fields[1] == UserName && fields[2] == "2052" &&
		hmac.Equal([]byte(h.Get("X-Kd-Signature")), []byte(hmacHexB64(AppID+string(appData), AppSecret)))
}

// hmacHexB64 is base64 of the lower-hex HMAC-SHA256.
func hmacHexB64(content, key string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(content))
	return base64.StdEncoding.EncodeToString([]byte(hex.EncodeToString(m.Sum(nil))))
}

// authRoutes maps each AuthService method the fake serves (the name after
// the prefix) to its handler, which gets the positional parameters as
// text. It is the fake's routing: auth dispatches through it and Services
// lists it.
func (s *Server) authRoutes() map[string]func(http.ResponseWriter, *http.Request, []string) {
	return map[string]func(http.ResponseWriter, *http.Request, []string){
		"LoginBySign": func(w http.ResponseWriter, _ *http.Request, p []string) {
			ok := len(p) == 6 && p[0] == AcctID && p[1] == UserName && p[2] == AppID && p[5] == "2052" && p[4] == s.loginSign(p[3])
			s.loggedIn(w, ok)
		},
		"LoginByAppSecret": func(w http.ResponseWriter, _ *http.Request, p []string) {
			s.loggedIn(w, len(p) == 5 && p[0] == AcctID && p[1] == UserName && p[2] == AppID && p[3] == AppSecret && p[4] == "2052")
		},
		"ValidateUser": func(w http.ResponseWriter, _ *http.Request, p []string) {
			s.loggedIn(w, len(p) == 4 && p[0] == AcctID && p[1] == UserName && p[2] == Password && p[3] == "2052")
		},
		"Logout": func(w http.ResponseWriter, r *http.Request, _ []string) {
			if sid := r.Header.Get("kdservice-sessionid"); sid != "" {
				s.mu.Lock()
				delete(s.sessions, sid)
				s.mu.Unlock()
			}
			writeJSON(w, []byte("true"))
		},
	}
}

// auth serves the AuthService logins and Logout.
func (s *Server) auth(w http.ResponseWriter, r *http.Request, name string, body []byte) {
	h, ok := s.authRoutes()[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	var req struct {
		Parameters []json.RawMessage `json:"parameters"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		writeJSON(w, loginBody(0, "参数格式错误", ""))
		return
	}
	p := make([]string, len(req.Parameters))
	for i, raw := range req.Parameters {
		var t duijie.Text
		if json.Unmarshal(raw, &t) != nil {
			writeJSON(w, loginBody(0, "参数格式错误", ""))
			return
		}
		p[i] = string(t)
	}
	h(w, r, p)
}

// loggedIn answers a login: a new session when ok, else a refusal.
func (s *Server) loggedIn(w http.ResponseWriter, ok bool) {
	if !ok {
		writeJSON(w, loginBody(0, "用户名或密码错误", ""))
		return
	}
	sid := s.openSession(w)
	s.mu.Lock()
	s.logins++
	s.mu.Unlock()
	writeJSON(w, loginBody(1, "", sid))
}

// Services returns the full names of the services the fake serves, sorted:
// the AuthService logins and Logout and the DynamicFormService operations,
// as its routing has them. A service is posted to
// {URL}/{service}.common.kdsvc.
func (s *Server) Services() []string {
	var out []string
	for name := range s.authRoutes() {
		out = append(out, authPrefix+name)
	}
	for name := range s.formRoutes() {
		out = append(out, formPrefix+name)
	}
	sort.Strings(out)
	return out
}

// Serves reports whether the fake serves service, a full service name such
// as "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save".
func (s *Server) Serves(service string) bool {
	if name, ok := strings.CutPrefix(service, authPrefix); ok {
		_, ok = s.authRoutes()[name]
		return ok
	}
	if name, ok := strings.CutPrefix(service, formPrefix); ok {
		_, ok = s.formRoutes()[name]
		return ok
	}
	return false
}

// loginSign is the sign LoginBySign must carry for timestamp ts.
func (s *Server) loginSign(ts string) string {
	vals := []string{AcctID, UserName, AppID, AppSecret, ts}
	sort.Strings(vals)
	joined := strings.Join(vals, "")
	if s.sha1Only {
		sum := sha1.Sum([]byte(joined))
		return hex.EncodeToString(sum[:])
	}
	sum := sha256.Sum256([]byte(joined))
	return hex.EncodeToString(sum[:])
}

// loginBody is a LoginResult.
func loginBody(resultType int, message, sid string) []byte {
	m := map[string]any{"Message": message, "MessageCode": "", "LoginResultType": resultType, "IsSuccessByAPI": resultType == 1}
	if sid != "" {
		m["KDSVCSessionId"] = sid
		m["Context"] = map[string]any{"SessionId": sid, "UserId": 100008, "UserName": UserName, "DBid": AcctID}
	}
	b, _ := json.Marshal(m)
	return b
}

// args are an operation's arguments: formid and data.
type args struct {
	formID string
	data   map[string]any
}

// readArgs reads the named form {"formid":..,"data":{..}} or the positional
// form {"parameters":[formid, data]} (data as an object or a JSON string);
// ExecuteBillQuery has data alone.
func readArgs(body []byte) (args, error) {
	var a args
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return a, fmt.Errorf("请求不是 JSON 对象")
	}
	var items []json.RawMessage
	if p, ok := raw["parameters"]; ok {
		if err := json.Unmarshal(p, &items); err != nil {
			return a, fmt.Errorf("parameters 不是数组")
		}
	} else {
		if f, ok := raw["formid"]; ok {
			items = append(items, f)
		}
		if d, ok := raw["data"]; ok {
			items = append(items, d)
		}
	}
	if len(items) == 0 || len(items) > 2 {
		return a, fmt.Errorf("参数个数错误")
	}
	dataRaw := items[len(items)-1]
	if len(items) == 2 {
		if err := json.Unmarshal(items[0], &a.formID); err != nil {
			return a, fmt.Errorf("formid 不是字符串")
		}
	}
	var s string
	if json.Unmarshal(dataRaw, &s) == nil {
		dataRaw = []byte(s)
	}
	d := json.NewDecoder(bytes.NewReader(dataRaw))
	d.UseNumber()
	if err := d.Decode(&a.data); err != nil || a.data == nil {
		return a, fmt.Errorf("data 不是 JSON 对象")
	}
	return a, nil
}

// writeJSON answers 200 with body.
func writeJSON(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(body)
}
