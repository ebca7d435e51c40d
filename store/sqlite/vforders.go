package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/duijie/duijie/mapping"

	"github.com/duijie/duijie/store/internal/column"
)

// VFOrders is the mapping.VFOrderStore of a Store: the state of every VF
// order taken into the ERP.
type VFOrders struct{ s *Store }

var _ mapping.VFOrderStore = VFOrders{}

// VFOrders returns the store's VF order states.
func (s *Store) VFOrders() VFOrders { return VFOrders{s} }

const vfColumns = `taken_at, wholesale_order,
	feedback_status, feedback_at, feedback_attempts, feedback_ref, feedback_message,
	upload_status, upload_at, upload_attempts, upload_ref, upload_message`

// LoadVFOrder returns the state kept for the Himall order number, and false
// when there is none. The order's times are kept to the second, as Himall
// writes them.
func (v VFOrders) LoadVFOrder(ctx context.Context, sourceNo string) (mapping.VFOrderState, bool, error) {
	return loadVF(ctx, v.s.db, sourceNo)
}

// UpdateVFOrder runs f on the current state and stores the result, in one
// write transaction: no other update of the file runs in between, in this
// process or another. f is called once.
func (v VFOrders) UpdateVFOrder(ctx context.Context, sourceNo string, f func(st *mapping.VFOrderState) error) error {
	return v.s.write(ctx, func(tx *sql.Tx) error {
		st, _, err := loadVF(ctx, tx, sourceNo)
		if err != nil {
			return err
		}
		if err := f(&st); err != nil {
			return err
		}
		if err := mapping.CheckVFOrderState(sourceNo, &st); err != nil {
			return err
		}
		order, err := json.Marshal(st.Order)
		if err != nil {
			return wrap("VF order "+sourceNo, err)
		}
		fb, up := st.Feedback, st.Upload
		_, err = tx.ExecContext(ctx, `INSERT INTO vf_orders (source_no, `+vfColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (source_no) DO UPDATE SET taken_at = excluded.taken_at, wholesale_order = excluded.wholesale_order,
			feedback_status = excluded.feedback_status, feedback_at = excluded.feedback_at,
			feedback_attempts = excluded.feedback_attempts, feedback_ref = excluded.feedback_ref,
			feedback_message = excluded.feedback_message, upload_status = excluded.upload_status,
			upload_at = excluded.upload_at, upload_attempts = excluded.upload_attempts,
			upload_ref = excluded.upload_ref, upload_message = excluded.upload_message`,
			sourceNo, column.Time(st.TakenAt), string(order),
			string(fb.Status), column.Time(fb.At), fb.Attempts, fb.Ref, fb.Message,
			string(up.Status), column.Time(up.At), up.Attempts, up.Ref, up.Message)
		return wrap("save VF order", err)
	})
}

// ListVFOrders returns the states the query chooses, by Himall order number.
func (v VFOrders) ListVFOrders(ctx context.Context, q mapping.VFOrderQuery) ([]mapping.VFOrderState, error) {
	where, args := []string{"1 = 1"}, []any{}
	in := func(col string, sts []mapping.VFStatus) {
		if len(sts) == 0 {
			return
		}
		where = append(where, col+" IN ("+marks(len(sts))+")")
		for _, s := range sts {
			args = append(args, string(s))
		}
	}
	in("feedback_status", q.Feedback)
	in("upload_status", q.Upload)
	if !q.TakenFrom.IsZero() {
		where, args = append(where, "taken_at >= ?"), append(args, column.Time(q.TakenFrom))
	}
	if !q.TakenTo.IsZero() {
		where, args = append(where, "taken_at < ?"), append(args, column.Time(q.TakenTo))
	}
	rows, err := v.s.db.QueryContext(ctx, `SELECT `+vfColumns+` FROM vf_orders WHERE `+strings.Join(where, " AND ")+` ORDER BY source_no`, args...)
	if err != nil {
		return nil, wrap("list VF orders", err)
	}
	defer rows.Close()
	var out []mapping.VFOrderState
	for rows.Next() {
		st, err := scanVF(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, wrap("list VF orders", rows.Err())
}

// queryer is a *sql.DB or a *sql.Tx.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func loadVF(ctx context.Context, q queryer, sourceNo string) (mapping.VFOrderState, bool, error) {
	st, err := scanVF(q.QueryRowContext(ctx, `SELECT `+vfColumns+` FROM vf_orders WHERE source_no = ?`, sourceNo))
	if errors.Is(err, sql.ErrNoRows) {
		return mapping.VFOrderState{}, false, nil
	}
	if err != nil {
		return mapping.VFOrderState{}, false, err
	}
	return st, true, nil
}

// scanVF reads one row of vfColumns.
func scanVF(row interface{ Scan(...any) error }) (mapping.VFOrderState, error) {
	var (
		st                       mapping.VFOrderState
		taken, order, fbAt, upAt string
		fbStatus, upStatus       string
	)
	fb, up := &st.Feedback, &st.Upload
	err := row.Scan(&taken, &order, &fbStatus, &fbAt, &fb.Attempts, &fb.Ref, &fb.Message,
		&upStatus, &upAt, &up.Attempts, &up.Ref, &up.Message)
	if errors.Is(err, sql.ErrNoRows) {
		return st, err
	}
	if err != nil {
		return st, wrap("load VF order", err)
	}
	fb.Status, up.Status = mapping.VFStatus(fbStatus), mapping.VFStatus(upStatus)
	for _, t := range []struct {
		dst *time.Time
		src string
	}{{&st.TakenAt, taken}, {&fb.At, fbAt}, {&up.At, upAt}} {
		if *t.dst, err = decTime(t.src); err != nil {
			return st, err
		}
	}
	st.Order = new(mapping.WholesaleOrder)
	if err := json.Unmarshal([]byte(order), st.Order); err != nil {
		return st, wrap("VF order", err)
	}
	return st, nil
}
