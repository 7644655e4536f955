package io.newswatch.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newswatch.enrich.EnrichConfig;
import io.newswatch.enrich.dedup.Fingerprinter;
import io.newswatch.enrich.matching.AnchorIndexMatcher;
import io.newswatch.enrich.tagging.TaxonomyTagger;
import io.newswatch.runtime.Settings;
import io.newswatch.schemas.avro.Article;
import io.newswatch.schemas.avro.SourceType;
import io.newswatch.schemas.registry.RegistryClient;
import io.newswatch.schemas.registry.RegistryConfig;
import io.newswatch.schemas.serde.AvroDeserializer;
import io.newswatch.schemas.serde.AvroSerializer;
import io.newswatch.testkit.TestPlatform;
import io.newswatch.testkit.WithPlatform;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tag-ahead reader against a real broker: it follows where the stream thread's consumer is,
 * reads exactly {@code enrich.tag-ahead.records} further, moves on as the stream thread does, and
 * every article it read is served to the stream thread.
 */
@WithPlatform
class TagAheadReaderIT {
  private static final int RECORDS = 1_200;
  private static final int AHEAD = 300;

  @TempDir
  Path stateDir;

  @Test
  void shouldReadAheadOfTheStreamThreadsFetchByTheConfiguredRecordsAndFollowIt(TestPlatform platform) throws Exception {
    String topic = platform.uniqueName("tag-ahead") + ".raw";
    platform.createTopics(Map.of(topic, 1));
    Properties kafka = Settings.of(Map.of(Settings.BOOTSTRAP, platform.bootstrapServers())).kafkaProperties();
    RegistryClient registry = new RegistryClient(RegistryConfig.of(platform.registryUrl()));
    try (var producer = new KafkaProducer<>(kafka, new StringSerializer(), new AvroSerializer<Article>(registry, false))) {
      for (int i = 0; i < RECORDS; i++) {
        producer.send(new ProducerRecord<>(topic, 0, "a-" + i, article("a-" + i)));
      }
      producer.flush();
    }
    EnrichConfig config = EnrichConfig.defaultsFor(stateDir, 1).toBuilder()
        .rawTopic(topic).tagAheadThreads(1).tagAheadRecords(AHEAD).build();
    ArticleTagging tagging = new ArticleTagging(TaxonomyTagger.withDefaultTaxonomy(), Fingerprinter.withDefaults(),
        new AnchorIndexMatcher());
    TopicPartition tp = new TopicPartition(topic, 0);
    Properties fetchProps = KafkaRawArticles.plainConsumer(kafka, "test-stream-thread");
    fetchProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
    AtomicBoolean jitSettled = new AtomicBoolean(false);
    try (TagAhead tagAhead = TagAhead.start(config, tagging, new AvroDeserializer<>(registry, Article.class),
            TagAhead.DEFAULT_MAX_PENDING + AHEAD, kafka, jitSettled::get);
        KafkaConsumer<byte[], byte[]> streamThread = new KafkaConsumer<>(fetchProps, new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      assertThat(tagAhead.readsAhead()).isTrue();
      streamThread.assign(List.of(tp));
      streamThread.seekToBeginning(List.of(tp));

      // The stream thread fetched up to `first` (about 100): the reader reads AHEAD more, not one more.
      long first = fetchAndHandOver(streamThread, tagAhead, 100);
      // Not while the JIT still compiles (JitSettled): nothing is read ahead until it has settled.
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> tagAhead.readAhead() == 0);
      assertThat(tagAhead.highestOffered(0)).isEqualTo(first - 1);
      jitSettled.set(true);
      await().atMost(Duration.ofSeconds(30)).until(() -> tagAhead.highestOffered(0) == first + AHEAD - 1);
      // And stays there: an overshoot would show within half a second.
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
          .until(() -> tagAhead.highestOffered(0) == first + AHEAD - 1);
      assertThat(tagAhead.readAhead()).isEqualTo(AHEAD);

      // It fetches on (records the reader offered already, kept once): the reader follows.
      long second = fetchAndHandOver(streamThread, tagAhead, 150);
      assertThat(second).isLessThanOrEqualTo(first + AHEAD);
      await().atMost(Duration.ofSeconds(30)).until(() -> tagAhead.highestOffered(0) == second + AHEAD - 1);
      assertThat(tagAhead.readAhead()).isEqualTo(second + AHEAD - first);

      // The stream thread takes 0..second-1: every article is served from the workers, none inline.
      for (int i = 0; i < second; i++) {
        ArticleTagging.Analysis a = tagAhead.take(0, i, "a-" + i);
        assertThat(a).as("offset %d", i).isNotNull();
        assertThat(a.result()).isEqualTo(tagging.analyze("a-" + i, article("a-" + i)).result());
      }
      assertThat(tagAhead.served()).isEqualTo(second);
      assertThat(tagAhead.inline()).isZero();
    }
    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
        .as("the reader thread ends with its TagAhead").doesNotContain(config.applicationId() + "-tag-ahead-reader");
  }

  @Test
  void shouldReadNothingAheadWhenRecordsIsZero(TestPlatform platform) {
    EnrichConfig config = EnrichConfig.defaultsFor(stateDir, 1).toBuilder().tagAheadThreads(1).tagAheadRecords(0).build();
    Properties kafka = Settings.of(Map.of(Settings.BOOTSTRAP, platform.bootstrapServers())).kafkaProperties();
    ArticleTagging tagging = new ArticleTagging(TaxonomyTagger.withDefaultTaxonomy(), Fingerprinter.withDefaults(),
        new AnchorIndexMatcher());
    try (TagAhead tagAhead = TagAhead.start(config, tagging, null, kafka)) {
      assertThat(tagAhead.enabled()).isTrue();
      assertThat(tagAhead.readsAhead()).isFalse();
    }
  }

  /** Polls at least {@code count} records as the stream thread would; its position after them. */
  private static long fetchAndHandOver(KafkaConsumer<byte[], byte[]> consumer, TagAhead tagAhead, int count) {
    int got = 0;
    long deadline = System.currentTimeMillis() + 30_000;
    while (got < count && System.currentTimeMillis() < deadline) {
      ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
      got += records.count();
      if (!records.isEmpty()) {
        tagAhead.fetched(records); // what the interceptor does on the stream thread
      }
    }
    assertThat(got).isGreaterThanOrEqualTo(count);
    return consumer.position(consumer.assignment().iterator().next());
  }

  private static Article article(String id) {
    return Article.newBuilder().setId(id).setTitle("Warning shots at the DMZ " + id)
        .setBody("South Korean troops fired warning shots after North Korean soldiers crossed the Military "
            + "Demarcation Line on Tuesday, report " + id + ".")
        .setLang("en").setSource("outlet").setSourceType(SourceType.FILE).setFetchedAt(Instant.EPOCH)
        .setContentHash("").build();
  }
}
