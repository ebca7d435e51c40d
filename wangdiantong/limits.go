package wangdiantong

import (
	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/limit"
)

// limits checks requests against the vendor's documented limits (see the
// limit tags on the models): amounts are decimal(19,4) (trade_push.php).
var limits = limit.New[duijie.ValidationError](limit.Checker{Vendor: vendor, Amount: limit.Decimal{Digits: 19, Scale: 4}})
