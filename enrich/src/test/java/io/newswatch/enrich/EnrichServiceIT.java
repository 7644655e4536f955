package io.newswatch.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.enrich.tagging.Document;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.avro.Alert;
import io.newswatch.schemas.avro.AlertKind;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.avro.DuplicateStatus;
import io.newswatch.schemas.avro.TaggedArticle;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.schemas.serde.AvroDeserializer;
import io.newswatch.schemas.serde.AvroSerializer;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrich on a real broker and registry: 3 partitions, two application instances. Near-duplicates
 * with different ids (so on different partitions) still meet, every article comes out once, no
 * alert is emitted twice, and poison records reach the dead-letter topic.
 */
@WithPlatform
class EnrichServiceIT {
  @TempDir
  Path stateDir;

  @Test
  void shouldCatchNearDuplicatesAcrossPartitionsAndAlertOnceWithTwoInstances(TestPlatform platform) throws Exception {
    String p = platform.uniqueName("enrich");
    String raw = p + ".raw";
    String tagged = p + ".tagged";
    String alerts = p + ".alerts";
    String dlq = p + ".dlq";
    platform.createTopics(Map.of(raw, 3));
    RegistryConfig registry = RegistryConfig.of(platform.registryUrl());
    Properties kafka = Settings.of(Map.of(Settings.BOOTSTRAP, platform.bootstrapServers())).kafkaProperties();
    EnrichConfig base = EnrichConfig.defaultsFor(stateDir, 3).withTopics(raw, tagged, alerts, dlq).withApplicationId(p);

    EnrichConfig one = base.toBuilder().stateDir(stateDir.resolve("one")).build();
    EnrichConfig two = base.toBuilder().stateDir(stateDir.resolve("two")).build();
    try (EnrichService a = EnrichService.start(one, kafka, registry, null);
        EnrichService b = EnrichService.start(two, kafka, registry, null)) {
      assertThat(a.awaitRunning(Duration.ofSeconds(60))).isTrue();
      assertThat(b.awaitRunning(Duration.ofSeconds(60))).isTrue();

      List<Article> input = new ArrayList<>(EnrichTopologyTest.seeds());
      Document rewrite = TestFiles.document(io.newswatch.enrich.TestFiles.resource("topology/rewrite-of-seed-002.txt"));
      // Several rewrites under different ids: with 3 partitions some land away from the original.
      for (int i = 0; i < 4; i++) {
        input.add(EnrichTopologyTest.article("rewrite-" + i, rewrite.title(), rewrite.body()));
      }
      Properties pp = new Properties();
      pp.putAll(kafka);
      var ser = new AvroSerializer<Article>(new RegistryClient(registry), false);
      // Live order: the original story is out before other outlets rewrite it. (Backfills that run
      // partitions out of event-time order point a copy at whichever came first; see DedupIndex.)
      List<Article> originals = input.stream().filter(x -> !x.getId().startsWith("rewrite-")).toList();
      List<Article> rewrites = input.stream().filter(x -> x.getId().startsWith("rewrite-")).toList();
      Instant t = Instant.parse("2025-11-17T08:00:00Z");
      try (var producer = new KafkaProducer<>(pp, new StringSerializer(), ser);
          var rawProducer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer());
          var firstPass = consumer(platform, tagged, new AvroDeserializer<TaggedArticle>(new RegistryClient(registry),
              TaggedArticle.class))) {
        for (Article art : originals) {
          t = t.plusSeconds(1);
          producer.send(new ProducerRecord<>(raw, null, t.toEpochMilli(), art.getId(), art)).get();
        }
        List<String> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          firstPass.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.key()));
          return seen.size() >= originals.size();
        });
        for (Article art : rewrites) {
          t = t.plusSeconds(1);
          producer.send(new ProducerRecord<>(raw, null, t.toEpochMilli(), art.getId(), art)).get();
        }
        rawProducer.send(new ProducerRecord<>(raw, "poison", new byte[] {42, 1, 2, 3})).get();
      }

      Map<String, TaggedArticle> out = new ConcurrentHashMap<>();
      List<String> taggedKeys = new ArrayList<>();
      List<Alert> raised = new ArrayList<>();
      List<DeadLetter> dead = new ArrayList<>();
      var reg = new RegistryClient(registry);
      try (var tc = consumer(platform, tagged, new AvroDeserializer<TaggedArticle>(reg, TaggedArticle.class));
          var ac = consumer(platform, alerts, new AvroDeserializer<Alert>(reg, Alert.class));
          var dc = consumer(platform, dlq, new AvroDeserializer<DeadLetter>(reg, DeadLetter.class))) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
          tc.poll(Duration.ofMillis(200)).forEach(r -> {
            taggedKeys.add(r.key());
            out.put(r.key(), r.value());
          });
          ac.poll(Duration.ofMillis(100)).forEach(r -> raised.add(r.value()));
          dc.poll(Duration.ofMillis(100)).forEach(r -> dead.add(r.value()));
          assertThat(out).hasSize(input.size());
          assertThat(dead).hasSize(1);
        });
        // Drain a little longer: nothing may come twice.
        for (int i = 0; i < 5; i++) {
          tc.poll(Duration.ofMillis(300)).forEach(r -> taggedKeys.add(r.key()));
          ac.poll(Duration.ofMillis(100)).forEach(r -> raised.add(r.value()));
        }
      }
      assertThat(taggedKeys).doesNotHaveDuplicates().hasSize(input.size());
      String original = input.stream().filter(x -> x.getId().startsWith("002")).findFirst().orElseThrow().getId();
      assertThat(out.get(original).getDuplicate()).isEqualTo(DuplicateStatus.UNIQUE);
      for (int i = 0; i < 4; i++) {
        TaggedArticle r = out.get("rewrite-" + i);
        assertThat(r.getDuplicate()).as("rewrite-" + i).isIn(DuplicateStatus.NEAR, DuplicateStatus.EXACT);
      }
      assertThat(out.get("rewrite-0").getDuplicate()).isEqualTo(DuplicateStatus.NEAR);
      assertThat(out.get("rewrite-0").getDuplicateOf()).isEqualTo(original);
      assertThat(raised).extracting(Alert::getAlertId).doesNotHaveDuplicates();
      // Copies update the original's story; they never raise an alert of their own.
      assertThat(raised).filteredOn(al -> al.getKind() == AlertKind.TOPIC).isNotEmpty()
          .allSatisfy(al -> assertThat(al.getArticleIds()).noneMatch(id -> id.startsWith("rewrite-")));
      assertThat(raised).filteredOn(al -> al.getKind() == AlertKind.UPDATE).isNotEmpty()
          .allSatisfy(al -> assertThat(al.getStoryId()).isEqualTo(original));
      assertThat(dead.get(0).getReason()).contains("magic byte");
      assertThat(dead.get(0).getOriginTopic()).isEqualTo(raw);
    }
  }

  @Test
  void shouldDecideArticlesWrittenToAnyPartitionWhateverTheirKeyHashesTo(TestPlatform platform) throws Exception {
    String p = platform.uniqueName("enrich-part");
    platform.createTopics(Map.of(p + ".raw", 3));
    RegistryConfig registry = RegistryConfig.of(platform.registryUrl());
    Properties kafka = Settings.of(Map.of(Settings.BOOTSTRAP, platform.bootstrapServers())).kafkaProperties();
    EnrichConfig config = EnrichConfig.defaultsFor(stateDir.resolve("part"), 3)
        .withTopics(p + ".raw", p + ".tagged", p + ".alerts", p + ".dlq").withApplicationId(p);
    List<Article> seeds = new ArrayList<>(EnrichTopologyTest.seeds());
    // Attributes in an order a decoded HashMap does not keep: the tagged record shows whether the
    // article's raw bytes were copied (TaggedArticleSerializer) or the article encoded again.
    Map<String, String> ordered = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      ordered.put("k" + (97 - i), "v" + i);
    }
    seeds.add(Article.newBuilder(seeds.get(0)).setId("ordered-1").setAttributes(ordered).build());
    AvroSerializer<Article> rawSerializer = new AvroSerializer<>(new RegistryClient(registry), false);
    AvroDeserializer<TaggedArticle> taggedReader = new AvroDeserializer<>(new RegistryClient(registry), TaggedArticle.class);
    Map<String, byte[]> rawValues = new java.util.HashMap<>();
    try (EnrichService enrich = EnrichService.start(config, kafka, registry, null);
        var producer = new KafkaProducer<>(kafka, new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
        var tc = consumer(platform, p + ".tagged", new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      assertThat(enrich.awaitRunning(Duration.ofSeconds(60))).isTrue();
      // Another client's partitioner: every article on partition 2, whatever its id hashes to.
      for (Article a : seeds) {
        byte[] value = rawSerializer.serialize(p + ".raw", a);
        rawValues.put(a.getId(), value);
        producer.send(new ProducerRecord<>(p + ".raw", 2, a.getId(), value)).get();
      }
      Map<String, byte[]> decided = new java.util.HashMap<>();
      // Well inside the 5-minute fallback for stranded articles: the replies found their way.
      await().atMost(Duration.ofSeconds(45)).until(() -> {
        tc.poll(Duration.ofMillis(200)).forEach(r -> decided.put(r.key(), r.value()));
        return decided.size() >= seeds.size();
      });
      assertThat(decided.keySet()).containsExactlyInAnyOrderElementsOf(seeds.stream().map(Article::getId).toList());
      for (Article a : seeds) {
        byte[] raw = rawValues.get(a.getId());
        byte[] tagged = decided.get(a.getId());
        assertThat(java.util.Arrays.copyOfRange(tagged, 5, raw.length))
            .as("%s: the tagged record starts with the raw article's bytes", a.getId())
            .isEqualTo(java.util.Arrays.copyOfRange(raw, 5, raw.length));
        assertThat(taggedReader.deserialize(p + ".tagged", tagged).getArticle()).isEqualTo(a);
      }
      byte[] orderedRaw = rawValues.get("ordered-1");
      TaggedArticle orderedTagged = taggedReader.deserialize(p + ".tagged", decided.get("ordered-1"));
      assertThat(java.util.Arrays.copyOfRange(new AvroSerializer<TaggedArticle>(new RegistryClient(registry), false)
              .serialize(p + ".tagged", orderedTagged), 5, orderedRaw.length))
          .as("encoding the decoded article again would have written its attributes in another order")
          .isNotEqualTo(java.util.Arrays.copyOfRange(orderedRaw, 5, orderedRaw.length));
    }
  }

  @Test
  void shouldTagTheSameWithTagAheadOnAsOffAndServeArticlesFromItsThread(TestPlatform platform) throws Exception {
    RegistryConfig registry = RegistryConfig.of(platform.registryUrl());
    Properties kafka = Settings.of(Map.of(Settings.BOOTSTRAP, platform.bootstrapServers())).kafkaProperties();
    List<Article> seeds = EnrichTopologyTest.seeds();
    Map<Integer, Map<String, String>> byThreads = new java.util.HashMap<>();
    for (int threads : new int[] {1, 0}) {
      String p = platform.uniqueName("enrich-ahead-" + threads);
      platform.createTopics(Map.of(p + ".raw", 3));
      EnrichConfig config = EnrichConfig.defaultsFor(stateDir.resolve("ahead-" + threads), 3)
          .withTopics(p + ".raw", p + ".tagged", p + ".alerts", p + ".dlq").withApplicationId(p)
          .toBuilder().tagAheadThreads(threads).tagAheadRecords(threads == 1 ? 1000 : 0).build();
      Map<String, String> tags = new java.util.TreeMap<>();
      try (var producer = new KafkaProducer<>(kafka, new StringSerializer(), new AvroSerializer<Article>(new RegistryClient(registry), false))) {
        // Written before enrich starts, so its consumer fetches them in batches, as in a backfill.
        for (Article a : seeds) {
          producer.send(new ProducerRecord<>(p + ".raw", a.getId(), a)).get();
        }
      }
      try (EnrichService enrich = EnrichService.start(config, kafka, registry, null);
          var tc = consumer(platform, p + ".tagged", new AvroDeserializer<TaggedArticle>(new RegistryClient(registry), TaggedArticle.class))) {
        assertThat(enrich.awaitRunning(Duration.ofSeconds(60))).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          tc.poll(Duration.ofMillis(200)).forEach(r -> tags.put(r.key(),
              // Tags only: which copy is the original, and so story ids, follow the arrival order.
              r.value().getTags().stream().map(t -> t.getTopic() + ":" + t.getRole() + ":" + t.getSeverity() + ":"
                  + t.getEvidence()).toList().toString()));
          return tags.size() >= seeds.size();
        });
        if (threads == 1) {
          assertThat(enrich.tagAhead().served()).as("articles tagged on the tag-ahead thread").isPositive();
          assertThat(enrich.tagAhead().readsAhead()).as("the reader runs when records > 0").isTrue();
        } else {
          assertThat(enrich.tagAhead().enabled()).isFalse();
          assertThat(enrich.tagAhead().served()).isZero();
        }
      }
      byThreads.put(threads, tags);
    }
    assertThat(byThreads.get(1)).isEqualTo(byThreads.get(0));
    assertThat(byThreads.get(1).values()).anyMatch(v -> !v.startsWith("[]"));
  }

  private static <V> KafkaConsumer<String, V> consumer(TestPlatform platform, String topic, Deserializer<V> deser) {
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, platform.uniqueName("verify"));
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    var c = new KafkaConsumer<>(cp, new StringDeserializer(), deser);
    c.subscribe(List.of(topic));
    return c;
  }
}
