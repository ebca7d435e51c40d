package scaletest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/kingdee/kingdeetest"
	"github.com/duijie/duijie/mapping"
	"github.com/duijie/duijie/store/postgres"
	"github.com/duijie/duijie/store/redis"
	"github.com/duijie/duijie/wangdiantong"
	"github.com/duijie/duijie/wangdiantong/wangdiantongtest"
)

// The lease scenario: stock-ins every three minutes over three one-hour
// windows, delivered five bills to a BatchSave.
const (
	leaseScheme   = "wdt-refund-stockin→kingdee"
	leaseWorkers  = 3
	leaseWindows  = 3
	leasePerHour  = 20
	leaseBatch    = 5
	leaseTTL      = 2 * time.Second
	leaseLag      = 5 * time.Minute
	leaseOverlap  = 10 * time.Minute
	leaseBillPref = "WDT-"
)

// leaseDay is where the scheme starts.
var leaseDay = time.Date(2026, 11, 19, 0, 0, 0, 0, duijie.CST())

// stockinNo is the number of the i-th stock-in.
func stockinNo(i int) string { return fmt.Sprintf("RK2026%04d", i) }

// TestLeaseTakeover: three worker processes run the same sync scheme, WDT
// refund stock-ins into Kingdee sales returns, through mapping.Sync with
// shared leases (TTL 2 s) and checkpoints; each delivers a window in
// BatchSaves of five bills with SkipExisting (the look-up by number). The
// Kingdee fake sits behind a gate that holds the first BatchSave arriving
// once the fake holds the first window's bills and the first batch of the
// second: the worker that sent it holds the lease, in the middle of the
// second window. It is killed with SIGKILL; its request is never
// forwarded. The other workers keep trying; once the dead worker's lease
// has run out one of them takes the scheme, resumes from the checkpoint
// (the end of the first window), reads the second window again and skips
// the bills already there. At the end every bill is in Kingdee exactly
// once, no number was refused as taken, the checkpoint is past the last
// window, and the second window was finished by another worker. It runs
// with the leases and checkpoints in Redis, then in PostgreSQL.
func TestLeaseTakeover(t *testing.T) {
	t.Run("redis", func(t *testing.T) {
		addr, prefix := redisServer(t)
		leaseTakeover(t, map[string]string{"STORE": "redis", "REDIS": addr, "PREFIX": prefix})
	})
	t.Run("postgres", func(t *testing.T) {
		conn, schema := postgresServer(t)
		leaseTakeover(t, map[string]string{"STORE": "postgres", "POSTGRES": conn, "SCHEMA": schema})
	})
}

// leaseTakeover runs the scenario with the workers' state in the store
// that store names.
func leaseTakeover(t *testing.T, store map[string]string) {
	wdt := wangdiantongtest.NewServer(wangdiantongtest.WithRateLimit(0))
	defer wdt.Close()
	kd := kingdeetest.NewServer()
	defer kd.Close()
	n := leaseWindows * leasePerHour
	want := make([]string, n)
	for i := range n {
		at := leaseDay.Add(time.Minute + time.Duration(i)*3*time.Minute)
		sku := []string{"SKU-RED", "SKU-BLUE"}[i%2]
		wdt.AddRefundStockin(wangdiantong.RefundStockin{
			OrderNo: duijie.Text(stockinNo(i)), ShopNo: "TMALL-01", WarehouseNo: "WH-SZ", Status: "80",
			StockinTime: duijie.NewTime(at), RefundRemark: "七天无理由",
			Details: []wangdiantong.RefundStockinDetail{{SpecNo: duijie.Text(sku), GoodsCount: duijie.AmountFromInt(1),
				Num: duijie.AmountFromInt(1), SrcPrice: duijie.AmountFromCents(19900), TaxPrice: duijie.AmountFromCents(17900),
				Tax: duijie.AmountFromCents(13)}},
		}, at)
		want[i] = mapping.SalReturnBillNo(leaseBillPref, stockinNo(i))
	}
	// The moment: the first window delivered and one batch of the second.
	g := newGate(t, kd, leasePerHour+leaseBatch)
	now := leaseDay.Add(leaseWindows*time.Hour + leaseLag)
	settings := func(name string) map[string]string {
		m := map[string]string{"NAME": name, "WDT": wdt.URL(), "KINGDEE": g.url + kingdeetest.SitePath,
			"NOW": strconv.FormatInt(now.Unix(), 10)}
		maps.Copy(m, store)
		return m
	}
	workers := map[string]*worker{}
	for i := range leaseWorkers {
		name := fmt.Sprintf("scale-lease-worker-%d", i+1)
		workers[name] = startWorker(t, name, "lease", settings(name))
	}

	var holder string
	select {
	case holder = <-g.held:
	case <-time.After(2 * time.Minute): // only a broken run waits this long
		t.Fatalf("no BatchSave reached the gate; the fake holds %d bills", len(kd.Bills(kingdee.FormSalReturnStock)))
	}
	atKill := len(kd.Bills(kingdee.FormSalReturnStock))
	victim := workers[holder]
	if victim == nil {
		t.Fatalf("the held BatchSave came from %q, not a worker", holder)
	}
	victim.kill()
	if !victim.killedBySignal() {
		t.Fatalf("%s ended by %v, not SIGKILL", holder, victim.cmd.ProcessState)
	}
	g.open()
	for name, w := range workers {
		if name != holder {
			w.wait(t, 2*time.Minute)
		}
	}

	bills := kd.Bills(kingdee.FormSalReturnStock)
	var got []string
	for _, b := range bills {
		got = append(got, b.Number)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("Kingdee holds %d bills %v, want each of the %d once", len(got), got, len(want))
	}
	if r := kd.RepeatedNumbers(); r != 0 {
		t.Errorf("%d saves were refused because the number was taken, want 0", r)
	}
	if atKill != leasePerHour+leaseBatch {
		t.Errorf("the holder was killed when Kingdee held %d bills, want %d (mid-window)", atKill, leasePerHour+leaseBatch)
	}
	checkpoints, _, closeStore, err := openState(context.Background(), func(k string) string { return store[k] })
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	cp, ok, err := checkpoints.LoadCheckpoint(context.Background(), leaseScheme)
	if err != nil || !ok || cp.LastSyncTime.Before(now.Add(-leaseLag)) {
		t.Errorf("checkpoint %v (stored %v, %v), want %v: every window done", cp.LastSyncTime, ok, err, now.Add(-leaseLag))
	}
	after := g.sendersAfterOpen()
	if len(after) == 0 || slices.Contains(after, holder) {
		t.Errorf("BatchSaves after the kill came from %v: want another worker, not %s", after, holder)
	}
	t.Logf("%s, %d workers, lease TTL %s: %s killed holding the lease with %d of %d bills in Kingdee (window 2 of %d, %d bills a BatchSave); %v took over and sent its first BatchSave %s after the kill; %d bills, each once; %d numbers refused as taken",
		store["STORE"], leaseWorkers, leaseTTL, holder, atKill, n, leaseWindows, leaseBatch, after, g.takeover().Round(10*time.Millisecond), len(bills), kd.RepeatedNumbers())
}

// gate is a reverse proxy in front of the Kingdee fake that holds the
// first BatchSave arriving once the fake holds at least `at` sales
// returns, and never forwards it.
type gate struct {
	url  string
	held chan string // the User-Agent of the held request

	mu         sync.Mutex
	caught     bool
	opened     bool
	after      []string // User-Agents of BatchSaves forwarded after open
	openAt     time.Time
	firstAfter time.Time // the first BatchSave after open
	release    chan struct{}
}

func newGate(t *testing.T, kd *kingdeetest.Server, at int) *gate {
	t.Helper()
	u, err := url.Parse(kd.Server.URL())
	if err != nil {
		t.Fatal(err)
	}
	g := &gate{held: make(chan string, 1), release: make(chan struct{})}
	p := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "DynamicFormService.BatchSave") {
			ua := r.Header.Get("User-Agent")
			g.mu.Lock()
			hold := !g.caught && len(kd.Bills(kingdee.FormSalReturnStock)) >= at
			if hold {
				g.caught = true
			}
			if g.opened {
				g.after = append(g.after, workerName(ua))
				if g.firstAfter.IsZero() {
					g.firstAfter = time.Now()
				}
			}
			g.mu.Unlock()
			if hold {
				g.held <- workerName(ua)
				<-g.release
				http.Error(w, "the sender was killed", http.StatusBadGateway)
				return
			}
		}
		p.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		g.open()
		srv.Close()
	})
	g.url = srv.URL
	return g
}

// open lets every BatchSave through from now on.
func (g *gate) open() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.opened {
		g.opened, g.openAt = true, time.Now()
		close(g.release)
	}
}

// takeover returns how long after open the first BatchSave came.
func (g *gate) takeover() time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.firstAfter.Sub(g.openAt)
}

// sendersAfterOpen returns the workers whose BatchSaves passed after open.
func (g *gate) sendersAfterOpen() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []string
	for _, n := range g.after {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// workerName is the worker name in a User-Agent header.
func workerName(ua string) string {
	for f := range strings.FieldsSeq(ua) {
		if strings.HasPrefix(f, "scale-") {
			return f
		}
	}
	return ua
}

// leaseWorker runs the scheme until it is done: every run that finds the
// lease held elsewhere, or loses it, is tried again a little later.
func leaseWorker(ctx context.Context) error {
	at, err := strconv.ParseInt(setting("NOW"), 10, 64)
	if err != nil {
		return err
	}
	now := time.Unix(at, 0)
	checkpoints, leases, closeStore, err := openState(ctx, setting)
	if err != nil {
		return err
	}
	defer closeStore()
	name := setting("NAME")
	wdt, err := wangdiantong.NewClient(wangdiantong.Config{SID: wangdiantongtest.SID, AppKey: wangdiantongtest.AppKey,
		AppSecret: wangdiantongtest.AppSecret}, duijie.WithBaseURL(setting("WDT")), duijie.WithRateLimit(), duijie.WithUserAgent(name))
	if err != nil {
		return err
	}
	kd, err := kingdee.NewClient(kingdee.Config{ServerURL: setting("KINGDEE"), AcctID: kingdeetest.AcctID, UserName: kingdeetest.UserName,
		AppID: kingdeetest.AppID, AppSecret: kingdeetest.AppSecret, Password: kingdeetest.Password, Auth: kingdee.AuthSignedHeaders},
		duijie.WithRateLimit(), duijie.WithUserAgent(name))
	if err != nil {
		return err
	}
	conv, err := mapping.NewSalReturnConverter(mapping.SalReturnOptions{BillNoPrefix: leaseBillPref, SaleOrg: "100",
		Customers: mapping.Codes{"TMALL-01": "CUST.TMALL"}, Materials: mapping.Codes{"SKU-RED": "MAT.1001", "SKU-BLUE": "MAT.1002"},
		Warehouses: mapping.Codes{"WH-SZ": "CK01"}, Qty: mapping.QtyNum, Price: mapping.PriceTax, Tax: mapping.TaxLine})
	if err != nil {
		return err
	}
	sync := &mapping.Sync[wangdiantong.RefundStockin]{
		Scheme: leaseScheme,
		Store:  checkpoints,
		Policy: mapping.SyncPolicy{Start: leaseDay, Lag: leaseLag, MaxWindow: time.Hour, Overlap: leaseOverlap},
		Key:    func(r wangdiantong.RefundStockin) string { return string(r.OrderNo) },
		Fetch: func(ctx context.Context, w mapping.Window) iter.Seq2[wangdiantong.RefundStockin, error] {
			return wdt.RefundStockins(ctx, wangdiantong.RefundStockinQuery{PageSize: 100}.InWindow(w.From, w.To))
		},
		Deliver: func(ctx context.Context, _ mapping.Window, records []wangdiantong.RefundStockin) error {
			return deliver(ctx, kd, conv, records)
		},
		Leases:   leases,
		Owner:    name,
		LeaseTTL: leaseTTL,
	}
	for {
		_, err := sync.Run(ctx, now)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, mapping.ErrLeaseHeld), errors.Is(err, mapping.ErrLeaseLost):
		default:
			fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		}
		// A pause between tries, not a synchronisation: another worker
		// holds the scheme, or a window failed and is tried again.
		time.Sleep(100 * time.Millisecond)
	}
}

// openState opens the checkpoints and leases of the store the settings
// name: STORE is "redis" (REDIS the address, PREFIX the key prefix) or
// "postgres" (POSTGRES the connection string, SCHEMA the schema).
func openState(ctx context.Context, setting func(string) string) (mapping.CheckpointStore, mapping.LeaseStore, func(), error) {
	switch setting("STORE") {
	case "redis":
		rdb := goredis.NewClient(&goredis.Options{Addr: setting("REDIS")})
		st, err := redis.New(rdb, redis.WithPrefix(setting("PREFIX")))
		if err != nil {
			rdb.Close()
			return nil, nil, nil, err
		}
		return st.Checkpoints(), st.Leases(), func() { rdb.Close() }, nil
	case "postgres":
		st, err := postgres.Open(ctx, setting("POSTGRES"), postgres.WithSchema(setting("SCHEMA")))
		if err != nil {
			return nil, nil, nil, err
		}
		return st.Checkpoints(), st.Leases(), st.Close, nil
	}
	return nil, nil, nil, fmt.Errorf("unknown store %q", setting("STORE"))
}

// deliver converts a window's stock-ins and saves them in batches, each
// with SkipExisting: a bill saved by an earlier holder of the window is
// found by number and skipped.
func deliver(ctx context.Context, kd *kingdee.Client, conv *mapping.SalReturnConverter, records []wangdiantong.RefundStockin) error {
	bills := make([]kingdee.SalReturnStock, 0, len(records))
	for i := range records {
		b, err := conv.Convert(&records[i])
		if err != nil {
			return err
		}
		bills = append(bills, *b)
	}
	for part := range slices.Chunk(bills, leaseBatch) {
		res, err := kd.SaveSalReturns(ctx, &kingdee.SaveSalReturnsRequest{Bills: part, SkipExisting: true})
		if err != nil {
			return err
		}
		if res.Saved() != len(part) {
			return fmt.Errorf("%d of %d bills saved", res.Saved(), len(part))
		}
	}
	return nil
}
