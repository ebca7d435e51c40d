package duijietest

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/duijie/duijie"
)

// faultHeader marks an answer that stands for a fault the client side plays
// out (a late answer, a cancel while waiting).
const faultHeader = "X-Duijietest-Fault"

// ClientTransport wraps base (http.DefaultTransport when nil) so that the
// faults a client must see for itself happen at once and always: an answer
// marked FaultLateAnswer becomes a timeout error that matches
// context.DeadlineExceeded, and one marked FaultCancelAfter cancels the
// context made by CancelableContext and fails with its error. Every other
// answer passes through untouched.
func ClientTransport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &clientTransport{base: base}
}

type clientTransport struct{ base http.RoundTripper }

// HTTPClient returns a client on ClientTransport with no timeout of its
// own: the faults decide, not the clock.
func HTTPClient() *http.Client { return &http.Client{Transport: ClientTransport(nil)} }

// RoundTrip sends r on the base transport and plays out a fault the answer
// is marked with.
func (t *clientTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		return resp, err
	}
	kind := resp.Header.Get(faultHeader)
	if kind == "" {
		return resp, nil
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if kind == FaultCancelAfter.String() {
		if cancel, ok := r.Context().Value(cancelKey{}).(context.CancelFunc); ok {
			cancel()
			return nil, r.Context().Err()
		}
	}
	return nil, lateAnswerError{}
}

// lateAnswerError is what a client sees when its deadline passed before the
// answer came.
type lateAnswerError struct{}

// Error says the deadline passed.
func (lateAnswerError) Error() string {
	return "duijietest: no answer before the client's deadline (timeout)"
}

// Timeout is true: the error is a timeout (net.Error).
func (lateAnswerError) Timeout() bool { return true }

// Temporary is true, as for any timeout.
func (lateAnswerError) Temporary() bool { return true }

// Unwrap makes the error match context.DeadlineExceeded.
func (lateAnswerError) Unwrap() error { return context.DeadlineExceeded }

type cancelKey struct{}

// CancelableContext returns a context that ClientTransport cancels when the
// server injects FaultCancelAfter, as a caller giving up mid-write would.
func CancelableContext(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	return context.WithValue(ctx, cancelKey{}, cancel), cancel
}

// ClientOptions returns the options a fake's NewClient hands to its
// vendor's NewClient so that the client talks to the fake at base and
// nowhere else: first the fake's HTTP client (HTTPClient; a WithHTTPClient
// in opts replaces it), then opts in order, then WithBaseURL(base). When
// opts set a base URL other than base, ClientOptions returns an error
// instead: a client made for a fake never reaches another host, and a
// test that asks for one is told so rather than quietly redirected.
func ClientOptions(base string, opts ...duijie.Option) ([]duijie.Option, error) {
	probe := duijie.Options{BaseURL: base}
	for _, o := range opts {
		if o != nil {
			o(&probe)
		}
	}
	if probe.BaseURL != base {
		return nil, fmt.Errorf("duijietest: a fake's client talks to the fake at %s only; the options set the base URL %q", base, probe.BaseURL)
	}
	out := make([]duijie.Option, 0, len(opts)+2)
	out = append(out, duijie.WithHTTPClient(HTTPClient()))
	out = append(out, opts...)
	return append(out, duijie.WithBaseURL(base)), nil
}
