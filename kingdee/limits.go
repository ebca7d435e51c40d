package kingdee

import (
	"github.com/duijie/duijie"
	"github.com/duijie/duijie/internal/limit"
)

// limits checks bills and map models before they are sent, under the
// limits declared in their limit tags and the universal rules (valid
// UTF-8, no control characters other than tab and newline in text, none in
// numbers and codes, no surrounding white space in numbers and codes, no
// year 0). The Kingdee notes document no field lengths, no decimal
// precision (IsControlPrecision is a server option) and no cap on the
// bills of one BatchSave, so none is checked here; the SDK's own cap,
// MaxBatchSave, is BatchSave's MaxBatch in the operation table.
var limits = limit.New[duijie.ValidationError](limit.Checker{Vendor: vendor})
