// Package push receives what platforms and integration services push to
// the host: orders in the OpenCallback shape (开放式的回调方法,
// mapping.CallbackOrder), authenticated and de-duplicated, handed to the
// host's DeliverFunc (WDT trade_push, a queue, anything else).
//
// A Receiver is an http.Handler:
//
//	rc, err := push.NewReceiver(deliver, push.WithSecret(secret), push.WithLogger(log))
//	http.Handle("POST /callback", rc)
//
// # Signing rule
//
// The sender and the Receiver share a secret. For each request the sender
// takes the current time in Unix seconds, as decimal digits (TIMESTAMP),
// a fresh random NONCE of 8 to 128 characters from A-Z a-z 0-9 - _ . ~
// (32 hex digits will do), and computes
//
//	SIGNATURE = lowercase hex of HMAC-SHA256(key = secret, message =
//	    "v1" LF METHOD LF PATH LF TIMESTAMP LF NONCE LF BODY)
//
// where LF is one byte 0x0A, METHOD is the HTTP method in upper case
// ("POST"), PATH is the path exactly as written on the request line,
// percent-encoding included and the query left out ("/" when empty), and
// BODY is the exact bytes of the request body. It sends the headers
//
//	X-Duijie-Timestamp: TIMESTAMP
//	X-Duijie-Nonce: NONCE
//	X-Duijie-Signature: v1=SIGNATURE
//
// Test vector: secret "push-test-secret", method POST, path "/callback",
// timestamp 1795000000, nonce 3f2a9c1e7b6d4058 and body
// {"shop_no":"QY01","tid":"CB-1001"} (no trailing newline) give
//
//	X-Duijie-Signature: v1=224496a7f15a99f11187c5c5022719713b1bd476ff6b1388a197eab98611982b
//
// which a shell reproduces with
//
//	printf 'v1\nPOST\n/callback\n1795000000\n3f2a9c1e7b6d4058\n{"shop_no":"QY01","tid":"CB-1001"}' |
//	    openssl dgst -sha256 -hmac 'push-test-secret'
//
// Sign and SignRequest implement the rule for Go senders.
//
// The Receiver compares signatures in constant time, refuses a timestamp
// more than the window (WithWindow, 5 minutes by default) from its clock,
// and refuses a signature it has accepted before, while its timestamp is
// in the window: every send, retries included, is signed afresh with a new
// nonce.
//
// # Answers
//
// A push that is refused as a whole hands nothing on and is answered with a
// short plain-text reason: 405 (not POST), 403 (address not allowed,
// WithAllowedIPs), 429 (sender over its rate, WithRateLimit), 413 (body
// over the cap, WithMaxBody), 401 (unsigned, malformed or wrong signature,
// timestamp outside the window), 409 (replayed signature), 400 (body is not
// one order, an array of orders or {"content":[...]}).
//
// Otherwise the answer is a JSON array of Result, one per pushed order in
// the pushed order: 200 when every outcome is final (taken or refused),
// 503 when some order has Retry set. Sending the whole push again, signed
// afresh, is always safe.
//
// # Exactly once into the host
//
// Orders are keyed by (shop_no, tid) and hashed by content. The Receiver
// serializes each key (two pushes of one order never reach the host at the
// same time), and remembers the settled outcome of the latest content of
// each key in an OutcomeStore: the same content pushed again is answered
// with the remembered outcome (Result.Repeat) and not handed on; different
// content under the same key is handed on, as an update when the earlier
// version was taken. The host's DeliverFunc classes each order's outcome:
// nil (taken) and Refused (definitely refused) are remembered; Unknown
// (may have arrived) and other errors are not, so a retry hands the order
// on again and the host's target must absorb a repeat (WDT trade_push
// updates by tid).
//
// Accepted signatures and settled outcomes live behind ReplayStore and
// OutcomeStore; the memory implementations serve one process, a durable
// store shared by several processes implements the same interfaces. The
// per-key serialization is within one process.
//
// The Receiver starts no goroutine, keeps no state outside its value, and
// is silent unless given a logger (WithLogger); it never logs the secret,
// a signature or an order's contents.
package push
