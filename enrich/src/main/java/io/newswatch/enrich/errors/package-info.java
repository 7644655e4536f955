/**
 * The enrich error policy: Kafka Streams' deserialization, processing and production exception
 * handlers all resume and send a {@link io.newswatch.schemas.avro.DeadLetter} with the reason and
 * the raw bytes to the dead-letter topic (KIP-1034), inside the same transaction as the offsets. If
 * even the dead letter cannot be written (the registry is down), the handler fails the task, so the
 * record is retried rather than lost.
 */
package io.newswatch.enrich.errors;
