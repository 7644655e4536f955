package io.newswatch.sink.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.AlertJson;
import io.newswatch.sink.DeliveryResult;
import io.newswatch.sink.DeliveryResult.Outcome;
import io.newswatch.sink.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LivePageServerTest {

  private static final LiveConfig CONFIG = new LiveConfig("127.0.0.1", 0, 100, Duration.ofMillis(200));
  private static final Subscription LIVE = Fixtures.subscription("live", Channel.LIVE, "");

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose.reversed()) {
      c.close();
    }
    http.close();
  }

  @Test
  void shouldSendBacklogOldestFirstWhenClientConnects() throws Exception {
    RecentAlerts alerts = new RecentAlerts(10);
    LivePageServer server = server(alerts);
    LiveChannel channel = new LiveChannel(alerts);
    channel.deliver(LIVE, Fixtures.alert("a1")).join();
    channel.deliver(LIVE, Fixtures.alert("a2")).join();

    SseReader sse = sse(server, null);

    await().atMost(Duration.ofSeconds(5)).until(() -> sse.events().size() == 2);
    assertThat(sse.ids()).containsExactly("a1", "a2");
    JsonNode data = AlertJson.mapper().readTree(sse.events().get(0).data());
    assertThat(data.get("title").asText()).isEqualTo("OPEC cuts output a1");
  }

  @Test
  void shouldPushNewAlertOnceWhenItIsReplayed() throws Exception {
    RecentAlerts alerts = new RecentAlerts(10);
    LivePageServer server = server(alerts);
    LiveChannel channel = new LiveChannel(alerts);
    SseReader sse = sse(server, null);
    await().atMost(Duration.ofSeconds(5)).until(() -> alerts.listenerCount() == 1);

    DeliveryResult first = channel.deliver(LIVE, Fixtures.alert("a3")).join();
    DeliveryResult replay = channel.deliver(LIVE, Fixtures.alert("a3")).join();
    channel.deliver(LIVE, Fixtures.alert("a4")).join();

    await().atMost(Duration.ofSeconds(5)).until(() -> sse.ids().contains("a4"));
    assertThat(sse.ids()).containsExactly("a3", "a4");
    assertThat(first.outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(replay.outcome()).isEqualTo(Outcome.ALREADY_DELIVERED);
  }

  @Test
  void shouldSendOnlyMissedEventsWhenLastEventIdIsGiven() throws Exception {
    RecentAlerts alerts = new RecentAlerts(10);
    LivePageServer server = server(alerts);
    Fixtures.alerts("a", 3).forEach(alerts::publish);

    SseReader sse = sse(server, "a-0");
    alerts.publish(Fixtures.alert("a-3"));

    await().atMost(Duration.ofSeconds(5)).until(() -> sse.ids().contains("a-3"));
    assertThat(sse.ids()).containsExactly("a-1", "a-2", "a-3");
  }

  @Test
  void shouldServeOneEntryPerStoryAtItsLatestVersionAndFilterByTopic() throws Exception {
    RecentAlerts alerts = new RecentAlerts(10);
    LivePageServer server = server(alerts);
    var first = Fixtures.alert("s-new");
    first.setStoryId("story-1");
    first.setStoryVersion(1);
    var update = Fixtures.alert("s-update-2");
    update.setStoryId("story-1");
    update.setStoryVersion(2);
    update.setKind(io.newswatch.schemas.avro.AlertKind.UPDATE);
    update.setAlsoReportedBy(java.util.List.of("other.example"));
    var other = Fixtures.alert("o-new");
    other.setStoryId("story-2");
    other.setTopic("deterrence");
    alerts.publish(first);
    alerts.publish(update);
    alerts.publish(first); // re-delivered: merged, not repeated
    alerts.publish(other);

    JsonNode stories = AlertJson.mapper().readTree(get(server, "api/stories").body());
    assertThat(stories).extracting(n -> n.get("storyId").asText()).containsExactlyInAnyOrder("story-1", "story-2");
    JsonNode one = AlertJson.mapper().readTree(get(server, "api/stories?topic=" + first.getTopic()).body());
    assertThat(one).singleElement().satisfies(n -> {
      assertThat(n.get("storyVersion").asInt()).isEqualTo(2);
      assertThat(n.get("alsoReportedBy").get(0).asText()).isEqualTo("other.example");
    });
  }

  @Test
  void shouldServeOneStoryWithItsArticlesAndTheDaysVolumeWhenAsked() throws Exception {
    RecentAlerts alerts = new RecentAlerts(10);
    LivePageServer server = server(alerts);
    var first = Fixtures.alert("s-new");
    first.setStoryId("story 1");
    first.setCreatedAt(java.time.Instant.now().minusSeconds(60));
    var update = Fixtures.alert("s-update-2");
    update.setStoryId("story 1");
    update.setStoryVersion(2);
    update.setKind(io.newswatch.schemas.avro.AlertKind.UPDATE);
    update.setSource("other.example");
    update.setCreatedAt(java.time.Instant.now());
    alerts.publish(first);
    alerts.publish(update);

    JsonNode story = AlertJson.mapper().readTree(get(server, "api/stories/story%201").body());
    assertThat(story.get("storyId").asText()).isEqualTo("story 1");
    assertThat(story.get("topics")).singleElement().satisfies(t -> assertThat(t.get("storyVersion").asInt()).isEqualTo(2));
    assertThat(story.get("articles")).extracting(a -> a.get("source").asText())
        .containsExactly("example-wire", "other.example");
    assertThat(get(server, "api/stories/nope").statusCode()).isEqualTo(404);

    JsonNode volume = AlertJson.mapper().readTree(get(server, "api/volume").body());
    JsonNode energy = volume.get("topics").get("energy");
    assertThat(energy).hasSize(24);
    int total = 0;
    for (JsonNode n : energy) {
      total += n.asInt();
    }
    assertThat(total).isEqualTo(2);
  }

  @Test
  void shouldListRecentNewestFirstAndForgetOldestWhenBufferIsFull() throws Exception {
    RecentAlerts alerts = new RecentAlerts(3);
    LivePageServer server = server(alerts);
    Fixtures.alerts("a", 5).forEach(alerts::publish);

    JsonNode recent = AlertJson.mapper().readTree(get(server, "api/alerts").body());

    assertThat(recent).extracting(n -> n.get("alertId").asText()).containsExactly("a-4", "a-3", "a-2");
    // a-0 fell out of the buffer, so it counts as new again.
    assertThat(alerts.publish(Fixtures.alert("a-0"))).isTrue();
    assertThat(alerts.publish(Fixtures.alert("a-4"))).isFalse();
  }

  @Test
  void shouldShowEachAlertOnceWhenRestartedServerIsReplayed() throws Exception {
    RecentAlerts before = new RecentAlerts(10);
    try (LivePageServer first = new LivePageServer(CONFIG, before)) {
      Fixtures.alerts("a", 3).forEach(a -> new LiveChannel(before).deliver(LIVE, a).join());
      assertThat(first.port()).isPositive();
    }

    RecentAlerts after = new RecentAlerts(10);
    LivePageServer restarted = server(after);
    LiveChannel channel = new LiveChannel(after);
    Fixtures.alerts("a", 5).forEach(a -> channel.deliver(LIVE, a).join());
    Fixtures.alerts("a", 5).forEach(a -> channel.deliver(LIVE, a).join());

    JsonNode recent = AlertJson.mapper().readTree(get(restarted, "api/alerts").body());
    assertThat(recent).extracting(n -> n.get("alertId").asText())
        .containsExactly("a-4", "a-3", "a-2", "a-1", "a-0");
  }

  @Test
  void shouldServePageAndHealthAndRejectOtherPaths() throws Exception {
    LivePageServer server = server(new RecentAlerts(10));

    HttpResponse<String> page = get(server, "");
    HttpResponse<String> health = get(server, "health");
    HttpResponse<String> missing = get(server, "secret.txt");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("new EventSource('events')");
    assertThat(AlertJson.mapper().readTree(health.body()).get("status").asText()).isEqualTo("UP");
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void shouldRefuseThePageAndItsApiWhenTheHostIsNotTheServers() throws Exception {
    RecentAlerts alerts = new RecentAlerts(10);
    alerts.publish(Fixtures.alert("secret-alert"));
    LivePageServer server = server(alerts);

    // What a DNS-rebinding page sends: its own name, resolved to this machine.
    Raw rebound = raw(server, "/api/alerts", "attacker.example:" + server.port());
    Raw stream = raw(server, "/events", "attacker.example");
    Raw own = raw(server, "/api/alerts", "localhost:" + server.port());
    Raw health = raw(server, "/health", "attacker.example");

    assertThat(rebound.statusCode()).isEqualTo(421);
    assertThat(rebound.body()).doesNotContain("secret-alert");
    assertThat(stream.statusCode()).isEqualTo(421);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).contains("secret-alert");
    assertThat(health.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswerToAnAllowedHostWhenConfigured() {
    LiveConfig config = new LiveConfig("0.0.0.0", 0, 10, Duration.ofSeconds(1), java.util.List.of("Desk.Example"));

    assertThat(config.allowsHost("desk.example:8080")).isTrue();
    assertThat(config.allowsHost("[::1]:8080")).isTrue();
    assertThat(config.allowsHost("other.example")).isFalse();
    assertThat(config.allowsHost(null)).isFalse();
  }

  /** A GET with a Host header of our choosing (java.net.http sets its own, so a raw socket it is). */
  private static Raw raw(LivePageServer server, String path, String host) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer = new String(path.equals("/events") ? socket.getInputStream().readNBytes(12)
          : socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      String body = answer.contains("\r\n\r\n") ? answer.substring(answer.indexOf("\r\n\r\n") + 4) : "";
      return new Raw(status, body);
    }
  }

  /** The two parts of a raw answer the tests look at. */
  private record Raw(int statusCode, String body) {
  }

  private LivePageServer server(RecentAlerts alerts) {
    LivePageServer server = new LivePageServer(CONFIG, alerts);
    toClose.add(server);
    return server;
  }

  private SseReader sse(LivePageServer server, String lastEventId) throws Exception {
    SseReader reader = new SseReader(server.url() + "events", lastEventId);
    toClose.add(reader);
    return reader;
  }

  private HttpResponse<String> get(LivePageServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
