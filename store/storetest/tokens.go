package storetest

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/duijie/duijie"
	"github.com/duijie/duijie/jushuitan"
)

// TokenStoreLocker is a token store that also locks renewals, as a store
// shared between clients (and processes) should be.
type TokenStoreLocker interface {
	jushuitan.TokenStore
	jushuitan.TokenLocker
}

// TestTokenStore runs the suite of jushuitan.TokenStore: a missing app key
// loads nil, every field round-trips exactly (secrets included), a nil
// token is refused, app keys are apart, the caller's copies are its own,
// and a second handle sees what the first saved.
func TestTokenStore(t *testing.T, open Opener[jushuitan.TokenStore]) {
	exp := time.Date(2024, 3, 2, 9, 30, 0, 987654321, cst)
	sample := func() *jushuitan.Token {
		return &jushuitan.Token{AccessToken: "at-秘密-1", RefreshToken: "rt-1", ExpiresAt: exp, Scope: "all"}
	}
	same := func(t *testing.T, got, want *jushuitan.Token) {
		t.Helper()
		if got == nil {
			t.Fatalf("Load = nil, want %+v", want)
		}
		if got.AccessToken.Reveal() != want.AccessToken.Reveal() || got.RefreshToken.Reveal() != want.RefreshToken.Reveal() || got.Scope != want.Scope {
			t.Errorf("Load = %q %q %q, want %q %q %q", got.AccessToken.Reveal(), got.RefreshToken.Reveal(), got.Scope,
				want.AccessToken.Reveal(), want.RefreshToken.Reveal(), want.Scope)
		}
		sameTime(t, "ExpiresAt", got.ExpiresAt, want.ExpiresAt)
		if want.ExpiresAt.IsZero() && !got.ExpiresAt.IsZero() {
			t.Errorf("ExpiresAt = %v, want the zero time", got.ExpiresAt)
		}
	}

	t.Run("missing", func(t *testing.T) {
		tok, err := open(t)().Load(ctx(t), "no-such-key")
		if tok != nil || err != nil {
			t.Fatalf("Load = %+v, %v; want nil, nil", tok, err)
		}
	})

	t.Run("round trip", func(t *testing.T) {
		h := open(t)
		a, b := h(), h()
		if err := a.Save(ctx(t), "app-1", sample()); err != nil {
			t.Fatal(err)
		}
		for _, s := range []jushuitan.TokenStore{a, b} {
			tok, err := s.Load(ctx(t), "app-1")
			if err != nil {
				t.Fatal(err)
			}
			same(t, tok, sample())
		}
	})

	t.Run("zero expiry and no refresh token", func(t *testing.T) {
		s := open(t)()
		want := &jushuitan.Token{AccessToken: "legacy"}
		if err := s.Save(ctx(t), "app-1", want); err != nil {
			t.Fatal(err)
		}
		tok, err := s.Load(ctx(t), "app-1")
		if err != nil {
			t.Fatal(err)
		}
		same(t, tok, want)
	})

	t.Run("nil refused", func(t *testing.T) {
		s := open(t)()
		if err := s.Save(ctx(t), "app-1", nil); err == nil {
			t.Fatal("Save(nil) = nil, want an error")
		}
		if tok, err := s.Load(ctx(t), "app-1"); tok != nil || err != nil {
			t.Fatalf("after a refused save, Load = %+v, %v", tok, err)
		}
	})

	t.Run("replace and keys apart", func(t *testing.T) {
		s := open(t)()
		if err := s.Save(ctx(t), "app-1", sample()); err != nil {
			t.Fatal(err)
		}
		next := &jushuitan.Token{AccessToken: "at-2", RefreshToken: "rt-2", ExpiresAt: exp.Add(time.Hour), Scope: "all"}
		if err := s.Save(ctx(t), "app-1", next); err != nil {
			t.Fatal(err)
		}
		other := &jushuitan.Token{AccessToken: "other"}
		if err := s.Save(ctx(t), "app-2", other); err != nil {
			t.Fatal(err)
		}
		tok, err := s.Load(ctx(t), "app-1")
		if err != nil {
			t.Fatal(err)
		}
		same(t, tok, next)
		tok, err = s.Load(ctx(t), "app-2")
		if err != nil {
			t.Fatal(err)
		}
		same(t, tok, other)
	})

	t.Run("copies", func(t *testing.T) {
		s := open(t)()
		tok := sample()
		if err := s.Save(ctx(t), "app-1", tok); err != nil {
			t.Fatal(err)
		}
		tok.AccessToken = "changed by the caller"
		got, err := s.Load(ctx(t), "app-1")
		if err != nil {
			t.Fatal(err)
		}
		same(t, got, sample())
		got.AccessToken = "changed by a reader"
		if got, err = s.Load(ctx(t), "app-1"); err != nil {
			t.Fatal(err)
		}
		same(t, got, sample())
	})
}

// TestTokenLocker runs the suite of a jushuitan.TokenStore that is a
// TokenLocker: the lock can be taken again once released, a waiter gives
// up when its context ends and gets the lock once it is released, and
// goroutines on two handles that read, renew and save a token under the
// lock never overlap and lose no renewal.
func TestTokenLocker(t *testing.T, open Opener[TokenStoreLocker]) {
	t.Run("lock, unlock, lock again", func(t *testing.T) {
		s := open(t)()
		for range 3 {
			unlock, err := s.LockToken(ctx(t), "app-1")
			if err != nil {
				t.Fatal(err)
			}
			unlock()
		}
	})

	t.Run("a waiter gives up when its context ends", func(t *testing.T) {
		h := open(t)
		a, b := h(), h()
		unlock, err := a.LockToken(ctx(t), "app-1")
		if err != nil {
			t.Fatal(err)
		}
		defer unlock()
		for i, s := range []TokenStoreLocker{a, b} {
			c, cancel := context.WithCancel(context.Background())
			cancel()
			if u, err := s.LockToken(c, "app-1"); !errors.Is(err, context.Canceled) {
				if u != nil {
					u()
				}
				t.Fatalf("handle %d: LockToken on a held lock with a cancelled context = %v, want context.Canceled", i, err)
			}
		}
		// Cancelled while it waits.
		c, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			u, err := b.LockToken(c, "app-1")
			if u != nil {
				u()
			}
			done <- err
		}()
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Fatalf("LockToken cancelled while waiting = %v, want context.Canceled", err)
		}
	})

	t.Run("a waiter gets the lock once it is released", func(t *testing.T) {
		h := open(t)
		a, b := h(), h()
		for i, waiter := range []TokenStoreLocker{a, b} {
			unlock, err := a.LockToken(ctx(t), "app-1")
			if err != nil {
				t.Fatal(err)
			}
			got := make(chan error, 1)
			go func() {
				u, err := waiter.LockToken(ctx(t), "app-1")
				if err == nil {
					u()
				}
				got <- err
			}()
			unlock()
			if err := <-got; err != nil {
				t.Fatalf("waiter on handle %d: %v", i, err)
			}
		}
	})

	t.Run("renewals never overlap", func(t *testing.T) {
		h := open(t)
		handles := []TokenStoreLocker{h(), h()}
		c := ctx(t)
		if err := handles[0].Save(c, "app-1", &jushuitan.Token{AccessToken: "0"}); err != nil {
			t.Fatal(err)
		}
		const workers, rounds = 6, 5
		var inside atomic.Int32
		var wg sync.WaitGroup
		errs := make(chan error, workers*rounds)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s := handles[w%len(handles)]
				for range rounds {
					errs <- renew(c, s, &inside)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		tok, err := handles[1].Load(c, "app-1")
		if err != nil {
			t.Fatal(err)
		}
		if want := strconv.Itoa(workers * rounds); tok.AccessToken.Reveal() != want {
			t.Fatalf("after %s renewals the token is %q: renewals overlapped", want, tok.AccessToken.Reveal())
		}
	})
}

// renew stands for a client's renewal: under the lock, read the token and
// save its successor (the access token counts the renewals).
func renew(c context.Context, s TokenStoreLocker, inside *atomic.Int32) error {
	unlock, err := s.LockToken(c, "app-1")
	if err != nil {
		return err
	}
	defer unlock()
	if n := inside.Add(1); n != 1 {
		return errors.New("two holders of the token lock at once")
	}
	defer inside.Add(-1)
	tok, err := s.Load(c, "app-1")
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(tok.AccessToken.Reveal())
	if err != nil {
		return err
	}
	return s.Save(c, "app-1", &jushuitan.Token{AccessToken: duijie.Secret(strconv.Itoa(n + 1))})
}
