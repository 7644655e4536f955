package io.newswatch.ingest.feed;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one feed fetch and on the feed's remembered items.
 *
 * @param maxBodyBytes bytes read from the wire before the response is abandoned
 * @param maxDecodedBytes bytes after gzip/deflate decoding, so a compression bomb is cut off
 * @param maxRedirects redirects followed before giving up
 * @param readTimeout time for one response, headers and body, so a slow server cannot hold a poller
 * @param maxItems items taken from one feed document; the rest are ignored
 * @param seenHorizon how long an item's identity is remembered
 * @param maxSeen identities remembered at most; the oldest go first
 * @param pollTimeout deadline of one whole poll: the feed, its redirects and the linked pages fetched for
 *     full text; past it the poll publishes what it has (summaries instead of pages), so a slow site costs
 *     its own feed a bounded time and never another feed's schedule
 */
public record FeedLimits(
    long maxBodyBytes,
    long maxDecodedBytes,
    int maxRedirects,
    Duration readTimeout,
    int maxItems,
    Duration seenHorizon,
    int maxSeen,
    Duration pollTimeout) {

  public FeedLimits {
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(seenHorizon, "seenHorizon");
    require(maxBodyBytes > 0, "maxBodyBytes must be positive, got " + maxBodyBytes + "; 5 MiB suits most feeds");
    require(maxDecodedBytes >= maxBodyBytes, "maxDecodedBytes (" + maxDecodedBytes
        + ") must be at least maxBodyBytes (" + maxBodyBytes + ")");
    require(maxRedirects >= 0 && maxRedirects <= 20, "maxRedirects must be 0..20, got " + maxRedirects);
    require(readTimeout.isPositive(), "readTimeout must be positive, got " + readTimeout);
    require(maxItems > 0, "maxItems must be positive, got " + maxItems);
    require(seenHorizon.isPositive(), "seenHorizon must be positive, got " + seenHorizon);
    require(maxSeen > 0, "maxSeen must be positive, got " + maxSeen);
    Objects.requireNonNull(pollTimeout, "pollTimeout");
    require(pollTimeout.isPositive(), "pollTimeout must be positive, got " + pollTimeout);
  }

  /**
   * 5 MiB on the wire, 20 MiB decoded, 5 redirects, 30 s per response, 500 items, identities kept 30 days
   * (10,000 at most), 2 minutes per poll.
   */
  public static FeedLimits defaults() {
    return new FeedLimits(5L << 20, 20L << 20, 5, Duration.ofSeconds(30), 500, Duration.ofDays(30), 10_000,
        Duration.ofMinutes(2));
  }

  /** A copy with other byte limits. */
  public FeedLimits withBodyLimits(long wireBytes, long decodedBytes) {
    return new FeedLimits(wireBytes, decodedBytes, maxRedirects, readTimeout, maxItems, seenHorizon, maxSeen, pollTimeout);
  }

  /** A copy with another read timeout. */
  public FeedLimits withReadTimeout(Duration timeout) {
    return new FeedLimits(maxBodyBytes, maxDecodedBytes, maxRedirects, timeout, maxItems, seenHorizon, maxSeen, pollTimeout);
  }

  /** A copy with another deadline for a whole poll. */
  public FeedLimits withPollTimeout(Duration timeout) {
    return new FeedLimits(maxBodyBytes, maxDecodedBytes, maxRedirects, readTimeout, maxItems, seenHorizon, maxSeen,
        timeout);
  }

  /** A copy with another redirect limit. */
  public FeedLimits withMaxRedirects(int redirects) {
    return new FeedLimits(maxBodyBytes, maxDecodedBytes, redirects, readTimeout, maxItems, seenHorizon, maxSeen, pollTimeout);
  }

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
