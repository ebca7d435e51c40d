package jushuitantest_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

// breadthBusinessPaths are the openapi v2 business paths of the table.
func breadthBusinessPaths() []string {
	var out []string
	for _, row := range jushuitan.Operations() {
		if strings.HasPrefix(row.Wire, "/open/") {
			out = append(out, row.Wire)
		}
	}
	return out
}

// The fake's quota (5 calls a second, 100 a minute, for the app) covers
// every business path of the table: the sixth call within a second is
// answered 199 on each path, and the 101st within a minute 200, whichever
// paths the calls went to.
func TestQuotaCoversEveryPath(t *testing.T) {
	ctx := context.Background()
	once := duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: 1})
	call := func(c *jushuitan.Client, path string) error {
		return c.Call(ctx, &jushuitan.CallRequest{Path: path, Params: json.RawMessage(`{}`)}, nil)
	}
	paths := breadthBusinessPaths()
	require.Greater(t, len(paths), 20)
	for _, path := range paths {
		clk := newClock(0) // every call lands in the same second
		srv := jushuitantest.NewServer(jushuitantest.WithClock(clk.Now))
		c := newClient(t, srv, configFor(srv, jushuitan.OpenAPI), clk, once)
		for range jushuitan.DefaultCallsPerSecond {
			err := call(c, path)
			assert.NotErrorIs(t, err, duijie.ErrRateLimited, path)
		}
		err := call(c, path)
		require.ErrorIs(t, err, duijie.ErrRateLimited, path)
		assert.Equal(t, "199", apiCode(t, err), path)
		assert.Equal(t, 1, srv.Throttled(), path)
		srv.Close()
	}

	clk := newClock(0)
	srv := jushuitantest.NewServer(jushuitantest.WithClock(clk.Now), jushuitantest.WithRateLimit(0, jushuitan.DefaultCallsPerMinute))
	defer srv.Close()
	c := newClient(t, srv, configFor(srv, jushuitan.OpenAPI), clk, once)
	for i := range jushuitan.DefaultCallsPerMinute {
		assert.NotErrorIs(t, call(c, paths[i%len(paths)]), duijie.ErrRateLimited)
	}
	err := call(c, paths[len(paths)-1])
	require.ErrorIs(t, err, duijie.ErrRateLimited)
	assert.Equal(t, "200", apiCode(t, err))
}
