package io.newswatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.runtime.Settings;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.schemas.serde.AvroDeserializer;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest against the real broker and registry: the seed folder, a live feed across a restart, and HTTP push. */
@WithPlatform
class IngestServiceIT {
  @TempDir
  Path tmp;

  @Test
  void shouldPublishTheFiveSeedsAsCleanArabicArticlesOnceWhenImportedTwice(TestPlatform platform) throws Exception {
    IngestConfig config = config(platform, Map.of());
    try (IngestService ingest = IngestService.create(config, kafka(platform), registry(platform), null)) {
      assertThat(ingest.importDirectory(TestPaths.seeds()).articles()).isEqualTo(5);
      assertThat(ingest.importDirectory(TestPaths.seeds()).articles()).isZero();
    }
    List<Article> articles = drain(platform, config.rawTopic(), 5);
    assertThat(articles).hasSize(5).allSatisfy(a -> {
      assertThat(a.getLang()).isEqualTo("ar");
      assertThat(a.getBody()).isNotBlank();
      assertThat(a.getContentHash()).hasSize(64);
      assertThat(a.getId()).startsWith("c-");
    });
    assertThat(articles).extracting(Article::getId).doesNotHaveDuplicates();
  }

  @Test
  void shouldPublishTheSeedsAgainWhenTheSameStateFolderPointsAtAFreshCluster(TestPlatform platform) throws Exception {
    IngestConfig config = config(platform, Map.of());
    try (IngestService ingest = IngestService.create(config, kafka(platform), registry(platform), null)) {
      assertThat(ingest.importDirectory(TestPaths.seeds()).articles()).isEqualTo(5);
    }
    try (KafkaClusterTestKit fresh = freshCluster()) {
      Properties freshKafka = Settings.of(Map.of(Settings.BOOTSTRAP, fresh.bootstrapServers())).kafkaProperties();
      try (IngestService ingest = IngestService.create(config, freshKafka, registry(platform), null)) {
        assertThat(ingest.importDirectory(TestPaths.seeds()).articles())
            .as("the ledger of the first cluster must not hide the files from a new one").isEqualTo(5);
        assertThat(ingest.importDirectory(TestPaths.seeds()).articles()).isZero();
      }
    }
  }

  private static KafkaClusterTestKit freshCluster() throws Exception {
    KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
        .setConfigProp("share.coordinator.state.topic.min.isr", "1")
        .build();
    kit.format();
    kit.startup();
    kit.waitForReadyBrokers();
    return kit;
  }

  @Test
  void shouldPublishNewFeedItemsOnceAndHonour304AcrossARestart(TestPlatform platform) throws Exception {
    AtomicReference<String> feed = new AtomicReference<>("/feeds/rss-two-items.xml");
    AtomicReference<String> etag = new AtomicReference<>("\"v1\"");
    List<String> conditional = new CopyOnWriteArrayList<>();
    try (TestServer server = new TestServer()) {
      server.route("/rss", ex -> {
        String inm = ex.getRequestHeaders().getFirst("If-None-Match");
        if (inm != null) {
          conditional.add(inm);
        }
        if (etag.get().equals(inm)) {
          ex.sendResponseHeaders(304, -1);
          ex.close();
          return;
        }
        byte[] body = TestServer.resource(feed.get());
        ex.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
        ex.getResponseHeaders().set("ETag", etag.get());
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
      });
      Path feeds = tmp.resolve("feeds.yaml");
      Files.writeString(feeds, "feeds:\n  - id: wire\n    url: " + server.uri("/rss") + "\n    interval: 1s\n", StandardCharsets.UTF_8);
      IngestConfig config = config(platform, Map.of(IngestConfig.FEEDS, feeds.toString()));

      try (IngestService first = IngestService.create(config, kafka(platform), registry(platform), null)) {
        first.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> first.sink().published() == 2);
      }
      // A new instance takes the feed over from the state topic: it sends the ETag and publishes nothing.
      IngestConfig second = config(platform, Map.of(IngestConfig.FEEDS, feeds.toString(),
          IngestConfig.STATE_DIR, tmp.resolve("other-instance").toString(),
          IngestConfig.TOPIC_RAW, config.rawTopic(), IngestConfig.TOPIC_FEED_STATE, config.feedStateTopic(),
          IngestConfig.TOPIC_REJECTED, config.rejectedTopic()));
      try (IngestService again = IngestService.create(second, kafka(platform), registry(platform), null)) {
        again.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> conditional.contains("\"v1\""));
        assertThat(again.sink().published()).isZero();
        feed.set("/feeds/rss-three-items.xml");
        etag.set("\"v2\"");
        await().atMost(Duration.ofSeconds(30)).until(() -> again.sink().published() == 1);
      }
      List<Article> articles = drain(platform, config.rawTopic(), 3);
      assertThat(articles).hasSize(3).extracting(Article::getId).doesNotHaveDuplicates();
    }
  }

  @Test
  void shouldAcceptAPushWithTheRightTokenAndRefuseAWrongOne(TestPlatform platform) throws Exception {
    IngestConfig config = config(platform, Map.of(IngestConfig.HTTP_PORT, "0", IngestConfig.HTTP_TOKEN, "t0ken-for-test"));
    try (IngestService ingest = IngestService.create(config, kafka(platform), registry(platform), null)) {
      ingest.start();
      String json = "{\"url\":\"https://news.example/a?utm_source=x\",\"title\":\"Shots fired at the DMZ\","
          + "\"body\":\"North Korean soldiers crossed the Military Demarcation Line and South Korea fired warning shots.\"}";
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + ingest.pushPort() + "/articles");
      HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer nope")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).doesNotContain("t0ken-for-test");
      HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer t0ken-for-test")
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
      ingest.sink().flush();
    }
    List<Article> articles = drain(platform, config.rawTopic(), 1);
    assertThat(articles).hasSize(1);
    assertThat(articles.get(0).getCanonicalUrl()).isEqualTo("https://news.example/a");
    assertThat(articles.get(0).getLang()).isEqualTo("en");
  }

  private IngestConfig config(TestPlatform platform, Map<String, String> extra) {
    String p = platform.uniqueName("ingest");
    Settings s = Settings.of(IngestConfig.defaults()).with(Map.of(
        IngestConfig.TOPIC_RAW, p + ".raw", IngestConfig.TOPIC_REJECTED, p + ".rejected",
        IngestConfig.TOPIC_FEED_STATE, p + ".feed-state", IngestConfig.STATE_DIR, tmp.resolve(p).toString(),
        // The test feed server is on loopback, which the fetcher refuses unless allowed.
        IngestConfig.FETCH_ALLOW_NETWORKS, "127.0.0.1")).with(extra);
    return IngestConfig.from(s);
  }

  private static Properties kafka(TestPlatform platform) {
    return Settings.of(Map.of(Settings.BOOTSTRAP, platform.bootstrapServers())).kafkaProperties();
  }

  private static RegistryClient registry(TestPlatform platform) {
    return new RegistryClient(RegistryConfig.of(platform.registryUrl()));
  }

  private static List<Article> drain(TestPlatform platform, String topic, int expected) {
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, platform.uniqueName("verify"));
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<Article> out = new CopyOnWriteArrayList<>();
    try (var c = new KafkaConsumer<>(cp, new StringDeserializer(),
        new AvroDeserializer<Article>(registry(platform), Article.class))) {
      c.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        c.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
        return out.size() >= expected;
      });
      // Anything extra would be a duplicate: give it a moment to show up.
      for (int i = 0; i < 3; i++) {
        c.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
      }
    }
    return out;
  }
}
