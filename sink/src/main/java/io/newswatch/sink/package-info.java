/**
 * The sink stage: delivers alerts from {@code news.alerts} to subscribers, effectively once.
 *
 * <p>Data flow: {@link io.newswatch.sink.SinkService} first reads the compacted topic
 * {@code news.subscriptions} to its end into a {@link io.newswatch.sink.subscription.SubscriptionRegistry}
 * (a groupless reader thread that keeps applying upserts and tombstones live; {@link
 * io.newswatch.sink.SubscriptionsAdmin} writes them). Only then does its consumer loop (a consumer
 * group, {@code read_committed}, no auto-commit) read alerts. It decodes every record itself, so a
 * poison record becomes a {@code DeadLetter} on {@code news.sink.dlq} instead of stopping the loop;
 * hands each {@link io.newswatch.schemas.avro.Alert} to
 * {@link io.newswatch.sink.subscription.SubscriptionRegistry#matching}; and delivers it through
 * {@link io.newswatch.sink.ChannelRouter}, which picks the {@link io.newswatch.sink.AlertChannel} by
 * subscription kind, without waiting: a webhook goes to its subscription's own worker (in order,
 * retried for {@code sink.webhook.retry-for}), and after each poll the loop flushes the channels that
 * batch (one fsync per JSONL directory, one INSERT transaction per database). A record is done when
 * every delivery succeeded or its dead letter was acknowledged; each partition's offset is committed
 * up to its oldest record not yet done, so one slow endpoint delays nobody else's alerts and a crash
 * still loses nothing. {@link io.newswatch.sink.Redelivery} ({@code newswatch redeliver}) replays dead
 * letters through the same channels.
 *
 * <p>Effectively once: Kafka alone gives at-least-once here (a crash between delivery and commit
 * replays the batch), so every channel is idempotent by itself, keyed by
 * {@link io.newswatch.sink.DeliveryKey} (subscription id + alert id, the same on every replay): the
 * file channel rebuilds its keys from its files, the webhook channel keeps an fsynced ledger and sends
 * an {@code Idempotency-Key}, PostgreSQL has a primary key with {@code ON CONFLICT DO NOTHING}, and the
 * live page dedupes on alert id (for the life of the process; the page is a view, not a record). A
 * replay, a restart, or a new consumer group reading from the beginning therefore delivers nothing
 * twice, and committing only after delivery loses nothing. A record that cannot be finished (registry
 * or dead-letter topic down, shutdown mid-delivery) is read again or left uncommitted and tried again.
 * FILE targets are confined to {@code sink.file.dir} (see {@link io.newswatch.sink.FileTargets}).
 */
package io.newswatch.sink;
