package kingdee

import (
	"context"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/duijie/duijie"
)

// Session services of AuthService.
const (
	ServiceLoginBySign      = "Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginBySign"
	ServiceLoginByAppSecret = "Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginByAppSecret"
	ServiceValidateUser     = "Kingdee.BOS.WebApi.ServicesStub.AuthService.ValidateUser"
	ServiceLogout           = "Kingdee.BOS.WebApi.ServicesStub.AuthService.Logout"
)

// Cookie names that carry a session.
const (
	CookieSessionID    = "kdservice-sessionid"
	CookieASPNETSessID = "ASP.NET_SessionId"
)

// loginResult is the answer of a login service.
type loginResult struct {
	Message         string       `json:"Message"`
	MessageCode     duijie.Text  `json:"MessageCode"`
	LoginResultType duijie.Int64 `json:"LoginResultType"`
	KDSVCSessionID  string       `json:"KDSVCSessionId"`
	Context         *struct {
		SessionID string       `json:"SessionId"`
		UserID    duijie.Int64 `json:"UserId"`
		UserName  string       `json:"UserName"`
	} `json:"Context"`
}

// ok reports a successful login: LoginResultType 1 is the one value every
// client agrees on.
func (l *loginResult) ok() bool { return l.LoginResultType == 1 }

// err is the error of a failed login.
func (l *loginResult) err() *duijie.APIError {
	msg := l.Message
	if msg == "" {
		msg = "login refused"
	}
	return &duijie.APIError{Code: "LoginResultType " + l.LoginResultType.String(), SubCode: string(l.MessageCode),
		Message: msg, Class: duijie.ErrAuth}
}

// sessionID is the id the login answer gives.
func (l *loginResult) sessionID() string {
	if l.KDSVCSessionID != "" {
		return l.KDSVCSessionID
	}
	if l.Context != nil {
		return l.Context.SessionID
	}
	return ""
}

// session is one client's server session: its cookies, and for the login
// modes whether it is logged in. A generation number lets concurrent calls
// that saw the same lost session renew it once.
type session struct {
	mu       sync.Mutex
	gen      uint64
	loggedIn bool
	sid      string
	cookies  map[string]string
	// login serialises logins; a buffered channel so a wait can be cancelled.
	login chan struct{}
}

func newSession() *session {
	return &session{cookies: map[string]string{}, login: make(chan struct{}, 1)}
}

// state returns the generation and whether a login is needed.
func (s *session) state() (gen uint64, loggedIn bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen, s.loggedIn
}

// set stores a new session after a login.
func (s *session) set(sid string, h http.Header) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cookies = map[string]string{}
	s.captureLocked(h)
	if sid != "" {
		s.sid = sid
	}
	if s.sid == "" {
		s.sid = s.cookies[CookieSessionID]
	}
	s.loggedIn = true
	s.gen++
}

// capture keeps the session cookies of an answer.
func (s *session) capture(h http.Header) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.captureLocked(h)
}

func (s *session) captureLocked(h http.Header) {
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name != CookieSessionID && c.Name != CookieASPNETSessID {
			continue
		}
		if c.Value == "" || c.MaxAge < 0 {
			delete(s.cookies, c.Name)
			continue
		}
		s.cookies[c.Name] = c.Value
		if c.Name == CookieSessionID {
			s.sid = c.Value
		}
	}
}

// drop forgets the session of generation gen, if it is still the current
// one, and reports whether it did.
func (s *session) drop(gen uint64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gen != gen {
		return false
	}
	s.sid, s.cookies, s.loggedIn = "", map[string]string{}, false
	s.gen++
	return true
}

// apply puts the session on a request: the kdservice-sessionid header and
// the session cookies, replacing what an earlier attempt set. It returns
// the generation applied.
func (s *session) apply(r *http.Request) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	r.Header.Del(HeaderSessionID)
	r.Header.Del("Cookie")
	if s.sid != "" {
		r.Header.Set(HeaderSessionID, s.sid)
	}
	if len(s.cookies) > 0 {
		names := make([]string, 0, len(s.cookies))
		for n := range s.cookies {
			names = append(names, n)
		}
		sort.Strings(names)
		var b strings.Builder
		for i, n := range names {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(n + "=" + s.cookies[n])
		}
		r.Header.Set("Cookie", b.String())
	}
	return s.gen
}

// secrets returns the session id and cookie values, for redaction.
func (s *session) secrets() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []string{s.sid}
	for _, v := range s.cookies {
		out = append(out, v)
	}
	return out
}

// Login logs in now with the configured session mode; a call made without
// a session logs in first by itself, so Login is only needed to check the
// credentials early. With AuthSignedHeaders it does nothing.
func (c *Client) Login(ctx context.Context) error {
	if c.cfg.Auth == AuthSignedHeaders {
		return nil
	}
	gen, _ := c.sess.state()
	return c.login(ctx, gen)
}

// ensureSession logs in when the login modes have no session.
func (c *Client) ensureSession(ctx context.Context) error {
	if c.cfg.Auth == AuthSignedHeaders {
		return nil
	}
	gen, in := c.sess.state()
	if in {
		return nil
	}
	return c.login(ctx, gen)
}

// login logs in unless another call already did since generation gen.
func (c *Client) login(ctx context.Context, gen uint64) error {
	select {
	case c.sess.login <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-c.sess.login }()
	if now, in := c.sess.state(); in && now != gen {
		return nil
	}
	op, params := c.loginParams()
	service := op.Wire
	body, err := parametersBody(params)
	if err != nil {
		return err
	}
	res, err := c.post(ctx, op, false, body)
	if err != nil {
		return err
	}
	a := res.Envelope
	if a == nil || a.kind != kindLogin {
		return &duijie.APIError{Vendor: vendor, Operation: service, Message: "the answer is not a login result", Class: duijie.ErrAuth}
	}
	sid := a.login.sessionID()
	c.t.Redactor().Add(sid)
	c.sess.set(sid, res.Header)
	for _, v := range c.sess.secrets() {
		c.t.Redactor().Add(v)
	}
	return nil
}

// loginParams returns the login operation and its positional parameters.
func (c *Client) loginParams() (duijie.Operation, []any) {
	cfg := c.cfg
	switch cfg.Auth {
	case AuthLoginByAppSecret:
		return operation(opLoginByAppSecret), []any{cfg.AcctID, cfg.UserName, cfg.AppID, cfg.AppSecret.Reveal(), cfg.LCID}
	case AuthValidateUser:
		return operation(opValidateUser), []any{cfg.AcctID, cfg.UserName, cfg.Password.Reveal(), cfg.LCID}
	}
	unix := c.t.Now().Unix()
	sign := LoginSign(cfg.LoginSHA1, cfg.AcctID, cfg.UserName, cfg.AppID, cfg.AppSecret.Reveal(), strconv.FormatInt(unix, 10))
	c.t.Redactor().Add(sign)
	return operation(opLoginBySign), []any{cfg.AcctID, cfg.UserName, cfg.AppID, unix, sign, cfg.LCID}
}

// Logout ends the session (AuthService.Logout) and forgets it. The next
// call logs in again.
func (c *Client) Logout(ctx context.Context) error {
	gen, in := c.sess.state()
	if !in && c.cfg.Auth != AuthSignedHeaders {
		return nil
	}
	_, err := c.post(ctx, operation(opLogout), true, []byte(`{"parameters":[]}`))
	c.sess.drop(gen)
	return err
}
