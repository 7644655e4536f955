package io.newswatch.ingest.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides which rejected credentials are worth a log line: the first of each distinct wrong token,
 * then at most one a window, saying how many were left out. A client retrying a wrong token in a
 * loop would otherwise fill the log. Tokens are kept only as SHA-256 digests, never as text.
 */
final class RejectionLog {

  /** Distinct wrong tokens remembered; past it the oldest is forgotten (and may be logged again). */
  static final int MAX_TRACKED = 1024;

  private final Clock clock;
  private final Duration window;
  private final Map<String, Window> seen = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
      return size() > MAX_TRACKED;
    }
  };

  RejectionLog(Clock clock, Duration window) {
    this.clock = clock;
    this.window = window;
  }

  /**
   * Records one rejection of {@code credential} (the raw header value, or null when there was none)
   * and returns -1 when it should not be logged, otherwise how many rejections of it were left out
   * since its last log line.
   */
  synchronized long record(String credential) {
    String key = digest(credential == null ? "" : credential);
    long now = clock.millis();
    Window w = seen.get(key);
    if (w == null || now - w.loggedAt >= window.toMillis()) {
      long skipped = w == null ? 0 : w.suppressed;
      seen.put(key, new Window(now));
      return skipped;
    }
    w.suppressed++;
    return -1;
  }

  private static String digest(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }

  /** When a credential was last logged, and how many of its rejections were not logged since. */
  private static final class Window {
    final long loggedAt;
    long suppressed;

    Window(long loggedAt) {
      this.loggedAt = loggedAt;
    }
  }
}
