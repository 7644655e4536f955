/**
 * The JSONL file channel. A subscription's target is a directory; {@link io.newswatch.sink.file.JsonlDirectory}
 * appends one JSON line per delivery to {@code alerts-<yyyy-MM-dd>[.<n>].jsonl}, rotating by UTC day
 * and by size, and fsyncs each line before reporting success. On open it repairs a torn last line and
 * rebuilds the set of delivered keys from the files' {@code deliveryKey} fields, so a replay is skipped.
 */
package io.newswatch.sink.file;
