package io.newswatch.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.ingest.IngestMetrics;
import io.newswatch.ingest.NormalizationPool;
import io.newswatch.ingest.StoryCorpus;
import io.newswatch.ingest.kafka.KafkaArticleSink;
import io.newswatch.ingest.normalize.ArticleNormalizer;
import io.newswatch.schemas.registry.InMemorySchemaRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ingest.threads changes how fast a folder is normalized, never what is published. */
@Timeout(120)
class ParallelImportEquivalenceTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
  private static final int VERSIONS = 12;

  @TempDir
  Path tmp;

  @Test
  void shouldPublishByteIdenticalRecordsInTheSameOrderWhenImportedWithOneOrFourThreads() throws IOException {
    Path folder = StoryCorpus.write(tmp.resolve("in"), VERSIONS);

    List<String> one = importWith(1, folder);
    List<String> four = importWith(4, folder);

    assertThat(one).hasSize(StoryCorpus.articles(VERSIONS) + StoryCorpus.DEAD_LETTERS);
    assertThat(one.stream().filter(r -> r.startsWith("raw ")).count()).isEqualTo(StoryCorpus.articles(VERSIONS));
    assertThat(four).containsExactlyElementsOf(one);
  }

  /** Every record the importer published, in order: topic, key and the value's bytes. */
  private static List<String> importWith(int threads, Path folder) {
    MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
        new ByteArraySerializer());
    KafkaArticleSink sink = new KafkaArticleSink(producer, new InMemorySchemaRegistry(), "raw", "rejected", "state");
    try (NormalizationPool pool = NormalizationPool.create(threads, 8, new ArticleNormalizer()::normalize, sink)) {
      DirectoryImporter importer = new DirectoryImporter(pool, ImportLedger.inMemory(),
          new IngestMetrics(new SimpleMeterRegistry()), CLOCK, DirectoryImporter.DEFAULT_MAX_FILE_BYTES, LinkPolicy.NONE);
      ImportReport report = importer.importDirectory(folder);
      assertThat(report.articles()).isEqualTo(StoryCorpus.articles(VERSIONS));
      assertThat(report.rejected()).isEqualTo(StoryCorpus.DEAD_LETTERS);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return producer.history().stream()
        .map(r -> r.topic() + " " + r.key() + " " + HexFormat.of().formatHex(r.value()))
        .toList();
  }
}
