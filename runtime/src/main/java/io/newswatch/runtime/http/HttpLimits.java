package io.newswatch.runtime.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a client may take from one of newswatch's HTTP ports before it is cut off.
 *
 * @param headerTimeout time from a connection's open (or its previous response) to the end of the
 *     next request's headers; a client trickling header bytes is disconnected after it, however
 *     steadily it sends
 * @param idleTimeout a connection on which nothing is read or written for this long is closed
 * @param maxConnections open connections at most; beyond it the server stops accepting until some close
 * @param maxHeaderBytes the largest request line plus headers; larger requests get 431
 */
public record HttpLimits(Duration headerTimeout, Duration idleTimeout, int maxConnections, int maxHeaderBytes) {

  public HttpLimits {
    positive(headerTimeout, "headerTimeout");
    positive(idleTimeout, "idleTimeout");
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
    }
    if (maxHeaderBytes < 1024) {
      throw new IllegalArgumentException("maxHeaderBytes must be at least 1024, got " + maxHeaderBytes);
    }
  }

  /** For an API or page port: 10 s for headers, 30 s idle, 256 connections, 8 KiB of headers. */
  public static HttpLimits defaults() {
    return new HttpLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), 256, 8 * 1024);
  }

  /** For a management port probed by orchestrators: 5 s for headers, 30 s idle, 32 connections. */
  public static HttpLimits management() {
    return new HttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(30), 32, 8 * 1024);
  }

  /** A copy with another header timeout. */
  public HttpLimits withHeaderTimeout(Duration timeout) {
    return new HttpLimits(timeout, idleTimeout, maxConnections, maxHeaderBytes);
  }

  /** A copy with another idle timeout. */
  public HttpLimits withIdleTimeout(Duration timeout) {
    return new HttpLimits(headerTimeout, timeout, maxConnections, maxHeaderBytes);
  }

  /** A copy with another connection limit. */
  public HttpLimits withMaxConnections(int max) {
    return new HttpLimits(headerTimeout, idleTimeout, max, maxHeaderBytes);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (!d.isPositive()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
