package kingdee

import "time"

// SaveOptions are the options of Save, Draft, BatchSave and SaveSalReturns,
// named as the server names them. Zero values are left out.
type SaveOptions struct {
	// NeedUpdateFields lists the fields to update (NeedUpDateFields); an
	// update also needs FID and the entries' ids in the model.
	NeedUpdateFields []string `json:"NeedUpDateFields,omitempty"`
	// NeedReturnFields lists the fields to return in NeedReturnData.
	NeedReturnFields []string `json:"NeedReturnFields,omitempty"`
	// IsDeleteEntry deletes existing entries missing from the model (default true).
	IsDeleteEntry Flag `json:"IsDeleteEntry,omitzero"`
	// SubSystemID is the sub-system (SubSystemId).
	SubSystemID string `json:"SubSystemId,omitempty"`
	// IsVerifyBaseDataField checks every base-data reference (default false).
	IsVerifyBaseDataField Flag `json:"IsVerifyBaseDataField,omitzero"`
	// IsEntryBatchFill fills entries in batch (default true).
	IsEntryBatchFill Flag `json:"IsEntryBatchFill,omitzero"`
	// ValidateFlag validates the data (default true).
	ValidateFlag Flag `json:"ValidateFlag,omitzero"`
	// NumberSearch resolves base data by code (default true).
	NumberSearch Flag `json:"NumberSearch,omitzero"`
	// IsAutoAdjustField orders the model's fields itself (default false).
	IsAutoAdjustField Flag `json:"IsAutoAdjustField,omitzero"`
	// InterationFlags (sic) are interaction flags, "flag1;flag2", e.g.
	// "STK_InvCheckResult" to allow negative stock.
	InterationFlags string `json:"InterationFlags,omitempty"`
	// IgnoreInterationFlag ignores interactions.
	IgnoreInterationFlag Flag `json:"IgnoreInterationFlag,omitzero"`
	// IsControlPrecision checks the precision of amounts, prices and quantities.
	IsControlPrecision Flag `json:"IsControlPrecision,omitzero"`
	// ValidateRepeatJSON refuses a payload the server saw before (ValidateRepeatJson).
	ValidateRepeatJSON Flag `json:"ValidateRepeatJson,omitzero"`
	// IsAutoSubmitAndAudit submits and audits the saved bills; not every
	// server version honours it on Save.
	IsAutoSubmitAndAudit Flag `json:"IsAutoSubmitAndAudit,omitzero"`
	// BatchCount is the number of server threads of a BatchSave (it only
	// matters with more models than threads); Save and Draft ignore it.
	BatchCount int `json:"BatchCount,omitempty"`
	// SettleDelay is how long a save waits after a look-up by number found
	// nothing before it looks again and sends the bill again; it is not
	// sent. 0 means DefaultSettleDelay; negative is refused.
	SettleDelay time.Duration `json:"-"`
}
