package duijietest

import (
	"strconv"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStoreListsInFirstPutOrder(t *testing.T) {
	var s Store[string, int]
	assert.Zero(t, s.Len())
	assert.Empty(t, s.List())
	_, ok := s.Get("a")
	assert.False(t, ok)

	assert.False(t, s.Put("b", 1))
	assert.False(t, s.Put("a", 2))
	assert.False(t, s.Put("c", 3))
	assert.True(t, s.Put("b", 4), "a second put of b replaces it")

	assert.Equal(t, []int{4, 2, 3}, s.List(), "b keeps its first place")
	assert.Equal(t, 3, s.Len())
	v, ok := s.Get("b")
	require.True(t, ok)
	assert.Equal(t, 4, v)
}

func TestStoreListIsACopy(t *testing.T) {
	var s Store[int, string]
	s.Put(1, "one")
	l := s.List()
	l[0] = "changed"
	v, _ := s.Get(1)
	assert.Equal(t, "one", v)
}

func TestStoreConcurrentPuts(t *testing.T) {
	var s Store[string, int]
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				s.Put(strconv.Itoa(i), g)
				s.Get(strconv.Itoa(i))
				s.List()
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, 100, s.Len())
	for i := range 100 {
		g, ok := s.Get(strconv.Itoa(i))
		assert.True(t, ok)
		assert.True(t, g >= 0 && g < 8)
	}
}
