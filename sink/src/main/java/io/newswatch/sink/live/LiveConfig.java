package io.newswatch.sink.live;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the live page server.
 *
 * @param host address to bind, e.g. 127.0.0.1 (or 0.0.0.0 in a container)
 * @param port TCP port; 0 picks a free one
 * @param clientQueue events that may wait for one slow browser before it is disconnected
 * @param keepAlive how often an idle stream gets a comment line, so dead clients are noticed
 */
public record LiveConfig(String host, int port, int clientQueue, Duration keepAlive) {

  /** 127.0.0.1:8090, 1000 queued events per client, keep-alive every 15 s. */
  public static LiveConfig defaults() {
    return new LiveConfig("127.0.0.1", 8090, 1000, Duration.ofSeconds(15));
  }

  public LiveConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must be set, e.g. 127.0.0.1 or 0.0.0.0");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535 (0 picks a free port), was " + port);
    }
    if (clientQueue < 1) {
      throw new IllegalArgumentException("clientQueue must be at least 1, was " + clientQueue);
    }
    Objects.requireNonNull(keepAlive, "keepAlive");
    if (keepAlive.isNegative() || keepAlive.isZero()) {
      throw new IllegalArgumentException("keepAlive must be positive, was " + keepAlive);
    }
  }

  /** A copy on another port. */
  public LiveConfig withPort(int other) {
    return new LiveConfig(host, other, clientQueue, keepAlive);
  }
}
