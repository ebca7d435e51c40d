package paging

import (
	"context"
	"errors"
	"iter"
	"strconv"
	"testing"
	"time"

	"github.com/duijie/duijie/internal/apierr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func pagesOf(total, size int) Fetch[int] {
	return func(_ context.Context, page int) ([]int, bool, error) {
		var items []int
		for i := page * size; i < (page+1)*size && i < total; i++ {
			items = append(items, i)
		}
		return items, (page+1)*size < total, nil
	}
}

func key(i int) string { return strconv.Itoa(i) }

func collect(t *testing.T, seq func(func(int, error) bool)) ([]int, error) {
	t.Helper()
	var out []int
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

func TestItemsWalksEveryPage(t *testing.T) {
	got, err := collect(t, Items(context.Background(), 0, key, pagesOf(25, 10)))
	require.NoError(t, err)
	require.Len(t, got, 25)
	for i, v := range got {
		assert.Equal(t, i, v)
	}
}

func TestItemsStopsOnEmptyPageEvenIfMoreIsClaimed(t *testing.T) {
	calls := 0
	fetch := func(_ context.Context, page int) ([]int, bool, error) {
		calls++
		if page == 1 {
			return nil, true, nil
		}
		return []int{page}, true, nil
	}
	got, err := collect(t, Items(context.Background(), 0, key, fetch))
	require.NoError(t, err)
	assert.Equal(t, []int{0}, got)
	assert.Equal(t, 2, calls)
}

func TestItemsStopsOnRepeatedPageWithError(t *testing.T) {
	fetch := func(_ context.Context, page int) ([]int, bool, error) {
		return []int{1, 2, 3}, true, nil
	}
	got, err := collect(t, Items(context.Background(), 1, key, fetch))
	require.ErrorIs(t, err, apierr.ErrRepeatedPage)
	assert.Equal(t, []int{1, 2, 3}, got)
}

func TestItemsStopsOnErrorAndBreak(t *testing.T) {
	boom := errors.New("boom")
	calls := 0
	fetch := func(_ context.Context, page int) ([]int, bool, error) {
		calls++
		if page == 2 {
			return nil, false, boom
		}
		return []int{page}, true, nil
	}
	n := 0
	for _, err := range Items(context.Background(), 0, nil, fetch) {
		n++
		if err != nil {
			require.ErrorIs(t, err, boom)
		}
	}
	assert.Equal(t, 3, n)
	assert.Equal(t, 3, calls)

	calls = 0
	for range Items(context.Background(), 0, nil, fetch) {
		break
	}
	assert.Equal(t, 1, calls)
}

func TestItemsHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := collect(t, Items(ctx, 0, key, pagesOf(5, 2)))
	assert.ErrorIs(t, err, context.Canceled)
}

func TestSplit(t *testing.T) {
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	ws := Split(from, from.Add(150*time.Minute), time.Hour)
	require.Len(t, ws, 3)
	assert.Equal(t, Window{from, from.Add(time.Hour)}, ws[0])
	assert.Equal(t, Window{from.Add(2 * time.Hour), from.Add(150 * time.Minute)}, ws[2])
	for i := 1; i < len(ws); i++ {
		assert.True(t, ws[i].From.Equal(ws[i-1].To), "windows must touch")
	}
	assert.Nil(t, Split(from, from, time.Hour))
	assert.Nil(t, Split(from, from.Add(-time.Hour), time.Hour))
	assert.Len(t, Split(from, from.Add(time.Hour), time.Hour), 1)
}

func TestWindowedItems(t *testing.T) {
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var seen []Window
	seq := WindowedItems(from, from.Add(3*time.Hour), time.Hour, func(w Window) iter.Seq2[int, error] {
		seen = append(seen, w)
		return Items(context.Background(), 0, key, pagesOf(3, 2))
	})
	got, err := collect(t, seq)
	require.NoError(t, err)
	assert.Len(t, got, 9)
	assert.Len(t, seen, 3)
}
