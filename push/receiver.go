package push

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/duijie/duijie/mapping"
)

// Defaults of a Receiver.
const (
	// DefaultWindow is how far a push's timestamp may be from the
	// Receiver's clock, either way.
	DefaultWindow = 5 * time.Minute
	// DefaultMaxBody caps a push's body.
	DefaultMaxBody = 4 << 20
	// DefaultTimeout bounds the handling of one push, the host's
	// DeliverFunc included.
	DefaultTimeout = 30 * time.Second
	// DefaultRate is each sender's sustained rate, in requests a second.
	DefaultRate = rate.Limit(10)
	// DefaultBurst is how many requests a sender may send at once.
	DefaultBurst = 20
)

// Option configures a Receiver.
type Option func(*config)

// config is what the options set.
type config struct {
	secret   Secret
	noAuth   bool
	window   time.Duration
	allow    []netip.Prefix
	rate     rate.Limit
	burst    int
	maxBody  int64
	timeout  time.Duration
	now      func() time.Time
	log      *slog.Logger
	replay   ReplayStore
	outcomes OutcomeStore
}

// WithSecret sets the secret shared with the sender. A Receiver needs one
// unless WithoutAuth is given.
func WithSecret(s Secret) Option { return func(c *config) { c.secret = s } }

// WithoutAuth accepts unsigned pushes: only for a trusted network (for
// example a sidecar on loopback or a private network behind an
// authenticating proxy). NewReceiver logs a warning when it is given.
// Replayed requests cannot be told apart without signatures; orders are
// still de-duplicated by content.
func WithoutAuth() Option { return func(c *config) { c.noAuth = true } }

// WithWindow sets how far a push's timestamp may be from the Receiver's
// clock, either way (default DefaultWindow).
func WithWindow(d time.Duration) Option { return func(c *config) { c.window = d } }

// WithAllowedIPs accepts pushes only from these networks (by the
// connection's remote address; X-Forwarded-For is not trusted). No
// networks, the default, accept any address.
func WithAllowedIPs(networks ...netip.Prefix) Option {
	return func(c *config) { c.allow = append(c.allow, networks...) }
}

// WithRateLimit sets each sender's request rate and burst (default
// DefaultRate and DefaultBurst); a sender is a remote IP address.
// rate.Inf disables the limit.
func WithRateLimit(r rate.Limit, burst int) Option {
	return func(c *config) { c.rate, c.burst = r, burst }
}

// WithMaxBody caps a push's body in bytes (default DefaultMaxBody).
func WithMaxBody(n int64) Option { return func(c *config) { c.maxBody = n } }

// WithTimeout bounds the handling of one push once its body is read
// (default DefaultTimeout): the DeliverFunc's context ends then, and a
// sender that hangs up earlier does not cut a delivery short. Reading the
// body is bounded by the http.Server's ReadTimeout, which the host sets.
func WithTimeout(d time.Duration) Option { return func(c *config) { c.timeout = d } }

// WithClock sets the clock that checks timestamps, expires replays and
// rate limits, and dates outcomes (default time.Now).
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithLogger makes the Receiver log refusals and hand-offs; it is silent
// without one. Secrets, signatures and order contents are never logged.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.log = l } }

// WithReplayStore sets where accepted signatures are remembered (default
// a new MemoryReplayStore).
func WithReplayStore(s ReplayStore) Option { return func(c *config) { c.replay = s } }

// WithOutcomeStore sets where settled order outcomes are remembered
// (default a new MemoryOutcomeStore keeping outcomes for 7 days).
func WithOutcomeStore(s OutcomeStore) Option { return func(c *config) { c.outcomes = s } }

// defaultOutcomeAge is how long the default outcome store keeps an outcome.
const defaultOutcomeAge = 7 * 24 * time.Hour

// Receiver is an http.Handler that takes pushed orders in the OpenCallback
// shape (mapping.CallbackOrder), checks who sent them, and hands each
// order to the host exactly once per content. It is safe for concurrent
// use. See the package documentation for the protocol.
type Receiver struct {
	cfg      config
	deliver  DeliverFunc
	locks    keyLocks
	limiters limiters
}

// NewReceiver returns a Receiver that hands orders to deliver. It refuses
// to start without WithSecret unless WithoutAuth is given, and says which
// option is wrong.
func NewReceiver(deliver DeliverFunc, opts ...Option) (*Receiver, error) {
	c := config{window: DefaultWindow, rate: DefaultRate, burst: DefaultBurst,
		maxBody: DefaultMaxBody, timeout: DefaultTimeout, now: time.Now}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	switch {
	case deliver == nil:
		return nil, errors.New("push: NewReceiver needs a DeliverFunc")
	case c.secret == "" && !c.noAuth:
		return nil, errors.New("push: no secret: give WithSecret, or WithoutAuth on a trusted network")
	case c.secret != "" && c.noAuth:
		return nil, errors.New("push: WithSecret and WithoutAuth together: choose one")
	case c.window <= 0:
		return nil, errors.New("push: WithWindow must be positive")
	case c.maxBody <= 0:
		return nil, errors.New("push: WithMaxBody must be positive")
	case c.timeout <= 0:
		return nil, errors.New("push: WithTimeout must be positive")
	case c.rate != rate.Inf && (c.rate <= 0 || c.burst <= 0):
		return nil, errors.New("push: WithRateLimit needs a positive rate and burst (rate.Inf for none)")
	case c.now == nil:
		return nil, errors.New("push: WithClock needs a clock")
	}
	for _, p := range c.allow {
		if !p.IsValid() {
			return nil, errors.New("push: WithAllowedIPs has an invalid network")
		}
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.replay == nil {
		c.replay = NewMemoryReplayStore()
	}
	if c.outcomes == nil {
		c.outcomes = NewMemoryOutcomeStore(defaultOutcomeAge)
	}
	if c.noAuth {
		c.log.Warn("push: receiver accepts unsigned pushes; anyone who can reach it can push orders", "allowed_networks", len(c.allow))
	}
	return &Receiver{cfg: c, deliver: deliver, locks: keyLocks{m: map[Key]*keyLock{}},
		limiters: limiters{r: c.rate, burst: c.burst, m: map[string]*rate.Limiter{}}}, nil
}

// refusal is a push refused as a whole.
type refusal struct {
	status int
	reason string
	// logged replaces reason in the log when reason may quote the body.
	logged string
}

// refuse answers a refused push and logs why.
func (rc *Receiver) refuse(w http.ResponseWriter, r *http.Request, f refusal) {
	logged := f.reason
	if f.logged != "" {
		logged = f.logged
	}
	rc.cfg.log.Info("push: refused", "status", f.status, "reason", logged, "remote", r.RemoteAddr)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(f.status)
	io.WriteString(w, "push: "+f.reason+"\n")
}

// ServeHTTP takes one push: POST, from an allowed address within its rate,
// a body under the cap, signed (unless WithoutAuth), not seen before, and
// decodable as callback orders. Refusals answer 405, 403, 429, 413, 401
// (unsigned, wrong signature, timestamp outside the window), 409 (replayed
// signature) or 400 (undecodable body) and hand nothing on. Otherwise the
// answer is a JSON array of Result, one per pushed order: 200 when every
// outcome is final, 503 when some order should be sent again (Retry).
func (rc *Receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := rc.cfg.now()
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		rc.refuse(w, r, refusal{status: http.StatusMethodNotAllowed, reason: "POST only"})
		return
	}
	addr, addrOK := remoteAddr(r)
	if len(rc.cfg.allow) > 0 && (!addrOK || !slices.ContainsFunc(rc.cfg.allow, func(p netip.Prefix) bool { return p.Contains(addr) })) {
		rc.refuse(w, r, refusal{status: http.StatusForbidden, reason: "sender address not allowed"})
		return
	}
	sender := r.RemoteAddr
	if addrOK {
		sender = addr.String()
	}
	if !rc.limiters.allow(sender, now) {
		w.Header().Set("Retry-After", "1")
		rc.refuse(w, r, refusal{status: http.StatusTooManyRequests, reason: "too many requests from this sender"})
		return
	}
	body, f := rc.readBody(w, r)
	if f != nil {
		rc.refuse(w, r, *f)
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), rc.cfg.timeout)
	defer cancel()
	if !rc.cfg.noAuth {
		if f := rc.authenticate(ctx, r, body, now); f != nil {
			rc.refuse(w, r, *f)
			return
		}
	}
	orders, err := mapping.ParseCallbackOrders(body)
	if err != nil {
		rc.refuse(w, r, refusal{status: http.StatusBadRequest, reason: clip(err.Error()), logged: "body is not callback orders"})
		return
	}
	results := rc.take(ctx, orders)
	status := http.StatusOK
	for i := range results {
		if results[i].Retry {
			status = http.StatusServiceUnavailable
			break
		}
	}
	out, err := json.Marshal(results)
	if err != nil { // cannot happen: Result holds strings and bools
		rc.refuse(w, r, refusal{status: http.StatusInternalServerError, reason: "answer not encodable"})
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(out, '\n'))
}

// readBody reads the body under the cap.
func (rc *Receiver) readBody(w http.ResponseWriter, r *http.Request) ([]byte, *refusal) {
	tooBig := &refusal{status: http.StatusRequestEntityTooLarge, reason: "body over " + strconv.FormatInt(rc.cfg.maxBody, 10) + " bytes"}
	if r.ContentLength > rc.cfg.maxBody {
		return nil, tooBig
	}
	if r.Body == nil {
		return nil, nil
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, rc.cfg.maxBody))
	if err != nil {
		var over *http.MaxBytesError
		if errors.As(err, &over) {
			return nil, tooBig
		}
		return nil, &refusal{status: http.StatusBadRequest, reason: "body unreadable"}
	}
	return body, nil
}

// authenticate checks the timestamp and the signature, then claims the
// signature so the same request is refused the next time.
func (rc *Receiver) authenticate(ctx context.Context, r *http.Request, body []byte, now time.Time) *refusal {
	tsText, nonce, sigText := r.Header.Get(HeaderTimestamp), r.Header.Get(HeaderNonce), r.Header.Get(HeaderSignature)
	if tsText == "" || nonce == "" || sigText == "" {
		return &refusal{status: http.StatusUnauthorized, reason: "unsigned: " + HeaderTimestamp + ", " + HeaderNonce + " and " + HeaderSignature + " are required"}
	}
	ts, ok := parseTimestamp(tsText)
	if !ok {
		return &refusal{status: http.StatusUnauthorized, reason: HeaderTimestamp + " is not Unix seconds"}
	}
	if !validNonce(nonce) {
		return &refusal{status: http.StatusUnauthorized, reason: HeaderNonce + " is not 8 to 128 of A-Z a-z 0-9 - _ . ~"}
	}
	mac, ok := parseSignature(sigText)
	if !ok {
		return &refusal{status: http.StatusUnauthorized, reason: HeaderSignature + " is not v1=<64 hex digits>"}
	}
	want := signature(rc.cfg.secret, r.Method, requestPath(r), tsText, nonce, body)
	if !hmac.Equal(mac, want) {
		return &refusal{status: http.StatusUnauthorized, reason: "signature does not match"}
	}
	// Compare in whole seconds; a far-off timestamp must not overflow.
	window := int64(rc.cfg.window / time.Second)
	if d := now.Unix() - ts; d > window || d < -window {
		return &refusal{status: http.StatusUnauthorized, reason: "timestamp outside the window of " + rc.cfg.window.String()}
	}
	id := sha256.Sum256(mac)
	fresh, err := rc.cfg.replay.Claim(ctx, hex.EncodeToString(id[:]), now, time.Unix(ts, 0).Add(rc.cfg.window+time.Second))
	if err != nil {
		rc.cfg.log.Warn("push: replay store failed", "err", err)
		return &refusal{status: http.StatusServiceUnavailable, reason: "replay check unavailable; send again"}
	}
	if !fresh {
		return &refusal{status: http.StatusConflict, reason: "replayed request: sign each send afresh, with a new nonce"}
	}
	return nil
}

// remoteAddr is the connection's remote IP address.
func remoteAddr(r *http.Request) (netip.Addr, bool) {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err == nil {
		return ap.Addr().Unmap(), true
	}
	a, err := netip.ParseAddr(r.RemoteAddr)
	return a.Unmap(), err == nil
}

// slot is one distinct order key of a push.
type slot struct {
	key   Key
	hash  string
	first int   // index of the first order with this key
	same  []int // later orders with the same key and content
}

// take settles every order of a push: answered from the outcome store,
// or handed to the host, under the key's lock.
func (rc *Receiver) take(ctx context.Context, orders []mapping.CallbackOrder) []Result {
	results := make([]Result, len(orders))
	var slots []*slot
	byKey := map[Key]*slot{}
	for i := range orders {
		o := &orders[i]
		k := Key{Shop: string(o.ShopNo), Tid: string(o.Tid)}
		results[i] = Result{ShopNo: k.Shop, Tid: k.Tid}
		if strings.TrimSpace(k.Tid) == "" {
			results[i].Reason = "tid is required"
			continue
		}
		h, err := contentHash(o)
		if err != nil {
			results[i].Reason = clip("order not encodable: " + err.Error())
			continue
		}
		if s := byKey[k]; s != nil {
			if s.hash == h {
				s.same = append(s.same, i)
			} else {
				results[i].Reason = "the same shop_no and tid appear twice in this push with different content; push them separately"
			}
			continue
		}
		s := &slot{key: k, hash: h, first: i}
		byKey[k] = s
		slots = append(slots, s)
	}

	// Lock the keys in one order, so two pushes sharing keys cannot deadlock.
	keys := make([]Key, len(slots))
	for i, s := range slots {
		keys[i] = s.key
	}
	slices.SortFunc(keys, func(a, b Key) int {
		if c := strings.Compare(a.Shop, b.Shop); c != 0 {
			return c
		}
		return strings.Compare(a.Tid, b.Tid)
	})
	for n, k := range keys {
		if err := rc.locks.lock(ctx, k); err != nil {
			for _, held := range keys[:n] {
				rc.locks.unlock(held)
			}
			for _, s := range slots {
				results[s.first].Retry = true
				results[s.first].Reason = "timed out waiting for an earlier push of the same order"
			}
			copySame(results, slots)
			return results
		}
	}
	defer func() {
		for _, k := range keys {
			rc.locks.unlock(k)
		}
	}()

	var deliveries []Delivery
	var handed []*slot
	for _, s := range slots {
		res := &results[s.first]
		prev, found, err := rc.cfg.outcomes.Get(ctx, s.key)
		switch {
		case err != nil:
			rc.cfg.log.Warn("push: outcome store failed", "err", err)
			res.Retry, res.Reason = true, "outcome store unavailable; send again"
		case found && prev.Hash == s.hash:
			res.OK, res.Reason, res.Repeat = prev.OK, prev.Reason, true
		default:
			update := found && prev.OK
			res.Update = update
			deliveries = append(deliveries, Delivery{Key: s.key, Hash: s.hash, Update: update, Order: &orders[s.first]})
			handed = append(handed, s)
		}
	}
	if len(deliveries) > 0 {
		errs := rc.deliver(ctx, deliveries)
		if len(errs) != len(deliveries) {
			bad := Unknown(fmt.Errorf("push: DeliverFunc returned %d results for %d orders", len(errs), len(deliveries)))
			errs = make([]error, len(deliveries))
			for i := range errs {
				errs[i] = bad
			}
		}
		settled := rc.cfg.now()
		keep := context.WithoutCancel(ctx) // a settled outcome is kept even past the deadline
		for j, s := range handed {
			res := &results[s.first]
			err := errs[j]
			var o Outcome
			switch {
			case err == nil:
				res.OK = true
				o = Outcome{Hash: s.hash, OK: true, At: settled}
			case errors.Is(err, ErrUnknown):
				res.Unknown, res.Retry, res.Reason = true, true, clip(err.Error())
				continue
			case errors.Is(err, ErrRefused):
				res.Reason = clip(err.Error())
				o = Outcome{Hash: s.hash, Reason: res.Reason, At: settled}
			default:
				res.Retry, res.Reason = true, clip(err.Error())
				continue
			}
			if err := rc.cfg.outcomes.Put(keep, s.key, o); err != nil {
				rc.cfg.log.Warn("push: outcome store failed; a retry will be handed on again", "err", err)
			}
		}
		rc.cfg.log.Info("push: handed on", "orders", len(orders), "handed", len(deliveries))
	}
	copySame(results, slots)
	return results
}

// copySame answers the repeats of an order within one push like the order.
func copySame(results []Result, slots []*slot) {
	for _, s := range slots {
		for _, i := range s.same {
			results[i] = results[s.first]
		}
	}
}

// contentHash is the hex SHA-256 of the order's canonical JSON.
func contentHash(o *mapping.CallbackOrder) (string, error) {
	b, err := json.Marshal(o)
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:]), nil
}
