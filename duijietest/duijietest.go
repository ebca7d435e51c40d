// Package duijietest is the public fault kit every vendor fake of this SDK
// is built on: honortest, jushuitantest, wangdiantongtest, kingdeetest and
// yihuatest each start a Server of this package in front of their vendor
// handler, so every fake speaks one fault vocabulary and keeps one journal.
//
// Faults are planned on the Server, not on the client:
//
//   - fail next N: FailNext(n, f) applies f to the next n requests;
//     Inject adds Rules that match some requests only, with a Count or a
//     Probability; ClearFaults drops the plan;
//   - 5xx: a Fault of Kind FaultStatus answers an HTTP status (500 unless
//     Status says otherwise) without running the vendor handler;
//   - reset after read: FaultResetBefore reads the request and drops the
//     connection, nothing applied; FaultResetAfter applies the request and
//     then drops the connection, so the caller cannot know;
//   - slow: FaultDelay waits before the handler runs; FaultLateAnswer and
//     FaultCancelAfter apply the request and answer after the caller gave
//     up or cancelled, played out at once by a client on HTTPClient or
//     ClientTransport, so no outcome depends on the machine's speed;
//   - throttle and busy: FaultBody answers HTTP 200 with a vendor's own
//     throttle or busy code (each fake exports these ready-made), and
//     FaultAnswerAfter answers a throttle after the write was stored;
//   - expire session: the fakes of vendors with sessions or tokens offer
//     it themselves (kingdeetest ExpireSessions, jushuitantest
//     ExpireTokens), since only the vendor handler knows them;
//   - the standard chaos mix: StandardMix(throttle) is the seeded mix every
//     chaos test runs, each fake offering it with its vendor's throttle.
//
// The journal records every request with the fault it met and whether the
// vendor handler ran: Journal, Calls, FaultsInjected and ResetJournal read
// and reset it. Window is the sliding-window rate limit a fake enforces
// with its vendor's throttle answer, and Store the ordered, concurrency-safe
// table the fakes keep their records in.
//
// A test uses the kit through a vendor fake:
//
//	srv := kingdeetest.NewServer()
//	defer srv.Close()
//	srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultStatus, Status: 503})
//	c, _ := srv.NewClient(duijie.WithRetry(duijie.RetryPolicy{WaitMin: time.Millisecond}))
//	// a read's first attempt meets the 503 and its retry succeeds:
//	// srv.Calls("") counts both and srv.FaultsInjected(0) the one fault.
package duijietest

import (
	"bytes"
	"io"
	"math/rand"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"time"
)

// FaultKind is what a fault does to a request.
type FaultKind int

const (
	// FaultStatus answers with Status (default 500) and Body without running the handler.
	FaultStatus FaultKind = iota + 1
	// FaultResetBefore reads the whole request and closes the connection
	// without running the handler (a drop after read): the request reached
	// the server but nothing was applied.
	FaultResetBefore
	// FaultResetAfter runs the handler (its effects stay) and then closes the
	// connection without an answer: the client cannot know it was applied.
	FaultResetAfter
	// FaultDelay waits Delay (or until the client gives up) and then runs the handler.
	FaultDelay
	// FaultBody answers HTTP 200 with Body (a vendor throttle or busy code)
	// without running the handler.
	FaultBody
	// FaultAnswerAfter runs the handler (its effects stay) and answers with
	// Status (default 429) and Body instead of the handler's answer: a
	// throttle or error sent after the server stored the write.
	FaultAnswerAfter
	// FaultLateAnswer runs the handler (its effects stay) and answers after
	// the client gave up: a client built on ClientTransport sees a timeout
	// at once, any other client an HTTP 504 from a gateway that stopped
	// waiting. No wall clock decides the outcome.
	FaultLateAnswer
	// FaultCancelAfter runs the handler (its effects stay), and the caller
	// cancels while waiting for the answer: ClientTransport cancels the
	// context made by CancelableContext and the call ends with
	// context.Canceled (a late answer when the context has no such cancel).
	FaultCancelAfter
)

// String names the kind.
func (k FaultKind) String() string {
	switch k {
	case FaultStatus:
		return "status"
	case FaultResetBefore:
		return "reset-before"
	case FaultResetAfter:
		return "reset-after"
	case FaultDelay:
		return "delay"
	case FaultBody:
		return "body"
	case FaultAnswerAfter:
		return "answer-after"
	case FaultLateAnswer:
		return "late-answer"
	case FaultCancelAfter:
		return "cancel-after"
	}
	return "none"
}

// Fault is one injected failure.
type Fault struct {
	// Kind is what the fault does to the request.
	Kind FaultKind
	// Status is the HTTP status of FaultStatus (default 500) and of
	// FaultAnswerAfter (default 429).
	Status int
	// Body is the answer's body, for FaultStatus, FaultBody and
	// FaultAnswerAfter.
	Body []byte
	// ContentType of Body; default application/json.
	ContentType string
	// Delay is how long FaultDelay waits before the handler runs.
	Delay time.Duration
}

// Rule applies a fault to the next Count matching requests (Count 0 means
// every one), each with Probability (0 means always).
type Rule struct {
	// Fault is what the rule injects.
	Fault Fault
	// Count is how many requests the rule still intercepts; 0 is unlimited.
	Count int
	// Probability is the chance a matching request is intercepted, drawn
	// from the Server's seeded source; 0 means always.
	Probability float64
	// Match selects requests; nil matches all.
	Match func(*http.Request) bool
	// Mix, when set, replaces Fault and Probability: one random draw per
	// request picks at most one of these faults, each with its own chance.
	Mix []Chance
}

// Chance is one fault of a Mix and the probability it is picked.
type Chance struct {
	// Fault is the fault picked.
	Fault Fault
	// Probability is the chance of picking it, in [0, 1]; the chances of a
	// Mix add up to at most 1, the rest being no fault.
	Probability float64
}

// StandardMix is the standard chaos plan for every write, each fault decided
// by a seeded draw and none by the machine's speed: 8% HTTP 500, 2% a drop
// after the request was read (nothing applied), 2% a reset after the write
// was applied, 4% the vendor's own throttle answer (as the vendor sends it,
// before processing), 2% HTTP 429 after the write was stored, 2% an answer
// that comes after the client gave up and 1% a caller that cancels while the
// applied write's answer is on its way. The last two need ClientTransport.
func StandardMix(throttle Fault) Rule {
	return Rule{Mix: []Chance{
		{Fault: Fault{Kind: FaultStatus, Status: http.StatusInternalServerError, Body: []byte("internal error")}, Probability: 0.08},
		{Fault: Fault{Kind: FaultResetBefore}, Probability: 0.02},
		{Fault: Fault{Kind: FaultResetAfter}, Probability: 0.02},
		{Fault: throttle, Probability: 0.04},
		{Fault: Fault{Kind: FaultAnswerAfter, Status: http.StatusTooManyRequests, Body: []byte("Too Many Requests"), ContentType: "text/plain"}, Probability: 0.02},
		{Fault: Fault{Kind: FaultLateAnswer}, Probability: 0.02},
		{Fault: Fault{Kind: FaultCancelAfter}, Probability: 0.01},
	}}
}

// Entry is one request the server saw.
type Entry struct {
	// Time is when the request arrived, by the wall clock.
	Time time.Time
	// Method is the HTTP method.
	Method string
	// Path is the URL path.
	Path string
	// Query is the URL's query.
	Query url.Values
	// Header is a copy of the request's headers.
	Header http.Header
	// Body is the whole request body.
	Body []byte
	// Fault is the kind injected, 0 when the handler answered normally.
	Fault FaultKind
	// Handled is true when the vendor handler ran (its effects applied).
	Handled bool
}

// Server is a fake vendor endpoint: an httptest server that runs a vendor
// handler behind the fault plan and the journal. Its methods are safe for
// concurrent use. Close it when done.
type Server struct {
	// Server is the underlying test server; its URL field is the root URL
	// (URL returns it).
	*httptest.Server

	handler http.Handler
	mu      sync.Mutex
	journal []Entry
	rules   []*Rule
	rng     *rand.Rand
}

// NewServer starts a server that runs handler for every request that no
// fault intercepts. seed makes probabilistic faults repeatable.
func NewServer(handler http.Handler, seed int64) *Server {
	s := &Server{handler: handler, rng: rand.New(rand.NewSource(seed))}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL returns the server's root URL, such as http://127.0.0.1:41234.
func (s *Server) URL() string { return s.Server.URL }

// Inject adds fault rules, applied in the order added.
func (s *Server) Inject(rules ...Rule) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range rules {
		r := rules[i]
		s.rules = append(s.rules, &r)
	}
}

// FailNext applies f to the next n requests.
func (s *Server) FailNext(n int, f Fault) { s.Inject(Rule{Fault: f, Count: n}) }

// ClearFaults removes every fault rule.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rules = nil
}

// Journal returns a copy of every request seen so far.
func (s *Server) Journal() []Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Entry(nil), s.journal...)
}

// Calls counts the requests to path ("" counts all).
func (s *Server) Calls(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, e := range s.journal {
		if path == "" || e.Path == path {
			n++
		}
	}
	return n
}

// FaultsInjected counts the requests a fault of kind k intercepted (0 counts all kinds).
func (s *Server) FaultsInjected(k FaultKind) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, e := range s.journal {
		if e.Fault != 0 && (k == 0 || e.Fault == k) {
			n++
		}
	}
	return n
}

// ResetJournal forgets the requests seen so far.
func (s *Server) ResetJournal() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.journal = nil
}

// pick returns the fault for r, if any, and consumes one use of its rule.
func (s *Server) pick(r *http.Request) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, rule := range s.rules {
		if rule.Match != nil && !rule.Match(r) {
			continue
		}
		f := rule.Fault
		if len(rule.Mix) > 0 {
			picked, ok := pickChance(rule.Mix, s.rng.Float64())
			if !ok {
				continue
			}
			f = picked
		} else if rule.Probability > 0 && s.rng.Float64() >= rule.Probability {
			continue
		}
		if rule.Count > 0 {
			rule.Count--
			if rule.Count == 0 {
				s.rules = append(s.rules[:i], s.rules[i+1:]...)
			}
		}
		return &f
	}
	return nil
}

func pickChance(mix []Chance, draw float64) (Fault, bool) {
	acc := 0.0
	for _, c := range mix {
		acc += c.Probability
		if draw < acc {
			return c.Fault, true
		}
	}
	return Fault{}, false
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	e := Entry{Time: time.Now(), Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body}
	f := s.pick(r)
	if f != nil {
		e.Fault = f.Kind
	}
	idx := s.record(e)
	if f == nil {
		s.handle(idx, w, r)
		return
	}
	switch f.Kind {
	case FaultStatus:
		status := f.Status
		if status == 0 {
			status = http.StatusInternalServerError
		}
		writeBody(w, status, f)
	case FaultBody:
		writeBody(w, http.StatusOK, f)
	case FaultResetBefore:
		reset(w)
	case FaultResetAfter:
		rec := httptest.NewRecorder()
		s.handle(idx, rec, r)
		reset(w)
	case FaultAnswerAfter:
		s.handle(idx, httptest.NewRecorder(), r)
		if f.Status == 0 {
			f.Status = http.StatusTooManyRequests
		}
		writeBody(w, f.Status, f)
	case FaultLateAnswer, FaultCancelAfter:
		s.handle(idx, httptest.NewRecorder(), r)
		w.Header().Set(faultHeader, f.Kind.String())
		writeBody(w, http.StatusGatewayTimeout, &Fault{Body: []byte("gateway timeout"), ContentType: "text/plain"})
	case FaultDelay:
		t := time.NewTimer(f.Delay)
		defer t.Stop()
		select {
		case <-r.Context().Done():
			return
		case <-t.C:
		}
		s.handle(idx, w, r)
	default:
		s.handle(idx, w, r)
	}
}

func (s *Server) record(e Entry) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.journal = append(s.journal, e)
	return len(s.journal) - 1
}

func (s *Server) handle(idx int, w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.journal[idx].Handled = true
	s.mu.Unlock()
	s.handler.ServeHTTP(w, r)
}

func writeBody(w http.ResponseWriter, status int, f *Fault) {
	ct := f.ContentType
	if ct == "" {
		ct = "application/json"
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	_, _ = w.Write(f.Body)
}

// reset closes the client's connection abruptly (RST where possible).
func reset(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "duijietest: connection cannot be reset", http.StatusInternalServerError)
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

// Window is a sliding-window rate limit a fake enforces, as vendors do:
// at most Max requests in any span of Per.
type Window struct {
	// Max is the number of requests allowed in any span of Per.
	Max int
	// Per is the span of the window.
	Per time.Duration

	mu   sync.Mutex
	hits []time.Time
}

// Allow records a request at now and reports whether it is within the limit.
// Refused requests are not counted.
func (w *Window) Allow(now time.Time) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	cut := now.Add(-w.Per)
	keep := w.hits[:0]
	for _, h := range w.hits {
		if h.After(cut) {
			keep = append(keep, h)
		}
	}
	w.hits = keep
	if len(w.hits) >= w.Max {
		return false
	}
	w.hits = append(w.hits, now)
	return true
}
