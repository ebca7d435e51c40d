// Package transport sends vendor requests over go-retryablehttp with the
// SDK's own retry decision, client-side rate limits, capped bodies, redacted
// logs and typed errors.
package transport

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"syscall"
	"time"

	retryablehttp "github.com/hashicorp/go-retryablehttp"

	"github.com/duijie/duijie/internal/apierr"
	"github.com/duijie/duijie/internal/redact"
)

// Operation describes one vendor operation for the retry decision.
type Operation struct {
	// Name is the vendor method or path, used in errors and logs.
	Name string
	// SafeToReplay is true for reads and for writes the vendor de-duplicates
	// by a key the request carries. Only such operations are retried after a
	// failure that may have reached the server (5xx, reset, timeout, a
	// throttle answer that might follow processing, HTTP 429).
	SafeToReplay bool
}

// Request is one call to send.
type Request struct {
	Op     Operation
	Method string
	URL    string
	Header http.Header
	// Body is replayed byte for byte on every attempt.
	Body []byte
	// Sign, when set, runs before every attempt (the first included) and may
	// change headers or the URL: header-signed vendors re-sign each attempt.
	Sign func(*http.Request) error
}

// Result is the answer to a Request, with the vendor's envelope of type E
// decoded once by the classifier.
type Result[E any] struct {
	StatusCode int
	Header     http.Header
	Body       []byte
	// Attempts is how many times the request was sent.
	Attempts int
	// Envelope is the vendor's envelope as the classifier decoded it from
	// Body (nil when the body was not one), so the answer is parsed once.
	Envelope *E
}

// Classifier inspects an answer. It returns nil when the call succeeded, or
// an error (usually the public *APIError with Class set) that says why not.
// It sets r.Envelope when the body is the vendor's envelope. Errors of class ErrRateLimited or ErrTemporary are retried
// for operations that are safe to replay, and for every operation when the
// APIError is NotProcessed (a code the vendor documents as refused before
// processing); anything else never.
type Classifier[E any] func(r *Result[E]) error

// Config builds a Transport whose answers carry envelopes of type E.
type Config[E any] struct {
	// Vendor names the vendor in errors and logs.
	Vendor string
	// Settings are the applied client options.
	Settings Settings
	// Classify is the vendor's answer classifier; nil accepts every 2xx.
	Classify Classifier[E]
	// Redactor masks secrets in logs and error samples; nil masks keyed
	// values and phone numbers only.
	Redactor *redact.Redactor
}

// Transport sends requests and decodes the vendor's envelope (type E) once.
// It is safe for concurrent use.
type Transport[E any] struct {
	vendor   string
	settings Settings
	classify Classifier[E]
	redactor *redact.Redactor
	logger   *slog.Logger
	rc       *retryablehttp.Client
	errs     errorKit
}

type callKey struct{}

// call is the state of one Do, reached from retryablehttp's hooks through the
// request context.
type call[E any] struct {
	req      *Request
	attempts int
	result   *Result[E]
	apiErr   error
	sendErr  error
	started  time.Time
	// retrying is true when the last attempt was to be retried; a context
	// that ends then has cut the retries short.
	retrying bool
}

// New returns a Transport for cfg whose errors are the public APIError (A)
// and TransportError (T) types, e.g. New[duijie.APIError,
// duijie.TransportError](cfg); E, the envelope, comes from cfg. It is
// generic over the error types so that this package never imports the root
// package.
func New[A ~apierr.APIErrorFields, T ~apierr.TransportErrorFields, PA interface {
	*A
	error
}, PT interface {
	*T
	error
}, E any](cfg Config[E]) *Transport[E] {
	t := &Transport[E]{
		vendor:   cfg.Vendor,
		settings: cfg.Settings,
		classify: cfg.Classify,
		redactor: cfg.Redactor,
		logger:   cfg.Settings.Logger,
		errs:     newErrorKit[A, T, PA, PT](),
	}
	inner := *cfg.Settings.HTTPClient
	if lim := cfg.Settings.limiter(); lim != nil {
		base := inner.Transport
		if base == nil {
			base = http.DefaultTransport
		}
		inner.Transport = &limitedTransport{base: base, limiter: lim}
	}
	p := cfg.Settings.Retry
	t.rc = &retryablehttp.Client{
		HTTPClient:   &inner,
		Logger:       nil, // we log ourselves, redacted
		RetryWaitMin: p.WaitMin,
		RetryWaitMax: p.WaitMax,
		RetryMax:     p.MaxAttempts - 1,
		CheckRetry:   t.checkRetry,
		Backoff:      t.backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
		PrepareRetry: func(r *http.Request) error {
			c := r.Context().Value(callKey{}).(*call[E])
			if c.req.Sign != nil {
				return c.req.Sign(r)
			}
			return nil
		},
	}
	return t
}

// Settings returns the settings the transport was built with.
func (t *Transport[E]) Settings() Settings { return t.settings }

// Redactor returns the transport's redactor.
func (t *Transport[E]) Redactor() *redact.Redactor { return t.redactor }

// Now returns the configured clock's time.
func (t *Transport[E]) Now() time.Time { return t.settings.Clock() }

// Do sends req, retrying what is safe to retry, and returns the answer or a
// typed error: the public *APIError for an answer the classifier refused,
// the public *TransportError when no answer came, or the context's error.
func (t *Transport[E]) Do(ctx context.Context, req *Request) (*Result[E], error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s %s: %w", t.vendor, req.Op.Name, err)
	}
	c := &call[E]{req: req, started: time.Now()}
	ctx = context.WithValue(ctx, callKey{}, c)
	rreq, err := retryablehttp.NewRequestWithContext(ctx, req.Method, req.URL, req.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: build request: %w", t.vendor, req.Op.Name, err)
	}
	if len(req.Header) > 0 {
		// One copy for all values; Sign may change them per attempt.
		rreq.Header = req.Header.Clone()
	}
	rreq.Header.Set("User-Agent", t.settings.userAgent())
	if req.Sign != nil {
		if err := req.Sign(rreq.Request); err != nil {
			return nil, fmt.Errorf("%s %s: sign: %w", t.vendor, req.Op.Name, err)
		}
	}
	resp, err := t.rc.Do(rreq)
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	return t.outcome(ctx, c, err)
}

// outcome turns the last attempt into Do's answer. An attempt that completed
// returns its result even when the context ended afterwards; a context that
// ended while waiting to retry is joined to the last attempt's error, so the
// caller sees both what the vendor said and why no retry followed.
func (t *Transport[E]) outcome(ctx context.Context, c *call[E], doErr error) (*Result[E], error) {
	ctxErr := ctx.Err()
	switch {
	case c.attempts == 0 && ctxErr != nil:
		return nil, fmt.Errorf("%s %s: %w", t.vendor, c.req.Op.Name, ctxErr)
	case c.sendErr != nil:
		var lim *limiterError
		if errors.As(c.sendErr, &lim) && lim.err != nil && (errors.Is(lim.err, context.DeadlineExceeded) || errors.Is(lim.err, context.Canceled)) {
			return nil, fmt.Errorf("%s %s: %w", t.vendor, c.req.Op.Name, lim.err)
		}
		err := c.sendErr
		if ctxErr != nil && !errors.Is(err, ctxErr) {
			// The transport's own error may not say that the context ended
			// (a reset racing the deadline); the caller branches on it.
			err = errors.Join(err, ctxErr)
		}
		return nil, t.errs.transport(apierr.TransportErrorFields{
			Vendor: t.vendor, Operation: c.req.Op.Name, Attempts: c.attempts,
			MayHaveReachedServer: !neverReachedServer(c.sendErr), Err: err,
		})
	case c.apiErr != nil:
		if ctxErr != nil && c.retrying {
			return c.result, fmt.Errorf("%w; no retry: %w", c.apiErr, ctxErr)
		}
		return c.result, c.apiErr
	case c.result != nil:
		return c.result, nil
	case doErr != nil:
		// A PrepareRetry (re-sign) failure.
		return nil, fmt.Errorf("%s %s: %w", t.vendor, c.req.Op.Name, doErr)
	}
	return nil, fmt.Errorf("%s %s: no answer", t.vendor, c.req.Op.Name)
}

// checkRetry is the whole retry decision. It reads and keeps the body, so
// the decision can look at HTTP-200 vendor codes.
func (t *Transport[E]) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	c := ctx.Value(callKey{}).(*call[E])
	c.attempts++
	c.sendErr, c.apiErr, c.result = nil, nil, nil
	retry := t.record(ctx, c, resp, err)
	// A context that has ended stops the retries but not the decoding of an
	// attempt that completed: that answer is the call's outcome.
	c.retrying = retry
	return retry && ctx.Err() == nil, nil
}

// record keeps the outcome of one attempt in c and says whether the attempt
// may be sent again.
func (t *Transport[E]) record(ctx context.Context, c *call[E], resp *http.Response, err error) bool {
	if err != nil {
		c.sendErr = t.scrub(err)
		retry := !isPermanentSendError(err) && (c.req.Op.SafeToReplay || neverReachedServer(err))
		t.logAttempt(ctx, c, 0, err, retry)
		return retry
	}
	body, rerr := readCapped(resp.Body, resp.ContentLength, t.settings.MaxBodyBytes)
	resp.Body.Close()
	resp.Body = http.NoBody
	if rerr != nil {
		c.sendErr = rerr
		retry := c.req.Op.SafeToReplay && !errors.Is(rerr, errBodyTooLarge)
		t.logAttempt(ctx, c, resp.StatusCode, rerr, retry)
		return retry
	}
	c.result = &Result[E]{StatusCode: resp.StatusCode, Header: resp.Header, Body: body, Attempts: c.attempts}
	c.apiErr = t.check(c.result, c.req.Op.Name)
	retry := c.apiErr != nil && shouldRetryAPI(c.apiErr, c.req.Op)
	t.logAttempt(ctx, c, resp.StatusCode, c.apiErr, retry)
	return retry
}

// check runs the classifier and fills the error's common fields.
func (t *Transport[E]) check(r *Result[E], op string) error {
	var err error
	if t.classify != nil {
		err = t.classify(r)
	}
	if err == nil && (r.StatusCode < 200 || r.StatusCode > 299) {
		err = t.errs.api(apierr.APIErrorFields{Class: apierr.ClassForStatus(r.StatusCode)})
	}
	if err == nil {
		return nil
	}
	t.errs.editAPI(err, func(e *apierr.APIErrorFields) {
		if e.Vendor == "" {
			e.Vendor = t.vendor
		}
		if e.Operation == "" {
			e.Operation = op
		}
		if e.HTTPStatus == 0 {
			e.HTTPStatus = r.StatusCode
		}
		if e.Body == "" {
			e.Body = t.redactor.Bytes(r.Body, apierr.MaxBodySample)
		}
		e.Message = t.redactor.String(e.Message)
	})
	return err
}

// shouldRetryAPI is the replay rule for an answer: a throttle or a temporary
// failure is retried when the operation is safe to replay, or when the vendor
// documents the answer as refused before processing; anything else never.
func shouldRetryAPI(err error, op Operation) bool {
	if !errors.Is(err, apierr.ErrRateLimited) && !errors.Is(err, apierr.ErrTemporary) {
		return false
	}
	return op.SafeToReplay || errors.Is(err, apierr.ErrNotProcessed)
}

// backoff honours Retry-After (capped) and otherwise doubles from WaitMin.
func (t *Transport[E]) backoff(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
	d := retryablehttp.DefaultBackoff(min, max, attempt, resp)
	if limit := t.settings.Retry.MaxRetryAfter; limit > 0 && d > limit {
		d = limit
	}
	return d
}

// neverReachedServer reports whether err proves the request was not
// delivered: a failed dial, a refused connection, a failed DNS lookup, or a
// client-side rate-limit wait that ended first.
func neverReachedServer(err error) bool {
	var lim *limiterError
	if errors.As(err, &lim) {
		return true
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return true
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return true
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	return false
}

// isPermanentSendError reports errors no retry can fix.
func isPermanentSendError(err error) bool {
	var unknownAuth x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var rec tls.RecordHeaderError
	var lim *limiterError
	return errors.As(err, &unknownAuth) || errors.As(err, &hostname) || errors.As(err, &invalid) ||
		errors.As(err, &rec) || errors.As(err, &lim)
}

// scrub replaces the URL inside a *url.Error with its redacted form, since
// some vendors carry tokens and signatures in the query string.
func (t *Transport[E]) scrub(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	u, perr := url.Parse(ue.URL)
	safe := t.redactor.String(ue.URL)
	if perr == nil {
		safe = t.redactor.URL(u)
	}
	return &url.Error{Op: ue.Op, URL: safe, Err: ue.Err}
}

var errBodyTooLarge = errors.New("response body over the size limit")

// readCapped reads a body of at most max bytes. The buffer starts at the
// length the answer declares (size > 0), so a body that keeps to it is read
// without growing; one that does not is still read to its end, capped.
func readCapped(r io.Reader, size, max int64) ([]byte, error) {
	if size > max {
		return nil, fmt.Errorf("%w of %d bytes", errBodyTooLarge, max)
	}
	var buf bytes.Buffer
	if size > 0 {
		// ReadFrom wants MinRead bytes free before each read, the last
		// (which meets the end) included.
		buf.Grow(int(size) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, max+1)); err != nil {
		return nil, fmt.Errorf("read response body: %w", err)
	}
	if int64(buf.Len()) > max {
		return nil, fmt.Errorf("%w of %d bytes", errBodyTooLarge, max)
	}
	return buf.Bytes(), nil
}

func (t *Transport[E]) logAttempt(ctx context.Context, c *call[E], status int, err error, retry bool) {
	if t.logger == nil {
		return
	}
	attrs := []slog.Attr{
		slog.String("vendor", t.vendor),
		slog.String("operation", c.req.Op.Name),
		slog.Int("attempt", c.attempts),
		slog.Duration("elapsed", time.Since(c.started)),
	}
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", t.redactor.String(err.Error())), slog.Bool("retry", retry))
	}
	level := slog.LevelDebug
	if err != nil && retry {
		level = slog.LevelWarn
	}
	t.logger.LogAttrs(ctx, level, "duijie call", attrs...)
}
