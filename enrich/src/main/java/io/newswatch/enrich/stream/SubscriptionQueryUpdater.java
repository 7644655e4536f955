package io.newswatch.enrich.stream;

import io.newswatch.enrich.matching.QueryError;
import io.newswatch.enrich.matching.QueryMatcher;
import io.newswatch.enrich.matching.StoredQuery;
import io.newswatch.schemas.avro.Subscription;
import java.util.ArrayList;
import java.util.List;
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
 * <p>A query that does not parse is logged with its subscription id and not registered: it never
 * matches, and the rest keep working.
 */
public final class SubscriptionQueryUpdater implements Processor<String, Subscription, Void, Void> {
  private static final Logger log = LoggerFactory.getLogger(SubscriptionQueryUpdater.class);

  private final QueryMatcher matcher;
  private KeyValueStore<String, Subscription> store;

  public SubscriptionQueryUpdater(QueryMatcher matcher) {
    this.matcher = matcher;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(StoreNames.SUBSCRIPTIONS);
    List<StoredQuery> queries = new ArrayList<>();
    try (KeyValueIterator<String, Subscription> it = store.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        if (hasQuery(kv.value)) {
          queries.add(StoredQuery.anyLanguage(kv.key, kv.value.getQuery()));
        }
      }
    }
    report(matcher.add(queries));
    log.info("{} subscription queries registered for matching", matcher.size());
  }

  @Override
  public void process(Record<String, Subscription> record) {
    String id = record.key();
    if (id == null) {
      return;
    }
    Subscription subscription = record.value();
    if (subscription == null) {
      store.delete(id);
    } else {
      store.put(id, subscription);
    }
    if (hasQuery(subscription)) {
      report(matcher.add(StoredQuery.anyLanguage(id, subscription.getQuery())));
    } else {
      matcher.remove(List.of(id));
    }
  }

  static boolean hasQuery(Subscription s) {
    return s != null && s.getEnabled() && s.getQuery() != null && !s.getQuery().isBlank();
  }

  private static void report(List<QueryError> errors) {
    for (QueryError e : errors) {
      log.warn("subscription {}: query '{}' is not registered and will match nothing: {}", e.id(), e.query(),
          e.message());
    }
  }
}
