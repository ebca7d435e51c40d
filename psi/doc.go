// Package psi decides which stock documents and serial numbers a
// distributor reports to Honor's PSI (进销存) upload, builds the nightly
// batch of the previous day, and models the upload log with its re-upload
// (补传) selection. It is pure: no network, no clock (the day or time is
// passed in), no shared state; a Selector is immutable and safe for
// concurrent use.
//
// The rules, from the ERP's Honor interface settings:
//
//   - Wholesale outbounds (批发出库), wholesale returns (批发退货) and
//     wholesale exchanges (批发换机) are the documents that upload.
//   - A document linked to a Himall VF order uploads every serial number,
//     whatever the configuration says.
//   - A document linked to a non-VF order, or to no order, uploads a line
//     only when its warehouse, its supplier, the document's customer, its
//     brand and its goods category are all enabled in Config.
//   - A line without serial numbers never uploads.
//
// Every line that does not upload is listed with its reasons in
// Selection.Skipped; nothing is dropped silently.
package psi
