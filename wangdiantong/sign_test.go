package wangdiantong

import (
	"crypto/md5"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSignOpenAPIOfficialVector(t *testing.T) {
	params := map[string]string{
		"appkey": "test2-xx", "page_no": "0", "end_time": "2016-08-01 13:00:00",
		"start_time": "2016-08-01 12:00:00", "page_size": "40", "sid": "test2", "timestamp": "1470042310",
		"sign": "ignored",
	}
	assert.Equal(t, "ad4e6fe037ea6e3ba4768317be9d1309", SignOpenAPI(params, "12345"))
}

func TestSignOpenAPICountsCharactersNotBytes(t *testing.T) {
	params := map[string]string{"appkey": "test2-xx", "sid": "test2", "timestamp": "1470042310", "shop_no": "测试店铺", "buyer_nick": "张三😀"}
	assert.Equal(t, "2abe08808c4132027d22e18c347bbb8b", SignOpenAPI(params, "12345"))
	assert.NotEqual(t, "ba0bb7bf499168528fd3285b2f60d97d", SignOpenAPI(params, "12345"), "byte counting")
	assert.Equal(t, "12345", pad(12345, 4), "lengths past four digits are written in full")
}

func TestSignQimenVectors(t *testing.T) {
	params := map[string]string{
		"method": "taobao.item.seller.get", "app_key": "12345678", "session": "test", "timestamp": "2016-01-01 12:00:00",
		"format": "json", "v": "2.0", "sign_method": "md5", "fields": "num_iid,title,nick,price,num", "num_iid": "11223344",
	}
	assert.Equal(t, "66987CB115214E59E6EC978214934FB8", SignQimen(params, "helloworld", SignMD5))
	params["sign_method"] = "hmac"
	assert.Equal(t, "D56D7858309C31B6251083A874D48273", SignQimen(params, "helloworld", SignHMAC))
	params["sign_method"] = "hmac-sha256"
	assert.Equal(t, "04DB15AD0774D5CFCE2C837DE43E3FCEA9011ED74F3038FB6AB5F3C4CEA119E8", SignQimen(params, "helloworld", SignHMACSHA256))
	// RFC 2202 / RFC 4231 "Hi There" through the concatenation.
	hi := map[string]string{"Hi": " There"}
	assert.Equal(t, "9294727A3638BB1C13F48EF8158BFC9D", SignQimen(hi, string(repeat(0x0b, 16)), SignHMAC))
	assert.Equal(t, "", SignQimen(hi, "k", "sha1"))
	// Empty values are skipped.
	assert.Equal(t, SignQimen(map[string]string{"a": "1"}, "s", SignMD5), SignQimen(map[string]string{"a": "1", "b": ""}, "s", SignMD5))
}

func repeat(b byte, n int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = b
	}
	return out
}

func FuzzSignOpenAPI(f *testing.F) {
	f.Add("shop_no", "测试店铺", "12345")
	f.Fuzz(func(t *testing.T, k, v, secret string) {
		a := SignOpenAPI(map[string]string{k: v, "sid": "s"}, secret)
		if len(a) != 32 || a != SignOpenAPI(map[string]string{"sid": "s", k: v}, secret) {
			t.Fatal("sign is not a stable md5")
		}
	})
}

func BenchmarkSignOpenAPI(b *testing.B) {
	params := map[string]string{"appkey": "test2-xx", "sid": "test2", "timestamp": "1470042310", "shop_no": "测试店铺", "trade_list": `[{"tid":"T1"}]`}
	b.ReportAllocs()
	for b.Loop() {
		SignOpenAPI(params, "12345")
	}
}

func BenchmarkSignQimen(b *testing.B) {
	params := map[string]string{"method": "wdt.trade.push", "app_key": "1", "timestamp": "2016-01-01 12:00:00", "sid": "s", "trade_list": `[{"tid":"T1"}]`}
	for _, m := range []SignMethod{SignMD5, SignHMAC, SignHMACSHA256} {
		b.Run(string(m), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				SignQimen(params, "secret", m)
			}
		})
	}
}

func TestSigningStringsAreWhatIsSigned(t *testing.T) {
	params := map[string]string{"appkey": "test2-xx", "page_no": "0", "end_time": "2016-08-01 13:00:00",
		"start_time": "2016-08-01 12:00:00", "page_size": "40", "sid": "test2", "timestamp": "1470042310", "sign": "x"}
	assert.Equal(t, "06-appkey:0008-test2-xx;08-end_time:0019-2016-08-01 13:00:00;07-page_no:0001-0;09-page_size:0002-40;03-sid:0005-test2;10-start_time:0019-2016-08-01 12:00:00;09-timestamp:0010-1470042310",
		OpenAPISigningString(params))
	sum := md5.Sum([]byte(OpenAPISigningString(params) + "12345"))
	assert.Equal(t, SignOpenAPI(params, "12345"), hex.EncodeToString(sum[:]))

	q := map[string]string{"method": "taobao.item.seller.get", "app_key": "12345678", "session": "test", "timestamp": "2016-01-01 12:00:00",
		"format": "json", "v": "2.0", "sign_method": "md5", "fields": "num_iid,title,nick,price,num", "num_iid": "11223344", "empty": "", "sign": "x"}
	assert.Equal(t, "app_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.getnum_iid11223344sessiontestsign_methodmd5timestamp2016-01-01 12:00:00v2.0",
		QimenSigningString(q))
}
