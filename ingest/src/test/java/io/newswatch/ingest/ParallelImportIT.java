package io.newswatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.runtime.Settings;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.DeadLetter;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.schemas.serde.AvroDeserializer;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folder import on the normalization pool against the real broker: every article once, each story's versions in order. */
@WithPlatform
class ParallelImportIT {
  private static final int VERSIONS = 40;

  @TempDir
  Path tmp;

  @Test
  void shouldPublishEveryArticleOnceAndEachStorysVersionsInOrderWhenFourThreadsNormalize(TestPlatform platform)
      throws Exception {
    String p = platform.uniqueName("ingest-parallel");
    // Three partitions, so per-key order is what is checked, not the order of a single log.
    platform.createTopics(Map.of(p + ".raw", 3, p + ".rejected", 1));
    IngestConfig config = IngestConfig.from(Settings.of(IngestConfig.defaults()).with(Map.of(
        IngestConfig.TOPIC_RAW, p + ".raw", IngestConfig.TOPIC_REJECTED, p + ".rejected",
        IngestConfig.TOPIC_FEED_STATE, p + ".feed-state", IngestConfig.STATE_DIR, tmp.resolve("state").toString(),
        // A small queue, so the importer is held back by the pool many times over.
        IngestConfig.THREADS, "4", IngestConfig.QUEUE, "8")));
    Path folder = StoryCorpus.write(tmp.resolve("in"), VERSIONS);
    int expected = StoryCorpus.articles(VERSIONS);

    try (IngestService ingest = IngestService.create(config, kafka(platform), registry(platform), null)) {
      assertThat(ingest.importDirectory(folder).articles()).isEqualTo(expected);
      assertThat(ingest.importDirectory(folder).alreadyImported()).as("every file recorded once acknowledged")
          .isEqualTo(StoryCorpus.STORIES + 1);
    }

    List<ConsumerRecord<String, Article>> records = drain(platform, config.rawTopic(), expected, Article.class);
    assertThat(records).hasSize(expected);
    assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getId()));
    assertThat(records.stream().map(r -> r.value().getId() + "/" + r.value().getTitle()))
        .as("no article twice").doesNotHaveDuplicates();
    Map<String, List<Integer>> versions = records.stream()
        .filter(r -> StoryCorpus.version(r.value().getTitle()).isPresent())
        .collect(Collectors.groupingBy(ConsumerRecord::key,
            Collectors.mapping(r -> StoryCorpus.version(r.value().getTitle()).getAsInt(), Collectors.toList())));
    List<Integer> inOrder = IntStream.range(0, VERSIONS).boxed().toList();
    assertThat(versions).hasSize(StoryCorpus.STORIES)
        .allSatisfy((key, seen) -> assertThat(seen).as("versions of %s", key).containsExactlyElementsOf(inOrder));
    assertThat(drain(platform, config.rejectedTopic(), StoryCorpus.DEAD_LETTERS, DeadLetter.class))
        .hasSize(StoryCorpus.DEAD_LETTERS);
  }

  private static Properties kafka(TestPlatform platform) {
    return Settings.of(Map.of(Settings.BOOTSTRAP, platform.bootstrapServers())).kafkaProperties();
  }

  private static RegistryClient registry(TestPlatform platform) {
    return new RegistryClient(RegistryConfig.of(platform.registryUrl()));
  }

  /** Reads the topic from the start until {@code expected} records came, then a little longer to catch extras. */
  private static <T extends SpecificRecord> List<ConsumerRecord<String, T>> drain(TestPlatform platform, String topic,
      int expected, Class<T> type) {
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, platform.uniqueName("verify"));
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, T>> out = new ArrayList<>();
    try (var c = new KafkaConsumer<>(cp, new StringDeserializer(), new AvroDeserializer<T>(registry(platform), type))) {
      c.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
        return out.size() >= expected;
      });
      for (int i = 0; i < 3; i++) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
