// Package duijie (对接) connects Go ERP backends to Chinese e-commerce
// platforms and ERPs: Jushuitan (聚水潭), Wangdiantong (旺店通) and its Qimen
// (奇门) route, Kingdee Cloud Galaxy (金蝶云星空), Yihua (益华) and the Honor
// Himall VF distributor API (荣耀 VF / PSI).
//
// Each vendor has its own package with a typed client and an in-process fake
// in its …test package: wangdiantong, yihua, kingdee and jushuitan today;
// honor, and the pure-logic packages mapping and psi, are in progress.
package duijie
