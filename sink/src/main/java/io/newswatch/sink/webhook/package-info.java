/**
 * The webhook channel. Each WEBHOOK subscription gets its own single-thread worker with a bounded
 * queue, so a slow or dead endpoint only delays its own subscriber. A worker POSTs the delivery as
 * JSON, signed with {@code X-Newswatch-Signature: sha256=<HMAC>} using the secret read from the
 * environment variable named by {@code secretRef}, with an {@code Idempotency-Key} the receiver can
 * dedupe on; it retries with capped exponential backoff and full jitter, and records the key in a
 * {@link io.newswatch.sink.ledger.DeliveryLedger} once the endpoint answered 2xx, so a replay is not
 * resent. Secrets never reach a log line or a result message.
 */
package io.newswatch.sink.webhook;
