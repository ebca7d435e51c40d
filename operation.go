package duijie

import (
	"reflect"
	"time"
)

// Operation describes one vendor operation as data. Each vendor package
// declares its operations in one table, returned by its Operations
// function: the typed methods, the iterators and the retry decision read
// that table, so a new operation is a row plus its request and response
// types. The fakes in the …test packages are written from the vendor's
// documents, not from this table, and their tests check that every row is
// served.
type Operation struct {
	// Name is the client method that calls the operation, e.g.
	// "QueryTrades".
	Name string
	// Wire is the vendor's own name for it: a method ("trade_query.php"), a
	// path ("/open/orders/single/query") or a service name.
	Wire string
	// Title is the vendor's Chinese name, e.g. "查询订单".
	Title string
	// Request is the typed method's request type, Response its response
	// type, or the row type of a paged read.
	Request, Response reflect.Type
	// SafeToReplay is true for reads and for writes the vendor documents as
	// de-duplicated by a key the request carries: only those are sent again
	// after an outcome that may have reached the vendor.
	SafeToReplay bool
	// Paging says how a listing pages; NotPaged for everything else.
	Paging Paging
	// MaxPageSize is the most rows the vendor returns per page, 0 if none.
	MaxPageSize int
	// MaxWindow is the longest time span one query may cover, 0 if none;
	// iterators cut longer spans into windows this long.
	MaxWindow time.Duration
	// MaxBatch is the most records one write carries, 0 if none.
	MaxBatch int
}

// Paging is how a vendor listing walks its rows.
type Paging int

// The paging kinds.
const (
	// NotPaged: the operation is not a listing.
	NotPaged Paging = iota
	// PagedByNumber: page number and page size (from 0 or 1, per vendor).
	PagedByNumber
	// PagedByOffset: first row and row count (Kingdee's StartRow, Limit).
	PagedByOffset
	// PagedByCursor: a cursor or watermark the previous page returns
	// (Jushuitan's ts).
	PagedByCursor
)

// String names the paging kind.
func (p Paging) String() string {
	switch p {
	case NotPaged:
		return "not paged"
	case PagedByNumber:
		return "by page number"
	case PagedByOffset:
		return "by offset"
	case PagedByCursor:
		return "by cursor"
	}
	return "unknown paging"
}
