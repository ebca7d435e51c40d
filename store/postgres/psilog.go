package postgres

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/psi"

	"github.com/duijie/duijie/store/internal/column"
)

// PSILog is the psi.LogStore of a Store: the PSI upload log.
type PSILog struct{ s *Store }

var _ psi.LogStore = PSILog{}

// PSILog returns the store's PSI upload log.
func (s *Store) PSILog() PSILog { return PSILog{s} }

// SaveEntries stores the entries in one transaction: each replaces the
// entry with its record key in place, a new key goes to the end of the log.
// A record's times are kept to the second, as Honor's wire writes them.
func (l PSILog) SaveEntries(ctx context.Context, entries ...psi.Entry) error {
	if err := psi.CheckEntries(entries); err != nil {
		return err
	}
	return l.s.tx(ctx, pgx.TxOptions{}, func(tx pgx.Tx) error {
		for _, e := range entries {
			rec, err := json.Marshal(e.Record)
			if err != nil {
				return wrap("PSI record "+e.Key().String(), err)
			}
			_, err = tx.Exec(ctx, l.s.q(`INSERT INTO duijie.psi_log
				(doc_no, serial, day, status, attempts, uploaded_at, replaced, code, message, record)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
				ON CONFLICT (doc_no, serial) DO UPDATE SET day = excluded.day, status = excluded.status,
				attempts = excluded.attempts, uploaded_at = excluded.uploaded_at, replaced = excluded.replaced,
				code = excluded.code, message = excluded.message, record = excluded.record`),
				e.Record.DocNo, e.Record.Serial, column.Day(e.Day), string(e.Status), e.Attempts,
				column.Time(e.UploadedAt.Time), e.Replaced, e.Code, e.Message, string(rec))
			if err != nil {
				return wrap("save PSI log", err)
			}
		}
		return nil
	})
}

// LoadEntries returns the entries the query chooses, in log order.
func (l PSILog) LoadEntries(ctx context.Context, q psi.LogQuery) ([]psi.Entry, error) {
	where, args := []string{"true"}, []any{}
	if !q.Day.IsZero() {
		args = append(args, column.Day(q.Day))
		where = append(where, "day = $"+strconv.Itoa(len(args)))
	}
	if len(q.Statuses) > 0 {
		sts := make([]string, len(q.Statuses))
		for i, st := range q.Statuses {
			sts[i] = string(st)
		}
		args = append(args, sts)
		where = append(where, "status = ANY($"+strconv.Itoa(len(args))+")")
	}
	rows, err := l.s.pool.Query(ctx, l.s.q(`SELECT day, status, attempts, uploaded_at, replaced, code, message, record
		FROM duijie.psi_log WHERE `+strings.Join(where, " AND ")+` ORDER BY seq`), args...)
	if err != nil {
		return nil, wrap("load PSI log", err)
	}
	defer rows.Close()
	var out []psi.Entry
	for rows.Next() {
		var (
			e               psi.Entry
			day, attempts   int
			status, at, rec string
			replaced        bool
			code, message   string
		)
		if err := rows.Scan(&day, &status, &attempts, &at, &replaced, &code, &message, &rec); err != nil {
			return nil, wrap("load PSI log", err)
		}
		if err := json.Unmarshal([]byte(rec), &e.Record); err != nil {
			return nil, wrap("PSI record", err)
		}
		t, err := decTime(at)
		if err != nil {
			return nil, err
		}
		e.Day, e.Status, e.Attempts, e.Replaced, e.Code, e.Message = column.ParseDay(day), psi.Status(status), attempts, replaced, code, message
		e.UploadedAt = duijie.NewTime(t)
		out = append(out, e)
	}
	return out, wrap("load PSI log", rows.Err())
}
