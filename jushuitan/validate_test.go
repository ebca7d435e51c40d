package jushuitan

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

// The paths of an upload's validation errors are written only on error,
// and name the same field, rule and detail whatever the order's size.
func TestUploadValidationPaths(t *testing.T) {
	c, _ := newTestClient(t, vectorCfg)
	lines := func(o *UploadOrder, n int) {
		for i := len(o.Items); i < n; i++ {
			it := o.Items[0]
			it.OuterOiID = o.SoID + "-" + strconv.Itoa(i+1)
			o.Items = append(o.Items, it)
		}
	}
	cases := []struct {
		name                string
		edit                func(o *UploadOrder)
		field, rule, detail string
	}{
		{"duplicate line", func(o *UploadOrder) { lines(o, 3); o.Items[2].OuterOiID = o.Items[0].OuterOiID },
			"orders[1].items[2].outer_oi_id", duijie.RuleConflict, "same as items[0]; it must be unique within the order"},
		{"duplicate line past sixteen", func(o *UploadOrder) {
			lines(o, 30)
			o.Items[16].OuterOiID = ""
			o.Items[25].OuterOiID = o.Items[5].OuterOiID
		}, "orders[1].items[25].outer_oi_id", duijie.RuleConflict, "same as items[5]; it must be unique within the order"},
		{"duplicate of a late line", func(o *UploadOrder) { lines(o, 40); o.Items[39].OuterOiID = o.Items[20].OuterOiID },
			"orders[1].items[39].outer_oi_id", duijie.RuleConflict, "same as items[20]; it must be unique within the order"},
		{"line price scale", func(o *UploadOrder) { lines(o, 3); o.Items[2].Price = amt("1.00001") },
			"orders[1].items[2].price", duijie.RuleFormat, "at most 4 decimal places"},
		{"line amount negative", func(o *UploadOrder) { o.Items[0].Amount = amt("-1") },
			"orders[1].items[0].amount", duijie.RuleNegative, ""},
		{"pay amount", func(o *UploadOrder) { o.Pay.Amount = amt("1.001") },
			"orders[1].pay.amount", duijie.RuleFormat, "at most 2 decimal places"},
		{"freight", func(o *UploadOrder) { o.Freight = amt("-2") },
			"orders[1].freight", duijie.RuleNegative, ""},
		{"send date year", func(o *UploadOrder) {
			o.SendDate = duijie.NewTime(time.Date(10000, 1, 2, 0, 0, 0, 0, duijie.CST()))
		}, "orders[1].send_date", duijie.RuleRange, ""},
		{"id with a space", func(o *UploadOrder) { o.Items[0].SKUID = " SKU" },
			"orders[1].items[0].sku_id", duijie.RuleFormat, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := sampleOrder("SO2")
			tc.edit(&o)
			_, err := c.UploadOrders(context.Background(), &UploadOrdersRequest{Orders: []UploadOrder{sampleOrder("SO1"), o}})
			var ve *duijie.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
			assert.Equal(t, tc.rule, ve.Rule)
			if tc.detail != "" {
				assert.Equal(t, tc.detail, ve.Detail)
			}
		})
	}
}
