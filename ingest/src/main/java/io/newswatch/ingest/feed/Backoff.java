package io.newswatch.ingest.feed;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: after n consecutive failures wait about {@code initial * 2^(n-1)},
 * capped at {@code max}, drawn uniformly from the upper half of that span so that feeds failing together
 * (one host down) do not retry in lockstep.
 */
public final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (!initial.isPositive() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max, got initial=" + initial + " max=" + max);
    }
    this.initial = initial;
    this.max = max;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** 30 seconds doubling up to 1 hour. */
  public static Backoff defaults() {
    return new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), RandomGenerator.getDefault());
  }

  /** The wait after {@code consecutiveFailures} failures in a row (1 or more). */
  public Duration delay(int consecutiveFailures) {
    int n = Math.max(1, consecutiveFailures);
    long capMs = max.toMillis();
    long exp = initial.toMillis();
    for (int i = 1; i < n && exp < capMs; i++) {
      exp = exp > capMs / 2 ? capMs : exp * 2;
    }
    exp = Math.min(exp, capMs);
    long half = exp / 2;
    return Duration.ofMillis(half + random.nextLong(exp - half + 1));
  }
}
