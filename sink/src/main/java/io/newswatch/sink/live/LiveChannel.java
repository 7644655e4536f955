package io.newswatch.sink.live;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.AlertChannel;
import io.newswatch.sink.DeliveryKey;
import io.newswatch.sink.DeliveryResult;
import java.util.concurrent.CompletableFuture;

/**
 * Delivers LIVE subscriptions' alerts to the live page. The page is one shared view, so an alert
 * matched by several LIVE subscriptions, or replayed, is shown once.
 */
public final class LiveChannel implements AlertChannel {

  private final RecentAlerts alerts;

  public LiveChannel(RecentAlerts alerts) {
    this.alerts = alerts;
  }

  @Override
  public CompletableFuture<DeliveryResult> deliver(Subscription subscription, Alert alert) {
    String key = DeliveryKey.of(subscription, alert);
    boolean added = alerts.publish(alert);
    return CompletableFuture.completedFuture(added ? DeliveryResult.delivered(key, 1)
        : DeliveryResult.alreadyDelivered(key));
  }

  @Override
  public void close() {
    // The page server owns the HTTP side; nothing to release here.
  }
}
