// Package store is the home of the SDK's durable state stores: the
// implementations of the small state interfaces the SDK's packages define
// (mapping.CheckpointStore, jushuitan.TokenStore and TokenLocker,
// psi.LogStore, mapping.VFOrderStore, mapping.TableStore).
//
// It is a module of its own, github.com/duijie/duijie/store, so that a
// program importing only a vendor package never downloads a database
// driver. Its packages:
//
//   - sqlite: every interface on one embedded SQLite file (pure Go, no
//     cgo), created and migrated on open; the examples' default.
//   - storetest: the suite every implementation of those interfaces
//     passes, the in-memory ones included.
package store
