package push

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// faultyHost takes orders like a target keyed by (shop, tid): it counts
// what it took. The first attempts of some orders fail temporarily
// (nothing taken), and some orders are refused for good; which ones is a
// function of the key, so the outcome does not depend on scheduling.
type faultyHost struct {
	mu       sync.Mutex
	attempts map[Key]int
	taken    map[Key]int
	refusals map[Key]int
}

func (h *faultyHost) deliver(_ context.Context, ds []Delivery) []error {
	h.mu.Lock()
	defer h.mu.Unlock()
	errs := make([]error, len(ds))
	for i, d := range ds {
		h.attempts[d.Key]++
		n := keyHash(d.Key)
		switch {
		case h.attempts[d.Key] <= int(n%3): // 0, 1 or 2 temporary failures first
			errs[i] = errors.New("target busy, nothing stored")
		case n%5 == 0:
			h.refusals[d.Key]++
			errs[i] = Refused(fmt.Errorf("order %s refused", d.Key.Tid))
		default:
			h.taken[d.Key]++
		}
	}
	return errs
}

func keyHash(k Key) uint32 {
	h := fnv.New32a()
	h.Write([]byte(k.Shop + "\x00" + k.Tid))
	return h.Sum32()
}

// sent is one signed request as it went over the wire.
type sent struct {
	header http.Header
	body   string
}

func TestASenderRetrying100TimesUnderFaultsHandsEachOrderOnOnce(t *testing.T) {
	clk := &clock{t: time.Unix(vectorTimestamp, 0)}
	h := &faultyHost{attempts: map[Key]int{}, taken: map[Key]int{}, refusals: map[Key]int{}}
	rc, err := NewReceiver(h.deliver, WithSecret(testSecret), WithClock(clk.now), WithRateLimit(1e6, 1e6))
	require.NoError(t, err)

	var orders []string
	var keys []Key
	for i := range 20 {
		shop := []string{"QY01", "QY02"}[i%2]
		tid := fmt.Sprintf("CB-%04d", i)
		orders = append(orders, order(shop, tid, fmt.Sprint(10+i)))
		keys = append(keys, Key{Shop: shop, Tid: tid})
	}
	canonical := "[" + strings.Join(orders, ",") + "]"

	rnd := rand.New(rand.NewPCG(2026, 11))
	var history []sent
	counts := map[int]int{}

	// send performs one send under fault f and returns the status and
	// what went over the wire.
	send := func(f int, skew time.Duration, replayOf *sent) (int, sent) {
		body := canonical
		switch f {
		case 1: // re-encoded by the sender: same content, other bytes
			body = "\n " + strings.ReplaceAll(canonical, `,"`, `, "`) + "\n"
		case 2: // only some of the orders, in another order
			body = "[" + orders[7] + "," + orders[3] + "," + orders[11] + "]"
		case 3: // the envelope form
			body = `{"content":` + canonical + `}`
		}
		r := httptest.NewRequest(http.MethodPost, "/callback", strings.NewReader(body))
		if replayOf != nil { // the network delivers an earlier request again
			r = httptest.NewRequest(http.MethodPost, "/callback", strings.NewReader(replayOf.body))
			r.Header = replayOf.header.Clone()
		} else {
			require.NoError(t, SignRequest(r, testSecret, []byte(body), clk.now().Add(skew)))
		}
		wire := sent{r.Header.Clone(), body}
		switch f {
		case 4: // the body is cut short on the way
			r.Body = readCloser(body[:len(body)/2])
		case 5: // the sender hangs up at once
			ctx, cancel := context.WithCancel(r.Context())
			cancel()
			r = r.WithContext(ctx)
		}
		w := httptest.NewRecorder()
		rc.ServeHTTP(w, r) // the answer may be lost: the sender just sends again
		return w.Code, wire
	}

	for wave := 0; wave < 25; wave++ { // 25 waves of 4 concurrent sends: 100 sends
		type plan struct {
			fault  int
			skew   time.Duration
			replay *sent
		}
		plans := make([]plan, 4)
		for i := range plans {
			p := plan{fault: rnd.IntN(7)}
			switch p.fault {
			case 6:
				if len(history) > 0 {
					p.replay = &history[rnd.IntN(len(history))]
				}
			default:
				// Clocks disagree by up to 4 minutes either way; one send
				// in ten is signed by a clock 6 minutes off.
				p.skew = time.Duration(rnd.IntN(481)-240) * time.Second
				if rnd.IntN(10) == 0 {
					p.skew = 6 * time.Minute
				}
			}
			plans[i] = p
		}
		statuses := make([]int, len(plans))
		wires := make([]sent, len(plans))
		var wg sync.WaitGroup
		for i, p := range plans {
			wg.Go(func() { statuses[i], wires[i] = send(p.fault, p.skew, p.replay) })
		}
		wg.Wait()
		for i, p := range plans {
			s := statuses[i]
			counts[s]++
			if s == http.StatusOK || s == http.StatusServiceUnavailable {
				history = append(history, wires[i]) // taken requests, to be replayed
			}
			switch {
			case p.replay != nil:
				assert.Contains(t, []int{http.StatusConflict, http.StatusUnauthorized}, s, "a replay is never taken")
			case p.fault == 4:
				assert.Equal(t, http.StatusUnauthorized, s, "a cut body does not match its signature")
			case p.skew > 5*time.Minute:
				assert.Equal(t, http.StatusUnauthorized, s, "stale")
			default:
				assert.Contains(t, []int{http.StatusOK, http.StatusServiceUnavailable}, s)
			}
		}
		clk.add(time.Duration(rnd.IntN(90)) * time.Second)
	}
	t.Logf("statuses over 100 sends: %v", counts)

	// A last clean send: every order has a final answer, all remembered.
	r := httptest.NewRequest(http.MethodPost, "/callback", strings.NewReader(canonical))
	require.NoError(t, SignRequest(r, testSecret, []byte(canonical), clk.now()))
	w := httptest.NewRecorder()
	rc.ServeHTTP(w, r)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var res []Result
	require.NoError(t, json.NewDecoder(bytes.NewReader(w.Body.Bytes())).Decode(&res))
	require.Len(t, res, len(keys))

	h.mu.Lock()
	defer h.mu.Unlock()
	for i, k := range keys {
		assert.True(t, res[i].Repeat, k)
		if keyHash(k)%5 == 0 {
			assert.False(t, res[i].OK, k)
			assert.Equal(t, 1, h.refusals[k], "refused once, then answered from memory: %v", k)
			assert.Equal(t, 0, h.taken[k], k)
		} else {
			assert.True(t, res[i].OK, k)
			assert.Equal(t, 1, h.taken[k], "taken exactly once: %v", k)
			assert.Equal(t, 0, h.refusals[k], k)
		}
		assert.Equal(t, int(keyHash(k)%3)+1, h.attempts[k], "handed on once more than it failed: %v", k)
	}
}
