package io.newswatch.enrich.stream;

import io.newswatch.enrich.matching.QueryError;
import io.newswatch.enrich.matching.QueryMatcher;
import io.newswatch.enrich.matching.StoredQuery;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.schemas.registry.RegistryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the subscriptions' free-text queries registered with the {@link QueryMatcher} that the
 * intake consults: the global store holds every subscription (from the compacted topic, on every
 * instance), and each change registers, replaces or removes that subscription's query. On start the
 * matcher is filled from the restored store, so queries survive restarts without a replay.
 *
 * <p>Records are decoded here rather than by the source, because the global thread has no
 * replacement: a failed deserialization there would stop enrich. So a record that cannot be read is
 * skipped with a warning (the sink, which owns subscriptions, dead-letters it), and a schema
 * registry that cannot be reached is waited for, while the stream threads go on with the queries
 * they have. A query that does not parse is logged with its subscription id and matches nothing.
 */
public final class SubscriptionQueryUpdater implements Processor<String, byte[], Void, Void> {
  private static final Logger log = LoggerFactory.getLogger(SubscriptionQueryUpdater.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final QueryMatcher matcher;
  private final Deserializer<Subscription> subscriptions;
  private final String topic;
  private final Duration firstBackoff;
  private KeyValueStore<String, byte[]> store;

  public SubscriptionQueryUpdater(QueryMatcher matcher, Deserializer<Subscription> subscriptions, String topic) {
    this(matcher, subscriptions, topic, Duration.ofMillis(500));
  }

  SubscriptionQueryUpdater(QueryMatcher matcher, Deserializer<Subscription> subscriptions, String topic,
      Duration firstBackoff) {
    this.matcher = matcher;
    this.subscriptions = subscriptions;
    this.topic = topic;
    this.firstBackoff = firstBackoff;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(StoreNames.SUBSCRIPTIONS);
    List<StoredQuery> queries = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        Subscription s = decode(kv.key, kv.value);
        if (hasQuery(s)) {
          queries.add(StoredQuery.anyLanguage(kv.key, s.getQuery()));
        }
      }
    }
    report(matcher.add(queries));
    log.info("{} subscription queries registered for matching", matcher.size());
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String id = record.key();
    if (id == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(id);
      matcher.remove(List.of(id));
      return;
    }
    store.put(id, record.value());
    Subscription subscription = decode(id, record.value());
    if (hasQuery(subscription)) {
      report(matcher.add(StoredQuery.anyLanguage(id, subscription.getQuery())));
    } else {
      matcher.remove(List.of(id));
    }
  }

  static boolean hasQuery(Subscription s) {
    return s != null && s.getEnabled() && s.getQuery() != null && !s.getQuery().isBlank();
  }

  /** The subscription, or null when the record is not one; waits while the registry is down. */
  private Subscription decode(String id, byte[] bytes) {
    Duration backoff = firstBackoff;
    while (true) {
      try {
        return subscriptions.deserialize(topic, bytes);
      } catch (RuntimeException e) {
        if (!RegistryException.isUnavailable(e)) {
          log.warn("subscription {}: unreadable record skipped, its query is not matched: {}", id, e.getMessage());
          return null;
        }
        log.warn("schema registry unavailable while reading subscription {}; retrying in {} ms: {}", id,
            backoff.toMillis(), e.getMessage());
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new StreamsException("interrupted while waiting for the schema registry", interrupted);
        }
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
      }
    }
  }

  private static void report(List<QueryError> errors) {
    for (QueryError e : errors) {
      log.warn("subscription {}: query '{}' is not registered and will match nothing: {}", e.id(), e.query(),
          e.message());
    }
  }
}
