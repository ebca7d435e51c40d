package scaletest

import (
	"bufio"
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/jushuitan/jushuitantest"
	"github.com/duijie/duijie/store/redis"
)

// TestOneRefresh: a Jushuitan token is in Redis (store/redis.Tokens) and
// due for renewal: it expires within the clients' RefreshAhead. Two worker
// processes, each with a client of that token store, are released at once
// and each makes a call that needs the token renewed. The store's lock
// lets one of them refresh; the other, once it has the lock, finds the new
// token and uses it. Exactly one refresh reaches the fake (which retires a
// refresh token once used), and both business calls carry the new access
// token.
func TestOneRefresh(t *testing.T) {
	addr, prefix := redisServer(t)
	srv := jushuitantest.NewServer()
	defer srv.Close()
	st, err := redis.New(goredis.NewClient(&goredis.Options{Addr: addr}), redis.WithPrefix(prefix))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	old := jushuitan.Token{AccessToken: jushuitantest.AccessToken, RefreshToken: jushuitantest.RefreshToken,
		ExpiresAt: time.Now().Add(time.Hour)} // within DefaultRefreshAhead (24 h)
	if err := st.Tokens().Save(ctx, jushuitantest.AppKey, &old); err != nil {
		t.Fatal(err)
	}
	var workers []*worker
	for i := range 2 {
		name := fmt.Sprintf("scale-token-worker-%d", i+1)
		workers = append(workers, startWorker(t, name, "token", map[string]string{"REDIS": addr, "PREFIX": prefix,
			"URL": srv.URL(), "NAME": name}))
	}
	for _, w := range workers {
		w.expectLine(t, "ready")
	}
	for _, w := range workers {
		if _, err := fmt.Fprintln(w.stdin, "go"); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range workers {
		w.expectLine(t, "ok")
		w.wait(t, time.Minute)
	}

	// Refresh requests that reached the fake, refused ones included, and
	// the tokens it issued for them.
	if n, issued := srv.Calls(jushuitan.PathRefreshToken), srv.Refreshes(); n != 1 || issued != 1 {
		t.Errorf("%d refresh requests reached the fake and it issued %d tokens, want 1 and 1", n, issued)
	}
	fresh := srv.CurrentToken()
	if fresh == jushuitantest.AccessToken {
		t.Fatalf("the fake's token is still the first one")
	}
	calls := 0
	for _, e := range srv.Journal() {
		if !strings.HasPrefix(e.Path, "/open/shops/") {
			continue
		}
		calls++
		form, err := url.ParseQuery(string(e.Body))
		if err != nil {
			t.Fatal(err)
		}
		if got := form.Get("access_token"); got != fresh {
			t.Errorf("%s called with access token %q, want the new one %q", workerName(e.Header.Get("User-Agent")), got, fresh)
		}
	}
	if calls != 2 {
		t.Errorf("%d shop queries reached the fake, want 2 (one a process)", calls)
	}
	if tok, err := st.Tokens().Load(ctx, jushuitantest.AppKey); err != nil || tok.AccessToken.Reveal() != fresh {
		t.Errorf("stored token %v, %v; want the new one", tok, err)
	}
	t.Logf("2 processes, one token due for renewal: %d refresh request reached the fake; %d calls, each with the new token",
		srv.Calls(jushuitan.PathRefreshToken), calls)
}

// tokenWorker builds a client on the shared token store, says "ready",
// waits for "go" on stdin, makes one call and says "ok".
func tokenWorker(ctx context.Context) error {
	st, err := redis.New(goredis.NewClient(&goredis.Options{Addr: setting("REDIS")}), redis.WithPrefix(setting("PREFIX")))
	if err != nil {
		return err
	}
	c, err := jushuitan.NewClient(jushuitan.Config{AppKey: jushuitantest.AppKey, AppSecret: jushuitantest.AppSecret,
		TokenStore: st.Tokens()}, duijie.WithBaseURL(setting("URL")), duijie.WithUserAgent(setting("NAME")))
	if err != nil {
		return err
	}
	fmt.Println("ready")
	in := bufio.NewScanner(os.Stdin)
	if !in.Scan() || in.Text() != "go" {
		return fmt.Errorf("no go: %q, %v", in.Text(), in.Err())
	}
	page, err := c.QueryShops(ctx, nil)
	if err != nil {
		return err
	}
	fmt.Printf("ok %d shops\n", len(page.Items))
	return nil
}
