// Package fencedlock is the token lock the shared-server stores have in
// common: the goroutines of one store wait their turn on a channel per key,
// and across processes the lock is a lease with a fence, kept in the server
// by the store's own acquire and release.
package fencedlock

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"github.com/duijie/duijie/mapping"
)

// Lease takes and gives back the server-side lease behind one key's lock.
type Lease struct {
	// Acquire takes the lease for owner, or reports false when another
	// holds it.
	Acquire func(ctx context.Context, owner string) (mapping.Lease, bool, error)
	// Release gives the lease back.
	Release func(ctx context.Context, l mapping.Lease) error
}

// Locks are the token locks of one store, by key. The zero value is ready.
type Locks struct {
	mu    sync.Mutex
	turns map[string]chan struct{}
	held  map[string]int64
}

// Lock holds key's lock until the returned function is called, or returns
// ctx's error when ctx ends first. A lease found held is tried again,
// waiting a little longer each time, up to a quarter second. Unlocking more
// than once is harmless.
func (l *Locks) Lock(ctx context.Context, key string, lease Lease) (func(), error) {
	turn := l.turn(key)
	select {
	case turn <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	owner, err := newOwner()
	if err != nil {
		<-turn
		return nil, err
	}
	var got mapping.Lease
	for wait := 2 * time.Millisecond; ; wait = min(2*wait, 250*time.Millisecond) {
		g, ok, err := lease.Acquire(ctx, owner)
		if err != nil {
			<-turn
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, err
		}
		if ok {
			got = g
			break
		}
		timer := time.NewTimer(wait)
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			<-turn
			return nil, ctx.Err()
		}
	}
	l.mu.Lock()
	l.held[key] = got.Fence
	l.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			delete(l.held, key)
			l.mu.Unlock()
			// Best effort: a lease left behind runs out by itself.
			_ = lease.Release(context.Background(), got)
			<-turn
		})
	}, nil
}

// Fence returns the fence of key's lock while this store holds it, or 0.
func (l *Locks) Fence(key string) int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.held[key]
}

// turn returns key's channel, creating it on first use.
func (l *Locks) turn(key string) chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.turns == nil {
		l.turns, l.held = map[string]chan struct{}{}, map[string]int64{}
	}
	ch, ok := l.turns[key]
	if !ok {
		ch = make(chan struct{}, 1)
		l.turns[key] = ch
	}
	return ch
}

// newOwner returns a random name for one holding of a lock.
func newOwner() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("token lock: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}
