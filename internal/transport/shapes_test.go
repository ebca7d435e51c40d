package transport

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie/internal/apierr"
)

// apiError, transportError, options, retry and limit stand in for the root
// package's types, which have the same fields.
type (
	apiError       apierr.APIErrorFields
	transportError apierr.TransportErrorFields
	retry          retryShape
	limit          limitShape
	options        optionsFields[retry, limit, RateLimiter]
)

func (e *apiError) Error() string {
	return e.Vendor + " " + e.Operation + ": code " + e.Code + ": " + e.Message
}
func (e *apiError) Unwrap() error { return e.Class }
func (e *apiError) Is(target error) bool {
	return e.NotProcessed && target == apierr.ErrNotProcessed
}
func (e *transportError) Error() string {
	return e.Vendor + " " + e.Operation + ": transport failure: " + e.Err.Error()
}
func (e *transportError) Unwrap() error { return e.Err }

func asAPIError(err error) (*apiError, bool) {
	var e *apiError
	ok := errors.As(err, &e)
	return e, ok
}

func TestResolveAppliesOptionsOverDefaults(t *testing.T) {
	hc := &http.Client{}
	setURL := func(o *options) { o.BaseURL = "https://fake.example/x/" }
	noRetry := func(o *options) { o.Retry.MaxAttempts = 1 }
	s, err := Resolve("v", options{BaseURL: "https://prod.example", HTTPClient: hc, Limits: []limit{{Events: 5, Per: time.Second}}},
		[]func(*options){setURL, nil, noRetry})
	require.NoError(t, err)
	assert.Equal(t, "https://fake.example/x", s.BaseURL)
	assert.Same(t, hc, s.HTTPClient)
	assert.Equal(t, []Limit{{Events: 5, Per: time.Second}}, s.Limits)
	want := DefaultRetry()
	want.MaxAttempts = 1
	assert.Equal(t, want, s.Retry, "unset retry fields keep the defaults")

	assert.Nil(t, s.RateLimiter)
	assert.IsType(t, &Limiter{}, s.limiter(), "without a RateLimiter the Limits build the client's own")

	shared := NewLimiter(nil, PerSecond(1))
	s, err = Resolve("v", options{BaseURL: "https://prod.example", Limits: []limit{{Events: 5, Per: time.Second}}},
		[]func(*options){func(o *options) { o.RateLimiter = shared }})
	require.NoError(t, err)
	assert.Same(t, shared, s.RateLimiter)
	assert.Same(t, shared, s.limiter(), "a RateLimiter replaces the Limits")

	_, err = Resolve[options, func(*options)]("v", options{}, nil)
	assert.ErrorContains(t, err, "v: base URL is required")
}
