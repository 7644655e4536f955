package io.newswatch.sink;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Subscription;
import java.util.concurrent.CompletableFuture;

/** A way of delivering alerts to subscribers that is idempotent per {@link DeliveryKey}. */
public interface AlertChannel extends AutoCloseable {

  /**
   * Delivers the alert to the subscription, or recognises that it was already delivered.
   *
   * <p>The future never completes exceptionally: failures come back as {@link DeliveryResult.Outcome#FAILED}
   * with a reason. Synchronous channels return an already completed future; the webhook channel
   * completes it from the subscription's own worker so one slow endpoint holds up no one else.
   */
  CompletableFuture<DeliveryResult> deliver(Subscription subscription, Alert alert);

  /**
   * Completes the deliveries handed to it so far, for channels that batch their writes (one fsync or
   * one SQL round trip for many alerts). The delivery loop calls it after each poll; channels that
   * complete every delivery at once do nothing.
   */
  default void flush() {
  }

  /** Releases what the channel keeps for a subscription that was removed; most channels keep nothing. */
  default void forget(String subscriptionId) {
  }

  @Override
  void close();
}
