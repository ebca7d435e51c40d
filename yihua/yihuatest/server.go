// Package yihuatest is an in-process fake of Yihua's ErpService for tests
// and examples, like net/http/httptest. It checks PlatformID, UserAccessToken
// and UID, reads a JSON body (TH and Audit as numbers, everything else as
// strings) or a form, parses the three XML documents strictly (well-formed,
// the documented element names, every documented attribute present and no
// other, numbers and times in the vendor's format), holds them to the
// field table's limits (String(32) and String(128) counted in UTF-16 units
// as nvarchar counts them, decimals that fit a decimal(18,4) column,
// datetimes from 1753 to 9999), stores trades by TradeID
// and answers with ERP order numbers. It serves the one method of the
// vendor's page, TradeTransferToErp (Serves, Methods), and answers any
// other with HTTP 404. Faults (HTTP errors, resets, delays,
// throttles, vendor error answers) are injected through the public fault
// kit, duijietest: Inject, FailNext, Journal and the rest are methods of
// the embedded *duijietest.Server.
//
// Yihua publishes no error-code table: the fake's codes (CodeBadToken …) are
// its own, and any code other than "0" is an error to the client. Like the
// vendor as documented, it does not de-duplicate: writing a TradeID twice
// stores it once, keeps its ERP order number and counts the second write in
// Stored.Writes and Duplicates, so tests can prove nothing was sent twice.
//
//	srv := yihuatest.NewServer()
//	defer srv.Close()
//	c, _ := srv.NewClient() // or yihua.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()))
package yihuatest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/yihua"
)

// Credentials the fake accepts unless options say otherwise.
const (
	// PlatformID is the YHDT number the fake accepts.
	PlatformID = "YHDT-TEST"
	// UserAccessToken is the token the fake accepts.
	UserAccessToken = "yihua-test-token"
	// UID is the user the fake accepts orders for.
	UID = "uid-test"
)

// Answer codes of the fake. Yihua's own code table is not public; these are
// the fake's, and any code other than "0" is an error to the client.
const (
	// CodeOK is success.
	CodeOK = "0"
	// CodeBadToken answers a wrong PlatformID or UserAccessToken.
	CodeBadToken = "1001"
	// CodeBadParameter answers a body that cannot be read or a parameter
	// that is missing or not of its type.
	CodeBadParameter = "1002"
	// CodeBadXML answers a MasterXml, DetailXml or PayXml the fake refuses.
	CodeBadXML = "1003"
	// CodeUnknownUser answers a UID the platform does not have.
	CodeUnknownUser = "1004"
)

// Stored is a trade the fake accepted.
type Stored struct {
	// OuterTradeID is the ERP order number the fake gave it.
	OuterTradeID string
	// Master is the decoded MasterXml.
	Master *yihua.Master
	// Details is the decoded DetailXml.
	Details []yihua.Detail
	// Pays is the decoded PayXml.
	Pays []yihua.Pay
	// Return and AutoAudit are the call's TH and Audit.
	Return, AutoAudit bool
	// Procedure is the call's StoredProcedureName.
	Procedure yihua.Procedure
	// UID is the user the order was written for.
	UID string
	// Writes counts how many times this TradeID was written: more than one
	// means the same order reached the ERP twice.
	Writes int
}

// Option configures the fake.
type Option func(*Server)

// WithCredentials sets the credentials the fake accepts.
func WithCredentials(platformID, token, uid string) Option {
	return func(s *Server) { s.platformID, s.token, s.uid = platformID, token, uid }
}

// WithUsers adds UIDs, besides the one of WithCredentials, that orders may
// be written for (TransferRequest.UID).
func WithUsers(uids ...string) Option {
	return func(s *Server) { s.users = append(s.users, uids...) }
}

// WithSeed seeds the fault plan's random draws.
func WithSeed(seed int64) Option { return func(s *Server) { s.seed = seed } }

// Server is the fake. Its methods are safe for concurrent use. The
// embedded *duijietest.Server plans faults (FailNext, Inject, ClearFaults)
// and keeps the journal (Journal, Calls, FaultsInjected, ResetJournal).
type Server struct {
	*duijietest.Server

	platformID, token, uid string
	users                  []string
	seed                   int64

	// routes maps the ErpService methods the fake serves to their
	// handlers; set by NewServer, only read afterwards.
	routes map[string]http.HandlerFunc

	mu     sync.Mutex
	trades duijietest.Store[string, Stored] // by TradeID
	next   int64
}

// servicePath is where the vendor's interface page puts ErpService; the
// method name follows it.
const servicePath = "/Mall/Erp/ErpService.svc/"

// NewServer starts the fake; Close it when done.
func NewServer(opts ...Option) *Server {
	s := &Server{platformID: PlatformID, token: UserAccessToken, uid: UID, seed: 1,
		next: 6359657698853654528}
	for _, o := range opts {
		o(s)
	}
	s.routes = map[string]http.HandlerFunc{
		// 向ERP写入订单, the one method on the vendor's interface page.
		"TradeTransferToErp": s.transfer,
	}
	s.Server = duijietest.NewServer(http.HandlerFunc(s.handle), s.seed)
	return s
}

// Serves reports whether the fake answers the ErpService method, e.g.
// "TradeTransferToErp"; any other method is answered HTTP 404, as a WCF
// host answers an unknown endpoint.
func (s *Server) Serves(method string) bool {
	_, ok := s.routes[method]
	return ok
}

// Methods returns the ErpService methods the fake serves, sorted.
func (s *Server) Methods() []string {
	out := make([]string, 0, len(s.routes))
	for m := range s.routes {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// URL returns the base URL to give a client (duijie.WithBaseURL).
func (s *Server) URL() string { return s.Server.URL() }

// Config returns a client Config with the credentials the fake accepts.
// yihua.Config has no URL field: the base URL is an option, URL, which
// NewClient applies.
func (s *Server) Config() yihua.Config {
	return yihua.Config{PlatformID: s.platformID, UserAccessToken: duijie.Secret(s.token), UID: s.uid}
}

// NewClient returns a client of Config pointed at the fake: its base URL
// is URL and its HTTP client HTTPClient (a WithHTTPClient in opts replaces
// it). The other opts apply in order. The client cannot reach another
// host: options that set a different base URL make NewClient fail.
func (s *Server) NewClient(opts ...duijie.Option) (*yihua.Client, error) {
	all, err := duijietest.ClientOptions(s.URL(), opts...)
	if err != nil {
		return nil, err
	}
	return yihua.NewClient(s.Config(), all...)
}

// Trade returns the stored trade with this TradeID.
func (s *Server) Trade(tradeID string) (Stored, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.trades.Get(tradeID)
}

// Trades returns every stored trade in the order first written.
func (s *Server) Trades() []Stored {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.trades.List()
}

// Duplicates counts the writes beyond the first of every TradeID.
func (s *Server) Duplicates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, t := range s.trades.List() {
		n += t.Writes - 1
	}
	return n
}

// AddTrade stores st as if it had been written before, e.g. to stand for an
// order already in the ERP. st.Master is required; an empty OuterTradeID
// gets the next number. It returns the OuterTradeID.
func (s *Server) AddTrade(st Stored) string {
	c := st
	if c.Master == nil {
		c.Master = &yihua.Master{}
	}
	m := *c.Master
	c.Master = &m
	c.Details = append([]yihua.Detail(nil), st.Details...)
	c.Pays = append([]yihua.Pay(nil), st.Pays...)
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.OuterTradeID == "" {
		s.next++
		c.OuterTradeID = strconv.FormatInt(s.next, 10)
	}
	if c.Writes < 1 {
		c.Writes = 1
	}
	s.trades.Put(m.TradeID, c)
	return c.OuterTradeID
}

// ServerError returns a fault answering HTTP 500, as a failing WCF host does.
func ServerError() duijietest.Fault {
	return duijietest.Fault{Kind: duijietest.FaultStatus, Status: http.StatusInternalServerError, Body: []byte("<html>Request Error</html>"), ContentType: "text/html"}
}

// ThrottleFault returns the throttle answer. Yihua publishes no throttle
// code, so this is the HTTP 429 a gateway in front of the service sends;
// the client reports it as ErrRateLimited and, since nothing says the trade
// was not booked first, does not replay it.
func ThrottleFault() duijietest.Fault {
	return duijietest.Fault{Kind: duijietest.FaultStatus, Status: http.StatusTooManyRequests, Body: []byte("Too Many Requests"), ContentType: "text/plain"}
}

// AnswerFault returns a fault answering HTTP 200 with the vendor's envelope
// carrying code and message, without storing anything.
func AnswerFault(code, message string) duijietest.Fault {
	return duijietest.Fault{Kind: duijietest.FaultBody, Body: envelopeJSON(code, message)}
}

// ChaosMix is the standard chaos plan with the gateway's throttle, for
// Inject; its late answers and cancels need a client on HTTPClient.
func ChaosMix() duijietest.Rule { return duijietest.StandardMix(ThrottleFault()) }

// HTTPClient returns an HTTP client that plays out the late answers and
// cancels of ChaosMix at once, with no timeout of its own.
func HTTPClient() *http.Client { return duijietest.HTTPClient() }

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, servicePath) {
		http.NotFound(w, r)
		return
	}
	route, ok := s.routes[strings.TrimPrefix(r.URL.Path, servicePath)]
	if !ok {
		http.Error(w, "Endpoint not found.", http.StatusNotFound)
		return
	}
	if r.Method != http.MethodPost {
		http.Error(w, "Method not allowed.", http.StatusMethodNotAllowed)
		return
	}
	route(w, r)
}

// transfer serves TradeTransferToErp.
func (s *Server) transfer(w http.ResponseWriter, r *http.Request) {
	params, err := readParams(r)
	if err != nil {
		answer(w, CodeBadParameter, err.Error())
		return
	}
	if params["PlatformID"] != s.platformID || params["UserAccessToken"] != s.token {
		answer(w, CodeBadToken, "PlatformID or UserAccessToken is not valid")
		return
	}
	if !s.knownUser(params["UID"]) {
		answer(w, CodeUnknownUser, "UID is not a user of this platform")
		return
	}
	st, code, err := decodeTrade(params)
	if err != nil {
		answer(w, code, err.Error())
		return
	}
	st.UID = params["UID"]
	id := s.store(st)
	writeJSON(w, map[string]any{"Code": CodeOK, "Method": 0, "Compressed": false, "Encrypted": false,
		"Message": map[string]string{"OuterTradeID": id}})
}

func (s *Server) knownUser(uid string) bool {
	if uid == "" {
		return false
	}
	if uid == s.uid {
		return true
	}
	for _, u := range s.users {
		if u == uid {
			return true
		}
	}
	return false
}

func (s *Server) store(st *Stored) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := st.Master.TradeID
	if old, ok := s.trades.Get(key); ok {
		st.OuterTradeID, st.Writes = old.OuterTradeID, old.Writes+1
	} else {
		s.next++
		st.OuterTradeID, st.Writes = strconv.FormatInt(s.next, 10), 1
	}
	s.trades.Put(key, *st)
	return st.OuterTradeID
}

// intParams are the parameters the vendor types int; the others are strings.
var intParams = map[string]struct{}{"TH": {}, "Audit": {}}

// readParams reads a JSON or form body into strings.
func readParams(r *http.Request) (map[string]string, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	out := map[string]string{}
	switch ct {
	case "application/json":
		var raw map[string]any
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&raw); err != nil || raw == nil {
			return nil, fmt.Errorf("body is not a JSON object")
		}
		if dec.More() {
			return nil, fmt.Errorf("body has data after the JSON object")
		}
		for k, v := range raw {
			_, isInt := intParams[k]
			switch v := v.(type) {
			case string:
				if isInt {
					return nil, fmt.Errorf("parameter %s must be a number", k)
				}
				out[k] = v
			case json.Number:
				if !isInt {
					return nil, fmt.Errorf("parameter %s must be a string", k)
				}
				out[k] = v.String()
			default:
				return nil, fmt.Errorf("parameter %s has an unexpected type", k)
			}
		}
	case "application/x-www-form-urlencoded":
		vs, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, err
		}
		for k := range vs {
			out[k] = vs.Get(k)
		}
	default:
		return nil, fmt.Errorf("content type %q is not supported", ct)
	}
	return out, nil
}

// decodeTrade reads the trade parameters strictly; on failure it returns the
// answer code.
func decodeTrade(p map[string]string) (*Stored, string, error) {
	st := &Stored{}
	for _, f := range []struct {
		name string
		dst  *bool
	}{{"TH", &st.Return}, {"Audit", &st.AutoAudit}} {
		switch p[f.name] {
		case "0":
		case "1":
			*f.dst = true
		default:
			return nil, CodeBadParameter, fmt.Errorf("%s must be 0 or 1", f.name)
		}
	}
	switch proc := yihua.Procedure(p["StoredProcedureName"]); proc {
	case yihua.ProcedureSale, yihua.ProcedureRetail, yihua.ProcedureWholesale:
		st.Procedure = proc
	default:
		return nil, CodeBadParameter, fmt.Errorf("StoredProcedureName %q is unknown", proc)
	}
	if err := checkLimits(p); err != nil {
		return nil, CodeBadXML, err
	}
	var err error
	if st.Master, err = yihua.DecodeMaster(p["MasterXml"]); err != nil {
		return nil, CodeBadXML, fmt.Errorf("MasterXml: %v", err)
	}
	switch {
	case st.Master.TradeID == "":
		return nil, CodeBadXML, fmt.Errorf("MasterXml: TradeID is empty")
	case st.Master.TradeType == "":
		return nil, CodeBadXML, fmt.Errorf("MasterXml: TradeType is empty")
	case st.Master.CreateTime.IsZero():
		return nil, CodeBadXML, fmt.Errorf("MasterXml: CreateTime is empty")
	}
	if st.Details, err = yihua.DecodeDetails(p["DetailXml"]); err != nil {
		return nil, CodeBadXML, fmt.Errorf("DetailXml: %v", err)
	}
	if len(st.Details) == 0 {
		return nil, CodeBadXML, fmt.Errorf("DetailXml: no lines")
	}
	for i, d := range st.Details {
		if d.GoodsID == "" {
			return nil, CodeBadXML, fmt.Errorf("DetailXml: line %d has no GoodsID", i)
		}
	}
	if st.Pays, err = yihua.DecodePays(p["PayXml"]); err != nil {
		return nil, CodeBadXML, fmt.Errorf("PayXml: %v", err)
	}
	return st, "", nil
}

func answer(w http.ResponseWriter, code, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(envelopeJSON(code, msg))
}

// envelopeJSON is the vendor's envelope with a string Message.
func envelopeJSON(code, msg string) []byte {
	b, _ := json.Marshal(map[string]any{"Code": code, "Method": 0, "Compressed": false, "Encrypted": false, "Message": msg})
	return b
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}
