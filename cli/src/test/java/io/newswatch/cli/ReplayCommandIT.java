package io.newswatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.enrich.EnrichConfig;
import io.newswatch.enrich.EnrichService;
import io.newswatch.ingest.IngestConfig;
import io.newswatch.ingest.IngestService;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.sink.AlertJson;
import io.newswatch.sink.SinkConfig;
import io.newswatch.sink.SinkOptions;
import io.newswatch.sink.SinkService;
import io.newswatch.sink.SubscriptionsAdmin;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.schemas.serde.AvroDeserializer;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay with a changed taxonomy: the range is re-tagged, old alerts come out with the same ids
 * (so subscribers that have them skip them) and the new rules' alerts are added. A subscription
 * created after the original alerts gets none of what the replay re-raises; one created with
 * {@code --backfill-from} gets all of it.
 */
@WithPlatform
class ReplayCommandIT {
  @TempDir
  Path tmp;

  @Test
  void shouldReTagARangeWithAChangedTaxonomyKeepingOldAlertIds(TestPlatform platform) throws Exception {
    String p = platform.uniqueName("replay");
    Map<String, String> topics = Map.of(
        EnrichConfig.TOPIC_RAW, p + ".raw", EnrichConfig.TOPIC_TAGGED, p + ".tagged",
        EnrichConfig.TOPIC_ALERTS, p + ".alerts", EnrichConfig.TOPIC_DLQ, p + ".dlq",
        EnrichConfig.TOPIC_SUBSCRIPTIONS, p + ".subscriptions");
    Map<String, String> base = new HashMap<>(topics);
    base.put(Settings.BOOTSTRAP, platform.bootstrapServers());
    base.put(Settings.REGISTRY_URL, platform.registryUrl());
    base.put(Settings.REGISTRY_AUTO_REGISTER, "true");
    base.put(EnrichConfig.STATE_DIR, tmp.resolve("streams").toString());
    base.put(EnrichConfig.APPLICATION_ID, p);
    Map<String, String> all = new HashMap<>(EnrichConfig.defaults());
    all.putAll(IngestConfig.defaults());
    all.putAll(base);
    all.put(IngestConfig.TOPIC_RAW, p + ".raw");
    all.put(IngestConfig.STATE_DIR, tmp.resolve("ingest").toString());
    Settings settings = Settings.of(all);
    RegistryClient registry = new RegistryClient(RegistryConfig.of(platform.registryUrl()));

    try (IngestService ingest = IngestService.create(IngestConfig.from(settings), settings.kafkaProperties(), registry, null)) {
      assertThat(ingest.importDirectory(seeds()).articles()).isEqualTo(5);
    }
    all.putAll(SinkConfig.defaults());
    all.put(SinkConfig.GROUP_ID, p + "-sink");
    all.put(SinkConfig.TOPIC_ALERTS, p + ".alerts");
    all.put(SinkConfig.TOPIC_SUBSCRIPTIONS, p + ".subscriptions");
    all.put(SinkConfig.TOPIC_DLQ, p + ".sink-dlq");
    all.put(SinkConfig.FILE_DIR, tmp.resolve("alerts").toString());
    // The desk's own folder sits beside the default one: allowed explicitly.
    all.put(SinkConfig.FILE_ALLOWED_DIRS, tmp.toString());
    all.put(SinkConfig.STATE_DIR, tmp.resolve("sink").toString());
    all.put(SinkConfig.LIVE_PORT, "-1");
    all.put(Settings.MANAGEMENT_PORT, "-1");
    SinkConfig sinkConfig = SinkConfig.from(Settings.of(all));
    try (SubscriptionsAdmin admin = SubscriptionsAdmin.open(sinkConfig)) {
      admin.add(Subscription.newBuilder().setId("desk").setChannel(Channel.FILE)
          .setTarget(tmp.resolve("alerts").toString()).build());
      // A desk that only wants Kursk: one seed names it, in its body (never in the alert's summary).
      admin.add(Subscription.newBuilder().setId("kursk-desk").setChannel(Channel.FILE)
          .setTarget(tmp.resolve("kursk").toString()).setQuery("كورسك").build());
    }
    SinkService sink = new SinkService(sinkConfig, SinkOptions.defaults());
    sink.start();

    List<Alert> live = new ArrayList<>();
    try (EnrichService enrich = EnrichService.start(EnrichConfig.from(settings), settings.kafkaProperties(),
        settings.registryConfig(), null);
        var alerts = consumer(platform, p + ".alerts", registry)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        alerts.poll(Duration.ofMillis(200)).forEach(r -> live.add(r.value()));
        return live.size() >= 6;
      });
    }

    // Enrich matched the query over the whole article; the sink delivered exactly those alerts to it.
    List<String> kursk = live.stream().filter(a -> a.getMatchedQueries() != null
        && a.getMatchedQueries().contains("kursk-desk")).map(Alert::getAlertId).toList();
    assertThat(kursk).isNotEmpty().hasSizeLessThan(live.size());
    assertThat(live).allSatisfy(a -> assertThat(a.getMatchedQueries()).as(a.getAlertId()).isNotNull());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(alertIds(tmp.resolve("kursk")))
        .containsExactlyInAnyOrderElementsOf(kursk));

    // Two desks subscribe after those alerts were raised; only the one that asks for a backfill may get
    // what the replay re-raises (old alerts and the new rules' alerts on old articles).
    String[] where = {"--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registryUrl(),
        "--set", "registry.auto-register=true", "--set", SinkConfig.TOPIC_SUBSCRIPTIONS + "=" + p + ".subscriptions",
        "--set", SinkConfig.FILE_ALLOWED_DIRS + "=" + tmp};
    TestCli.Run late = TestCli.run(concat(where, "subscriptions", "add", "--id", "late-desk", "--channel", "file",
        "--target", tmp.resolve("late").toString()));
    assertThat(late.code()).as(late.err()).isZero();
    assertThat(AlertJson.mapper().readTree(late.out()).path("createdAt").isNull()).isFalse();
    TestCli.Run backfill = TestCli.run(concat(where, "subscriptions", "add", "--id", "backfill-desk", "--channel", "file",
        "--target", tmp.resolve("backfill").toString(), "--backfill-from", "2h"));
    assertThat(backfill.code()).as(backfill.err()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> sink.subscriptions().get("late-desk").isPresent()
        && sink.subscriptions().get("backfill-desk").isPresent());

    Path changed = tmp.resolve("taxonomy-v2.yaml");
    String yaml = Files.readString(Path.of(System.getProperty("newswatch.repo.root"),
        "enrich/src/main/resources/taxonomy/default.yaml"), StandardCharsets.UTF_8);
    String watch = String.join("\n",
        "topics:",
        "  - id: korea_watch",
        "    description: Any article about Korea (a watch topic added after the fact, for the replay test).",
        // A passage naming Korea tags it (SECONDARY), but it never outweighs the subject: the primary
        // topics, and so the stories and their alert ids, stay what they were.
        "    threshold: 1000",
        "    passageThreshold: 1",
        "    rules:",
        "      - id: korea",
        "        weight: 1",
        "        vocab: korea",
        "");
    Files.writeString(changed, yaml.replaceFirst("(?m)^version: .*$", "version: \"replay-test-2\"").replace("topics:\n", watch),
        StandardCharsets.UTF_8);

    List<String> args = new ArrayList<>(List.of("replay", "--from", java.time.Instant.now().minusSeconds(3600).toString(),
        "--to", java.time.Instant.now().plusSeconds(1).toString(), "--taxonomy", changed.toString(), "--no-progress",
        "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registryUrl()));
    for (var e : base.entrySet()) {
      args.add("--set");
      args.add(e.getKey() + "=" + e.getValue());
    }
    TestCli.Run run = TestCli.run(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).contains("5 raw articles").contains("100%").contains("done");

    List<Alert> after = new ArrayList<>();
    try (var alerts = consumer(platform, p + ".alerts", registry)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        alerts.poll(Duration.ofMillis(200)).forEach(r -> after.add(r.value()));
        return after.size() >= live.size() * 2 + 5;
      });
    }
    // Partitions interleave, so count: every live alert comes out once more under the same id (and
    // subscribers that have it skip it), and the new topic adds exactly one alert per article.
    Map<String, Long> counts = new HashMap<>();
    after.forEach(a -> counts.merge(a.getAlertId(), 1L, Long::sum));
    assertThat(live).allSatisfy(a -> assertThat(counts.get(a.getAlertId())).as(a.getAlertId()).isEqualTo(2L));
    List<Alert> added = after.stream().filter(a -> a.getTopic().equals("korea_watch")).toList();
    assertThat(added).hasSize(5).extracting(Alert::getAlertId).doesNotHaveDuplicates();
    assertThat(added).allSatisfy(a -> assertThat(a.getTaxonomyVersion()).isEqualTo("replay-test-2"));
    assertThat(after).hasSize(live.size() * 2 + 5);

    // The subscriber got every alert exactly once: the replayed ones were skipped, the new ones added.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fileLines()).hasSize(live.size() + 5));
    // The backfill desk got every alert of the range; the desk created after them got none (the sink
    // handles both subscriptions in the same batches, so by now it would have them).
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(alertIds(tmp.resolve("backfill")))
        .hasSize(live.size() + 5).doesNotHaveDuplicates());
    assertThat(alertIds(tmp.resolve("late"))).isEmpty();
    sink.close();
    assertThat(fileLines()).hasSize(live.size() + 5);

    // Running the same replay (same absolute range) again resumes it: nothing left to do.
    TestCli.Run again = TestCli.run(args.toArray(String[]::new));
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.err()).contains("resuming");
  }

  private static String[] concat(String[] where, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(where));
    return all.toArray(String[]::new);
  }

  private static List<String> alertIds(Path dir) throws java.io.IOException {
    List<String> ids = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return ids;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            ids.add(AlertJson.mapper().readTree(line).get("alertId").asText());
          }
        }
      }
    }
    return ids;
  }

  private List<String> fileLines() throws java.io.IOException {
    List<String> lines = new ArrayList<>();
    try (var files = Files.list(tmp.resolve("alerts"))) {
      for (Path f : files.filter(x -> x.toString().endsWith(".jsonl")).toList()) {
        lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList());
      }
    }
    return lines;
  }

  private static Path seeds() {
    return Path.of(System.getProperty("newswatch.repo.root"), "samples", "seeds");
  }

  private static KafkaConsumer<String, Alert> consumer(TestPlatform platform, String topic, RegistryClient registry) {
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, platform.uniqueName("verify"));
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    var c = new KafkaConsumer<>(cp, new StringDeserializer(), new AvroDeserializer<Alert>(registry, Alert.class));
    c.subscribe(List.of(topic));
    return c;
  }
}
