package duijie

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSecretNeverPrints(t *testing.T) {
	s := Secret("topsecret")
	for _, got := range []string{
		fmt.Sprint(s), fmt.Sprintf("%v %s %q %+v %#v", s, s, s, s, s),
		fmt.Sprintf("%+v", struct{ Key Secret }{s}),
	} {
		assert.NotContains(t, got, "topsecret")
		assert.Contains(t, got, "[REDACTED]")
	}
	b, _ := json.Marshal(struct{ Key Secret }{s})
	assert.Equal(t, `{"Key":"[REDACTED]"}`, string(b))
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("cfg", "secret", s)
	assert.NotContains(t, buf.String(), "topsecret")
	assert.Equal(t, "topsecret", s.Reveal())
	assert.Equal(t, "", Secret("").String())
}
