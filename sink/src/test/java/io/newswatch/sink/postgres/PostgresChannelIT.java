package io.newswatch.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.DeliveryResult;
import io.newswatch.sink.DeliveryResult.Outcome;
import io.newswatch.sink.Fixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the real PostgreSQL at 127.0.0.1:5432, database "test" (override with -Dnewswatch.pg.url and
 * -Dnewswatch.pg.user). Each test uses its own schema, dropped afterwards.
 */
class PostgresChannelIT {

  private static final String URL = System.getProperty("newswatch.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String USER = System.getProperty("newswatch.pg.user", "postgres");

  private final String schema = "sink_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
      .toLowerCase(Locale.ROOT);
  private PostgresConfig config;

  @BeforeEach
  void reachDatabase() {
    try (Connection c = DriverManager.getConnection(URL, USER, "")) {
      assertThat(c.isValid(2)).isTrue();
    } catch (SQLException e) {
      throw new AssertionError("PostgreSQL is needed at " + URL + " as user " + USER
          + " (trust auth); start it (apt-get install postgresql) or set -Dnewswatch.pg.url: " + e.getMessage(), e);
    }
    config = new PostgresConfig(URL, USER, "", schema);
  }

  @AfterEach
  void dropSchema() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void shouldInsertABatchInOneRoundTripAndSkipReplaysWhenBatched() throws SQLException {
    Subscription sub = Fixtures.subscription("db", Channel.POSTGRES, "");
    try (PostgresChannel channel = new PostgresChannel(config, true)) {
      channel.deliver(sub, Fixtures.alert("x-1"));
      channel.flush();
      java.util.List<java.util.concurrent.CompletableFuture<DeliveryResult>> batch = Fixtures.alerts("x", 5).stream()
          .map(a -> channel.deliver(sub, a)).toList();
      long before = channel.roundTrips();

      assertThat(batch).noneMatch(java.util.concurrent.CompletableFuture::isDone);
      channel.flush();

      assertThat(channel.roundTrips() - before).isEqualTo(1);
      assertThat(batch).extracting(java.util.concurrent.CompletableFuture::join).extracting(DeliveryResult::outcome)
          .containsExactly(Outcome.DELIVERED, Outcome.ALREADY_DELIVERED, Outcome.DELIVERED, Outcome.DELIVERED,
              Outcome.DELIVERED);
    }
    try (Connection c = connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM alert_delivery")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(5);
    }
  }

  @Test
  void shouldStoreMainFieldsAndWholeAlertWhenDelivered() throws SQLException {
    Subscription sub = Fixtures.subscription("db", Channel.POSTGRES, "");
    try (PostgresChannel channel = new PostgresChannel(config)) {
      assertThat(channel.deliver(sub, Fixtures.alert("a1")).join().outcome()).isEqualTo(Outcome.DELIVERED);
    }

    try (Connection c = connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT delivery_key, topic, severity, title, url, created_at,"
            + " alert->>'source' AS source, alert->'evidence'->0->>'term' AS term FROM alert_delivery")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("delivery_key")).isEqualTo("db:a1");
      assertThat(rs.getString("topic")).isEqualTo("energy");
      assertThat(rs.getString("severity")).isEqualTo("HIGH");
      assertThat(rs.getString("title")).isEqualTo("OPEC cuts output a1");
      assertThat(rs.getString("url")).isEqualTo("https://news.example/a1");
      assertThat(rs.getObject("created_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC))
          .isEqualTo(OffsetDateTime.parse("2026-11-22T07:01:00Z"));
      assertThat(rs.getString("source")).isEqualTo("example-wire");
      assertThat(rs.getString("term")).isEqualTo("opec");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void shouldHaveEachRowExactlyOnceWhenNewChannelReplaysAfterRestart() throws SQLException {
    Subscription one = Fixtures.subscription("one", Channel.POSTGRES, "");
    Subscription two = Fixtures.subscription("two", Channel.POSTGRES, "");
    List<Alert> first = Fixtures.alerts("a", 5);
    try (PostgresChannel channel = new PostgresChannel(config)) {
      first.forEach(a -> channel.deliver(one, a).join());
    }

    List<DeliveryResult> replay = new ArrayList<>();
    try (PostgresChannel restarted = new PostgresChannel(config)) {
      first.forEach(a -> replay.add(restarted.deliver(one, a).join()));
      Fixtures.alerts("b", 3).forEach(a -> replay.add(restarted.deliver(one, a).join()));
      replay.add(restarted.deliver(two, first.get(0)).join());
    }

    assertThat(replay.subList(0, 5)).extracting(DeliveryResult::outcome).containsOnly(Outcome.ALREADY_DELIVERED);
    assertThat(replay.subList(5, 9)).extracting(DeliveryResult::outcome).containsOnly(Outcome.DELIVERED);
    assertThat(keys()).containsExactly("one:a-0", "one:a-1", "one:a-2", "one:a-3", "one:a-4",
        "one:b-0", "one:b-1", "one:b-2", "two:a-0");
  }

  @Test
  void shouldShowEachStoryOnceAtItsHighestVersionWhenUpdatesArriveOutOfOrderAndTwice() throws SQLException {
    Subscription desk = Fixtures.subscription("desk", Channel.POSTGRES, "");
    Alert v1 = Fixtures.alert("s-v1");
    v1.setStoryId("story-1");
    Alert v2 = Alert.newBuilder(v1).setAlertId("s-v2").setKind(io.newswatch.schemas.avro.AlertKind.UPDATE)
        .setStoryVersion(2).setSource("other.example").build();
    Alert v3 = Alert.newBuilder(v2).setAlertId("s-v3").setStoryVersion(3).build();
    Alert otherTopic = Alert.newBuilder(v1).setAlertId("s-deterrence").setTopic("deterrence").build();
    Alert noStory = Alert.newBuilder(Fixtures.alert("old")).setStoryId("").build();
    Alert alsoNoStory = Alert.newBuilder(Fixtures.alert("older")).setStoryId("").build();
    try (PostgresChannel channel = new PostgresChannel(config)) {
      for (Alert a : List.of(v1, v3, v2, v3, otherTopic, noStory, alsoNoStory)) {
        channel.deliver(desk, a).join();
      }
    }

    List<String> latest = new ArrayList<>();
    try (Connection c = connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT alert_id, story_version FROM story_latest ORDER BY alert_id")) {
      while (rs.next()) {
        latest.add(rs.getString(1) + "@" + rs.getInt(2));
      }
    }
    assertThat(latest).containsExactlyInAnyOrder("old@1", "older@1", "s-deterrence@1", "s-v3@3");
    assertThat(keys()).hasSize(6);
  }

  @Test
  void shouldReconnectWhenConnectionWasKilled() throws SQLException {
    Subscription sub = Fixtures.subscription("db", Channel.POSTGRES, "");
    try (PostgresChannel channel = new PostgresChannel(config)) {
      channel.deliver(sub, Fixtures.alert("a1")).join();
      try (Connection admin = DriverManager.getConnection(URL, USER, ""); Statement st = admin.createStatement()) {
        st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE application_name = 'newswatch-sink' AND pid <> pg_backend_pid()");
      }

      assertThat(channel.deliver(sub, Fixtures.alert("a2")).join().outcome()).isEqualTo(Outcome.DELIVERED);
    }
    assertThat(keys()).containsExactly("db:a1", "db:a2");
  }

  private List<String> keys() throws SQLException {
    List<String> keys = new ArrayList<>();
    try (Connection c = connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT delivery_key FROM alert_delivery ORDER BY delivery_key")) {
      while (rs.next()) {
        keys.add(rs.getString(1));
      }
    }
    return keys;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(URL + "?currentSchema=" + schema, USER, "");
  }
}
