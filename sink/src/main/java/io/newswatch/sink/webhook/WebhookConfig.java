package io.newswatch.sink.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the webhook channel.
 *
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param requestTimeout how long to wait for the response of one attempt
 * @param maxAttempts attempts per delivery before it fails (and goes to the dead-letter topic); 0 for no
 *     limit but {@code retryFor}
 * @param initialBackoff wait before the second attempt; doubles each time, with full jitter
 * @param maxBackoff cap on one wait
 * @param queueCapacity deliveries that may wait per subscription before new ones fail at once
 * @param retryFor how long a delivery is retried, from its first attempt, before it fails: an endpoint
 *     down for hours still gets every alert once it is back
 */
public record WebhookConfig(Duration connectTimeout, Duration requestTimeout, int maxAttempts,
    Duration initialBackoff, Duration maxBackoff, int queueCapacity, Duration retryFor) {

  /** 5 s connect, 10 s request, retries for 24 h (0.5 s doubling up to 30 s), 10,000 queued. */
  public static WebhookConfig defaults() {
    return new WebhookConfig(Duration.ofSeconds(5), Duration.ofSeconds(10), 0,
        Duration.ofMillis(500), Duration.ofSeconds(30), 10_000, Duration.ofHours(24));
  }

  /** At most {@code maxAttempts} attempts, however long they take. */
  public WebhookConfig(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
      Duration maxBackoff, int queueCapacity) {
    this(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, queueCapacity, Duration.ofDays(3650));
  }

  public WebhookConfig {
    positive(connectTimeout, "connectTimeout");
    positive(requestTimeout, "requestTimeout");
    positive(initialBackoff, "initialBackoff");
    positive(maxBackoff, "maxBackoff");
    positive(retryFor, "retryFor");
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must be 0 (no limit but retryFor) or more, was " + maxAttempts);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be below initialBackoff ("
          + initialBackoff + ")");
    }
  }

  /** Whether another attempt may start after {@code attempts} failed ones, {@code elapsed} after the first. */
  boolean mayRetry(int attempts, Duration elapsed) {
    return (maxAttempts == 0 || attempts < maxAttempts) && elapsed.compareTo(retryFor) < 0;
  }

  /** The upper bound of the wait after failed attempt {@code attempt} (1-based). */
  Duration backoffCap(int attempt) {
    int shift = Math.min(attempt - 1, 30);
    Duration d = initialBackoff.multipliedBy(1L << shift);
    return d.compareTo(maxBackoff) > 0 || d.isNegative() ? maxBackoff : d;
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}
