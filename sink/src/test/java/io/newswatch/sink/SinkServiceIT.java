package io.newswatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.Topics;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.sink.DeliveryResult.Outcome;
import io.newswatch.sink.webhook.SecretResolver;
import io.newswatch.sink.webhook.WebhookReceiver;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole sink on a real broker and registry, with a real PostgreSQL at 127.0.0.1:5432 (database
 * "test", user postgres; override with -Dnewswatch.pg.url and -Dnewswatch.pg.user), a local webhook
 * receiver and a temporary directory for files and the webhook ledger.
 */
@WithPlatform
class SinkServiceIT {

  private static final String PG_URL = System.getProperty("newswatch.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  private static final String PG_USER = System.getProperty("newswatch.pg.user", "postgres");
  private static final String SECRET_REF = "HOOK_SECRET";
  private static final String SECRET = "sink-it-secret";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  private final String schema = "sink_svc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
      .toLowerCase(Locale.ROOT);
  private final List<SinkService> services = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private WebhookReceiver hook;

  @AfterEach
  void cleanUp() throws SQLException {
    services.forEach(SinkService::close);
    if (hook != null) {
      hook.close();
    }
    http.close();
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void shouldDeliverEachAlertExactlyOnceWhenRestartedAndWhenANewGroupReplaysEverything(TestPlatform platform)
      throws Exception {
    Names names = Names.of(platform);
    hook = new WebhookReceiver(SECRET);
    Path energyDir = dir.resolve("energy");
    try (SubscriptionsAdmin admin = SubscriptionsAdmin.open(config(platform, names, names.group() + "-a"))) {
      admin.add(subscription("energy-file", Channel.FILE, energyDir.toString()).setTopics(List.of("energy")).build());
      admin.add(subscription("health-hook", Channel.WEBHOOK, hook.url()).setTopics(List.of("health"))
          .setMinSeverity(Severity.HIGH).setSecretRef(SECRET_REF).build());
      admin.add(subscription("english-db", Channel.POSTGRES, "").setLanguages(List.of("en")).build());
      admin.add(subscription("critical-live", Channel.LIVE, "").setMinSeverity(Severity.CRITICAL).build());
    }
    platform.createTopics(Map.of(names.alerts(), 3));
    produce(platform, names.alerts(), Fixtures.alertsFromResource("service-first.json"));

    SinkService first = start(config(platform, names, names.group() + "-a"), SinkOptions.defaults());
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      assertThat(fileKeys(energyDir)).containsExactlyInAnyOrder("energy-file:e1", "energy-file:e2", "energy-file:e3");
      assertThat(hook.acceptedKeys()).containsExactlyInAnyOrder("health-hook:h1", "health-hook:h3");
      assertThat(dbKeys()).containsExactlyInAnyOrder("english-db:e1", "english-db:e3", "english-db:h1",
          "english-db:h3", "english-db:p1");
      assertThat(liveIds(first)).containsExactlyInAnyOrder("e3", "h3", "p2");
    });
    first.close();

    produce(platform, names.alerts(), Fixtures.alertsFromResource("service-more.json"));
    SinkService restarted = start(config(platform, names, names.group() + "-a"), SinkOptions.defaults());
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      assertThat(fileKeys(energyDir)).contains("energy-file:e4");
      assertThat(hook.acceptedKeys()).contains("health-hook:h4");
      assertThat(dbKeys()).contains("english-db:e4");
    });
    // The same group resumes after its committed offsets: only the two new alerts are read.
    assertThat(restarted.metrics().count(SinkMetrics.ALERTS)).isEqualTo(2);
    restarted.close();

    SinkService replay = start(config(platform, names, names.group() + "-b"), SinkOptions.defaults());
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      assertThat(replay.metrics().deliveries(Channel.FILE, Outcome.ALREADY_DELIVERED)).isEqualTo(4);
      assertThat(replay.metrics().deliveries(Channel.WEBHOOK, Outcome.ALREADY_DELIVERED)).isEqualTo(3);
      assertThat(replay.metrics().deliveries(Channel.POSTGRES, Outcome.ALREADY_DELIVERED)).isEqualTo(6);
      assertThat(liveIds(replay)).containsExactlyInAnyOrder("e3", "h3", "p2");
    });
    assertThat(replay.metrics().count(SinkMetrics.ALERTS)).isEqualTo(10);
    assertThat(replay.metrics().deliveries(Channel.FILE, Outcome.DELIVERED)).isZero();
    assertThat(replay.metrics().deliveries(Channel.WEBHOOK, Outcome.DELIVERED)).isZero();
    assertThat(replay.metrics().deliveries(Channel.POSTGRES, Outcome.DELIVERED)).isZero();
    replay.close();

    assertThat(fileKeys(energyDir)).containsExactlyInAnyOrder("energy-file:e1", "energy-file:e2", "energy-file:e3",
        "energy-file:e4");
    assertThat(hook.acceptedKeys()).containsExactlyInAnyOrder("health-hook:h1", "health-hook:h3", "health-hook:h4");
    assertThat(hook.requests()).isEqualTo(3);
    assertThat(dbKeys()).containsExactlyInAnyOrder("english-db:e1", "english-db:e3", "english-db:h1",
        "english-db:h3", "english-db:p1", "english-db:e4");
  }

  @Test
  void shouldApplySubscriptionChangesWhenTheyArriveWhileRunning(TestPlatform platform) throws Exception {
    Names names = Names.of(platform);
    SinkConfig config = config(platform, names, names.group());
    List<String> seen = new CopyOnWriteArrayList<>();
    List<Alert> late = Fixtures.alertsFromResource("service-late.json");
    Path target = dir.resolve("late");
    try (SubscriptionsAdmin admin = SubscriptionsAdmin.open(config)) {
      SinkService service = start(config, SinkOptions.defaults().withOnAlert(a -> seen.add(a.getAlertId())));
      assertThat(service.subscriptions().size()).isZero();
      produce(platform, names.alerts(), late.subList(0, 1));
      await().atMost(WAIT).until(() -> seen.contains("late-1"));

      admin.add(subscription("late-file", Channel.FILE, target.toString()).build());
      // No target (what `subscriptions add` writes without --target): this sink's own sink.file.dir.
      admin.add(subscription("home-file", Channel.FILE, "").build());
      await().atMost(WAIT).until(() -> service.subscriptions().get("late-file").isPresent()
          && service.subscriptions().get("home-file").isPresent());
      produce(platform, names.alerts(), late.subList(1, 2));
      await().atMost(WAIT).until(() -> seen.contains("late-2"));
      assertThat(fileKeys(target)).containsExactly("late-file:late-2");
      assertThat(fileKeys(dir)).containsExactly("home-file:late-2");

      assertThat(admin.list()).extracting(Subscription::getId).containsExactly("home-file", "late-file");
      assertThat(admin.remove("home-file")).isTrue();
      assertThat(admin.remove("late-file")).isTrue();
      await().atMost(WAIT).until(() -> service.subscriptions().get("late-file").isEmpty());
      produce(platform, names.alerts(), late.subList(2, 3));
      await().atMost(WAIT).until(() -> seen.contains("late-3"));

      assertThat(fileKeys(target)).containsExactly("late-file:late-2");
      assertThat(admin.list()).isEmpty();
      assertThat(admin.remove("late-file")).isFalse();
    }
  }

  @Test
  void shouldDeadLetterAPoisonRecordAndKeepDeliveringWhenTheAlertsTopicHasJunk(TestPlatform platform)
      throws Exception {
    Names names = Names.of(platform);
    Path seed = Path.of(getClass().getResource("/service/seed.yaml").toURI());
    SinkConfig config = SinkConfig.from(settings(platform, names, names.group())
        .with(Map.of(SinkConfig.SEED, seed.toString())));
    SinkService service = start(config, SinkOptions.defaults());
    // start() returns only after the seeded subscription was read back from the topic.
    assertThat(service.subscriptions().get("seeded-live")).isPresent();
    // Seeding again (the next start) keeps the time the subscription was first seeded.
    Instant created = service.subscriptions().get("seeded-live").orElseThrow().getCreatedAt();
    assertThat(created).isNotNull();
    try (SubscriptionsAdmin admin = SubscriptionsAdmin.open(config)) {
      assertThat(admin.seed(seed, Clock.offset(Clock.systemUTC(), Duration.ofHours(1))))
          .singleElement().extracting(Subscription::getCreatedAt).isEqualTo(created);
    }
    assertThat(service.isReady()).isTrue();
    assertThat(status(URI.create("http://127.0.0.1:" + service.managementPort().orElseThrow() + "/health/ready")))
        .isEqualTo(200);

    Properties props = new Properties();
    props.put("bootstrap.servers", platform.bootstrapServers());
    try (var raw = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(names.alerts(), 0, "junk", new byte[] {1, 2, 3})).get();
    }
    produce(platform, names.alerts(), Fixtures.alertsFromResource("service-late.json").subList(0, 1));

    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(liveIds(service)).containsExactly("late-1"));
    List<DeadLetter> letters = deadLetters(platform, names.dlq(), 1);
    DeadLetter letter = letters.get(0);
    assertThat(letter.getStage()).isEqualTo("sink");
    assertThat(letter.getReason()).contains("magic byte");
    assertThat(letter.getOriginTopic()).isEqualTo(names.alerts());
    assertThat(letter.getOriginPartition()).isZero();
    assertThat(letter.getOriginOffset()).isZero();
    assertThat(bytes(letter.getPayload())).containsExactly(1, 2, 3);
    assertThat(service.metrics().count(SinkMetrics.POISON)).isEqualTo(1);
    assertThat(service.isReady()).isTrue();
  }

  @Test
  void shouldDeadLetterTheDeliveryWhenAWebhookFailsEveryRetry(TestPlatform platform) throws Exception {
    Names names = Names.of(platform);
    SinkConfig config = config(platform, names, names.group());
    hook = new WebhookReceiver(SECRET);
    hook.script(500, 500);
    Path all = dir.resolve("all");
    try (SubscriptionsAdmin admin = SubscriptionsAdmin.open(config)) {
      admin.add(subscription("down-hook", Channel.WEBHOOK, hook.url()).setSecretRef(SECRET_REF).build());
      admin.add(subscription("all-file", Channel.FILE, all.toString()).build());
    }
    List<Alert> alerts = Fixtures.alertsFromResource("service-late.json");
    platform.createTopics(Map.of(names.alerts(), 3));
    produce(platform, names.alerts(), alerts.subList(0, 1));
    SinkService service = start(config, SinkOptions.defaults());

    DeadLetter letter = deadLetters(platform, names.dlq(), 1).get(0);
    assertThat(letter.getStage()).isEqualTo("sink");
    assertThat(letter.getReason()).contains("HTTP 500").contains("after 2 attempts");
    assertThat(letter.getAttributes()).containsEntry("subscriptionId", "down-hook")
        .containsEntry("alertId", "late-1").containsEntry("channel", "WEBHOOK");
    JsonNode payload = AlertJson.mapper().readTree(bytes(letter.getPayload()));
    assertThat(payload.path("alertId").asText()).isEqualTo("late-1");
    assertThat(hook.requests()).isEqualTo(2);
    assertThat(fileKeys(all)).containsExactly("all-file:late-1");
    assertThat(service.metrics().deliveries(Channel.WEBHOOK, Outcome.FAILED)).isEqualTo(1);

    // The loop went on: the endpoint answers 200 again and gets the next alert.
    produce(platform, names.alerts(), alerts.subList(1, 2));
    await().atMost(WAIT).untilAsserted(() -> assertThat(hook.acceptedKeys()).containsExactly("down-hook:late-2"));

    // newswatch redeliver: the dead letter goes through the same channel, once.
    Redelivery redelivery = new Redelivery(config, SecretResolver.of(Map.of(SECRET_REF, SECRET)));
    assertThat(redelivery.run(new Redelivery.Filter(java.util.Set.of("down-hook"), null, null, "timeout"), false))
        .as("no dead letter of that reason").isEmpty();
    assertThat(redelivery.run(new Redelivery.Filter(java.util.Set.of("down-hook"), null, null, "http 500"), false))
        .extracting(Redelivery.Outcome::result).containsExactly("delivered");
    assertThat(redelivery.run(new Redelivery.Filter(java.util.Set.of(), null, null, null), false))
        .extracting(Redelivery.Outcome::result).containsExactly("already_delivered");
    assertThat(hook.acceptedKeys()).containsExactly("down-hook:late-2", "down-hook:late-1");
  }

  @Test
  void shouldKeepOtherSubscriptionsGoingWhileAWebhookIsDownAndDeliverToItOnceBack(TestPlatform platform)
      throws Exception {
    Names names = Names.of(platform);
    SinkConfig config = SinkConfig.from(settings(platform, names, names.group()).with(Map.of(
        SinkConfig.WEBHOOK_MAX_ATTEMPTS, "0", SinkConfig.WEBHOOK_RETRY_FOR, "2m")));
    hook = new WebhookReceiver(SECRET);
    // An outage of about 100 attempts, far more than the five after which it used to be dead-lettered.
    hook.script(java.util.stream.IntStream.generate(() -> 503).limit(100).toArray());
    Path all = dir.resolve("all");
    try (SubscriptionsAdmin admin = SubscriptionsAdmin.open(config)) {
      admin.add(subscription("down-hook", Channel.WEBHOOK, hook.url()).setSecretRef(SECRET_REF).build());
      admin.add(subscription("all-file", Channel.FILE, all.toString()).build());
    }
    platform.createTopics(Map.of(names.alerts(), 1));
    SinkService service = start(config, SinkOptions.defaults());
    produce(platform, names.alerts(), Fixtures.alertsFromResource("service-late.json").subList(0, 3));

    await().atMost(WAIT).untilAsserted(() -> assertThat(fileKeys(all)).hasSize(3));
    assertThat(hook.acceptedKeys()).as("the webhook is still down").isEmpty();
    assertThat(committed(platform, names)).as("nothing committed past the undelivered first alert").isZero();

    await().atMost(WAIT).untilAsserted(() -> assertThat(hook.acceptedKeys())
        .containsExactly("down-hook:late-1", "down-hook:late-2", "down-hook:late-3"));
    await().atMost(WAIT).until(() -> committed(platform, names) == 3);
    assertThat(service.metrics().deliveries(Channel.WEBHOOK, Outcome.FAILED)).isZero();
  }

  @Test
  void shouldDeadLetterAFileSubscriptionWhenItsTargetClimbsOutOfTheFileDir(TestPlatform platform) throws Exception {
    Names names = Names.of(platform);
    SinkConfig config = config(platform, names, names.group());
    try (SubscriptionsAdmin admin = SubscriptionsAdmin.open(config)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.add(
          subscription("escape", Channel.FILE, dir + "/../../../etc").build())).hasMessageContaining("'..'");
    }
    // Written by an older version or another tool, bypassing the admin's check.
    Properties props = new Properties();
    props.put("bootstrap.servers", platform.bootstrapServers());
    var serde = Topics.SUBSCRIPTIONS.renamed(names.subscriptions())
        .valueSerde(new RegistryClient(RegistryConfig.of(platform.registryUrl())));
    try (var producer = new KafkaProducer<>(props, new StringSerializer(), serde.serializer())) {
      producer.send(new ProducerRecord<>(names.subscriptions(), "escape",
          subscription("escape", Channel.FILE, dir + "/../../../tmp/escaped").build())).get();
    }

    SinkService service = start(config, SinkOptions.defaults());

    assertThat(service.subscriptions().get("escape")).isEmpty();
    DeadLetter letter = deadLetters(platform, names.dlq(), 1).get(0);
    assertThat(letter.getReason()).contains("target").contains("'..'");
    assertThat(letter.getOriginTopic()).isEqualTo(names.subscriptions());
  }

  @Test
  void shouldShowTheRecentStoriesOnTheLivePageWhenRestartedAndOnlyNewOnesWhenTheRestoreIsOff(TestPlatform platform)
      throws Exception {
    Names names = Names.of(platform);
    try (SubscriptionsAdmin admin = SubscriptionsAdmin.open(config(platform, names, names.group()))) {
      admin.add(subscription("critical-live", Channel.LIVE, "").setMinSeverity(Severity.CRITICAL).build());
    }
    platform.createTopics(Map.of(names.alerts(), 1));
    List<Alert> firstAlerts = Fixtures.alertsFromResource("service-first.json");
    produce(platform, names.alerts(), firstAlerts);
    SinkService first = start(config(platform, names, names.group()), SinkOptions.defaults());
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
        assertThat(liveIds(first)).containsExactlyInAnyOrder("e3", "h3", "p2"));
    // Every alert delivered and committed: the restarted group has nothing left to read.
    await().atMost(WAIT).until(() -> committed(platform, names) == firstAlerts.size());
    first.close();

    // The group resumes after its committed offsets, so only the restore (beside the loop) can put these back.
    SinkService restarted = start(config(platform, names, names.group()), SinkOptions.defaults());
    await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
        assertThat(liveIds(restarted)).containsExactlyInAnyOrder("e3", "h3", "p2"));
    assertThat(restarted.metrics().count(SinkMetrics.ALERTS)).as("a restore delivers nothing").isZero();
    restarted.close();

    Map<String, String> off = new HashMap<>(settings(platform, names, names.group()).asMap());
    off.put(SinkConfig.LIVE_RESTORE, "0s");
    SinkService withoutRestore = start(SinkConfig.from(Settings.of(off)), SinkOptions.defaults());
    produce(platform, names.alerts(), Fixtures.alertsFromResource("service-more.json"));
    await().atMost(WAIT).until(() -> withoutRestore.metrics().count(SinkMetrics.ALERTS) == 2);
    // A restore, had one run, took well under two seconds above: none shows up over that long.
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .until(() -> liveIds(withoutRestore).stream().noneMatch(List.of("e3", "h3", "p2")::contains));
  }

  private static long committed(TestPlatform platform, Names names) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", platform.bootstrapServers());
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
      var offsets = admin.listConsumerGroupOffsets(names.group()).partitionsToOffsetAndMetadata().get();
      var meta = offsets.get(new TopicPartition(names.alerts(), 0));
      return meta == null ? 0 : meta.offset();
    }
  }

  private SinkService start(SinkConfig config, SinkOptions options) {
    SinkService service = new SinkService(config,
        options.withSecrets(SecretResolver.of(Map.of(SECRET_REF, SECRET))));
    services.add(service);
    service.start();
    return service;
  }

  private SinkConfig config(TestPlatform platform, Names names, String group) {
    return SinkConfig.from(settings(platform, names, group));
  }

  private Settings settings(TestPlatform platform, Names names, String group) {
    Map<String, String> m = new HashMap<>();
    m.put(Settings.BOOTSTRAP, platform.bootstrapServers());
    m.put(Settings.REGISTRY_URL, platform.registryUrl());
    m.put(Settings.REGISTRY_AUTO_REGISTER, "true");
    m.put(Settings.MANAGEMENT_PORT, "0");
    m.put(SinkConfig.GROUP_ID, group);
    m.put(SinkConfig.TOPIC_ALERTS, names.alerts());
    m.put(SinkConfig.TOPIC_SUBSCRIPTIONS, names.subscriptions());
    m.put(SinkConfig.TOPIC_DLQ, names.dlq());
    m.put(SinkConfig.FILE_DIR, dir.toString());
    m.put(SinkConfig.STATE_DIR, dir.resolve("state").toString());
    m.put(SinkConfig.POSTGRES_URL, PG_URL + "?user=" + PG_USER + "&currentSchema=" + schema);
    m.put(SinkConfig.LIVE_PORT, "0");
    m.put(SinkConfig.WEBHOOK_MAX_ATTEMPTS, "2");
    m.put(SinkConfig.WEBHOOK_INITIAL_BACKOFF, "10ms");
    m.put(SinkConfig.WEBHOOK_MAX_BACKOFF, "50ms");
    m.put(SinkConfig.WEBHOOK_REQUEST_TIMEOUT, "5s");
    m.put(SinkConfig.DELIVERY_TIMEOUT, "30s");
    return Settings.of(m);
  }

  private static Subscription.Builder subscription(String id, Channel channel, String target) {
    return Subscription.newBuilder(Fixtures.subscription(id, channel, target));
  }

  private static void produce(TestPlatform platform, String topic, List<Alert> alerts) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", platform.bootstrapServers());
    props.put("enable.idempotence", "true");
    var serde = Topics.ALERTS.renamed(topic).valueSerde(new RegistryClient(RegistryConfig.of(platform.registryUrl())));
    try (var producer = new KafkaProducer<>(props, new StringSerializer(), serde.serializer())) {
      for (Alert alert : alerts) {
        producer.send(new ProducerRecord<>(topic, alert.getAlertId(), alert)).get();
      }
    }
  }

  private static List<DeadLetter> deadLetters(TestPlatform platform, String topic, int expected) {
    var values = Topics.SINK_DLQ.renamed(topic).valueSerde(new RegistryClient(RegistryConfig.of(platform.registryUrl())))
        .deserializer();
    Properties props = new Properties();
    props.put("bootstrap.servers", platform.bootstrapServers());
    List<DeadLetter> letters = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await().atMost(WAIT).until(() -> {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          letters.add(values.deserialize(r.topic(), r.value()));
        }
        return letters.size() >= expected;
      });
    }
    assertThat(letters).hasSize(expected);
    return letters;
  }

  private static List<String> fileKeys(Path target) throws IOException {
    if (!Files.isDirectory(target)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    try (Stream<Path> files = Files.list(target)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          keys.add(AlertJson.mapper().readTree(line).path("deliveryKey").asText());
        }
      }
    }
    return keys;
  }

  private List<String> dbKeys() throws SQLException {
    List<String> keys = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT delivery_key FROM " + schema + ".alert_delivery")) {
      while (rs.next()) {
        keys.add(rs.getString(1));
      }
    }
    return keys;
  }

  private List<String> liveIds(SinkService service) throws IOException, InterruptedException, URISyntaxException {
    URI uri = new URI(service.livePageUrl().orElseThrow() + "api/alerts");
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    List<String> ids = new ArrayList<>();
    AlertJson.mapper().readTree(response.body()).forEach(n -> ids.add(n.path("alertId").asText()));
    return ids;
  }

  private int status(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

  /** Topic and group names no other test uses. */
  private record Names(String alerts, String subscriptions, String dlq, String group) {
    static Names of(TestPlatform platform) {
      return new Names(platform.uniqueName("alerts"), platform.uniqueName("subscriptions"),
          platform.uniqueName("sink-dlq"), platform.uniqueName("sink-group"));
    }
  }
}
