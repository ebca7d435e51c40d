package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/duijie/duijie/store/internal/column"
)

// DocStatus is where a document stands with its target.
type DocStatus string

// The states of a document. A program writes DocSending before it sends,
// so a document found DocSending after a restart is one whose send was cut
// off: like DocUncertain, it is looked up in the target, never sent again
// blindly.
const (
	// DocSending: a send started and its outcome was not recorded.
	DocSending DocStatus = "sending"
	// DocDelivered: the target took it; Ref is the target's number.
	DocDelivered DocStatus = "delivered"
	// DocUncertain: the send may have arrived; look it up before sending again.
	DocUncertain DocStatus = "uncertain"
	// DocFailed: it surely did not arrive (refused, or never sent); send it again.
	DocFailed DocStatus = "failed"
)

// Document is the delivery record of one document of a flow.
type Document struct {
	// Flow names the flow ("shop-yihua"); No is the document's number in it.
	Flow, No string
	// Status is where it stands; Ref the target's number once delivered.
	Status DocStatus
	Ref    string
	// Message is the last failure, Attempts the sends so far.
	Message  string
	Attempts int
	// UpdatedAt is when the record was last written (exact instant, UTC).
	UpdatedAt time.Time
}

// Documents is the per-document delivery log of a Store: which documents
// each flow sent, with the target's number, so a restarted program never
// sends a delivered document again.
type Documents struct{ s *Store }

// Documents returns the store's delivery log.
func (s *Store) Documents() Documents { return Documents{s} }

// Get returns the flow's record of document no; ok is false when none is.
func (d Documents) Get(ctx context.Context, flow, no string) (Document, bool, error) {
	rows, err := d.query(ctx, `WHERE flow = ? AND doc_no = ?`, flow, no)
	if err != nil || len(rows) == 0 {
		return Document{}, false, err
	}
	return rows[0], true, nil
}

// List returns the flow's records in document order, only those with one
// of the statuses when any are given.
func (d Documents) List(ctx context.Context, flow string, statuses ...DocStatus) ([]Document, error) {
	where, args := `WHERE flow = ?`, []any{flow}
	if len(statuses) > 0 {
		where += ` AND status IN (?` + strings.Repeat(", ?", len(statuses)-1) + `)`
		for _, s := range statuses {
			args = append(args, string(s))
		}
	}
	return d.query(ctx, where+` ORDER BY doc_no`, args...)
}

// Put stores doc, replacing the record of its flow and number.
func (d Documents) Put(ctx context.Context, doc Document) error {
	if doc.Flow == "" || doc.No == "" || doc.Status == "" {
		return errors.New("store/sqlite: a document needs its flow, number and status")
	}
	return d.s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO documents (flow, doc_no, status, ref, message, attempts, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (flow, doc_no) DO UPDATE SET status = excluded.status, ref = excluded.ref, message = excluded.message,
			attempts = excluded.attempts, updated_at = excluded.updated_at`,
			doc.Flow, doc.No, string(doc.Status), doc.Ref, doc.Message, doc.Attempts, column.Time(doc.UpdatedAt))
		return wrap("save document", err)
	})
}

func (d Documents) query(ctx context.Context, where string, args ...any) ([]Document, error) {
	rows, err := d.s.db.QueryContext(ctx, `SELECT flow, doc_no, status, ref, message, attempts, updated_at FROM documents `+where, args...)
	if err != nil {
		return nil, wrap("load documents", err)
	}
	defer rows.Close()
	var out []Document
	for rows.Next() {
		var doc Document
		var status, at string
		if err := rows.Scan(&doc.Flow, &doc.No, &status, &doc.Ref, &doc.Message, &doc.Attempts, &at); err != nil {
			return nil, wrap("load documents", err)
		}
		doc.Status = DocStatus(status)
		if doc.UpdatedAt, err = decTime(at); err != nil {
			return nil, err
		}
		out = append(out, doc)
	}
	return out, wrap("load documents", rows.Err())
}
