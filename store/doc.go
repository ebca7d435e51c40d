// Package store is the home of the SDK's durable state stores: the
// implementations of the small state interfaces the SDK's packages define
// (mapping.CheckpointStore, jushuitan.TokenStore and TokenLocker,
// psi.LogStore, mapping.VFOrderStore, mapping.TableStore, mapping.LeaseStore),
// and a duijie.RateLimiter shared by many processes.
//
// It is a module of its own, github.com/duijie/duijie/store, so that a
// program importing only a vendor package never downloads a database
// driver. Its packages:
//
//   - sqlite: every interface on one embedded SQLite file (pure Go, no
//     cgo), created and migrated on open; the examples' default.
//   - postgres: every interface in one PostgreSQL schema through pgx,
//     migrated on open, for many instances sharing a database; the token
//     lock and leases carry fences.
//   - redis: Jushuitan tokens and their fenced lock, checkpoints and
//     leases on Redis through go-redis, for many instances; and a rate
//     limiter (GCRA in one Lua script) that spreads one app key's quota
//     over all of them.
//   - storetest: the suite every implementation of those interfaces
//     passes, the in-memory ones included.
//   - scaletest: tests only, with real worker processes sharing a Redis
//     server: the shared quota, a lease holder killed mid-window, one token
//     refresh for two processes (the numbers are in docs/scale.md).
package store
