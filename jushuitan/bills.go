package jushuitan

import (
	"context"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/paging"
)

// BillBatch is one production batch (生产批次) of a stock bill: the batchs
// list of the sales-out, purchase-in, purchase-return, other in/out,
// stocktaking and refund answers (jst-java's Batch classes of those
// responses). A bill carries it only when the ERP manages batches; fields a
// bill's answer does not give stay zero (IoiID and Status are the
// sales-out's).
type BillBatch struct {
	// BatchNo is the batch number.
	BatchNo string `json:"batch_no"`
	// IoiID is the bill line it belongs to (sales-out only).
	IoiID duijie.Int64 `json:"ioi_id"`
	// SKUID is 商品编码.
	SKUID string `json:"sku_id"`
	// Qty is the quantity of the batch.
	Qty duijie.Amount `json:"qty"`
	// ProductDate is the batch date (批次日期), as sent.
	ProductDate duijie.Text `json:"product_date"`
	// SupplierID is the batch's supplier (供应商编号).
	SupplierID duijie.Int64 `json:"supplier_id"`
	// SupplierName is the supplier's name.
	SupplierName string `json:"supplier_name"`
	// ExpirationDate is the best-before date (有效期至), as sent.
	ExpirationDate duijie.Text `json:"expiration_date"`
	// Status is the batch's state (sales-out only).
	Status string `json:"status"`
}

// BillSN is one unique code (唯一码) on a stock bill: the sns list of the
// same answers, given only when the ERP manages unique codes. The box
// fields are the sales-out's.
type BillSN struct {
	// SKUID is 商品编码.
	SKUID string `json:"sku_id"`
	// SN is the unique code.
	SN string `json:"sn"`
	// IsPackSN marks a box code (sales-out only).
	IsPackSN duijie.Bool `json:"is_pack_sn"`
	// IsOpened says the box was opened (sales-out only).
	IsOpened duijie.Bool `json:"is_opened"`
	// PackSN is the box the code is in (sales-out only).
	PackSN string `json:"pack_sn"`
}

// windowWire is a modified_begin..modified_end pair on the wire.
type windowWire struct {
	ModifiedBegin string `json:"modified_begin,omitempty"`
	ModifiedEnd   string `json:"modified_end,omitempty"`
}

// windowOf writes a range; empty when begin is zero.
func windowOf(begin, end time.Time) windowWire {
	if begin.IsZero() {
		return windowWire{}
	}
	return windowWire{ModifiedBegin: formatTime(begin), ModifiedEnd: formatTime(end)}
}

// dateTypeOf is the date_type to send with a range: the value whatever it
// is (the zero value means the modified time and still travels), nothing
// without a range.
func dateTypeOf(begin time.Time, dt DateType) *int {
	if begin.IsZero() {
		return nil
	}
	n := int(dt)
	return &n
}

// checkArray validates a list that travels as a JSON array: at most max
// entries (0: no cap), none empty. Unlike checkList it lets an entry hold a
// comma, which a JSON array carries as it is.
func checkArray(field string, list []string, max int) error {
	if max > 0 && len(list) > max {
		return duijie.Invalid(vendor, field, duijie.RuleTooMany, "at most "+strconv.Itoa(max))
	}
	for i, s := range list {
		if strings.TrimSpace(s) == "" {
			return duijie.Invalid(vendor, field+"["+strconv.Itoa(i)+"]", duijie.RuleRequired, "empty entry")
		}
	}
	return nil
}

// pages walks every page of a paged query from page 1, and every window of
// op when the range from..to is longer than op allows. base is a copy of
// the request; setPage and setWindow write the page and the window into a
// copy of it; stamp is the time of a row the range bounds.
func pages[Q, T any](ctx context.Context, op operation, base Q, from, to time.Time, key func(T) string, stamp func(T) time.Time,
	setPage func(*Q, int), setWindow func(*Q, time.Time, time.Time), query func(context.Context, *Q) (*duijie.Page[T], error)) iter.Seq2[T, error] {
	one := func(q Q) iter.Seq2[T, error] {
		return walk(ctx, key, func(ctx context.Context, page int) ([]T, bool, error) {
			setPage(&q, page)
			p, err := query(ctx, &q)
			if err != nil {
				return nil, false, err
			}
			return p.Items, p.HasMore, nil
		})
	}
	if !needsWindows(op, from, to) {
		return one(base)
	}
	return windowed(op, from, to, key, stamp, func(w paging.Window) iter.Seq2[T, error] {
		q := base
		setWindow(&q, w.From, w.To)
		return one(q)
	})
}

// cursorPages walks a query by its ts cursor (see byCursor): every request
// is page 1 of the rows from the cursor on, written into a copy of base by
// setCursor. A range may not be combined with the cursor.
func cursorPages[Q, T any](ctx context.Context, base Q, start int64, hasRange bool, key func(T) string, tsOf func(T) int64,
	setCursor func(*Q, int64), query func(context.Context, *Q) (*duijie.Page[T], error)) iter.Seq2[T, error] {
	if hasRange {
		return func(yield func(T, error) bool) {
			var zero T
			yield(zero, duijie.Invalid(vendor, "modified_begin", duijie.RuleConflict, "the start_ts cursor replaces the modified range"))
		}
	}
	return byCursor(ctx, start, key, tsOf, func(ctx context.Context, cursor int64) ([]T, bool, error) {
		q := base
		setCursor(&q, cursor)
		p, err := query(ctx, &q)
		if err != nil {
			return nil, false, err
		}
		return p.Items, p.HasMore, nil
	})
}

// tsWire is the start_ts cursor on the wire with is_get_total false, as
// the vendor advises for cursor queries; both absent without a cursor.
type tsWire struct {
	StartTS    *int64 `json:"start_ts,omitempty"`
	IsGetTotal *bool  `json:"is_get_total,omitempty"`
}

// tsOf is the cursor to send: always in cursor mode, else when start > 0.
func tsOf(start int64, tsMode bool) tsWire {
	if !tsMode && start <= 0 {
		return tsWire{}
	}
	ts, no := start, false
	return tsWire{StartTS: &ts, IsGetTotal: &no}
}
