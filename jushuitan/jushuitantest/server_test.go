package jushuitantest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
)

const (
	uploadPath = "/open/jushuitan/orders/upload"
	shopsPath  = "/open/shops/query"
)

// calls counts the requests for one operation in either generation.
func calls(srv *jushuitantest.Server, g jushuitan.Generation, path, method string) int {
	if g == jushuitan.OpenAPI {
		return srv.Calls(path)
	}
	n := 0
	for _, e := range srv.Journal() {
		if e.Path == jushuitantest.LegacyPath && e.Query.Get("method") == method {
			n++
		}
	}
	return n
}

func apiCode(t *testing.T, err error) string {
	t.Helper()
	var e *duijie.APIError
	require.True(t, errors.As(err, &e), "%v is not an *APIError", err)
	return e.Code
}

func TestUploadIsKeyedByShopAndSoID(t *testing.T) {
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			srv, c, _ := pair(t, g)
			ctx := context.Background()
			res, err := c.UploadOrders(ctx, upload(order("SO1"), order("SO2")))
			require.NoError(t, err)
			first := res.Results[0].OID
			assert.NotZero(t, first)

			again := order("SO1")
			again.Remark = "加急"
			again.ShopStatus = jushuitan.StatusTradeClosed
			res, err = c.UploadOrders(ctx, upload(again))
			require.NoError(t, err)
			assert.Equal(t, first, res.Results[0].OID, "a re-upload updates the same ERP order")

			all := srv.Uploads()
			require.Len(t, all, 2, "never a duplicate")
			st, ok := srv.Uploaded(jushuitantest.ShopID, "SO1")
			require.True(t, ok)
			assert.Equal(t, 2, st.Uploads)
			assert.Equal(t, "加急", st.Raw["remark"])

			page, err := c.QueryOrders(ctx, &jushuitan.OrderQuery{SoIDs: []string{"SO1"}})
			require.NoError(t, err)
			require.Len(t, page.Items, 1)
			assert.Equal(t, first, page.Items[0].OID)
			assert.Equal(t, "加急", page.Items[0].Remark)
			assert.Equal(t, "Cancelled", page.Items[0].Status)
			assert.Equal(t, "TRADE_CLOSED", page.Items[0].ShopStatus)
		})
	}
}

func TestUploadPartialSuccess(t *testing.T) {
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			srv, c, _ := pair(t, g)
			srv.FailUpload("SO2", "商品编码不存在")
			other := order("SO3")
			other.ShopID = 424242
			res, err := c.UploadOrders(context.Background(), upload(order("SO1"), order("SO2"), other, order("SO4")))
			var be *duijie.BatchError
			require.True(t, errors.As(err, &be), "got %v", err)
			assert.Equal(t, []int{1, 2}, be.FailedIndexes())
			assert.Equal(t, 4, be.Total)
			require.NotNil(t, res)
			require.Len(t, res.Results, 4)
			assert.True(t, res.Results[0].OK)
			assert.True(t, res.Results[3].OK)
			assert.Equal(t, "商品编码不存在", res.Results[1].Message)
			assert.Equal(t, "店铺编号不存在", res.Results[2].Message)
			assert.Equal(t, "SO3", res.Results[2].SoID)
			assert.Len(t, srv.Uploads(), 2, "only the accepted orders are stored")
		})
	}
}

// An order the answer leaves out is reported as of unknown outcome, not as
// failed: here it did arrive (the fake stored it), and uploading it again
// updates it instead of making a second order.
func TestUploadRowMissingFromAnswerIsUnknown(t *testing.T) {
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			srv, c, _ := pair(t, g)
			srv.OmitUploadRow("SO2")
			res, err := c.UploadOrders(context.Background(), upload(order("SO1"), order("SO2")))
			var be *duijie.BatchError
			require.ErrorAs(t, err, &be)
			require.NotNil(t, res)
			assert.True(t, res.Results[0].OK)
			assert.True(t, res.Results[1].Unknown)
			assert.False(t, res.Results[1].OK)
			assert.Equal(t, []int{1}, be.UnknownIndexes())
			require.Len(t, be.Failed, 1)
			assert.True(t, be.Failed[0].OutcomeUnknown)
			_, ok := srv.Uploaded(jushuitantest.ShopID, "SO2")
			require.True(t, ok, "the order arrived although the answer did not say so")

			// Uploading the unknown order again settles it without a duplicate.
			res, err = c.UploadOrders(context.Background(), upload(order(res.Unknown()[0].SoID)))
			require.ErrorAs(t, err, &be, "the fake still leaves SO2 out of its answer")
			assert.True(t, res.Results[0].Unknown)
			stored, ok := srv.Uploaded(jushuitantest.ShopID, "SO2")
			require.True(t, ok)
			assert.Equal(t, 2, stored.Uploads, "updated, not duplicated")
			assert.Len(t, srv.Uploads(), 2)
		})
	}
}

// The fake refuses an empty province key and snake_case invoice keys, the
// two upload quirks the client must get right.
func TestFakeChecksUploadQuirks(t *testing.T) {
	srv, c, _ := pair(t, jushuitan.OpenAPI)
	var out struct {
		Datas []struct {
			IsSuccess bool   `json:"issuccess"`
			Msg       string `json:"msg"`
		} `json:"datas"`
	}
	body := `[{"shop_id":10001,"so_id":"Q1","order_date":"2024-05-01 10:00:00","shop_status":"WAIT_BUYER_PAY","receiver_state":"","items":[{"sku_id":"A","qty":1}]},` +
		`{"shop_id":10001,"so_id":"Q2","order_date":"2024-05-01 10:00:00","shop_status":"WAIT_BUYER_PAY","items":[{"sku_id":"A","qty":1}],"invoice":{"user_name":"x"}}]`
	require.NoError(t, c.Call(context.Background(), &jushuitan.CallRequest{Path: uploadPath, Params: json.RawMessage(body)}, &out))
	require.Len(t, out.Datas, 2)
	assert.False(t, out.Datas[0].IsSuccess)
	assert.Contains(t, out.Datas[0].Msg, "receiver_state")
	assert.False(t, out.Datas[1].IsSuccess)
	assert.Contains(t, out.Datas[1].Msg, "invoice")
	assert.Empty(t, srv.Uploads())

	// The client's encoding passes both checks.
	o := order("Q3")
	o.Invoice = &jushuitan.UploadInvoice{UserName: "王五", UserPhone: "010-1"}
	_, err := c.UploadOrders(context.Background(), upload(o))
	require.NoError(t, err)
}

func TestTooManyOrdersRefusedByTheFake(t *testing.T) {
	_, c, _ := pair(t, jushuitan.OpenAPI)
	list := make([]json.RawMessage, jushuitan.MaxUploadOrders+1)
	for i := range list {
		list[i] = json.RawMessage(`{}`)
	}
	err := c.Call(context.Background(), &jushuitan.CallRequest{Path: uploadPath, Params: list}, nil)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	assert.Equal(t, "140", apiCode(t, err))
}

// A refused token is renewed once and a read replayed; an upload is not
// replayed, and goes through when the caller sends it again.
func TestTokenRefusedRenewsOnceAndReplaysReadsOnly(t *testing.T) {
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			srv, c, _ := pair(t, g)
			ctx := context.Background()
			expire := func() {
				if g == jushuitan.Legacy {
					srv.ExpireLegacyToken()
				} else {
					srv.ExpireTokens()
				}
			}
			renewals := func() int {
				if g == jushuitan.Legacy {
					return calls(srv, g, "", "refresh.token")
				}
				return srv.Calls(jushuitan.PathRefreshToken)
			}

			expire()
			page, err := c.QueryShops(ctx, nil)
			require.NoError(t, err)
			assert.Len(t, page.Items, 1)
			assert.Equal(t, 2, calls(srv, g, shopsPath, "shops.query"), "refused once, replayed once")
			assert.Equal(t, 1, renewals())

			expire()
			res, err := c.UploadOrders(ctx, upload(order("SO1")))
			assert.Nil(t, res)
			require.ErrorIs(t, err, duijie.ErrAuth)
			assert.Equal(t, "100", apiCode(t, err))
			assert.Contains(t, err.Error(), "not replayed")
			assert.Equal(t, 1, calls(srv, g, uploadPath, "jushuitan.orders.upload"), "the upload is not replayed")
			assert.Equal(t, 2, renewals(), "but the token is renewed")
			assert.Empty(t, srv.Uploads())

			_, err = c.UploadOrders(ctx, upload(order("SO1")))
			require.NoError(t, err)
			assert.Len(t, srv.Uploads(), 1)
			assert.Equal(t, 2, renewals())
		})
	}
}

// Renewal happens once: a token refused again after the renewal is an error.
func TestTokenRenewedAtMostOncePerCall(t *testing.T) {
	srv, _, clk := pair(t, jushuitan.OpenAPI, jushuitantest.WithTokenLifetime(time.Nanosecond))
	cfg := srv.Config()
	cfg.TokenExpiresAt = time.Time{} // unknown: no refresh ahead of time
	c := newClient(t, srv, cfg, clk)
	_, err := c.QueryShops(context.Background(), nil)
	require.ErrorIs(t, err, duijie.ErrAuth)
	assert.Equal(t, "100", apiCode(t, err))
	assert.Equal(t, 1, srv.Calls(jushuitan.PathRefreshToken))
	assert.Equal(t, 2, srv.Calls(shopsPath))
}

func TestTokenRefreshedAheadOfExpiry(t *testing.T) {
	srv, c, clk := pair(t, jushuitan.OpenAPI)
	old := srv.CurrentToken()
	clk.Advance(30*24*time.Hour - 23*time.Hour) // inside the default 24h margin
	_, err := c.QueryShops(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, 1, srv.TokensIssued())
	j := srv.Journal()
	require.Len(t, j, 2)
	assert.Equal(t, jushuitan.PathRefreshToken, j[0].Path, "refreshed before the call")
	assert.Equal(t, shopsPath, j[1].Path)
	assert.NotEqual(t, old, srv.CurrentToken())
	assert.Equal(t, srv.CurrentToken(), formOf(j[1]).Get("access_token"))

	// Far from expiry: no refresh.
	_, err = c.QueryShops(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, 1, srv.TokensIssued())
}

func TestTokenStoreSharedByTwoClients(t *testing.T) {
	clk := newClock(time.Second)
	srv := jushuitantest.NewServer(jushuitantest.WithClock(clk.Now))
	defer srv.Close()
	store := jushuitan.NewMemoryTokenStore()
	cfg := srv.Config()
	cfg.TokenStore = store
	a := newClient(t, srv, cfg, clk)
	b := newClient(t, srv, cfg, clk)
	ctx := context.Background()

	srv.ExpireTokens()
	_, err := a.QueryShops(ctx, nil)
	require.NoError(t, err)
	require.Equal(t, 1, srv.TokensIssued())
	// b was configured with the old token, which the refresh revoked; it
	// reads the new one from the store and never refreshes.
	_, err = b.QueryShops(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, srv.TokensIssued())
	assert.Equal(t, 1, srv.Calls(jushuitan.PathRefreshToken))
	tok, err := store.Load(ctx, jushuitantest.AppKey)
	require.NoError(t, err)
	assert.Equal(t, srv.CurrentToken(), tok.AccessToken.Reveal())

	// Ahead of expiry, the first client to notice refreshes for both.
	clk.Advance(30*24*time.Hour - time.Hour)
	_, err = b.QueryShops(ctx, nil)
	require.NoError(t, err)
	_, err = a.QueryShops(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, srv.TokensIssued())
}

// Clients sharing a store renew a refused token once between them, even
// when they notice at the same moment.
func TestTokenStoreSerialisesRenewals(t *testing.T) {
	clk := newClock(time.Second)
	srv := jushuitantest.NewServer(jushuitantest.WithClock(clk.Now), jushuitantest.WithRateLimit(0, 0))
	defer srv.Close()
	cfg := srv.Config()
	cfg.TokenStore = jushuitan.NewMemoryTokenStore()
	clients := []*jushuitan.Client{newClient(t, srv, cfg, clk), newClient(t, srv, cfg, clk), newClient(t, srv, cfg, clk)}
	for round := 1; round <= 5; round++ {
		srv.ExpireTokens()
		errs := make(chan error, len(clients))
		for _, c := range clients {
			go func() {
				_, err := c.QueryShops(context.Background(), nil)
				errs <- err
			}()
		}
		for range clients {
			require.NoError(t, <-errs)
		}
		assert.Equal(t, round, srv.TokensIssued(), "one renewal per round")
	}
}

// Code 150: a third-party app may not refresh; the merchant must
// re-authorize, and the error says so.
func TestRefreshForbiddenForISV(t *testing.T) {
	for _, declared := range []bool{false, true} {
		srv, c, _ := pair(t, jushuitan.OpenAPI, jushuitantest.WithISV())
		if declared {
			cfg := srv.Config()
			cfg.ISV = true
			c = newClient(t, srv, cfg, newClock(50*time.Millisecond))
		}
		srv.ExpireTokens()
		_, err := c.QueryShops(context.Background(), nil)
		require.ErrorIs(t, err, jushuitan.ErrMustReauthorize)
		require.ErrorIs(t, err, duijie.ErrAuth)
		assert.Contains(t, err.Error(), "re-authorize")
		if declared {
			assert.Zero(t, srv.Calls(jushuitan.PathRefreshToken), "an ISV client does not even try")
		} else {
			assert.Equal(t, 1, srv.Calls(jushuitan.PathRefreshToken))
			var e *duijie.APIError
			require.True(t, errors.As(err, &e))
			assert.Equal(t, "150", e.Code)
		}
		assert.Equal(t, 1, srv.Calls(shopsPath), "nothing replayed")
	}
}

func TestTokenCalls(t *testing.T) {
	srv, c, _ := pair(t, jushuitan.OpenAPI)
	ctx := context.Background()
	tok, err := c.GetInitToken(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, srv.CurrentToken(), tok.AccessToken.Reveal())
	assert.WithinDuration(t, start.Add(30*24*time.Hour), tok.ExpiresAt, time.Second, "expires_in is counted from the call")
	assert.Len(t, formOf(srv.Journal()[0]).Get("code"), 6, "a random 6-character code")

	_, err = c.GetAccessToken(ctx, &jushuitan.AccessTokenRequest{Code: "wrong"})
	require.ErrorIs(t, err, duijie.ErrAuth)
	tok, err = c.GetAccessToken(ctx, &jushuitan.AccessTokenRequest{Code: jushuitantest.AuthCode})
	require.NoError(t, err)
	assert.Equal(t, "all", tok.Scope)

	before := tok.AccessToken
	tok, err = c.RefreshAccessToken(ctx)
	require.NoError(t, err)
	assert.NotEqual(t, before, tok.AccessToken)
	_, err = c.QueryShops(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 3, srv.TokensIssued())
}

// AutoInitToken: a self-developed app with no token gets one by itself.
func TestAutoInitToken(t *testing.T) {
	clk := newClock(time.Second)
	srv := jushuitantest.NewServer(jushuitantest.WithClock(clk.Now))
	defer srv.Close()
	c := newClient(t, srv, jushuitan.Config{AppKey: jushuitantest.AppKey, AppSecret: jushuitantest.AppSecret, AutoInitToken: true}, clk)
	_, err := c.QueryShops(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, 1, srv.Calls(jushuitan.PathInitToken))
	assert.Equal(t, 1, srv.TokensIssued())
}

func TestErrorClassesFromTheFake(t *testing.T) {
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			ctx := context.Background()
			check := func(t *testing.T, err error, class error, code string) {
				t.Helper()
				require.ErrorIs(t, err, class)
				assert.Equal(t, code, apiCode(t, err))
			}

			t.Run("signature", func(t *testing.T) {
				srv, _, clk := pair(t, g)
				cfg := configFor(srv, g)
				cfg.AppSecret, cfg.PartnerKey = "not-the-secret", "not-the-key"
				_, err := newClient(t, srv, cfg, clk).QueryShops(ctx, nil)
				if g == jushuitan.Legacy {
					check(t, err, duijie.ErrSignature, "120")
				} else {
					check(t, err, duijie.ErrSignature, "10")
				}
				assert.Equal(t, 1, len(srv.Journal()), "not retried")
			})
			t.Run("timestamp", func(t *testing.T) {
				srv, _, clk := pair(t, g)
				skewed := func() time.Time { return clk.Now().Add(-20 * time.Minute) }
				_, err := newClient(t, srv, configFor(srv, g), clk, duijie.WithClock(skewed)).QueryShops(ctx, nil)
				if g == jushuitan.Legacy {
					check(t, err, duijie.ErrSignature, "180")
				} else {
					check(t, err, duijie.ErrSignature, "140")
				}
			})
			t.Run("ip whitelist", func(t *testing.T) {
				srv, c, _ := pair(t, g)
				srv.RefuseIP(true)
				_, err := c.QueryShops(ctx, nil)
				check(t, err, duijie.ErrAuth, "110")
				assert.Equal(t, 1, len(srv.Journal()))
			})
			t.Run("permission", func(t *testing.T) {
				srv, c, _ := pair(t, g)
				srv.DenyPermission(shopsPath)
				srv.DenyPermission("shops.query")
				_, err := c.QueryShops(ctx, nil)
				check(t, err, duijie.ErrAuth, "190")
				_, err = c.QueryWarehouses(ctx, nil)
				require.NoError(t, err, "other operations still work")
			})
			t.Run("bad token", func(t *testing.T) {
				srv, _, clk := pair(t, g)
				cfg := configFor(srv, g)
				cfg.AccessToken, cfg.RefreshToken, cfg.TokenExpiresAt, cfg.Token = "bogus-token", "", time.Time{}, "bogus-token"
				_, err := newClient(t, srv, cfg, clk).QueryShops(ctx, nil)
				check(t, err, duijie.ErrAuth, "100")
			})
			t.Run("per second", func(t *testing.T) {
				clk := newClock(0) // every call lands in the same second
				srv := jushuitantest.NewServer(jushuitantest.WithClock(clk.Now))
				defer srv.Close()
				c := newClient(t, srv, configFor(srv, g), clk)
				for range jushuitan.DefaultCallsPerSecond {
					_, err := c.QueryShops(ctx, nil)
					require.NoError(t, err)
				}
				_, err := c.QueryShops(ctx, nil)
				check(t, err, duijie.ErrRateLimited, "199")
				assert.Equal(t, 3, srv.Throttled(), "retried twice with backoff, then given up")
				assert.Equal(t, jushuitan.DefaultCallsPerSecond+3, len(srv.Journal()))
			})
			t.Run("per minute", func(t *testing.T) {
				clk := newClock(time.Second) // spread out, but past 3 a minute
				srv := jushuitantest.NewServer(jushuitantest.WithClock(clk.Now), jushuitantest.WithRateLimit(0, 3))
				defer srv.Close()
				c := newClient(t, srv, configFor(srv, g), clk)
				for range 3 {
					_, err := c.QueryShops(ctx, nil)
					require.NoError(t, err)
				}
				_, err := c.QueryShops(ctx, nil)
				check(t, err, duijie.ErrRateLimited, "200")
				assert.Equal(t, 3, srv.Throttled())
			})
			t.Run("throttle then success", func(t *testing.T) {
				srv, c, _ := pair(t, g)
				srv.FailNext(2, jushuitantest.ThrottleFault())
				_, err := c.UploadOrders(ctx, upload(order("SO1")))
				require.NoError(t, err, "throttled uploads are retried: the vendor did not process them")
				assert.Equal(t, 2, srv.FaultsInjected(duijietest.FaultBody))
				assert.Equal(t, 3, len(srv.Journal()))
				assert.Len(t, srv.Uploads(), 1)
			})
			t.Run("minute throttle then success", func(t *testing.T) {
				srv, c, _ := pair(t, g)
				srv.FailNext(1, jushuitantest.MinuteThrottleFault())
				_, err := c.QueryShops(ctx, nil)
				require.NoError(t, err)
				assert.Equal(t, 2, len(srv.Journal()))
			})
			t.Run("page size over the maximum", func(t *testing.T) {
				_, c, _ := pair(t, g)
				err := c.Call(ctx, &jushuitan.CallRequest{Path: "/open/inventory/query", Method: "inventory.query",
					Params: map[string]any{"sku_ids": "A", "page_size": 101}, SafeToReplay: true}, nil)
				check(t, err, duijie.ErrInvalidRequest, "140")
				orders := func(size int) *jushuitan.CallRequest {
					return &jushuitan.CallRequest{Path: "/open/orders/single/query", Method: "orders.single.query",
						Params: map[string]any{"so_ids": []string{"x"}, "page_size": size}, SafeToReplay: true}
				}
				max := jushuitan.MaxOrderPageSize
				if g == jushuitan.Legacy {
					max = jushuitan.MaxLegacyOrderPageSize
				}
				require.NoError(t, c.Call(ctx, orders(max), nil))
				err = c.Call(ctx, orders(max+1), nil)
				check(t, err, duijie.ErrInvalidRequest, "140")
			})
		})
	}
}

// Faults come through the kit: a busy proxy is retried for reads; a reset
// after the upload was applied is reported and not replayed, and sending it
// again updates the same order.
func TestFaults(t *testing.T) {
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			srv, c, _ := pair(t, g)
			ctx := context.Background()
			srv.FailNext(1, jushuitantest.BusyFault())
			_, err := c.QueryShops(ctx, nil)
			require.NoError(t, err)
			assert.Equal(t, 2, len(srv.Journal()))

			srv.FailNext(1, duijietest.Fault{Kind: duijietest.FaultResetAfter})
			_, err = c.UploadOrders(ctx, upload(order("SO1")))
			var te *duijie.TransportError
			require.True(t, errors.As(err, &te), "got %v", err)
			assert.True(t, te.MayHaveReachedServer)
			assert.Equal(t, 1, te.Attempts)
			st, ok := srv.Uploaded(jushuitantest.ShopID, "SO1")
			require.True(t, ok, "the fake applied it before the reset")
			assert.Equal(t, 1, st.Uploads)

			_, err = c.UploadOrders(ctx, upload(order("SO1")))
			require.NoError(t, err)
			st, _ = srv.Uploaded(jushuitantest.ShopID, "SO1")
			assert.Equal(t, 2, st.Uploads)
			assert.Len(t, srv.Uploads(), 1)

			srv.FailNext(1, jushuitantest.BusyFault())
			_, err = c.UploadOrders(ctx, upload(order("SO2")))
			require.ErrorIs(t, err, duijie.ErrTemporary)
			_, ok = srv.Uploaded(jushuitantest.ShopID, "SO2")
			assert.False(t, ok)
		})
	}
}

func TestShopsAndWarehouses(t *testing.T) {
	for _, g := range generations {
		t.Run(g.String(), func(t *testing.T) {
			srv, c, _ := pair(t, g)
			for i := range 250 {
				srv.AddShop(jushuitan.Shop{ShopID: duijie.Int64(20000 + i), ShopName: "店", Nick: "nick"})
			}
			srv.AddWarehouse(jushuitan.Warehouse{Name: "分仓", WmsCoID: 30001})
			seen := map[int64]bool{}
			for sh, err := range c.Shops(context.Background(), &jushuitan.ShopQuery{PageSize: 40}) {
				require.NoError(t, err)
				assert.False(t, seen[int64(sh.ShopID)], "shop %d twice", sh.ShopID)
				seen[int64(sh.ShopID)] = true
			}
			assert.Len(t, seen, 251)
			assert.Equal(t, 7, calls(srv, g, shopsPath, "shops.query"))

			page, err := c.QueryShops(context.Background(), &jushuitan.ShopQuery{ShopIDs: []int64{jushuitantest.ShopID}})
			require.NoError(t, err)
			require.Len(t, page.Items, 1)
			assert.Equal(t, "------永久授权------", page.Items[0].SessionExpired)

			var wms []int64
			for w, err := range c.Warehouses(context.Background(), nil) {
				require.NoError(t, err)
				wms = append(wms, int64(w.WmsCoID))
			}
			assert.Equal(t, []int64{jushuitantest.WmsCoID, 30001}, wms)
		})
	}
}

// The legacy fake answers shops.query under shops and datas in turn (the
// two documented keys); the client reads the shop from both.
func TestLegacyShopsEveryListKey(t *testing.T) {
	srv := jushuitantest.NewServer(jushuitantest.WithRateLimit(0, 0))
	t.Cleanup(srv.Close)
	rec := &bodyRecorder{}
	c, err := jushuitan.NewClient(srv.LegacyConfig(), duijie.WithBaseURL(srv.LegacyURL()),
		duijie.WithHTTPClient(&http.Client{Transport: rec}))
	require.NoError(t, err)
	for i := range 2 {
		page, err := c.QueryShops(context.Background(), nil)
		require.NoError(t, err)
		require.Len(t, page.Items, 1, "answer %d", i)
		assert.Equal(t, duijie.Int64(jushuitantest.ShopID), page.Items[0].ShopID)
	}
	require.Len(t, rec.bodies, 2)
	assert.Contains(t, rec.bodies[0], `"shops":[`)
	assert.Contains(t, rec.bodies[1], `"datas":[`)
}

// bodyRecorder keeps the answers' bodies.
type bodyRecorder struct{ bodies []string }

func (r *bodyRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return nil, err
	}
	r.bodies = append(r.bodies, string(b))
	res.Body = io.NopCloser(bytes.NewReader(b))
	return res, nil
}
