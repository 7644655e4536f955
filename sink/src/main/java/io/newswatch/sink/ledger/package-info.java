/**
 * Records of which delivery keys reached their endpoint. A channel whose endpoint cannot answer
 * "do you have this already?" (a webhook) asks a {@link io.newswatch.sink.ledger.DeliveryLedger}
 * before sending and records the key once the endpoint acknowledged it. The file ledger is an
 * append-only, fsynced list of keys; the lead may back the interface with a compacted topic instead.
 */
package io.newswatch.sink.ledger;
