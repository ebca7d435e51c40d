package push

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestRefusedAndUnknownClassAnErrorAndKeepIt(t *testing.T) {
	base := context.DeadlineExceeded
	r, u := Refused(base), Unknown(base)
	assert.ErrorIs(t, r, ErrRefused)
	assert.NotErrorIs(t, r, ErrUnknown)
	assert.ErrorIs(t, u, ErrUnknown)
	assert.NotErrorIs(t, u, ErrRefused)
	assert.ErrorIs(t, r, base)
	assert.ErrorIs(t, u, base)
	assert.Equal(t, base.Error(), r.Error())
	assert.NoError(t, Refused(nil))
	assert.NoError(t, Unknown(nil))
	assert.NotErrorIs(t, errors.New("plain"), ErrRefused)
}

func TestClipKeepsRunesWhole(t *testing.T) {
	assert.Equal(t, "short", clip("short"))
	long := strings.Repeat("订", 400) // 3 bytes each
	c := clip(long)
	assert.True(t, utf8.ValidString(c))
	assert.LessOrEqual(t, len(c), maxReason+len("…"))
	assert.True(t, strings.HasSuffix(c, "…"))
}
