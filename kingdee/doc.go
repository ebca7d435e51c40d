// Package kingdee is a typed client for the Kingdee Cloud Galaxy
// (金蝶云星空, K/3 Cloud) WebAPI, with the sales return bill
// (SAL_RETURNSTOCK) as a typed model.
package kingdee
