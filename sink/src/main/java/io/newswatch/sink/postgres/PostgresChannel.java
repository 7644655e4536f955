package io.newswatch.sink.postgres;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.AlertChannel;
import io.newswatch.sink.AlertJson;
import io.newswatch.sink.DeliveryKey;
import io.newswatch.sink.DeliveryResult;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts as rows of {@code alert_delivery} in one database, effectively once through its
 * primary key. All POSTGRES subscriptions routed to this channel share its database; to honour a
 * subscription's own target, open one channel per distinct target with {@link PostgresConfig#fromJdbcUrl}.
 */
public final class PostgresChannel implements AlertChannel {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresChannel.class);
  private static final String INSERT = """
      INSERT INTO alert_delivery (subscription_id, alert_id, delivery_key, topic, severity, kind, title,
        summary, url, source, lang, score, story_id, published_at, created_at, alert, story_version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
      ON CONFLICT (subscription_id, alert_id) DO NOTHING
      """;

  private final PostgresConfig config;
  private final boolean batched;
  private final List<Pending> batch = new ArrayList<>();
  private Connection connection;
  private long roundTrips;

  /**
   * Migrates the schema with Flyway and connects; each delivery is its own INSERT.
   *
   * @throws IllegalStateException if the database cannot be reached or migrated
   */
  public PostgresChannel(PostgresConfig config) {
    this(config, false);
  }

  /**
   * With {@code batched}, deliveries wait for {@link #flush()}, which inserts them all in one
   * transaction and one round trip; what the delivery loop uses.
   *
   * @throws IllegalStateException if the database cannot be reached or migrated
   */
  public PostgresChannel(PostgresConfig config, boolean batched) {
    this.config = config;
    this.batched = batched;
    migrate(config);
    try {
      this.connection = connect();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to " + config + ": " + e.getMessage(), e);
    }
  }

  /** Applies the migrations under classpath:db/migration to the config's schema, creating it if needed. */
  public static void migrate(PostgresConfig config) {
    Flyway.configure()
        .dataSource(config.jdbcUrl(), config.user(), config.password())
        .schemas(config.schema())
        .createSchemas(true)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  @Override
  public synchronized CompletableFuture<DeliveryResult> deliver(Subscription subscription, Alert alert) {
    String key = DeliveryKey.of(subscription, alert);
    if (batched) {
      Pending p = new Pending(key, Subscription.newBuilder(subscription).build(), Alert.newBuilder(alert).build(),
          new CompletableFuture<>());
      batch.add(p);
      return p.result();
    }
    try {
      return CompletableFuture.completedFuture(insert(key, subscription, alert));
    } catch (SQLException first) {
      LOG.info("Insert of {} failed ({}); reconnecting once", key, first.getMessage());
      try {
        reconnect();
        return CompletableFuture.completedFuture(insert(key, subscription, alert));
      } catch (SQLException second) {
        LOG.warn("Insert of {} into {} failed", key, config, second);
        return CompletableFuture.completedFuture(DeliveryResult.failed(key, 2,
            "PostgreSQL insert failed: " + second.getMessage()));
      }
    }
  }

  /** Inserts the batched deliveries in one transaction, reconnecting once if the connection broke. */
  @Override
  public synchronized void flush() {
    if (batch.isEmpty()) {
      return;
    }
    List<Pending> now = List.copyOf(batch);
    batch.clear();
    int[] counts;
    try {
      counts = insertAll(now);
    } catch (SQLException first) {
      LOG.info("Batch insert of {} deliveries failed ({}); reconnecting once", now.size(), first.getMessage());
      try {
        reconnect();
        counts = insertAll(now);
      } catch (SQLException second) {
        LOG.warn("Batch insert of {} deliveries into {} failed", now.size(), config, second);
        now.forEach(p -> p.result().complete(DeliveryResult.failed(p.key(), 2,
            "PostgreSQL insert failed: " + second.getMessage())));
        return;
      }
    }
    for (int i = 0; i < now.size(); i++) {
      Pending p = now.get(i);
      p.result().complete(counts[i] == 0 ? DeliveryResult.alreadyDelivered(p.key()) : DeliveryResult.delivered(p.key(), 1));
    }
  }

  /** How many INSERT round trips this channel made, for tests of batching. */
  public synchronized long roundTrips() {
    return roundTrips;
  }

  private int[] insertAll(List<Pending> pending) throws SQLException {
    connection.setAutoCommit(false);
    try (PreparedStatement st = connection.prepareStatement(INSERT)) {
      for (Pending p : pending) {
        bind(st, p.key(), p.subscription(), p.alert());
        st.addBatch();
      }
      int[] counts = st.executeBatch();
      connection.commit();
      roundTrips++;
      return counts;
    } catch (SQLException e) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // The connection is broken; the caller reconnects.
      }
      throw e;
    } finally {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException ignored) {
        // As above.
      }
    }
  }

  private DeliveryResult insert(String key, Subscription subscription, Alert alert) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement(INSERT)) {
      bind(st, key, subscription, alert);
      int inserted = st.executeUpdate();
      roundTrips++;
      return inserted == 1 ? DeliveryResult.delivered(key, 1) : DeliveryResult.alreadyDelivered(key);
    }
  }

  private static void bind(PreparedStatement st, String key, Subscription subscription, Alert alert)
      throws SQLException {
    st.setString(1, subscription.getId());
    st.setString(2, alert.getAlertId());
    st.setString(3, key);
    st.setString(4, alert.getTopic());
    st.setString(5, alert.getSeverity().name());
    st.setString(6, alert.getKind().name());
    st.setString(7, alert.getTitle());
    st.setString(8, alert.getSummary());
    st.setString(9, alert.getUrl());
    st.setString(10, alert.getSource());
    st.setString(11, alert.getLang());
    st.setDouble(12, alert.getScore());
    st.setString(13, alert.getStoryId());
    timestamp(st, 14, alert.getPublishedAt());
    timestamp(st, 15, alert.getCreatedAt());
    st.setString(16, new String(AlertJson.bytes(AlertJson.toJson(alert)), StandardCharsets.UTF_8));
    st.setInt(17, alert.getStoryVersion());
  }

  private static void timestamp(PreparedStatement st, int index, Instant instant) throws SQLException {
    if (instant == null) {
      st.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      st.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
  }

  private Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", config.user());
    if (!config.password().isEmpty()) {
      props.setProperty("password", config.password());
    }
    props.setProperty("currentSchema", config.schema());
    props.setProperty("ApplicationName", "newswatch-sink");
    Connection c = DriverManager.getConnection(config.jdbcUrl(), props);
    c.setAutoCommit(true);
    return c;
  }

  private void reconnect() throws SQLException {
    closeQuietly();
    connection = connect();
  }

  private void closeQuietly() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      LOG.debug("Closing a broken connection to {} failed", config, e);
    }
  }

  @Override
  public synchronized void close() {
    batch.forEach(p -> p.result().complete(DeliveryResult.failed(p.key(), 0, "not written: the channel was closed")));
    batch.clear();
    closeQuietly();
  }

  /** A delivery waiting for the next batch. */
  private record Pending(String key, Subscription subscription, Alert alert, CompletableFuture<DeliveryResult> result) {
  }
}
