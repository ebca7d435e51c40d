package bench_test

import (
	"testing"

	"github.com/duijie/duijie/honor"
	"github.com/duijie/duijie/jushuitan"
	"github.com/duijie/duijie/kingdee"
	"github.com/duijie/duijie/wangdiantong"
)

// signParams is a typical signed parameter set: credentials, a timestamp
// and a JSON business payload of about 1 KB.
func signParams() map[string]string {
	biz := `{"shop_no":"shop","switch":0,"trade_list":[`
	for i := 0; i < 6; i++ {
		if i > 0 {
			biz += ","
		}
		biz += `{"tid":"T0000` + string(rune('0'+i)) + `","trade_status":30,"receiver_name":"收货人","receiver_address":"广东省深圳市南山区科技园1号","paid":"99.50","order_list":[{"oid":"O1","num":1,"price":"99.50","spec_no":"SKU"}]}`
	}
	biz += "]}"
	return map[string]string{"sid": "test2", "appkey": "test2-xx", "app_key": "app", "timestamp": "1470042310",
		"method": "wdt.trade.push", "v": "2.0", "format": "json", "target_app_key": "target", "biz": biz}
}

// BenchmarkSigners measures every signer on the same parameters.
func BenchmarkSigners(b *testing.B) {
	p := signParams()
	run := func(name string, sign func() string) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if sign() == "" {
					b.Fatal("empty signature")
				}
			}
		})
	}
	run("wangdiantong_openapi", func() string { return wangdiantong.SignOpenAPI(p, "12345") })
	run("qimen_md5", func() string { return wangdiantong.SignQimen(p, "secret", wangdiantong.SignMD5) })
	run("qimen_hmac", func() string { return wangdiantong.SignQimen(p, "secret", wangdiantong.SignHMAC) })
	run("qimen_hmac_sha256", func() string { return wangdiantong.SignQimen(p, "secret", wangdiantong.SignHMACSHA256) })
	run("jushuitan_openapi", func() string { return jushuitan.SignOpenAPI("secret", p) })
	run("jushuitan_legacy", func() string {
		return jushuitan.SignLegacy("jushuitan.orders.upload", "ywv5jGT8ge6Pvlq3FZSPol345asd", "181ee8952a88f5a57db52587472c3798", "1540370062", "ywv5jGT8ge6Pvlq3FZSPol2323")
	})
	run("honor_hmac_sha256", func() string { return honor.SignHMACSHA256(p, "appkey") })
	signer, err := kingdee.NewHeaderSigner("224426_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", "0123456789abcdef0123456789abcdef", "62d8f0a1e4b2c3", "webapi", 2052, "0")
	if err != nil {
		b.Fatal(err)
	}
	run("kingdee_headers", func() string {
		return signer.Sign("/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.BatchSave.common.kdsvc", "1700000000").Signature
	})
	run("kingdee_login_sign", func() string {
		return kingdee.LoginSign(false, "62d8f0a1e4b2c3", "webapi", "224426_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX", "0123456789abcdef0123456789abcdef", "1700000000")
	})
}
