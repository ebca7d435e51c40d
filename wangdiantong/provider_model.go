package wangdiantong

import "github.com/duijie/duijie"

// Provider is one supplier record (供应商) of purchase_provider_query. The
// fields are those of provider_list in cuifan53/wdt-sdk
// src/types/basic/purchase_provider_query.ts. Ids and codes are Text;
// region codes, flags and day counts Int64; the minimum purchase Amount.
type Provider struct {
	// ProviderID is provider_id (供应商ID).
	ProviderID duijie.Text `json:"provider_id"`
	// ProviderNo is provider_no (供应商编号).
	ProviderNo duijie.Text `json:"provider_no"`
	// ProviderName is provider_name (供应商名称).
	ProviderName duijie.Text `json:"provider_name"`
	// Contact is contact (联系人).
	Contact duijie.Text `json:"contact"`
	// Telno is telno (电话).
	Telno duijie.Text `json:"telno"`
	// Mobile is mobile (移动电话).
	Mobile duijie.Text `json:"mobile"`
	// Fax is fax (传真).
	Fax duijie.Text `json:"fax"`
	// Zip is zip (邮编).
	Zip duijie.Text `json:"zip"`
	// Email is email (Email).
	Email duijie.Text `json:"email"`
	// QQ is qq (QQ).
	QQ duijie.Text `json:"qq"`
	// Wangwang is wangwang (旺旺账号).
	Wangwang duijie.Text `json:"wangwang"`
	// AccountBankNo is account_bank_no (收款银行账户).
	AccountBankNo duijie.Text `json:"account_bank_no"`
	// AccountBank is account_bank (收款银行).
	AccountBank duijie.Text `json:"account_bank"`
	// CollectName is collect_name (收款人).
	CollectName duijie.Text `json:"collect_name"`
	// Country is country (国家编码).
	Country duijie.Int64 `json:"country"`
	// Province is province (省份编码).
	Province duijie.Int64 `json:"province"`
	// City is city (城市编码).
	City duijie.Int64 `json:"city"`
	// District is district (区县编码).
	District duijie.Int64 `json:"district"`
	// Address is address (地址).
	Address duijie.Text `json:"address"`
	// Website is website (网址).
	Website duijie.Text `json:"website"`
	// MinPurchaseNum is min_purchase_num (最小采购量).
	MinPurchaseNum duijie.Amount `json:"min_purchase_num"`
	// PurchaseCycleDays is purchase_cycle_days (采购周期).
	PurchaseCycleDays duijie.Int64 `json:"purchase_cycle_days"`
	// ArriveCycleDays is arrive_cycle_days (到货周期).
	ArriveCycleDays duijie.Int64 `json:"arrive_cycle_days"`
	// ChargeCycleDays is charge_cycle_days (结算周期).
	ChargeCycleDays duijie.Int64 `json:"charge_cycle_days"`
	// LastPurchaseTime is last_purchase_time (最后采购日期).
	LastPurchaseTime duijie.Time `json:"last_purchase_time"`
	// Remark is remark (备注).
	Remark duijie.Text `json:"remark"`
	// IsDisabled is is_disabled (是否禁用).
	IsDisabled duijie.Int64 `json:"is_disabled"`
	// Deleted is deleted (删除时间戳).
	Deleted duijie.Int64 `json:"deleted"`
	// Modified is modified (最后修改时间).
	Modified duijie.Time `json:"modified"`
	// Created is created (创建时间).
	Created duijie.Time `json:"created"`
}
