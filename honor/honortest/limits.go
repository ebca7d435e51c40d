package honortest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"time"
)

// The wire limits of the package's default form (package honor's doc: codes
// and numbers at most 64 bytes, serial numbers (IMEI/SN) at most 64 bytes of
// letters, digits and '-', times "yyyy-MM-dd HH:mm:ss" China time,
// quantities above 0). Honor's own document is private; a partner whose
// document says otherwise changes both sides.
const maxCodeBytes = 64

// The caps of the default wire form, answered as Honor would: a page of at
// most 100 rows, an order query window of at most 24 hours (WithOrderWindow
// changes it), a change-date range of at most 31 days counting both ends,
// at most 200 PSI records and 500 feedback lines a call. They are written
// here, not read from package honor, so that a client whose caps drift from
// the wire meets the fake's refusal.
const (
	maxPageSize        = 100
	defaultOrderWindow = 24 * time.Hour
	maxDateSpanDays    = 31
	maxPSIRecords      = 200
	maxFeedbackLines   = 500
)

var (
	serialText = regexp.MustCompile(`^[0-9A-Za-z-]{1,64}$`)
	psiCodes   = map[string]bool{"doc_no": true, "goods_code": true}
	psiOptCode = []string{"vf_order_no", "warehouse_code", "supplier_code", "customer_code"}
)

// codeProblem checks the code k of m: a string of at most 64 bytes,
// required when req.
func codeProblem(m map[string]any, k string, req bool) string {
	v, present := m[k]
	if !present || v == nil {
		if req {
			return k + " is required"
		}
		return ""
	}
	s, ok := v.(string)
	switch {
	case !ok:
		return k + " must be a string"
	case s == "" && req:
		return k + " is required"
	case len(s) > maxCodeBytes:
		return fmt.Sprintf("%s is at most %d bytes, got %d", k, maxCodeBytes, len(s))
	}
	return ""
}

func timeProblem(m map[string]any, k string) string {
	s, _ := m[k].(string)
	t, err := time.Parse(time.DateTime, s)
	if err != nil || t.Year() < 1 {
		return k + " must be yyyy-MM-dd HH:mm:ss"
	}
	return ""
}

func serialProblem(v any) string {
	s, _ := v.(string)
	if !serialText.MatchString(s) {
		return fmt.Sprintf("serial %q must be 1 to 64 letters, digits or '-'", s)
	}
	return ""
}

// psiLimitProblem checks one PSI record as sent.
func psiLimitProblem(r map[string]any) string {
	for k := range psiCodes {
		if msg := codeProblem(r, k, true); msg != "" {
			return msg
		}
	}
	for _, k := range psiOptCode {
		if msg := codeProblem(r, k, false); msg != "" {
			return msg
		}
	}
	if msg := serialProblem(r["serial"]); msg != "" {
		return msg
	}
	return timeProblem(r, "doc_date")
}

// feedbackLimitProblem checks a shipment feedback as sent.
func feedbackLimitProblem(biz []byte) string {
	var f map[string]any
	dec := json.NewDecoder(bytes.NewReader(biz))
	dec.UseNumber()
	if err := dec.Decode(&f); err != nil {
		return "biz_content is not a JSON object"
	}
	for _, k := range []string{"order_no", "outbound_no"} {
		if msg := codeProblem(f, k, true); msg != "" {
			return msg
		}
	}
	if msg := codeProblem(f, "warehouse_code", false); msg != "" {
		return msg
	}
	if msg := timeProblem(f, "outbound_time"); msg != "" {
		return msg
	}
	lines, _ := f["lines"].([]any)
	for i, x := range lines {
		l, _ := x.(map[string]any)
		if msg := codeProblem(l, "goods_code", true); msg != "" {
			return fmt.Sprintf("lines[%d]: %s", i, msg)
		}
		if n, ok := l["quantity"].(json.Number); !ok || !positive(n.String()) {
			return fmt.Sprintf("lines[%d]: quantity must be a number above 0", i)
		}
		serials, _ := l["serials"].([]any)
		for _, sn := range serials {
			if msg := serialProblem(sn); msg != "" {
				return fmt.Sprintf("lines[%d]: %s", i, msg)
			}
		}
	}
	return ""
}

var positiveText = regexp.MustCompile(`^[0-9]*\.?[0-9]+$`)

func positive(s string) bool {
	if !positiveText.MatchString(s) {
		return false
	}
	for _, c := range s {
		if c >= '1' && c <= '9' {
			return true
		}
	}
	return false
}
