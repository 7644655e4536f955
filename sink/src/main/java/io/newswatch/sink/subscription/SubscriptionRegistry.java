package io.newswatch.sink.subscription;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Subscription;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The current subscriptions, safe to read from the delivery loop while another thread applies
 * changes from the compacted topic {@code news.subscriptions}.
 */
public final class SubscriptionRegistry {

  private final ConcurrentMap<String, Subscription> byId = new ConcurrentHashMap<>();

  /**
   * Adds or replaces a subscription.
   *
   * @throws InvalidSubscriptionException if the subscription is malformed; the registry is unchanged
   */
  public void upsert(Subscription subscription) {
    SubscriptionValidator.validate(subscription);
    byId.put(subscription.getId(), Subscription.newBuilder(subscription).build());
  }

  /** Removes a subscription; returns whether it was there. */
  public boolean remove(String id) {
    return byId.remove(id) != null;
  }

  /**
   * Applies one record of the compacted topic: a null value is a tombstone that deletes the key.
   *
   * @throws InvalidSubscriptionException if the value is malformed, or its id differs from the key
   */
  public void apply(String key, Subscription valueOrNull) {
    if (valueOrNull == null) {
      remove(key);
      return;
    }
    if (!key.equals(valueOrNull.getId())) {
      throw new InvalidSubscriptionException(List.of(
          "id: '" + valueOrNull.getId() + "' differs from the record key '" + key + "'; key records by subscription id"));
    }
    upsert(valueOrNull);
  }

  /** The subscription with this id, if any. */
  public Optional<Subscription> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** All subscriptions, sorted by id. */
  public List<Subscription> all() {
    return byId.values().stream().sorted(Comparator.comparing(Subscription::getId)).toList();
  }

  /** The enabled subscriptions that want this alert, sorted by id. */
  public List<Subscription> matching(Alert alert) {
    return byId.values().stream()
        .filter(s -> SubscriptionFilter.matches(s, alert))
        .sorted(Comparator.comparing(Subscription::getId))
        .toList();
  }

  /** How many subscriptions there are. */
  public int size() {
    return byId.size();
  }
}
