package io.newswatch.ingest.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the HTTP push endpoint.
 *
 * @param host address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port port to bind; 0 picks a free one
 * @param token the bearer token clients must send; empty turns authentication off
 * @param allowUnauthenticated must be true to accept pushes without a token; otherwise a server with no
 *     token refuses every push, so a missing secret never leaves the endpoint open by accident
 * @param maxBodyBytes larger requests get 413
 * @param readTimeout time allowed to receive the whole body; a slower client is disconnected
 * @param maxBatchItems items allowed in one array
 * @param threads request handler threads
 */
public record PushConfig(
    String host,
    int port,
    Optional<String> token,
    boolean allowUnauthenticated,
    long maxBodyBytes,
    Duration readTimeout,
    int maxBatchItems,
    int threads) {

  public PushConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(readTimeout, "readTimeout");
    token = token == null ? Optional.empty() : token.filter(t -> !t.isBlank());
    check(port >= 0 && port <= 65_535, "port must be 0..65535, got " + port);
    check(maxBodyBytes > 0, "maxBodyBytes must be positive, got " + maxBodyBytes);
    check(readTimeout.isPositive(), "readTimeout must be positive, got " + readTimeout);
    check(maxBatchItems > 0, "maxBatchItems must be positive, got " + maxBatchItems);
    check(threads > 0, "threads must be positive, got " + threads);
  }

  /** Token-protected endpoint with 10 MiB bodies, 10 s read timeout, 1000 items per batch, 4 threads. */
  public static PushConfig withToken(String host, int port, String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token is empty; pass a secret, or use PushConfig.open() for an unauthenticated endpoint");
    }
    return new PushConfig(host, port, Optional.of(token), false, 10L << 20, Duration.ofSeconds(10), 1000, 4);
  }

  /** An endpoint without authentication, for trusted networks and demos only. */
  public static PushConfig open(String host, int port) {
    return new PushConfig(host, port, Optional.empty(), true, 10L << 20, Duration.ofSeconds(10), 1000, 4);
  }

  /** Whether pushes are accepted at all: with a token, or explicitly opened. */
  public boolean pushEnabled() {
    return token.isPresent() || allowUnauthenticated;
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "PushConfig[host=" + host + ", port=" + port + ", token=" + (token.isPresent() ? "***" : "none")
        + ", allowUnauthenticated=" + allowUnauthenticated + ", maxBodyBytes=" + maxBodyBytes
        + ", readTimeout=" + readTimeout + ", maxBatchItems=" + maxBatchItems + ", threads=" + threads + "]";
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
