package jushuitan

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duijie/duijie"
)

func sampleOrder(soID string) UploadOrder {
	at := duijie.NewTime(time.Date(2024, 5, 1, 10, 0, 0, 0, duijie.CST()))
	return UploadOrder{
		ShopID: 10, SoID: soID, OrderDate: at, ShopStatus: StatusWaitSellerSendGoods, ShopBuyerID: "buyer<1>&",
		ReceiverAddress: "广东省深圳市南山区科技园1号", ReceiverName: "张三", ReceiverMobile: "13800000000",
		PayAmount: amt("99.5"), Freight: amt("0"),
		Items: []UploadOrderItem{{SKUID: "SKU1", ShopSKUID: "P1", Name: "手机", Qty: 1, Price: amt("99.5"), Amount: amt("99.5"), OuterOiID: soID + "-1"}},
		Pay:   &UploadOrderPay{OuterPayID: "PAY-" + soID, PayDate: at, Payment: "支付宝", Amount: amt("99.5")},
	}
}

func TestUploadOrderJSON(t *testing.T) {
	o := sampleOrder("SO1")
	o.Invoice = &UploadInvoice{UserName: "王五", UserPhone: "010", Email: "a@b.c"}
	b, err := o.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `{"shop_id":10,"so_id":"SO1","order_date":"2024-05-01 10:00:00","shop_status":"WAIT_SELLER_SEND_GOODS",`+
		`"shop_buyer_id":"buyer<1>&","receiver_address":"广东省深圳市南山区科技园1号","receiver_name":"张三","receiver_mobile":"13800000000",`+
		`"pay_amount":99.50,"freight":0.00,"is_cod":false,"items":[{"sku_id":"SKU1","shop_sku_id":"P1","amount":99.50,"price":99.5000,"qty":1,"name":"手机","outer_oi_id":"SO1-1","is_gift":false}],`+
		`"pay":{"outer_pay_id":"PAY-SO1","pay_date":"2024-05-01 10:00:00","payment":"支付宝","amount":99.50},`+
		`"invoice":{"email":"a@b.c","userName":"王五","userPhone":"010"}}`, string(b))
	assert.NotContains(t, string(b), "receiver_state", "empty province is left out, not sent empty")
}

func TestUploadOrdersRowByRow(t *testing.T) {
	c, mt := newTestClient(t, vectorCfg)
	got := respond(mt, "POST", testBase+"/open/jushuitan/orders/upload",
		`{"code":0,"msg":"执行成功","data":{"datas":[{"o_id":"", "so_id":"SO2","issuccess":false,"msg":"店铺不存在"},{"o_id":101,"so_id":"SO1","issuccess":true,"msg":""}]}}`)
	res, err := c.UploadOrders(context.Background(), &UploadOrdersRequest{Orders: []UploadOrder{sampleOrder("SO1"), sampleOrder("SO2"), sampleOrder("SO3")}})
	require.NotNil(t, res)
	var be *duijie.BatchError
	require.True(t, errors.As(err, &be))
	assert.Equal(t, []int{1, 2}, be.FailedIndexes())
	assert.Equal(t, 3, be.Total)
	assert.Equal(t, UploadResult{Index: 0, ShopID: 10, SoID: "SO1", OK: true, OID: 101}, res.Results[0])
	assert.Equal(t, "店铺不存在", res.Results[1].Message)
	assert.False(t, res.Results[2].OK)
	assert.Contains(t, res.Results[2].Message, "no outcome")
	assert.Len(t, res.Failed(), 2)
	// SO3 is not in the answer: unknown, not refused.
	assert.True(t, res.Results[2].Unknown)
	assert.False(t, res.Results[1].Unknown)
	assert.Equal(t, []int{2}, be.UnknownIndexes())
	assert.Equal(t, []UploadResult{res.Results[2]}, res.Unknown())
	biz := got.form(0).Get("biz")
	assert.Equal(t, byte('['), biz[0], "biz is a JSON array")
	assert.Contains(t, biz, `"shop_buyer_id":"buyer<1>&"`, "no HTML escaping in the signed biz")
}

func TestUploadOrdersAllOK(t *testing.T) {
	c, mt := newTestClient(t, legacyCfg)
	got := respond(mt, "POST", testLegacyBase, `{"code":0,"issuccess":true,"msg":null,"datas":[{"o_id":5,"so_id":"SO1","issuccess":"true","msg":null}]}`)
	res, err := c.UploadOrders(context.Background(), &UploadOrdersRequest{Orders: []UploadOrder{sampleOrder("SO1")}})
	require.NoError(t, err)
	assert.True(t, res.Results[0].OK)
	assert.Equal(t, duijie.Int64(5), res.Results[0].OID)
	assert.Contains(t, got.queries[0], "method=jushuitan.orders.upload&")
	assert.Equal(t, byte('['), got.bodies[0][0])
}

func TestUploadOrdersWholeCallRefused(t *testing.T) {
	c, mt := newTestClient(t, vectorCfg)
	respond(mt, "POST", testBase+"/open/jushuitan/orders/upload", `{"code":140,"msg":"参数不符合规范"}`)
	res, err := c.UploadOrders(context.Background(), &UploadOrdersRequest{Orders: []UploadOrder{sampleOrder("SO1")}})
	assert.Nil(t, res)
	assert.ErrorIs(t, err, duijie.ErrInvalidRequest)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

// An upload answer that accounts for no order (no datas list, or no data at
// all) leaves every order of unknown outcome: never success, never a plain
// refusal.
func TestUploadAnswerWithoutRowsIsUnknown(t *testing.T) {
	for _, answer := range []string{`{"code":0,"msg":"执行成功","data":{}}`, `{"code":0,"msg":"执行成功","data":null}`,
		`{"code":0,"msg":"执行成功","data":{"datas":[]}}`} {
		c, mt := newTestClient(t, vectorCfg)
		respond(mt, "POST", testBase+"/open/jushuitan/orders/upload", answer)
		res, err := c.UploadOrders(context.Background(), &UploadOrdersRequest{Orders: []UploadOrder{sampleOrder("SO1"), sampleOrder("SO2")}})
		var be *duijie.BatchError
		require.ErrorAs(t, err, &be, answer)
		require.NotNil(t, res)
		assert.Equal(t, []int{0, 1}, be.UnknownIndexes(), answer)
		for _, r := range res.Results {
			assert.True(t, r.Unknown, answer)
			assert.False(t, r.OK, answer)
		}
		for _, r := range be.Failed {
			assert.True(t, r.OutcomeUnknown)
			assert.Contains(t, r.Error(), "may have arrived")
		}
	}
}
