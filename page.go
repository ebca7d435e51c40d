package duijie

// Page is one page of a listing, the same shape for every vendor.
type Page[T any] struct {
	// Items are this page's rows, in the vendor's order.
	Items []T
	// Total is the number of rows matching the query when the vendor reports
	// it, otherwise -1.
	Total int
	// Number and Size are the page asked for, in the vendor's own numbering
	// (some count from 0, some from 1).
	Number, Size int
	// HasMore is true when another page follows this one.
	HasMore bool
	// SyncedAt is the client-clock time the request was signed with, where
	// the vendor package sets it: a host may use it as the next watermark.
	SyncedAt Time
}
