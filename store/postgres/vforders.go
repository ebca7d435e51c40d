package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

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
	return v.load(ctx, v.s.pool, sourceNo)
}

// UpdateVFOrder runs f on the current state and stores the result, in one
// transaction holding an advisory lock on the order number: no other update
// of the order runs in between, in this process or another. f is called
// once.
func (v VFOrders) UpdateVFOrder(ctx context.Context, sourceNo string, f func(st *mapping.VFOrderState) error) error {
	return v.s.tx(ctx, pgx.TxOptions{}, func(tx pgx.Tx) error {
		if err := v.s.lockKey(ctx, tx, "vf:"+sourceNo); err != nil {
			return err
		}
		st, _, err := v.load(ctx, tx, sourceNo)
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
		_, err = tx.Exec(ctx, v.s.q(`INSERT INTO duijie.vf_orders (source_no, `+vfColumns+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
			ON CONFLICT (source_no) DO UPDATE SET taken_at = excluded.taken_at, wholesale_order = excluded.wholesale_order,
			feedback_status = excluded.feedback_status, feedback_at = excluded.feedback_at,
			feedback_attempts = excluded.feedback_attempts, feedback_ref = excluded.feedback_ref,
			feedback_message = excluded.feedback_message, upload_status = excluded.upload_status,
			upload_at = excluded.upload_at, upload_attempts = excluded.upload_attempts,
			upload_ref = excluded.upload_ref, upload_message = excluded.upload_message`),
			sourceNo, column.Time(st.TakenAt), string(order),
			string(fb.Status), column.Time(fb.At), fb.Attempts, fb.Ref, fb.Message,
			string(up.Status), column.Time(up.At), up.Attempts, up.Ref, up.Message)
		return wrap("save VF order", err)
	})
}

// ListVFOrders returns the states the query chooses, by Himall order number.
func (v VFOrders) ListVFOrders(ctx context.Context, q mapping.VFOrderQuery) ([]mapping.VFOrderState, error) {
	where, args := []string{"true"}, []any{}
	arg := func(a any) string { args = append(args, a); return "$" + strconv.Itoa(len(args)) }
	in := func(col string, sts []mapping.VFStatus) {
		if len(sts) == 0 {
			return
		}
		s := make([]string, len(sts))
		for i, st := range sts {
			s[i] = string(st)
		}
		where = append(where, col+" = ANY("+arg(s)+")")
	}
	in("feedback_status", q.Feedback)
	in("upload_status", q.Upload)
	if !q.TakenFrom.IsZero() {
		where = append(where, "taken_at >= "+arg(column.Time(q.TakenFrom)))
	}
	if !q.TakenTo.IsZero() {
		where = append(where, "taken_at < "+arg(column.Time(q.TakenTo)))
	}
	rows, err := v.s.pool.Query(ctx, v.s.q(`SELECT `+vfColumns+` FROM duijie.vf_orders WHERE `+strings.Join(where, " AND ")+
		` ORDER BY source_no`), args...)
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

// queryer is a pool or a transaction.
type queryer interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func (v VFOrders) load(ctx context.Context, q queryer, sourceNo string) (mapping.VFOrderState, bool, error) {
	st, err := scanVF(q.QueryRow(ctx, v.s.q(`SELECT `+vfColumns+` FROM duijie.vf_orders WHERE source_no = $1`), sourceNo))
	if errors.Is(err, pgx.ErrNoRows) {
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
	if errors.Is(err, pgx.ErrNoRows) {
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
