package io.newswatch.sink;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Subscription;

/** The deterministic identity of one delivery: {@code subscriptionId + ":" + alertId}. */
public final class DeliveryKey {

  private DeliveryKey() {
  }

  /** Returns the key of delivering this alert to this subscription; the same on every replay. */
  public static String of(Subscription subscription, Alert alert) {
    return of(subscription.getId(), alert.getAlertId());
  }

  /** Returns the key for a subscription id and an alert id. */
  public static String of(String subscriptionId, String alertId) {
    return subscriptionId + ":" + alertId;
  }
}
