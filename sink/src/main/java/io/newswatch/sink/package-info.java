/**
 * The sink stage: delivers alerts from {@code news.alerts} to subscribers, effectively once.
 *
 * <p>Data flow: the Kafka consumer loop (read_committed) hands each {@link io.newswatch.schemas.avro.Alert}
 * to {@link io.newswatch.sink.subscription.SubscriptionRegistry#matching}, then calls
 * {@link io.newswatch.sink.AlertChannel#deliver} on the channel of each matching subscription. Every
 * channel is idempotent by itself, keyed by {@link io.newswatch.sink.DeliveryKey} (subscription id +
 * alert id), so a replay after a crash or rebalance never delivers twice: the file channel rebuilds
 * its keys from its files, the webhook channel keeps an fsynced ledger, PostgreSQL has a unique key,
 * and the live page dedupes on alert id. {@link io.newswatch.sink.ChannelRouter} picks the channel by
 * subscription kind. Offsets are committed only after every returned future has
 * completed; a FAILED result goes to the dead-letter topic.
 */
package io.newswatch.sink;
