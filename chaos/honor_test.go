package chaos_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/duijietest"
	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/honor/honortest"
	"github.com/duijie/duijie/internal/logcapture"
)

// signRecorder keeps every sign value a client sends, so a test can assert
// that none of them reaches a log or an error.
type signRecorder struct {
	base  http.RoundTripper
	mu    sync.Mutex
	signs map[string]bool
}

func (r *signRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.GetBody != nil {
		if body, err := req.GetBody(); err == nil {
			b, _ := io.ReadAll(body)
			if form, err := url.ParseQuery(string(b)); err == nil && form.Get(honor.ParamSign) != "" {
				r.mu.Lock()
				r.signs[form.Get(honor.ParamSign)] = true
				r.mu.Unlock()
			}
		}
	}
	return r.base.RoundTrip(req)
}

// hexRun finds anything shaped like the default signature.
var hexRun = regexp.MustCompile(`[0-9A-Fa-f]{64}`)

// leaked returns the sign values sent that appear in text.
func (r *signRecorder) leaked(text string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, s := range hexRun.FindAllString(text, -1) {
		if r.signs[strings.ToUpper(s)] {
			out = append(out, s)
		}
	}
	return out
}

// assertNoSecret checks the log and the errors for the app key and for any
// sign value the client sent.
func assertNoSecret(t *testing.T, logs *logcapture.Capture, signs *signRecorder, errs []error) {
	t.Helper()
	assert.Empty(t, logs.Leaks([]string{honortest.AppKey}, errs...))
	text := logs.String()
	for _, err := range errs {
		text += "\n" + err.Error()
	}
	assert.Empty(t, signs.leaked(text))
	assert.Positive(t, len(signs.signs))
}

// honorChaos starts a fake injecting the standard mix and a client with a
// capturing logger and a sign recorder.
func honorChaos(t *testing.T, seed int64, attempts int) (*honortest.Server, *honor.Client, *logcapture.Capture, *signRecorder) {
	t.Helper()
	srv := honortest.NewServer(honortest.WithSeed(seed))
	t.Cleanup(srv.Close)
	srv.Inject(chaosPlan(honortest.Throttle())...)
	logger, logs := logcapture.New()
	signs := &signRecorder{base: duijietest.ClientTransport(nil), signs: map[string]bool{}}
	hc := chaosClient()
	hc.Transport = signs
	c, err := honor.NewClient(srv.Config(), duijie.WithBaseURL(srv.URL()), duijie.WithHTTPClient(hc),
		duijie.WithRetry(duijie.RetryPolicy{MaxAttempts: attempts, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond}),
		duijie.WithRateLimit(), duijie.WithLogger(logger))
	require.NoError(t, err)
	return srv, c, logs, signs
}

// inParallel runs send for every index with a few workers and returns the
// indexes whose send failed, with their errors.
func inParallel(n int, send func(i int) error) (failed []int, errs []error) {
	var mu sync.Mutex
	work := make(chan int)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if err := send(i); err != nil {
					mu.Lock()
					failed, errs = append(failed, i), append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
	return failed, errs
}

func TestHonorShipmentFeedbackUnderChaosStoresEveryOutboundOnce(t *testing.T) {
	srv, c, logs, signs := honorChaos(t, 11, 4)
	at := duijie.NewTime(time.Date(2026, 11, 21, 9, 0, 0, 0, duijie.CST()))
	feedback := make([]*honor.VFShipmentFeedback, records)
	for i := range feedback {
		orderNo := fmt.Sprintf("VF%05d", i)
		srv.AddOrder(honor.VFOrder{OrderNo: orderNo, CustomerCode: "C1", Lines: []honor.VFOrderLine{{LineNo: "1", GoodsCode: "G1", Quantity: duijie.AmountFromInt(1)}}})
		feedback[i] = &honor.VFShipmentFeedback{Origin: honor.OriginHimall, OrderNo: orderNo, OutboundNo: fmt.Sprintf("PF%05d", i),
			OutboundTime: at, Lines: []honor.VFShipmentLine{{LineNo: "1", GoodsCode: "G1", Quantity: duijie.AmountFromInt(1), Serials: []string{fmt.Sprintf("86%013d", i)}}}}
	}
	send := func(todo []int) (failed []int, errs []error) {
		return inParallel(len(todo), func(i int) error {
			ctx, cancel := callContext()
			defer cancel()
			_, err := c.SendVFShipmentFeedback(ctx, feedback[todo[i]])
			return err
		})
	}
	all := make([]int, records)
	for i := range all {
		all[i] = i
	}
	var allErrs []error
	rerun(t, "shipment feedback", all, func(i int) string { return feedback[i].OutboundNo }, func(todo []int) []int {
		failedAt, errs := send(todo)
		allErrs = append(allErrs, errs...)
		again := make([]int, len(failedAt))
		for j, k := range failedAt {
			again[j] = todo[k]
		}
		return again
	})
	t.Logf("faults injected: %d", srv.FaultsInjected(0))

	want := make([]string, records)
	for i, f := range feedback {
		want[i] = f.OutboundNo
	}
	var stored []string
	for _, rec := range srv.Shipments() {
		stored = append(stored, rec.Feedback.OutboundNo) // Honor keeps one feedback per outbound number
	}
	exactlyOnce(t, "outbounds", want, stored)
	resent := 0
	for _, f := range feedback {
		if rec, ok := srv.Shipment(f.OutboundNo); ok {
			assert.Equal(t, f.Lines, rec.Feedback.Lines)
			resent += rec.Writes - 1
		}
	}
	t.Logf("%d re-sends of a feedback that may have arrived updated the stored outbound", resent)
	assert.Positive(t, resent, "a write stored before its answer was lost is reported, and the re-run's send lands on the same outbound")
	assertEveryFault(t, srv.FaultsInjected)
	assertNoSecret(t, logs, signs, allErrs)
}

func TestHonorPSIUploadUnderChaosStoresEverySerialOnce(t *testing.T) {
	// Two attempts a call, so some calls fail outright and UploadPSIAll
	// stops and reports what it did not deliver.
	srv, c, logs, signs := honorChaos(t, 12, 2)
	srv.RejectSerial("86REJECTED0001", "3001", "serial is not an Honor unit")
	at := duijie.NewTime(time.Date(2026, 11, 21, 9, 0, 0, 0, duijie.CST()))
	recs := make([]honor.PSIRecord, records)
	for i := range recs {
		recs[i] = honor.PSIRecord{DocNo: fmt.Sprintf("PF%04d", i/4), DocType: honor.PSIWholesaleOut, DocDate: at,
			CustomerCode: "C1", GoodsCode: "G1", Brand: "HONOR", Serial: fmt.Sprintf("86%013d", i)}
	}
	recs[records/2].Serial = "86REJECTED0001"

	// One UploadPSIAll per run; what it reports is uploaded again.
	var errs []error
	var refused []honor.PSIResult
	rounds := 0
	rerun(t, "PSI records", recs, func(r honor.PSIRecord) string { return r.Key().String() }, func(todo []honor.PSIRecord) []honor.PSIRecord {
		rounds++
		ctx, cancel := callContext()
		res, err := c.UploadPSIAll(ctx, &honor.UploadPSIAllRequest{Records: todo})
		cancel()
		if err == nil {
			return nil
		}
		errs = append(errs, err)
		require.NotNil(t, res)
		require.Len(t, res.Results, len(todo), "every record has an outcome")
		var be *duijie.BatchError
		require.ErrorAs(t, err, &be)
		var again []honor.PSIRecord
		for _, r := range res.Results {
			switch {
			case r.OK:
			case r.Code != "":
				refused = append(refused, r) // Honor's verdict on the record: not retried
			default:
				again = append(again, todo[r.Index])
			}
		}
		assert.Len(t, be.Failed, len(again)+countRefusedIn(res.Results))
		return again
	})
	assert.Greater(t, rounds, 1, "the chaos made a first run report records")
	require.Len(t, refused, 1)
	assert.Equal(t, "3001", refused[0].Code)
	assert.Equal(t, "86REJECTED0001", refused[0].Key.Serial)

	var want, stored []string
	for _, r := range recs {
		if r.Serial != "86REJECTED0001" {
			want = append(want, r.Key().String())
		}
	}
	for _, s := range srv.PSIRecords() {
		stored = append(stored, s.Record.Key().String())
	}
	exactlyOnce(t, "PSI serials", want, stored)
	assertEveryFault(t, srv.FaultsInjected)
	assertNoSecret(t, logs, signs, errs)
	for _, err := range errs {
		assert.False(t, errors.Is(err, duijie.ErrSignature), "chaos never breaks the signature: %v", err)
	}
}

func countRefusedIn(results []honor.PSIResult) int {
	n := 0
	for _, r := range results {
		if !r.OK && r.Code != "" {
			n++
		}
	}
	return n
}
