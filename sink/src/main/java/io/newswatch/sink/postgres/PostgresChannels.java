package io.newswatch.sink.postgres;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.AlertChannel;
import io.newswatch.sink.DeliveryKey;
import io.newswatch.sink.DeliveryResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes POSTGRES deliveries to one {@link PostgresChannel} per database: the subscription's target
 * JDBC URL, or the sink's default URL when the target is empty. A database is opened (and migrated)
 * on its first delivery, so a sink without POSTGRES subscriptions never connects.
 */
public final class PostgresChannels implements AlertChannel {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresChannels.class);
  private static final String DEFAULT_USER = "postgres";

  private final String defaultUrl;
  private final boolean batched;
  private final Map<String, PostgresChannel> byUrl = new LinkedHashMap<>();
  private boolean closed;

  /** Uses {@code defaultUrl} (user, password and currentSchema may be URL parameters) for empty targets. */
  public PostgresChannels(String defaultUrl) {
    this(defaultUrl, false);
  }

  /** As {@link #PostgresChannels(String)}; with {@code batched}, each database inserts per {@link #flush()}. */
  public PostgresChannels(String defaultUrl, boolean batched) {
    PostgresConfig.fromJdbcUrl(defaultUrl, DEFAULT_USER);
    this.defaultUrl = defaultUrl;
    this.batched = batched;
  }

  @Override
  public void flush() {
    List<PostgresChannel> open;
    synchronized (this) {
      open = List.copyOf(byUrl.values());
    }
    open.forEach(PostgresChannel::flush);
  }

  @Override
  public CompletableFuture<DeliveryResult> deliver(Subscription subscription, Alert alert) {
    String target = subscription.getTarget();
    String url = target == null || target.isBlank() ? defaultUrl : target;
    PostgresChannel channel;
    try {
      channel = open(url);
    } catch (RuntimeException e) {
      PostgresConfig shown = safeConfig(url);
      LOG.warn("Cannot open PostgreSQL database {} for subscription {}", shown, subscription.getId(), e);
      return CompletableFuture.completedFuture(DeliveryResult.failed(DeliveryKey.of(subscription, alert), 0,
          "cannot open PostgreSQL database " + (shown == null ? "<invalid URL>" : shown) + ": " + e.getMessage()));
    }
    return channel.deliver(subscription, alert);
  }

  /** Opens a database at most once at a time; a failed open is tried again on the next delivery. */
  private synchronized PostgresChannel open(String url) {
    if (closed) {
      throw new IllegalStateException("the PostgreSQL channels are closed");
    }
    PostgresChannel channel = byUrl.get(url);
    if (channel == null) {
      channel = new PostgresChannel(PostgresConfig.fromJdbcUrl(url, DEFAULT_USER), batched);
      byUrl.put(url, channel);
    }
    return channel;
  }

  private static PostgresConfig safeConfig(String url) {
    try {
      return PostgresConfig.fromJdbcUrl(url, DEFAULT_USER);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** How many databases are open. */
  public synchronized int openDatabases() {
    return byUrl.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
    byUrl.values().forEach(PostgresChannel::close);
    byUrl.clear();
  }
}
