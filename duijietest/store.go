package duijietest

import "sync"

// Store is a table of records a fake keeps (orders pushed, trades, bills,
// shipments), keyed by K and listed in the order each key was first put.
// Putting a key again replaces its value and keeps its place. The zero
// value is an empty store ready to use; it is safe for concurrent use.
//
// A fake that must keep several tables consistent with one another still
// holds its own lock around the compound change; Store's own lock keeps
// every single call safe.
type Store[K comparable, V any] struct {
	mu    sync.Mutex
	m     map[K]V
	order []K
}

// Put stores v under k and reports whether k was there before; a new key
// goes to the end of the listing order, a known one keeps its place.
func (s *Store[K, V]) Put(k K, v V) (replaced bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[K]V{}
	}
	_, replaced = s.m[k]
	if !replaced {
		s.order = append(s.order, k)
	}
	s.m[k] = v
	return replaced
}

// Get returns the value stored under k and whether there is one.
func (s *Store[K, V]) Get(k K) (V, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[k]
	return v, ok
}

// List returns every value in the order its key was first put.
func (s *Store[K, V]) List() []V {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]V, 0, len(s.order))
	for _, k := range s.order {
		out = append(out, s.m[k])
	}
	return out
}

// Len counts the keys stored.
func (s *Store[K, V]) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.order)
}
