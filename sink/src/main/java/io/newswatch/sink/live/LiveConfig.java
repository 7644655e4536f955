package io.newswatch.sink.live;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the live page server.
 *
 * @param host address to bind, e.g. 127.0.0.1 (or 0.0.0.0 in a container)
 * @param port TCP port; 0 picks a free one
 * @param clientQueue events that may wait for one slow browser before it is disconnected
 * @param keepAlive how often an idle stream gets a comment line, so dead clients are noticed
 * @param allowedHosts host names (besides localhost, 127.0.0.1, ::1 and {@code host}) a browser may
 *     use in its {@code Host} header; any other is refused, so a DNS-rebinding page cannot read the
 *     alerts. {@code *} allows every name (behind a proxy that checks it).
 */
public record LiveConfig(String host, int port, int clientQueue, Duration keepAlive, List<String> allowedHosts) {

  /** The loopback names the page always answers to. */
  public static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1", "[::1]");

  /** 127.0.0.1:8090, 1000 queued events per client, keep-alive every 15 s. */
  public static LiveConfig defaults() {
    return new LiveConfig("127.0.0.1", 8090, 1000, Duration.ofSeconds(15));
  }

  /** Answers to the loopback names and {@code host} only. */
  public LiveConfig(String host, int port, int clientQueue, Duration keepAlive) {
    this(host, port, clientQueue, keepAlive, List.of());
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
    allowedHosts = allowedHosts == null ? List.of() : allowedHosts.stream().map(String::strip)
        .filter(h -> !h.isEmpty()).map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  /** Whether a request's {@code Host} header (name, optionally with a port) names this page. */
  public boolean allowsHost(String hostHeader) {
    if (allowedHosts.contains("*")) {
      return true;
    }
    if (hostHeader == null || hostHeader.isBlank()) {
      return false;
    }
    String h = hostHeader.strip().toLowerCase(Locale.ROOT);
    String name = h.startsWith("[") ? h.substring(0, h.indexOf(']') + 1) : h.contains(":") ? h.substring(0, h.lastIndexOf(':')) : h;
    return LOOPBACK_NAMES.contains(name) || name.equals(host.toLowerCase(Locale.ROOT)) || allowedHosts.contains(name);
  }

  /** A copy on another port. */
  public LiveConfig withPort(int other) {
    return new LiveConfig(host, other, clientQueue, keepAlive, allowedHosts);
  }
}
