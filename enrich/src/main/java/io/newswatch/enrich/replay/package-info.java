/**
 * Replay / backfill: reprocess the raw articles of a time range, e.g. after the rules changed.
 *
 * <p>A replay is its own Kafka Streams application, with an application id derived from the
 * taxonomy version and the range, so it has its own offsets and state and never disturbs the live
 * enrich service. Before its first start, its consumer group is positioned on the raw topic at the
 * offsets of {@code --from} (looked up by timestamp); records past {@code --to} are read but not
 * processed. Because the id is derived from the arguments, running the same replay again resumes it
 * from its last exactly-once commit, so it is safe to interrupt. Alert ids are hashes of (story,
 * topic, rule), so an alert a subscriber already got comes out with the same id and every sink
 * channel skips it; only alerts the new rules create are delivered.
 */
package io.newswatch.enrich.replay;
