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
        summary, url, source, lang, score, story_id, published_at, created_at, alert)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
      ON CONFLICT (subscription_id, alert_id) DO NOTHING
      """;

  private final PostgresConfig config;
  private Connection connection;

  /**
   * Migrates the schema with Flyway and connects.
   *
   * @throws IllegalStateException if the database cannot be reached or migrated
   */
  public PostgresChannel(PostgresConfig config) {
    this.config = config;
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

  private DeliveryResult insert(String key, Subscription subscription, Alert alert) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement(INSERT)) {
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
      int inserted = st.executeUpdate();
      return inserted == 1 ? DeliveryResult.delivered(key, 1) : DeliveryResult.alreadyDelivered(key);
    }
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
    closeQuietly();
  }
}
