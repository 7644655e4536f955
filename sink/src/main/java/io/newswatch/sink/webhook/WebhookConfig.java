package io.newswatch.sink.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the webhook channel.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long to wait for the response of one attempt
 * @param maxAttempts attempts per delivery before it fails (and goes to the dead-letter topic)
 * @param initialBackoff wait before the second attempt; doubles each time, with full jitter
 * @param maxBackoff cap on one wait
 * @param queueCapacity deliveries that may wait per subscription before new ones fail at once
 */
public record WebhookConfig(Duration connectTimeout, Duration requestTimeout, int maxAttempts,
    Duration initialBackoff, Duration maxBackoff, int queueCapacity) {

  /** 5 s connect, 10 s request, 5 attempts, 0.5 s doubling up to 30 s, 1000 queued. */
  public static WebhookConfig defaults() {
    return new WebhookConfig(Duration.ofSeconds(5), Duration.ofSeconds(10), 5,
        Duration.ofMillis(500), Duration.ofSeconds(30), 1000);
  }

  public WebhookConfig {
    positive(connectTimeout, "connectTimeout");
    positive(requestTimeout, "requestTimeout");
    positive(initialBackoff, "initialBackoff");
    positive(maxBackoff, "maxBackoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be below initialBackoff ("
          + initialBackoff + ")");
    }
  }

  /**
   * The longest one delivery can take once it starts: every attempt timing out plus every wait.
   * The consumer loop can use it to bound how long it waits before committing.
   */
  public Duration worstCaseDelivery() {
    Duration total = connectTimeout.plus(requestTimeout).multipliedBy(maxAttempts);
    for (int attempt = 1; attempt < maxAttempts; attempt++) {
      total = total.plus(backoffCap(attempt));
    }
    return total;
  }

  /** The upper bound of the wait after failed attempt {@code attempt} (1-based). */
  Duration backoffCap(int attempt) {
    int shift = Math.min(attempt - 1, 30);
    Duration d = initialBackoff.multipliedBy(1L << shift);
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}
