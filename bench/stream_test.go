package bench_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/duijie/duijie/kingdee"
)

// rowServer answers ExecuteBillQuery with rows made up from StartRow and
// Limit, holding nothing, so the heap measured is the client's.
func rowServer(total int) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Data struct{ StartRow, Limit int } `json:"data"`
		}
		b, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(b, &req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		n := min(req.Data.Limit, total-req.Data.StartRow)
		buf := make([]byte, 0, n*48+2)
		buf = append(buf, '[')
		for i := 0; i < n; i++ {
			if i > 0 {
				buf = append(buf, ',')
			}
			id := req.Data.StartRow + i
			buf = append(buf, '[')
			buf = strconv.AppendInt(buf, int64(id), 10)
			buf = append(buf, `,"XSTH`...)
			buf = strconv.AppendInt(buf, int64(id), 10)
			buf = append(buf, `","12.50","C"]`...)
		}
		buf = append(buf, ']')
		w.Header().Set("Content-Type", "application/json")
		w.Write(buf)
	}))
}

// BenchmarkStreamMillionRows walks 1,000,000 ExecuteBillQuery rows with
// the Rows iterator and reports rows per second and the peak heap, which
// must stay flat: one page is held at a time.
func BenchmarkStreamMillionRows(b *testing.B) {
	const total = 1_000_000
	srv := rowServer(total)
	defer srv.Close()
	cfg := kingdee.Config{AcctID: "A", UserName: "u", AppID: "224426_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", AppSecret: "s", ServerURL: srv.URL + "/k3cloud"}
	c, err := kingdee.NewClient(cfg)
	if err != nil {
		b.Fatal(err)
	}
	q := &kingdee.BillQuery{FormID: "SAL_RETURNSTOCK", FieldKeys: []string{"FID", "FBillNo", "FAmount", "FDocumentStatus"}, Limit: kingdee.MaxQueryLimit}
	var peak uint64
	var ms runtime.MemStats
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for row, err := range c.Rows(context.Background(), q) {
			if err != nil {
				b.Fatal(err)
			}
			if n%kingdee.MaxQueryLimit == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
			_ = row
			n++
		}
		if n != total {
			b.Fatalf("walked %d rows, want %d", n, total)
		}
	}
	b.ReportMetric(float64(total)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	if peak > 64<<20 {
		b.Fatalf("peak heap %d MiB, want well under 64", peak>>20)
	}
	// The whole process's high-water mark (the server and the test binary
	// included, and any benchmark run before this one in the same process:
	// run it alone to read it), where the system reports it.
	if rss, ok := peakRSS(); ok {
		b.ReportMetric(float64(rss)/(1<<20), "peak-rss-MiB")
	}
}

// peakRSS reads the process's peak resident set (VmHWM) from
// /proc/self/status; ok is false where there is none.
func peakRSS() (bytes uint64, ok bool) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(status)) {
		if rest, found := strings.CutPrefix(line, "VmHWM:"); found {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}
