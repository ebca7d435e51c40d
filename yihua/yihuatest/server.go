// Package yihuatest is an in-process fake of Yihua's ErpService for tests
// and examples. It checks credentials, parses the three XML documents
// strictly (well-formed, every attribute present, numbers and times in the
// vendor's format), stores trades by TradeID and answers with ERP order
// numbers, and injects faults.
//
//	srv := yihuatest.NewServer()
//	defer srv.Close()
//	c, _ := yihua.NewClient(srv.Config(), yihua.WithBaseURL(srv.URL))
package yihuatest

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/duijie/duijie/internal/fakekit"
	"github.com/duijie/duijie/yihua"
)

// Credentials the fake accepts unless options say otherwise.
const (
	PlatformID      = "YHDT-TEST"
	UserAccessToken = "yihua-test-token"
	UID             = "uid-test"
)

// Answer codes of the fake. Yihua's own code table is not public; these are
// the fake's, and any code other than "0" is an error to the client.
const (
	CodeOK           = "0"
	CodeBadToken     = "1001"
	CodeBadParameter = "1002"
	CodeBadXML       = "1003"
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

// Stored is a trade the fake accepted.
type Stored struct {
	// OuterTradeID is the ERP order number the fake gave it.
	OuterTradeID string
	// Master, Details and Pays are the decoded documents.
	Master  *yihua.Master
	Details []yihua.Detail
	Pays    []yihua.Pay
	// Return, AutoAudit and Procedure are the call's TH, Audit and StoredProcedureName.
	Return, AutoAudit bool
	Procedure         yihua.Procedure
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

// WithSeed seeds the fault plan's random draws.
func WithSeed(seed int64) Option { return func(s *Server) { s.seed = seed } }

// Server is the fake. Its fields are safe for concurrent use.
type Server struct {
	*fakekit.Server

	platformID, token, uid string
	seed                   int64

	mu     sync.Mutex
	trades map[string]*Stored
	order  []string
	next   int64
}

// NewServer starts the fake; Close it when done.
func NewServer(opts ...Option) *Server {
	s := &Server{platformID: PlatformID, token: UserAccessToken, uid: UID, seed: 1,
		trades: map[string]*Stored{}, next: 6359657698853654528}
	for _, o := range opts {
		o(s)
	}
	s.Server = fakekit.NewServer(http.HandlerFunc(s.handle), s.seed)
	return s
}

// Config returns a client Config with the credentials the fake accepts.
func (s *Server) Config() yihua.Config {
	return yihua.Config{PlatformID: s.platformID, UserAccessToken: yihua.Secret(s.token), UID: s.uid}
}

// Trade returns the stored trade with this TradeID.
func (s *Server) Trade(tradeID string) (Stored, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.trades[tradeID]
	if !ok {
		return Stored{}, false
	}
	return *t, true
}

// Trades returns every stored trade in the order first written.
func (s *Server) Trades() []Stored {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Stored, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, *s.trades[id])
	}
	return out
}

// Duplicates counts the writes beyond the first of every TradeID.
func (s *Server) Duplicates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, t := range s.trades {
		n += t.Writes - 1
	}
	return n
}

// ServerError returns a fault answering HTTP 500, as a failing WCF host does.
func ServerError() Fault {
	return Fault{Kind: FaultStatus, Status: http.StatusInternalServerError, Body: []byte("<html>Request Error</html>"), ContentType: "text/html"}
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || !strings.HasPrefix(r.URL.Path, yihua.ServicePath) {
		http.NotFound(w, r)
		return
	}
	if method := strings.TrimPrefix(r.URL.Path, yihua.ServicePath); method != yihua.MethodTradeTransferToErp {
		http.Error(w, "Endpoint not found.", http.StatusNotFound)
		return
	}
	params, err := readParams(r)
	if err != nil {
		answer(w, CodeBadParameter, err.Error())
		return
	}
	if params["PlatformID"] != s.platformID || params["UserAccessToken"] != s.token || params["UID"] != s.uid {
		answer(w, CodeBadToken, "PlatformID, UserAccessToken or UID is not valid")
		return
	}
	st, err := decodeTrade(params)
	if err != nil {
		answer(w, CodeBadXML, err.Error())
		return
	}
	id := s.store(st)
	writeJSON(w, map[string]any{"Code": CodeOK, "Method": 0, "Compressed": false, "Encrypted": false,
		"Message": map[string]string{"OuterTradeID": id}})
}

func (s *Server) store(st *Stored) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := st.Master.TradeID
	if old, ok := s.trades[key]; ok {
		st.OuterTradeID, st.Writes = old.OuterTradeID, old.Writes+1
	} else {
		s.next++
		st.OuterTradeID, st.Writes = strconv.FormatInt(s.next, 10), 1
		s.order = append(s.order, key)
	}
	s.trades[key] = st
	return st.OuterTradeID
}

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
		if err := json.Unmarshal(body, &raw); err != nil {
			return nil, fmt.Errorf("body is not JSON: %v", err)
		}
		for k, v := range raw {
			switch v := v.(type) {
			case string:
				out[k] = v
			case float64:
				out[k] = strconv.FormatFloat(v, 'f', -1, 64)
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

func decodeTrade(p map[string]string) (*Stored, error) {
	st := &Stored{}
	var err error
	if st.Master, err = yihua.DecodeMaster(p["MasterXml"]); err != nil {
		return nil, fmt.Errorf("MasterXml: %v", err)
	}
	if st.Master.TradeID == "" {
		return nil, fmt.Errorf("MasterXml: TradeID is empty")
	}
	if st.Details, err = yihua.DecodeDetails(p["DetailXml"]); err != nil {
		return nil, fmt.Errorf("DetailXml: %v", err)
	}
	if len(st.Details) == 0 {
		return nil, fmt.Errorf("DetailXml: no lines")
	}
	if st.Pays, err = yihua.DecodePays(p["PayXml"]); err != nil {
		return nil, fmt.Errorf("PayXml: %v", err)
	}
	for name, dst := range map[string]*bool{"TH": &st.Return, "Audit": &st.AutoAudit} {
		switch p[name] {
		case "0":
		case "1":
			*dst = true
		default:
			return nil, fmt.Errorf("%s must be 0 or 1", name)
		}
	}
	switch proc := yihua.Procedure(p["StoredProcedureName"]); proc {
	case yihua.ProcedureSale, yihua.ProcedureRetail, yihua.ProcedureWholesale:
		st.Procedure = proc
	default:
		return nil, fmt.Errorf("StoredProcedureName %q is unknown", proc)
	}
	return st, nil
}

func answer(w http.ResponseWriter, code, msg string) {
	writeJSON(w, map[string]any{"Code": code, "Method": 0, "Compressed": false, "Encrypted": false, "Message": msg})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(v)
}
