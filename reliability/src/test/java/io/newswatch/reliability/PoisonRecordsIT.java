package io.newswatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.AlertKind;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.Channel;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.avro.Severity;
import io.newswatch.schemas.avro.Subscription;
import io.newswatch.schemas.serde.AvroDeserializer;
import io.newswatch.schemas.serde.AvroSerializer;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Poison records (random bytes, wrong magic byte, unknown schema id, truncated Avro, a record of an
 * incompatible type under a valid id) on every input topic, read by the stages running as CLI
 * processes: each poison record is dead-lettered with its reason (for subscriptions also counted and
 * skipped), processing goes on, and the stage's metrics count it.
 */
@WithPlatform
class PoisonRecordsIT {
  private static final Logger log = LoggerFactory.getLogger(PoisonRecordsIT.class);
  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir
  Path dir;

  private final List<AutoCloseable> open = new ArrayList<>();
  private Pipeline pipe;

  @AfterEach
  void tearDown() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    if (pipe != null) {
      pipe.dropSchema();
    }
  }

  @Test
  void shouldDeadLetterEveryPoisonKindAndKeepTaggingWhenTheRawTopicIsPoisoned(TestPlatform platform) throws Exception {
    pipe = pipeline(platform, "poison-raw");
    List<Poison.Kind> kinds = Poison.kinds(pipe.registry(), pipe.raw(), article(0));
    DeadLetterTail dlq = keep(new DeadLetterTail(pipe, pipe.enrichDlq()));
    TopicTail tagged = keep(TopicTail.follow(pipe.bootstrap(), pipe.tagged()));
    int port = Metrics.freePort();
    CliProcess enrich = keep(pipe.enrich(Map.of("management.port", Integer.toString(port))).start());

    List<String> goodIds = new ArrayList<>();
    try (var good = new KafkaProducer<>(pipe.kafka(), new StringSerializer(), new AvroSerializer<Article>(pipe.registry(), false));
        var raw = new KafkaProducer<>(pipe.kafka(), new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < kinds.size(); i++) {
        Article a = article(i + 1);
        goodIds.add(a.getId());
        // Good articles go where the default partitioner puts their id: enrich's dedup expects that.
        good.send(new ProducerRecord<>(pipe.raw(), a.getId(), a)).get();
        raw.send(new ProducerRecord<>(pipe.raw(), 0, kinds.get(i).name(), kinds.get(i).bytes())).get();
      }
      Article last = article(99);
      goodIds.add(last.getId());
      good.send(new ProducerRecord<>(pipe.raw(), last.getId(), last)).get();
    }

    Awaits.progress("every good article tagged past the poison", WAIT, pipe, enrich,
        () -> tagged.countByKey().keySet().containsAll(goodIds));
    List<DeadLetter> letters = dlq.awaitLetters(kinds.size(), enrich);
    assertDeadLetters(letters, kinds, pipe.raw(), "enrich");
    await("dropped-records metric").atMost(WAIT).untilAsserted(() ->
        assertThat(Metrics.sum(Metrics.scrape(port), "kafka_stream_task_dropped_records_total"))
            .as("Streams dropped-records on /metrics").isEqualTo(kinds.size()));
    Awaits.assertAlive(enrich);
  }

  @Test
  void shouldDeadLetterEveryPoisonKindAndKeepDeliveringWhenTheAlertsTopicIsPoisoned(TestPlatform platform)
      throws Exception {
    pipe = pipeline(platform, "poison-alerts");
    Path files = dir.resolve("alerts-file");
    pipe.subscribe(List.of(Pipeline.subscription("all-file", Channel.FILE, files.toString(), null)));
    List<Poison.Kind> kinds = Poison.kinds(pipe.registry(), pipe.alerts(), alert("sample"));
    DeadLetterTail dlq = keep(new DeadLetterTail(pipe, pipe.sinkDlq()));
    int port = Metrics.freePort();
    CliProcess sink = keep(pipe.sink(Map.of("management.port", Integer.toString(port)), Map.of()).start());

    try (var good = new KafkaProducer<>(pipe.kafka(), new StringSerializer(), new AvroSerializer<Alert>(pipe.registry(), false));
        var raw = new KafkaProducer<>(pipe.kafka(), new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < kinds.size(); i++) {
        good.send(new ProducerRecord<>(pipe.alerts(), 0, "good-" + i, alert("good-" + i))).get();
        raw.send(new ProducerRecord<>(pipe.alerts(), 0, kinds.get(i).name(), kinds.get(i).bytes())).get();
      }
      good.send(new ProducerRecord<>(pipe.alerts(), 0, "good-last", alert("good-last"))).get();
    }

    Awaits.progress("every good alert delivered past the poison", WAIT, pipe, sink,
        () -> Delivered.files(files).keySet().size() == kinds.size() + 1);
    assertThat(Delivered.files(files)).containsOnlyKeys("good-0", "good-1", "good-2", "good-3", "good-4", "good-last")
        .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    List<DeadLetter> letters = dlq.awaitLetters(kinds.size(), sink);
    assertDeadLetters(letters, kinds, pipe.alerts(), "sink");
    await("poison metric").atMost(WAIT).untilAsserted(() ->
        assertThat(Metrics.sum(Metrics.scrape(port), "newswatch_sink_poison_total")).isEqualTo(kinds.size()));
    Awaits.assertAlive(sink);
  }

  @Test
  void shouldDeadLetterAndCountEveryPoisonKindAndKeepApplyingWhenTheSubscriptionsTopicIsPoisoned(TestPlatform platform)
      throws Exception {
    pipe = pipeline(platform, "poison-subs");
    Path before = dir.resolve("before");
    Path after = dir.resolve("after");
    pipe.subscribe(List.of(Pipeline.subscription("before-file", Channel.FILE, before.toString(), null)));
    List<Poison.Kind> kinds = Poison.kinds(pipe.registry(), pipe.subscriptions(),
        Pipeline.subscription("sample", Channel.FILE, before.toString(), null));
    DeadLetterTail dlq = keep(new DeadLetterTail(pipe, pipe.sinkDlq()));
    try (var raw = new KafkaProducer<>(pipe.kafka(), new StringSerializer(), new ByteArraySerializer())) {
      for (Poison.Kind k : kinds) {
        // Keyed by a live subscription's id: a poison update must not wipe out the subscription it names.
        raw.send(new ProducerRecord<>(pipe.subscriptions(), "before-file", k.bytes())).get();
      }
    }
    int port = Metrics.freePort();
    CliProcess sink = keep(pipe.sink(Map.of("management.port", Integer.toString(port)), Map.of()).start());
    pipe.subscribe(List.of(Pipeline.subscription("after-file", Channel.FILE, after.toString(), null)));

    try (var good = new KafkaProducer<>(pipe.kafka(), new StringSerializer(), new AvroSerializer<Alert>(pipe.registry(), false))) {
      good.send(new ProducerRecord<>(pipe.alerts(), "probe", alert("probe"))).get();
    }
    Awaits.progress("an alert delivered to the subscriptions before and after the poison", WAIT, pipe, sink,
        () -> Delivered.files(before).containsKey("probe") && Delivered.files(after).containsKey("probe"));
    await("subscription rejections counted").atMost(WAIT).untilAsserted(() ->
        assertThat(Metrics.sum(Metrics.scrape(port), "newswatch_sink_subscriptions_rejected_total"))
            .as("newswatch_sink_subscriptions_rejected_total").isEqualTo(kinds.size()));
    // A poison subscription record is counted, dead-lettered with its reason, and skipped; the
    // subscription it names keeps its last good version.
    List<DeadLetter> letters = dlq.awaitLetters(kinds.size(), sink);
    log.info("poison subscriptions: {} counted as rejected, {} dead letters on {}", kinds.size(), letters.size(),
        pipe.sinkDlq());
    assertDeadLetters(letters, kinds, pipe.subscriptions(), "sink");
    assertThat(sink.output()).contains("Ignoring subscription record before-file");
    Awaits.assertAlive(sink);
  }

  private static void assertDeadLetters(List<DeadLetter> letters, List<Poison.Kind> kinds, String topic, String stage) {
    assertThat(letters).hasSize(kinds.size());
    for (int i = 0; i < kinds.size(); i++) {
      Poison.Kind kind = kinds.get(i);
      DeadLetter letter = letters.stream().filter(l -> java.util.Arrays.equals(bytes(l.getPayload()), kind.bytes()))
          .findFirst().orElseThrow(() -> new AssertionError("no dead letter carries the bytes of " + kind.name()));
      log.info("{} dead letter for {}: {}", stage, kind.name(), letter.getReason());
      assertThat(letter.getStage()).as(kind.name()).isEqualTo(stage);
      assertThat(letter.getOriginTopic()).as(kind.name()).isEqualTo(topic);
      assertThat(letter.getOriginPartition()).as(kind.name()).isZero();
      assertThat(letter.getOriginOffset()).as(kind.name()).isNotNull();
      assertThat(letter.getReason()).as(kind.name()).isNotBlank();
      switch (kind.name()) {
        case "random-bytes", "wrong-magic-byte" -> assertThat(letter.getReason()).as(kind.name()).contains("magic byte");
        case "unknown-schema-id" -> assertThat(letter.getReason()).as(kind.name()).containsIgnoringCase("unknown");
        default -> assertThat(letter.getErrorClass()).as(kind.name()).isNotBlank();
      }
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    if (b == null) {
      return new byte[0];
    }
    ByteBuffer copy = b.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

  private Pipeline pipeline(TestPlatform platform, String name) {
    Pipeline p = Pipeline.named(platform.uniqueName(name), platform.bootstrapServers(), platform.registryUrl(), dir);
    p.createTopics();
    return p;
  }

  private <T extends AutoCloseable> T keep(T resource) {
    open.add(resource);
    return resource;
  }

  private static Article article(int i) {
    return ArticleCorpus.load(ArticleCorpus.repoSeeds(), 7).stream(i + 1).reduce((a, b) -> b).orElseThrow().article();
  }

  private static Alert alert(String id) {
    return Alert.newBuilder().setAlertId(id).setKind(AlertKind.TOPIC).setSeverity(Severity.HIGH)
        .setSeverityReasons(List.of()).setTopic("dmz").setRuleId("rule").setStoryId("story-" + id)
        .setArticleIds(List.of("a-" + id)).setTitle("title " + id).setSummary("summary").setUrl("https://x/" + id)
        .setSource("s").setLang("ar").setScore(1.0).setEvidence(List.of()).setTaxonomyVersion("t")
        .setCreatedAt(Instant.parse("2025-11-17T08:00:00Z")).build();
  }

  /** Follows a dead-letter topic and decodes its records. */
  private static final class DeadLetterTail implements AutoCloseable {
    private final ConcurrentLinkedQueue<DeadLetter> letters = new ConcurrentLinkedQueue<>();
    private final TopicTail tail;

    DeadLetterTail(Pipeline pipe, String topic) {
      AvroDeserializer<DeadLetter> values = new AvroDeserializer<>(pipe.registry(), DeadLetter.class);
      tail = TopicTail.follow(pipe.bootstrap(), topic, (ConsumerRecord<String, byte[]> r) -> {
        letters.add(values.deserialize(r.topic(), r.value()));
        return r.topic() + "@" + r.offset();
      });
    }

    List<DeadLetter> awaitLetters(int n, CliProcess stage) {
      Awaitility.await("%d dead letters".formatted(n)).atMost(WAIT).failFast(() -> {
        Awaits.assertAlive(stage);
      }).until(() -> letters.size() >= n);
      return List.copyOf(letters);
    }

    int size() {
      return letters.size();
    }

    @Override
    public void close() {
      tail.close();
    }
  }
}
