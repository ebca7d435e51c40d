// Package mapping holds the pure logic that sits between the vendor
// packages: code correspondence tables (商品信息对应, 客户信息对应) with
// candidate search for a person choosing matches, resolution of an order
// against those tables (only the mapped lines go on, the rest are reported),
// converters from one vendor model to another, and incremental sync windows
// from a stored LAST_SYNC_TIME to the current time with a checkpoint that
// advances only after a window's records were delivered.
//
// The converters into Kingdee bills take every money choice from the host
// and send nothing it did not choose: WDT refund stock-ins into sales
// returns (SalReturnConverter), WDT and Jushuitan sales-outs into sales
// out-stock bills (WDTSalOutConverter, JSTSalOutConverter; the price source
// has no default, and a line amount is booked to the cent). Their bill
// numbers derive from the source document's, so a replayed window finds the
// bills kingdee's save already wrote.
//
// Several workers may share a sync scheme through a LeaseStore (Sync.Leases):
// a run claims the scheme's lease before it reads the checkpoint, renews it
// while it works and before every checkpoint save, and stops without saving
// when the lease was lost; a worker that finds the lease held returns
// ErrLeaseHeld at once. A dead worker's scheme is taken over once its lease
// runs out, from the last checkpoint, and the target's keyed writes (or the
// Kingdee look-up) keep the re-read window from being written twice.
// MemoryLeases serves one process; the store module has shared ones.
//
// Nothing here touches the network or reads the clock: the current time is
// always passed in (a leased Sync's only timer is the ticker of its
// background renewal; the lease store keeps the leases' clock). Tables are
// immutable once built, so any number of goroutines may read one; a host that saves new choices builds a new table
// with Table.Choose and swaps it in.
//
// Missing correspondences are reported as *UnmappedError, which names the
// table, the external code, the line and the field of every code that could
// not be mapped; errors.Is(err, ErrUnmapped) matches it, and
// errors.Is(err, ErrNothingMapped) matches when no line at all could be
// mapped. Bad options are a *duijie.ValidationError naming the option.
package mapping
