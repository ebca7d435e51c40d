package yihua

import (
	"context"
	"testing"

	"github.com/duijie/duijie"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPaidTradeNeedsPayRow checks that a trade that says it was paid, by
// PayStatus or by FactMoney, is refused without a payment row, before any
// request, and that an unpaid trade needs none.
func TestPaidTradeNeedsPayRow(t *testing.T) {
	for name, mutate := range map[string]func(*Trade){
		"paid status":    func(tr *Trade) { tr.Pays = nil },
		"money received": func(tr *Trade) { tr.Pays, tr.Master.PayStatus = nil, "" },
	} {
		t.Run(name, func(t *testing.T) {
			c, mt := newTestClient(t, testConfig)
			tr := seedTrade()
			mutate(tr)
			_, err := c.TransferTrade(context.Background(), &TransferRequest{Trade: tr})
			var ve *duijie.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, "Pays", ve.Field)
			assert.Equal(t, "required", ve.Rule)
			assert.Zero(t, mt.GetTotalCallCount())
		})
	}
	unpaid := seedTrade()
	unpaid.Pays, unpaid.Master.PayStatus, unpaid.Master.FactMoney = nil, "", amt("0")
	assert.NoError(t, unpaid.Validate())
}
