/**
 * The PostgreSQL channel. Flyway migrations under {@code db/migration} create the {@code alert_delivery}
 * table in the configured schema at start; each delivery is one row keyed by (subscription_id,
 * alert_id), written with {@code INSERT ... ON CONFLICT DO NOTHING}, so a replay or restart never
 * inserts twice. The row holds the main alert fields for queries plus the whole alert as jsonb.
 * {@link io.newswatch.sink.postgres.PostgresChannels} opens one channel per database: a subscription's
 * target JDBC URL, or the sink's default URL for an empty target.
 */
package io.newswatch.sink.postgres;
