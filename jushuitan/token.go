package jushuitan

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/duijie/duijie"
)

// Token endpoints of openapi v2 (POST, form-encoded, signed like business
// calls but without access_token, version and biz).
const (
	// PathInitToken is getInitToken, the self-developed app flow (商家自研系统授权).
	PathInitToken = "/openWeb/auth/getInitToken"
	// PathAccessToken is accessToken, the third-party app flow (第三方授权).
	PathAccessToken = "/openWeb/auth/accessToken"
	// PathRefreshToken is refreshToken.
	PathRefreshToken = "/openWeb/auth/refreshToken"
)

// methodLegacyRefresh is the legacy token refresh method.
const methodLegacyRefresh = "refresh.token"

// ErrMustReauthorize is matched (with errors.Is) by the error a client
// returns when its token expired and cannot be refreshed because the app
// is a third-party (ISV, 服务商) app: since 2023-08-15 the vendor refuses
// such refreshes (code 150), and the merchant must authorize the app again
// (docId=25). Such errors also match ErrAuth.
var ErrMustReauthorize = errors.New("jushuitan: the merchant must re-authorize the app")

// reauthError is an ErrMustReauthorize with its cause.
type reauthError struct{ cause error }

// Error says what happened and what the merchant must do.
func (e *reauthError) Error() string {
	return "jushuitan: the access token expired and this third-party (ISV) app may not refresh it since 2023-08-15; the merchant must re-authorize the app (第三方授权, docId=25): " + e.cause.Error()
}

// Unwrap gives ErrMustReauthorize and the cause.
func (e *reauthError) Unwrap() []error { return []error{ErrMustReauthorize, e.cause} }

// ErrTokenOutcomeUnknown is matched (with errors.Is) by the error of a
// token call (code exchange or refresh) whose outcome is unclear: the request
// may have reached the vendor (a reset, a timeout, a 5xx) and no answer came
// back, and the token store holds no newer token. The code or refresh token
// it carried is single-use and may already be spent, so the client does not
// send it again. A self-developed app gets a new token with GetInitToken (a
// new code); a third-party app needs a new authorization code from the
// merchant, unless another process stores the token meanwhile.
var ErrTokenOutcomeUnknown = errors.New("jushuitan: the outcome of a token call is unknown")

// tokenOutcomeError is an ErrTokenOutcomeUnknown with its cause.
type tokenOutcomeError struct {
	path  string
	cause error
}

// Error says what may have happened and what to do.
func (e *tokenOutcomeError) Error() string {
	what := "the authorization code"
	if e.path == table[opRefreshAccessToken].path {
		what = "the refresh token"
	}
	return "jushuitan " + e.path + ": the vendor may have issued a new token whose answer was lost, and the token store holds none; " +
		what + " is single-use and may be spent, so it was not sent again (a self-developed app calls GetInitToken with a new code; " +
		"a third-party app needs the merchant's authorization again): " + e.cause.Error()
}

// Unwrap gives ErrTokenOutcomeUnknown and the cause.
func (e *tokenOutcomeError) Unwrap() []error { return []error{ErrTokenOutcomeUnknown, e.cause} }

// outcomeUnclear reports whether a failed call may have been applied: the
// request may have reached the vendor and no answer says it was refused, or
// the answer is a failure class that may follow processing (a 5xx, a busy
// or throttle reply not documented as refused before processing).
func outcomeUnclear(err error) bool { return duijie.MayHaveArrived(err) }

// Token is an openapi v2 access token and what is needed to renew it.
type Token struct {
	// AccessToken is sent with every business call.
	AccessToken duijie.Secret
	// RefreshToken renews AccessToken (self-developed apps only).
	RefreshToken duijie.Secret
	// ExpiresAt is when AccessToken stops working; zero when unknown.
	ExpiresAt time.Time
	// Scope is the granted scope, usually "all".
	Scope string
}

// TokenStore keeps the current token of each app key, so that several
// clients and processes share one token instead of refreshing it in turn
// (a refresh may invalidate the previous token). Implementations must be
// safe for concurrent use; a store backed by a database or Redis lets
// processes share. Load returns nil, nil when the store has no token.
type TokenStore interface {
	Load(ctx context.Context, appKey string) (*Token, error)
	Save(ctx context.Context, appKey string, t *Token) error
}

// TokenLocker is implemented by a TokenStore that can keep several
// clients from renewing the same token at once (a refresh token works only
// once, so two clients refreshing together would leave one of them with a
// refused token). A client holds the lock while it reloads, renews and saves
// a token; a store shared between processes can implement it with a
// database or Redis lock. LockToken blocks until the lock is held or ctx is
// done, and returns the function that releases it.
type TokenLocker interface {
	LockToken(ctx context.Context, appKey string) (unlock func(), err error)
}

// MemoryTokenStore is a TokenStore and TokenLocker in memory, shared by the
// clients of one process that are given the same store.
type MemoryTokenStore struct {
	mu     sync.Mutex
	tokens map[string]Token
	sem    chan struct{}
}

// NewMemoryTokenStore returns an empty in-memory store.
func NewMemoryTokenStore() *MemoryTokenStore {
	return &MemoryTokenStore{tokens: map[string]Token{}, sem: make(chan struct{}, 1)}
}

// LockToken serialises token renewals of the clients sharing the store.
func (s *MemoryTokenStore) LockToken(ctx context.Context, _ string) (func(), error) {
	s.mu.Lock()
	if s.sem == nil {
		s.sem = make(chan struct{}, 1)
	}
	s.mu.Unlock()
	select {
	case s.sem <- struct{}{}:
		return func() { <-s.sem }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Load returns a copy of the app key's token, or nil.
func (s *MemoryTokenStore) Load(_ context.Context, appKey string) (*Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.tokens[appKey]
	if !ok {
		return nil, nil
	}
	return &t, nil
}

// Save keeps a copy of t for the app key.
func (s *MemoryTokenStore) Save(_ context.Context, appKey string, t *Token) error {
	if t == nil {
		return errors.New("jushuitan: cannot save a nil token")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tokens == nil {
		s.tokens = map[string]Token{}
	}
	s.tokens[appKey] = *t
	return nil
}

// InitTokenRequest asks getInitToken for a token; nil or an empty Code
// makes a new code.
type InitTokenRequest struct {
	// Code is the 6-character random string the flow asks for (code);
	// empty makes one.
	Code string
}

// GetInitToken calls /openWeb/auth/getInitToken (商家自研系统授权, 获取
// access_token) for a self-developed app. The token is saved in the token
// store and used from then on.
//
// A code is single-use, so the call is never replayed: after an unclear
// outcome (see ErrTokenOutcomeUnknown) the client reloads the token store,
// returns a token stored meanwhile, and otherwise reports the unknown
// outcome. Calling GetInitToken again with a new code is always possible.
func (c *Client) GetInitToken(ctx context.Context, req *InitTokenRequest) (*Token, error) {
	code := ""
	if req != nil {
		code = req.Code
	}
	if code == "" {
		var err error
		if code, err = randomCode(); err != nil {
			return nil, err
		}
	}
	unlock, err := c.lockTokens(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	before, err := c.loadToken(ctx)
	if err != nil {
		return nil, err
	}
	return c.initToken(ctx, code, before)
}

func (c *Client) initToken(ctx context.Context, code string, before *Token) (*Token, error) {
	return c.tokenCall(ctx, table[opGetInitToken], map[string]string{"grant_type": "authorization_code", "code": code}, before)
}

// AccessTokenRequest exchanges a third-party app's authorization code for
// a token.
type AccessTokenRequest struct {
	// Code is the authorization code (code) the merchant's authorization
	// sent to the app's callback. Required.
	Code string
}

// GetAccessToken calls /openWeb/auth/accessToken (第三方授权, 获取
// access_token) with the authorization code the merchant's authorization
// sent to a third-party app's callback. The token is saved in the token
// store.
//
// The code is single-use, so the call is never replayed: after an unclear
// outcome the client reloads the token store and returns a token stored
// meanwhile; otherwise the error matches ErrTokenOutcomeUnknown, and the
// code must not be sent again.
func (c *Client) GetAccessToken(ctx context.Context, req *AccessTokenRequest) (*Token, error) {
	if req == nil || req.Code == "" {
		return nil, duijie.Invalid(vendor, "code", duijie.RuleRequired, "the authorization code from the callback")
	}
	code := req.Code
	unlock, err := c.lockTokens(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	before, err := c.loadToken(ctx)
	if err != nil {
		return nil, err
	}
	return c.tokenCall(ctx, table[opGetAccessToken], map[string]string{"grant_type": "authorization_code", "code": code}, before)
}

// RefreshAccessToken calls /openWeb/auth/refreshToken (刷新access_token)
// with the stored refresh token and saves the new token. A third-party app
// gets an error matching ErrMustReauthorize (code 150). The client also
// refreshes by itself ahead of expiry and after a code 100.
//
// A refresh token works once (the vendor issues a new one with the new
// access token), so a refresh is never replayed: after an unclear outcome or
// a refusal the client reloads the token store first and uses a token
// another process (or an earlier answer) stored; otherwise an unclear
// outcome is reported with an error matching ErrTokenOutcomeUnknown.
func (c *Client) RefreshAccessToken(ctx context.Context) (*Token, error) {
	unlock, err := c.lockTokens(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	cur, err := c.loadToken(ctx)
	if err != nil {
		return nil, err
	}
	if cur == nil || cur.RefreshToken == "" {
		return nil, fmt.Errorf("jushuitan: no refresh token is known (set Config.RefreshToken or get a token first): %w", duijie.ErrAuth)
	}
	return c.refresh(ctx, cur)
}

// refresh spends cur's refresh token. A refusal may mean that another
// process spent it first, so the store is reloaded before giving up.
func (c *Client) refresh(ctx context.Context, cur *Token) (*Token, error) {
	if c.cfg.ISV {
		return nil, &reauthError{cause: fmt.Errorf("refresh not attempted for an ISV app: %w", duijie.ErrAuth)}
	}
	t, err := c.tokenCall(ctx, table[opRefreshAccessToken], map[string]string{"grant_type": "refresh_token", "refresh_token": cur.RefreshToken.Reveal(), "scope": "all"}, cur)
	switch {
	case err == nil:
		return t, nil
	case isReauthorize(err):
		return nil, &reauthError{cause: err}
	case errors.Is(err, ErrTokenOutcomeUnknown):
		return nil, err
	}
	if newer := c.newerToken(ctx, cur); newer != nil {
		return newer, nil
	}
	return nil, err
}

// newerToken returns the stored token when it differs from before (another
// process, or an earlier answer, stored it), or nil.
func (c *Client) newerToken(ctx context.Context, before *Token) *Token {
	cur, err := c.store.Load(ctx, c.cfg.AppKey)
	if err != nil || cur == nil || cur.AccessToken == "" {
		return nil
	}
	if before != nil && cur.AccessToken == before.AccessToken {
		return nil
	}
	return cur
}

// RefreshLegacyToken calls the legacy refresh.token method (刷新token),
// which extends the legacy token's validity (its value stays the same). The
// client calls it by itself once when the legacy API answers code 100. Like
// every token call it is not replayed after an outcome that may have reached
// the vendor; it is sent again only when it provably never arrived or was
// throttled (codes 199 and 200).
func (c *Client) RefreshLegacyToken(ctx context.Context) error {
	if !c.legacy {
		return duijie.Invalid(vendor, "Config.Generation", duijie.RuleConflict, "refresh.token belongs to the legacy generation")
	}
	_, err := c.sendLegacy(ctx, table[opRefreshLegacyToken], []byte("{}"))
	return err
}

// tokenCall signs and posts a token request and saves the answer. Token
// calls carry a single-use code or refresh token, so they are never
// replayed after an unclear outcome (only a throttle answer the vendor
// documents as refused before processing is sent again). After an unclear
// outcome the store is reloaded: a token that differs from before is
// returned; otherwise the error matches ErrTokenOutcomeUnknown.
func (c *Client) tokenCall(ctx context.Context, op operation, params map[string]string, before *Token) (*Token, error) {
	if c.legacy {
		return nil, duijie.Invalid(vendor, "Config.Generation", duijie.RuleConflict, "token calls belong to the openapi generation")
	}
	now := c.t.Now()
	params["app_key"] = c.cfg.AppKey
	params["timestamp"] = strconv.FormatInt(now.Unix(), 10)
	params["charset"] = "utf-8"
	path := op.path
	env, err := c.postForm(ctx, op, params)
	if err != nil {
		if !outcomeUnclear(err) {
			return nil, err
		}
		if newer := c.newerToken(ctx, before); newer != nil {
			return newer, nil
		}
		return nil, &tokenOutcomeError{path: path, cause: err}
	}
	var d struct {
		AccessToken  string       `json:"access_token"`
		ExpiresIn    duijie.Int64 `json:"expires_in"`
		RefreshToken string       `json:"refresh_token"`
		Scope        string       `json:"scope"`
	}
	if err := c.decode(op, env, &d); err != nil {
		return nil, err
	}
	if d.AccessToken == "" {
		return nil, &duijie.APIError{Vendor: vendor, Operation: path, Code: env.code, Message: "the answer carries no access_token", Class: duijie.ErrAuth}
	}
	c.t.Redactor().Add(d.AccessToken)
	c.t.Redactor().Add(d.RefreshToken)
	t := &Token{AccessToken: duijie.Secret(d.AccessToken), RefreshToken: duijie.Secret(d.RefreshToken), Scope: d.Scope}
	if d.ExpiresIn > 0 {
		t.ExpiresAt = now.Add(time.Duration(d.ExpiresIn) * time.Second)
	}
	// The vendor has issued the token and spent what the request carried:
	// keep it even when the caller's context has ended meanwhile.
	if err := c.store.Save(context.WithoutCancel(ctx), c.cfg.AppKey, t); err != nil {
		return t, fmt.Errorf("jushuitan: token store: %w", err)
	}
	return t, nil
}

// loadToken returns the stored token, seeding the store from Config on
// first use.
func (c *Client) loadToken(ctx context.Context) (*Token, error) {
	t, err := c.store.Load(ctx, c.cfg.AppKey)
	if err != nil {
		return nil, fmt.Errorf("jushuitan: token store: %w", err)
	}
	if t != nil && t.AccessToken != "" {
		return t, nil
	}
	if c.cfg.AccessToken == "" {
		return nil, nil
	}
	t = &Token{AccessToken: c.cfg.AccessToken, RefreshToken: c.cfg.RefreshToken, ExpiresAt: c.cfg.TokenExpiresAt}
	if err := c.store.Save(ctx, c.cfg.AppKey, t); err != nil {
		return nil, fmt.Errorf("jushuitan: token store: %w", err)
	}
	return t, nil
}

// currentToken returns the token to send, refreshing it first when it is
// within RefreshAhead of its expiry. A failed early refresh is not fatal
// while the token still works.
func (c *Client) currentToken(ctx context.Context) (*Token, error) {
	t, err := c.loadToken(ctx)
	if err != nil {
		return nil, err
	}
	if t == nil {
		if !c.cfg.AutoInitToken {
			return nil, fmt.Errorf("jushuitan: no access token: set Config.AccessToken, fill the TokenStore or call GetInitToken: %w", duijie.ErrAuth)
		}
		unlock, err := c.lockTokens(ctx)
		if err != nil {
			return nil, err
		}
		defer unlock()
		if t, err := c.loadToken(ctx); err != nil || t != nil {
			return t, err
		}
		code, err := randomCode()
		if err != nil {
			return nil, err
		}
		return c.initToken(ctx, code, nil)
	}
	now := c.t.Now()
	if t.ExpiresAt.IsZero() || now.Add(c.ahead).Before(t.ExpiresAt) || c.cfg.ISV || (t.RefreshToken == "" && !c.cfg.AutoInitToken) {
		return t, nil
	}
	fresh, err := c.renew(ctx, t, false)
	if err == nil {
		return fresh, nil
	}
	if now.Before(t.ExpiresAt) {
		return t, nil
	}
	return nil, err
}

// recoverToken renews a token the vendor refused (code 100).
func (c *Client) recoverToken(ctx context.Context, stale *Token) (*Token, error) {
	return c.renew(ctx, stale, true)
}

// errRefreshSkipped marks an early refresh not retried after a failure.
var errRefreshSkipped = errors.New("jushuitan: early refresh already failed for this token")

// renew refreshes stale, unless another client already replaced it in the
// store. force is false for the early refresh, which is tried once per token.
func (c *Client) renew(ctx context.Context, stale *Token, force bool) (*Token, error) {
	unlock, err := c.lockTokens(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	cur, err := c.loadToken(ctx)
	if err != nil {
		return nil, err
	}
	if cur != nil && cur.AccessToken != stale.AccessToken {
		return cur, nil
	}
	if !force && c.refreshFailed == stale.AccessToken.Reveal() {
		return nil, errRefreshSkipped
	}
	var t *Token
	switch {
	case c.cfg.ISV:
		return nil, &reauthError{cause: fmt.Errorf("the vendor refused the token: %w", duijie.ErrAuth)}
	case stale.RefreshToken != "":
		t, err = c.refresh(ctx, stale)
		if err != nil && c.cfg.AutoInitToken && !isReauthorize(err) && !errors.Is(err, ErrMustReauthorize) {
			// A new code, never the spent one: getInitToken is the
			// self-developed app's own authorization.
			var code string
			if code, err = randomCode(); err == nil {
				t, err = c.initToken(ctx, code, stale)
			}
		}
	case c.cfg.AutoInitToken:
		var code string
		if code, err = randomCode(); err == nil {
			t, err = c.initToken(ctx, code, stale)
		}
	default:
		return nil, fmt.Errorf("jushuitan: the token cannot be renewed without a refresh token (set Config.RefreshToken or AutoInitToken): %w", duijie.ErrAuth)
	}
	if err != nil {
		if !force {
			c.refreshFailed = stale.AccessToken.Reveal()
		}
		return nil, err
	}
	return t, nil
}

// lockTokens holds the client's token mutex and, when the store is a
// TokenLocker, the store's lock, so that one renewal runs at a time.
func (c *Client) lockTokens(ctx context.Context) (func(), error) {
	c.tokMu.Lock()
	l, ok := c.store.(TokenLocker)
	if !ok {
		return c.tokMu.Unlock, nil
	}
	unlock, err := l.LockToken(ctx, c.cfg.AppKey)
	if err != nil {
		c.tokMu.Unlock()
		return nil, fmt.Errorf("jushuitan: token store lock: %w", err)
	}
	return func() { unlock(); c.tokMu.Unlock() }, nil
}

const codeAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// randomCode returns the 6-character random code getInitToken asks for.
func randomCode() (string, error) {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("jushuitan: random code: %w", err)
	}
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(b[:]), nil
}
